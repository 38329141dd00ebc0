//! Unplug: the whole console, importable by native and wasm tests.

pub mod api;
pub mod app;
pub mod bulk;
pub mod components;
pub mod config;
pub mod export;
pub mod finding;
pub mod model;
pub mod state;
pub mod views;

/// Mounts the console into `<body>` and keeps it mounted for the page's life.
pub fn mount() {
    leptos::mount::mount_to_body(app::App);
}
