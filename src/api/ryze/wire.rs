//! RyzeAPI payloads, one to one with the documented bodies (unknown fields tolerated).

use std::fmt;

use serde::de::{Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
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
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ListVisitor)
    }
}

/// Reads the list as it streams, one item's `Value` at a time: a tree of the whole body would
/// cost many times its size for thousands of instances.
struct ListVisitor;

impl<'de> Visitor<'de> for ListVisitor {
    type Value = InstanceList;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("the instance list, an object or an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, items: A) -> Result<InstanceList, A::Error> {
        read_items(items).map(|instances| InstanceList { instances })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut fields: A) -> Result<InstanceList, A::Error> {
        // `data` is read before `instances` when both hold a list, whatever their order.
        let (mut data, mut instances) = (None, None);
        while let Some(key) = fields.next_key::<String>()? {
            match key.as_str() {
                "data" => data = fields.next_value::<ListIfArray>()?.0,
                "instances" => instances = fields.next_value::<ListIfArray>()?.0,
                _ => {
                    fields.next_value::<IgnoredAny>()?;
                }
            }
        }
        data.or(instances)
            .map(|instances| InstanceList { instances })
            .ok_or_else(|| A::Error::custom("no instance list under `data` or `instances`"))
    }
}

fn read_items<'de, A: SeqAccess<'de>>(mut items: A) -> Result<Vec<Instance>, A::Error> {
    let mut instances = Vec::new();
    while let Some(item) = items.next_element::<Value>()? {
        let index = instances.len();
        instances.push(Instance::read(&item).map_err(|why| A::Error::custom(format!("instance {index}: {why}")))?);
    }
    Ok(instances)
}

/// A field's instances when it holds an array; anything else there is passed over.
struct ListIfArray(Option<Vec<Instance>>);

impl<'de> Deserialize<'de> for ListIfArray {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ListIfArrayVisitor)
    }
}

struct ListIfArrayVisitor;

impl<'de> Visitor<'de> for ListIfArrayVisitor {
    type Value = ListIfArray;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, items: A) -> Result<ListIfArray, A::Error> {
        read_items(items).map(|instances| ListIfArray(Some(instances)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut fields: A) -> Result<ListIfArray, A::Error> {
        while fields.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(ListIfArray(None))
    }

    fn visit_bool<E>(self, _: bool) -> Result<ListIfArray, E> {
        Ok(ListIfArray(None))
    }

    fn visit_i64<E>(self, _: i64) -> Result<ListIfArray, E> {
        Ok(ListIfArray(None))
    }

    fn visit_u64<E>(self, _: u64) -> Result<ListIfArray, E> {
        Ok(ListIfArray(None))
    }

    fn visit_f64<E>(self, _: f64) -> Result<ListIfArray, E> {
        Ok(ListIfArray(None))
    }

    fn visit_str<E>(self, _: &str) -> Result<ListIfArray, E> {
        Ok(ListIfArray(None))
    }

    fn visit_unit<E>(self) -> Result<ListIfArray, E> {
        Ok(ListIfArray(None))
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
