//! RyzeAPI instances → cards: one card per instance that has a Chatwoot integration.

use super::wire::Instance;
use crate::model::{Field, Integration, Kind, Platform, Status};

pub fn integration(connection_id: &str, instance: Instance) -> Option<Integration> {
    let chatwoot = instance.chatwoot.filter(|chatwoot| chatwoot.enabled)?;
    let status_word = chatwoot.status.unwrap_or_default();
    let status = match status_word.as_str() {
        "active" => Status::Active,
        "paused" => Status::Paused,
        "error" => Status::Error,
        _ => Status::Unknown,
    };
    let mut fields = vec![Field::id("Instance", instance.instance_name.clone())];
    if let Some(state) = instance.connection.map(|connection| connection.state) {
        fields.push(Field::new("WhatsApp", state));
    }
    if let Some(inbox) = chatwoot.chatwoot_inbox_name {
        fields.push(Field::new("Chatwoot inbox", inbox));
    }
    if let Some(bridge) = chatwoot.bridge_integration_id {
        fields.push(Field::id("Bridge integration id", bridge));
    }
    if let Some(profile) = instance.profile.and_then(|profile| profile.name).filter(|name| !name.is_empty()) {
        fields.push(Field::new("WhatsApp profile", profile));
    }
    Some(Integration {
        connection_id: connection_id.to_owned(),
        platform: Platform::Ryze,
        name: instance.instance_name.clone(),
        id: instance.instance_name,
        kind: Kind::ChatwootOnInstance,
        status,
        status_word,
        created_by: None,
        created_at: None,
        fields,
        after_disconnect: None,
    })
}
