//! RyzeAPI payloads. The instance-list envelope is UNCONFIRMED in the docs; this follows the
//! guide's general success envelope (`{success, message, data}`) with items under `data`.

use serde::Deserialize;
use serde_json::Value;

use crate::api::decode::text_field;
use crate::api::error::PlatformMessage;

/// `GET /api/instance/list` 200.
#[derive(Clone, Debug, Deserialize)]
pub struct InstanceList {
    pub data: Vec<Instance>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Instance {
    pub instance_name: String,
    #[serde(default)]
    pub connection: Option<InstanceConnection>,
    #[serde(default)]
    pub profile: Option<Profile>,
    /// The per-instance Chatwoot summary; absent or `enabled: false` when there is none.
    #[serde(default)]
    pub chatwoot: Option<ChatwootSummary>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct InstanceConnection {
    pub state: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Profile {
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ChatwootSummary {
    #[serde(default)]
    pub enabled: bool,
    /// `active`, `paused` or `error`.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub bridge_integration_id: Option<String>,
    #[serde(default)]
    pub chatwoot_inbox_name: Option<String>,
}

/// `DELETE /api/chatwoot/delete/:instance` 200: a bare `{message}` with no `success`.
#[derive(Clone, Debug, Deserialize)]
pub struct Deactivated {
    pub message: String,
}

/// Reads `{success:false, error:{message}}`; RyzeAPI has no error type field.
pub fn read_envelope(body: &Value) -> PlatformMessage {
    PlatformMessage { message: body.get("error").and_then(|error| text_field(error, "message")), error_type: None }
}
