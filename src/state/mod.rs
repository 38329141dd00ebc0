//! Shared state: small `Copy` structs installed once at the root.

pub mod activity;
pub mod connections;
pub mod events;
pub mod idle;
pub mod items;
pub mod navigation;
pub mod remember;
pub mod typing;
pub mod url;
