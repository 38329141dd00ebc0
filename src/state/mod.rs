//! Shared state: small `Copy` structs installed once at the root.

pub mod activity;
pub mod connections;
pub mod remember;
pub mod secret;
pub mod items;
pub mod timer;
pub mod url;
pub mod actions;
