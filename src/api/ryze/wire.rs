//! RyzeAPI payloads, one to one with the documented bodies (unknown fields tolerated).

use serde::Deserialize;
use serde_json::Value;

use crate::api::decode::text_field;
use crate::api::error::PlatformMessage;

/// `GET /api/instance/list` 200. Where the items sit is UNCONFIRMED (contracts 3.5), so all
/// three plausible places are read: under `data`, under `instances`, or a bare array; and the
/// name from `instanceName`, `instance_name` or `name`.
#[derive(Clone, Debug)]
pub struct InstanceList {
    pub instances: Vec<Instance>,
}

impl<'de> Deserialize<'de> for InstanceList {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let body = Value::deserialize(deserializer)?;
        let items = match &body {
            Value::Array(items) => items,
            Value::Object(fields) => ["data", "instances"]
                .into_iter()
                .find_map(|key| fields.get(key).and_then(Value::as_array))
                .ok_or_else(|| D::Error::custom("no instance list under `data` or `instances`"))?,
            _ => return Err(D::Error::custom("the instance list is neither an object nor an array")),
        };
        let instances = items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                Instance::read(item).map_err(|why| D::Error::custom(format!("instance {index}: {why}")))
            })
            .collect::<Result<_, _>>()?;
        Ok(InstanceList { instances })
    }
}

#[derive(Clone, Debug)]
pub struct Instance {
    pub instance_name: String,
    pub connection: Option<InstanceConnection>,
    pub profile: Option<Profile>,
    /// The per-instance Chatwoot summary; absent where the server does not give one.
    pub chatwoot: Option<ChatwootSummary>,
}

impl Instance {
    const NAME_KEYS: [&str; 3] = ["instanceName", "instance_name", "name"];

    fn read(item: &Value) -> Result<Self, String> {
        let instance_name = Self::NAME_KEYS
            .into_iter()
            .find_map(|key| item.get(key).and_then(Value::as_str))
            .ok_or("no name under `instanceName`, `instance_name` or `name`")?
            .to_owned();
        Ok(Instance {
            instance_name,
            connection: part(item, "connection")?,
            profile: part(item, "profile")?,
            chatwoot: part(item, "chatwoot")?,
        })
    }
}

/// An optional part of an item; present but not of the documented shape is an explained error.
fn part<T: serde::de::DeserializeOwned>(item: &Value, key: &str) -> Result<Option<T>, String> {
    let value = item.get(key).filter(|value| !value.is_null()).cloned();
    value.map(serde_json::from_value).transpose().map_err(|error| format!("`{key}`: {error}"))
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

/// `enabled: false` means no link; `enabled: true` without a `status` must be read per instance.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ChatwootSummary {
    #[serde(default)]
    pub enabled: Option<bool>,
    /// `active`, `paused` or `error`.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub bridge_integration_id: Option<String>,
    #[serde(default)]
    pub chatwoot_inbox_name: Option<String>,
}

/// `GET /api/chatwoot/list/:instance` 200: the integration's record (its token is never read).
#[derive(Clone, Debug, Deserialize)]
pub struct ChatwootInfo {
    /// `active`, `paused` or `error`.
    pub status: String,
    #[serde(default)]
    pub chatwoot_inbox_name: Option<String>,
    #[serde(default)]
    pub bridge_integration_id: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
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
