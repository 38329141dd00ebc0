//! The inventory's view state, kept in the URL query with the History API: a link reopens the
//! same view, Back and Forward step through it, and no server rewrite is needed because the
//! path never changes. Mounted into a host page, the URL is the host's: the state then lives in
//! memory only.

use leptos::ev;
use leptos::prelude::*;

use crate::finding::query::ViewQuery;

/// `location.search`, or empty where there is none or the URL is a host page's.
pub fn current_search() -> String {
    if crate::host::is_hosted() {
        return String::new();
    }
    web_sys::window().and_then(|window| window.location().search().ok()).unwrap_or_default()
}

/// The view state; writes go to the URL, Back/Forward come back from it.
#[derive(Clone, Copy)]
pub struct ViewState(pub RwSignal<ViewQuery>, StoredValue<Option<Step>>);

/// How a change enters history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// A step Back returns to (a filter chosen, a panel opened).
    Push,
    /// Replaces the current step (a panel closed).
    Replace,
    /// A step of its own the first time, then refined in place (the keystrokes of a search).
    Refine,
}

impl ViewState {
    pub fn get(&self) -> ViewQuery {
        self.0.get()
    }

    /// Changes the view and writes it to the URL, keeping its path and hash.
    pub fn change(&self, step: Step, change: impl FnOnce(&mut ViewQuery)) {
        let mut query = self.0.get_untracked();
        change(&mut query);
        if query == self.0.get_untracked() {
            return;
        }
        let written = match (step, self.1.get_value()) {
            (Step::Refine, Some(Step::Refine)) => Step::Replace,
            (Step::Refine, _) => Step::Push,
            (step, _) => step,
        };
        self.1.set_value(Some(step));
        let step = written;
        if !crate::host::is_hosted() {
            write_url(&query, step);
        }
        self.0.set(query);
    }
}

fn write_url(query: &ViewQuery, step: Step) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let url = format!("{path}{}{hash}", query.to_search());
    let Ok(history) = window.history() else { return };
    let _ = match step {
        Step::Push => history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)),
        Step::Replace | Step::Refine => history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)),
    };
}

/// Reads the URL once and follows Back/Forward from then on.
pub fn provide_view_state() -> ViewState {
    let state = ViewState(RwSignal::new(ViewQuery::parse(&current_search())), StoredValue::new(None));
    if !crate::host::is_hosted() {
        let handle = window_event_listener(ev::popstate, move |_| {
            state.1.set_value(None);
            state.0.set(ViewQuery::parse(&current_search()));
        });
        on_cleanup(move || handle.remove());
    }
    provide_context(state);
    state
}

pub fn expect_view_state() -> ViewState {
    expect_context::<ViewState>()
}
