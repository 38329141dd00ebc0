//! Altegio marketplace: the locations (salons) an app is connected to, listed in pages, each
//! with a status read of its own, and uninstalled one by one with the partner token.

pub mod client;
pub mod convert;
pub mod wire;

use std::collections::HashSet;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::call::{CallError, Exchange};
use super::credentials::{CredentialField, CredentialForm, Credentials, FieldKind, TokenSignIn};
use super::error::Failure;
use super::http::HttpRequest;
use super::list::PageGuard;
use super::provider::{Completed, ListNote, ListProgress, Listed, Provider, Server};
use super::secret::Secret;
use crate::config::RateLimit;
use crate::i18n::{t, tf};
use crate::model::{Integration, NOT_READ_YET};
use wire::{Envelope, read_envelope};

/// Altegio publishes no limit: YCLIENTS' published 5 per second.
const PACE: RateLimit = RateLimit { requests: 5, per_ms: 1_000 };

const TOKEN_FORM: &[CredentialForm] = &[CredentialForm {
    label: "Partner token",
    fields: &[CredentialField { key: "token", label: "Partner token", kind: FieldKind::Secret }],
}];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Altegio {
    pub application_id: u64,
    /// A same-origin proxy adds the partner token (`"auth": "proxy"`).
    pub proxied: bool,
}

/// A signed-in partner token. The field names are those "Remember in this tab" has always
/// stored; `page_base` came later, and a session without it finds it out again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    #[serde(with = "super::secret::stored::optional", default)]
    pub token: Option<Secret>,
    pub application_id: u64,
    /// The number of the location list's first page on this server: 0 or 1.
    #[serde(default)]
    pub page_base: Option<u64>,
}

/// Decodes Altegio's envelope; `success: false` is no success whatever the status.
async fn call<T: DeserializeOwned>(server: Server<'_>, request: HttpRequest) -> Result<(T, Exchange), CallError> {
    let (envelope, exchange) = server.call::<Envelope<T>>(request, read_envelope).await?;
    if envelope.success { Ok((envelope.data, exchange)) } else { Err(super::list::not_success(exchange)) }
}

impl Altegio {
    fn sign_in_by(&self) -> TokenSignIn {
        TokenSignIn { form: TOKEN_FORM, proxied: self.proxied }
    }

    async fn salons(
        &self,
        server: Server<'_>,
        token: Option<&Secret>,
        page: u64,
        count: u64,
    ) -> Result<(Vec<wire::Salon>, Exchange), CallError> {
        call(server, client::list_salons(server.base_url, token, self.application_id, page, count)).await
    }

    /// Whether the location list counts pages from 0 or from 1 (UNCONFIRMED: the docs' sample
    /// asks for page 0, the vendor's tool starts at 1). Pages 0 and 1 of one location each:
    /// a server counting from 1 answers page 0 as page 1 (the same location) or with nothing;
    /// one counting from 0 gives two different locations, or one and then nothing. This also
    /// checks the token.
    async fn page_base(&self, server: Server<'_>, token: Option<&Secret>) -> Result<u64, CallError> {
        let ids = |salons: Vec<wire::Salon>| salons.into_iter().map(|salon| salon.id).collect::<Vec<_>>();
        let first = ids(self.salons(server, token, 0, 1).await?.0);
        let second = ids(self.salons(server, token, 1, 1).await?.0);
        Ok(page_base_of(&first, &second))
    }
}

/// The first page's number, from what pages 0 and 1 (one location each) answered.
fn page_base_of(page_zero: &[u64], page_one: &[u64]) -> u64 {
    if page_zero.is_empty() || page_zero == page_one { 1 } else { 0 }
}

impl Provider for Altegio {
    type Session = Session;

    fn credential_forms(&self) -> &'static [CredentialForm] {
        self.sign_in_by().forms()
    }

    fn demo_credentials(&self) -> Credentials {
        Credentials::new().with("token", "sandbox-partner-token")
    }

    fn default_pace(&self) -> RateLimit {
        PACE
    }

    fn what_disconnect_does(&self) -> &'static str {
        t(
            "The location loses the app's API access and its webhooks, and Altegio documents this disable webhook to the app's Callback URL:",
        )
    }

    /// Our choice where Altegio is silent: a 404 with no message after an uninstall.
    /// The connection's status and what was paid (contracts 1.4: `payments[].period_to`; no
    /// time zone is stated). The disable webhook's payload the dialog shows from the card.
    fn impact(&self, record: &[(String, String)]) -> Vec<(&'static str, String)> {
        let mut lines = Vec::new();
        if let Some(status) = super::details::value_at(record, "data.connection_status.status") {
            lines.push((t("Connection status"), status));
        }
        let paid_to = super::details::values_in(record, "data.payments", "period_to");
        // `YYYY-MM-DD HH:MM:SS` sorts as text.
        if let Some(until) = paid_to.iter().max() {
            lines.push((t("Paid until"), format!("{until} {}", t("(time zone not stated)"))));
        }
        lines.push((t("Payments"), paid_to.len().to_string()));
        lines
    }

    fn is_already_gone(failure: &Failure) -> bool {
        matches!(failure, Failure::Platform { status: 404, said } if said.message.is_none())
    }

    /// The partner token, or the proxy's, for the application.
    fn identity(&self, session: &Session) -> String {
        let token = session.token.as_ref().map_or_else(|| "proxy".to_owned(), Secret::fingerprint);
        format!("application {} token {token}", session.application_id)
    }

    fn signed_in_as(&self, session: &Session) -> String {
        tf("Application {id}", &[("id", &session.application_id)])
    }

    async fn sign_in(&self, server: Server<'_>, credentials: Credentials) -> Result<Session, CallError> {
        let token = self.sign_in_by().token(&credentials, "Altegio")?;
        let page_base = self.page_base(server, token.as_ref()).await?;
        Ok(Session { token, application_id: self.application_id, page_base: Some(page_base) })
    }

    /// Pages from the server's first page until one is short. Locations are kept once by id,
    /// so a server that ignores `page` ends the list instead of repeating it.
    async fn list(
        &self,
        server: Server<'_>,
        session: &Session,
        progress: &dyn Fn(ListProgress),
    ) -> Result<Listed, CallError> {
        let connection_id = server.caller.connection_id;
        let token = session.token.as_ref();
        let first_page = match session.page_base {
            Some(base) => base,
            None => self.page_base(server, token).await?,
        };
        let mut listed = Listed::default();
        let mut seen = HashSet::new();
        let mut pages = PageGuard::default();
        for page in first_page.. {
            pages.count_one()?;
            let (salons, _) = self.salons(server, token, page, client::PAGE_SIZE).await?;
            let last_page = (salons.len() as u64) < client::PAGE_SIZE;
            let before = listed.items.len();
            listed.items.extend(
                salons
                    .into_iter()
                    .filter(|salon| seen.insert(salon.id))
                    .map(|salon| convert::integration(connection_id, self.application_id, salon)),
            );
            progress(ListProgress { read: listed.items.len(), total: None, waiting_secs: None });
            if last_page {
                break;
            }
            if listed.items.len() == before {
                listed.notes.push(ListNote::PagingIgnored { listed: before, total: None });
                break;
            }
        }
        Ok(listed)
    }

    fn needs_completion(&self, item: &Integration) -> bool {
        item.status_word == NOT_READ_YET
    }

    /// The location's status. A refused token concerns the whole connection; any other
    /// failure leaves the card "unknown" (the call still shows in Activity).
    async fn complete(&self, server: Server<'_>, session: &Session, item: Integration) -> Result<Completed, CallError> {
        let request = client::status(server.base_url, session.token.as_ref(), &item.id, self.application_id);
        match call::<wire::IntegrationStatus>(server, request).await {
            Ok((status, _)) => {
                let mut card = convert::with_status(item, Some(status.connection_status));
                card.last_activity = convert::last_status_change(status.logs);
                Ok(Completed::Card(Box::new(card)))
            }
            Err(error) if matches!(error.failure, Failure::Unauthorized { .. }) => Err(error),
            Err(_) => Ok(Completed::Card(Box::new(convert::with_status(item, None)))),
        }
    }

    async fn details(
        &self,
        server: Server<'_>,
        session: &Session,
        item: &Integration,
    ) -> Result<(Value, Exchange), CallError> {
        let request = client::status(server.base_url, session.token.as_ref(), &item.id, self.application_id);
        server.call::<Value>(request, read_envelope).await
    }

    async fn disconnect(
        &self,
        server: Server<'_>,
        session: &Session,
        item: &Integration,
    ) -> Result<Exchange, CallError> {
        let request = client::uninstall(server.base_url, session.token.as_ref(), &item.id, self.application_id);
        call::<Value>(server, request).await.map(|(_, exchange)| exchange)
    }
}

#[cfg(test)]
mod tests {
    use super::page_base_of;

    #[test]
    fn the_page_base_is_told_by_pages_zero_and_one() {
        // Counting from 1: page 0 reads as page 1, or is empty.
        assert_eq!(page_base_of(&[1050], &[1050]), 1);
        assert_eq!(page_base_of(&[], &[1050]), 1);
        // Counting from 0: two different locations, or one and then the end.
        assert_eq!(page_base_of(&[1050], &[1051]), 0);
        assert_eq!(page_base_of(&[1050], &[]), 0);
        // No location at all: either base lists nothing.
        assert_eq!(page_base_of(&[], &[]), 1);
    }
}
