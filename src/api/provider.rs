//! What every platform provides, behind one interface: each platform is one [`Provider`] in its
//! own module, owning everything in which the platforms differ, and [`super::Connection`]
//! reaches them through a closed enum (static dispatch, exhaustive matches, no boxing).

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::call::{CallError, Caller, Exchange, call};
use super::credentials::{CredentialForm, Credentials};
use super::decode::ReadEnvelope;
use super::error::Failure;
use super::http::{HttpRequest, Method};
use crate::config::{RateLimit, endpoint};
use crate::model::{Integration, LastActivity};

/// Where one connection's calls go, and who makes them.
#[derive(Clone, Copy, Debug)]
pub struct Server<'a> {
    pub base_url: &'a str,
    pub caller: Caller<'a>,
}

impl Server<'_> {
    /// A request to a documented path under the base URL.
    pub fn request(&self, method: Method, path: &str) -> HttpRequest {
        HttpRequest::new(method, endpoint(self.base_url, path))
    }

    /// Sends `request` and decodes the documented success into `T`.
    pub async fn call<T: DeserializeOwned>(
        &self,
        request: HttpRequest,
        read_envelope: ReadEnvelope,
    ) -> Result<(T, Exchange), CallError> {
        call(self.caller, request, read_envelope).await
    }
}

/// How far a list load is, for the connection's status strip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListProgress {
    pub read: usize,
    /// Where the platform tells it.
    pub total: Option<u64>,
    /// Seconds the list waits for the platform's rate limit before it goes on.
    pub waiting_secs: Option<u64>,
}

/// Something true of a whole list that a person should know when reading it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListNote {
    /// The signed-in user may see only what they created themselves.
    MayBeOnlyOwn,
    /// The server answered every page alike, ignoring the paging asked for: `listed` distinct
    /// items were found, of `total` where the platform told it.
    PagingIgnored { listed: usize, total: Option<u64> },
}

/// A whole list: its cards and what a person should know about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listed {
    pub items: Vec<Integration>,
    pub notes: Vec<ListNote>,
}

/// What a follow-up read of one card found.
#[derive(Clone, Debug, PartialEq)]
pub enum Completed {
    /// The card, with what the list did not carry filled in.
    Card(Box<Integration>),
    /// The platform says there is nothing to show for it (no integration behind the listing).
    NoIntegration,
}

/// One platform. Facts first (what a person types, how fast to go, what a removal does), then
/// the calls, each of which gets the connection's [`Server`] and the session it signed in.
#[allow(async_fn_in_trait)] // reason: reached only through the closed enum, never as `dyn` or across threads
pub trait Provider {
    /// What a signed-in connection holds; stored as JSON when a person asks to be remembered.
    type Session: Clone + std::fmt::Debug + PartialEq + Serialize + DeserializeOwned;

    /// The ways a person can sign in; empty where a proxy adds the credentials.
    fn credential_forms(&self) -> &'static [CredentialForm];

    /// The bundled sandbox's credentials, for its "Use demo credentials" button.
    fn demo_credentials(&self) -> Credentials;

    /// Whether a failed sign-in asks for a second factor (a one-time code).
    fn asks_second_factor(&self, _failure: &Failure) -> bool {
        false
    }

    /// The pace kept when config.json sets no `rateLimit`.
    fn default_pace(&self) -> RateLimit;

    /// What the platform documents a disconnect does, for the confirmation.
    fn what_disconnect_does(&self) -> &'static str;

    /// The documented answers to removing something that is no longer there.
    fn is_already_gone(failure: &Failure) -> bool;

    /// A failure the platform's documents give a meaning of its own (a module that is off).
    fn refine_failure(failure: Failure) -> Failure {
        failure
    }

    /// Who acts, as a value to compare and never to show: what lists and removes under one
    /// identity must not be removed under another.
    fn identity(&self, session: &Self::Session) -> String;

    /// Who is signed in, in words; never the secret.
    fn signed_in_as(&self, session: &Self::Session) -> String;

    async fn sign_in(&self, server: Server<'_>, credentials: Credentials) -> Result<Self::Session, CallError>;

    /// Ends the session on the platform where it has one; the caller forgets it either way.
    async fn sign_out(&self, _server: Server<'_>, _session: &Self::Session) -> Result<(), CallError> {
        Ok(())
    }

    /// Every integration, read to the last page.
    async fn list(
        &self,
        server: Server<'_>,
        session: &Self::Session,
        progress: &dyn Fn(ListProgress),
    ) -> Result<Listed, CallError>;

    /// Whether a listed card still needs a read of its own before it is complete.
    fn needs_completion(&self, _item: &Integration) -> bool {
        false
    }

    /// That read, made paced by the caller. An unreadable answer leaves the card saying so; an
    /// error is returned only where it concerns the whole connection.
    async fn complete(
        &self,
        _server: Server<'_>,
        _session: &Self::Session,
        item: Integration,
    ) -> Result<Completed, CallError> {
        Ok(Completed::Card(Box::new(item)))
    }

    /// Whether the item's last activity is kept apart and needs [`Provider::last_activity`];
    /// every other item's is decided when it is listed or completed.
    fn reads_last_activity(&self, _item: &Integration) -> bool {
        false
    }

    /// That read, made paced by the caller on a pace of its own: Rocket.Chat limits each
    /// route apart, so these reads never take a removal's turn.
    async fn last_activity(
        &self,
        _server: Server<'_>,
        _session: &Self::Session,
        item: &Integration,
    ) -> Result<LastActivity, CallError> {
        Ok(item.last_activity.clone())
    }

    /// The platform's full record of one integration, for the detail panel.
    async fn details(
        &self,
        server: Server<'_>,
        session: &Self::Session,
        item: &Integration,
    ) -> Result<(Value, Exchange), CallError>;

    /// What stops when `item` is disconnected, picked from its full record's non-secret
    /// fields (as [`Provider::details`] reads them, flattened to `path: value`): the lines of
    /// the Disconnect dialog's impact, each label in the current language.
    fn impact(&self, _record: &[(String, String)]) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// Whether the platform documents a switch that turns `item` off and on again, short of
    /// removing it. Where it does not, no Disable or Enable is offered (not a greyed one).
    fn can_switch(&self, _item: &Integration) -> bool {
        false
    }

    /// Turns `item` off (`enabled: false`) or on, and returns its card as the platform then
    /// holds it. Only called where [`Provider::can_switch`] said yes.
    async fn switch(
        &self,
        _server: Server<'_>,
        _session: &Self::Session,
        _item: &Integration,
        _enabled: bool,
    ) -> Result<(Integration, Exchange), CallError> {
        Err(CallError::before_sending(Failure::UnexpectedShape {
            status: 0,
            detail: "the platform documents no switch for this integration".into(),
        }))
    }

    /// Removes one integration with exactly the documented request.
    async fn disconnect(
        &self,
        server: Server<'_>,
        session: &Self::Session,
        item: &Integration,
    ) -> Result<Exchange, CallError>;
}
