//! RyzeAPI: the Chatwoot integration of each WhatsApp instance. The instance list may or may
//! not say which instances have one; where it does not, each instance's record is read.

pub mod client;
pub mod convert;
pub mod wire;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::call::{CallError, Exchange};
use super::credentials::{CredentialField, CredentialForm, Credentials, FieldKind, TokenSignIn};
use super::error::Failure;
use super::http::HttpRequest;
use super::provider::{Completed, ListProgress, Listed, Provider, Server};
use super::secret::Secret;
use crate::config::RateLimit;
use crate::i18n::{t, tf};
use crate::model::{Integration, NOT_READ_YET, UNREADABLE};
use wire::read_envelope;

/// 100 requests a minute per token (contracts 3.2).
const PACE: RateLimit = RateLimit { requests: 100, per_ms: 60_000 };

/// Instance names no account has, used to tell token kinds apart.
const PROBE_INSTANCES: [&str; 2] = ["unplug-probe-1", "unplug-probe-2"];

/// Every Chatwoot endpoint's answer while the module is off (contracts 3.4); older servers
/// append `(set BRIDGE_URL and BRIDGE_TOKEN)`, hence a prefix.
const MODULE_OFF: &str = "integration gateway not configured";

const TOKEN_FORM: &[CredentialForm] = &[CredentialForm {
    label: "Token",
    fields: &[CredentialField { key: "token", label: "Token", kind: FieldKind::Secret }],
}];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ryze {
    /// A same-origin proxy adds the token (`"auth": "proxy"`).
    pub proxied: bool,
}

impl Ryze {
    fn sign_in_by(&self) -> TokenSignIn {
        TokenSignIn { form: TOKEN_FORM, proxied: self.proxied }
    }
}

/// A signed-in token. The field names are those "Remember in this tab" has always stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    #[serde(with = "super::secret::stored::optional", default)]
    pub token: Option<Secret>,
    /// The one instance an instance token reaches; `None` for an account token.
    pub instance: Option<String>,
}

async fn call<T: serde::de::DeserializeOwned>(
    server: Server<'_>,
    request: HttpRequest,
) -> Result<(T, Exchange), CallError> {
    server.call::<T>(request, read_envelope).await
}

/// The instance an instance token owns, from what the probe listed; `None` for an account token.
fn instance_token_owner(listed: &[String]) -> Option<String> {
    match listed {
        [only] if !PROBE_INSTANCES.contains(&only.as_str()) => Some(only.clone()),
        _ => None,
    }
}

impl Provider for Ryze {
    type Session = Session;

    fn credential_forms(&self) -> &'static [CredentialForm] {
        self.sign_in_by().forms()
    }

    fn demo_credentials(&self) -> Credentials {
        Credentials::new().with("token", "sandbox-account-token")
    }

    fn default_pace(&self) -> RateLimit {
        PACE
    }

    fn what_disconnect_does(&self) -> &'static str {
        t(
            "RyzeAPI removes the Chatwoot link from the instance. Its documents disagree on whether the Chatwoot inbox survives, so do not count on either.",
        )
    }

    /// The Chatwoot inbox that stops receiving the instance's messages (contracts 3.4).
    fn impact(&self, record: &[(String, String)]) -> Vec<(&'static str, String)> {
        [
            (t("Chatwoot inbox"), "chatwoot_inbox_name"),
            (t("Chatwoot URL"), "chatwoot_base_url"),
            (t("Status"), "status"),
        ]
        .into_iter()
        .filter_map(|(label, path)| Some((label, super::details::value_at(record, path)?)))
        .collect()
    }

    fn is_already_gone(failure: &Failure) -> bool {
        matches!(failure, Failure::Platform { status: 404, said } if said.message.as_deref() == Some("no chatwoot integration to delete"))
    }

    /// A 503 `integration gateway not configured` is the Chatwoot module being off.
    fn refine_failure(failure: Failure) -> Failure {
        match failure {
            Failure::Platform { status: 503, said }
                if said.message.as_deref().is_some_and(|message| message.starts_with(MODULE_OFF)) =>
            {
                Failure::ModuleOff { status: 503, said }
            }
            failure => failure,
        }
    }

    /// The token (an account's and an instance's see different instances of one name); the
    /// proxy's, where it adds one.
    fn identity(&self, session: &Session) -> String {
        session.token.as_ref().map_or_else(|| "proxy".to_owned(), |token| format!("token {}", token.fingerprint()))
    }

    fn signed_in_as(&self, session: &Session) -> String {
        match (&session.instance, self.proxied) {
            (Some(name), _) => tf("an instance token for {name}", &[("name", name)]),
            (None, false) => t("an account token (every instance)").into(),
            (None, true) => t("the token this site's proxy adds").into(),
        }
    }

    /// Checks the token and learns its kind by listing instances no account has. Servers
    /// differ (contracts 3.5): an account token gets an empty list, a 404, or (the filter
    /// ignored) every instance; an instance token gets its own instance. So: a 404, nothing,
    /// or several instances is an account token; exactly one instance not asked for is an
    /// instance token's (or an account's only instance, which reaches the same).
    async fn sign_in(&self, server: Server<'_>, credentials: Credentials) -> Result<Session, CallError> {
        let token = self.sign_in_by().token(&credentials, "RyzeAPI")?;
        let request = client::list_named(server.base_url, token.as_ref(), &PROBE_INSTANCES);
        let names = match call::<wire::InstanceList>(server, request).await {
            Ok((list, _)) => list.instances.into_iter().map(|instance| instance.instance_name).collect(),
            Err(CallError { failure: Failure::Platform { status: 404, .. }, .. }) => Vec::new(),
            Err(error) => return Err(error),
        };
        Ok(Session { token, instance: instance_token_owner(&names) })
    }

    /// One call lists every instance; an instance whose summary does not settle whether it has
    /// a Chatwoot link gets a card that says its status is not read yet, read afterwards.
    /// Where no instance is linked, one cheap probe tells a module that is off (503) apart.
    async fn list(
        &self,
        server: Server<'_>,
        session: &Session,
        progress: &dyn Fn(ListProgress),
    ) -> Result<Listed, CallError> {
        let connection_id = server.caller.connection_id;
        let request = client::list_instances(server.base_url, session.token.as_ref());
        let (list, _) = call::<wire::InstanceList>(server, request).await?;
        let total = list.instances.len();
        let items: Vec<Integration> =
            list.instances.into_iter().filter_map(|instance| convert::integration(connection_id, instance)).collect();
        progress(ListProgress { read: items.len(), total: None, waiting_secs: None });
        if items.is_empty() && total > 0 {
            let probe = client::chatwoot_info(server.base_url, session.token.as_ref(), PROBE_INSTANCES[0]);
            if let Err(error) = call::<Value>(server, probe).await
                && matches!(error.failure, Failure::ModuleOff { .. } | Failure::Unauthorized { .. })
            {
                return Err(error);
            }
        }
        Ok(Listed { items, notes: Vec::new() })
    }

    fn needs_completion(&self, item: &Integration) -> bool {
        item.status_word == NOT_READ_YET
    }

    /// `GET /api/chatwoot/list/:instance`: 200 completes the card, 404 `no chatwoot
    /// integration for this instance` means there is none. The module off or the token
    /// refused concern the whole connection; anything else leaves the card "unknown".
    async fn complete(&self, server: Server<'_>, session: &Session, item: Integration) -> Result<Completed, CallError> {
        let request = client::chatwoot_info(server.base_url, session.token.as_ref(), &item.id);
        match call::<wire::ChatwootInfo>(server, request).await {
            Ok((info, _)) => Ok(Completed::Card(Box::new(convert::with_info(item, info)))),
            Err(CallError { failure: Failure::Platform { status: 404, said }, .. })
                if said.message.as_deref() == Some("no chatwoot integration for this instance") =>
            {
                Ok(Completed::NoIntegration)
            }
            Err(error) if matches!(error.failure, Failure::ModuleOff { .. } | Failure::Unauthorized { .. }) => {
                Err(error)
            }
            Err(_) => Ok(Completed::Card(Box::new(Integration { status_word: UNREADABLE.to_owned(), ..item }))),
        }
    }

    async fn details(
        &self,
        server: Server<'_>,
        session: &Session,
        item: &Integration,
    ) -> Result<(Value, Exchange), CallError> {
        call::<Value>(server, client::chatwoot_info(server.base_url, session.token.as_ref(), &item.id)).await
    }

    async fn disconnect(
        &self,
        server: Server<'_>,
        session: &Session,
        item: &Integration,
    ) -> Result<Exchange, CallError> {
        let request = client::delete_chatwoot(server.base_url, session.token.as_ref(), &item.id);
        call::<wire::Deactivated>(server, request).await.map(|(_, exchange)| exchange)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_kind_holds_for_every_answer_to_the_probe() {
        let names = |list: &[&str]| list.iter().map(|name| (*name).to_owned()).collect::<Vec<_>>();
        // An account token: nothing (unknown names ignored, or a 404), or every instance.
        assert_eq!(instance_token_owner(&[]), None);
        assert_eq!(instance_token_owner(&names(&["suporte", "vendas", "financeiro"])), None);
        // An instance token has the filter ignored and gets its own instance.
        assert_eq!(instance_token_owner(&names(&["suporte"])), Some("suporte".into()));
        // A server that answered the probe names themselves is not an instance token.
        assert_eq!(instance_token_owner(&names(&["unplug-probe-1"])), None);
    }

    #[test]
    fn a_gateway_not_configured_503_is_the_module_off() {
        let failure = |status, message: &str| Failure::Platform {
            status,
            said: crate::api::error::PlatformMessage { message: Some(message.into()), error_type: None },
        };
        let old_text = "integration gateway not configured (set BRIDGE_URL and BRIDGE_TOKEN)";
        assert!(matches!(Ryze::refine_failure(failure(503, old_text)), Failure::ModuleOff { status: 503, .. }));
        assert!(matches!(Ryze::refine_failure(failure(503, "instance not connected")), Failure::Platform { .. }));
        assert!(matches!(Ryze::refine_failure(failure(404, MODULE_OFF)), Failure::Platform { .. }));
    }
}
