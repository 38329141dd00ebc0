//! What a card or a table row does with its integration: ask to disconnect, open its details,
//! retry, switch it off or on, undo, dismiss, and its receipt.

use std::sync::Arc;

use leptos::prelude::*;

use super::receipt_buttons::ReceiptButtons;
use super::undo::UndoCountdown;
use crate::api::Action;
use crate::bulk::queue::Bulk;
use crate::components::actions::CardActions;
use crate::finding::filter::Row;
use crate::model::Status;
use crate::state::connections::{ConnectionState, Connections};
use crate::state::items::{ItemState, Phase, use_items};

/// What a card or a table row does with its integration, from the contexts around it (absent
/// only where a card is mounted alone, in component tests). Cheap to clone into each handler.
#[derive(Clone)]
pub struct RowControls {
    row: Arc<Row>,
    connection: Option<ConnectionState>,
    bulk: Option<Bulk>,
    actions: Option<CardActions>,
    pub state: ItemState,
}

impl RowControls {
    pub fn new(row: Arc<Row>) -> Self {
        let connection = use_context::<Connections>().and_then(|all| all.find(&row.item.connection_id));
        let state = use_items().get(&row.key());
        RowControls { row, connection, bulk: use_context::<Bulk>(), actions: use_context::<CardActions>(), state }
    }

    /// Opens the shared confirmation.
    pub fn ask_to_disconnect(&self) {
        if let Some(actions) = self.actions {
            actions.ask_to_disconnect(self.row.clone());
        }
    }

    pub fn open_details(&self) {
        if let Some(actions) = self.actions {
            actions.open_details(self.row.key());
        }
    }

    /// Does the last action again, without asking (it was confirmed before).
    pub fn retry(&self) {
        if let Some(bulk) = self.bulk {
            bulk.act_one(self.row.clone(), self.state.action.get_untracked());
        }
    }

    /// Disable for an integration that is on, Enable for one that is off, where the platform
    /// documents a switch; `None` elsewhere.
    pub fn switch_action(&self) -> Option<Action> {
        let item = &self.row.item;
        if !self.connection?.can_switch(item) {
            return None;
        }
        match item.status {
            Status::Active => Some(Action::Disable),
            Status::Disabled => Some(Action::Enable),
            _ => None,
        }
    }

    /// Turns the integration off or on (no confirmation: the other button undoes it).
    pub fn switch(&self) {
        if let (Some(bulk), Some(action)) = (self.bulk, self.switch_action()) {
            bulk.act_one(self.row.clone(), action);
        }
    }

    /// Keeps the integration: nothing was sent yet.
    pub fn undo(&self) {
        if let Some(bulk) = self.bulk {
            bulk.undo_one(&self.row);
        }
    }

    /// The countdown and Undo while the disconnect waits out its undo window.
    pub fn undo_window(&self) -> impl Fn() -> Option<AnyView> + use<> {
        let controls = self.clone();
        move || match controls.state.phase.get() {
            Phase::Undoable { ends_at_ms } => {
                let controls = controls.clone();
                Some(view! { <UndoCountdown ends_at_ms on_undo=move |()| controls.undo() /> }.into_any())
            }
            _ => None,
        }
    }

    /// Download receipt of the last action, once one settled.
    pub fn receipt(&self) -> Option<impl IntoView + use<>> {
        let (bulk, key) = (self.bulk?, self.row.key());
        Some(view! { <ReceiptButtons entries=Signal::derive(move || bulk.item_receipt(&key)) /> })
    }

    pub fn dismiss(&self) {
        if let Some(connection) = self.connection {
            connection.dismiss(&std::iter::once(self.row.key()).collect());
        }
    }

    /// A click handler running `act` on these controls.
    pub fn on(&self, act: fn(&RowControls)) -> impl Fn(leptos::ev::MouseEvent) + Clone + use<> {
        let controls = self.clone();
        move |_| act(&controls)
    }
}
