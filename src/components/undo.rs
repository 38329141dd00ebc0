//! The undo window as a card, a table row or the bulk panel shows it: the seconds left,
//! counted down, and Undo. The count is not a live region: the inventory announces the start
//! and the end of a window once each, not every second.

use std::time::Duration;

use leptos::prelude::*;

use crate::bulk::undo::seconds_left;
use crate::i18n::{t, tf};
use crate::time::now_ms;

/// How often the count is redrawn; finer than a second, so it never skips a number.
const TICK_MS: u64 = 250;

#[component]
pub fn UndoCountdown(ends_at_ms: u64, #[prop(into)] on_undo: Callback<()>) -> impl IntoView {
    let left = RwSignal::new(seconds_left(ends_at_ms, now_ms()));
    let ticker =
        set_interval_with_handle(move || left.set(seconds_left(ends_at_ms, now_ms())), Duration::from_millis(TICK_MS))
            .ok();
    on_cleanup(move || ticker.into_iter().for_each(|handle| handle.clear()));
    view! {
        <span class="unplug-undo">
            <span class="unplug-undo__count">{move || tf("Disconnecting in {seconds} s", &[("seconds", &left.get())])}</span>
            <button type="button" class="unplug-undo__button" on:click=move |_| on_undo.run(())>{move || t("Undo")}</button>
        </span>
    }
}
