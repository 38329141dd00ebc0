//! The console: connections, a status strip per connection, and one grid of cards.

use leptos::prelude::*;

use super::activity::ActivityView;
use super::connections::ConnectionsView;
use crate::components::card::Card;
use crate::components::outcome::FailureNotice;
use crate::state::connections::{ConnectionState, Load, expect_connections};

/// The console's top-level views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Integrations,
    Connections,
    Activity,
}

impl Tab {
    const ALL: [Tab; 3] = [Tab::Integrations, Tab::Connections, Tab::Activity];

    fn label(self) -> &'static str {
        match self {
            Tab::Integrations => "Integrations",
            Tab::Connections => "Connections",
            Tab::Activity => "Activity",
        }
    }
}

/// Which view is open; any view may switch it ("open Connections").
#[derive(Clone, Copy)]
pub struct Navigation(pub RwSignal<Tab>);

pub fn expect_navigation() -> Navigation {
    expect_context::<Navigation>()
}

#[component]
pub fn Console() -> impl IntoView {
    let navigation = Navigation(RwSignal::new(Tab::Integrations));
    provide_context(navigation);
    let tab = navigation.0;
    view! {
        <div class="unplug">
            <header class="unplug-header">
                <h1 class="unplug-header__title">"Unplug"</h1>
                <nav class="unplug-tabs" role="tablist" aria-label="Views">
                    {Tab::ALL
                        .into_iter()
                        .map(|each| view! {
                            <button
                                type="button"
                                role="tab"
                                class="unplug-tabs__tab"
                                id=format!("unplug-tab-{}", each.label().to_lowercase())
                                aria-selected=move || (tab.get() == each).to_string()
                                on:click=move |_| tab.set(each)
                            >
                                {each.label()}
                            </button>
                        })
                        .collect_view()}
                </nav>
            </header>
            // Every view stays mounted and only the open one shows: switching views must not
            // forget a card's outcome (a disconnected card would read as connected again) or
            // a half-typed sign-in form.
            <main class="unplug-main" role="tabpanel" aria-label=move || tab.get().label()>
                <div class="unplug-view" hidden=move || tab.get() != Tab::Integrations><Inventory /></div>
                <div class="unplug-view" hidden=move || tab.get() != Tab::Connections><ConnectionsView /></div>
                <div class="unplug-view" hidden=move || tab.get() != Tab::Activity><ActivityView /></div>
            </main>
        </div>
    }
}

/// Every card of every connected connection, with one status strip per connection.
#[component]
fn Inventory() -> impl IntoView {
    let connections = expect_connections();
    // Memoised: the grid, the skeletons and the empty state all read it, and it is built once
    // per change of any list.
    let cards = Memo::new(move |_| {
        connections
            .all()
            .into_iter()
            .flat_map(|state| {
                let label = state.label();
                state.load.with(|load| load.shown().iter().map(|item| (item.clone(), label.clone())).collect::<Vec<_>>())
            })
            .collect::<Vec<_>>()
    });
    let refresh_all = move |_| connections.all().into_iter().for_each(ConnectionState::refresh);
    // Reads each state in place rather than cloning its whole list.
    let loading = Memo::new(move |_| {
        connections.all().iter().any(|state| state.load.with(|load| matches!(load, Load::Loading { .. })))
    });
    let no_cards = move || cards.with(Vec::is_empty);
    view! {
        <section class="unplug-inventory" aria-labelledby="unplug-inventory-title">
            <div class="unplug-inventory__bar">
                <h2 id="unplug-inventory-title">"Integrations"</h2>
                <button type="button" on:click=refresh_all>"Refresh"</button>
            </div>
            <ul class="unplug-strips">
                {connections.all().into_iter().map(|state| view! { <StatusStrip state /> }).collect_view()}
            </ul>
            <div class="unplug-grid" aria-busy=move || loading.get().to_string()>
                <For
                    each=move || cards.get()
                    key=|(item, _)| item.key()
                    children=|(item, connection_label)| view! { <Card item connection_label /> }
                />
                {move || (loading.get() && no_cards()).then(|| (0..3).map(|_| view! { <div class="unplug-card unplug-card--skeleton" aria-hidden="true"></div> }).collect_view())}
            </div>
            <Show when=move || !loading.get() && no_cards()>
                <p class="unplug-empty">
                    {move || if connections.all().iter().any(|state| state.session.with(Option::is_some)) {
                        "No integrations on the connected connections."
                    } else {
                        "Not connected — open Connections to sign in."
                    }}
                </p>
            </Show>
        </section>
    }
}

/// One line per connection: loading, how many loaded, or its own error with Retry.
#[component]
fn StatusStrip(state: ConnectionState) -> impl IntoView {
    let navigation = expect_navigation();
    let label = state.label();
    view! {
        <li class="unplug-strip" data-connection=state.id()>
            <span class="unplug-strip__label">{label}</span>
            {move || match state.load.get() {
                Load::NotConnected => view! {
                    <span>"Not connected — "</span>
                    <button type="button" class="unplug-link" on:click=move |_| navigation.0.set(Tab::Connections)>
                        "open Connections"
                    </button>
                }
                .into_any(),
                Load::Loading { read, total, .. } => {
                    let text = match total {
                        Some(total) => format!("Loading… {read} of {total} loaded"),
                        None if read > 0 => format!("Loading… {read} loaded"),
                        None => "Loading…".to_owned(),
                    };
                    view! { <span role="status">{text}</span> }.into_any()
                }
                Load::Loaded(items) if items.is_empty() => {
                    view! { <span role="status">"No integrations on this connection"</span> }.into_any()
                }
                Load::Loaded(items) => {
                    view! { <span role="status">{format!("{0} of {0} loaded", items.len())}</span> }.into_any()
                }
                Load::Failed(error) => view! {
                    <FailureNotice error />
                    <button type="button" on:click=move |_| state.refresh()>"Retry"</button>
                }
                .into_any(),
            }}
        </li>
    }
}
