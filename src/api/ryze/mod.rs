//! RyzeAPI: the Chatwoot integration of each WhatsApp instance.

pub mod client;
pub mod convert;
pub mod wire;
