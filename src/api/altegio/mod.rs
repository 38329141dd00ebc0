//! Altegio marketplace: the partner's application connected to locations.

pub mod client;
pub mod convert;
pub mod wire;
