//! RyzeAPI as contracts section 3 describes it: the instance list and the Chatwoot module's
//! info and delete, behind a per-token rate limit whose headers every response carries.

use std::time::Duration;

use serde_json::{Value, json};

use crate::clock;
use crate::data::ryze::{ACCOUNT_TOKEN, INSTANCE_TOKEN, Instance};
use crate::http::{Request, Response};
use crate::platform::RYZE_RATE_LIMIT;
use crate::rate_limit::Verdict;
use crate::routes;
use crate::state::{Sandbox, lock};
use crate::variants::{RyzeList, RyzeModule, RyzeProbe, RyzeSummary, Variants};

const DELETE_OK: &str = fixture!("ryze/delete_ok.json");
const RATE_LIMITED: &str = fixture!("ryze/rate_limited.json");
const MISSING_TOKEN: &str = fixture!("ryze/missing_token.json");
const INVALID_TOKEN: &str = fixture!("ryze/invalid_token.json");
const FORBIDDEN_INSTANCE: &str = fixture!("ryze/forbidden_instance.json");
const INSTANCE_NOT_FOUND: &str = fixture!("ryze/instance_not_found.json");
const NO_CHATWOOT_INTEGRATION: &str = fixture!("ryze/no_chatwoot_integration.json");
const NO_INTEGRATION_TO_DELETE: &str = fixture!("ryze/no_integration_to_delete.json");
const GATEWAY_NOT_CONFIGURED: &str = fixture!("ryze/gateway_not_configured.json");

/// The limit's window: a minute (contracts 3.2).
const RATE_LIMIT_WINDOW: Duration = Duration::from_secs(60);

/// What a token may reach.
enum Scope {
    Account,
    Instance(String),
}

impl Scope {
    fn covers(&self, instance: &str) -> bool {
        match self {
            Self::Account => true,
            Self::Instance(owned) => owned == instance,
        }
    }
}

/// Answers with `variants`: the run's, unless a fault changes one for this request.
pub fn handle(sandbox: &Sandbox, request: &Request, path: &str, variants: &Variants) -> Response {
    let token = token(request);
    // Counted per token (per client address when there is none), before authentication, so
    // every answer, a 401 included, carries the headers.
    let key = match token {
        Some(token) => format!("ryze token {token}"),
        None => format!("ryze ip {}", request.peer),
    };
    let window = sandbox.config.rate_window(RATE_LIMIT_WINDOW);
    let verdict = lock(&sandbox.limiter).hit(key, RYZE_RATE_LIMIT, window);
    let headers = verdict.headers(verdict.reset_epoch_ms().div_ceil(1000));
    let response =
        if verdict.allowed { route(sandbox, request, path, token, variants) } else { rate_limited(&verdict) };
    response.with_headers(headers)
}

fn route(sandbox: &Sandbox, request: &Request, path: &str, token: Option<&str>, variants: &Variants) -> Response {
    let Some(token) = token else {
        return Response::json_text(401, MISSING_TOKEN);
    };
    let Some(scope) = scope(sandbox, token) else {
        return Response::json_text(401, INVALID_TOKEN);
    };
    let Some((template, params)) = routes::find(routes::RYZE, path) else {
        return error(404, "route not found");
    };
    // Without the module every one of its endpoints answers 503, whatever the instance (the docs'
    // cheap probe: `GET /api/chatwoot/list/anything` is 503 when off, 404 when on).
    if template.starts_with("/api/chatwoot/") && variants.ryze_module == RyzeModule::Off {
        return Response::json_text(503, GATEWAY_NOT_CONFIGURED);
    }
    let instance = params.first().map(String::as_str).unwrap_or_default();
    match (request.method.as_str(), template) {
        ("GET", "/api/instance/list") => list(sandbox, request, &scope, variants),
        ("GET", "/api/chatwoot/list/:instance") => chatwoot_info(sandbox, &scope, instance),
        ("DELETE", "/api/chatwoot/delete/:instance") => chatwoot_delete(sandbox, &scope, instance),
        _ => error(404, "route not found"),
    }
}

/// `token: <t>` is the documented header; `Authorization: Bearer <t>` is accepted too.
fn token(request: &Request) -> Option<&str> {
    request
        .header("token")
        .or_else(|| request.header("authorization")?.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|token| !token.is_empty())
}

fn scope(sandbox: &Sandbox, token: &str) -> Option<Scope> {
    match token {
        ACCOUNT_TOKEN => Some(Scope::Account),
        INSTANCE_TOKEN => {
            let owner = lock(&sandbox.data).ryze.instance_token_owner.clone();
            Some(Scope::Instance(owner))
        }
        _ => None,
    }
}

fn list(sandbox: &Sandbox, request: &Request, scope: &Scope, variants: &Variants) -> Response {
    let data = lock(&sandbox.data);
    let instances = &data.ryze.instances;
    let filter = match (scope, variants.ryze_probe) {
        // An instance token sees its own instance and nothing else; the filter is ignored.
        (Scope::Instance(_), _) | (Scope::Account, RyzeProbe::Full) => None,
        (Scope::Account, _) => request.query_param("instanceName"),
    };
    let listed: Vec<&Instance> = match filter {
        None => instances.iter().filter(|instance| scope.covers(instance.name())).collect(),
        Some(filter) => {
            let names: Vec<&str> = filter.split(',').map(str::trim).filter(|name| !name.is_empty()).collect();
            let found: Vec<&Instance> =
                instances.iter().filter(|instance| names.is_empty() || names.contains(&instance.name())).collect();
            // One unknown name is an error (documented); unknown names among several are ignored,
            // unless the probe variant makes any all-unknown filter an error.
            let refused = names.len() == 1 || variants.ryze_probe == RyzeProbe::NotFound;
            if refused && found.is_empty() {
                return Response::json_text(404, INSTANCE_NOT_FOUND);
            }
            found
        }
    };
    let message = match listed.len() {
        1 => "1 Instance found".to_owned(),
        count => format!("{count} Instances found"),
    };
    let items: Vec<Value> = listed.into_iter().map(|instance| list_item(variants, instance)).collect();
    let body = match variants.ryze_list {
        RyzeList::Data => json!({ "success": true, "message": message, "data": items }),
        RyzeList::Instances => json!({ "success": true, "message": message, "instances": items }),
        RyzeList::Bare => Value::Array(items),
    };
    Response::json(200, &body)
}

/// The stored summary, its name under the key the list variant spells, plus a `chatwoot`
/// summary derived from the integration (our choice) unless the summary variant leaves it out.
fn list_item(variants: &Variants, instance: &Instance) -> Value {
    let mut item = instance.summary.clone();
    let name_key = match variants.ryze_list {
        RyzeList::Data => "instanceName",
        RyzeList::Instances => "instance_name",
        RyzeList::Bare => "name",
    };
    if let Some(object) = item.as_object_mut()
        && let Some(name) = object.remove("instanceName")
    {
        object.insert(name_key.to_owned(), name);
    }
    if variants.ryze_summary == RyzeSummary::None {
        return item;
    }
    // With the module off no instance has a working Chatwoot link.
    let link = instance.chatwoot.as_ref().filter(|_| variants.ryze_module == RyzeModule::On);
    item["chatwoot"] = match link {
        None => json!({ "enabled": false }),
        Some(info) => {
            let mut summary = json!({
                "enabled": true,
                "status": info["status"],
                "bridge_integration_id": info["bridge_integration_id"],
                "chatwoot_inbox_name": info["chatwoot_inbox_name"],
            });
            // Documented for a failed inline activation: `status: "error"` with `error`.
            if info["status"] == "error" {
                summary["error"] = info["last_error"].clone();
            }
            summary
        }
    };
    item
}

fn chatwoot_info(sandbox: &Sandbox, scope: &Scope, name: &str) -> Response {
    // An instance token is refused for any other name, existing or not: it learns nothing.
    if !scope.covers(name) {
        return Response::json_text(403, FORBIDDEN_INSTANCE);
    }
    let data = lock(&sandbox.data);
    let Some(instance) = data.ryze.instances.iter().find(|instance| instance.name() == name) else {
        return Response::json_text(404, INSTANCE_NOT_FOUND);
    };
    match &instance.chatwoot {
        Some(info) => Response::json(200, info),
        None => Response::json_text(404, NO_CHATWOOT_INTEGRATION),
    }
}

fn chatwoot_delete(sandbox: &Sandbox, scope: &Scope, name: &str) -> Response {
    if !scope.covers(name) {
        return Response::json_text(403, FORBIDDEN_INSTANCE);
    }
    let mut data = lock(&sandbox.data);
    let Some(instance) = data.ryze.instances.iter_mut().find(|instance| instance.name() == name) else {
        return Response::json_text(404, INSTANCE_NOT_FOUND);
    };
    if instance.chatwoot.is_none() {
        return Response::json_text(404, NO_INTEGRATION_TO_DELETE);
    }
    if instance.gateway_down {
        return Response::json_text(503, GATEWAY_NOT_CONFIGURED);
    }
    instance.chatwoot = None;
    Response::json_text(200, DELETE_OK)
}

fn rate_limited(verdict: &Verdict) -> Response {
    Response::json_text(429, RATE_LIMITED).with_header("Retry-After", verdict.wait_seconds().to_string())
}

/// The 429 of a `retry-after` fault: the documented body, and the limiter's headers with the reset
/// (seconds since the epoch) `seconds` from now when the fault's value is a number.
pub fn throttled(seconds: Option<f64>) -> Response {
    let response = Response::json_text(429, RATE_LIMITED)
        .with_header("X-RateLimit-Limit", RYZE_RATE_LIMIT.to_string())
        .with_header("X-RateLimit-Remaining", "0");
    match seconds.and_then(|seconds| clock::epoch_after_seconds(seconds, false)) {
        Some(reset) => response.with_header("X-RateLimit-Reset", reset),
        None => response,
    }
}

/// The documented error envelope, for the sandbox's own messages (unknown routes).
fn error(status: u16, message: &str) -> Response {
    Response::json(status, &json!({ "success": false, "error": { "message": message } }))
}
