//! Rocket.Chat endpoints, one small function each; the auth headers are added in one place.

use serde_json::json;

use crate::api::call::path_segment;
use crate::api::http::{HttpRequest, Method};
use crate::api::secret::Secret;
use crate::config::endpoint;

/// Rocket.Chat's documented upper page size.
pub const PAGE_SIZE: u64 = 100;

/// A signed-in Rocket.Chat user: the `X-User-Id` and `X-Auth-Token` pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Auth<'a> {
    pub user_id: &'a str,
    pub token: &'a Secret,
}

fn authed(request: HttpRequest, auth: Auth<'_>) -> HttpRequest {
    request.header("X-User-Id", auth.user_id).secret_header("X-Auth-Token", auth.token.clone())
}

/// `GET /api/info`: the server version, which decides between pre-8.0 and 8.0+ bodies.
pub fn info(base: &str) -> HttpRequest {
    HttpRequest::new(Method::Get, endpoint(base, "/api/info"))
}

/// `POST /api/v1/login` with `{user, password}` and, when the server asked, the 2FA `code`.
pub fn login(base: &str, user: &str, password: &Secret, code: Option<&str>) -> HttpRequest {
    let mut body = json!({ "user": user, "password": password.expose() });
    if let Some(code) = code {
        body["code"] = json!(code);
    }
    HttpRequest::new(Method::Post, endpoint(base, "/api/v1/login")).json_body(&body)
}

/// `GET /api/v1/me`: who the user id and token belong to, and their roles.
pub fn me(base: &str, auth: Auth<'_>) -> HttpRequest {
    authed(HttpRequest::new(Method::Get, endpoint(base, "/api/v1/me")), auth)
}

/// `POST /api/v1/logout`.
pub fn logout(base: &str, auth: Auth<'_>) -> HttpRequest {
    authed(HttpRequest::new(Method::Post, endpoint(base, "/api/v1/logout")), auth)
}

/// `GET /api/v1/integrations.list?offset=&count=`.
pub fn list(base: &str, auth: Auth<'_>, offset: u64) -> HttpRequest {
    let url = endpoint(base, &format!("/api/v1/integrations.list?offset={offset}&count={PAGE_SIZE}"));
    authed(HttpRequest::new(Method::Get, url), auth)
}

/// `GET /api/v1/integrations.get?integrationId=`.
pub fn get(base: &str, auth: Auth<'_>, integration_id: &str) -> HttpRequest {
    let url = endpoint(base, &format!("/api/v1/integrations.get?integrationId={}", path_segment(integration_id)));
    authed(HttpRequest::new(Method::Get, url), auth)
}

/// `PUT /api/v1/integrations.update` with `body` (see `update::body`: the token and script
/// travel in it, in this request only).
pub fn update(base: &str, auth: Auth<'_>, body: &serde_json::Value) -> HttpRequest {
    authed(HttpRequest::new(Method::Put, endpoint(base, "/api/v1/integrations.update")), auth).json_body(body)
}

/// `GET /api/v1/integrations.history?id=&count=1&sort={"_updatedAt":-1}`: the newest run only.
pub fn newest_run(base: &str, auth: Auth<'_>, integration_id: &str) -> HttpRequest {
    let query = format!("id={}&count=1&sort={}", path_segment(integration_id), path_segment(r#"{"_updatedAt":-1}"#));
    authed(HttpRequest::new(Method::Get, endpoint(base, &format!("/api/v1/integrations.history?{query}"))), auth)
}

/// `POST /api/v1/integrations.remove` with `{type, integrationId}` only: sending `target_url`
/// too matches two `oneOf` branches and the server answers 400 `invalid-params`.
pub fn remove(base: &str, auth: Auth<'_>, wire_type: &str, integration_id: &str) -> HttpRequest {
    let body = json!({ "type": wire_type, "integrationId": integration_id });
    authed(HttpRequest::new(Method::Post, endpoint(base, "/api/v1/integrations.remove")), auth).json_body(&body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::http::HeaderValue;

    #[test]
    fn remove_sends_exactly_type_and_integration_id() {
        let token = Secret::new("t1");
        let auth = Auth { user_id: "u1", token: &token };
        let request = remove("http://h/rc/", auth, "webhook-outgoing", "abc");
        assert_eq!(request.request_line(), "POST http://h/rc/api/v1/integrations.remove");
        let body: serde_json::Value =
            serde_json::from_str(request.body.as_ref().expect("has a body").expose()).expect("json");
        assert_eq!(body, json!({"type": "webhook-outgoing", "integrationId": "abc"}));
        assert!(request.headers.contains(&("X-Auth-Token", HeaderValue::Secret(Secret::new("t1")))));
        assert!(!request.url.contains("t1"), "the token never goes into a URL");
    }

    #[test]
    fn the_newest_run_is_asked_for_alone_newest_first() {
        let token = Secret::new("t1");
        let request = newest_run("http://h/rc", Auth { user_id: "u1", token: &token }, "YLqSnQ3ZQCj9b5FuL");
        assert_eq!(
            request.request_line(),
            "GET http://h/rc/api/v1/integrations.history?id=YLqSnQ3ZQCj9b5FuL&count=1&sort=%7B%22_updatedAt%22%3A-1%7D"
        );
    }
}
