//! The `postMessage` protocol with a host page, as plain data: what comes in, what goes out,
//! and whose messages count.

use serde_json::{Value, json};

use super::theme::Theme;
use crate::api::{Action, Credentials};
use crate::i18n::Lang;
pub use crate::state::events::Event;

/// A message from the host that Unplug acts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostMessage {
    /// Sign a connection in with credentials the host already holds.
    Credentials {
        connection: String,
        credentials: Credentials,
    },
    /// `None`: follow the browser again.
    Theme(Option<Theme>),
    Lang(Lang),
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// Reads `{"type": "unplug:credentials" | "unplug:theme" | "unplug:lang", …}`; anything else is `None`.
/// Credentials are an object of strings, handed to the connection's provider as they are:
/// `{user, password, code?}` or `{userId, authToken}` for Rocket.Chat, `{token}` for RyzeAPI
/// and Altegio.
pub fn parse(data: &Value) -> Option<HostMessage> {
    match data.get("type")?.as_str()? {
        "unplug:credentials" => {
            let given = data.get("credentials")?.as_object()?;
            let credentials = given
                .iter()
                .filter_map(|(key, value)| Some((key, value.as_str()?)))
                .fold(Credentials::new(), |credentials, (key, value)| credentials.with(key.as_str(), value));
            if credentials.is_empty() {
                return None;
            }
            Some(HostMessage::Credentials { connection: text(data, "connection")?, credentials })
        }
        "unplug:theme" => Some(HostMessage::Theme(data.get("theme").and_then(Value::as_str).and_then(Theme::parse))),
        "unplug:lang" => data.get("lang").and_then(Value::as_str).and_then(Lang::parse).map(HostMessage::Lang),
        _ => None,
    }
}

/// Only listed origins are heard; `*` is never a valid entry.
pub fn is_allowed(origin: &str, allowed: &[String]) -> bool {
    origin != "null" && allowed.iter().any(|each| each == origin)
}

/// Where Unplug runs, which decides who its host is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Embedding {
    /// Mounted by `unplug.js` into a host page: the host is this very window.
    Script,
    /// In a frame (and not mounted by script): the host is the parent window.
    Frame,
    /// A top-level page of its own: there is no host, nothing is heard or posted.
    Alone,
}

/// A script mount wins over framing: a portal that is itself framed still mounts Unplug into
/// its own window.
pub fn embedding(hosted: bool, framed: bool) -> Embedding {
    match (hosted, framed) {
        (true, _) => Embedding::Script,
        (false, true) => Embedding::Frame,
        (false, false) => Embedding::Alone,
    }
}

/// `{"type": "unplug:event", "event": …}` with ids, platform and counts only, never a secret.
pub fn event_message(event: &Event) -> Value {
    match event {
        Event::Acted { action, ok, platform, connection, id } => {
            let name = match (action, ok) {
                (Action::Disconnect, true) => "integration.disconnected",
                (Action::Disconnect, false) => "integration.disconnect_failed",
                (Action::Disable, true) => "integration.disabled",
                (Action::Disable, false) => "integration.disable_failed",
                (Action::Enable, true) => "integration.enabled",
                (Action::Enable, false) => "integration.enable_failed",
            };
            json!({"type": "unplug:event", "event": name, "platform": platform.slug(), "connection": connection, "id": id})
        }
        Event::BulkFinished { action, total, done, failed } => {
            let mut message = json!({
                "type": "unplug:event", "event": "bulk.finished", "action": action.slug(),
                "total": total, "done": done, "failed": failed,
            });
            // Kept for hosts written before switches: the `done` of a Disconnect run.
            if *action == Action::Disconnect {
                message["removed"] = json!(done);
            }
            message
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Platform;

    #[test]
    fn reads_each_kind_of_credentials_and_the_theme() {
        let password =
            json!({"type": "unplug:credentials", "connection": "rc", "credentials": {"user": "a", "password": "p"}});
        let Some(HostMessage::Credentials { connection, credentials }) = parse(&password) else {
            panic!("credentials")
        };
        assert_eq!(connection, "rc");
        assert_eq!(
            (credentials.text("user").as_deref(), credentials.text("password").as_deref()),
            (Some("a"), Some("p"))
        );
        let token = json!({"type": "unplug:credentials", "connection": "ryze", "credentials": {"token": "t", "n": 1}});
        let Some(HostMessage::Credentials { credentials, .. }) = parse(&token) else { panic!("credentials") };
        assert_eq!(credentials, Credentials::new().with("token", "t"), "only strings are taken");
        assert_eq!(parse(&json!({"type": "unplug:credentials", "connection": "x", "credentials": "t"})), None);
        assert_eq!(
            parse(&json!({"type": "unplug:theme", "theme": "dark"})),
            Some(HostMessage::Theme(Some(Theme::Dark)))
        );
        assert_eq!(parse(&json!({"type": "unplug:theme", "theme": "system"})), Some(HostMessage::Theme(None)));
        assert_eq!(parse(&json!({"type": "unplug:lang", "lang": "pt-BR"})), Some(HostMessage::Lang(Lang::PtBr)));
        assert_eq!(parse(&json!({"type": "unplug:lang", "lang": "de"})), None);
    }

    #[test]
    fn ignores_what_is_not_ours_or_incomplete() {
        for data in [
            json!("hello"),
            json!({"type": "other"}),
            json!({"type": "unplug:credentials", "credentials": {"token": "t"}}),
            json!({"type": "unplug:credentials", "connection": "c", "credentials": {}}),
        ] {
            assert_eq!(parse(&data), None, "{data}");
        }
    }

    #[test]
    fn only_listed_origins_are_heard() {
        let allowed = vec!["https://portal.example".to_owned()];
        assert!(is_allowed("https://portal.example", &allowed));
        assert!(!is_allowed("https://evil.example", &allowed));
        assert!(!is_allowed("null", &["null".to_owned()]));
    }

    #[test]
    fn the_host_is_this_window_when_mounted_the_parent_when_framed_and_nobody_alone() {
        assert_eq!(embedding(true, false), Embedding::Script);
        assert_eq!(embedding(true, true), Embedding::Script, "a framed portal that mounts Unplug is still its host");
        assert_eq!(embedding(false, true), Embedding::Frame);
        assert_eq!(embedding(false, false), Embedding::Alone);
    }

    #[test]
    fn events_carry_ids_and_platform_only() {
        let event = Event::Acted {
            action: Action::Disconnect,
            ok: true,
            platform: Platform::Ryze,
            connection: "ryze-main".into(),
            id: "vendas".into(),
        };
        assert_eq!(
            event_message(&event),
            json!({"type": "unplug:event", "event": "integration.disconnected", "platform": "ryze", "connection": "ryze-main", "id": "vendas"})
        );
        let finished = Event::BulkFinished { action: Action::Disconnect, total: 3, done: 2, failed: 1 };
        assert_eq!(
            event_message(&finished),
            json!({"type": "unplug:event", "event": "bulk.finished", "action": "disconnect", "total": 3, "removed": 2, "done": 2, "failed": 1})
        );
        let disabled = Event::Acted {
            action: Action::Disable,
            ok: true,
            platform: Platform::Rocketchat,
            connection: "rc".into(),
            id: "x".into(),
        };
        assert_eq!(event_message(&disabled)["event"], "integration.disabled");
        let switched = Event::BulkFinished { action: Action::Enable, total: 2, done: 2, failed: 0 };
        assert_eq!(event_message(&switched)["action"], "enable");
        assert_eq!(event_message(&switched).get("removed"), None);
    }
}
