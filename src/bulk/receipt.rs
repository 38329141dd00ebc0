//! The receipt of what Unplug did: one entry per settled action, single or in a run, with who
//! acted and a non-secret snapshot of the integration as it was listed, enough to recreate it
//! by hand. Saved as JSON and CSV through the same masking as every export.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::api::Action;
use crate::export;
use crate::finding::filter::Row;

/// One settled action.
#[derive(Clone, Debug, PartialEq)]
pub struct ReceiptEntry {
    /// The integration as it was listed before the action.
    pub row: Arc<Row>,
    pub action: Action,
    pub at_ms: f64,
    pub status: Option<u16>,
    /// How it ended, in the console's words ("Disconnected", "Already disconnected", a failure).
    pub outcome: String,
    /// The platform's own message, where it gave one.
    pub message: Option<String>,
    /// Who acted: the Rocket.Chat user, or the kind of token of a RyzeAPI or Altegio connection.
    pub acted_as: String,
    /// The bulk run it belonged to; `None` for a card's own action.
    pub run: Option<u32>,
}

const COLUMNS: [&str; 8] =
    ["time", "action", "outcome", "httpStatus", "message", "actedAs", "connectionId", "snapshot"];

fn cells(entry: &ReceiptEntry, iso_time: &dyn Fn(f64) -> String) -> Vec<String> {
    vec![
        iso_time(entry.at_ms),
        entry.action.slug().to_owned(),
        entry.outcome.clone(),
        entry.status.map(|status| status.to_string()).unwrap_or_default(),
        entry.message.clone().unwrap_or_default(),
        entry.acted_as.clone(),
        entry.row.item.connection_id.clone(),
    ]
}

/// Each entry's receipt columns, then the integration's export columns (platform, connection,
/// id, name, kind, status, …, its fields) as a snapshot.
pub fn receipt_csv(entries: &[ReceiptEntry], iso_time: &dyn Fn(f64) -> String) -> String {
    let columns: Vec<&str> = COLUMNS[..7].iter().copied().chain(export::COLUMNS).collect();
    export::csv(
        &columns,
        entries.iter().map(|entry| {
            let mut row: Vec<String> = cells(entry, iso_time).into_iter().map(|cell| export::clean(&cell)).collect();
            row.extend(export::record(&entry.row).into_iter().map(|(_, value)| value));
            row
        }),
    )
}

/// A JSON array: each entry's receipt fields and its `snapshot` object.
pub fn receipt_json(entries: &[ReceiptEntry], iso_time: &dyn Fn(f64) -> String) -> String {
    let items: Vec<Value> = entries
        .iter()
        .map(|entry| {
            let cleaned = cells(entry, iso_time).iter().map(|cell| export::clean(cell)).collect();
            let mut object = export::object(&COLUMNS, cleaned);
            object.insert("httpStatus".into(), entry.status.map_or(Value::Null, |status| json!(status)));
            object.insert("snapshot".into(), export::snapshot(&entry.row));
            Value::Object(object)
        })
        .collect();
    serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(message: &str) -> ReceiptEntry {
        ReceiptEntry {
            row: export::tests::row(),
            action: Action::Disable,
            at_ms: 0.0,
            status: Some(400),
            outcome: "The platform refused the request (HTTP 400).".into(),
            message: Some(message.into()),
            acted_as: "Main, chat · admin".into(),
            run: Some(1),
        }
    }

    #[test]
    fn a_receipt_carries_the_action_who_acted_and_a_masked_snapshot() {
        let iso = |_: f64| "1970-01-01T00:00:00.000Z".to_owned();
        let entries = [entry("see https://h/x?access_token=s3cret")];
        let json: Value = serde_json::from_str(&receipt_json(&entries, &iso)).expect("JSON");
        assert_eq!(json[0]["action"], "disable");
        assert_eq!(json[0]["httpStatus"], 400);
        assert_eq!(json[0]["actedAs"], "Main, chat · admin");
        assert_eq!(json[0]["snapshot"]["id"], "abc");
        assert_eq!(json[0]["snapshot"]["connection"], "Main, chat");
        let csv = receipt_csv(&entries, &iso);
        assert!(csv.starts_with("time,action,outcome,httpStatus,message,actedAs,connectionId,platform,connection,id,"));
        for text in [json.to_string(), csv] {
            assert!(!text.contains("s3cret"), "a URL's secret is masked: {text}");
        }
    }
}
