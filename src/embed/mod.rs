//! Living inside someone else's page: `?embed=1` in an iframe, or `Unplug.mount` from a script.
//! The host may set the theme and hand over credentials by `postMessage`, only from origins
//! config.json allows; Unplug tells the host what it disconnected, never a secret.

pub mod bridge;

/// Loaded by `unplug.js` into a host page (`Unplug.mount`) rather than owning the page: the
/// host keeps its `<body>`, `<html lang>`, URL and window.
pub fn is_hosted() -> bool {
    web_sys::window()
        .and_then(|window| js_sys::Reflect::get(&window, &"__unplugManualMount".into()).ok())
        .is_some_and(|flag| flag.is_truthy())
}
pub mod messages;
pub mod theme;
