//! Unplug: the whole console, importable by native and wasm tests.

pub mod api;
pub mod app;
pub mod bulk;
pub mod components;
pub mod config;
pub mod embed;
pub mod export;
pub mod finding;
pub mod host;
pub mod i18n;
pub mod model;
pub mod slim;
pub mod state;
pub mod time;
pub mod views;

/// Mounts the console into `<body>` and keeps it mounted for the page's life, unless the page
/// loaded it through `unplug.js`, which mounts it into an element of the host's with
/// [`mount_into`].
pub fn mount() {
    if !host::is_hosted() {
        leptos::mount::mount_to_body(|| leptos::view! { <app::App /> });
    }
}

/// `Unplug.mount(element, {configUrl})`: the console inside a host page's element, reading its
/// config.json from `config_url`.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount_into(element: web_sys::HtmlElement, config_url: String) {
    leptos::mount::mount_to(element, move || leptos::view! { <app::App config_url=config_url.clone() /> }).forget();
}
