//! One integration as a marketplace card: its platform's logo, its name and connection, its kind
//! and status, the few facts that tell it apart, its selection box, its Disconnect, and how that
//! ended. Everything else is in its detail panel. Its state lives in the shared item store, so
//! the card can come and go as the list scrolls.

use crate::i18n::{t, tf};
use std::sync::Arc;

use leptos::prelude::*;

use super::element_id::element_id;
use super::row_controls::RowControls;
use super::switch_button::SwitchButton;

use super::fields::FieldRows;
use super::last_activity::LastActivityText;
use super::logo::Logo;
use super::outcome::Outcome;
use crate::api::{Action, Done};
use crate::bulk::queue::Bulk;
use crate::components::actions::CardActions;
use crate::finding::filter::Row;
use crate::model::Integration;
use crate::state::items::Phase;

/// The status as a card's pill or a table row reads it: the shared word, and the platform's own
/// only where it says more.
pub fn status_text(phase: &Phase, item: &Integration) -> String {
    match phase {
        Phase::Finished(Ok(Done::Removed(_) | Done::AlreadyGone(_))) => t("Disconnected").to_owned(),
        Phase::Queued => t("Queued for removal").to_owned(),
        _ => match item.own_status_word() {
            Some(word) => format!("{} ({word})", item.status.label()),
            None => item.status.label().to_owned(),
        },
    }
}

/// The checkbox that selects an item for a bulk run; shift-click selects a range.
#[component]
pub fn SelectBox(row: Arc<Row>) -> impl IntoView {
    let bulk = use_context::<Bulk>()?;
    let order = use_context::<CardActions>().map(|actions| actions.order);
    let key = row.key();
    let name = row.item.name.clone();
    let checked_key = key.clone();
    let checked = move || bulk.selected.with(|selected| selected.contains(&checked_key));
    let toggle = move |event: leptos::ev::MouseEvent| {
        let checked = event_target_checked(&event);
        let shown = order.map(|order| order.get_untracked()).unwrap_or_default();
        bulk.toggle(&key, checked, event.shift_key(), &shown);
    };
    Some(view! {
        <input
            type="checkbox"
            class="unplug-select"
            aria-label=move || tf("Select {name}", &[("name", &name)])
            prop:checked=checked
            on:click=toggle
        />
    })
}

#[component]
pub fn Card(row: Arc<Row>) -> impl IntoView {
    let controls = RowControls::new(row.clone());
    let phase = controls.state.phase;
    let title_id = element_id(&format!("card-{}", row.key()));
    let labelled_by = title_id.clone();

    let busy = move || phase.with(Phase::is_busy);
    let action = controls.state.action;
    // "Disconnecting…" only for a disconnect: a switch on its way says so on its own button.
    let working = move || busy() && action.get() == Action::Disconnect;
    let gone = move || phase.with(Phase::is_gone);
    let retry = controls.on(RowControls::retry);
    let ask = controls.on(RowControls::ask_to_disconnect);
    let open_details = controls.on(RowControls::open_details);
    let dismiss = controls.on(RowControls::dismiss);
    let item = row.item.clone();
    let facts: Vec<_> = item.facts().cloned().collect();
    let (platform, name, kind, status) = (item.platform, item.name.clone(), item.kind, item.status);
    view! {
        <article
            class="unplug-card"
            aria-labelledby=labelled_by
            data-platform=platform.slug()
            data-status=status.slug()
            data-disconnected=move || gone().to_string()
        >
            <header class="unplug-card__header">
                <Logo platform />
                <div class="unplug-card__heading">
                    <h3 id=title_id class="unplug-card__title">
                        <button type="button" class="unplug-card__name" aria-haspopup="dialog" on:click=open_details>
                            {name}
                        </button>
                    </h3>
                    // Several connections of one platform may be listed: the logo says which platform.
                    <p class="unplug-card__connection">{row.connection_label.clone()}</p>
                </div>
                <SelectBox row=row.clone() />
            </header>
            <p class="unplug-card__meta">
                <span class="unplug-card__kind">{move || kind.label()}</span>
                <span class="unplug-card__status">{move || phase.with(|phase| status_text(phase, &item))}</span>
            </p>
            <dl class="unplug-fields unplug-card__facts">
                <FieldRows fields=facts />
                <dt>{move || t("Last activity")}</dt><dd><LastActivityText item=row.item.clone() /></dd>
            </dl>
            <div class="unplug-card__actions">
                <button
                    type="button"
                    class="unplug-button--danger"
                    on:click=ask
                    disabled=move || busy() || gone()
                    aria-busy=move || working().to_string()
                    title=move || gone().then(|| t("Already disconnected"))
                >
                    {move || if working() { t("Disconnecting…") } else { t("Disconnect") }}
                </button>
                <SwitchButton controls=controls.clone() />
                {controls.undo_window()}
                <Show when=move || phase.with(Phase::failed)>
                    <button type="button" on:click=retry.clone()>{move || t("Retry")}</button>
                </Show>
                <Show when=gone>
                    <button type="button" on:click=dismiss.clone()>{move || t("Dismiss")}</button>
                </Show>
            </div>
            {move || match phase.get() {
                Phase::Finished(result) => Some(view! { <Outcome result /> {controls.receipt()} }),
                _ => None,
            }}
        </article>
    }
}
