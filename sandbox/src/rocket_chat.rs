//! Rocket.Chat REST as contracts section 2 describes it: `/api/info`, login, logout and `me`, and
//! the integrations endpoints, in the order the server checks things: authentication, rate limit,
//! parameter validation, permissions, then the handler. `update` and `history` have modules of
//! their own; `schema` is the validators' AJV.

mod history;
mod schema;
mod update;

use std::cmp::Ordering;
use std::time::Duration;

use serde_json::{Value, json};

use crate::clock;
use crate::data::rocket_chat::{
    BYPASS_RATE_LIMIT, Direction, MANAGE_INCOMING, MANAGE_OUTGOING, MANAGE_OWN_INCOMING, MANAGE_OWN_OUTGOING, USERS,
    User,
};
use crate::http::{Request, Response};
use crate::ids;
use crate::platform::ROCKET_CHAT_RATE_LIMIT;
use crate::rate_limit::Verdict;
use crate::routes;
use crate::state::{Sandbox, lock};
use crate::variants::{Paging, RcBypass, RcRemoveBody, Variants};
use schema::{Kind, Object, Property};

const INFO_V7: &str = fixture!("rocketchat/info_v7.json");
const INFO_V8: &str = fixture!("rocketchat/info.json");
const LOGIN_OK: &str = fixture!("rocketchat/login_ok.json");
const LOGIN_FAILED_V7: &str = fixture!("rocketchat/login_failed_v7.json");
const LOGIN_FAILED_V8: &str = fixture!("rocketchat/login_failed_v8.json");
const LOGIN_TOTP_REQUIRED: &str = fixture!("rocketchat/login_totp_required.json");
const LOGIN_TOTP_INVALID: &str = fixture!("rocketchat/login_totp_invalid.json");
const LOGOUT_OK: &str = fixture!("rocketchat/logout_ok.json");
const UNAUTHORIZED_V7: &str = fixture!("rocketchat/unauthorized_v7.json");
const UNAUTHORIZED_V8: &str = fixture!("rocketchat/unauthorized_v8.json");
const FORBIDDEN_V7: &str = fixture!("rocketchat/forbidden_v7.json");
const FORBIDDEN_V8: &str = fixture!("rocketchat/forbidden_v8.json");
const TOO_MANY_REQUESTS: &str = fixture!("rocketchat/too_many_requests.json");
const GET_INVALID_PARAMS: &str = fixture!("rocketchat/get_invalid_params.json");
const GET_NOT_FOUND: &str = fixture!("rocketchat/get_not_found.json");
const REMOVE_OK: &str = fixture!("rocketchat/remove_ok_outgoing.json");
const REMOVE_OK_SEED: &str = fixture!("rocketchat/remove_ok_seed.json");
const ME_OK: &str = fixture!("rocketchat/me_ok.json");
const NO_INTEGRATION_FOUND: &str = fixture!("rocketchat/remove_not_found.json");
const REMOVE_NO_TYPE: &str = fixture!("rocketchat/remove_invalid_params_no_type.json");
const REMOVE_NO_ID: &str = fixture!("rocketchat/remove_invalid_params_no_id.json");
const REMOVE_MISSING_ID_OR_URL: &str = fixture!("rocketchat/remove_missing_id_or_url.json");
const INVALID_TYPE: &str = fixture!("rocketchat/remove_invalid_type.json");
const REMOVE_INVALID_INTEGRATION: &str = fixture!("rocketchat/remove_invalid_integration.json");
const REMOVE_NOT_AUTHORIZED: &str = fixture!("rocketchat/remove_not_authorized.json");

/// `API_Enable_Rate_Limiter_Limit_Time_Default` (contracts 2.6).
const RATE_LIMIT_WINDOW: Duration = Duration::from_secs(60);
/// `API_Default_Count` and `API_Upper_Count_Limit` (contracts 2.4).
const DEFAULT_COUNT: usize = 50;
const MAX_COUNT: usize = 100;
/// The 8.x list validator has `additionalProperties: false`.
const LIST_PARAMETERS: &[&str] = &["offset", "count", "sort", "name", "type", "query"];
const ANY_INTEGRATION_PERMISSION: [&str; 4] =
    [MANAGE_INCOMING, MANAGE_OWN_INCOMING, MANAGE_OUTGOING, MANAGE_OWN_OUTGOING];

/// Answers with `variants`: the run's, unless a fault changes one for this request.
pub fn handle(sandbox: &Sandbox, request: &Request, path: &str, variants: &Variants) -> Response {
    let version = sandbox.config.rc_version;
    let Some((route, _)) = routes::find(routes::ROCKET_CHAT, path) else {
        return not_found();
    };
    if route == "/api/info" {
        return match request.method.as_str() {
            "GET" => Response::json_text(200, version.pick(INFO_V7, INFO_V8)),
            _ => not_found(),
        };
    }

    let user = authenticate(sandbox, request);
    if user.is_none() && route != "/api/v1/login" {
        return Response::json_text(401, version.pick(UNAUTHORIZED_V7, UNAUTHORIZED_V8));
    }
    let Some(verdict) = rate_limit(sandbox, request, route, user, variants) else {
        return api_v1(sandbox, request, route, user, variants);
    };
    let headers = verdict.headers(verdict.reset_epoch_ms());
    let response =
        if verdict.allowed { api_v1(sandbox, request, route, user, variants) } else { too_many_requests(&verdict) };
    response.with_headers(headers)
}

fn api_v1(
    sandbox: &Sandbox,
    request: &Request,
    route: &str,
    user: Option<&'static User>,
    variants: &Variants,
) -> Response {
    match (request.method.as_str(), route, user) {
        ("POST", "/api/v1/login", _) => login(sandbox, request),
        ("POST", "/api/v1/logout", Some(_)) => logout(sandbox, request),
        ("GET", "/api/v1/me", Some(user)) => me(user),
        ("GET", "/api/v1/integrations.list", Some(user)) => list(sandbox, request, user, variants.paging),
        ("GET", "/api/v1/integrations.get", Some(user)) => get(sandbox, request, user),
        ("POST", "/api/v1/integrations.remove", Some(user)) => remove(sandbox, request, user, variants),
        ("PUT", "/api/v1/integrations.update", Some(user)) => update::update(sandbox, request, user),
        ("GET", "/api/v1/integrations.history", Some(user)) => history::history(sandbox, request, user),
        _ => not_found(),
    }
}

/// `X-User-Id` + `X-Auth-Token` must name a live session of that user.
fn authenticate(sandbox: &Sandbox, request: &Request) -> Option<&'static User> {
    let user_id = request.header("x-user-id")?;
    let token = request.header("x-auth-token")?;
    let data = lock(&sandbox.data);
    let owner = *data.rocket_chat.sessions.get(token)?;
    (owner == user_id).then(|| User::by_id(owner)).flatten()
}

/// Counts the call by client IP + route + method; `None` for users who bypass the limiter (no
/// headers are sent to them, as on the real server).
fn rate_limit(
    sandbox: &Sandbox,
    request: &Request,
    route: &str,
    user: Option<&User>,
    variants: &Variants,
) -> Option<Verdict> {
    // The bypass variant takes the permission away from the admins who hold it by default.
    let bypass_granted = variants.rc_bypass == RcBypass::On;
    if bypass_granted && user.is_some_and(|user| user.can(BYPASS_RATE_LIMIT)) {
        return None;
    }
    let key = format!("rocketchat {} {} {route}", request.peer, request.method);
    let window = sandbox.config.rate_window(RATE_LIMIT_WINDOW);
    Some(lock(&sandbox.limiter).hit(key, ROCKET_CHAT_RATE_LIMIT, window))
}

fn too_many_requests(verdict: &Verdict) -> Response {
    Response::json(429, &too_many_requests_body(&verdict.wait_seconds().to_string()))
}

/// The documented 429 body, saying to wait `seconds` seconds.
fn too_many_requests_body(seconds: &str) -> Value {
    let mut body = crate::parse_fixture(TOO_MANY_REQUESTS);
    let documented = body["error"].as_str().unwrap_or_default();
    body["error"] = json!(documented.replace("wait 42 seconds", &format!("wait {seconds} seconds")));
    body
}

/// The 429 of a `retry-after:VALUE` fault: the documented body, whose message says to wait VALUE
/// seconds when VALUE is a number (`seconds`) and is the documented text otherwise, and the
/// limiter's headers with the reset (milliseconds) VALUE seconds from now.
pub fn throttled(value: &str, seconds: Option<f64>) -> Response {
    let body = match seconds {
        Some(_) => too_many_requests_body(value),
        None => crate::parse_fixture(TOO_MANY_REQUESTS),
    };
    let response = Response::json(429, &body)
        .with_header("X-RateLimit-Limit", ROCKET_CHAT_RATE_LIMIT.to_string())
        .with_header("X-RateLimit-Remaining", "0");
    match seconds.and_then(|seconds| clock::epoch_after_seconds(seconds, true)) {
        Some(reset) => response.with_header("X-RateLimit-Reset", reset),
        None => response,
    }
}

fn login(sandbox: &Sandbox, request: &Request) -> Response {
    let body = request.json_body().unwrap_or_default();
    let mut data = lock(&sandbox.data);
    let sessions = &mut data.rocket_chat.sessions;
    let session = match body["resume"].as_str() {
        // Resuming keeps the token, as Meteor's resume login does.
        Some(resume) => sessions.get(resume).and_then(|id| User::by_id(id)).map(|user| (user, resume.to_owned())),
        None => {
            let user = password_user(&body);
            if let Some(expected) = user.and_then(|user| user.two_factor_code) {
                // The code may come in the body or, as Rocket.Chat also accepts, a header.
                match body["code"].as_str().or_else(|| request.header("x-2fa-code")) {
                    None => return Response::json_text(401, LOGIN_TOTP_REQUIRED),
                    Some(code) if code != expected => {
                        return Response::json_text(401, LOGIN_TOTP_INVALID);
                    }
                    Some(_) => {}
                }
            }
            user.map(|user| {
                let token = ids::random_token();
                sessions.insert(token.clone(), user.id);
                (user, token)
            })
        }
    };
    let Some((user, token)) = session else {
        let version = sandbox.config.rc_version;
        return Response::json_text(401, version.pick(LOGIN_FAILED_V7, LOGIN_FAILED_V8));
    };
    let mut answer = crate::parse_fixture(LOGIN_OK);
    answer["data"]["userId"] = json!(user.id);
    answer["data"]["authToken"] = json!(token);
    answer["data"]["me"] = json!({
        "_id": user.id,
        "username": user.username,
        "name": user.name,
        "roles": user.roles,
    });
    Response::json(200, &answer)
}

/// `user` (a name, an email or `{username|email}`), `username` or `email`, plus a plain password.
fn password_user(body: &Value) -> Option<&'static User> {
    let login = ["user", "username", "email"]
        .iter()
        .find_map(|key| body[key].as_str())
        .or_else(|| body["user"]["username"].as_str())
        .or_else(|| body["user"]["email"].as_str())?;
    let password = body["password"].as_str()?;
    USERS.iter().find(|user| (user.username == login || user.email == login) && user.password == password)
}

fn logout(sandbox: &Sandbox, request: &Request) -> Response {
    if let Some(token) = request.header("x-auth-token") {
        lock(&sandbox.data).rocket_chat.sessions.remove(token);
    }
    Response::json_text(200, LOGOUT_OK)
}

/// `GET /api/v1/me`: who the headers sign in as (contracts 2.2), the fields a client reads.
fn me(user: &User) -> Response {
    let mut answer = crate::parse_fixture(ME_OK);
    answer["_id"] = json!(user.id);
    answer["username"] = json!(user.username);
    answer["name"] = json!(user.name);
    answer["roles"] = json!(user.roles);
    answer["emails"] = json!([{ "address": user.email, "verified": true }]);
    Response::json(200, &answer)
}

fn list(sandbox: &Sandbox, request: &Request, user: &User, paging: Paging) -> Response {
    if request.query.iter().any(|(key, _)| !LIST_PARAMETERS.contains(&key.as_str())) {
        return invalid_params(&["must NOT have additional properties".to_owned()]);
    }
    let sort = match request.query_param("sort").map(parse_sort).transpose() {
        Ok(sort) => sort,
        Err(response) => return response,
    };
    if !can_manage_any(user) {
        return forbidden(sandbox);
    }
    // A server that ignores paging answers from the start every time.
    let offset = match paging {
        Paging::Honoured => number(request.query_param("offset")).unwrap_or(0),
        Paging::Ignored => 0,
    };
    let name = request.query_param("name").map(str::to_lowercase);
    let kind = request.query_param("type");

    let data = lock(&sandbox.data);
    let mut matching: Vec<&Value> = data
        .rocket_chat
        .integrations
        .iter()
        .filter(|integration| visible(user, integration))
        .filter(|integration| {
            name.as_ref().is_none_or(|name| {
                let stored = integration["name"].as_str().unwrap_or_default();
                stored.to_lowercase().contains(name)
            })
        })
        .filter(|integration| kind.is_none_or(|kind| integration["type"] == kind))
        .collect();
    match sort {
        Some(keys) => matching.sort_by(|a, b| compare_by(&keys, a, b)),
        // Newest first, like the server's default sort.
        None => matching.sort_by(|a, b| compare(&b["_createdAt"], &a["_createdAt"])),
    }
    page("integrations", &matching, offset, page_count(request))
}

/// `count` as the server's paging reads it: none or 0 is the default, and there is a ceiling.
fn page_count(request: &Request) -> usize {
    match number(request.query_param("count")) {
        None | Some(0) => DEFAULT_COUNT,
        Some(count) => count.min(MAX_COUNT),
    }
}

/// A paged 200: `{<key>: [...], offset, items, count, total, success}`, the keys the server's
/// response validators require.
fn page(key: &str, matching: &[&Value], offset: usize, count: usize) -> Response {
    let items: Vec<&Value> = matching.iter().copied().skip(offset).take(count).collect();
    let mut answer = json!({
        "offset": offset,
        "items": items.len(),
        "count": items.len(),
        "total": matching.len(),
        "success": true,
    });
    answer[key] = json!(items);
    Response::json(200, &answer)
}

fn get(sandbox: &Sandbox, request: &Request, user: &User) -> Response {
    let Some(id) = request.query_param("integrationId") else {
        return Response::json_text(400, GET_INVALID_PARAMS);
    };
    if !can_manage_any(user) {
        return forbidden(sandbox);
    }
    let created_by = request.query_param("createdBy");
    let data = lock(&sandbox.data);
    let found = data.rocket_chat.integrations.iter().find(|integration| {
        integration["_id"] == id
            && visible(user, integration)
            && created_by.is_none_or(|creator| integration["_createdBy"]["_id"] == creator)
    });
    match found {
        Some(integration) => Response::json(200, &json!({ "integration": integration, "success": true })),
        None => Response::json_text(400, GET_NOT_FOUND),
    }
}

fn remove(sandbox: &Sandbox, request: &Request, user: &User, variants: &Variants) -> Response {
    // An empty or non-JSON body reaches the validator as `{}`.
    let body = request.json_body().unwrap_or_else(|| json!({}));
    if let Err(response) = validate_remove(&body) {
        return response;
    }
    if !can_manage_any(user) {
        return forbidden(sandbox);
    }
    let direction = match body["type"].as_str() {
        Some("webhook-incoming") => Direction::Incoming,
        Some("webhook-outgoing") => Direction::Outgoing,
        // The schema's pattern is unanchored, so e.g. `xwebhook-incoming` gets this far.
        _ => return Response::json_text(400, INVALID_TYPE),
    };
    let id = body["integrationId"].as_str().unwrap_or_default();
    let url = body["target_url"].as_str().unwrap_or_default();
    if direction == Direction::Outgoing && id.is_empty() && url.is_empty() {
        return Response::json_text(400, REMOVE_MISSING_ID_OR_URL);
    }

    let mut data = lock(&sandbox.data);
    let store = &mut data.rocket_chat;
    // Found by `urls` or by `_id` only: the stored type is not compared with the type sent.
    let position = store.integrations.iter().position(|integration| {
        if direction == Direction::Outgoing && !url.is_empty() {
            integration["urls"].as_array().is_some_and(|urls| urls.iter().any(|stored| stored == url))
        } else {
            integration["_id"] == id
        }
    });
    let Some(index) = position else {
        return Response::json_text(400, NO_INTEGRATION_FOUND);
    };
    // The delete methods' checks: full permission, or own-only and the caller created it.
    if !user.can(direction.manage_all()) {
        if !user.can(direction.manage_own()) {
            return method_error(REMOVE_NOT_AUTHORIZED, direction);
        }
        if store.integrations[index]["_createdBy"]["_id"] != user.id {
            return method_error(REMOVE_INVALID_INTEGRATION, direction);
        }
    }
    let removed = store.integrations.remove(index);
    if direction == Direction::Outgoing
        && let Some(removed_id) = removed["_id"].as_str()
    {
        store.history.remove(removed_id);
    }
    let answer = match variants.rc_remove_body {
        RcRemoveBody::Typed => {
            let mut answer = crate::parse_fixture(REMOVE_OK);
            answer["integration"] = removed;
            answer
        }
        // The OpenAPI incoming example's key set and placeholders (no `_id`, string booleans,
        // `channel: false`), naming what was removed where the example has a string.
        RcRemoveBody::Seed => {
            let mut answer = crate::parse_fixture(REMOVE_OK_SEED);
            for key in ["type", "username", "name"] {
                if let Some(value) = removed.get(key).filter(|value| value.is_string()) {
                    answer["integration"][key] = value.clone();
                }
            }
            answer
        }
    };
    Response::json(200, &answer)
}

/// rest-typings `IntegrationsRemoveProps`: by incoming id, by outgoing URL, by outgoing id.
const REMOVE_BODY: [Object; 3] = [
    Object {
        properties: &[Property::type_pattern("webhook-incoming"), Property::new("integrationId", Kind::String, false)],
        required: &["type", "integrationId"],
        closed: false,
    },
    Object {
        properties: &[Property::type_pattern("webhook-outgoing"), Property::new("target_url", Kind::String, false)],
        required: &["type", "target_url"],
        closed: false,
    },
    Object {
        properties: &[Property::type_pattern("webhook-outgoing"), Property::new("integrationId", Kind::String, false)],
        required: &["type", "integrationId"],
        closed: false,
    },
];

/// The remove body's `oneOf`, below an outer `type: 'object'` that fails first.
fn validate_remove(body: &Value) -> Result<(), Response> {
    let Some(object) = body.as_object() else {
        return Err(invalid_params(&["must be object".to_owned()]));
    };
    // The two failures the docs show are answered with their documented bytes.
    if !object.contains_key("type") {
        return Err(Response::json_text(400, REMOVE_NO_TYPE));
    }
    if !object.contains_key("integrationId") && !object.contains_key("target_url") {
        return Err(Response::json_text(400, REMOVE_NO_ID));
    }
    // Zero passing branches, or two (an outgoing body with both `integrationId` and `target_url`).
    schema::one_of(&REMOVE_BODY, body).map(|_| ()).map_err(|messages| invalid_params(&messages))
}

/// What a user may see: everything of a direction with the full permission, their own with the
/// own-only one.
fn visible(user: &User, integration: &Value) -> bool {
    Direction::of(integration).is_some_and(|direction| {
        user.can(direction.manage_all())
            || (user.can(direction.manage_own()) && integration["_createdBy"]["_id"] == user.id)
    })
}

fn can_manage_any(user: &User) -> bool {
    ANY_INTEGRATION_PERMISSION.iter().any(|permission| user.can(permission))
}

/// `{"field": 1|-1, ...}` as the `sort` query parameter carries it.
fn parse_sort(text: &str) -> Result<Vec<(String, bool)>, Response> {
    let keys = serde_json::from_str::<Value>(text).ok().and_then(|value| {
        value
            .as_object()?
            .iter()
            .map(|(field, order)| match order.as_i64() {
                Some(1) => Some((field.clone(), false)),
                Some(-1) => Some((field.clone(), true)),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
    });
    keys.ok_or_else(|| {
        Response::json(
            400,
            &json!({
                "success": false,
                "error": format!("Invalid sort parameter provided: \"{text}\" [error-invalid-sort]"),
                "errorType": "error-invalid-sort",
                "details": { "helperMethod": "parseJsonQuery" },
            }),
        )
    })
}

fn compare_by(keys: &[(String, bool)], a: &Value, b: &Value) -> Ordering {
    keys.iter()
        .map(|(field, descending)| {
            let order = compare(&a[field], &b[field]);
            if *descending { order.reverse() } else { order }
        })
        .find(|order| order.is_ne())
        .unwrap_or(Ordering::Equal)
}

fn compare(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.cmp(b),
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap_or_default(), b.as_f64().unwrap_or_default());
            a.total_cmp(&b)
        }
        (Value::Bool(a), Value::Bool(b)) => a.cmp(b),
        _ => a.to_string().cmp(&b.to_string()),
    }
}

/// Paging numbers arrive as strings; anything unreadable falls back to the default.
fn number(text: Option<&str>) -> Option<usize> {
    text?.parse().ok()
}

fn forbidden(sandbox: &Sandbox) -> Response {
    let version = sandbox.config.rc_version;
    Response::json_text(403, version.pick(FORBIDDEN_V7, FORBIDDEN_V8))
}

/// A documented delete-method error, naming the method of the direction that was asked for.
fn method_error(template: &str, direction: Direction) -> Response {
    let method = match direction {
        Direction::Incoming => "deleteIncomingIntegration",
        Direction::Outgoing => "deleteOutgoingIntegration",
    };
    let mut body = crate::parse_fixture(template);
    body["details"]["method"] = json!(method);
    Response::json(400, &body)
}

/// `API.v1.failure` for AJV errors: messages joined by `"\n "`, then ` [invalid-params]`.
fn invalid_params(messages: &[String]) -> Response {
    Response::json(
        400,
        &json!({
            "success": false,
            "error": format!("{} [invalid-params]", messages.join("\n ")),
            "errorType": "invalid-params",
        }),
    )
}

fn not_found() -> Response {
    Response::json(404, &json!({ "success": false, "error": "Not found" }))
}
