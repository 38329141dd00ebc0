//! One integration as a marketplace card, with its Disconnect.

use leptos::html::{Button, Dialog};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::confirm_dialog::ConfirmDialog;
use super::outcome::{DisconnectResult, Outcome};
use crate::model::Integration;
use crate::state::connections::Connections;

/// A DOM id made from any key.
pub fn dom_id(key: &str) -> String {
    key.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect()
}

/// Where a card's disconnect stands.
#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Idle,
    Working,
    Finished(DisconnectResult),
}

#[component]
pub fn Card(item: Integration, connection_label: String) -> impl IntoView {
    let phase = RwSignal::new(Phase::Idle);
    let dialog = NodeRef::<Dialog>::new();
    let disconnect_button = NodeRef::<Button>::new();
    let title_id = format!("unplug-card-{}", dom_id(&item.key()));
    let labelled_by = title_id.clone();
    // Absent only where a card is mounted alone (component tests).
    let connection = use_context::<Connections>().and_then(|all| all.find(&item.connection_id));
    let confirmed = {
        let item = item.clone();
        move |()| {
            let Some(state) = connection else { return };
            phase.set(Phase::Working);
            let item = item.clone();
            spawn_local(async move {
                phase.set(Phase::Finished(state.disconnect(item).await));
                if let Some(button) = disconnect_button.get_untracked() {
                    let _ = button.focus();
                }
            });
        }
    };
    let disconnected = move || matches!(phase.get(), Phase::Finished(Ok(_)));
    let open_dialog = move |_| {
        if let Some(dialog) = dialog.get() {
            let _ = dialog.show_modal();
        }
    };
    let Integration { platform, name, kind, status, status_word, created_by, created_at, fields, .. } = item.clone();
    view! {
        <article
            class="unplug-card"
            aria-labelledby=labelled_by
            data-platform=platform.slug()
            data-status=status.slug()
            data-disconnected=move || disconnected().to_string()
        >
            <header class="unplug-card__header">
                <span class="unplug-card__logo" aria-hidden="true">{platform.label().chars().next()}</span>
                <span class="unplug-card__source">{format!("{} · {}", platform.label(), connection_label)}</span>
            </header>
            <h3 id=title_id class="unplug-card__title">{name}</h3>
            <p class="unplug-card__meta">
                <span class="unplug-card__kind">{kind.label()}</span>
                <span class="unplug-card__status">{format!("{} ({status_word})", status.label())}</span>
            </p>
            <dl class="unplug-card__fields">
                {created_by.map(|by| view! { <dt>"Created by"</dt><dd>{by}</dd> })}
                {created_at.map(|at| view! { <dt>"Created"</dt><dd>{at}</dd> })}
                {fields.into_iter().map(|field| view! { <dt>{field.label}</dt><dd>{field.value}</dd> }).collect_view()}
            </dl>
            <button
                type="button"
                class="unplug-button--danger"
                node_ref=disconnect_button
                on:click=open_dialog
                disabled=move || matches!(phase.get(), Phase::Working) || disconnected()
                aria-busy=move || matches!(phase.get(), Phase::Working).to_string()
            >
                {move || if matches!(phase.get(), Phase::Working) { "Disconnecting…" } else { "Disconnect" }}
            </button>
            <ConfirmDialog item connection_label dialog on_confirm=confirmed />
            {move || match phase.get() {
                Phase::Finished(result) => Some(view! { <Outcome result /> }),
                _ => None,
            }}
        </article>
    }
}
