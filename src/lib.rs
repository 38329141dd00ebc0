//! Unplug: the whole console, importable by native and wasm tests.

pub mod api;
pub mod config;
pub mod model;
pub mod state;

use leptos::prelude::*;

/// Mounts the console into `<body>` and keeps it mounted for the page's life.
pub fn mount() {
    leptos::mount::mount_to_body(|| view! { <p>"Unplug"</p> });
}
