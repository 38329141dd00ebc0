//! Waiting in the browser without blocking it.

pub mod worker;

/// Milliseconds since the epoch, as the browser's clock reads.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// ISO 8601 in UTC, for exported records.
pub fn iso_time(at_ms: f64) -> String {
    String::from(js_sys::Date::new(&at_ms.into()).to_iso_string())
}

/// Runs `task` in a task of its own once the next frame has been painted, so that what an event
/// already changed on screen (the letter typed in an input) shows before slower work it starts.
pub fn after_next_paint(task: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || leptos::prelude::set_timeout(task, std::time::Duration::ZERO));
}

/// Resolves after about `ms` milliseconds, on the timer worker's clock where it runs (see
/// [`worker`]). Every wait of the console goes through here: pacing, polling, undo windows.
pub async fn sleep(ms: f64) {
    let _ = wasm_bindgen_futures::JsFuture::from(worker::wait(ms)).await;
}
