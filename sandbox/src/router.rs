//! Which area a request belongs to, route templates, and the order every request goes through:
//! CORS, preflight, fault knobs, then the platform.

use serde_json::json;

use crate::control;
use crate::cors::{self, Policy};
use crate::faults;
use crate::http::{Outcome, Request, Response, percent_decode};
use crate::state::{Sandbox, lock};
use crate::{altegio, rocket_chat, ryze};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    RocketChat,
    Ryze,
    Altegio,
}

impl Platform {
    pub const ALL: [Self; 3] = [Self::RocketChat, Self::Ryze, Self::Altegio];

    /// The name used in URLs and in fault requests.
    pub fn name(self) -> &'static str {
        match self {
            Self::RocketChat => "rocketchat",
            Self::Ryze => "ryze",
            Self::Altegio => "altegio",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|platform| platform.name() == name)
    }

    /// Route templates, written after the platform prefix; faults name them.
    pub fn routes(self) -> &'static [&'static str] {
        match self {
            Self::RocketChat => rocket_chat::ROUTES,
            Self::Ryze => ryze::ROUTES,
            Self::Altegio => altegio::ROUTES,
        }
    }

    /// Calls per window the sandbox enforces on this platform; `None` where it enforces none.
    pub fn enforced_limit(self) -> Option<u32> {
        match self {
            Self::RocketChat => Some(rocket_chat::RATE_LIMIT_CALLS),
            Self::Ryze => Some(ryze::RATE_LIMIT),
            Self::Altegio => None,
        }
    }

    /// Position in `ALL`, for per-platform counters.
    pub fn index(self) -> usize {
        match self {
            Self::RocketChat => 0,
            Self::Ryze => 1,
            Self::Altegio => 2,
        }
    }

    fn cors(self) -> &'static Policy {
        match self {
            Self::RocketChat => &cors::ROCKET_CHAT,
            Self::Ryze => &cors::RYZE,
            Self::Altegio => &cors::ALTEGIO,
        }
    }

    fn handle(self, sandbox: &Sandbox, request: &Request, path: &str) -> Response {
        match self {
            Self::RocketChat => rocket_chat::handle(sandbox, request, path),
            Self::Ryze => ryze::handle(sandbox, request, path),
            Self::Altegio => altegio::handle(sandbox, request, path),
        }
    }
}

/// The template `path` matches and its `:name` segments, decoded.
pub fn find(routes: &[&'static str], path: &str) -> Option<(&'static str, Vec<String>)> {
    routes.iter().find_map(|template| {
        let mut template_segments = template.split('/');
        let mut path_segments = path.split('/');
        let mut params = Vec::new();
        loop {
            match (template_segments.next(), path_segments.next()) {
                (None, None) => return Some((*template, params)),
                (Some(wanted), Some(given)) if wanted.starts_with(':') && !given.is_empty() => {
                    params.push(percent_decode(given, false));
                }
                (Some(wanted), Some(given)) if wanted == given => {}
                _ => return None,
            }
        }
    })
}

/// Answers one API-port request.
pub fn dispatch(sandbox: &Sandbox, request: &Request) -> Outcome {
    let (platform, path, policy) = if let Some(path) = under(&request.path, control::PREFIX) {
        (None, path, &cors::CONTROL)
    } else if let Some((platform, path)) = Platform::ALL
        .into_iter()
        .find_map(|platform| under(&request.path, &format!("/{}", platform.name())).map(|path| (platform, path)))
    {
        (Some(platform), path, platform.cors())
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
            let template = find(platform.routes(), path).map(|(template, _)| template);
            let fault = lock(&sandbox.faults).take(platform, template);
            faults::apply(fault, || platform.handle(sandbox, request, path))
        }
    };
    outcome.with_headers(cors_headers)
}

/// The rest of `path` when it sits under `prefix` (`/ryze` matches `/ryze/...`, not `/ryzen`).
fn under<'a>(path: &'a str, prefix: &str) -> Option<&'a str> {
    path.strip_prefix(prefix).filter(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn matches_templates_and_decodes_parameters() {
        let routes = ["/api/chatwoot/list/:instance", "/a/:x/b/:y/c"];
        assert_eq!(
            find(&routes, "/api/chatwoot/list/caf%C3%A9"),
            Some(("/api/chatwoot/list/:instance", vec!["café".to_owned()]))
        );
        assert_eq!(find(&routes, "/a/1/b/2/c"), Some(("/a/:x/b/:y/c", vec!["1".to_owned(), "2".to_owned()])));
        assert_eq!(find(&routes, "/api/chatwoot/list/"), None);
        assert_eq!(find(&routes, "/api/chatwoot/list/a/b"), None);
    }
}
