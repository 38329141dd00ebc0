//! One error type for every call, with variants a person can act on.

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
    Unreachable { origin: String },
    TimedOut { after_ms: u32 },
    RateLimited { wait_secs: Option<u64>, said: PlatformMessage },
    /// The credentials are missing, wrong or expired.
    Unauthorized { status: u16, said: PlatformMessage },
    /// A documented error answer.
    Platform { status: u16, said: PlatformMessage },
    /// An answer that is not JSON at all, typically a proxy's HTML error page.
    NotJson { status: u16, content_type: Option<String> },
    EmptyBody { status: u16 },
    /// JSON that stops before its end.
    Truncated { status: u16 },
    Malformed { status: u16, detail: String },
    /// Valid JSON that is not the documented shape (a required field is missing, say).
    UnexpectedShape { status: u16, detail: String },
}

/// `1 second`, `2 seconds`, `1.5 seconds`.
fn seconds(ms: u32) -> String {
    match ms {
        1000 => "1 second".into(),
        ms if ms % 1000 == 0 => format!("{} seconds", ms / 1000),
        ms => format!("{:.1} seconds", f64::from(ms) / 1000.0),
    }
}

impl Failure {
    pub fn status(&self) -> Option<u16> {
        match self {
            Failure::Unreachable { .. } | Failure::TimedOut { .. } => None,
            Failure::RateLimited { .. } => Some(429),
            Failure::Unauthorized { status, .. }
            | Failure::Platform { status, .. }
            | Failure::NotJson { status, .. }
            | Failure::EmptyBody { status }
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
            | Failure::Platform { said, .. } => Some(said),
            _ => None,
        }
    }

    /// One sentence saying what happened.
    pub fn summary(&self) -> String {
        match self {
            Failure::Unreachable { origin } => format!(
                "No readable answer from {origin}: the server may be down or the connection dropped, \
                 or the browser refused the answer because {origin} does not allow this page's origin (CORS)."
            ),
            Failure::TimedOut { after_ms } => {
                format!("No answer within {}; the request was abandoned.", seconds(*after_ms))
            }
            Failure::RateLimited { wait_secs: Some(secs), .. } => {
                format!("Rate limited (HTTP 429): the platform asks to wait {secs} s.")
            }
            Failure::RateLimited { wait_secs: None, .. } => {
                "Rate limited (HTTP 429): the platform did not say for how long.".into()
            }
            Failure::Unauthorized { status, .. } => {
                format!("Not signed in (HTTP {status}): the credentials are missing, wrong or expired.")
            }
            Failure::Platform { status, said } => match &said.message {
                Some(_) => format!("The platform refused the request (HTTP {status})."),
                None => format!("The platform answered HTTP {status} without a message."),
            },
            Failure::NotJson { status, content_type } => format!(
                "HTTP {status} with a {} body instead of JSON, probably an error page from a proxy or gateway.",
                content_type.as_deref().unwrap_or("non-JSON")
            ),
            Failure::EmptyBody { status } => format!("HTTP {status} with an empty body where JSON was documented."),
            Failure::Truncated { status } => {
                format!("HTTP {status}, but the JSON body stops before its end (cut off in transit).")
            }
            Failure::Malformed { status, detail } => format!("HTTP {status} with a body that is not valid JSON: {detail}."),
            Failure::UnexpectedShape { status, detail } => {
                format!("HTTP {status} with JSON that does not match the documented shape: {detail}.")
            }
        }
    }

    /// What the person can do about it.
    pub fn next_step(&self) -> &'static str {
        match self {
            Failure::Unreachable { .. } => {
                "Check that the server is up and that its CORS setting allows this page's origin \
                 (Rocket.Chat: API_Enable_CORS and API_CORS_Origin; RyzeAPI: the account's authorised origins), \
                 or point the connection's baseUrl at a same-origin reverse proxy."
            }
            Failure::TimedOut { .. } => "Retry; if it keeps timing out, check the platform's status or raise requestTimeoutMs in config.json.",
            Failure::RateLimited { .. } => "Wait, then retry; lower the connection's rateLimit in config.json to stay under the limit.",
            Failure::Unauthorized { .. } => "Sign in again on the Connections view.",
            Failure::Platform { status: 403, .. } => "The signed-in account lacks the permission; use an account that has it.",
            Failure::Platform { status: 500..=599, .. } => "A platform-side problem: retry later.",
            Failure::Platform { .. } => "Read the platform's message; retry once the cause is fixed.",
            Failure::NotJson { .. } | Failure::EmptyBody { .. } | Failure::Truncated { .. } | Failure::Malformed { .. } => {
                "Retry; if it persists, check any proxy in front of the platform."
            }
            Failure::UnexpectedShape { .. } => "The platform's answer differs from its documentation; show the raw response to its support.",
        }
    }
}
