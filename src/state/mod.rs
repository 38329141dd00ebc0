//! Shared state helpers.

pub mod secret;
