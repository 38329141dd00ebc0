//! `updateOutgoingIntegration`: `validateOutgoingIntegration`, the token, the caller, then the
//! body's fields over the stored ones (contracts 2.5a).

use serde_json::{Value, json};

use super::{Denied, known_user, may_change, meteor_error, omitted_fields, present, stored_engine};
use crate::data::rocket_chat::{Direction, MANAGE_OUTGOING, User};
use crate::http::Response;

const SCOPED_CHANNELS: [&str; 3] = ["all_public_channels", "all_private_groups", "all_direct_messages"];

/// One of `outgoingEvents` and the fields it uses.
#[derive(Debug)]
struct Event {
    name: &'static str,
    channel: bool,
    trigger_words: bool,
    target_room: bool,
}

const fn event(name: &'static str, channel: bool, trigger_words: bool, target_room: bool) -> Event {
    Event { name, channel, trigger_words, target_room }
}

const EVENTS: [Event; 9] = [
    event("sendMessage", true, true, false),
    event("messageEdited", true, false, false),
    event("messageDeleted", true, false, false),
    event("fileUploaded", true, false, false),
    event("roomArchived", false, false, false),
    event("roomCreated", false, false, false),
    event("roomJoined", true, false, false),
    event("roomLeft", true, false, false),
    event("userCreated", false, false, true),
];

/// What validation made of the body.
#[derive(Debug)]
struct Valid {
    channels: Vec<String>,
    urls: Vec<String>,
    /// `_id` and `username` of the user the integration posts as.
    poster: (&'static str, &'static str),
    /// Only for events that use trigger words, and only when the body has them.
    trigger_words: Option<Vec<String>>,
}

/// The fields the update writes, or the first refusal in the server's order.
pub fn changes(body: &Value, user: &User, integration: &Value) -> Result<Vec<(&'static str, Value)>, Response> {
    let valid = validate(body, user)?;
    if body["token"].as_str().is_none_or(|token| token.trim().is_empty()) {
        return Err(meteor_error("error-invalid-token", "Invalid token", Some(method())));
    }
    match may_change(user, Direction::Outgoing, integration) {
        Ok(()) => {}
        Err(Denied::NoPermission) => return Err(meteor_error("not_authorized", "Unauthorized", Some(method()))),
        Err(Denied::NotOwn) => {
            let reason = "[methods] updateOutgoingIntegration -> integration not found";
            return Err(meteor_error("invalid_integration", reason, None));
        }
    }
    omitted_fields(body, integration)?;

    let mut changes = vec![
        ("event", body["event"].clone()),
        ("enabled", body["enabled"].clone()),
        ("name", body["name"].clone()),
        ("channel", json!(valid.channels)),
        ("username", json!(valid.poster.1)),
        ("userId", json!(valid.poster.0)),
        ("urls", json!(valid.urls)),
        ("token", body["token"].clone()),
        ("scriptEnabled", body["scriptEnabled"].clone()),
        ("scriptEngine", stored_engine(integration)),
    ];
    changes.extend(present(
        body,
        &[
            "avatar",
            "emoji",
            "alias",
            "targetRoom",
            "impersonateUser",
            "script",
            "retryFailedCalls",
            "triggerWordAnywhere",
        ],
    ));
    if let Some(words) = valid.trigger_words {
        changes.push(("triggerWords", json!(words)));
    }
    changes.extend(retry(body));
    if body.get("runOnEdits").is_some() {
        changes.push(("runOnEdits", json!(body["runOnEdits"] == true)));
    }
    Ok(changes)
}

/// `validateOutgoingIntegration`, less the room lookups: here every `#room` and `@user` exists and
/// the caller is in it.
fn validate(body: &Value, user: &User) -> Result<Valid, Response> {
    let required = |error: &str, reason: &str| {
        meteor_error(error, reason, Some(json!({ "function": "validateOutgoing._verifyRequiredFields" })))
    };
    let validating =
        |error: &str, reason: &str| meteor_error(error, reason, Some(json!({ "function": "validateOutgoing" })));

    let Some(event) = EVENTS.iter().find(|event| body["event"] == event.name) else {
        return Err(required("error-invalid-event-type", "Invalid event type"));
    };
    let Some(username) = text(&body["username"]) else {
        return Err(required("error-invalid-username", "Invalid username"));
    };
    if event.target_room && text(&body["targetRoom"]).is_none() {
        return Err(required("error-invalid-targetRoom", "Invalid Target Room"));
    }
    let urls: Vec<String> = body["urls"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|url| url.as_str().filter(|url| !url.trim().is_empty()).map(str::to_owned))
        .collect();
    if urls.is_empty() {
        return Err(required("error-invalid-urls", "Invalid URLs"));
    }
    let channels = if event.channel {
        // A blank channel is deleted before this check, so it fails as a missing one.
        let Some(channel) = text(&body["channel"]) else {
            return Err(validating("error-invalid-channel", "Invalid Channel"));
        };
        let channels = parse_csv(channel);
        let valid = |channel: &String| {
            channel.starts_with(['#', '@']) || SCOPED_CHANNELS.contains(&channel.to_lowercase().as_str())
        };
        if !channels.iter().all(valid) {
            return Err(validating("error-invalid-channel-start-with-chars", "Invalid channel. Start with @ or #"));
        }
        channels
    } else if user.can(MANAGE_OUTGOING) {
        Vec::new()
    } else {
        return Err(validating("error-invalid-permissions", "Invalid permission for required Integration creation."));
    };
    let Some(poster) = known_user(username) else {
        return Err(validating("error-invalid-user", "Invalid user (did you delete the `rocket.cat` user?)"));
    };
    let trigger_words = body["triggerWords"].as_array().filter(|_| event.trigger_words).map(|words| {
        words.iter().filter_map(Value::as_str).filter(|word| !word.trim().is_empty()).map(str::to_owned).collect()
    });
    channel_permissions(&channels, user)?;
    Ok(Valid { channels, urls, poster, trigger_words })
}

/// `_verifyUserHasPermissionForChannels`: private groups and direct messages as a whole need the
/// full permission; a name that is neither scoped nor a `#room`/`@user` names no room.
fn channel_permissions(channels: &[String], user: &User) -> Result<(), Response> {
    let refuse = |error: &str, reason: &str| {
        let details = json!({ "function": "validateOutgoing._verifyUserHasPermissionForChannels" });
        Err(meteor_error(error, reason, Some(details)))
    };
    for channel in channels {
        let scoped = SCOPED_CHANNELS.contains(&channel.as_str());
        if scoped && channel != "all_public_channels" && !user.can(MANAGE_OUTGOING) {
            return refuse("error-invalid-channel", "Invalid Channel");
        }
        if !scoped && !channel.starts_with(['#', '@']) {
            return refuse("error-invalid-room", "Invalid room");
        }
    }
    Ok(())
}

/// `_verifyRetryInformation`: with retries on, a count of at least 1 (else 4) and a delay
/// (`powers-of-ten` when blank); with them off the body's values, if any, as they are.
fn retry(body: &Value) -> Vec<(&'static str, Value)> {
    if body["retryFailedCalls"] != true {
        return present(body, &["retryCount", "retryDelay"]);
    }
    // `parseInt`: a whole number of at least 1.
    let count =
        body["retryCount"].as_f64().map(f64::trunc).filter(|count| *count >= 1.0).map_or(4, |count| count as i64);
    let delay = text(&body["retryDelay"]).map_or_else(|| "powers-of-ten".to_owned(), str::to_lowercase);
    vec![("retryCount", json!(count)), ("retryDelay", json!(delay))]
}

/// `parseCSV`: split on commas, trimmed, empty entries dropped.
fn parse_csv(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|entry| !entry.is_empty()).map(str::to_owned).collect()
}

/// A string that is not blank, as the server's truthiness and `trim() === ''` checks read it.
fn text(value: &Value) -> Option<&str> {
    value.as_str().filter(|text| !text.trim().is_empty())
}

fn method() -> Value {
    json!({ "method": "updateOutgoingIntegration" })
}
