//! The console: connections, a status strip per connection, and one grid of cards.

use leptos::prelude::*;

use super::connections::ConnectionsView;
use crate::components::card::Card;
use crate::components::outcome::FailureNotice;
use crate::state::connections::{ConnectionState, Load, expect_connections};

#[component]
pub fn Console() -> impl IntoView {
    let connections = expect_connections();
    let cards = move || {
        connections
            .all()
            .into_iter()
            .flat_map(|state| match state.load.get() {
                Load::Loaded(items) => {
                    let label = state.label();
                    items.into_iter().map(|item| (item, label.clone())).collect()
                }
                _ => Vec::new(),
            })
            .collect::<Vec<_>>()
    };
    let refresh_all = move |_| connections.all().into_iter().for_each(ConnectionState::refresh);
    view! {
        <div class="unplug">
            <header class="unplug-header">
                <h1 class="unplug-header__title">"Unplug"</h1>
                <p class="unplug-header__tagline">"Third-party integrations, and their Disconnect"</p>
            </header>
            <main class="unplug-main">
                <ConnectionsView />
                <section class="unplug-inventory" aria-labelledby="unplug-inventory-title">
                    <div class="unplug-inventory__bar">
                        <h2 id="unplug-inventory-title">"Integrations"</h2>
                        <button type="button" on:click=refresh_all>"Refresh"</button>
                    </div>
                    <ul class="unplug-strips">
                        {connections.all().into_iter().map(|state| view! { <StatusStrip state /> }).collect_view()}
                    </ul>
                    <div class="unplug-grid">
                        <For
                            each=cards
                            key=|(item, _)| item.key()
                            children=|(item, connection_label)| view! { <Card item connection_label /> }
                        />
                    </div>
                </section>
            </main>
        </div>
    }
}

/// One line per connection: loading, how many loaded, or its own error with Retry.
#[component]
fn StatusStrip(state: ConnectionState) -> impl IntoView {
    let label = state.label();
    view! {
        <li class="unplug-strip" data-connection=state.id()>
            <span class="unplug-strip__label">{label}</span>
            {move || match state.load.get() {
                Load::NotConnected => view! { <span>"Not connected — open Connections"</span> }.into_any(),
                Load::Loading => view! { <span role="status">"Loading…"</span> }.into_any(),
                Load::Loaded(items) if items.is_empty() => {
                    view! { <span role="status">"No integrations on this connection"</span> }.into_any()
                }
                Load::Loaded(items) => view! { <span role="status">{format!("{} loaded", items.len())}</span> }.into_any(),
                Load::Failed(error) => view! {
                    <FailureNotice error />
                    <button type="button" on:click=move |_| state.refresh()>"Retry"</button>
                }
                .into_any(),
            }}
        </li>
    }
}
