//! Each platform's browser rules: which origins are answered, with which headers, and how a
//! refused origin is refused.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use crate::http::Response;

#[derive(Debug)]
pub struct Policy {
    allow_methods: &'static str,
    allow_headers: &'static str,
    expose_headers: Option<&'static str>,
    /// Rocket.Chat's middleware sets methods and headers on every response, not only preflights.
    methods_on_every_response: bool,
    /// Rocket.Chat answers a foreign origin 403; the others just leave the CORS headers out.
    refuse_foreign_origin: bool,
    any_origin: bool,
    preflight_status: u16,
}

/// Contracts 2.7 (`cors.ts` with an allow-list in `API_CORS_Origin`).
pub const ROCKET_CHAT: Policy = Policy {
    allow_methods: "GET, POST, PUT, DELETE, HEAD, PATCH",
    allow_headers: "Origin, X-Requested-With, Content-Type, Accept, X-User-Id, X-Auth-Token, x-visitor-token, Authorization",
    expose_headers: None,
    methods_on_every_response: true,
    refuse_foreign_origin: true,
    any_origin: false,
    preflight_status: 200,
};

/// Rocket.Chat under `--variant rc-expose=rate-limit`: its own CORS, with the rate-limit headers it
/// sends on every limited route readable by the page, as a reverse proxy in front of it may add
/// (Rocket.Chat's `cors.ts` exposes none; a same-origin proxy makes them readable without CORS).
pub const ROCKET_CHAT_EXPOSED: Policy =
    Policy { expose_headers: Some("X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset"), ..ROCKET_CHAT };

/// RyzeAPI under `--variant ryze-expose=none`: the same, with no header readable by the page.
pub const RYZE_UNEXPOSED: Policy = Policy { expose_headers: None, ..RYZE };

/// Contracts 3.2: the documented preflight headers; methods and the exposed rate-limit headers are
/// our choice (UNCONFIRMED).
pub const RYZE: Policy = Policy {
    allow_methods: "GET, POST, PUT, DELETE, OPTIONS",
    allow_headers: "Content-Type, Authorization, token",
    expose_headers: Some("X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After"),
    methods_on_every_response: false,
    refuse_foreign_origin: false,
    any_origin: false,
    preflight_status: 204,
};

/// Altegio publishes nothing about CORS (UNCONFIRMED): our choice.
pub const ALTEGIO: Policy = Policy {
    allow_methods: "GET, POST, OPTIONS",
    allow_headers: "Authorization, Accept, Content-Type",
    expose_headers: None,
    methods_on_every_response: false,
    refuse_foreign_origin: false,
    any_origin: false,
    preflight_status: 204,
};

/// The sandbox's own controls: any page (tests, a curl-less browser) may drive them.
pub const CONTROL: Policy = Policy {
    allow_methods: "GET, POST, OPTIONS",
    allow_headers: "Content-Type",
    expose_headers: None,
    methods_on_every_response: false,
    refuse_foreign_origin: false,
    any_origin: true,
    preflight_status: 204,
};

/// CORS headers for an actual (non-preflight) response, or `None` when the platform refuses the
/// request outright. A request without `Origin` is not a cross-origin browser call: no headers.
pub fn response_headers(policy: &Policy, origin: Option<&str>, allowed: &[String]) -> Option<Vec<(String, String)>> {
    let Some(origin) = origin else {
        return Some(Vec::new());
    };
    if !is_allowed(policy, origin, allowed) {
        return (!policy.refuse_foreign_origin).then(Vec::new);
    }
    let mut headers = allow_origin(policy, origin);
    if policy.methods_on_every_response {
        headers.extend(methods_and_headers(policy));
    }
    if let Some(expose) = policy.expose_headers {
        headers.push(header("Access-Control-Expose-Headers", expose));
    }
    Some(headers)
}

/// The answer to an `OPTIONS` request: allowed origins get the policy's headers, a foreign origin
/// gets 403 with no CORS headers (so the browser refuses the real call).
pub fn preflight(policy: &Policy, origin: Option<&str>, allowed: &[String]) -> Response {
    match origin {
        None => Response::empty(policy.preflight_status),
        Some(origin) if is_allowed(policy, origin, allowed) => Response::empty(policy.preflight_status)
            .with_headers(allow_origin(policy, origin))
            .with_headers(methods_and_headers(policy)),
        Some(_) => Response::empty(403),
    }
}

/// The app server's own origin, in both spellings a browser may use for a loopback address.
pub fn default_origins(app_addr: Option<SocketAddr>, app_listen: &str) -> Vec<String> {
    let Some(addr) = app_addr.or_else(|| app_listen.parse().ok()) else {
        return vec![format!("http://{app_listen}")];
    };
    let localhost = format!("http://localhost:{}", addr.port());
    if addr.ip().is_unspecified() {
        let loopback = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), addr.port());
        vec![format!("http://{loopback}"), localhost]
    } else if addr.ip().is_loopback() {
        vec![format!("http://{addr}"), localhost]
    } else {
        vec![format!("http://{addr}")]
    }
}

fn is_allowed(policy: &Policy, origin: &str, allowed: &[String]) -> bool {
    policy.any_origin || allowed.iter().any(|entry| entry == origin)
}

fn allow_origin(policy: &Policy, origin: &str) -> Vec<(String, String)> {
    if policy.any_origin {
        vec![header("Access-Control-Allow-Origin", "*")]
    } else {
        vec![header("Access-Control-Allow-Origin", origin), header("Vary", "Origin")]
    }
}

fn methods_and_headers(policy: &Policy) -> [(String, String); 2] {
    [
        header("Access-Control-Allow-Methods", policy.allow_methods),
        header("Access-Control-Allow-Headers", policy.allow_headers),
    ]
}

fn header(name: &str, value: &str) -> (String, String) {
    (name.to_owned(), value.to_owned())
}
