//! `PUT /api/v1/integrations.update` (contracts 2.5a), checked in the server's order: the body's
//! `oneOf`, the route's lookup, then the update method of the body's direction, which writes the
//! body's fields over the stored ones. One refusal is the sandbox's own (`omitted_fields`).

mod incoming;
mod outgoing;

use serde_json::{Value, json};

use super::schema::{self, Kind, Object, Property};
use super::{INVALID_TYPE, NO_INTEGRATION_FOUND, invalid_params};
use crate::clock;
use crate::data::rocket_chat::{Direction, USERS, User};
use crate::http::{Request, Response};
use crate::state::{Sandbox, lock};

/// rest-typings `IntegrationsUpdateProps`: the incoming branch lets any other key through.
const INCOMING_BODY: Object = Object {
    properties: &[
        Property::type_pattern("webhook-incoming"),
        Property::new("integrationId", Kind::String, false),
        Property::new("channel", Kind::String, false),
        Property::new("scriptEnabled", Kind::Boolean, false),
        Property::new("overrideDestinationChannelEnabled", Kind::Boolean, true),
        Property::new("script", Kind::String, true),
        Property::new("name", Kind::String, false),
        Property::new("enabled", Kind::Boolean, false),
        Property::new("alias", Kind::String, true),
        Property::new("avatar", Kind::String, true),
        Property::new("emoji", Kind::String, true),
    ],
    required: &["integrationId", "type", "channel", "scriptEnabled", "name", "enabled"],
    closed: false,
};

/// The outgoing branch: `additionalProperties: false`, so `_id`, `_createdAt`... are refused.
const OUTGOING_BODY: Object = Object {
    properties: &[
        Property::type_pattern("webhook-outgoing"),
        Property::new("integrationId", Kind::String, true),
        Property::new("target_url", Kind::String, true),
        Property::new("username", Kind::String, false),
        Property::new("channel", Kind::String, false),
        Property::new("event", Kind::String, false),
        Property::new("targetRoom", Kind::String, true),
        Property::new("urls", Kind::Strings, true),
        Property::new("triggerWords", Kind::Strings, true),
        Property::new("triggerWordAnywhere", Kind::Boolean, true),
        Property::new("token", Kind::String, true),
        Property::new("scriptEnabled", Kind::Boolean, false),
        Property::new("script", Kind::String, true),
        Property::new("runOnEdits", Kind::Boolean, true),
        Property::new("retryFailedCalls", Kind::Boolean, true),
        Property::new("retryCount", Kind::Number, true),
        Property::new("retryDelay", Kind::String, true),
        Property::new("impersonateUser", Kind::Boolean, true),
        Property::new("name", Kind::String, false),
        Property::new("enabled", Kind::Boolean, false),
        Property::new("alias", Kind::String, true),
        Property::new("avatar", Kind::String, true),
        Property::new("emoji", Kind::String, true),
    ],
    required: &["type", "username", "channel", "event", "scriptEnabled", "name", "enabled"],
    closed: true,
};

/// The keys an outgoing update writes from the body when it has them; `urls` and `token` are
/// not here because the server refuses a body without them.
const CARRIED_OVER: &[&str] = &[
    "triggerWords",
    "script",
    "alias",
    "avatar",
    "emoji",
    "targetRoom",
    "impersonateUser",
    "retryFailedCalls",
    "retryCount",
    "retryDelay",
    "triggerWordAnywhere",
    "runOnEdits",
];

/// Answers the update and counts it in `/__sandbox/stats` (its 400s separately).
pub fn update(sandbox: &Sandbox, request: &Request, user: &User) -> Response {
    let response = answer(sandbox, request, user);
    sandbox.stats.record_update(response.status);
    response
}

fn answer(sandbox: &Sandbox, request: &Request, user: &User) -> Response {
    // An empty or non-JSON body reaches the validator as `{}`.
    let body = request.json_body().unwrap_or_else(|| json!({}));
    if let Err(messages) = schema::one_of(&[INCOMING_BODY, OUTGOING_BODY], &body) {
        return invalid_params(&messages);
    }
    let mut data = lock(&sandbox.data);
    let integrations = &mut data.rocket_chat.integrations;
    // The route finds the integration by `_id` (or an outgoing one by `urls`) whatever its stored
    // type, then hands it to the method of the type the body names.
    let (direction, found) = match body["type"].as_str() {
        Some("webhook-outgoing") => {
            let found = match (body["target_url"].as_str(), body["integrationId"].as_str()) {
                (Some(url), _) if !url.is_empty() => integrations.iter().position(|stored| has_url(stored, url)),
                (_, Some(id)) if !id.is_empty() => position(integrations, id),
                _ => None,
            };
            (Direction::Outgoing, found)
        }
        Some("webhook-incoming") => {
            (Direction::Incoming, position(integrations, body["integrationId"].as_str().unwrap_or_default()))
        }
        // The pattern is unanchored, so e.g. `xwebhook-incoming` gets this far.
        _ => return Response::json_text(400, INVALID_TYPE),
    };
    let Some(index) = found else {
        return Response::json_text(400, NO_INTEGRATION_FOUND);
    };
    let integration = &mut integrations[index];
    let changes = match direction {
        Direction::Incoming => incoming::changes(&body, user, integration),
        Direction::Outgoing => outgoing::changes(&body, user, integration),
    };
    match changes {
        Ok(changes) => {
            apply(integration, changes, user);
            Response::json(200, &json!({ "integration": integration, "success": true }))
        }
        Err(refusal) => refusal,
    }
}

fn position(integrations: &[Value], id: &str) -> Option<usize> {
    integrations.iter().position(|stored| stored["_id"] == id)
}

fn has_url(integration: &Value, url: &str) -> bool {
    integration["urls"].as_array().is_some_and(|urls| urls.iter().any(|stored| stored == url))
}

/// `$set`: the method's fields, then who changed the document and when.
fn apply(integration: &mut Value, changes: Vec<(&'static str, Value)>, user: &User) {
    for (key, value) in changes {
        integration[key] = value;
    }
    integration["_updatedAt"] = json!(clock::iso8601(clock::now_ms()));
    integration["_updatedBy"] = json!({ "_id": user.id, "username": user.username });
}

/// The method's permission check: the full permission reaches every integration, the own-only
/// one those the caller created; `Err` says which of the two failed.
fn may_change(user: &User, direction: Direction, integration: &Value) -> Result<(), Denied> {
    if user.can(direction.manage_all()) {
        Ok(())
    } else if !user.can(direction.manage_own()) {
        Err(Denied::NoPermission)
    } else if integration["_createdBy"]["_id"] == user.id {
        Ok(())
    } else {
        Err(Denied::NotOwn)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Denied {
    NoPermission,
    /// Own-only permission and someone else's integration: the method does not find it.
    NotOwn,
}

/// A `Meteor.Error` thrown in the method, as `API.v1.failure` answers it.
fn meteor_error(error: &str, reason: &str, details: Option<Value>) -> Response {
    let mut body = json!({ "success": false, "error": format!("{reason} [{error}]"), "errorType": error });
    if let Some(details) = details {
        body["details"] = details;
    }
    Response::json(400, &body)
}

/// The user a `username` names, as `{_id, username}`; `rocket.cat` is Rocket.Chat's own bot.
fn known_user(username: &str) -> Option<(&'static str, &'static str)> {
    match username {
        "rocket.cat" => Some(("rocket.cat", "rocket.cat")),
        _ => USERS.iter().find(|user| user.username == username).map(|user| (user.id, user.username)),
    }
}

/// The sandbox's own check, made after all of the server's: an outgoing body must carry back every
/// field the integration holds a value in. Whether the server then keeps or drops a missing one
/// depends on its database driver's `ignoreUndefined`; a client that sends them all is safe either
/// way, and the refusal makes a body that does not visible (`updatesRefused` in the stats).
fn omitted_fields(body: &Value, integration: &Value) -> Result<(), Response> {
    let omitted: Vec<&str> =
        CARRIED_OVER.iter().copied().filter(|key| body.get(key).is_none() && holds_value(&integration[key])).collect();
    if omitted.is_empty() {
        return Ok(());
    }
    let reason = format!(
        "The body leaves out {} that the integration has; send back every field as integrations.get returns it",
        omitted.join(", ")
    );
    Err(meteor_error("sandbox-omitted-fields", &reason, Some(json!({ "fields": omitted }))))
}

/// Whether losing the value would lose something: not missing, null, empty or `false`.
fn holds_value(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => false,
        Value::String(text) => !text.is_empty(),
        Value::Array(items) => !items.is_empty(),
        _ => true,
    }
}

/// The script engine stays what it was (`isolated-vm` when none was stored): the body cannot
/// name one.
fn stored_engine(integration: &Value) -> Value {
    integration.get("scriptEngine").filter(|engine| !engine.is_null()).cloned().unwrap_or_else(|| json!("isolated-vm"))
}

/// Copies the keys the body has, as they are: the server's `$set` skips the undefined ones.
fn present(body: &Value, keys: &[&'static str]) -> Vec<(&'static str, Value)> {
    keys.iter().filter_map(|key| body.get(key).map(|value| (*key, value.clone()))).collect()
}
