//! Redaction: every string Unplug shows, keeps, searches, exports or posts to a host passes
//! through here first, and leaves without a secret in it.
//!
//! Three rules, by shape and not by list:
//! - **keys** ([`is_secret_key`]): a field whose name, lower-cased and without `_` or `-`,
//!   contains `token`, `secret`, `password`, `passwd`, `apikey`, `authorization`, `cookie`,
//!   `signature` or `privatekey`, or is exactly `script`, `scriptcompiled` or `scripterror`,
//!   holds a secret at any depth; its string, object or array becomes [`MASK`], while booleans,
//!   numbers and nulls stay (so `scriptEnabled`, not a secret name anyway, reads on/off);
//! - **URLs** ([`mask_urls`]): in any string, user info, secret-named query and fragment
//!   parameters, and the token segment of Rocket.Chat, Slack and Discord webhook paths;
//! - **bodies that do not parse** ([`mask_text`]): a small JSON lexer that knows when it is inside a
//!   string, so a secret-keyed value is masked wherever it stands and to the end of a cut body.
//!
//! A body as shown ([`readable_body`]) is also cut to [`SHOWN_BODY_LIMIT`] bytes.

mod lexer;
mod pretty;
mod url;

use serde_json::Value;

use crate::model::Integration;
use crate::slim::lowercase;

pub use lexer::mask_text;
pub use url::mask_urls;

/// What a secret reads as, wherever it was.
pub const MASK: &str = "••••••";

/// The most of a body the detail and outcome panels keep and show, in bytes (after masking).
pub const SHOWN_BODY_LIMIT: usize = 64 * 1024;

/// Words whose presence in a normalised key makes its value a secret.
const SECRET_WORDS: &[&str] =
    &["token", "secret", "password", "passwd", "apikey", "authorization", "cookie", "signature", "privatekey"];

/// Normalised keys that are secrets as a whole: Rocket.Chat's integration scripts, which often
/// embed credentials, and what compiling them reported.
const SECRET_NAMES: &[&str] = &["script", "scriptcompiled", "scripterror"];

/// Normalised query or fragment parameter names that are secrets in URLs on top of the key rule.
const SECRET_PARAMS: &[&str] = &["sig", "key", "auth", "code"];

/// A name lower-cased, without `_` or `-`: `X-Api-Key`, `api_key` and `apiKey` all read `apikey`.
fn normalise(name: &str) -> String {
    lowercase(&name.replace(['_', '-'], ""))
}

/// Whether a JSON key (or a header name) names a secret, at any depth and in any spelling.
pub fn is_secret_key(key: &str) -> bool {
    let key = normalise(key);
    SECRET_WORDS.iter().any(|word| key.contains(word)) || SECRET_NAMES.contains(&key.as_str())
}

/// Whether a URL's query or fragment parameter names a secret: the key rule, plus `sig`, `key`,
/// `auth` and `code`.
pub fn is_secret_param(name: &str) -> bool {
    is_secret_key(name) || SECRET_PARAMS.contains(&normalise(name).as_str())
}

/// Masks a JSON document in place: every secret-keyed value (see [`is_secret_key`]) and every
/// secret a URL in a string value or a key carries.
pub fn mask_json(value: &mut Value) {
    match value {
        Value::String(text) => mask_urls_in_place(text),
        Value::Array(items) => items.iter_mut().for_each(mask_json),
        Value::Object(map) => {
            let renamed: Vec<(String, String)> = map
                .keys()
                .filter_map(|key| {
                    let masked = mask_urls(key);
                    (masked != *key).then(|| (key.clone(), masked))
                })
                .collect();
            for (key, masked) in renamed {
                if let Some(field) = map.remove(&key) {
                    map.insert(masked, field);
                }
            }
            for (key, field) in map.iter_mut() {
                if is_secret_key(key) {
                    mask_secret_value(field);
                } else {
                    mask_json(field);
                }
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// A secret key's value: a string, object or array becomes the mask; a flag or a number stays.
fn mask_secret_value(value: &mut Value) {
    if matches!(value, Value::String(_) | Value::Array(_) | Value::Object(_)) {
        *value = Value::String(MASK.into());
    }
}

fn mask_urls_in_place(text: &mut String) {
    let masked = mask_urls(text);
    if masked != *text {
        *text = masked;
    }
}

/// The body as a person should read it: pretty, masked JSON when it parses, else masked text;
/// at most [`SHOWN_BODY_LIMIT`] bytes of it, with a last line saying so when it was cut.
pub fn readable_body(body: &str) -> String {
    let readable = pretty::masked_pretty(body, SHOWN_BODY_LIMIT).unwrap_or_else(|| mask_text(body));
    cut_to_limit(readable, body.len(), SHOWN_BODY_LIMIT)
}

/// `text` when it fits in `limit` bytes; else its first `limit` bytes or fewer (cut on a char
/// boundary) and a line saying so, with the size of the `received` body it was read from (the
/// rest of the text is not printed, so its own length is not known). The line is plain English:
/// the body itself is the platform's, and this line is read alongside it where the panel keeps
/// it as text.
fn cut_to_limit(mut text: String, received: usize, limit: usize) -> String {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    format!("{text}\n… (cut: the first {} bytes shown; {} bytes received)", grouped(end), grouped(received))
}

/// A count with a comma every three digits: `1,234,567`.
fn grouped(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A card as made from a platform's answer, with every text it shows, searches and exports
/// passed through [`mask_urls`]. The id stays as the platform sent it: the disconnect call
/// names the integration by it.
pub fn mask_card(mut item: Integration) -> Integration {
    mask_urls_in_place(&mut item.name);
    mask_urls_in_place(&mut item.status_word);
    for text in
        [item.created_by.as_mut(), item.created_at.as_mut(), item.after_disconnect.as_mut()].into_iter().flatten()
    {
        mask_urls_in_place(text);
    }
    for field in &mut item.fields {
        mask_urls_in_place(&mut field.value);
    }
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_secret_by_rule_in_any_spelling() {
        let secret = [
            "token",
            "Token",
            "TOKEN",
            "access_token",
            "accessToken",
            "authToken",
            "chatwootApiToken",
            "chatwoot_api_token",
            "partner_token",
            "tokens",
            "api-key",
            "apikey",
            "api_key",
            "x-api-key",
            "X-Api-Key",
            "client_secret",
            "Authorization",
            "set-cookie",
            "Cookie",
            "signature",
            "private_key",
            "privateKey",
            "password",
            "new_password",
            "passwd",
            "script",
            "Script",
            "scriptCompiled",
            "script_error",
            "scriptError",
        ];
        for key in secret {
            assert!(is_secret_key(key), "{key} should be secret");
        }
        let plain = ["scriptEnabled", "scriptEngine", "name", "key", "sig", "auth", "code", "urls", "_id", "event"];
        for key in plain {
            assert!(!is_secret_key(key), "{key} should not be secret");
        }
        for name in ["sig", "Key", "AUTH", "code", "token", "api_key"] {
            assert!(is_secret_param(name), "{name} should be a secret parameter");
        }
        assert!(!is_secret_param("room") && !is_secret_param("error_code") && !is_secret_param("keyword"));
    }

    #[test]
    fn masks_secret_values_at_any_depth_and_keeps_flags_and_numbers() {
        let mut value = serde_json::json!({
            "integration": {"token": "abc", "script": "run()", "scriptEnabled": true, "name": "keep",
                            "scriptCompiled": "compiled()", "scriptError": {"message": "at line 1"}},
            "data": {"authToken": "t", "userId": "u", "tokenExpires": 3600},
            "chatwoot_api_token": "sk_live", "partner_token": "p", "API_KEY": "k", "Set-Cookie": ["a=b"],
            "list": [{"Token": "x", "url": "https://u:pw@h/p?access_token=z&room=1"}],
            "missing": {"token": null}
        });
        mask_json(&mut value);
        let text = value.to_string();
        for secret in
            ["abc", "run()", "compiled()", "line 1", "\"t\"", "sk_live", "\"p\"", "\"k\"", "a=b", "\"x\"", "pw", "=z"]
        {
            assert!(!text.contains(secret), "{secret} leaked in {text}");
        }
        assert!(text.contains("keep") && text.contains("\"u\"") && text.contains("room=1"));
        assert_eq!(value["integration"]["scriptEnabled"], true);
        assert_eq!(value["data"]["tokenExpires"], 3600);
        assert_eq!(value["missing"]["token"], Value::Null);
        assert_eq!(value["integration"]["scriptError"], MASK);
        assert_eq!(value["list"][0]["url"], format!("https://{MASK}@h/p?access_token={MASK}&room=1"));
    }

    #[test]
    fn readable_body_pretty_prints_json_and_keeps_text() {
        assert_eq!(readable_body(r#"{"a":1}"#), "{\n  \"a\": 1\n}");
        assert_eq!(readable_body("Bad Gateway"), "Bad Gateway");
        assert_eq!(
            readable_body(r#"{"hook":"https://chat/hooks/abc/def""#),
            format!(r#"{{"hook":"https://chat/hooks/abc/{MASK}""#)
        );
    }

    #[test]
    fn long_bodies_are_cut_on_a_char_boundary_and_say_so() {
        let short = "é".repeat(10);
        assert_eq!(cut_to_limit(short.clone(), 20, 20), short);
        let cut = cut_to_limit("é".repeat(10), 20, 5);
        assert_eq!(cut, "éé\n… (cut: the first 4 bytes shown; 20 bytes received)");
        let body = format!("[{}]", vec!["\"ab\""; 40_000].join(","));
        let pretty = serde_json::to_string_pretty(&serde_json::from_str::<Value>(&body).expect("JSON")).expect("text");
        let shown = readable_body(&body);
        let (kept, note) = shown.rsplit_once('\n').expect("a note line");
        assert_eq!(kept, &pretty[..SHOWN_BODY_LIMIT]);
        assert_eq!(note, format!("… (cut: the first 65,536 bytes shown; {} bytes received)", grouped(body.len())));
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(999), "999");
    }

    #[test]
    fn cards_lose_url_secrets_but_keep_their_id() {
        use crate::model::{Field, Platform};
        let item = Integration {
            created_by: Some("admin".into()),
            fields: vec![Field::new("URLs", "https://h/hooks/id1/s3cret, https://k/y?a=1")],
            ..Integration::example("rc", Platform::Rocketchat, "abc", "Hook https://h/x?token=n4me")
        };
        let item = mask_card(item);
        assert_eq!(item.name, format!("Hook https://h/x?token={MASK}"));
        assert_eq!(item.fields[0].value, format!("https://h/hooks/id1/{MASK}, https://k/y?a=1"));
        assert_eq!((item.id.as_str(), item.created_by.as_deref()), ("abc", Some("admin")));
    }
}
