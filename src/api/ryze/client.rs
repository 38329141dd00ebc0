//! RyzeAPI endpoints; the token travels in the `token` header, never in the URL.

use crate::api::call::path_segment;
use crate::api::http::{HttpRequest, Method};
use crate::api::secret::Secret;
use crate::config::endpoint;

/// Adds the token; `None` where a same-origin proxy adds it instead.
fn authed(request: HttpRequest, token: Option<&Secret>) -> HttpRequest {
    match token {
        Some(token) => request.secret_header("token", token.clone()),
        None => request,
    }
}

/// `GET /api/instance/list`: every instance an account token covers, or the one an instance
/// token owns.
pub fn list_instances(base: &str, token: Option<&Secret>) -> HttpRequest {
    authed(HttpRequest::new(Method::Get, endpoint(base, "/api/instance/list")), token)
}

/// `GET /api/chatwoot/list/:instance`: the integration's full record (its Chatwoot token is
/// masked before anything keeps it).
pub fn chatwoot_info(base: &str, token: Option<&Secret>, instance: &str) -> HttpRequest {
    let url = endpoint(base, &format!("/api/chatwoot/list/{}", path_segment(instance)));
    authed(HttpRequest::new(Method::Get, url), token)
}

/// `GET /api/instance/list?instanceName=a,b`: instances by name (account tokens only; an
/// instance token has the filter ignored).
pub fn list_named(base: &str, token: Option<&Secret>, instances: &[&str]) -> HttpRequest {
    let names: Vec<String> = instances.iter().map(|name| path_segment(name)).collect();
    let url = endpoint(base, &format!("/api/instance/list?instanceName={}", names.join(",")));
    authed(HttpRequest::new(Method::Get, url), token)
}

/// `DELETE /api/chatwoot/delete/:instance`.
pub fn delete_chatwoot(base: &str, token: Option<&Secret>, instance: &str) -> HttpRequest {
    let url = endpoint(base, &format!("/api/chatwoot/delete/{}", path_segment(instance)));
    authed(HttpRequest::new(Method::Delete, url), token)
}
