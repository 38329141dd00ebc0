//! Fault knobs: the next N matching requests are slowed, broken, dropped, swollen, throttled or
//! unpaged on purpose, so the console's handling of bad networks, bad gateways and odd servers can
//! be seen.

use std::iter;
use std::thread;
use std::time::Duration;

use serde_json::{Value, json};

use crate::http::{Outcome, Response, Streamed};
use crate::platform::Platform;
use crate::variants::{Paging, Variants};

/// What a gateway in front of the platform does wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Latency(u64),
    Html5xx,
    Malformed,
    Truncated,
    /// The real answer cut after this many bytes.
    Cut(usize),
    Empty,
    Drop,
    /// A 200 JSON answer of this many mebibytes, sent with `Content-Length` or chunked.
    Huge {
        mebibytes: u32,
        chunked: bool,
    },
    /// The platform's 429 with `Retry-After` set to this text, as given.
    RetryAfter(String),
    /// The real answer, given as `--variant paging=ignored` gives it.
    PagingIgnored,
}

/// The largest `huge` answer, in mebibytes.
const MAX_HUGE_MEBIBYTES: u32 = 64;

/// Every kind's spelling, for the validation message.
const KINDS: &str = "latency:MS, html5xx, malformed, truncated, cut:N, empty, drop, huge:MB, huge-chunked:MB \
                     (MB from 1 to 64), retry-after:VALUE (VALUE printable ASCII without a space at either end) \
                     or paging-ignored";

impl Kind {
    fn parse(text: &str) -> Option<Self> {
        let Some((name, value)) = text.split_once(':') else {
            return match text {
                "html5xx" => Some(Self::Html5xx),
                "malformed" => Some(Self::Malformed),
                "truncated" => Some(Self::Truncated),
                "empty" => Some(Self::Empty),
                "drop" => Some(Self::Drop),
                "paging-ignored" => Some(Self::PagingIgnored),
                _ => None,
            };
        };
        match name {
            "latency" => value.parse().ok().map(Self::Latency),
            "cut" => value.parse().ok().map(Self::Cut),
            "huge" | "huge-chunked" => value
                .parse()
                .ok()
                .filter(|mebibytes| (1..=MAX_HUGE_MEBIBYTES).contains(mebibytes))
                .map(|mebibytes| Self::Huge { mebibytes, chunked: name == "huge-chunked" }),
            "retry-after" => header_value(value).map(|value| Self::RetryAfter(value.to_owned())),
            _ => None,
        }
    }

    fn name(&self) -> String {
        match self {
            Self::Latency(ms) => format!("latency:{ms}"),
            Self::Html5xx => "html5xx".to_owned(),
            Self::Malformed => "malformed".to_owned(),
            Self::Truncated => "truncated".to_owned(),
            Self::Cut(bytes) => format!("cut:{bytes}"),
            Self::Empty => "empty".to_owned(),
            Self::Drop => "drop".to_owned(),
            Self::Huge { mebibytes, chunked: false } => format!("huge:{mebibytes}"),
            Self::Huge { mebibytes, chunked: true } => format!("huge-chunked:{mebibytes}"),
            Self::RetryAfter(value) => format!("retry-after:{value}"),
            Self::PagingIgnored => "paging-ignored".to_owned(),
        }
    }
}

/// Any text that can go in a header as it is: printable ASCII, no space at either end (a client
/// would trim it). An HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`) passes.
fn header_value(text: &str) -> Option<&str> {
    let printable = text.bytes().all(|byte| (b' '..=b'~').contains(&byte));
    (printable && !text.is_empty() && text.trim() == text).then_some(text)
}

/// A `retry-after` value as a number of seconds, when it is a finite one (`86400`, `-5`, `1e12`;
/// not `inf` or `soon`).
fn seconds(value: &str) -> Option<f64> {
    value.parse::<f64>().ok().filter(|seconds| seconds.is_finite())
}

#[derive(Debug)]
struct Fault {
    platform: Platform,
    /// A route template of the platform, or `*` for any request to it.
    route: String,
    kind: Kind,
    remaining: u64,
}

/// Pending faults, oldest first; the oldest matching one is used first.
#[derive(Debug, Default)]
pub struct Faults(Vec<Fault>);

impl Faults {
    /// Adds a fault from the control body `{"platform","route","kind","count"?}`.
    pub fn add(&mut self, body: &Value) -> Result<(), String> {
        let platform_name = body["platform"].as_str().unwrap_or_default();
        let platform = Platform::from_name(platform_name)
            .ok_or_else(|| format!("platform must be one of rocketchat, ryze, altegio (got {platform_name:?})"))?;
        let route = body["route"].as_str().unwrap_or_default();
        if route != "*" && !platform.routes().contains(&route) {
            return Err(format!("route must be * or one of {} (got {route:?})", platform.routes().join(", ")));
        }
        let kind_text = body["kind"].as_str().unwrap_or_default();
        let kind = Kind::parse(kind_text).ok_or_else(|| format!("kind must be {KINDS} (got {kind_text:?})"))?;
        let remaining = match &body["count"] {
            Value::Null => 1,
            count => count.as_u64().filter(|count| *count > 0).ok_or("count must be a positive integer")?,
        };
        self.0.push(Fault { platform, route: route.to_owned(), kind, remaining });
        Ok(())
    }

    /// Uses up one request's worth of the first fault matching this request, if any.
    pub fn take(&mut self, platform: Platform, template: Option<&str>) -> Option<Kind> {
        let index = self.0.iter().position(|fault| {
            fault.platform == platform && (fault.route == "*" || Some(fault.route.as_str()) == template)
        })?;
        let fault = &mut self.0[index];
        let kind = fault.kind.clone();
        fault.remaining -= 1;
        if fault.remaining == 0 {
            self.0.remove(index);
        }
        Some(kind)
    }

    pub fn to_json(&self) -> Value {
        let pending: Vec<Value> = self
            .0
            .iter()
            .map(|fault| {
                json!({
                    "platform": fault.platform.name(),
                    "route": fault.route,
                    "kind": fault.kind.name(),
                    "count": fault.remaining,
                })
            })
            .collect();
        json!({ "faults": pending })
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// What nginx sends when the upstream is down: the console must cope with HTML where JSON was due.
const NGINX_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
/// Labelled JSON, but not JSON.
const MALFORMED_JSON: &str = r#"{"success":true,"data":[{"id":1050,"title":"La Visage",}"#;

/// A `huge` answer is this, padding, then `HUGE_END`: one JSON object of the size asked for.
const HUGE_START: &[u8] = br#"{"success":true,"sandboxPadding":""#;
const HUGE_END: &[u8] = br#""}"#;
/// The padding is sent in slices of this, so no answer is ever built whole.
static PADDING: [u8; 64 * 1024] = [b'x'; 64 * 1024];

/// `{"success":true,"sandboxPadding":"xxx…"}`, exactly `mebibytes` MiB.
fn huge(mebibytes: u32, chunked: bool) -> Streamed {
    let total = u64::from(mebibytes) * 1024 * 1024;
    let padding = usize::try_from(total).unwrap_or(usize::MAX) - HUGE_START.len() - HUGE_END.len();
    let pieces = iter::once(HUGE_START)
        .chain(iter::repeat_n(&PADDING[..], padding / PADDING.len()))
        .chain(iter::once(&PADDING[..padding % PADDING.len()]))
        .chain(iter::once(HUGE_END));
    Streamed {
        status: 200,
        headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
        length: (!chunked).then_some(total),
        pieces: Box::new(pieces),
    }
}

/// Runs the real handler (or not) as the fault says. `truncated`, `cut` and `empty` let the request
/// take effect and spoil only the answer, like a proxy cutting the reply after the platform acted
/// (`Content-Length` then counts the bytes sent); `html5xx`, `malformed`, `drop` and `huge` never
/// reach the platform. `retry-after` answers the platform's own 429 (`throttled`, given the value
/// and its number of seconds if it is one) without calling it, and adds `Retry-After: VALUE`.
/// `real` answers with the variants given: the run's (`variants`), or with paging ignored for a
/// `paging-ignored` fault (which changes nothing on routes that do not page).
pub fn apply(
    fault: Option<Kind>,
    variants: &Variants,
    real: impl FnOnce(&Variants) -> Response,
    throttled: impl FnOnce(&str, Option<f64>) -> Response,
) -> Outcome {
    match fault {
        None => Outcome::Respond(real(variants)),
        Some(Kind::Latency(ms)) => {
            thread::sleep(Duration::from_millis(ms));
            Outcome::Respond(real(variants))
        }
        Some(Kind::Html5xx) => Outcome::Respond(Response::with_body(502, "text/html", NGINX_502)),
        Some(Kind::Malformed) => Outcome::Respond(Response::json_text(200, MALFORMED_JSON)),
        Some(Kind::Truncated) => {
            let mut response = real(variants);
            response.body.truncate(response.body.len() / 2);
            Outcome::Respond(response)
        }
        Some(Kind::Cut(bytes)) => {
            let mut response = real(variants);
            response.body.truncate(bytes);
            Outcome::Respond(response)
        }
        Some(Kind::Empty) => {
            let mut response = real(variants);
            response.body.clear();
            Outcome::Respond(response)
        }
        Some(Kind::Drop) => Outcome::Drop,
        Some(Kind::PagingIgnored) => Outcome::Respond(real(&Variants { paging: Paging::Ignored, ..*variants })),
        Some(Kind::Huge { mebibytes, chunked }) => Outcome::Stream(huge(mebibytes, chunked)),
        Some(Kind::RetryAfter(value)) => {
            Outcome::Respond(throttled(&value, seconds(&value)).with_header("Retry-After", value))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Faults, KINDS, Kind, MAX_HUGE_MEBIBYTES, huge, seconds};
    use crate::platform::Platform;
    use serde_json::json;

    #[test]
    fn a_huge_answer_is_exactly_the_size_asked_for_and_one_json_object() {
        for mebibytes in [1, 3] {
            let streamed = huge(mebibytes, false);
            let body: Vec<u8> = streamed.pieces.flatten().copied().collect();
            assert_eq!(streamed.length, Some(body.len() as u64));
            assert_eq!(body.len(), mebibytes as usize * 1024 * 1024);
            let value: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
            assert_eq!(value["success"], true);
        }
        assert_eq!(huge(2, true).length, None);
        assert!(KINDS.contains(&format!("1 to {MAX_HUGE_MEBIBYTES}")));
    }

    #[test]
    fn a_fault_serves_count_requests_then_expires() {
        let mut faults = Faults::default();
        let body = json!({"platform": "ryze", "route": "/api/instance/list", "kind": "latency:5", "count": 2});
        faults.add(&body).expect("valid fault");
        let route = Some("/api/instance/list");
        assert_eq!(faults.take(Platform::RocketChat, route), None);
        assert_eq!(faults.take(Platform::Ryze, Some("/api/chatwoot/list/:instance")), None);
        assert_eq!(faults.take(Platform::Ryze, route), Some(Kind::Latency(5)));
        assert_eq!(faults.take(Platform::Ryze, route), Some(Kind::Latency(5)));
        assert_eq!(faults.take(Platform::Ryze, route), None);
    }

    #[test]
    fn a_retry_after_value_is_a_number_when_finite() {
        assert_eq!(seconds("86400"), Some(86_400.0));
        assert_eq!(seconds("-5"), Some(-5.0));
        assert_eq!(seconds("1e12"), Some(1e12));
        for text in ["inf", "-inf", "NaN", "soon", "1e999", ""] {
            assert_eq!(seconds(text), None, "{text}");
        }
    }

    #[test]
    fn every_kind_reads_back_as_written() {
        let kinds = [
            "latency:5",
            "html5xx",
            "malformed",
            "truncated",
            "cut:0",
            "cut:4096",
            "empty",
            "drop",
            "huge:1",
            "huge:64",
            "huge-chunked:33",
            "retry-after:86400",
            "retry-after:inf",
            "retry-after:-5",
            "retry-after:1e12",
            "retry-after:soon",
            "retry-after:Wed, 21 Oct 2015 07:28:00 GMT",
            "paging-ignored",
        ];
        for kind in kinds {
            let mut faults = Faults::default();
            faults.add(&json!({"platform": "altegio", "route": "*", "kind": kind})).expect(kind);
            assert_eq!(faults.to_json()["faults"][0]["kind"], kind);
        }
    }

    #[test]
    fn rejects_unknown_routes_and_kinds() {
        let mut faults = Faults::default();
        let bad_route = json!({"platform": "ryze", "route": "/api/nope", "kind": "drop"});
        assert!(faults.add(&bad_route).is_err());
        let bad_kind = json!({"platform": "ryze", "route": "*", "kind": "latency:soon"});
        assert!(faults.add(&bad_kind).is_err());
        let kinds = [
            "cut:",
            "cut:-1",
            "cut:ten",
            "drop:1",
            "Drop",
            "huge:0",
            "huge:65",
            "huge-chunked:1.5",
            "huge",
            "retry-after",
            "retry-after:",
            "retry-after: 5",
            "retry-after:5 ",
            "retry-after:5\r\nX-Injected: 1",
            "retry-after:bientôt",
            "paging-ignored:1",
            "paging",
        ];
        for kind in kinds {
            let bad = json!({"platform": "ryze", "route": "*", "kind": kind});
            assert!(faults.add(&bad).is_err(), "{kind}");
        }
        let bad_count = json!({"platform": "ryze", "route": "*", "kind": "drop", "count": 0});
        assert!(faults.add(&bad_count).is_err());
    }
}
