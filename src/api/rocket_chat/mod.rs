//! Rocket.Chat: incoming and outgoing webhook integrations, listed in pages and removed one by
//! one, signed in with a password (and a second factor when the account has one) or with a
//! user id and personal access token.

pub mod client;
pub mod convert;
pub mod update;
pub mod wire;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::call::{CallError, Exchange};
use super::credentials::{CredentialField, CredentialForm, Credentials, FieldKind};
use super::error::Failure;
use super::list::{Paced, PageGuard};
use super::provider::{ListNote, ListProgress, Listed, Provider, Server};
use super::secret::Secret;
use crate::config::RateLimit;
use crate::i18n::{t, tf};
use crate::model::{Integration, Kind, LastActivity};
use client::Auth;
use wire::read_envelope;

/// The rate limiter's default: 10 calls per 60 s per client address, route and method
/// (contracts 2.6); users with `api-bypass-rate-limit` are exempt.
const PACE: RateLimit = RateLimit { requests: 10, per_ms: 60_000 };

const FORMS: &[CredentialForm] = &[
    CredentialForm {
        label: "Use a username and password instead",
        fields: &[
            CredentialField { key: "user", label: "Username", kind: FieldKind::Name },
            CredentialField { key: "password", label: "Password", kind: FieldKind::Secret },
            CredentialField { key: "code", label: "Code", kind: FieldKind::OneTimeCode },
        ],
    },
    CredentialForm {
        label: "Use a user ID and auth token instead",
        fields: &[
            CredentialField { key: "userId", label: "User ID", kind: FieldKind::Name },
            CredentialField { key: "authToken", label: "Auth token", kind: FieldKind::Secret },
        ],
    },
];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RocketChat;

/// A signed-in user. The field names are those "Remember in this tab" has always stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub user_id: String,
    #[serde(with = "super::secret::stored")]
    pub auth_token: Secret,
    pub username: String,
    /// `None` where `/api/info` did not answer; it is only shown.
    #[serde(default)]
    pub version: Option<String>,
    /// `None` where the server did not say.
    #[serde(default)]
    pub roles: Option<Vec<String>>,
}

impl Session {
    fn auth(&self) -> Auth<'_> {
        Auth { user_id: &self.user_id, token: &self.auth_token }
    }

    /// A user without the admin role may hold only `manage-own-*` permissions, and then sees
    /// only the integrations they created (contracts 2.4).
    fn may_see_only_own(&self) -> bool {
        self.roles.as_ref().is_some_and(|roles| !roles.iter().any(|role| role == "admin"))
    }
}

impl RocketChat {
    /// The server version, only to show; a server that hides `/api/info` still signs in.
    async fn version(&self, server: Server<'_>) -> Option<String> {
        let answer = server.call::<wire::Info>(client::info(server.base_url), read_envelope).await;
        answer.ok().map(|(info, _)| info.version)
    }
}

impl Provider for RocketChat {
    type Session = Session;

    fn credential_forms(&self) -> &'static [CredentialForm] {
        FORMS
    }

    fn demo_credentials(&self) -> Credentials {
        Credentials::new().with("user", "admin").with("password", "admin")
    }

    /// `totp-required` (no code yet) or `totp-invalid` (a wrong one).
    fn asks_second_factor(&self, failure: &Failure) -> bool {
        failure.said().is_some_and(|said| {
            [&said.error_type, &said.message]
                .into_iter()
                .flatten()
                .any(|text| text.contains("totp-required") || text.contains("totp-invalid"))
        })
    }

    fn default_pace(&self) -> RateLimit {
        PACE
    }

    fn what_disconnect_does(&self) -> &'static str {
        t("Rocket.Chat deletes the webhook integration; for an outgoing webhook, its history too.")
    }

    fn is_already_gone(failure: &Failure) -> bool {
        matches!(failure, Failure::Platform { status: 400, said } if said.message.as_deref() == Some("No integration found."))
    }

    /// The user: a new token of the same user is the same identity.
    fn identity(&self, session: &Session) -> String {
        format!("user {}", session.user_id)
    }

    fn signed_in_as(&self, session: &Session) -> String {
        match &session.version {
            Some(version) => format!("{} (Rocket.Chat {version})", session.username),
            None => tf("{user} (Rocket.Chat, version not told)", &[("user", &session.username)]),
        }
    }

    async fn sign_in(&self, server: Server<'_>, credentials: Credentials) -> Result<Session, CallError> {
        let version = self.version(server).await;
        if let (Some(user), Some(password)) = (credentials.text("user"), credentials.get("password")) {
            let code = credentials.text("code");
            let request = client::login(server.base_url, &user, password, code.as_deref());
            let (ok, _) = server.call::<wire::LoginOk>(request, read_envelope).await?;
            let wire::LoginData { user_id, auth_token, me } = ok.data;
            return Ok(Session {
                user_id,
                auth_token: Secret::new(auth_token),
                username: me.username,
                version,
                roles: me.roles,
            });
        }
        let (Some(user_id), Some(auth_token)) = (credentials.text("userId"), credentials.get("authToken").cloned())
        else {
            return Err(super::wrong_credentials("Rocket.Chat"));
        };
        // A user id and token are checked before anything is listed, and name the user.
        let request = client::me(server.base_url, Auth { user_id: &user_id, token: &auth_token });
        let (me, _) = server.call::<wire::Me>(request, read_envelope).await?;
        Ok(Session { user_id, auth_token, username: me.username, version, roles: me.roles })
    }

    async fn sign_out(&self, server: Server<'_>, session: &Session) -> Result<(), CallError> {
        let request = client::logout(server.base_url, session.auth());
        server.call::<wire::LogoutOk>(request, read_envelope).await.map(|_| ())
    }

    /// Pages by `offset` to `total`. A 429 waits for the time the message gives and goes on,
    /// then paces the remaining pages at the limiter's default. Items are kept once by id, so
    /// a server that ignores `offset` ends the list instead of filling it with copies.
    async fn list(
        &self,
        server: Server<'_>,
        session: &Session,
        progress: &dyn Fn(ListProgress),
    ) -> Result<Listed, CallError> {
        let connection_id = server.caller.connection_id;
        let mut listed = Listed::default();
        if session.may_see_only_own() {
            listed.notes.push(ListNote::MayBeOnlyOwn);
        }
        let mut seen = HashSet::new();
        let mut pages = PageGuard::default();
        let mut paced = Paced::after_rate_limit(PACE);
        loop {
            pages.count_one()?;
            let read = listed.items.len();
            let request = client::list(server.base_url, session.auth(), read as u64);
            let Some((page, exchange)) =
                paced.call::<wire::IntegrationsPage>(server, request, read_envelope, read, progress).await?
            else {
                continue;
            };
            let received = page.integrations.len();
            let fresh: Vec<Integration> = page
                .integrations
                .into_iter()
                .filter(|wire| seen.insert(wire.id.clone()))
                .map(|wire| convert::integration(connection_id, wire))
                .collect();
            let new = fresh.len();
            listed.items.extend(fresh);
            progress(ListProgress { read: listed.items.len(), total: Some(page.total), waiting_secs: None });
            if listed.items.len() as u64 >= page.total {
                return Ok(listed);
            }
            if received == 0 {
                return Err(super::list::cut_short(exchange, listed.items.len(), page.total));
            }
            if new == 0 {
                listed.notes.push(ListNote::PagingIgnored { listed: listed.items.len(), total: Some(page.total) });
                return Ok(listed);
            }
        }
    }

    async fn details(
        &self,
        server: Server<'_>,
        session: &Session,
        item: &Integration,
    ) -> Result<(Value, Exchange), CallError> {
        server.call::<Value>(client::get(server.base_url, session.auth(), &item.id), read_envelope).await
    }

    /// Where it posts or what it hears, where it calls, and its script (contracts 2.4).
    fn impact(&self, record: &[(String, String)]) -> Vec<(&'static str, String)> {
        let at = |path: &str| super::details::value_at(record, &format!("integration.{path}"));
        let script = at("scriptEnabled").map(|on| if on == "true" { t("on") } else { t("off") }.to_owned());
        [
            (t("Channels"), at("channel")),
            (t("Trigger words"), at("triggerWords")),
            (t("Target URLs"), at("urls")),
            (t("Script"), script),
        ]
        .into_iter()
        .filter_map(|(label, value)| Some((label, value?)))
        .collect()
    }

    fn can_switch(&self, item: &Integration) -> bool {
        matches!(item.kind, Kind::IncomingWebhook | Kind::OutgoingWebhook)
    }

    /// Reads the record, sends it back with only `enabled` changed, then reads it again and
    /// compares every field the update carried: a field the server did not keep is a failure.
    async fn switch(
        &self,
        server: Server<'_>,
        session: &Session,
        item: &Integration,
        enabled: bool,
    ) -> Result<(Integration, Exchange), CallError> {
        let read = || client::get(server.base_url, session.auth(), &item.id);
        let (held, read_exchange) = server.call::<wire::IntegrationOk>(read(), read_envelope).await?;
        let body = update::body(&held.integration, enabled).map_err(|detail| CallError {
            failure: Failure::UnexpectedShape { status: read_exchange.status.unwrap_or_default(), detail },
            exchange: read_exchange,
        })?;
        let request = client::update(server.base_url, session.auth(), &body);
        let (updated, exchange) = server.call::<wire::IntegrationOk>(request, read_envelope).await?;
        if !updated.success {
            return Err(super::list::not_success(exchange));
        }
        let (after, _) = server.call::<wire::IntegrationOk>(read(), read_envelope).await?;
        let mut not_kept = update::drifted(&body, &after.integration);
        if after.integration.get("enabled") != Some(&Value::Bool(enabled)) {
            not_kept.push("enabled".into());
        }
        let card = serde_json::from_value::<wire::WireIntegration>(after.integration);
        match (not_kept.is_empty(), card) {
            (true, Ok(card)) => Ok((convert::integration(&item.connection_id, card), exchange)),
            (false, _) => {
                let status = exchange.status.unwrap_or_default();
                Err(CallError { failure: Failure::NotKept { status, fields: not_kept }, exchange })
            }
            (true, Err(error)) => Err(CallError {
                failure: Failure::UnexpectedShape { status: 200, detail: error.to_string() },
                exchange,
            }),
        }
    }

    /// Only outgoing webhooks keep a history of runs.
    fn reads_last_activity(&self, item: &Integration) -> bool {
        item.kind == Kind::OutgoingWebhook
    }

    /// The newest run of `integrations.history`, a route of its own under the limiter.
    async fn last_activity(
        &self,
        server: Server<'_>,
        session: &Session,
        item: &Integration,
    ) -> Result<LastActivity, CallError> {
        let request = client::newest_run(server.base_url, session.auth(), &item.id);
        let (page, _) = server.call::<wire::HistoryPage>(request, read_envelope).await?;
        Ok(convert::last_activity(page))
    }

    /// Success is the 200 and `success: true`; the returned document is not needed.
    async fn disconnect(
        &self,
        server: Server<'_>,
        session: &Session,
        item: &Integration,
    ) -> Result<Exchange, CallError> {
        let request = client::remove(server.base_url, session.auth(), convert::wire_type(item.kind), &item.id);
        let (removed, exchange) = server.call::<wire::RemoveOk>(request, read_envelope).await?;
        if removed.success { Ok(exchange) } else { Err(super::list::not_success(exchange)) }
    }
}
