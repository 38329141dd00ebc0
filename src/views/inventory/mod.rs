//! The Integrations view: status strips, search and filters, the selection bar and bulk queue,
//! the cards or table, and the one confirmation dialog and detail panel they share.

mod bulk;
mod impact;
mod lists;
mod results;
mod strip;
mod toolbar;
pub mod window;

use crate::i18n::t;
use std::sync::Arc;

use leptos::html::Dialog;
use leptos::prelude::*;

use crate::components::element_id::element_id;

use self::bulk::{BulkBar, BulkPanel};
use self::lists::{Lists, read_every_last_activity_when_used};
use self::results::{CardGrid, Table};
use self::strip::StatusStrip;
use self::toolbar::Toolbar;
use crate::api::Action;
use crate::bulk::queue::{expect_bulk, provide_bulk};
use crate::components::actions::CardActions;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::detail_panel::DetailPanel;
use crate::components::modal;
use crate::finding::filter::Row;
use crate::finding::query::ViewMode;
use crate::state::connections::{ConnectionState, Load, expect_connections};
use crate::state::items::use_items;
use crate::state::url::expect_view_state;

#[component]
pub fn Inventory() -> impl IntoView {
    let connections = expect_connections();
    let view_state = expect_view_state();
    let items = use_items();
    let bulk = provide_bulk(connections, items);
    let Lists { all, shown, counts } = Lists::new(connections, view_state);
    read_every_last_activity_when_used(connections, view_state);
    let actions = CardActions::new(view_state, shown);
    provide_context(actions);

    let refresh_all = move |_| connections.all().into_iter().for_each(ConnectionState::refresh);
    let loading = Memo::new(move |_| connections.all().iter().any(|state| state.load.with(Load::is_loading)));
    let nothing_loaded = move || all.with(Vec::is_empty);
    let nothing_shown = move || shown.with(Vec::is_empty);
    // A memo: the grid or table is rebuilt when the view changes, not on every keystroke.
    let mode = Memo::new(move |_| view_state.0.with(|query| query.view));
    let title_id = element_id("inventory-title");
    let labelled_by = title_id.clone();
    view! {
        <section class="unplug-inventory" aria-labelledby=labelled_by>
            <div class="unplug-inventory__bar">
                <h2 id=title_id>{move || t("Integrations")}</h2>
                <button type="button" on:click=refresh_all>{move || t("Refresh")}</button>
            </div>
            <ul class="unplug-strips">
                {connections.all().into_iter().map(|state| view! { <StatusStrip state /> }).collect_view()}
            </ul>
            <Toolbar all shown counts />
            <BulkBar all shown />
            <BulkPanel />
            // Said once at the start and once at the end of an undo window, not every second.
            <p class="unplug-visually-hidden" role="status" aria-live="polite">{move || bulk.announcement.get()}</p>
            <div class="unplug-results" aria-busy=move || loading.get().to_string()>
                {move || match mode.get() {
                    ViewMode::Cards => view! { <CardGrid shown /> }.into_any(),
                    ViewMode::Table => view! { <Table shown /> }.into_any(),
                }}
                {move || (loading.get() && nothing_loaded()).then(|| view! {
                    <div class="unplug-grid" aria-hidden="true">
                        {(0..3).map(|_| view! { <div class="unplug-card unplug-card--skeleton"></div> }).collect_view()}
                    </div>
                })}
            </div>
            <Show when=move || !loading.get() && nothing_loaded()>
                <p class="unplug-empty">
                    {move || if connections.all().iter().any(|state| state.session.with(Option::is_some)) {
                        t("No integrations on the connected connections.")
                    } else {
                        t("Not connected — open Connections to sign in.")
                    }}
                </p>
            </Show>
            <Show when=move || !nothing_loaded() && nothing_shown()>
                <div class="unplug-empty">
                    <p>{move || t("No integrations match the search and filters.")}</p>
                    <button type="button" on:click=move |_| view_state.change(crate::state::url::Step::Push, |query| *query = query.cleared())>
                        {move || t("Clear filters")}
                    </button>
                </div>
            </Show>
            <SharedConfirm actions />
            <SharedDetails all actions />
        </section>
    }
}

/// The confirmation dialog every card and row opens.
#[component]
fn SharedConfirm(actions: CardActions) -> impl IntoView {
    let connections = expect_connections();
    let bulk = expect_bulk();
    move || {
        actions.confirming.get().and_then(|row| {
            let connection = connections.find(&row.item.connection_id)?;
            let what_it_does = connection.what_disconnect_does();
            let impact = impact::read_impact(&row)?;
            let confirmed = row.clone();
            let confirm = move |()| bulk.act_one(confirmed.clone(), Action::Disconnect);
            let on_disable = bulk.applies(&row, Action::Disable).then(|| {
                let row = row.clone();
                Callback::new(move |()| bulk.act_one(row.clone(), Action::Disable))
            });
            Some(view! {
                <ConfirmDialog item=row.item.clone() connection_label=row.connection_label.to_string() what_it_does dialog=actions.confirm_dialog impact on_confirm=confirm on_disable />
            })
        })
    }
}

/// The detail panel of the integration the URL's `detail` names, opened once it is loaded.
#[component]
fn SharedDetails(all: Memo<Vec<Arc<Row>>>, actions: CardActions) -> impl IntoView {
    let view_state = expect_view_state();
    let connections = expect_connections();
    let items = use_items();
    let navigation = crate::state::navigation::expect_navigation();
    let dialog = NodeRef::<Dialog>::new();
    let open_row = Memo::new_with_compare(
        move |_| {
            let key = view_state.0.with(|query| query.detail.clone())?;
            all.with(|rows| rows.iter().find(|row| row.key() == key).cloned())
        },
        // By key: a reloaded or completed list rebuilds every row, which must not rebuild (and
        // reopen) the panel.
        |old: Option<&Option<Arc<Row>>>, new: Option<&Option<Arc<Row>>>| match (old, new) {
            (Some(Some(a)), Some(Some(b))) => a.key() != b.key(),
            (Some(None), Some(None)) => false,
            _ => true,
        },
    );
    // Opens when a row is named (by a click or by the URL), closes when the URL drops it.
    Effect::new(move |_| match open_row.get() {
        Some(row) => {
            if let Some(connection) = connections.find(&row.item.connection_id) {
                items.get(&row.key()).load_details(connection, row.item.as_ref().clone());
            }
            // A link may name it before Integrations is the open view.
            navigation.0.set(crate::state::navigation::Tab::Integrations);
            request_animation_frame(move || {
                if dialog.get_untracked().is_some_and(|element| !element.open()) {
                    modal::open(dialog);
                }
            });
        }
        None => modal::close(dialog),
    });
    move || {
        open_row.get().map(|row| {
            let state = items.get(&row.key());
            let ask_row = row.clone();
            view! {
                <DetailPanel
                    item=row.item.clone()
                    dialog
                    details=state.details
                    last_exchange=state.last_exchange
                    on_disconnect=move |()| actions.ask_to_disconnect(ask_row.clone())
                    on_close=move |()| actions.close_details()
                    disconnect_disabled=Signal::derive(move || state.phase.with(|phase| phase.is_busy() || phase.is_gone()))
                />
            }
        })
    }
}
