//! Altegio locations → cards.

use super::wire::{ConnectionStatus, Salon};
use crate::model::{Field, Integration, Kind, Platform, Status};

pub fn integration(connection_id: &str, application_id: u64, salon: Salon, status: Option<ConnectionStatus>) -> Integration {
    let (status, status_word, created_at) = match status {
        Some(connection) => (status_of(&connection.status), connection.status, connection.created_at),
        None => (Status::Unknown, "unknown".to_owned(), None),
    };
    let mut fields = vec![
        Field::id("Location id", salon.id.to_string()),
        Field::id("Application id", application_id.to_string()),
    ];
    let optional = [
        ("Public title", salon.public_title),
        ("City", salon.city),
        ("Address", salon.address),
        ("Phone", salon.phone),
        ("Time zone", salon.timezone_name),
    ];
    fields.extend(optional.into_iter().filter_map(|(label, value)| value.map(|value| Field::new(label, value))));
    Integration {
        connection_id: connection_id.to_owned(),
        platform: Platform::Altegio,
        id: salon.id.to_string(),
        name: salon.title,
        kind: Kind::AppOnLocation,
        status,
        status_word,
        created_by: None,
        created_at,
        fields,
        after_disconnect: Some(disable_webhook(salon.id, application_id)),
    }
}

/// The documented disable webhook Altegio POSTs to the app's Callback URL, token masked.
pub fn disable_webhook(salon_id: u64, application_id: u64) -> String {
    let payload = serde_json::json!({
        "salon_id": salon_id,
        "application_id": application_id,
        "event": "uninstall",
        "partner_token": crate::api::mask::MASK,
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
