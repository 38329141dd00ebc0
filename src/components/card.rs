//! One integration as a marketplace card: its facts, its Disconnect, and how that ended.

use leptos::html::{Button, Dialog};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::confirm_dialog::ConfirmDialog;
use super::copy_button::CopyButton;
use super::modal;
use super::detail_panel::{DetailPanel, Details};
use super::outcome::{DisconnectResult, Outcome};
use crate::api::Disconnected;
use crate::api::call::Exchange;
use crate::model::{Integration, readable_time};
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

impl Phase {
    fn is_gone(&self) -> bool {
        matches!(self, Phase::Finished(Ok(_)))
    }

    fn failed(&self) -> bool {
        matches!(self, Phase::Finished(Err(_)))
    }
}

#[component]
pub fn Card(item: Integration, connection_label: String) -> impl IntoView {
    // Absent only where a card is mounted alone (component tests).
    let connection = use_context::<Connections>().and_then(|all| all.find(&item.connection_id));
    let phase = RwSignal::new(Phase::Idle);
    let details = RwSignal::new(Details::NotLoaded);
    let last_exchange = RwSignal::new(None::<Exchange>);
    let confirm = NodeRef::<Dialog>::new();
    let detail = NodeRef::<Dialog>::new();
    let disconnect_button = NodeRef::<Button>::new();
    let title_id = format!("unplug-card-{}", dom_id(&item.key()));
    let labelled_by = title_id.clone();

    let disconnect = {
        let item = item.clone();
        move || {
            let Some(state) = connection else { return };
            if matches!(phase.get_untracked(), Phase::Working) {
                return; // one request at a time, whatever is clicked
            }
            phase.set(Phase::Working);
            let item = item.clone();
            spawn_local(async move {
                let result = state.disconnect(item).await;
                last_exchange.set(Some(match &result {
                    Ok(Disconnected::Removed(exchange) | Disconnected::AlreadyGone(exchange)) => exchange.clone(),
                    Err(error) => error.exchange.clone(),
                }));
                phase.set(Phase::Finished(result));
                if let Some(button) = disconnect_button.get_untracked() {
                    let _ = button.focus();
                }
            });
        }
    };
    let open_details = {
        let item = item.clone();
        move |_| {
            modal::open(detail);
            let (Some(state), Details::NotLoaded | Details::Failed(_)) = (connection, details.get_untracked()) else {
                return;
            };
            details.set(Details::Loading);
            let item = item.clone();
            spawn_local(async move {
                details.set(match state.details(item).await {
                    Ok((rows, exchange)) => {
                        last_exchange.set(Some(exchange));
                        Details::Loaded(rows)
                    }
                    Err(error) => {
                        last_exchange.set(Some(error.exchange.clone()));
                        Details::Failed(error)
                    }
                });
            });
        }
    };
    let working = move || matches!(phase.get(), Phase::Working);
    let gone = move || phase.with(Phase::is_gone);
    let dismiss = {
        let key = item.key();
        move |_| {
            if let Some(state) = connection {
                state.dismiss(&key);
            }
        }
    };
    let retry = disconnect.clone();
    let confirmed = disconnect.clone();
    let Integration { platform, name, kind, status, status_word, created_by, created_at, fields, .. } = item.clone();
    view! {
        <article
            class="unplug-card"
            aria-labelledby=labelled_by
            data-platform=platform.slug()
            data-status=status.slug()
            data-disconnected=move || gone().to_string()
        >
            <header class="unplug-card__header">
                <span class="unplug-card__logo" aria-hidden="true">{platform.label().chars().next()}</span>
                <span class="unplug-card__source">{format!("{} · {}", platform.label(), connection_label)}</span>
            </header>
            <h3 id=title_id class="unplug-card__title">
                <button type="button" class="unplug-card__name" aria-haspopup="dialog" on:click=open_details>
                    {name}
                </button>
            </h3>
            <p class="unplug-card__meta">
                <span class="unplug-card__kind">{kind.label()}</span>
                <span class="unplug-card__status">
                    {move || if gone() { "Disconnected".to_owned() } else { format!("{} ({status_word})", status.label()) }}
                </span>
            </p>
            <dl class="unplug-card__fields">
                {created_by.map(|by| view! { <dt>"Created by"</dt><dd>{by}</dd> })}
                {created_at.map(|at| view! { <dt>"Created"</dt><dd>{readable_time(&at)}</dd> })}
                {fields
                    .into_iter()
                    .map(|field| {
                        let copy = field.copyable.then(|| view! { <CopyButton value=field.value.clone() label=field.label /> });
                        view! { <dt>{field.label}</dt><dd>{field.value}{copy}</dd> }
                    })
                    .collect_view()}
            </dl>
            <div class="unplug-card__actions">
                <button
                    type="button"
                    class="unplug-button--danger"
                    node_ref=disconnect_button
                    on:click=move |_| modal::open(confirm)
                    disabled=move || working() || gone()
                    aria-busy=move || working().to_string()
                    title=move || gone().then_some("Already disconnected")
                >
                    {move || if working() { "Disconnecting…" } else { "Disconnect" }}
                </button>
                <Show when=move || phase.with(Phase::failed)>
                    <button type="button" on:click={
                        let retry = retry.clone();
                        move |_| retry()
                    }>"Retry"</button>
                </Show>
                <Show when=gone>
                    <button type="button" on:click=dismiss.clone()>"Dismiss"</button>
                </Show>
            </div>
            <ConfirmDialog item=item.clone() connection_label dialog=confirm on_confirm=move |()| confirmed() />
            <DetailPanel
                item
                dialog=detail
                details
                last_exchange
                on_disconnect=move |()| modal::open(confirm)
                disconnect_disabled=Signal::derive(move || working() || gone())
            />
            {move || match phase.get() {
                Phase::Finished(result) => Some(view! { <Outcome result /> }),
                _ => None,
            }}
        </article>
    }
}
