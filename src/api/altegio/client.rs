//! Altegio partner endpoints: `Authorization: Bearer <partner token>` and the v2 media type.

use crate::api::http::{HttpRequest, Method};
use crate::config::endpoint;
use crate::state::secret::Secret;

/// Locations per page (the documented maximum is 1000; smaller pages show progress sooner).
pub const PAGE_SIZE: u64 = 200;

fn authed(request: HttpRequest, token: &Secret) -> HttpRequest {
    request
        .secret_header("Authorization", Secret::new(format!("Bearer {}", token.expose())))
        .header("Accept", "application/vnd.api.v2+json")
}

/// `GET /marketplace/application/{app}/salons?page=&count=`; pages count from 1 (the vendor
/// tool's base; the docs' sample shows 0, which servers of this kind treat as 1).
pub fn list_salons(base: &str, token: &Secret, application_id: u64, page: u64, count: u64) -> HttpRequest {
    let path = format!("/marketplace/application/{application_id}/salons?page={page}&count={count}");
    authed(HttpRequest::new(Method::Get, endpoint(base, &path)), token)
}

/// `GET /marketplace/salon/{id}/application/{app}`: the connection status of one location.
pub fn status(base: &str, token: &Secret, salon_id: &str, application_id: u64) -> HttpRequest {
    let path = format!("/marketplace/salon/{salon_id}/application/{application_id}");
    authed(HttpRequest::new(Method::Get, endpoint(base, &path)), token)
}

/// `POST /marketplace/salon/{id}/application/{app}/uninstall`, no body.
pub fn uninstall(base: &str, token: &Secret, salon_id: &str, application_id: u64) -> HttpRequest {
    let path = format!("/marketplace/salon/{salon_id}/application/{application_id}/uninstall");
    authed(HttpRequest::new(Method::Post, endpoint(base, &path)), token)
}
