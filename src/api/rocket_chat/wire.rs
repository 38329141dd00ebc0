//! Rocket.Chat payloads, one to one with the documented bodies (unknown fields tolerated).

use serde::Deserialize;
use serde_json::Value;

use crate::api::decode::text_field;
use crate::api::error::PlatformMessage;

/// `GET /api/info`.
#[derive(Clone, Debug, Deserialize)]
pub struct Info {
    pub version: String,
}

/// `POST /api/v1/login` 200: `{status: "success", data: {userId, authToken, me}}`.
#[derive(Clone, Debug, Deserialize)]
pub struct LoginOk {
    pub data: LoginData,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginData {
    pub user_id: String,
    pub auth_token: String,
    pub me: Me,
}

/// The user document of the login answer's `me` and of `GET /api/v1/me`; fields vary by
/// version, so only these are read.
#[derive(Clone, Debug, Deserialize)]
pub struct Me {
    pub username: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub roles: Option<Vec<String>>,
}

/// `GET /api/v1/integrations.list` 200. `count` is missing from the docs' example, so optional.
#[derive(Clone, Debug, Deserialize)]
pub struct IntegrationsPage {
    pub integrations: Vec<WireIntegration>,
    pub offset: u64,
    #[serde(default)]
    pub count: Option<u64>,
    pub total: u64,
}

/// One integration document as listed, fetched or returned by a removal.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireIntegration {
    #[serde(rename = "_id")]
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub enabled: bool,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub alias: Option<String>,
    /// An array on current servers; old documents hold a single string.
    #[serde(default)]
    pub channel: Option<Value>,
    #[serde(default)]
    pub urls: Option<Vec<String>>,
    #[serde(default)]
    pub event: Option<String>,
    #[serde(default)]
    pub trigger_words: Option<Vec<String>>,
    #[serde(default)]
    pub script_enabled: Option<bool>,
    #[serde(rename = "_createdAt", default)]
    pub created_at: Option<String>,
    #[serde(rename = "_createdBy", default)]
    pub created_by: Option<CreatedBy>,
    #[serde(rename = "_updatedAt", default)]
    pub updated_at: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct CreatedBy {
    #[serde(default)]
    pub username: Option<String>,
    #[serde(rename = "_id", default)]
    pub id: Option<String>,
}

/// `POST /api/v1/integrations.remove` 200: `{integration, success: true}`. The document is
/// not read: the OpenAPI example types its booleans as strings and has no `_id`, and a removal
/// is proven by the status and `success` alone.
#[derive(Clone, Debug, Deserialize)]
pub struct RemoveOk {
    pub success: bool,
    #[serde(default)]
    pub integration: Value,
}

/// `GET /api/v1/integrations.get` 200 and `PUT /api/v1/integrations.update` 200:
/// `{integration, success: true}`, the record kept whole to build an update from.
#[derive(Clone, Debug, Deserialize)]
pub struct IntegrationOk {
    pub integration: Value,
    #[serde(default = "assumed_success")]
    pub success: bool,
}

/// `integrations.get` documents no `success: false` with a 200; only one that says so fails.
fn assumed_success() -> bool {
    true
}

/// `GET /api/v1/integrations.history` 200: `{history, offset, items, count, total, success}`,
/// newest first unless `sort` says otherwise.
#[derive(Clone, Debug, Deserialize)]
pub struct HistoryPage {
    pub history: Vec<HistoryRun>,
}

/// One run of an outgoing webhook: `_id`, `type`, `step`, `integration`, `event`,
/// `_createdAt`, `_updatedAt`, `finished`, `triggerWord`, `url`, `httpError`, `httpResult`,
/// `error`, `errorStack`, `data`, `httpCallData` (contracts 2.5b). Only when and how it ended
/// is read; `data`, `httpCallData` and `integration` carry the webhook's token.
#[derive(Clone, Debug, Deserialize)]
pub struct HistoryRun {
    /// When the run last moved on: its end, once it ended.
    #[serde(rename = "_updatedAt")]
    pub updated_at: String,
    /// Set when the run ended without an error.
    #[serde(default)]
    pub finished: bool,
    /// Set when the run ended in an error (an HTTP error answer or a script that threw).
    #[serde(default)]
    pub error: bool,
}

/// `POST /api/v1/logout` 200.
#[derive(Clone, Debug, Deserialize)]
pub struct LogoutOk {
    pub status: String,
}

/// Reads `{success:false, error, errorType?, details?}` and the pre-8.0 and documented 401
/// `{status:"error", message}`.
pub fn read_envelope(body: &Value) -> PlatformMessage {
    PlatformMessage {
        message: text_field(body, "error").or_else(|| text_field(body, "message")),
        error_type: text_field(body, "errorType"),
    }
}
