//! Secrets in API answers are masked before anything keeps or shows a body.

use serde_json::Value;

/// Field names whose values are secrets on at least one platform: Rocket.Chat `token`,
/// `script`, `authToken`; RyzeAPI `chatwoot_api_token`, `token`; Altegio `partner_token`,
/// `api_key`; and any echoed `password`.
pub const SECRET_KEYS: &[&str] =
    &["token", "script", "authToken", "chatwoot_api_token", "partner_token", "api_key", "password"];

pub const MASK: &str = "••••••";

/// Masks every secret field, at any depth, in a JSON document.
pub fn mask_json(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, field) in map.iter_mut() {
                if SECRET_KEYS.contains(&key.as_str()) && !field.is_null() {
                    *field = Value::String(MASK.into());
                } else {
                    mask_json(field);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_json),
        _ => {}
    }
}

/// Masks a body that may not parse (cut off, malformed): every `"secret_key": "…"` string
/// value is replaced up to its closing quote, or to the end where the body was cut.
pub fn mask_text(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some((prefix_end, value_start)) = next_secret_value(rest) {
        out.push_str(&rest[..prefix_end]);
        out.push_str(MASK);
        rest = &rest[value_start..];
        rest = match closing_quote(rest) {
            Some(end) => &rest[end..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// Finds the next `"key"\s*:\s*"` with a secret key; returns where the value's text starts
/// (after its opening quote), twice: once as the end of what to keep, once as where to skip from.
fn next_secret_value(text: &str) -> Option<(usize, usize)> {
    let mut search_from = 0;
    while let Some(found) = text[search_from..].find('"') {
        let key_start = search_from + found + 1;
        let key_end = key_start + text[key_start..].find('"')?;
        let key = &text[key_start..key_end];
        let after_key = text[key_end + 1..].trim_start();
        if SECRET_KEYS.contains(&key)
            && let Some(after_colon) = after_key.strip_prefix(':')
            && let Some(value) = after_colon.trim_start().strip_prefix('"')
        {
            let value_start = text.len() - value.len();
            return Some((value_start, value_start));
        }
        search_from = key_end + 1;
    }
    None
}

/// Index of the first unescaped `"` in a JSON string's text (the quote is kept).
fn closing_quote(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (index, ch) in text.char_indices() {
        match ch {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(index),
            _ => escaped = false,
        }
    }
    None
}

/// Masks secret-named query parameters in URLs inside free text (`…?token=abc&x=1` becomes
/// `…?token=••••••&x=1`): webhook target URLs sometimes carry their credentials that way.
pub fn mask_url_secrets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(found) = rest.find(['?', '&']) {
        out.push_str(&rest[..=found]);
        rest = &rest[found + 1..];
        let name_end = rest.find(|c: char| c == '=' || c == '&' || c.is_whitespace() || c == ',').unwrap_or(rest.len());
        let name = &rest[..name_end];
        if SECRET_KEYS.iter().any(|key| key.eq_ignore_ascii_case(name)) && rest[name_end..].starts_with('=') {
            out.push_str(name);
            out.push('=');
            out.push_str(MASK);
            let value = &rest[name_end + 1..];
            rest = &value
                [value.find(|c: char| c == '&' || c == '#' || c.is_whitespace() || c == ',').unwrap_or(value.len())..];
        }
    }
    out.push_str(rest);
    out
}

/// The body as a person should read it: pretty, masked JSON when it parses, else masked text.
pub fn readable_body(body: &str) -> String {
    match serde_json::from_str::<Value>(body) {
        Ok(mut value) => {
            mask_json(&mut value);
            serde_json::to_string_pretty(&value).unwrap_or_else(|_| mask_text(body))
        }
        Err(_) => mask_text(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_every_listed_key_at_any_depth() {
        let mut value = serde_json::json!({
            "integration": {"token": "abc", "script": "run()", "name": "keep"},
            "data": {"authToken": "t", "userId": "u"},
            "chatwoot_api_token": "sk_live", "partner_token": "p", "api_key": "k",
            "list": [{"token": "x"}], "missing": {"token": null}
        });
        mask_json(&mut value);
        let text = value.to_string();
        for secret in ["abc", "run()", "\"t\"", "sk_live", "\"p\"", "\"k\"", "\"x\""] {
            assert!(!text.contains(secret), "{secret} leaked in {text}");
        }
        assert!(text.contains("keep") && text.contains("\"u\""));
        assert_eq!(value["missing"]["token"], Value::Null);
    }

    #[test]
    fn masks_secrets_in_bodies_that_do_not_parse() {
        assert_eq!(mask_text(r#"{"name":"a","token" : "abc\"def","x":1"#), r#"{"name":"a","token" : "••••••","x":1"#);
        // Cut inside the secret: nothing after the opening quote survives.
        assert_eq!(mask_text(r#"{"partner_token":"yasdfk"#), r#"{"partner_token":"••••••"#);
        assert_eq!(mask_text("<html>token</html>"), "<html>token</html>");
    }

    #[test]
    fn readable_body_pretty_prints_json_and_keeps_text() {
        assert_eq!(readable_body(r#"{"a":1}"#), "{\n  \"a\": 1\n}");
        assert_eq!(readable_body("Bad Gateway"), "Bad Gateway");
    }

    #[test]
    fn url_secrets_are_masked_and_the_rest_kept() {
        assert_eq!(
            mask_url_secrets("https://h/x?token=abc&room=1, https://k/y?API_KEY=z#top"),
            "https://h/x?token=••••••&room=1, https://k/y?API_KEY=••••••#top"
        );
        assert_eq!(mask_url_secrets("https://h/hook?tokens=1&a"), "https://h/hook?tokens=1&a");
        assert_eq!(mask_url_secrets("no urls here"), "no urls here");
    }
}
