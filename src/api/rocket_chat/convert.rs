//! Rocket.Chat documents → provider-neutral cards, every text masked by [`mask::mask_card`]
//! (an outgoing webhook's `urls` may carry a credential).

use serde_json::Value;

use super::wire::{HistoryPage, WireIntegration};
use crate::api::mask;
use crate::model::{Field, Integration, Kind, LastActivity, Platform, Status};

pub const INCOMING: &str = "webhook-incoming";
pub const OUTGOING: &str = "webhook-outgoing";

/// The wire `type` a removal must send for a card of this kind.
pub fn wire_type(kind: Kind) -> &'static str {
    match kind {
        Kind::OutgoingWebhook => OUTGOING,
        _ => INCOMING,
    }
}

pub fn integration(connection_id: &str, wire: WireIntegration) -> Integration {
    let kind = if wire.kind == OUTGOING { Kind::OutgoingWebhook } else { Kind::IncomingWebhook };
    let (status, status_word) = if wire.enabled { (Status::Active, "enabled") } else { (Status::Disabled, "disabled") };
    let mut fields = vec![Field::id("Integration id", wire.id.clone())];
    if let Some(channels) = channels(wire.channel.as_ref()) {
        fields.push(Field::fact("Channel", channels));
    }
    if let Some(host) = wire.urls.as_ref().and_then(|urls| urls.first()).and_then(|url| host(url)) {
        fields.push(Field::fact("Target host", host));
    }
    if let Some(username) = wire.username {
        fields.push(Field::new("Posts as", username));
    }
    if let Some(event) = wire.event {
        fields.push(Field::new("Event", event));
    }
    if let Some(urls) = wire.urls.filter(|urls| !urls.is_empty()) {
        fields.push(Field::new("URLs", urls.join(", ")));
    }
    if let Some(words) = wire.trigger_words.filter(|words| !words.is_empty()) {
        fields.push(Field::new("Trigger words", words.join(", ")));
    }
    if let Some(enabled) = wire.script_enabled {
        fields.push(Field::new("Script", if enabled { "enabled" } else { "disabled" }));
    }
    // Only outgoing webhooks run, and each one's runs are read on their own.
    let last_activity = match kind {
        Kind::OutgoingWebhook => LastActivity::NotReadYet,
        _ => LastActivity::NotRecorded { label: "not recorded by Rocket.Chat" },
    };
    mask::mask_card(Integration {
        connection_id: connection_id.to_owned(),
        platform: Platform::Rocketchat,
        id: wire.id,
        name: wire.name,
        kind,
        status,
        status_word: status_word.into(),
        created_by: wire.created_by.and_then(|by| by.username),
        created_at: wire.created_at,
        fields,
        after_disconnect: None,
        listed_by: Default::default(),
        last_activity,
    })
}

/// The newest run of a history page asked newest first: when it last changed, and whether
/// it ended in an error (`error: true`), finished (`finished: true`), or is still under way.
pub fn last_activity(page: HistoryPage) -> LastActivity {
    match page.history.into_iter().next() {
        Some(run) => LastActivity::At {
            at: run.updated_at,
            ok: if run.error { Some(false) } else { run.finished.then_some(true) },
            label: "last run",
        },
        None => LastActivity::NoneRecorded,
    }
}

fn channels(channel: Option<&Value>) -> Option<String> {
    match channel? {
        Value::String(one) if !one.is_empty() => Some(one.clone()),
        Value::Array(many) => {
            let names: Vec<&str> = many.iter().filter_map(Value::as_str).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

/// The host a URL points at: no scheme, user info, port, path or query, so nothing a URL may
/// carry as a credential.
fn host(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_and_port = authority.rsplit('@').next()?;
    let host = match host_and_port.strip_prefix('[') {
        Some(bracketed) => &host_and_port[..bracketed.find(']')? + 2],
        None => host_and_port.split(':').next()?,
    };
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::host;

    #[test]
    fn a_target_host_is_the_host_alone() {
        assert_eq!(host("https://helpdesk.example.com/rocketchat/webhook"), Some("helpdesk.example.com"));
        assert_eq!(host("https://robot:s3cret@hooks.example.com:8443/x?token=t#y"), Some("hooks.example.com"));
        assert_eq!(host("http://[::1]:8080/hook"), Some("[::1]"));
        assert_eq!(host("https://hooks.example.com?sig=abc"), Some("hooks.example.com"));
        assert_eq!(host("not a url"), None);
        assert_eq!(host("https:///path"), None);
    }
}
