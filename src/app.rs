//! Loads `config.json`, installs the shared state once, and lays out the page.

use crate::i18n::{t, tf};
use leptos::prelude::*;

use crate::api::Connection;
use crate::api::http::{self, HttpRequest, Method, TransportError};
use crate::bulk::undo::UndoWindow;
use crate::components::element_id::provide_mount_number;
use crate::config::{Config, ConfigError};
use crate::embed::bridge;
use crate::embed::theme::provide_appearance;
use crate::finding::query::ViewQuery;
use crate::state::activity::provide_activity;
use crate::state::connections::{Connections, Load, provide_connections};
use crate::state::events::provide_events;
use crate::state::url::current_search;
use crate::views::console::Console;

/// How long to wait for `config.json` itself.
const CONFIG_TIMEOUT_MS: u32 = 10_000;

async fn load_config(url: String) -> Result<Config, ConfigError> {
    let request = HttpRequest::new(Method::Get, url);
    let raw = http::send(&request, CONFIG_TIMEOUT_MS).await.map_err(|error| {
        ConfigError::Unreadable(match error {
            TransportError::Unreachable { detail } => tf("the request failed ({detail})", &[("detail", &detail)]),
            TransportError::TimedOut { after_ms } => {
                tf("no answer within {seconds} s", &[("seconds", &(after_ms / 1000))])
            }
        })
    })?;
    if raw.status != 200 {
        return Err(ConfigError::Unreadable(tf("HTTP {status} for config.json", &[("status", &raw.status)])));
    }
    Config::parse(&raw.body)
}

/// How long the console waits for the first list before it is built without it.
const FIRST_LIST_WAIT_MS: u64 = 60;

/// Whether to build the console: once the first remembered list is in (or failed), or after
/// [`FIRST_LIST_WAIT_MS`], or at once when no list is loading. The list requests went out
/// before this; built after a fast answer, the console's first frame has its cards, where built
/// before it the answer waited for the build and for a frame of the console without them
/// (first card about 10 % sooner on loopback, the same on a throttled link; issue 11).
fn build_when_first_list_is_in(connections: Connections) -> RwSignal<bool> {
    let states = connections.all();
    let listing = states.iter().any(|state| state.load.with_untracked(Load::is_loading));
    let build = RwSignal::new(!listing);
    if listing {
        // Once built, the effect reads nothing more, so later loads do not run it again.
        Effect::new(move |_| {
            if !build.get_untracked()
                && states.iter().any(|state| state.load.with(|load| matches!(load, Load::Loaded(_) | Load::Failed(_))))
            {
                build.set(true);
            }
        });
        set_timeout(
            move || {
                if build.try_get_untracked() == Some(false) {
                    build.set(true);
                }
            },
            std::time::Duration::from_millis(FIRST_LIST_WAIT_MS),
        );
    }
    build
}

/// The console; `config_url` is where config.json is read from (beside index.html by default,
/// the host's choice under `Unplug.mount`).
#[component]
pub fn App(#[prop(default = "config.json".to_owned())] config_url: String) -> impl IntoView {
    provide_mount_number();
    let activity = provide_activity();
    let events = provide_events();
    let query = ViewQuery::parse(&current_search());
    let language = crate::i18n::provide_language(
        query.foreign.iter().find(|(name, _)| name == "lang").map(|(_, value)| value.as_str()),
    );
    let config = LocalResource::new(move || load_config(config_url.clone()));
    view! {
        {move || match config.get() {
            None => view! { <p class="unplug-loading" role="status">{move || t("Loading configuration…")}</p> }.into_any(),
            Some(Err(error)) => view! {
                <div class="unplug-config-error" role="alert">
                    <h1>{move || t("Unplug cannot start")}</h1>
                    <p>{error.message()}</p>
                    <p>{move || t("Fix config.json beside index.html (see the README's Deploy section) and reload.")}</p>
                </div>
            }
            .into_any(),
            Some(Ok(config)) => {
                let timeout_ms = config.request_timeout_ms;
                let connections = provide_connections(
                    config
                        .connections
                        .into_iter()
                        .map(|config| Connection::new(config, timeout_ms).logging_to(activity.log()))
                        .collect(),
                );
                crate::state::idle::watch(config.idle_sign_out_minutes, connections);
                provide_context(UndoWindow::from_seconds(config.undo_seconds));
                let appearance = provide_appearance(&query);
                bridge::install(config.embed.allowed_origins, bridge::Mount { connections, appearance, language, events });
                let build = build_when_first_list_is_in(connections);
                view! { <Show when=move || build.get()><Console /></Show> }.into_any()
            }
        }}
    }
}
