//! The API layer. Each platform is one [`provider::Provider`] in its own module (`altegio`,
//! `rocket_chat`, `ryze`), each with the same three parts: `client` (one function per
//! endpoint), `wire` (the documented payloads) and `convert` (wire → model). Everything above
//! talks to [`Connection`], a thin front, and never learns which platform answered beyond its
//! label.

pub mod altegio;
pub mod call;
mod connection;
pub mod credentials;
pub mod decode;
pub mod details;
pub mod error;
pub mod http;
pub mod list;
pub mod mask;
pub mod pacing;
pub mod provider;
pub mod rocket_chat;
pub mod ryze;
pub mod secret;

pub use connection::{Action, Connection, Done, Session};
pub use credentials::Credentials;

use call::CallError;
use error::Failure;

/// Credentials of a shape the provider does not take (a host message for another platform).
fn wrong_credentials(platform: &str) -> CallError {
    CallError::before_sending(Failure::UnexpectedShape {
        status: 0,
        detail: format!("these credentials are not the kind {platform} takes"),
    })
}
