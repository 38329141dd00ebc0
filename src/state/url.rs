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
pub struct ViewState(pub RwSignal<ViewQuery>, StoredValue<Option<Step>>, StoredValue<Option<TimeoutHandle>>);

/// A search refined key by key is written to the URL once typing pauses this long: replacing
/// the history entry costs a few milliseconds a key, and only the last one is ever read.
const REFINED_URL_AFTER_MS: u64 = 300;

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
        if !crate::host::is_hosted() {
            self.cancel_pending_write();
            if step == Step::Refine && written == Step::Replace {
                let state = *self;
                let write = move || state.0.with_untracked(|query| write_url(query, Step::Replace));
                let pending = set_timeout_with_handle(write, std::time::Duration::from_millis(REFINED_URL_AFTER_MS));
                self.2.set_value(pending.ok());
            } else {
                write_url(&query, written);
            }
        }
        self.0.set(query);
    }

    /// Drops a refined search's write still waiting: a newer write or Back supersedes it.
    fn cancel_pending_write(&self) {
        if let Some(pending) = self.2.try_update_value(Option::take).flatten() {
            pending.clear();
        }
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
    let state =
        ViewState(RwSignal::new(ViewQuery::parse(&current_search())), StoredValue::new(None), StoredValue::new(None));
    if !crate::host::is_hosted() {
        let handle = window_event_listener(ev::popstate, move |_| {
            state.cancel_pending_write();
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
