//! Runtime configuration: `config.json`, fetched from beside `index.html` so a static host can
//! change connections without a rebuild.

use crate::i18n::tf;
use serde::Deserialize;

use crate::model::Platform;
use crate::slim::lowercase;

const DEFAULT_REQUEST_TIMEOUT_MS: u32 = 15_000;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    pub connections: Vec<ConnectionConfig>,
    #[serde(default = "default_timeout")]
    pub request_timeout_ms: u32,
    #[serde(default)]
    pub embed: EmbedConfig,
    /// Minutes without a click or key press after which every secret is forgotten; 0 never.
    #[serde(default = "default_idle_minutes")]
    pub idle_sign_out_minutes: f64,
    /// Seconds between a confirmed Disconnect and its first request, while Undo still keeps
    /// everything; 0 sends at once.
    #[serde(default = "default_undo_seconds")]
    pub undo_seconds: f64,
}

fn default_idle_minutes() -> f64 {
    60.0
}

fn default_undo_seconds() -> f64 {
    10.0
}

/// The longest undo window config.json may ask for: longer, and a person leaves the tab first.
const MAX_UNDO_SECONDS: f64 = 600.0;

/// Who may embed Unplug and talk to it by `postMessage`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmbedConfig {
    /// Exact origins (`https://portal.example.com`); messages from any other are ignored.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
}

fn default_timeout() -> u32 {
    DEFAULT_REQUEST_TIMEOUT_MS
}

/// One account on one platform.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionConfig {
    pub id: String,
    pub platform: Platform,
    pub label: String,
    /// The platform root the documented paths are appended to (Rocket.Chat: before `/api`;
    /// RyzeAPI: before `/api`; Altegio: before `/marketplace`).
    pub base_url: String,
    pub application_id: Option<u64>,
    /// Marks the bundled sandbox, which offers demo credentials.
    #[serde(default)]
    pub sandbox: bool,
    pub rate_limit: Option<RateLimit>,
    /// Who adds the platform's credentials to each call.
    #[serde(default)]
    pub auth: AuthMode,
}

/// `"token"`: a person (or the host page) types them; `"proxy"`: the same-origin proxy that
/// the relative `baseUrl` points at adds them, and the browser never holds them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthMode {
    #[default]
    Token,
    Proxy,
}

/// A base URL on this page's own origin (`api/altegio`, `/proxy/altegio`): no scheme, no host.
pub fn is_relative(base_url: &str) -> bool {
    !base_url.contains("://") && !base_url.starts_with("//")
}

/// `localhost`, `127.0.0.0/8` or `[::1]`: a host that is this machine, where plain `http:` is
/// as private as it gets.
fn is_loopback(host: &str) -> bool {
    let octets: Vec<&str> = host.split('.').collect();
    host.eq_ignore_ascii_case("localhost")
        || host == "[::1]"
        || (octets.len() == 4 && octets[0] == "127" && octets.iter().all(|octet| octet.parse::<u8>().is_ok()))
}

/// Why a connection's `baseUrl` cannot be used, if it cannot: it must be `https:`, `http:`
/// to this machine only, or a path on this site; never with user info, a query or a fragment
/// (they would travel in every call, or hide where the calls go). `sandbox` connections must
/// stay on this machine or this site.
fn base_url_problem(base_url: &str, sandbox: bool) -> Option<&'static str> {
    if base_url.contains(['?', '#']) {
        return Some("must not carry a query or a fragment");
    }
    let Some((scheme, rest)) = base_url.split_once("://") else {
        let scheme_like = base_url.split_once(':').is_some_and(|(before, _)| !before.contains('/'));
        return if base_url.starts_with("//") || scheme_like {
            Some("must be an https: URL or a path on this site")
        } else {
            None
        };
    };
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.contains('@') {
        return Some("must not carry a user name or password");
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => &authority[..v6.find(']').map_or(authority.len(), |end| end + 2)],
        None => authority.split(':').next().unwrap_or_default(),
    };
    let loopback = is_loopback(host);
    match scheme {
        _ if host.is_empty() => Some("has no host"),
        "https" if sandbox && !loopback => Some("of a sandbox connection must be on this machine or this site"),
        "https" => None,
        "http" if loopback => None,
        "http" => Some("may use http: only for this machine (localhost, 127.0.0.1, [::1]); use https:"),
        _ => Some("must be an https: URL or a path on this site"),
    }
}

/// Overrides the pace Unplug keeps for a connection: `requests` per `perMs` milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RateLimit {
    pub requests: u32,
    pub per_ms: u64,
}

/// Why `config.json` cannot be used, in words an operator can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    Unreadable(String),
    Invalid(String),
}

impl ConfigError {
    pub fn message(&self) -> String {
        match self {
            ConfigError::Unreadable(why) => tf("config.json could not be loaded: {why}", &[("why", why)]),
            ConfigError::Invalid(why) => tf("config.json is not valid: {why}", &[("why", why)]),
        }
    }
}

impl Config {
    /// Parses and checks the file's text; every rule broken is named.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let config: Config = serde_json::from_str(text).map_err(|e| ConfigError::Invalid(e.to_string()))?;
        config.validate()?;
        Ok(config)
    }

    /// Every rule broken, each named, joined into one explanation.
    fn validate(&self) -> Result<(), ConfigError> {
        let problems = self.problems();
        if problems.is_empty() { Ok(()) } else { Err(ConfigError::Invalid(problems.join("; "))) }
    }

    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.connections.is_empty() {
            problems.push("\"connections\" is empty".into());
        }
        if !(self.idle_sign_out_minutes.is_finite() && self.idle_sign_out_minutes >= 0.0) {
            problems.push("\"idleSignOutMinutes\" must be 0 (never) or a number of minutes".into());
        }
        if !(self.undo_seconds.is_finite() && (0.0..=MAX_UNDO_SECONDS).contains(&self.undo_seconds)) {
            problems.push(format!("\"undoSeconds\" must be 0 (no window) up to {MAX_UNDO_SECONDS} seconds"));
        }
        for origin in &self.embed.allowed_origins {
            if !is_origin(origin) {
                problems.push(format!(
                    "embed.allowedOrigins entry \"{origin}\" is not an origin like https://portal.example.com"
                ));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for connection in &self.connections {
            let id = &connection.id;
            if id.trim().is_empty() {
                problems.push("a connection has an empty \"id\"".into());
            } else if !seen.insert(id.as_str()) {
                problems.push(format!("connection id \"{id}\" is used twice"));
            }
            if connection.base_url.trim().is_empty() {
                problems.push(format!("connection \"{id}\" has an empty \"baseUrl\""));
            } else if let Some(problem) = base_url_problem(&connection.base_url, connection.sandbox) {
                problems.push(format!("connection \"{id}\": \"baseUrl\" {problem}"));
            }
            if connection.platform == Platform::Altegio && connection.application_id.is_none() {
                problems.push(format!("Altegio connection \"{id}\" needs \"applicationId\""));
            }
            if connection.auth == AuthMode::Proxy && !is_relative(&connection.base_url) {
                problems.push(format!(
                    "connection \"{id}\" has \"auth\": \"proxy\" but an absolute \"baseUrl\": a proxy that adds credentials must be on this site's origin, with a relative baseUrl"
                ));
            }
            if connection.auth == AuthMode::Proxy && connection.platform == Platform::Rocketchat {
                problems.push(format!(
                    "connection \"{id}\": Rocket.Chat signs each user in, so \"auth\": \"proxy\" is for RyzeAPI and Altegio only"
                ));
            }
            if connection.rate_limit.is_some_and(|limit| limit.requests == 0 || limit.per_ms == 0) {
                problems.push(format!("connection \"{id}\" has a \"rateLimit\" of zero"));
            }
        }
        problems
    }
}

/// `scheme://host[:port]` exactly as a browser writes an origin (lower case, no default port,
/// nothing more), since messages are matched by equality; never `*`.
fn is_origin(text: &str) -> bool {
    match text.split_once("://") {
        Some((scheme, host)) => {
            let default_port = match scheme {
                "http" => ":80",
                _ => ":443",
            };
            matches!(scheme, "http" | "https")
                && !host.is_empty()
                && !host.contains(['/', '*', '?', '#', ' ', '@'])
                && lowercase(host) == host
                && !host.ends_with(default_port)
        }
        None => false,
    }
}

/// Appends a documented path to a connection's base URL, whatever trailing slash it has.
pub fn endpoint(base_url: &str, path: &str) -> String {
    format!("{}/{}", base_url.trim_end_matches('/'), path.trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../public/config.json");

    #[test]
    fn the_shipped_config_is_valid_and_points_at_the_sandbox() {
        let config = Config::parse(SHIPPED).expect("public/config.json parses");
        assert_eq!(config.connections.len(), 3);
        assert!(config.connections.iter().all(|c| c.sandbox));
    }

    #[test]
    fn explains_each_broken_rule() {
        let cases = [
            (r#"{"connections": []}"#, "\"connections\" is empty"),
            (
                r#"{"connections":[{"id":"a","platform":"ryze","label":"A","baseUrl":"x"},{"id":"a","platform":"ryze","label":"B","baseUrl":"y"}]}"#,
                "used twice",
            ),
            (
                r#"{"connections":[{"id":"a","platform":"altegio","label":"A","baseUrl":"x"}]}"#,
                "needs \"applicationId\"",
            ),
            (r#"{"connections":[{"id":"a","platform":"slack","label":"A","baseUrl":"x"}]}"#, "unknown variant `slack`"),
            (r#"{"connections":[{"id":"a","platform":"ryze","label":"A"}]}"#, "missing field `baseUrl`"),
            ("<html>", "expected value"),
            (
                r#"{"connections":[{"id":"a","platform":"ryze","label":"A","baseUrl":"x"}],"idleSignOutMinutes":-1}"#,
                "idleSignOutMinutes",
            ),
            (
                r#"{"connections":[{"id":"a","platform":"ryze","label":"A","baseUrl":"x"}],"undoSeconds":3601}"#,
                "undoSeconds",
            ),
            (
                r#"{"connections":[{"id":"a","platform":"altegio","label":"A","baseUrl":"https://app.alteg.io","applicationId":1,"auth":"proxy"}]}"#,
                "an absolute \"baseUrl\"",
            ),
            (
                r#"{"connections":[{"id":"a","platform":"rocketchat","label":"A","baseUrl":"api/rc","auth":"proxy"}]}"#,
                "RyzeAPI and Altegio only",
            ),
            (
                r#"{"connections":[{"id":"a","platform":"ryze","label":"A","baseUrl":"x","auth":"cookie"}]}"#,
                "unknown variant `cookie`",
            ),
            (
                r#"{"connections":[{"id":"a","platform":"ryze","label":"A","baseUrl":"x"}],"embed":{"allowedOrigins":["*"]}}"#,
                "is not an origin",
            ),
            (
                r#"{"connections":[{"id":"a","platform":"ryze","label":"A","baseUrl":"x"}],"embed":{"allowedOrigins":["https://p.example/path"]}}"#,
                "is not an origin",
            ),
            (
                r#"{"connections":[{"id":"a","platform":"ryze","label":"A","baseUrl":"x"}],"embed":{"allowedOrigins":["https://P.example:443"]}}"#,
                "is not an origin",
            ),
        ];
        for (text, expected) in cases {
            let message = Config::parse(text).expect_err(text).message();
            assert!(message.contains(expected), "{message} should contain {expected}");
        }
    }

    #[test]
    fn every_broken_rule_is_named_at_once() {
        let text = r#"{"connections":[
            {"id":"a","platform":"altegio","label":"A","baseUrl":"http://portal.example.com"},
            {"id":"a","platform":"ryze","label":"B","baseUrl":"x","rateLimit":{"requests":0,"perMs":1}}
        ]}"#;
        let message = Config::parse(text).expect_err("three rules broken").message();
        for expected in
            ["\"baseUrl\" may use http: only", "needs \"applicationId\"", "used twice", "\"rateLimit\" of zero"]
        {
            assert!(message.contains(expected), "{message} should name {expected}");
        }
    }

    #[test]
    fn base_urls_are_https_loopback_http_or_this_site() {
        let fine = [
            ("https://chat.example.com", false),
            ("https://chat.example.com:8443/rc/", false),
            ("http://127.0.0.1:8787/ryze", true),
            ("http://127.4.5.6/altegio", false),
            ("http://localhost:3000", true),
            ("http://[::1]:8080/rc", true),
            ("api/ryze", true),
            ("/proxy/altegio", false),
            ("../api", false),
        ];
        for (url, sandbox) in fine {
            assert_eq!(base_url_problem(url, sandbox), None, "{url}");
        }
        let refused = [
            ("http://chat.example.com", false, "only for this machine"),
            ("http://127.0.0.1.evil.example", false, "only for this machine"),
            ("http://10.0.0.5", false, "only for this machine"),
            ("https://user:pass@chat.example.com", false, "user name or password"),
            ("https://chat.example.com/?token=x", false, "query or a fragment"),
            ("https://chat.example.com/#x", false, "query or a fragment"),
            ("//chat.example.com", false, "https: URL or a path"),
            ("javascript:alert(1)", false, "https: URL or a path"),
            ("ftp://chat.example.com", false, "https: URL or a path"),
            ("https://chat.example.com", true, "sandbox connection"),
            ("https://", false, "no host"),
        ];
        for (url, sandbox, expected) in refused {
            let problem = base_url_problem(url, sandbox).unwrap_or_default();
            assert!(problem.contains(expected), "{url}: {problem:?} should say {expected:?}");
        }
    }

    #[test]
    fn endpoint_joins_with_exactly_one_slash() {
        assert_eq!(endpoint("http://h/ryze/", "/api/x"), "http://h/ryze/api/x");
        assert_eq!(endpoint("/proxy/rc", "api/x"), "/proxy/rc/api/x");
    }
}
