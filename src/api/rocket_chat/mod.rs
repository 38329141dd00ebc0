//! Rocket.Chat: incoming and outgoing webhook integrations.

pub mod client;
pub mod convert;
pub mod wire;
