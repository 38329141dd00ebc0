//! Turning a webhook off or on (contracts 2.5a): `integrations.update` rewrites the stored
//! integration from the body, so the body is the record the server holds, as `integrations.get`
//! just answered it, with only `enabled` changed. It carries the token and the script, and lives
//! only for the one request.

use serde_json::{Map, Value};

use super::convert::{INCOMING, OUTGOING};

/// What an incoming body must have besides `integrationId`, `channel` and `enabled`.
const INCOMING_REQUIRED: &[&str] = &["scriptEnabled", "name"];
/// What an incoming body may carry. `script` is left out on purpose: without the key the
/// server keeps the stored script.
const INCOMING_OPTIONAL: &[&str] = &["alias", "avatar", "emoji", "overrideDestinationChannelEnabled"];
/// What an outgoing body must have besides `integrationId`, `channel` and `enabled`.
const OUTGOING_REQUIRED: &[&str] = &["username", "event", "scriptEnabled", "name"];
/// Every other key the outgoing schema allows (`additionalProperties: false`): each is sent as
/// the server holds it, since a key left out is stored as missing.
const OUTGOING_OPTIONAL: &[&str] = &[
    "targetRoom",
    "urls",
    "triggerWords",
    "triggerWordAnywhere",
    "token",
    "script",
    "runOnEdits",
    "retryFailedCalls",
    "retryCount",
    "retryDelay",
    "impersonateUser",
    "alias",
    "avatar",
    "emoji",
];

/// The `integrations.update` body that sets `enabled` on `record` (an `integrations.get`
/// integration) and keeps everything else; `Err` names what the record lacks.
pub fn body(record: &Value, enabled: bool) -> Result<Value, String> {
    let kind = record.get("type").and_then(Value::as_str).unwrap_or_default();
    let (required, optional) = match kind {
        INCOMING => (INCOMING_REQUIRED, INCOMING_OPTIONAL),
        OUTGOING => (OUTGOING_REQUIRED, OUTGOING_OPTIONAL),
        other => return Err(format!("the integration's type is {other:?}, not a webhook")),
    };
    let id = record.get("_id").and_then(Value::as_str).ok_or("the integration has no _id")?;
    let mut body = Map::new();
    body.insert("type".into(), kind.into());
    body.insert("integrationId".into(), id.into());
    body.insert("channel".into(), joined_channels(record.get("channel")).into());
    body.insert("enabled".into(), enabled.into());
    let missing: Vec<&str> = required.iter().copied().filter(|key| record.get(*key).is_none()).collect();
    if !missing.is_empty() {
        return Err(format!("the integration has no {}", missing.join(", ")));
    }
    for key in required.iter().chain(optional) {
        if let Some(value) = record.get(*key).filter(|value| !value.is_null()) {
            body.insert((*key).into(), value.clone());
        }
    }
    Ok(Value::Object(body))
}

/// The stored channel list as the body's one string: `["#a", "@b"]` → `"#a,@b"`.
fn joined_channels(channel: Option<&Value>) -> String {
    match channel {
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(","),
        Some(Value::String(one)) => one.clone(),
        _ => String::new(),
    }
}

/// The keys of `body` (but `enabled`) whose value `after` (the record read again) no longer
/// holds: what the update changed that it should have kept.
pub fn drifted(body: &Value, after: &Value) -> Vec<String> {
    let Some(sent) = body.as_object() else { return Vec::new() };
    sent.iter()
        .filter(|(key, _)| !matches!(key.as_str(), "enabled" | "type" | "integrationId"))
        .filter(|(key, value)| {
            let held = after.get(key.as_str());
            match key.as_str() {
                "channel" => joined_channels(held) != value.as_str().unwrap_or_default(),
                _ => held != Some(*value),
            }
        })
        .map(|(key, _)| key.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn outgoing() -> Value {
        json!({
            "_id": "o1", "type": "webhook-outgoing", "enabled": true, "name": "Giphy", "event": "sendMessage",
            "username": "rocket.cat", "channel": ["#general", "@bot"], "urls": ["https://h/x"],
            "triggerWords": ["!gif"], "token": "T0K", "script": "class Script {}", "scriptEnabled": true,
            "retryCount": 6, "retryDelay": "powers-of-ten", "impersonateUser": false, "targetRoom": null,
            "_createdAt": "2024-01-01T00:00:00Z", "_updatedAt": "2024-01-02T00:00:00Z",
            "scriptCompiled": "compiled", "_createdBy": {"_id": "u", "username": "admin"},
        })
    }

    #[test]
    fn an_outgoing_body_carries_every_allowed_key_as_held_and_nothing_else() {
        let body = body(&outgoing(), false).expect("a webhook");
        assert_eq!(
            body,
            json!({
                "type": "webhook-outgoing", "integrationId": "o1", "channel": "#general,@bot", "enabled": false,
                "username": "rocket.cat", "event": "sendMessage", "scriptEnabled": true, "name": "Giphy",
                "urls": ["https://h/x"], "triggerWords": ["!gif"], "token": "T0K", "script": "class Script {}",
                "retryCount": 6, "retryDelay": "powers-of-ten", "impersonateUser": false,
            })
        );
    }

    #[test]
    fn an_incoming_body_leaves_the_script_out_so_the_server_keeps_it() {
        let record = json!({
            "_id": "i1", "type": "webhook-incoming", "enabled": false, "name": "CI", "channel": ["#ci"],
            "scriptEnabled": true, "script": "s", "alias": "CI bot", "token": "T", "userId": "u",
        });
        let body = body(&record, true).expect("a webhook");
        assert_eq!(
            body,
            json!({
                "type": "webhook-incoming", "integrationId": "i1", "channel": "#ci", "enabled": true,
                "scriptEnabled": true, "name": "CI", "alias": "CI bot",
            })
        );
    }

    #[test]
    fn a_record_missing_a_required_key_is_refused_by_name() {
        let mut record = outgoing();
        record.as_object_mut().expect("object").remove("event");
        assert_eq!(body(&record, false), Err("the integration has no event".into()));
        assert!(body(&json!({"_id": "x", "type": "other"}), true).is_err());
    }

    #[test]
    fn drift_names_each_key_the_server_did_not_keep() {
        let sent = body(&outgoing(), false).expect("a webhook");
        let mut after = outgoing();
        after["enabled"] = json!(false);
        assert!(drifted(&sent, &after).is_empty(), "only enabled changed");
        after["triggerWords"] = json!([]);
        after.as_object_mut().expect("object").remove("token");
        after["channel"] = json!(["#general"]);
        assert_eq!(drifted(&sent, &after), ["channel", "token", "triggerWords"]);
    }
}
