//! [`Connection`]: one configured connection, the thin front over its platform's provider.
//! Every match on the platform in the console is here, each arm one line that hands over.

use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::altegio::{self, Altegio};
use super::call::{AlreadyGone, CallError, CallLog, Caller, Exchange, Refine};
use super::credentials::{CredentialForm, Credentials};
use super::details;
use super::error::Failure;
use super::provider::{Completed, ListProgress, Listed, Provider, Server};
use super::rocket_chat::{self, RocketChat};
use super::ryze::{self, Ryze};
use crate::config::{AuthMode, ConnectionConfig, RateLimit};
use crate::model::{Integration, LastActivity, Platform};

/// The provider of a connection's platform, set up from its config.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AnyProvider {
    RocketChat(RocketChat),
    Ryze(Ryze),
    Altegio(Altegio),
}

/// A connection that is signed in: its provider's session. Stored as JSON (tagged with the
/// platform) only when a person asks to be remembered in the tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Session {
    Rocketchat(rocket_chat::Session),
    Ryze(ryze::Session),
    Altegio(altegio::Session),
}

// As `#[serde(tag = "platform", rename_all = "lowercase")]` would store it (the provider's
// fields and `"platform"`), but through a `serde_json::Value`: the derive's buffering of
// untyped content and its copies of the readers weigh about 5 KB of wasm gzip (issue 11).
impl Serialize for Session {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (platform, fields) = match self {
            Session::Rocketchat(session) => ("rocketchat", serde_json::to_value(session)),
            Session::Ryze(session) => ("ryze", serde_json::to_value(session)),
            Session::Altegio(session) => ("altegio", serde_json::to_value(session)),
        };
        let mut fields = fields.map_err(S::Error::custom)?;
        if let Value::Object(object) = &mut fields {
            object.insert("platform".into(), platform.into());
        }
        fields.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Session {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = Value::deserialize(deserializer)?;
        let platform =
            fields.get("platform").and_then(Value::as_str).ok_or_else(|| D::Error::missing_field("platform"))?;
        let session = match platform {
            "rocketchat" => serde_json::from_value(fields).map(Session::Rocketchat),
            "ryze" => serde_json::from_value(fields).map(Session::Ryze),
            "altegio" => serde_json::from_value(fields).map(Session::Altegio),
            other => return Err(D::Error::unknown_variant(other, &["rocketchat", "ryze", "altegio"])),
        };
        session.map_err(D::Error::custom)
    }
}

/// What a person asks of one integration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Disconnect,
    /// Turn it off, where the platform documents a switch (see `Connection::can_switch`).
    Disable,
    Enable,
}

impl Action {
    /// Its name in host events and receipts.
    pub fn slug(self) -> &'static str {
        match self {
            Action::Disconnect => "disconnect",
            Action::Disable => "disable",
            Action::Enable => "enable",
        }
    }
}

/// How an action ended when it did not fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Done {
    Removed(Exchange),
    /// The platform's documented "not found" after an earlier removal.
    AlreadyGone(Exchange),
    /// Turned off or on: the card as the platform now holds it.
    Switched {
        card: Box<Integration>,
        exchange: Exchange,
    },
}

impl Done {
    pub fn exchange(&self) -> &Exchange {
        match self {
            Done::Removed(exchange) | Done::AlreadyGone(exchange) | Done::Switched { exchange, .. } => exchange,
        }
    }
}

/// One configured connection and the calls it can make.
#[derive(Clone, Debug, PartialEq)]
pub struct Connection {
    pub config: ConnectionConfig,
    pub timeout_ms: u32,
    provider: AnyProvider,
    log: CallLog,
}

/// Runs `$body` with `$p` bound to the connection's provider.
macro_rules! each_provider {
    ($connection:expr, |$p:ident| $body:expr) => {
        match &$connection.provider {
            AnyProvider::RocketChat($p) => $body,
            AnyProvider::Ryze($p) => $body,
            AnyProvider::Altegio($p) => $body,
        }
    };
}

/// Runs `$body` with the provider and its own session; a session of another platform (never
/// made by the console itself) gives `$other`, by default a refusal.
macro_rules! with_session {
    ($connection:expr, $session:expr, |$p:ident, $s:ident| $body:expr) => {
        with_session!($connection, $session, |$p, $s| $body, else Err(CallError::before_sending(Failure::UnexpectedShape {
            status: 0,
            detail: "the session belongs to another platform".into(),
        })))
    };
    ($connection:expr, $session:expr, |$p:ident, $s:ident| $body:expr, else $other:expr) => {
        match (&$connection.provider, $session) {
            (AnyProvider::RocketChat($p), Session::Rocketchat($s)) => $body,
            (AnyProvider::Ryze($p), Session::Ryze($s)) => $body,
            (AnyProvider::Altegio($p), Session::Altegio($s)) => $body,
            _ => $other,
        }
    };
}

impl Connection {
    pub fn new(config: ConnectionConfig, timeout_ms: u32) -> Self {
        let proxied = config.auth == AuthMode::Proxy;
        let provider = match config.platform {
            Platform::Rocketchat => AnyProvider::RocketChat(RocketChat),
            Platform::Ryze => AnyProvider::Ryze(Ryze { proxied }),
            Platform::Altegio => {
                AnyProvider::Altegio(Altegio { application_id: config.application_id.unwrap_or_default(), proxied })
            }
        };
        Self { config, timeout_ms, provider, log: CallLog::default() }
    }

    /// The same connection, telling its calls to `log` (its mount's Activity).
    pub fn logging_to(self, log: CallLog) -> Self {
        Self { log, ..self }
    }

    fn server(&self) -> Server<'_> {
        let (already_gone, refine): (AlreadyGone, Refine) = match self.provider {
            AnyProvider::RocketChat(_) => (RocketChat::is_already_gone, RocketChat::refine_failure),
            AnyProvider::Ryze(_) => (Ryze::is_already_gone, Ryze::refine_failure),
            AnyProvider::Altegio(_) => (Altegio::is_already_gone, Altegio::refine_failure),
        };
        let caller = Caller {
            connection_id: &self.config.id,
            connection: &self.config.label,
            timeout_ms: self.timeout_ms,
            already_gone,
            refine,
            log: &self.log,
        };
        Server { base_url: &self.config.base_url, caller }
    }

    /// The ways a person can sign in; none where a proxy adds the credentials.
    pub fn credential_forms(&self) -> &'static [CredentialForm] {
        each_provider!(self, |p| p.credential_forms())
    }

    /// The sandbox's credentials, offered only for connections marked `sandbox`.
    pub fn demo_credentials(&self) -> Option<Credentials> {
        self.config.sandbox.then(|| each_provider!(self, |p| p.demo_credentials()))
    }

    pub fn asks_second_factor(&self, failure: &Failure) -> bool {
        each_provider!(self, |p| p.asks_second_factor(failure))
    }

    /// config.json's `rateLimit`, else the platform's published pace.
    pub fn pace(&self) -> RateLimit {
        self.config.rate_limit.unwrap_or_else(|| each_provider!(self, |p| p.default_pace()))
    }

    pub fn what_disconnect_does(&self) -> &'static str {
        each_provider!(self, |p| p.what_disconnect_does())
    }

    /// Who acts under `session`, to compare (never to show).
    pub fn identity(&self, session: &Session) -> String {
        with_session!(self, session, |p, s| p.identity(s), else String::new())
    }

    pub fn signed_in_as(&self, session: &Session) -> String {
        with_session!(self, session, |p, s| p.signed_in_as(s), else String::new())
    }

    /// Checks the credentials and returns a session.
    pub async fn sign_in(&self, credentials: Credentials) -> Result<Session, CallError> {
        let server = self.server();
        match &self.provider {
            AnyProvider::RocketChat(p) => p.sign_in(server, credentials).await.map(Session::Rocketchat),
            AnyProvider::Ryze(p) => p.sign_in(server, credentials).await.map(Session::Ryze),
            AnyProvider::Altegio(p) => p.sign_in(server, credentials).await.map(Session::Altegio),
        }
    }

    /// Ends the session on the platform where it has one; the caller forgets it either way.
    pub async fn sign_out(&self, session: &Session) -> Result<(), CallError> {
        with_session!(self, session, |p, s| p.sign_out(self.server(), s).await)
    }

    /// Every integration of the connection, read to the last page.
    pub async fn list(&self, session: &Session, progress: &dyn Fn(ListProgress)) -> Result<Listed, CallError> {
        with_session!(self, session, |p, s| p.list(self.server(), s, progress).await)
    }

    /// Whether a listed card still needs a read of its own; [`Connection::complete`] makes it.
    pub fn needs_completion(&self, item: &Integration) -> bool {
        each_provider!(self, |p| p.needs_completion(item))
    }

    pub async fn complete(&self, session: &Session, item: Integration) -> Result<Completed, CallError> {
        with_session!(self, session, |p, s| p.complete(self.server(), s, item).await)
    }

    /// Whether the item's last activity needs a read of its own; [`Connection::last_activity`] makes it.
    pub fn reads_last_activity(&self, item: &Integration) -> bool {
        each_provider!(self, |p| p.reads_last_activity(item))
    }

    pub async fn last_activity(&self, session: &Session, item: &Integration) -> Result<LastActivity, CallError> {
        with_session!(self, session, |p, s| p.last_activity(self.server(), s, item).await)
    }

    /// Every non-secret field of the platform's full record, for the detail panel.
    pub async fn details(
        &self,
        session: &Session,
        item: &Integration,
    ) -> Result<(Vec<(String, String)>, Exchange), CallError> {
        let (value, exchange) = with_session!(self, session, |p, s| p.details(self.server(), s, item).await)?;
        Ok((details::non_secret_fields(&value), exchange))
    }

    /// What stops when an item whose full record is `record` is disconnected.
    pub fn impact(&self, record: &[(String, String)]) -> Vec<(&'static str, String)> {
        each_provider!(self, |p| p.impact(record))
    }

    /// Whether `item` can be turned off and on again here (no button is offered otherwise).
    pub fn can_switch(&self, item: &Integration) -> bool {
        each_provider!(self, |p| p.can_switch(item))
    }

    /// Does `action` to `item`: the one entry for every action a person takes.
    pub async fn act(&self, session: &Session, item: &Integration, action: Action) -> Result<Done, CallError> {
        let enabled = match action {
            Action::Disconnect => return self.disconnect(session, item).await,
            Action::Disable => false,
            Action::Enable => true,
        };
        let (card, exchange) = with_session!(self, session, |p, s| p.switch(self.server(), s, item, enabled).await)?;
        Ok(Done::Switched { card: Box::new(card), exchange })
    }

    /// Removes one integration; the platform's documented "not found" reads as already gone.
    async fn disconnect(&self, session: &Session, item: &Integration) -> Result<Done, CallError> {
        let result = with_session!(self, session, |p, s| p.disconnect(self.server(), s, item).await);
        match result {
            Ok(exchange) => Ok(Done::Removed(exchange)),
            Err(error) if (self.server().caller.already_gone)(&error.failure) => Ok(Done::AlreadyGone(error.exchange)),
            Err(error) => Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::error::PlatformMessage;
    use crate::api::secret::Secret;
    use crate::config::Config;

    fn connection(platform: &str) -> Connection {
        let text = format!(
            r#"{{"connections":[{{"id":"c","platform":"{platform}","label":"C","baseUrl":"https://h","applicationId":1}}]}}"#
        );
        let config = Config::parse(&text).expect("valid config");
        Connection::new(config.connections[0].clone(), 1_000)
    }

    fn said(status: u16, message: Option<&str>) -> Failure {
        Failure::Platform { status, said: PlatformMessage { message: message.map(str::to_owned), error_type: None } }
    }

    #[test]
    fn each_platform_keeps_its_published_pace() {
        assert_eq!(connection("ryze").pace(), RateLimit { requests: 100, per_ms: 60_000 });
        assert_eq!(connection("rocketchat").pace(), RateLimit { requests: 10, per_ms: 60_000 });
        assert_eq!(connection("altegio").pace(), RateLimit { requests: 5, per_ms: 1_000 });
    }

    #[test]
    fn already_gone_is_each_platforms_documented_not_found() {
        let gone = |platform: &str, failure: &Failure| (connection(platform).server().caller.already_gone)(failure);
        assert!(gone("rocketchat", &said(400, Some("No integration found."))));
        assert!(gone("ryze", &said(404, Some("no chatwoot integration to delete"))));
        assert!(gone("altegio", &said(404, None)));
        assert!(!gone("rocketchat", &said(404, None)));
        assert!(!gone("ryze", &said(404, Some("instance not found"))));
        assert!(!gone("altegio", &said(404, Some("Not found"))));
    }

    #[test]
    fn sessions_store_as_the_tab_always_stored_them() {
        let rocket_chat = Session::Rocketchat(rocket_chat::Session {
            user_id: "u".into(),
            auth_token: Secret::new("t"),
            username: "admin".into(),
            version: Some("8.8.1".into()),
            roles: None,
        });
        let stored = serde_json::to_value(&rocket_chat).expect("serialises");
        assert_eq!(stored["platform"], "rocketchat");
        assert_eq!(stored["auth_token"], "t");
        let older = r#"{"platform":"altegio","token":"a","application_id":7}"#;
        let restored: Session = serde_json::from_str(older).expect("an older stored session still reads");
        assert_eq!(
            restored,
            Session::Altegio(altegio::Session { token: Some(Secret::new("a")), application_id: 7, page_base: None })
        );
    }
}
