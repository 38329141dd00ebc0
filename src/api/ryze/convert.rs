//! RyzeAPI instances → cards: one card per instance that has a Chatwoot integration, or may
//! have one until its own record is read. Every text is masked by [`mask::mask_card`].

use super::wire::{ChatwootInfo, Instance};
use crate::api::mask;
use crate::model::{Field, Integration, Kind, LastActivity, NOT_READ_YET, Platform, Status};

/// The card an instance makes, from its list item alone. `None` where the summary says there
/// is no Chatwoot link; a card whose status is [`NOT_READ_YET`] where the list did not say.
pub fn integration(connection_id: &str, instance: Instance) -> Option<Integration> {
    let chatwoot = instance.chatwoot.unwrap_or_default();
    if chatwoot.enabled == Some(false) {
        return None;
    }
    let status_word = chatwoot.status.unwrap_or_else(|| NOT_READ_YET.to_owned());
    let mut fields = vec![Field::id("Instance", instance.instance_name.clone())];
    if let Some(state) = instance.connection.map(|connection| connection.state) {
        fields.push(Field::new("WhatsApp", state));
    }
    if let Some(inbox) = chatwoot.chatwoot_inbox_name {
        fields.push(Field::fact("Chatwoot inbox", inbox));
    }
    if let Some(bridge) = chatwoot.bridge_integration_id {
        fields.push(Field::id("Bridge integration id", bridge));
    }
    if let Some(profile) = instance.profile.and_then(|profile| profile.name).filter(|name| !name.is_empty()) {
        fields.push(Field::new("WhatsApp profile", profile));
    }
    Some(mask::mask_card(Integration {
        connection_id: connection_id.to_owned(),
        platform: Platform::Ryze,
        name: instance.instance_name.clone(),
        id: instance.instance_name,
        kind: Kind::ChatwootOnInstance,
        status: status_of(&status_word),
        status_word,
        created_by: None,
        created_at: None,
        fields,
        after_disconnect: None,
        listed_by: Default::default(),
        last_activity: LastActivity::NotRecorded { label: "not reported by RyzeAPI" },
    }))
}

/// The card once the instance's Chatwoot record answered.
pub fn with_info(mut item: Integration, info: ChatwootInfo) -> Integration {
    item.status = status_of(&info.status);
    item.status_word = info.status;
    item.created_at = info.created_at.or(item.created_at);
    let known: Vec<&str> = item.fields.iter().map(|field| field.label).collect();
    let missing = [
        info.chatwoot_inbox_name
            .filter(|_| !known.contains(&"Chatwoot inbox"))
            .map(|v| Field::fact("Chatwoot inbox", v)),
        info.bridge_integration_id
            .filter(|_| !known.contains(&"Bridge integration id"))
            .map(|v| Field::id("Bridge integration id", v)),
    ];
    item.fields.extend(missing.into_iter().flatten());
    mask::mask_card(item)
}

fn status_of(word: &str) -> Status {
    match word {
        "active" => Status::Active,
        "paused" => Status::Paused,
        "error" => Status::Error,
        _ => Status::Unknown,
    }
}
