//! Which area a request belongs to, and the order every request goes through: CORS, preflight,
//! fault knobs, then the platform. The router knows the platforms; they never know the router.

use serde_json::json;

use crate::control;
use crate::cors::{self, Policy};
use crate::faults;
use crate::http::{Outcome, Request, Response};
use crate::platform::Platform;
use crate::routes;
use crate::state::{Sandbox, lock};
use crate::variants::{RcExpose, RyzeExpose, Variants};
use crate::{altegio, rocket_chat, ryze};

fn cors_policy(platform: Platform, variants: &Variants) -> &'static Policy {
    match platform {
        Platform::RocketChat if variants.rc_expose == RcExpose::RateLimit => &cors::ROCKET_CHAT_EXPOSED,
        Platform::RocketChat => &cors::ROCKET_CHAT,
        Platform::Ryze if variants.ryze_expose == RyzeExpose::None => &cors::RYZE_UNEXPOSED,
        Platform::Ryze => &cors::RYZE,
        Platform::Altegio => &cors::ALTEGIO,
    }
}

/// The platform's real answer, given with `variants` (the run's, or a fault's for this request).
fn handle(platform: Platform, sandbox: &Sandbox, request: &Request, path: &str, variants: &Variants) -> Response {
    match platform {
        Platform::RocketChat => rocket_chat::handle(sandbox, request, path, variants),
        Platform::Ryze => ryze::handle(sandbox, request, path, variants),
        Platform::Altegio => altegio::handle(sandbox, request, path, variants),
    }
}

/// The platform's 429 for a `retry-after:VALUE` fault (`seconds`: VALUE when it is a number).
fn throttled(platform: Platform, value: &str, seconds: Option<f64>) -> Response {
    match platform {
        Platform::RocketChat => rocket_chat::throttled(value, seconds),
        Platform::Ryze => ryze::throttled(seconds),
        Platform::Altegio => altegio::throttled(),
    }
}

/// Answers one API-port request.
pub fn dispatch(sandbox: &Sandbox, request: &Request) -> Outcome {
    let (platform, path, policy) = if let Some(path) = under(&request.path, control::PREFIX) {
        (None, path, &cors::CONTROL)
    } else if let Some((platform, path)) = Platform::ALL
        .into_iter()
        .find_map(|platform| under(&request.path, &format!("/{}", platform.name())).map(|path| (platform, path)))
    {
        (Some(platform), path, cors_policy(platform, &sandbox.config.variants))
    } else {
        return Outcome::Respond(Response::json(
            404,
            &json!({"error": "No such path. The platforms live under /rocketchat, /ryze and /altegio; the sandbox controls under /__sandbox."}),
        ));
    };

    let outcome = answer(sandbox, request, platform, path, policy);
    if let Some(platform) = platform
        && request.method != "OPTIONS"
    {
        sandbox.stats.record(platform, &outcome);
    }
    outcome
}

/// CORS, preflight, fault knobs, then the platform (or the controls).
fn answer(sandbox: &Sandbox, request: &Request, platform: Option<Platform>, path: &str, policy: &Policy) -> Outcome {
    let origin = request.header("origin");
    if request.method == "OPTIONS" {
        return Outcome::Respond(cors::preflight(policy, origin, &sandbox.allowed_origins));
    }
    let Some(cors_headers) = cors::response_headers(policy, origin, &sandbox.allowed_origins) else {
        // Rocket.Chat's answer to an origin outside its allow-list: 403, empty body.
        return Outcome::Respond(Response::empty(403));
    };

    let outcome = match platform {
        None => Outcome::Respond(control::handle(sandbox, request, path)),
        Some(platform) => {
            let template = routes::find(platform.routes(), path).map(|(template, _)| template);
            let fault = lock(&sandbox.faults).take(platform, template);
            faults::apply(
                fault,
                &sandbox.config.variants,
                |variants| handle(platform, sandbox, request, path, variants),
                |value, seconds| throttled(platform, value, seconds),
            )
        }
    };
    outcome.with_headers(cors_headers)
}

/// The rest of `path` when it sits under `prefix` (`/ryze` matches `/ryze/...`, not `/ryzen`).
fn under<'a>(path: &'a str, prefix: &str) -> Option<&'a str> {
    path.strip_prefix(prefix).filter(|rest| rest.is_empty() || rest.starts_with('/'))
}
