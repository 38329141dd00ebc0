//! One call end to end: send, decode, and keep a masked record of the exchange.

use serde::de::DeserializeOwned;

use super::decode::{self, ReadEnvelope};
use super::error::Failure;
use super::http::{self, HttpRequest, RawResponse, TransportError};
use super::mask;

/// What one call looked like, safe to show: the request line, the status, the masked body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exchange {
    pub request_line: String,
    pub status: Option<u16>,
    /// Pretty JSON when the body parses, else its text; secrets masked either way.
    pub body: String,
}

impl Exchange {
    pub fn answered(request: &HttpRequest, raw: &RawResponse) -> Self {
        Self { request_line: request.request_line(), status: Some(raw.status), body: mask::readable_body(&raw.body) }
    }

    pub fn unanswered(request: &HttpRequest) -> Self {
        Self { request_line: request.request_line(), status: None, body: String::new() }
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
        Self { failure, exchange: Exchange { request_line: String::new(), status: None, body: String::new() } }
    }
}

/// Sends `request` and decodes a 2xx answer into `T`.
pub async fn call<T: DeserializeOwned>(
    request: HttpRequest,
    timeout_ms: u32,
    read_envelope: ReadEnvelope,
) -> Result<(T, Exchange), CallError> {
    let raw = match http::send(&request, timeout_ms).await {
        Ok(raw) => raw,
        Err(error) => {
            let failure = match error {
                TransportError::Unreachable { .. } => Failure::Unreachable { origin: origin_of(&request.url) },
                TransportError::TimedOut { after_ms } => Failure::TimedOut { after_ms },
            };
            return Err(CallError { failure, exchange: Exchange::unanswered(&request) });
        }
    };
    let exchange = Exchange::answered(&request, &raw);
    match decode::decode(&raw, read_envelope, js_sys::Date::now()) {
        Ok(value) => Ok((value, exchange)),
        Err(failure) => Err(CallError { failure, exchange }),
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
