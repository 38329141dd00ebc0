//! `PUT /api/v1/integrations.update` (contracts 2.5a): pause and resume keep every other field,
//! refused bodies answer the server's 400s, and `/__sandbox/stats` counts both.

mod common;

use std::net::SocketAddr;

use common::rocket_chat::{GIPHY_ID, GITHUB_ID, MANAGER_OUTGOING_ID, Session, admin, call, login};
use common::{Reply, get, start};
use serde_json::{Value, json};

fn stored(addr: SocketAddr, id: &str) -> Value {
    let reply = call(addr, &admin(), "GET", &format!("/rocketchat/api/v1/integrations.get?integrationId={id}"), None);
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()["integration"].clone()
}

fn update(addr: SocketAddr, session: &Session, body: &Value) -> Reply {
    call(addr, session, "PUT", "/rocketchat/api/v1/integrations.update", Some(&body.to_string()))
}

/// `(updates, updatesRefused)` from `/__sandbox/stats`.
fn counted(addr: SocketAddr) -> (Value, Value) {
    let stats = get(addr, "/__sandbox/stats").json();
    (stats["updates"]["rocketchat"].clone(), stats["updatesRefused"]["rocketchat"].clone())
}

/// The body a careful client sends: every field the schema allows, as `integrations.get` gave it,
/// with `channel` joined by commas.
fn body_from(stored: &Value) -> Value {
    let kind = stored["type"].as_str().expect("type");
    let keys: &[&str] = if kind == "webhook-outgoing" {
        &[
            "username",
            "event",
            "urls",
            "triggerWords",
            "token",
            "scriptEnabled",
            "script",
            "name",
            "enabled",
            "alias",
            "avatar",
            "emoji",
            "impersonateUser",
        ]
    } else {
        &["scriptEnabled", "script", "name", "enabled", "alias", "avatar", "emoji"]
    };
    let mut body = json!({ "type": kind, "integrationId": stored["_id"] });
    for key in keys {
        if let Some(value) = stored.get(*key) {
            body[*key] = value.clone();
        }
    }
    let channels: Vec<&str> =
        stored["channel"].as_array().expect("channel array").iter().filter_map(Value::as_str).collect();
    body["channel"] = json!(channels.join(","));
    body
}

fn without(mut body: Value, key: &str) -> Value {
    body.as_object_mut().expect("object").remove(key);
    body
}

/// The document less what every update rewrites.
fn unchanged_part(document: &Value) -> Value {
    let mut document = document.clone();
    for key in ["enabled", "_updatedAt", "_updatedBy"] {
        document.as_object_mut().expect("object").remove(key);
    }
    document
}

#[test]
fn pausing_flips_enabled_keeps_every_other_field_and_shows_in_list_and_get() {
    let addr = start().api_addr;
    let before = stored(addr, GIPHY_ID);
    assert_eq!(before["enabled"], true);
    let mut body = body_from(&before);
    body["enabled"] = json!(false);

    let reply = update(addr, &admin(), &body);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let answer = reply.json();
    assert_eq!(answer.as_object().map(|object| object.len()), Some(2), "exactly integration and success");
    assert_eq!(answer["success"], true);
    assert_eq!(answer["integration"]["enabled"], false);
    assert_eq!(unchanged_part(&answer["integration"]), unchanged_part(&before));
    assert_eq!(answer["integration"]["_updatedBy"], json!({"_id": "sandboxAdminUserId", "username": "admin"}));
    assert!(answer["integration"]["_updatedAt"].as_str() > before["_updatedAt"].as_str());

    assert_eq!(stored(addr, GIPHY_ID), answer["integration"]);
    let list = call(addr, &admin(), "GET", "/rocketchat/api/v1/integrations.list?name=Giphy", None).json();
    assert_eq!(list["integrations"][0]["enabled"], false);

    body["enabled"] = json!(true);
    assert_eq!(update(addr, &admin(), &body).json()["integration"]["enabled"], true);
    assert_eq!(counted(addr), (json!(2), json!(0)));
}

#[test]
fn an_outgoing_body_without_urls_or_token_gets_the_servers_400_and_is_counted() {
    let addr = start().api_addr;
    let before = stored(addr, GIPHY_ID);
    let body = body_from(&before);

    let no_urls = update(addr, &admin(), &without(body.clone(), "urls"));
    assert_eq!(no_urls.status, 400);
    assert_eq!(
        no_urls.json(),
        json!({
            "success": false,
            "error": "Invalid URLs [error-invalid-urls]",
            "errorType": "error-invalid-urls",
            "details": {"function": "validateOutgoing._verifyRequiredFields"},
        })
    );
    let no_token = update(addr, &admin(), &without(body.clone(), "token"));
    assert_eq!(
        no_token.json(),
        json!({
            "success": false,
            "error": "Invalid token [error-invalid-token]",
            "errorType": "error-invalid-token",
            "details": {"method": "updateOutgoingIntegration"},
        })
    );
    let no_channel = update(addr, &admin(), &without(body, "channel"));
    assert_eq!(
        no_channel.json(),
        json!({
            "success": false,
            "error": "must have required property 'channel'\n must have required property 'channel'\n must match exactly one schema in oneOf [invalid-params]",
            "errorType": "invalid-params",
        })
    );
    assert_eq!(stored(addr, GIPHY_ID), before, "nothing was written");
    assert_eq!(counted(addr), (json!(3), json!(3)));
}

#[test]
fn an_outgoing_body_that_leaves_out_a_held_field_is_refused_by_the_sandbox() {
    let addr = start().api_addr;
    let before = stored(addr, GIPHY_ID);
    let reply = update(addr, &admin(), &without(body_from(&before), "triggerWords"));
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.json(),
        json!({
            "success": false,
            "error": "The body leaves out triggerWords that the integration has; send back every field as integrations.get returns it [sandbox-omitted-fields]",
            "errorType": "sandbox-omitted-fields",
            "details": {"fields": ["triggerWords"]},
        })
    );
    assert_eq!(stored(addr, GIPHY_ID), before);
    // An empty stored value has nothing to lose: `alias` is "" here.
    assert_eq!(before["alias"], "");
    assert_eq!(update(addr, &admin(), &without(body_from(&before), "alias")).status, 200);
    assert_eq!(counted(addr), (json!(2), json!(1)));
}

#[test]
fn extra_keys_on_an_outgoing_body_are_invalid_params() {
    let addr = start().api_addr;
    let mut body = body_from(&stored(addr, GIPHY_ID));
    body["_id"] = json!(GIPHY_ID);
    let reply = update(addr, &admin(), &body);
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.json(),
        json!({
            "success": false,
            "error": "must match pattern \"webhook-incoming\"\n must NOT have additional properties\n must match exactly one schema in oneOf [invalid-params]",
            "errorType": "invalid-params",
        })
    );
    assert_eq!(counted(addr), (json!(1), json!(1)));
}

#[test]
fn an_incoming_body_without_script_keeps_the_stored_script_and_splits_channels() {
    let addr = start().api_addr;
    let before = stored(addr, GITHUB_ID);
    assert!(before["script"].as_str().is_some_and(|script| !script.is_empty()));
    let mut body = without(body_from(&before), "script");
    body["enabled"] = json!(false);
    body["channel"] = json!("#dev, @admin");
    // The incoming branch lets other keys through.
    body["_id"] = json!(GITHUB_ID);

    let reply = update(addr, &admin(), &body);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let after = reply.json()["integration"].clone();
    assert_eq!(after["script"], before["script"]);
    assert_eq!(after["scriptEnabled"], before["scriptEnabled"]);
    assert_eq!(after["enabled"], false);
    assert_eq!(after["channel"], json!(["#dev", "@admin"]));
    assert_eq!(after["token"], before["token"]);
    assert_eq!(stored(addr, GITHUB_ID), after);
}

#[test]
fn unknown_ids_types_and_channels_answer_the_servers_400s() {
    let addr = start().api_addr;
    let mut incoming = body_from(&stored(addr, GITHUB_ID));
    let mut outgoing = body_from(&stored(addr, GIPHY_ID));
    let not_found = json!({"success": false, "error": "No integration found."});
    incoming["integrationId"] = json!("nope");
    outgoing["integrationId"] = json!("nope");
    assert_eq!(update(addr, &admin(), &incoming).json(), not_found);
    assert_eq!(update(addr, &admin(), &outgoing).json(), not_found);

    outgoing["type"] = json!("xwebhook-outgoing");
    assert_eq!(
        update(addr, &admin(), &outgoing).json(),
        json!({"success": false, "error": "Invalid integration type."})
    );

    let mut incoming = body_from(&stored(addr, GITHUB_ID));
    incoming["channel"] = json!("dev");
    assert_eq!(
        update(addr, &admin(), &incoming).json(),
        json!({
            "success": false,
            "error": "Invalid channel. Start with @ or # [error-invalid-channel-start-with-chars]",
            "errorType": "error-invalid-channel-start-with-chars",
            "details": {"method": "updateIncomingIntegration"},
        })
    );
    incoming["enabled"] = json!("false");
    assert_eq!(
        update(addr, &admin(), &incoming).json()["error"],
        "must be boolean\n must have required property 'username'\n must match exactly one schema in oneOf [invalid-params]"
    );
    assert_eq!(counted(addr), (json!(5), json!(5)));
}

#[test]
fn the_update_methods_check_the_callers_permissions() {
    let addr = start().api_addr;
    let giphy = body_from(&stored(addr, GIPHY_ID));
    let manager = login(addr, "manager");
    assert_eq!(
        update(addr, &manager, &giphy).json(),
        json!({
            "success": false,
            "error": "[methods] updateOutgoingIntegration -> integration not found [invalid_integration]",
            "errorType": "invalid_integration",
        })
    );
    assert_eq!(update(addr, &manager, &body_from(&stored(addr, MANAGER_OUTGOING_ID))).status, 200, "their own");
    let viewer = login(addr, "viewer");
    assert_eq!(
        update(addr, &viewer, &giphy).json(),
        json!({
            "success": false,
            "error": "Unauthorized [not_authorized]",
            "errorType": "not_authorized",
            "details": {"method": "updateOutgoingIntegration"},
        })
    );
    let signed_out = Session { user_id: "sandboxAdminUserId".to_owned(), token: "nope".to_owned() };
    assert_eq!(update(addr, &signed_out, &giphy).status, 401);
    assert_eq!(counted(addr), (json!(3), json!(2)), "a 401 never reaches the update");
}
