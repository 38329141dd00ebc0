//! One error type for every call, with variants a person can act on.

use crate::i18n::{t, tf};

/// What the platform said in its own error envelope, whichever of the three shapes it used.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlatformMessage {
    pub message: Option<String>,
    pub error_type: Option<String>,
}

/// Why a call did not give the documented success.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// No readable answer: server down, connection dropped, or refused by CORS.
    Unreachable {
        origin: String,
    },
    TimedOut {
        after_ms: u32,
    },
    RateLimited {
        /// At most [`super::decode::MAX_RATE_LIMIT_WAIT_SECS`]; a `u16` keeps every `CallError`
        /// small enough to return by value.
        wait_secs: Option<u16>,
        said: PlatformMessage,
    },
    /// The credentials are missing, wrong or expired.
    Unauthorized {
        status: u16,
        said: PlatformMessage,
    },
    /// A documented error answer.
    Platform {
        status: u16,
        said: PlatformMessage,
    },
    /// A documented answer saying the platform's module for these integrations is off on this
    /// server (RyzeAPI's Chatwoot module: 503 `integration gateway not configured`).
    ModuleOff {
        status: u16,
        said: PlatformMessage,
    },
    /// Nothing was sent: the connection is signed in as someone else than the sign-in that
    /// listed the integration.
    IdentityChanged,
    /// A switch off or on answered success, but the record read afterwards no longer holds
    /// these fields as they were sent.
    NotKept {
        status: u16,
        fields: Vec<String>,
    },
    /// An answer that is not JSON at all, typically a proxy's HTML error page.
    NotJson {
        status: u16,
        content_type: Option<String>,
    },
    EmptyBody {
        status: u16,
    },
    /// A body over 32 MiB: refused unread.
    TooLarge {
        status: u16,
    },
    /// JSON that stops before its end.
    Truncated {
        status: u16,
    },
    Malformed {
        status: u16,
        detail: String,
    },
    /// Valid JSON that is not the documented shape (a required field is missing, say).
    UnexpectedShape {
        status: u16,
        detail: String,
    },
}

/// `1 second`, `2 seconds`, `1.5 seconds`, in the current language.
fn seconds(ms: u32) -> String {
    match ms {
        1000 => t("1 second").into(),
        ms if ms % 1000 == 0 => tf("{count} seconds", &[("count", &(ms / 1000))]),
        ms => tf("{count} seconds", &[("count", &format!("{:.1}", f64::from(ms) / 1000.0))]),
    }
}

impl Failure {
    pub fn status(&self) -> Option<u16> {
        match self {
            Failure::Unreachable { .. } | Failure::TimedOut { .. } | Failure::IdentityChanged => None,
            Failure::RateLimited { .. } => Some(429),
            Failure::Unauthorized { status, .. }
            | Failure::Platform { status, .. }
            | Failure::ModuleOff { status, .. }
            | Failure::NotJson { status, .. }
            | Failure::EmptyBody { status }
            | Failure::TooLarge { status }
            | Failure::NotKept { status, .. }
            | Failure::Truncated { status }
            | Failure::Malformed { status, .. }
            | Failure::UnexpectedShape { status, .. } => Some(*status),
        }
    }

    /// The platform's own words, where it gave any.
    pub fn said(&self) -> Option<&PlatformMessage> {
        match self {
            Failure::RateLimited { said, .. }
            | Failure::Unauthorized { said, .. }
            | Failure::Platform { said, .. }
            | Failure::ModuleOff { said, .. } => Some(said),
            _ => None,
        }
    }

    /// One sentence saying what happened.
    pub fn summary(&self) -> String {
        match self {
            Failure::Unreachable { origin } => tf(
                "No readable answer from {origin}: the server may be down or the connection dropped, or the browser refused the answer because {origin} does not allow this page's origin (CORS).",
                &[("origin", origin)],
            ),
            Failure::TimedOut { after_ms } => {
                tf("No answer within {time}; the request was abandoned.", &[("time", &seconds(*after_ms))])
            }
            Failure::RateLimited { wait_secs: Some(secs), .. } => {
                tf("Rate limited (HTTP 429): the platform asks to wait {seconds} s.", &[("seconds", secs)])
            }
            Failure::RateLimited { wait_secs: None, .. } => {
                t("Rate limited (HTTP 429): the platform did not say for how long.").into()
            }
            Failure::Unauthorized { status, .. } => tf(
                "Not signed in (HTTP {status}): the credentials are missing, wrong or expired.",
                &[("status", status)],
            ),
            Failure::Platform { status, said } => match &said.message {
                Some(_) => tf("The platform refused the request (HTTP {status}).", &[("status", status)]),
                None => tf("The platform answered HTTP {status} without a message.", &[("status", status)]),
            },
            Failure::ModuleOff { status, .. } => tf(
                "The Chatwoot module is not enabled on this RyzeAPI server (HTTP {status}), so it has no Chatwoot integrations to list or remove.",
                &[("status", status)],
            ),
            Failure::IdentityChanged => t(
                "Not sent: the connection is now signed in as someone else than the sign-in that listed this integration.",
            )
            .into(),
            Failure::NotKept { status, fields } => tf(
                "HTTP {status}, but reading the integration again shows other values for: {fields}.",
                &[("status", status), ("fields", &fields.join(", "))],
            ),
            Failure::NotJson { status, content_type } => tf(
                "HTTP {status} with a {type} body instead of JSON, probably an error page from a proxy or gateway.",
                &[("status", status), ("type", &content_type.as_deref().unwrap_or(t("non-JSON")))],
            ),
            Failure::EmptyBody { status } => {
                tf("HTTP {status} with an empty body where JSON was documented.", &[("status", status)])
            }
            Failure::TooLarge { status } => tf(
                "HTTP {status} with a body over 32 MiB: it was refused unread, so none of it is shown.",
                &[("status", status)],
            ),
            Failure::Truncated { status } => {
                tf("HTTP {status}, but the JSON body stops before its end (cut off in transit).", &[("status", status)])
            }
            Failure::Malformed { status, detail } => tf(
                "HTTP {status} with a body that is not valid JSON: {detail}.",
                &[("status", status), ("detail", detail)],
            ),
            Failure::UnexpectedShape { status, detail } => tf(
                "HTTP {status} with JSON that does not match the documented shape: {detail}.",
                &[("status", status), ("detail", detail)],
            ),
        }
    }

    /// What the person can do about it.
    pub fn next_step(&self) -> &'static str {
        match self {
            Failure::Unreachable { .. } => t(
                "Check that the server is up and that its CORS setting allows this page's origin (Rocket.Chat: API_Enable_CORS and API_CORS_Origin; RyzeAPI: the account's authorised origins), or point the connection's baseUrl at a same-origin reverse proxy.",
            ),
            Failure::TimedOut { .. } => t(
                "Retry; if it keeps timing out, check the platform's status or raise requestTimeoutMs in config.json.",
            ),
            Failure::RateLimited { .. } => {
                t("Wait, then retry; lower the connection's rateLimit in config.json to stay under the limit.")
            }
            Failure::Unauthorized { .. } => t("Sign in again on the Connections view."),
            Failure::Platform { status: 403, .. } => {
                t("The signed-in account lacks the permission; use an account that has it.")
            }
            Failure::ModuleOff { .. } => t(
                "Only the server's operator can change this: enable the module on the RyzeAPI server (set BRIDGE_URL and BRIDGE_TOKEN) and restart it. Retrying from here will not help.",
            ),
            Failure::IdentityChanged => {
                t("The list is read again for the new sign-in: check what it shows, then disconnect from there.")
            }
            Failure::NotKept { .. } => t(
                "Check those fields on the platform and set them back there: the update was sent with the values the platform held.",
            ),
            Failure::Platform { status: 500..=599, .. } => t("A platform-side problem: retry later."),
            Failure::Platform { .. } => t("Read the platform's message; retry once the cause is fixed."),
            Failure::NotJson { .. }
            | Failure::EmptyBody { .. }
            | Failure::Truncated { .. }
            | Failure::Malformed { .. } => t("Retry; if it persists, check any proxy in front of the platform."),
            Failure::TooLarge { .. } => {
                t("Check what the platform, or a proxy in front of it, sends: no answer it documents is that large.")
            }
            Failure::UnexpectedShape { .. } => {
                t("The platform's answer differs from its documentation; show the raw response to its support.")
            }
        }
    }
}
