//! `updateIncomingIntegration`: checks the channels and the caller, then sets the required fields
//! and only those optional ones the body has, so a body without `script` keeps the stored script.

use serde_json::{Value, json};

use super::{Denied, known_user, may_change, meteor_error, present, stored_engine};
use crate::data::rocket_chat::{Direction, User};
use crate::http::Response;

const METHOD: &str = "updateIncomingIntegration";

/// The fields the update writes, or the method's refusal.
pub fn changes(body: &Value, user: &User, integration: &Value) -> Result<Vec<(&'static str, Value)>, Response> {
    let channels = channels(body["channel"].as_str().unwrap_or_default())?;
    match may_change(user, Direction::Incoming, integration) {
        Ok(()) => {}
        Err(Denied::NoPermission) => return Err(failure("not_authorized", "Unauthorized")),
        Err(Denied::NotOwn) => return Err(failure("error-invalid-integration", "Invalid integration")),
    }
    let mut changes = vec![
        ("enabled", body["enabled"].clone()),
        ("name", body["name"].clone()),
        ("channel", json!(channels)),
        ("scriptEnabled", body["scriptEnabled"].clone()),
        ("scriptEngine", stored_engine(integration)),
        ("skipTranspile", json!(body["skipTranspile"] == true)),
    ];
    changes.extend(present(body, &["avatar", "emoji", "alias", "script", "overrideDestinationChannelEnabled"]));
    if let Some(username) = body.get("username") {
        let Some((id, name)) = username.as_str().and_then(known_user) else {
            return Err(failure("error-invalid-post-as-user", "Invalid Post As User"));
        };
        changes.extend([("username", json!(name)), ("userId", json!(id))]);
    }
    Ok(changes)
}

/// `validateChannels`: a comma-separated list, each entry a `#room` or an `@user`.
fn channels(text: &str) -> Result<Vec<String>, Response> {
    if text.trim().is_empty() {
        return Err(failure("error-invalid-channel", "Invalid channel"));
    }
    let channels: Vec<String> = text.split(',').map(|channel| channel.trim().to_owned()).collect();
    if channels.iter().all(|channel| channel.starts_with(['#', '@'])) {
        Ok(channels)
    } else {
        Err(failure("error-invalid-channel-start-with-chars", "Invalid channel. Start with @ or #"))
    }
}

fn failure(error: &str, reason: &str) -> Response {
    meteor_error(error, reason, Some(json!({ "method": METHOD })))
}
