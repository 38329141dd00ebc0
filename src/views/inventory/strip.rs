//! One line per connection above the results: loading, how many loaded, or its own error.

use crate::i18n::{number, t, tf};
use leptos::prelude::*;

use crate::api::call::CallError;
use crate::api::provider::ListNote;
use crate::components::outcome::FailureNotice;
use crate::state::connections::{ConnectionState, Load};
use crate::state::navigation::{Tab, expect_navigation};

/// What the strip shows, read from the load without copying its list.
#[derive(Clone, Debug, PartialEq)]
enum Line {
    NotConnected,
    Status(String),
    Failed(CallError),
}

fn line(load: &Load, platform: &str) -> Line {
    match load {
        Load::NotConnected => Line::NotConnected,
        Load::Loading { read, waiting_secs: Some(secs), .. } => Line::Status(tf(
            "Waiting {seconds} s for {platform}'s rate limit… {read} loaded",
            &[("seconds", secs), ("platform", &platform), ("read", &number(*read))],
        )),
        Load::Loading { read, total, .. } => Line::Status(match total {
            Some(total) => tf(
                "Loading… {read} of {total} loaded",
                &[("read", &number(*read)), ("total", &number(*total as usize))],
            ),
            None if *read > 0 => tf("Loading… {read} loaded", &[("read", &number(*read))]),
            None => t("Loading…").to_owned(),
        }),
        Load::Loaded(items) if items.is_empty() => Line::Status(t("No integrations on this connection").to_owned()),
        Load::Loaded(items) => Line::Status(tf("{count} of {count} loaded", &[("count", &number(items.len()))])),
        Load::Failed(error) => Line::Failed(error.clone()),
    }
}

#[component]
pub fn StatusStrip(state: ConnectionState) -> impl IntoView {
    let navigation = expect_navigation();
    let platform = state.connection.with_value(|c| c.config.platform.label());
    let current = Memo::new(move |_| state.load.with(|load| line(load, platform)));
    let notes = move || {
        state.notes.with(|notes| {
            notes.iter().map(note_text).map(|text| view! { <p class="unplug-strip__note">{text}</p> }).collect_view()
        })
    };
    view! {
        <li class="unplug-strip" data-connection=state.id()>
            <span class="unplug-strip__label">{state.label()}</span>
            {move || match current.get() {
                Line::NotConnected => view! {
                    <span>{move || t("Not connected — ")}</span>
                    <button type="button" class="unplug-link" on:click=move |_| navigation.0.set(Tab::Connections)>
                        {move || t("open Connections")}
                    </button>
                }
                .into_any(),
                Line::Status(text) => view! { <span role="status">{text}</span> }.into_any(),
                Line::Failed(error) => view! {
                    <FailureNotice error />
                    <button type="button" on:click=move |_| state.refresh()>{move || t("Retry")}</button>
                }
                .into_any(),
            }}
            {notes}
        </li>
    }
}

/// What a person should know about a list, in words.
fn note_text(note: &ListNote) -> String {
    match note {
        ListNote::MayBeOnlyOwn => t(
            "This user is not an admin: with only the permissions to manage their own integrations, the platform lists just those, so this list may be partial.",
        )
        .to_owned(),
        ListNote::PagingIgnored { listed, total: Some(total) } => tf(
            "The server ignored paging and answered every page alike: {listed} of {total} are shown.",
            &[("listed", &number(*listed)), ("total", &number(*total as usize))],
        ),
        ListNote::PagingIgnored { listed, total: None } => tf(
            "The server ignored paging and answered every page alike: the {listed} it gave are shown, and there may be more.",
            &[("listed", &number(*listed))],
        ),
    }
}
