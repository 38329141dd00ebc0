//! Shared state: small `Copy` structs installed once at the root.

pub mod actions;
pub mod activity;
pub mod connections;
pub mod items;
pub mod remember;
pub mod secret;
pub mod timer;
pub mod url;
