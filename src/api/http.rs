//! The only caller of gloo-net: sends one request, reads the body once as text, and reports
//! transport failures (unreachable, timed out) apart from HTTP answers.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::{Method as GlooMethod, RequestBuilder};
use web_sys::{ReferrerPolicy, RequestCache, RequestCredentials};

use crate::api::secret::Secret;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// A header value: plain text, or a secret that is only exposed when the request is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderValue {
    Plain(String),
    Secret(Secret),
}

/// A request as the providers describe it; built by plain functions, so it is testable natively.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(&'static str, HeaderValue)>,
    /// JSON text; may hold a password (Rocket.Chat login), so it is never logged.
    pub body: Option<Secret>,
    /// A call to a platform (not the app's own files): never cached, no referrer, and cookies
    /// only for this site's own proxy, which may sit behind the portal's login.
    pub to_platform: bool,
}

impl HttpRequest {
    pub fn new(method: Method, url: String) -> Self {
        Self { method, url, headers: Vec::new(), body: None, to_platform: false }
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, HeaderValue::Plain(value.into())));
        self
    }

    pub fn secret_header(mut self, name: &'static str, value: Secret) -> Self {
        self.headers.push((name, HeaderValue::Secret(value)));
        self
    }

    pub fn json_body(mut self, body: &serde_json::Value) -> Self {
        self.body = Some(Secret::new(body.to_string()));
        self.header("Content-Type", "application/json")
    }

    /// `METHOD url` — what Activity and the payload view show; holds no secret.
    pub fn request_line(&self) -> String {
        format!("{} {}", self.method.as_str(), self.url)
    }
}

/// An HTTP answer as received: status, content type, the rate-limit headers the browser may
/// read, and the raw body text.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RawResponse {
    pub status: u16,
    pub content_type: Option<String>,
    pub retry_after: Option<String>,
    pub rate_limit_remaining: Option<String>,
    pub rate_limit_reset: Option<String>,
    pub body: String,
    /// The body was over [`MAX_BODY_BYTES`]: it was not read (or not to its end), and `body`
    /// is empty.
    pub too_large: bool,
}

/// The most of a body that is read: a larger one is refused, so no answer can take the tab's
/// memory (and with it every session and the bulk queue).
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// The browser got no HTTP answer it may read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransportError {
    /// `fetch` rejected: the server is down, the connection dropped, or CORS refused the
    /// answer. The browser deliberately does not say which.
    Unreachable {
        detail: String,
    },
    TimedOut {
        after_ms: u32,
    },
}

/// Sends `request`, aborting it after `timeout_ms`.
pub async fn send(request: &HttpRequest, timeout_ms: u32) -> Result<RawResponse, TransportError> {
    let controller = web_sys::AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let timed_out = Rc::clone(&timed_out);
        leptos::prelude::set_timeout_with_handle(
            move || {
                timed_out.set(true);
                if let Some(controller) = controller {
                    controller.abort();
                }
            },
            Duration::from_millis(timeout_ms.into()),
        )
        .ok()
    };
    let result = exchange(request, controller.as_ref().map(|c| c.signal())).await;
    if let Some(timer) = timer {
        timer.clear();
    }
    result.map_err(|detail| {
        if timed_out.get() {
            TransportError::TimedOut { after_ms: timeout_ms }
        } else {
            TransportError::Unreachable { detail }
        }
    })
}

async fn exchange(request: &HttpRequest, signal: Option<web_sys::AbortSignal>) -> Result<RawResponse, String> {
    let method = match request.method {
        Method::Get => GlooMethod::GET,
        Method::Post => GlooMethod::POST,
        Method::Put => GlooMethod::PUT,
        Method::Delete => GlooMethod::DELETE,
    };
    // gloo-net 0.6 appends its own (empty) parameter list to a URL that already has a query,
    // leaving a stray `&`: hand it the parameters instead, so the documented URL goes out.
    let (base, parameters) = split_query(&request.url);
    let mut builder = RequestBuilder::new(base)
        .method(method)
        .abort_signal(signal.as_ref())
        .query(parameters.iter().map(|(name, value)| (name.as_str(), value.as_str())));
    if request.to_platform {
        let credentials =
            if is_same_origin(&request.url) { RequestCredentials::SameOrigin } else { RequestCredentials::Omit };
        builder =
            builder.cache(RequestCache::NoStore).referrer_policy(ReferrerPolicy::NoReferrer).credentials(credentials);
    }
    for (name, value) in &request.headers {
        let value = match value {
            HeaderValue::Plain(text) => text.as_str(),
            HeaderValue::Secret(secret) => secret.expose(),
        };
        builder = builder.header(name, value);
    }
    let sendable = match &request.body {
        Some(body) => builder.body(body.expose().to_owned()),
        None => builder.build(),
    }
    .map_err(|e| e.to_string())?;
    let response = sendable.send().await.map_err(|e| e.to_string())?;
    let headers = response.headers();
    let status = response.status();
    let content_type = headers.get("content-type");
    let retry_after = headers.get("retry-after");
    // Read only where the platform's CORS exposes them (or the call is same-origin); else `None`.
    let rate_limit_remaining = headers.get("x-ratelimit-remaining");
    let rate_limit_reset = headers.get("x-ratelimit-reset");
    // Content-Length first where the browser may read it; the read is capped either way.
    let declared = headers.get("content-length").and_then(|length| length.trim().parse::<u64>().ok());
    let body = match declared {
        Some(length) if length > MAX_BODY_BYTES as u64 => None,
        _ => read_capped(response.body(), declared).await?,
    };
    let too_large = body.is_none();
    let body = body.unwrap_or_default();
    Ok(RawResponse { status, content_type, retry_after, rate_limit_remaining, rate_limit_reset, body, too_large })
}

/// Reads a body as text, chunk by chunk; `None` once it passes [`MAX_BODY_BYTES`], and the
/// rest is not fetched. `declared` (Content-Length, compressed or not) sizes the buffer up front,
/// never past the cap a real body may fill anyway: a list of thousands comes as one body of
/// megabytes, and wasm memory never shrinks, so reading it must not hold a buffer, its doubled
/// successor and a copy at once.
async fn read_capped(stream: Option<web_sys::ReadableStream>, declared: Option<u64>) -> Result<Option<String>, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let Some(stream) = stream else { return Ok(Some(String::new())) };
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let field = |object: &wasm_bindgen::JsValue, name: &str| js_sys::Reflect::get(object, &name.into());
    let mut bytes = Vec::with_capacity(declared.map_or(0, |length| length.min(MAX_BODY_BYTES as u64) as usize));
    loop {
        let step = JsFuture::from(reader.read()).await.map_err(|e| format!("{e:?}"))?;
        if field(&step, "done").map_err(|e| format!("{e:?}"))?.is_truthy() {
            break;
        }
        let chunk = js_sys::Uint8Array::new(&field(&step, "value").map_err(|e| format!("{e:?}"))?);
        let (start, length) = (bytes.len(), chunk.length() as usize);
        if start + length > MAX_BODY_BYTES {
            // Tell the browser to stop fetching; the answer is refused whatever it holds.
            let _ = reader.cancel();
            return Ok(None);
        }
        bytes.resize(start + length, 0);
        chunk.copy_to(&mut bytes[start..]);
    }
    // Valid UTF-8 (the usual case) becomes the text in place, without a copy.
    Ok(Some(
        String::from_utf8(bytes).unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned()),
    ))
}

/// Sent with every platform call to a relative base URL, that is to this site's own proxy: a
/// cross-site page cannot add a custom header without a preflight the proxy never grants, so
/// the proxy can refuse whatever lacks it. Never sent to another origin, whose CORS (Rocket.Chat's
/// fixed header list) would refuse the preflight.
pub const SAME_ORIGIN_MARK: (&str, &str) = ("X-Unplug-Request", "1");

/// A URL on this page's own origin: no scheme and no host.
pub fn is_same_origin(url: &str) -> bool {
    crate::config::is_relative(url)
}

/// Splits `url` into what precedes `?` and its decoded `name=value` pairs.
pub fn split_query(url: &str) -> (&str, Vec<(String, String)>) {
    let Some((base, query)) = url.split_once('?') else { return (url, Vec::new()) };
    let pairs = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect();
    (base, pairs)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = (bytes[index] == b'%')
            .then(|| text.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                index += 3;
            }
            None => {
                out.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::split_query;

    #[test]
    fn split_query_decodes_each_pair_once() {
        let (base, pairs) = split_query("http://h/api/list?offset=0&count=100&name=a%20b%2Cc&");
        assert_eq!(base, "http://h/api/list");
        let expected = [("offset", "0"), ("count", "100"), ("name", "a b,c")];
        assert_eq!(pairs, expected.map(|(n, v)| (n.to_owned(), v.to_owned())));
        assert_eq!(split_query("/x"), ("/x", Vec::new()));
        assert_eq!(split_query("/x?bad=%zz").1, vec![("bad".to_owned(), "%zz".to_owned())]);
    }
}
