//! The browser side of the host protocol: hears allowed origins' messages, posts Unplug's events
//! to the host (its parent frame, or this window under a script embed), never to `*`.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::messages::{Embedding, Event, HostMessage, embedding, event_message, is_allowed, parse};
use super::theme::Appearance;
use crate::i18n::Language;
use crate::state::connections::Connections;
use crate::state::events::Events;

/// The host's window: this very window when mounted by script (even when the host page is
/// itself framed), the parent when framed, `None` when Unplug owns a top-level page (no host).
fn host_window(window: &web_sys::Window) -> Option<web_sys::Window> {
    let parent = window.parent().ok().flatten();
    let framed = parent.as_ref().is_some_and(|parent| !same_window(parent, window));
    match embedding(crate::host::is_hosted(), framed) {
        Embedding::Script => Some(window.clone()),
        Embedding::Frame => parent,
        Embedding::Alone => None,
    }
}

/// The same window object (`===`).
fn same_window(a: &web_sys::Window, b: &web_sys::Window) -> bool {
    JsValue::from(a.clone()) == JsValue::from(b.clone())
}

/// Tells the host an event, once per allowed origin (this mount's own): a `postMessage` whose
/// target origin does not match the receiver is dropped by the browser, so only the real host
/// hears it.
fn emit(event: &Event, allowed: &[String]) {
    let Some(window) = web_sys::window() else { return };
    let Some(target) = host_window(&window) else { return };
    let Ok(message) = js_sys::JSON::parse(&event_message(event).to_string()) else { return };
    for origin in allowed {
        let _ = target.post_message(&message, origin);
    }
}

/// Where the host's messages land in this mount.
#[derive(Clone, Copy)]
pub struct Mount {
    pub connections: Connections,
    pub appearance: Appearance,
    pub language: Language,
    pub events: Events,
}

/// Starts hearing the host; with no allowed origin, nothing is heard and nothing is posted.
pub fn install(allowed: Vec<String>, mount: Mount) {
    if allowed.is_empty() {
        return;
    }
    let posted_to = allowed.clone();
    mount.events.subscribe(move |event| emit(event, &posted_to));
    let handle = window_event_listener(ev::message, move |event| {
        // The host's window only (its parent frame, or this window under a script mount), and
        // only from an allowed origin: a sibling frame, a popup or a frame inside Unplug's page
        // is never the host, whatever its origin.
        let from_host = web_sys::window()
            .and_then(|window| host_window(&window))
            .zip(event.source())
            .is_some_and(|(host, source)| JsValue::from(host) == JsValue::from(source));
        if !from_host || !is_allowed(&event.origin(), &allowed) {
            return;
        }
        let Some(text) = js_sys::JSON::stringify(&event.data()).ok().and_then(|text| text.as_string()) else { return };
        let Ok(data) = serde_json::from_str(&text) else { return };
        match parse(&data) {
            Some(HostMessage::Credentials { connection, credentials }) => {
                if let Some(state) = mount.connections.find(&connection) {
                    state.connect(credentials, false);
                }
            }
            Some(HostMessage::Theme(theme)) => mount.appearance.theme.set(theme),
            Some(HostMessage::Lang(lang)) => mount.language.set(lang),
            None => {}
        }
    });
    on_cleanup(move || handle.remove());
}
