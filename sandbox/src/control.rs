//! `/__sandbox/*`: fault knobs, reset, request and 429 counts, and the webhook receiver and log.
//! Not part of any platform.

use serde_json::{Value, json};

use crate::http::{Request, Response};
use crate::state::{Sandbox, lock};

pub const PREFIX: &str = "/__sandbox";

pub fn handle(sandbox: &Sandbox, request: &Request, path: &str) -> Response {
    match (request.method.as_str(), path) {
        ("GET", "/faults") => Response::json(200, &lock(&sandbox.faults).to_json()),
        ("POST", "/faults") => add_fault(sandbox, request),
        ("POST", "/reset") => {
            sandbox.reset();
            Response::json(200, &json!({ "reset": true }))
        }
        ("GET", "/stats") => Response::json(200, &sandbox.stats.to_json()),
        ("POST", "/callback") => receive_webhook(sandbox, request),
        ("GET", "/webhooks") => Response::json(200, &lock(&sandbox.webhooks).to_json()),
        _ => problem(
            404,
            "No such control route: GET|POST /__sandbox/faults, POST /__sandbox/reset, GET /__sandbox/stats, POST /__sandbox/callback, GET /__sandbox/webhooks",
        ),
    }
}

fn add_fault(sandbox: &Sandbox, request: &Request) -> Response {
    let Some(body) = request.json_body() else {
        return problem(400, "body must be JSON: {\"platform\",\"route\",\"kind\",\"count\"}");
    };
    let mut faults = lock(&sandbox.faults);
    match faults.add(&body) {
        Ok(()) => Response::json(201, &faults.to_json()),
        Err(message) => problem(400, &message),
    }
}

/// Records what a partner's receiver would get, headers that matter included.
fn receive_webhook(sandbox: &Sandbox, request: &Request) -> Response {
    let payload =
        request.json_body().unwrap_or_else(|| Value::String(String::from_utf8_lossy(&request.body).into_owned()));
    lock(&sandbox.webhooks).record_received(json!({
        "contentType": request.header("content-type"),
        "accept": request.header("accept"),
        "payload": payload,
    }));
    Response::json(200, &json!({ "received": true }))
}

fn problem(status: u16, message: &str) -> Response {
    Response::json(status, &json!({ "error": message }))
}
