//! Altegio's partner marketplace endpoints as contracts section 1 describes them: list the
//! connected locations, read one's status, uninstall (which sends the disable webhook).

use serde_json::{Value, json};

use crate::clock;
use crate::data::altegio::{APPLICATION_ID, PARTNER_TOKEN};
use crate::http::{Request, Response};
use crate::routes;
use crate::state::{Sandbox, lock};
use crate::variants::{AltegioPageBase, AltegioRepeatUninstall, Paging, Variants};
use crate::webhook;

const UNINSTALL_OK: &str = fixture!("altegio/uninstall_ok.json");
const UNAUTHORIZED: &str = fixture!("altegio/unauthorized.json");
const FORBIDDEN: &str = fixture!("altegio/forbidden.json");
const NOT_FOUND: &str = fixture!("altegio/not_found.json");
const UNPROCESSABLE: &str = fixture!("altegio/unprocessable.json");
const DISABLE_WEBHOOK: &str = fixture!("altegio/disable_webhook.json");

/// The vendor tool's bounds for `count`, and its default page size.
const MAX_COUNT: usize = 1000;
const DEFAULT_COUNT: usize = 100;

/// Answers with `variants`: the run's, unless a fault changes one for this request.
pub fn handle(sandbox: &Sandbox, request: &Request, path: &str, variants: &Variants) -> Response {
    let Some((template, params)) = routes::find(routes::ALTEGIO, path) else {
        return Response::json_text(404, NOT_FOUND);
    };
    if !authorised(request) {
        return Response::json_text(401, UNAUTHORIZED);
    }
    // Every template ends with the application id.
    if params.last().map(String::as_str) != Some(APPLICATION_ID.to_string().as_str()) {
        return Response::json_text(403, FORBIDDEN);
    }
    let location = params.first().and_then(|id| id.parse().ok());
    match (request.method.as_str(), template, location) {
        ("GET", "/marketplace/application/:app/salons", _) => salons(sandbox, request, variants),
        ("GET", "/marketplace/salon/:id/application/:app", Some(id)) => status(sandbox, id),
        ("POST", "/marketplace/salon/:id/application/:app/uninstall", Some(id)) => {
            uninstall(sandbox, id, variants.altegio_repeat_uninstall)
        }
        _ => Response::json_text(404, NOT_FOUND),
    }
}

/// `Authorization: Bearer <partner token>`; a `, User <token>` part, sent on user calls, is ignored.
fn authorised(request: &Request) -> bool {
    request
        .header("authorization")
        .and_then(|value| value.split(',').next())
        .and_then(|partner| partner.trim().strip_prefix("Bearer "))
        .is_some_and(|token| token.trim() == PARTNER_TOKEN)
}

fn salons(sandbox: &Sandbox, request: &Request, variants: &Variants) -> Response {
    let count = match request.query_param("count").map(str::parse::<usize>) {
        None => DEFAULT_COUNT,
        Some(Ok(count)) if (1..=MAX_COUNT).contains(&count) => count,
        Some(_) => return Response::json_text(422, UNPROCESSABLE),
    };
    // Which page, counted from 0 here. Pages count from 1 and a page below 1 is the first, as
    // Laravel's paginator reads it (the docs' sample sends 0); the page-base variant makes 0 the
    // first page instead (and a negative page the first too).
    let first_page = match variants.altegio_page_base {
        AltegioPageBase::One => 1,
        AltegioPageBase::Zero => 0,
    };
    let index = match request.query_param("page").map(str::parse::<i64>) {
        None => 0,
        Some(Ok(page)) => usize::try_from(page.max(first_page) - first_page).unwrap_or(usize::MAX),
        Some(Err(_)) => return unprocessable("The page must be an integer."),
    };
    // A server that ignores `page` answers the first page every time.
    let skipped = match variants.paging {
        Paging::Honoured => index.saturating_mul(count),
        Paging::Ignored => 0,
    };
    let data = lock(&sandbox.data);
    let listed: Vec<&Value> = data
        .altegio
        .locations
        .iter()
        .filter(|location| location.connected())
        .skip(skipped)
        .take(count)
        .map(|location| &location.salon)
        .collect();
    Response::json(200, &json!({ "success": true, "data": listed, "meta": [] }))
}

fn status(sandbox: &Sandbox, id: u64) -> Response {
    let data = lock(&sandbox.data);
    match data.altegio.locations.iter().find(|location| location.id == id && location.connected()) {
        Some(location) => Response::json(200, &json!({ "success": true, "data": location.status, "meta": [] })),
        None => Response::json_text(404, NOT_FOUND),
    }
}

/// Marks the location uninstalled, logs the change, and sends the disable webhook. A location
/// already uninstalled answers as `repeat` says, with no second webhook.
fn uninstall(sandbox: &Sandbox, id: u64, repeat: AltegioRepeatUninstall) -> Response {
    let mut data = lock(&sandbox.data);
    let Some(location) = data.altegio.locations.iter_mut().find(|location| location.id == id) else {
        return Response::json_text(404, NOT_FOUND);
    };
    if !location.connected() {
        return match repeat {
            AltegioRepeatUninstall::NotFound => Response::json_text(404, NOT_FOUND),
            AltegioRepeatUninstall::Ok => Response::json_text(200, UNINSTALL_OK),
        };
    }
    let from = location.state().to_owned();
    if let Some(logs) = location.status["logs"].as_array_mut() {
        logs.push(json!({
            "changed_at": clock::altegio_datetime(clock::now_ms()),
            "status_from": from,
            "status_to": "uninstalled",
            "source": "partner_api",
        }));
    }
    location.status["connection_status"]["status"] = json!("uninstalled");
    drop(data);

    let mut payload = crate::parse_fixture(DISABLE_WEBHOOK);
    payload["salon_id"] = json!(id);
    payload["application_id"] = json!(APPLICATION_ID);
    payload["partner_token"] = json!(PARTNER_TOKEN);
    webhook::send(&sandbox.webhooks, sandbox.config.callback_url.as_deref(), payload);
    Response::json_text(200, UNINSTALL_OK)
}

/// The 429 of a `retry-after` fault. Altegio documents no 429 (UNCONFIRMED): Laravel's throttle
/// message in Altegio's error envelope.
pub fn throttled() -> Response {
    Response::json(429, &json!({ "success": false, "data": null, "meta": { "message": "Too Many Attempts." } }))
}

/// The documented 422 with the sandbox's own validation message.
fn unprocessable(message: &str) -> Response {
    let mut body = crate::parse_fixture(UNPROCESSABLE);
    body["meta"]["errors"] = json!([message]);
    Response::json(422, &body)
}
