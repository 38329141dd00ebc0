//! One call end to end: send, decode, and keep a masked record of the exchange.

use std::rc::Rc;

use serde::de::DeserializeOwned;

use super::decode::{self, ReadEnvelope};
use super::error::Failure;
use super::http::{self, HttpRequest, RawResponse, TransportError};
use super::mask;
use super::pacing::RateLimitHeaders;

/// What one call looked like, safe to show: the request line, the status, the masked body, and
/// what the platform's rate-limit headers said where the page could read them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exchange {
    pub request_line: String,
    pub status: Option<u16>,
    /// Pretty JSON when the body parses, else its text; secrets masked either way.
    pub body: String,
    /// Boxed: every failure carries an exchange, and most answers have no such headers.
    pub rate_limit: Option<Box<RateLimitHeaders>>,
}

impl Exchange {
    pub fn answered(request: &HttpRequest, raw: &RawResponse) -> Self {
        Self {
            request_line: mask::mask_urls(&request.request_line()),
            status: Some(raw.status),
            body: mask::readable_body(&raw.body),
            rate_limit: RateLimitHeaders::read(raw.rate_limit_remaining.as_deref(), raw.rate_limit_reset.as_deref())
                .map(Box::new),
        }
    }

    pub fn unanswered(request: &HttpRequest) -> Self {
        Self { request_line: mask::mask_urls(&request.request_line()), ..Self::none() }
    }

    /// No request went out.
    pub fn none() -> Self {
        Self { request_line: String::new(), status: None, body: String::new(), rate_limit: None }
    }
}

/// A failed call: why, and what was exchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallError {
    pub failure: Failure,
    pub exchange: Exchange,
}

impl CallError {
    /// A failure found before any request went out.
    pub fn before_sending(failure: Failure) -> Self {
        Self { failure, exchange: Exchange::none() }
    }
}

/// A platform's rule telling its documented "not found" after a removal.
pub type AlreadyGone = fn(&Failure) -> bool;

/// A platform's reading of a failure its documents give a meaning of its own.
pub type Refine = fn(Failure) -> Failure;

/// Who is calling: the connection's id marks its cards, its label names the call in Activity,
/// its platform's rule tells an "already gone" answer from a failure, and its mount's log
/// hears of every call.
#[derive(Clone, Copy, Debug)]
pub struct Caller<'a> {
    pub connection_id: &'a str,
    pub connection: &'a str,
    pub timeout_ms: u32,
    pub already_gone: AlreadyGone,
    pub refine: Refine,
    pub log: &'a CallLog,
}

/// One finished call, as the Activity panel lists it; holds no secret.
#[derive(Clone, Debug, PartialEq)]
pub struct CallRecord {
    pub at_ms: f64,
    pub connection: String,
    pub request_line: String,
    pub status: Option<u16>,
    pub outcome: String,
}

/// Where a connection's calls are told (its mount's Activity panel). Each mount gives its
/// connections a log of its own, so two consoles on one page never see each other's calls.
#[derive(Clone, Default)]
pub struct CallLog(Option<Rc<dyn Fn(CallRecord)>>);

impl CallLog {
    pub fn new(observer: impl Fn(CallRecord) + 'static) -> Self {
        Self(Some(Rc::new(observer)))
    }

    fn tell(&self, record: CallRecord) {
        if let Some(observer) = &self.0 {
            observer(record);
        }
    }
}

impl std::fmt::Debug for CallLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "CallLog" } else { "CallLog(none)" })
    }
}

impl PartialEq for CallLog {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// Activity's one-word outcome of a call.
pub fn outcome_label(caller: &Caller<'_>, request: &HttpRequest, result: Result<(), &Failure>) -> String {
    match result {
        Ok(()) => "OK".into(),
        Err(failure) if request.method != super::http::Method::Get && (caller.already_gone)(failure) => {
            crate::i18n::t("Already disconnected").into()
        }
        Err(failure) => failure.summary(),
    }
}

fn record(caller: &Caller<'_>, request: &HttpRequest, status: Option<u16>, result: Result<(), &Failure>) {
    let record = CallRecord {
        at_ms: js_sys::Date::now(),
        connection: caller.connection.to_owned(),
        request_line: mask::mask_urls(&request.request_line()),
        status,
        outcome: outcome_label(caller, request, result),
    };
    caller.log.tell(record);
}

/// Sends `request`, decodes a 2xx answer into `T`, and tells the observer.
pub async fn call<T: DeserializeOwned>(
    caller: Caller<'_>,
    request: HttpRequest,
    read_envelope: ReadEnvelope,
) -> Result<(T, Exchange), CallError> {
    let mut request = match http::is_same_origin(&request.url) {
        true => request.header(http::SAME_ORIGIN_MARK.0, http::SAME_ORIGIN_MARK.1),
        false => request,
    };
    request.to_platform = true;
    let raw = match http::send(&request, caller.timeout_ms).await {
        Ok(raw) => raw,
        Err(error) => {
            let failure = match error {
                TransportError::Unreachable { .. } => Failure::Unreachable { origin: origin_of(&request.url) },
                TransportError::TimedOut { after_ms } => Failure::TimedOut { after_ms },
            };
            record(&caller, &request, None, Err(&failure));
            return Err(CallError { failure, exchange: Exchange::unanswered(&request) });
        }
    };
    let exchange = Exchange::answered(&request, &raw);
    match decode::decode(&raw, read_envelope, js_sys::Date::now()).map_err(caller.refine) {
        Ok(value) => {
            record(&caller, &request, Some(raw.status), Ok(()));
            Ok((value, exchange))
        }
        Err(failure) => {
            record(&caller, &request, Some(raw.status), Err(&failure));
            Err(CallError { failure, exchange })
        }
    }
}

/// `scheme://host[:port]` of an absolute URL; relative URLs are this site's own.
pub fn origin_of(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
            format!("{scheme}://{host}")
        }
        None => "this site".into(),
    }
}

/// Percent-encodes one path segment (an instance name may hold spaces or slashes).
pub fn path_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_of_keeps_scheme_host_and_port() {
        assert_eq!(origin_of("http://127.0.0.1:8787/ryze/api/x?y=1"), "http://127.0.0.1:8787");
        assert_eq!(origin_of("https://app.alteg.io"), "https://app.alteg.io");
        assert_eq!(origin_of("/proxy/ryze/api"), "this site");
    }

    #[test]
    fn path_segment_escapes_reserved_bytes() {
        assert_eq!(path_segment("suporte"), "suporte");
        assert_eq!(path_segment("a b/c"), "a%20b%2Fc");
        assert_eq!(path_segment("ç"), "%C3%A7");
    }
}
