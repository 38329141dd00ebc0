//! Shared state: small `Copy` structs installed once at the root.

pub mod connections;
pub mod secret;
