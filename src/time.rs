//! Waiting in the browser without blocking it.

/// Milliseconds since the epoch, as the browser's clock reads.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// ISO 8601 in UTC, for exported records.
pub fn iso_time(at_ms: f64) -> String {
    String::from(js_sys::Date::new(&at_ms.into()).to_iso_string())
}

/// Resolves after about `ms` milliseconds (a `setTimeout`).
pub async fn sleep(ms: f64) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            // Beyond i32 milliseconds is 24 days; nothing here waits that long.
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms.clamp(0.0, 2e9) as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
