//! Read once, classify, then decode: turns a raw answer into the documented type or an
//! explained [`Failure`].

use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::Value;
use serde_json::error::Category;

use super::error::{Failure, PlatformMessage};
use super::http::RawResponse;
use crate::slim::parse_f64;

/// How a platform's error envelope is read.
pub type ReadEnvelope = fn(&Value) -> PlatformMessage;

/// The body as JSON, or the failure that explains why it is not.
pub fn json_body(raw: &RawResponse) -> Result<Value, Failure> {
    serde_json::from_str(&raw.body).map_err(|error| unreadable(raw, &error))
}

/// Why a body that did not parse is not JSON: empty, an HTML page or other text, cut short,
/// or malformed.
fn unreadable(raw: &RawResponse, error: &serde_json::Error) -> Failure {
    let status = raw.status;
    let declared_json = raw.content_type.as_deref().is_some_and(|t| t.contains("json"));
    if raw.body.trim().is_empty() {
        Failure::EmptyBody { status }
    } else if raw.body.trim_start().starts_with('<') || !declared_json && !error.is_eof() {
        Failure::NotJson { status, content_type: raw.content_type.clone() }
    } else if error.is_eof() {
        Failure::Truncated { status }
    } else {
        Failure::Malformed { status, detail: error.to_string() }
    }
}

/// A 2xx answer decoded into `T`; any other status becomes the platform's error.
pub fn decode<T: DeserializeOwned>(raw: &RawResponse, read_envelope: ReadEnvelope, now_ms: f64) -> Result<T, Failure> {
    if raw.too_large {
        return Err(Failure::TooLarge { status: raw.status });
    }
    if !(200..300).contains(&raw.status) {
        return Err(error_answer(raw, read_envelope, now_ms));
    }
    // Straight from the text: a `Value` of the whole body first would cost many times its size
    // for a list of thousands.
    serde_json::from_str(&raw.body).map_err(|error| match error.classify() {
        Category::Eof => unreadable(raw, &error),
        Category::Data if serde_json::from_str::<IgnoredAny>(&raw.body).is_ok() => {
            Failure::UnexpectedShape { status: raw.status, detail: without_position(&error) }
        }
        // Malformed (further on, for a shape error): told in the words of the parser for any
        // JSON (`trailing comma`), not those of `T`'s (`key must be a string`). Only a failing
        // body pays for the tree.
        _ => json_body(raw).err().unwrap_or_else(|| unreadable(raw, &error)),
    })
}

/// A shape error's message without serde_json's " at line L column C": the shape is what is
/// wrong, wherever it was found.
fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    message.strip_suffix(&position).map_or_else(|| message.clone(), str::to_owned)
}

/// Classifies a non-2xx answer by status, keeping the platform's own message.
pub fn error_answer(raw: &RawResponse, read_envelope: ReadEnvelope, now_ms: f64) -> Failure {
    let status = raw.status;
    let said = match json_body(raw) {
        Ok(value) => read_envelope(&value),
        // A 401 or 429 is meaningful even without a readable body.
        Err(_) if status == 401 || status == 429 => PlatformMessage::default(),
        Err(failure) => return failure,
    };
    match status {
        401 => Failure::Unauthorized { status, said },
        429 => Failure::RateLimited { wait_secs: rate_limit_wait(raw, &said, now_ms), said },
        _ => Failure::Platform { status, said },
    }
}

/// The longest wait a 429 is given: a longer one asked for is cut to this.
pub const MAX_RATE_LIMIT_WAIT_SECS: u16 = 600;

/// A wait beyond this (a week) is taken for nonsense, not for a wait.
const ABSURD_WAIT_SECS: f64 = 7.0 * 86_400.0;

/// Seconds to wait after a 429: `Retry-After`, else `X-RateLimit-Reset` (epoch seconds or
/// milliseconds), else a "wait N seconds" in the message. A value that is not a finite
/// number, lies in the past by more than a moment, or is absurdly far is ignored; the
/// wait is capped at [`MAX_RATE_LIMIT_WAIT_SECS`].
pub fn rate_limit_wait(raw: &RawResponse, said: &PlatformMessage, now_ms: f64) -> Option<u16> {
    let header_number = |value: &Option<String>| value.as_deref().and_then(|v| parse_f64(v.trim()));
    let sensible = |secs: f64| (secs.is_finite() && (-1.0..=ABSURD_WAIT_SECS).contains(&secs)).then_some(secs);
    let from_retry_after = header_number(&raw.retry_after).and_then(sensible);
    let from_reset = || {
        let reset = header_number(&raw.rate_limit_reset)?;
        sensible((super::pacing::reset_instant_ms(reset) - now_ms) / 1000.0)
    };
    let from_message =
        || said.message.as_deref().and_then(seconds_in_message).map(|secs| secs as f64).and_then(sensible);
    let secs = from_retry_after.or_else(from_reset).or_else(from_message)?;
    Some(secs.clamp(0.0, f64::from(MAX_RATE_LIMIT_WAIT_SECS)).ceil() as u16)
}

fn seconds_in_message(message: &str) -> Option<u64> {
    let words: Vec<&str> = message.split_whitespace().collect();
    words.windows(2).find(|pair| pair[1].starts_with("second")).and_then(|pair| pair[0].parse().ok())
}

/// Reads a string field, if present.
pub fn text_field(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(status: u16, content_type: &str, body: &str) -> RawResponse {
        RawResponse { status, content_type: Some(content_type.into()), body: body.into(), ..Default::default() }
    }

    fn no_envelope(_: &Value) -> PlatformMessage {
        PlatformMessage::default()
    }

    #[test]
    fn classifies_bodies_that_are_not_the_documented_json() {
        let json = "application/json";
        assert_eq!(json_body(&raw(200, json, "  ")), Err(Failure::EmptyBody { status: 200 }));
        assert_eq!(json_body(&raw(200, json, r#"{"success":tr"#)), Err(Failure::Truncated { status: 200 }));
        assert!(matches!(json_body(&raw(200, json, r#"{"a":1,,}"#)), Err(Failure::Malformed { .. })));
        assert!(matches!(
            json_body(&raw(502, "text/html", "<html><h1>502 Bad Gateway</h1></html>")),
            Err(Failure::NotJson { status: 502, .. })
        ));
    }

    #[test]
    fn a_missing_required_field_is_explained() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)] // reason: only the decode failure is under test
        struct Needs {
            total: u64,
        }
        let failure =
            decode::<Needs>(&raw(200, "application/json", "{}"), no_envelope, 0.0).expect_err("total is required");
        assert_eq!(failure, Failure::UnexpectedShape { status: 200, detail: "missing field `total`".into() });
        let failure = decode::<Needs>(&raw(200, "application/json", r#"{"total":"x","more":[1,}"#), no_envelope, 0.0)
            .expect_err("the wrong shape comes first, the syntax error later");
        assert!(matches!(failure, Failure::Malformed { status: 200, .. }), "{failure:?}");
        // The generic parser's words, whatever `T`'s own parser met first.
        let failure = decode::<Needs>(&raw(200, "application/json", r#"{"total":1,}"#), no_envelope, 0.0)
            .expect_err("a trailing comma");
        assert!(
            matches!(&failure, Failure::Malformed { detail, .. } if detail.starts_with("trailing comma")),
            "{failure:?}"
        );
    }

    #[test]
    fn a_429_waits_for_headers_first_then_the_message() {
        let said = PlatformMessage { message: Some("You must wait 42 seconds before".into()), error_type: None };
        let mut answer = raw(429, "application/json", "{}");
        assert_eq!(rate_limit_wait(&answer, &said, 0.0), Some(42));
        answer.rate_limit_reset = Some("1000".into()); // epoch seconds
        assert_eq!(rate_limit_wait(&answer, &said, 990_000.0), Some(10));
        answer.rate_limit_reset = Some("1700000005000".into()); // epoch milliseconds
        assert_eq!(rate_limit_wait(&answer, &said, 1_700_000_000_000.0), Some(5));
        answer.retry_after = Some("7".into());
        assert_eq!(rate_limit_wait(&answer, &said, 0.0), Some(7));
    }

    #[test]
    fn a_429_wait_is_capped_and_nonsense_is_ignored() {
        let said = PlatformMessage::default();
        let with = |retry_after: &str| RawResponse {
            retry_after: Some(retry_after.into()),
            ..raw(429, "application/json", "{}")
        };
        assert_eq!(rate_limit_wait(&with("86400"), &said, 0.0), Some(MAX_RATE_LIMIT_WAIT_SECS));
        for nonsense in ["inf", "NaN", "-5", "1e12", "soon", ""] {
            assert_eq!(rate_limit_wait(&with(nonsense), &said, 0.0), None, "{nonsense}");
        }
        let far_reset =
            RawResponse { rate_limit_reset: Some("99999999999".into()), ..raw(429, "application/json", "{}") };
        assert_eq!(rate_limit_wait(&far_reset, &said, 1_700_000_000_000.0), None, "a reset thousands of years away");
        let message = PlatformMessage { message: Some("You must wait 42 seconds".into()), error_type: None };
        assert_eq!(rate_limit_wait(&with("inf"), &message, 0.0), Some(42), "the next source is read");
    }

    #[test]
    fn a_401_without_a_body_is_still_unauthorized() {
        assert_eq!(
            error_answer(&raw(401, "text/plain", ""), no_envelope, 0.0),
            Failure::Unauthorized { status: 401, said: PlatformMessage::default() }
        );
    }
}
