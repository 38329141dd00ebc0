//! Altegio partner endpoints: `Authorization: Bearer <partner token>` and the v2 media type.

use crate::api::http::{HttpRequest, Method};
use crate::api::secret::Secret;
use crate::config::endpoint;

/// Locations per page (the documented maximum is 1000; smaller pages show progress sooner).
pub const PAGE_SIZE: u64 = 200;

/// Adds the partner token (`None` where a same-origin proxy adds it) and the v2 media type.
fn authed(request: HttpRequest, token: Option<&Secret>) -> HttpRequest {
    let request = request.header("Accept", "application/vnd.api.v2+json");
    match token {
        Some(token) => request.secret_header("Authorization", Secret::new(format!("Bearer {}", token.expose()))),
        None => request,
    }
}

/// `GET /marketplace/application/{app}/salons?page=&count=`. Whether pages count from 0 (the
/// docs' sample) or 1 (the vendor's tool) is UNCONFIRMED: the provider finds out once.
pub fn list_salons(base: &str, token: Option<&Secret>, application_id: u64, page: u64, count: u64) -> HttpRequest {
    let path = format!("/marketplace/application/{application_id}/salons?page={page}&count={count}");
    authed(HttpRequest::new(Method::Get, endpoint(base, &path)), token)
}

/// `GET /marketplace/salon/{id}/application/{app}`: the connection status of one location.
pub fn status(base: &str, token: Option<&Secret>, salon_id: &str, application_id: u64) -> HttpRequest {
    let path = format!("/marketplace/salon/{salon_id}/application/{application_id}");
    authed(HttpRequest::new(Method::Get, endpoint(base, &path)), token)
}

/// `POST /marketplace/salon/{id}/application/{app}/uninstall`, no body.
pub fn uninstall(base: &str, token: Option<&Secret>, salon_id: &str, application_id: u64) -> HttpRequest {
    let path = format!("/marketplace/salon/{salon_id}/application/{application_id}/uninstall");
    authed(HttpRequest::new(Method::Post, endpoint(base, &path)), token)
}
