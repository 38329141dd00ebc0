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

/// Resolves after about `ms` milliseconds, on the timer worker's clock where it runs (see
/// [`worker`]). Every wait of the console goes through here: pacing, polling, undo windows.
pub async fn sleep(ms: f64) {
    let _ = wasm_bindgen_futures::JsFuture::from(worker::wait(ms)).await;
}
