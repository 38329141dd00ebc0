//! Export as files: the inventory (what the filter shows) and the Activity log, each as CSV and
//! JSON, with secrets masked (the receipt, `bulk::receipt`, builds on the same pieces).

use std::sync::Arc;

use serde_json::{Map, Value, json};

use crate::api::call::CallRecord;
use crate::api::mask;
use crate::finding::filter::Row;

pub const COLUMNS: [&str; 10] =
    ["platform", "connection", "id", "name", "kind", "status", "statusWord", "createdBy", "createdAt", "details"];

/// Every exported value goes through the shared URL masking: cards were masked when they were
/// made, and this keeps the files safe whatever a future card or Activity line holds.
pub fn clean(text: &str) -> String {
    mask::mask_urls(text)
}

pub fn record(row: &Row) -> Vec<(&'static str, String)> {
    let item = &row.item;
    let details: Vec<String> = item.fields.iter().map(|field| format!("{}: {}", field.label, field.value)).collect();
    let values = [
        item.platform.label().to_owned(),
        row.connection_label.to_string(),
        item.id.clone(),
        item.name.clone(),
        item.kind.label().to_owned(),
        item.status.label().to_owned(),
        item.status_word.clone(),
        item.created_by.clone().unwrap_or_default(),
        item.created_at.clone().unwrap_or_default(),
        details.join("; "),
    ];
    COLUMNS.into_iter().zip(values.iter().map(|value| clean(value))).collect()
}

/// RFC 4180 CSV with a header row. Cells a spreadsheet would run as a formula get a leading
/// apostrophe, so opening the file cannot execute anything a platform stored.
pub fn csv(columns: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = columns.join(",");
    out.push_str("\r\n");
    for cells in rows {
        let cells: Vec<String> = cells.iter().map(|value| csv_cell(value)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

pub fn integrations_csv(rows: &[Arc<Row>]) -> String {
    csv(&COLUMNS, rows.iter().map(|row| record(row).into_iter().map(|(_, value)| value).collect()))
}

fn csv_cell(value: &str) -> String {
    let value =
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() };
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

/// One integration as a JSON object, with its fields by label.
pub fn snapshot(row: &Row) -> Value {
    let mut object = json_object(
        record(row)
            .into_iter()
            .filter(|(column, _)| *column != "details")
            .map(|(column, value)| (column, json!(value))),
    );
    let fields = json_object(row.item.fields.iter().map(|field| (field.label, json!(clean(&field.value)))));
    object.insert("fields".into(), Value::Object(fields));
    Value::Object(object)
}

/// A JSON array, one object per integration.
pub fn integrations_json(rows: &[Arc<Row>]) -> String {
    let items: Vec<Value> = rows.iter().map(|row| snapshot(row)).collect();
    // No key rule over the document: its keys are Unplug's own column names and field labels
    // (the "Script" label holds on/off, not a script), and every value went through `clean`.
    serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_default()
}

const ACTIVITY_COLUMNS: [&str; 5] = ["time", "connection", "request", "status", "outcome"];

/// An Activity record as strings; the time in ISO 8601 UTC.
fn activity_record(record: &CallRecord, iso_time: &dyn Fn(f64) -> String) -> Vec<String> {
    vec![
        iso_time(record.at_ms),
        record.connection.clone(),
        clean(&record.request_line),
        record.status.map(|status| status.to_string()).unwrap_or_default(),
        record.outcome.clone(),
    ]
}

pub fn activity_csv(records: &[CallRecord], iso_time: &dyn Fn(f64) -> String) -> String {
    csv(&ACTIVITY_COLUMNS, records.iter().map(|record| activity_record(record, iso_time)))
}

/// A JSON object of text values, one per column.
pub fn object(columns: &[&str], cells: Vec<String>) -> Map<String, Value> {
    json_object(columns.iter().copied().zip(cells.into_iter().map(Value::String)))
}

/// A JSON object from its entries, a later entry replacing an earlier one of the same key, as
/// `collect` does; inserted one by one because `collect` sorts them first, and each place that
/// collects gets its own copy of the sort (about 3.5 KB of wasm).
fn json_object<'a>(entries: impl Iterator<Item = (&'a str, Value)>) -> Map<String, Value> {
    let mut object = Map::new();
    for (key, value) in entries {
        object.insert(key.to_owned(), value);
    }
    object
}

pub fn activity_json(records: &[CallRecord], iso_time: &dyn Fn(f64) -> String) -> String {
    let items: Vec<Value> = records
        .iter()
        .map(|record| {
            let mut object = object(&ACTIVITY_COLUMNS, activity_record(record, iso_time));
            object.insert("status".into(), record.status.map_or(Value::Null, |status| json!(status)));
            Value::Object(object)
        })
        .collect();
    serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_default()
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::model::{Field, Integration, Kind, Platform};

    pub fn row() -> Arc<Row> {
        let item = Integration {
            kind: Kind::OutgoingWebhook,
            status_word: "enabled".into(),
            created_by: Some("admin".into()),
            created_at: Some("2026-01-08T09:05:27Z".into()),
            fields: vec![Field::new("URLs", "https://h/x?token=s3cret&a=1, https://k/y")],
            ..Integration::example("rc", Platform::Rocketchat, "abc", "=HYPERLINK(\"x\")")
        };
        Arc::new(Row::new(item, "Main, chat"))
    }

    #[test]
    fn csv_quotes_escapes_defuses_formulas_and_masks() {
        let csv = integrations_csv(&[row()]);
        let mut lines = csv.split("\r\n");
        assert_eq!(
            lines.next(),
            Some("platform,connection,id,name,kind,status,statusWord,createdBy,createdAt,details")
        );
        assert_eq!(
            lines.next(),
            Some(
                "Rocket.Chat,\"Main, chat\",abc,\"'=HYPERLINK(\"\"x\"\")\",Outgoing webhook,Active,enabled,admin,2026-01-08T09:05:27Z,\"URLs: https://h/x?token=••••••&a=1, https://k/y\""
            )
        );
        assert!(!csv.contains("s3cret"));
    }

    #[test]
    fn json_keeps_fields_by_label_and_masks() {
        let json: Value = serde_json::from_str(&integrations_json(&[row()])).expect("valid JSON");
        assert_eq!(json[0]["connection"], "Main, chat");
        assert_eq!(json[0]["status"], "Active");
        assert_eq!(json[0]["fields"]["URLs"], "https://h/x?token=••••••&a=1, https://k/y");
        assert!(json[0].get("details").is_none());
    }

    #[test]
    fn every_url_shape_is_masked_in_both_files_and_labels_stay() {
        let mut item = row().item.as_ref().clone();
        item.fields = vec![
            Field::new(
                "URLs",
                "https://u:pw1@h/x, https://chat/hooks/id/tok2, https://hooks.slack.com/services/T1/B2/sec3, \
                 https://discord.com/api/webhooks/9/tok4?wait=true, https://h/y#code=c5",
            ),
            Field::new("Script", "enabled"),
        ];
        let rows = [Arc::new(Row::new(item, "rc"))];
        for file in [integrations_csv(&rows), integrations_json(&rows)] {
            for secret in ["pw1", "tok2", "sec3", "tok4", "c5"] {
                assert!(!file.contains(secret), "{secret} in {file}");
            }
            assert!(file.contains("https://discord.com/api/webhooks/9/••••••?wait=true"), "{file}");
        }
        let json: Value = serde_json::from_str(&integrations_json(&rows)).expect("valid JSON");
        assert_eq!(json[0]["fields"]["Script"], "enabled", "a label is not a key to mask");
    }

    fn calls() -> Vec<CallRecord> {
        vec![
            CallRecord {
                at_ms: 0.0,
                connection: "RyzeAPI (sandbox)".into(),
                request_line: "DELETE http://h/ryze/api/chatwoot/delete/vendas".into(),
                status: Some(200),
                outcome: "OK".into(),
            },
            CallRecord {
                at_ms: 1_000.0,
                connection: "Rocket.Chat, main".into(),
                request_line: "GET http://h/hook?token=abc".into(),
                status: None,
                outcome: "No answer within 1 second; the request was abandoned.".into(),
            },
        ]
    }

    fn iso(ms: f64) -> String {
        format!("t+{ms}")
    }

    #[test]
    fn activity_exports_every_call_with_secrets_masked() {
        let csv = activity_csv(&calls(), &iso);
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines[0], "time,connection,request,status,outcome");
        assert_eq!(lines[1], "t+0,RyzeAPI (sandbox),DELETE http://h/ryze/api/chatwoot/delete/vendas,200,OK");
        assert_eq!(
            lines[2],
            "t+1000,\"Rocket.Chat, main\",GET http://h/hook?token=••••••,,No answer within 1 second; the request was abandoned."
        );
        let json: Value = serde_json::from_str(&activity_json(&calls(), &iso)).expect("valid JSON");
        assert_eq!(json[0]["status"], 200);
        assert_eq!(json[1]["status"], Value::Null);
        assert_eq!(json[1]["request"], "GET http://h/hook?token=••••••");
    }
}
