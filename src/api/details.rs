//! The detail panel's facts: every non-secret field of a platform's detail answer.

use serde_json::Value;

use super::mask::SECRET_KEYS;

/// Flattens a JSON document into `path: value` rows, leaving secret fields out entirely.
pub fn non_secret_fields(value: &Value) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    collect(value, String::new(), &mut rows);
    rows
}

fn collect(value: &Value, path: String, rows: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, field) in map {
                if SECRET_KEYS.contains(&key.as_str()) {
                    continue;
                }
                let child = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
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
        Value::String(text) => text.clone(),
        Value::Null => "—".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_left_out_and_nesting_is_spelled_as_a_path() {
        let value = serde_json::json!({
            "integration": {"name": "a", "token": "secret", "channel": ["#x", "#y"],
                            "_createdBy": {"username": "u"}, "script": "s"},
            "logs": [{"status_to": "active"}],
            "success": true
        });
        assert_eq!(
            non_secret_fields(&value),
            vec![
                ("integration._createdBy.username".to_owned(), "u".to_owned()),
                ("integration.channel".to_owned(), "#x, #y".to_owned()),
                ("integration.name".to_owned(), "a".to_owned()),
                ("logs[0].status_to".to_owned(), "active".to_owned()),
                ("success".to_owned(), "true".to_owned()),
            ]
        );
    }
}
