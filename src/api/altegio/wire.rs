//! Altegio payloads: every answer is `{success, data, meta}`; `meta` may be `{}` or `[]`.

use serde::Deserialize;
use serde_json::Value;

use crate::api::decode::text_field;
use crate::api::error::PlatformMessage;

#[derive(Clone, Debug, Deserialize)]
pub struct Envelope<T> {
    pub success: bool,
    pub data: T,
    /// `{}`, `[]` or `{message, errors}`: kept loose on purpose.
    #[serde(default)]
    pub meta: Value,
}

/// One connected location, as in `GET /marketplace/application/{app}/salons`.
#[derive(Clone, Debug, Deserialize)]
pub struct Salon {
    pub id: u64,
    pub title: String,
    #[serde(default)]
    pub public_title: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub timezone_name: Option<String>,
}

/// `GET /marketplace/salon/{id}/application/{app}` `data`.
#[derive(Clone, Debug, Deserialize)]
pub struct IntegrationStatus {
    pub connection_status: ConnectionStatus,
    #[serde(default)]
    pub logs: Vec<StatusChange>,
}

/// One entry of the status's `logs` (`changed_at`, `status_from`, `status_to`, `source`); only
/// when it changed is read. `changed_at` states no time zone.
#[derive(Clone, Debug, Deserialize)]
pub struct StatusChange {
    pub changed_at: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ConnectionStatus {
    /// `pending`, `active` or `freezed` (the wire spelling).
    pub status: String,
    #[serde(default)]
    pub created_at: Option<String>,
}

/// Reads `meta.message` and joins `meta.errors`; a 404's `meta` has no message.
pub fn read_envelope(body: &Value) -> PlatformMessage {
    let meta = body.get("meta");
    let message = meta.and_then(|meta| text_field(meta, "message"));
    let errors: Vec<&str> = meta
        .and_then(|meta| meta.get("errors"))
        .and_then(Value::as_array)
        .map(|errors| errors.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let message = match (message, errors.is_empty()) {
        (Some(message), false) => Some(format!("{message} {}", errors.join("; "))),
        (message, _) => message,
    };
    PlatformMessage { message, error_type: None }
}
