//! Per-integration state that must outlive its card: only the cards on screen are mounted, so a
//! card scrolled away and back, or switched to the table, must find its outcome and details.

use std::collections::HashMap;

use leptos::prelude::*;

use leptos::task::spawn_local;

use crate::api::call::{CallError, Exchange};
use crate::api::{Action, Done};
use crate::model::Integration;
use crate::state::connections::ConnectionState;

/// The result of one action, as the card shows it.
pub type ActionResult = Result<Done, CallError>;

/// Where the lazily loaded record of the detail panel stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Details {
    NotLoaded,
    Loading,
    Loaded(Vec<(String, String)>),
    Failed(CallError),
}

/// Where an integration's disconnect stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Idle,
    /// Confirmed, and nothing is sent before this time (ms since the epoch): Undo still keeps it.
    Undoable {
        ends_at_ms: u64,
    },
    /// Selected into a bulk run and not sent yet.
    Queued,
    Working,
    Finished(ActionResult),
}

impl Phase {
    pub fn is_gone(&self) -> bool {
        matches!(self, Phase::Finished(Ok(Done::Removed(_) | Done::AlreadyGone(_))))
    }

    pub fn failed(&self) -> bool {
        matches!(self, Phase::Finished(Err(_)))
    }

    pub fn is_busy(&self) -> bool {
        matches!(self, Phase::Undoable { .. } | Phase::Queued | Phase::Working)
    }
}

/// One integration's signals; `Copy`.
#[derive(Clone, Copy)]
pub struct ItemState {
    pub phase: RwSignal<Phase>,
    pub details: RwSignal<Details>,
    pub last_exchange: RwSignal<Option<Exchange>>,
    /// What was last asked of it: what Retry does again.
    pub action: RwSignal<Action>,
}

impl ItemState {
    /// Keeps a finished call's outcome and the exchange that shows it.
    pub fn finish(self, result: ActionResult) {
        self.last_exchange.set(Some(match &result {
            Ok(done) => done.exchange().clone(),
            Err(CallError { exchange, .. }) => exchange.clone(),
        }));
        self.phase.set(Phase::Finished(result));
    }
}

impl ItemState {
    /// Loads the platform's full record for the detail panel, once, or again after a failure.
    pub fn load_details(self, connection: ConnectionState, item: Integration) {
        if !matches!(self.details.get_untracked(), Details::NotLoaded | Details::Failed(_)) {
            return;
        }
        self.details.set(Details::Loading);
        spawn_local(async move {
            let loaded = match connection.details(item).await {
                Ok((rows, exchange)) => {
                    self.last_exchange.set(Some(exchange));
                    Details::Loaded(rows)
                }
                Err(error) => {
                    self.last_exchange.set(Some(error.exchange.clone()));
                    Details::Failed(error)
                }
            };
            self.details.set(loaded);
        });
    }
}

/// Every integration's state, made on first use and owned by the console, not by a card.
#[derive(Clone, Copy)]
pub struct Items {
    owner: StoredValue<Owner, LocalStorage>,
    by_key: StoredValue<HashMap<String, ItemState>, LocalStorage>,
}

impl Items {
    pub fn get(&self, key: &str) -> ItemState {
        if let Some(state) = self.by_key.with_value(|all| all.get(key).copied()) {
            return state;
        }
        let state = self.owner.with_value(|owner| {
            owner.with(|| ItemState {
                phase: RwSignal::new(Phase::Idle),
                details: RwSignal::new(Details::NotLoaded),
                last_exchange: RwSignal::new(None),
                action: RwSignal::new(Action::Disconnect),
            })
        });
        self.by_key.update_value(|all| {
            all.insert(key.to_owned(), state);
        });
        state
    }
}

pub fn provide_items() -> Items {
    let owner = Owner::current().unwrap_or_default();
    let items = Items { owner: StoredValue::new_local(owner), by_key: StoredValue::new_local(HashMap::new()) };
    provide_context(items);
    items
}

/// The console's store, or a fresh one where a card is mounted alone (component tests).
pub fn use_items() -> Items {
    use_context::<Items>().unwrap_or_else(provide_items)
}
