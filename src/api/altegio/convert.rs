//! Altegio locations → cards, every text masked by [`mask::mask_card`].

use super::wire::{ConnectionStatus, Salon, StatusChange};
use crate::api::mask;
use crate::model::last_activity::epoch_ms;
use crate::model::{Field, Integration, Kind, LastActivity, NOT_READ_YET, Platform, Status, UNREADABLE};

/// A card from the location list alone: the list carries no status, which is read afterwards.
pub fn integration(connection_id: &str, application_id: u64, salon: Salon) -> Integration {
    let mut fields =
        vec![Field::id("Location id", salon.id.to_string()), Field::id("Application id", application_id.to_string())];
    let optional = [
        salon.public_title.map(|value| Field::new("Public title", value)),
        salon.city.map(|value| Field::fact("City", value)),
        salon.address.map(|value| Field::new("Address", value)),
        salon.phone.map(|value| Field::new("Phone", value)),
        salon.timezone_name.map(|value| Field::new("Time zone", value)),
    ];
    fields.extend(optional.into_iter().flatten());
    mask::mask_card(Integration {
        connection_id: connection_id.to_owned(),
        platform: Platform::Altegio,
        id: salon.id.to_string(),
        name: salon.title,
        kind: Kind::AppOnLocation,
        status: Status::Unknown,
        status_word: NOT_READ_YET.to_owned(),
        created_by: None,
        created_at: None,
        fields,
        after_disconnect: Some(disable_webhook(salon.id, application_id)),
        listed_by: Default::default(),
        // The status read brings it.
        last_activity: LastActivity::NotReadYet,
    })
}

/// The card once its location's status call answered; `None` (unreadable) says "unknown".
pub fn with_status(mut item: Integration, status: Option<ConnectionStatus>) -> Integration {
    match status {
        Some(connection) => {
            item.status = status_of(&connection.status);
            item.status_word = connection.status;
            item.created_at = connection.created_at;
        }
        None => {
            item.status_word = UNREADABLE.to_owned();
            item.last_activity = LastActivity::Unreadable;
        }
    }
    mask::mask_card(item)
}

/// The newest `changed_at` of the status read's log. Altegio states no time zone for it, and
/// the log's order is not documented, so the newest is found rather than assumed first.
pub fn last_status_change(logs: Vec<StatusChange>) -> LastActivity {
    let newest = logs.into_iter().map(|log| log.changed_at).max_by_key(|at| epoch_ms(at));
    match newest {
        Some(at) => LastActivity::At { at, ok: None, label: "last status change" },
        None => LastActivity::NoneRecorded,
    }
}

/// The documented disable webhook Altegio POSTs to the app's Callback URL, token masked.
pub fn disable_webhook(salon_id: u64, application_id: u64) -> String {
    let payload = serde_json::json!({
        "salon_id": salon_id,
        "application_id": application_id,
        "event": "uninstall",
        "partner_token": mask::MASK,
    });
    serde_json::to_string_pretty(&payload).unwrap_or_default()
}

fn status_of(word: &str) -> Status {
    match word {
        "active" => Status::Active,
        "pending" => Status::Pending,
        "freezed" => Status::Frozen,
        _ => Status::Unknown,
    }
}
