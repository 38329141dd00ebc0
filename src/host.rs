//! Whether Unplug owns the page or lives inside a host's: a fact every layer may read, so it
//! sits apart from the embedding code that acts on it.

/// Loaded by `unplug.js` into a host page (`Unplug.mount`) rather than owning the page: the
/// host keeps its `<body>`, `<html lang>`, URL and window.
pub fn is_hosted() -> bool {
    web_sys::window()
        .and_then(|window| js_sys::Reflect::get(&window, &"__unplugManualMount".into()).ok())
        .is_some_and(|flag| flag.is_truthy())
}
