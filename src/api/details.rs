//! The detail panel's facts: every non-secret field of a platform's detail answer.

use serde_json::Value;

use super::mask::{is_secret_key, mask_urls};

/// Flattens a JSON document into `path: value` rows. A secret-keyed field (by the key rule of
/// [`super::mask`]) is left out entirely unless it holds a flag or a number; every key and
/// text passes through the URL masking.
pub fn non_secret_fields(value: &Value) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    collect(value, String::new(), &mut rows);
    rows
}

fn collect(value: &Value, path: String, rows: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, field) in map {
                if is_secret_key(key) && !matches!(field, Value::Bool(_) | Value::Number(_)) {
                    continue;
                }
                let key = mask_urls(key);
                let child = if path.is_empty() { key } else { format!("{path}.{key}") };
                collect(field, child, rows);
            }
        }
        Value::Array(items) if items.iter().all(|item| !item.is_object() && !item.is_array()) => {
            let joined: Vec<String> = items.iter().map(scalar).collect();
            rows.push((path, joined.join(", ")));
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                collect(item, format!("{path}[{index}]"), rows);
            }
        }
        other => rows.push((path, scalar(other))),
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) => mask_urls(text),
        Value::Null => "—".into(),
        other => other.to_string(),
    }
}

/// The value at `path` among flattened `rows`, where it is there and not empty.
pub fn value_at(rows: &[(String, String)], path: &str) -> Option<String> {
    rows.iter().find(|(each, value)| each == path && !value.is_empty()).map(|(_, value)| value.clone())
}

/// Every value whose path is `list[N].field` for some N, in order.
pub fn values_in(rows: &[(String, String)], list: &str, field: &str) -> Vec<String> {
    rows.iter()
        .filter(|(path, _)| {
            path.strip_prefix(list)
                .and_then(|rest| rest.strip_prefix('['))
                .and_then(|rest| rest.split_once("]."))
                .is_some_and(|(index, tail)| index.chars().all(|c| c.is_ascii_digit()) && tail == field)
        })
        .map(|(_, value)| value.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_left_out_and_nesting_is_spelled_as_a_path() {
        let value = serde_json::json!({
            "integration": {"name": "a", "token": "secret", "channel": ["#x", "#y"],
                            "_createdBy": {"username": "u"}, "script": "s", "Script": "s",
                            "scriptEnabled": true, "scriptError": {"line": 1}, "Authorization": "Bearer b",
                            "tokenExpires": 3600, "partnerToken": null,
                            "urls": ["https://h/hooks/id1/tok", "https://k/x?apiKey=k&a=1"]},
            "logs": [{"status_to": "active"}],
            "success": true
        });
        assert_eq!(
            non_secret_fields(&value),
            vec![
                ("integration._createdBy.username".to_owned(), "u".to_owned()),
                ("integration.channel".to_owned(), "#x, #y".to_owned()),
                ("integration.name".to_owned(), "a".to_owned()),
                ("integration.scriptEnabled".to_owned(), "true".to_owned()),
                ("integration.tokenExpires".to_owned(), "3600".to_owned()),
                ("integration.urls".to_owned(), "https://h/hooks/id1/••••••, https://k/x?apiKey=••••••&a=1".to_owned()),
                ("logs[0].status_to".to_owned(), "active".to_owned()),
                ("success".to_owned(), "true".to_owned()),
            ]
        );
    }

    #[test]
    fn values_are_picked_by_path_and_by_list_field() {
        let rows = non_secret_fields(&serde_json::json!({
            "data": {"status": "active", "payments": [{"period_to": "2022-07-27"}, {"period_to": "2022-08-27"}], "empty": ""}
        }));
        assert_eq!(value_at(&rows, "data.status").as_deref(), Some("active"));
        assert_eq!(value_at(&rows, "data.empty"), None);
        assert_eq!(values_in(&rows, "data.payments", "period_to"), ["2022-07-27", "2022-08-27"]);
        assert!(values_in(&rows, "data.pay", "period_to").is_empty());
    }
}
