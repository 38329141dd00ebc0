//! Per-connection state: the session, the list load, and the actions that change them.

mod last_activity;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::call::{CallError, Exchange};
use crate::api::error::Failure;
use crate::api::pacing::Pacer;
use crate::api::provider::{Completed, ListNote, ListProgress};
use crate::api::{Action, Connection, Credentials, Done, Session};
use crate::model::Integration;
use crate::state::{remember, typing};
use crate::time::{now_ms, sleep};

/// The least time between two updates of the list with completed cards: each update sorts and
/// filters every card again, which at 50,000 cards takes longer than a keystroke may.
const COMPLETED_UPDATE_EVERY_MS: f64 = 1000.0;

/// The longest an update with completed cards waits for the person to stop typing.
const COMPLETED_UPDATE_WAITS_FOR_TYPING_MS: f64 = 5000.0;

/// Whether the cards completed over the last `since_update_ms` go into the list now: once a
/// second, and while the person types only once they have waited the longest they may.
fn completed_update_due(since_update_ms: f64, typing: bool) -> bool {
    since_update_ms >= COMPLETED_UPDATE_EVERY_MS && (!typing || since_update_ms >= COMPLETED_UPDATE_WAITS_FOR_TYPING_MS)
}

/// How often a follow-up read looks again while removals wait.
const FOLLOW_UP_POLL_MS: f64 = 250.0;

/// Where a connection's list stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    NotConnected,
    /// Read so far, and the total where the platform tells it; `shown` keeps the previous
    /// list on screen (with each card's outcome) until the new one is complete.
    Loading {
        read: usize,
        total: Option<u64>,
        /// Seconds the list waits for the platform's rate limit before it goes on.
        waiting_secs: Option<u64>,
        shown: Vec<Arc<Integration>>,
    },
    /// Shared with the rows built from them: a list of thousands is kept once.
    Loaded(Vec<Arc<Integration>>),
    Failed(CallError),
}

impl Load {
    /// The cards on screen: the loaded list, or the previous one while reloading.
    pub fn shown(&self) -> &[Arc<Integration>] {
        match self {
            Load::Loaded(items) | Load::Loading { shown: items, .. } => items,
            Load::NotConnected | Load::Failed(_) => &[],
        }
    }

    pub fn is_loading(&self) -> bool {
        matches!(self, Load::Loading { .. })
    }
}

/// One connection's reactive state; `Copy`, so views can hold it freely.
#[derive(Clone, Copy)]
pub struct ConnectionState {
    pub connection: StoredValue<Connection, LocalStorage>,
    pub session: RwSignal<Option<Session>>,
    pub signing_in: RwSignal<bool>,
    pub sign_in_error: RwSignal<Option<CallError>>,
    pub load: RwSignal<Load>,
    /// What a person should know about the loaded list (it may be partial, say).
    pub notes: RwSignal<Vec<ListNote>>,
    /// The platform answered 401 mid-session: ask for credentials again, keep what is shown.
    pub needs_sign_in: RwSignal<bool>,
    /// Paces removals and follow-up calls under the platform's limit (or config's `rateLimit`).
    pub pacer: StoredValue<Pacer, LocalStorage>,
    /// Bumped by each list load and each sign-in or sign-out, so a list or a completion still
    /// running for an older one is dropped.
    generation: StoredValue<u64>,
    /// Keys removed this session: no follow-up call is made for them.
    removed: StoredValue<std::collections::HashSet<String>>,
    /// Removals waiting for their turn; follow-up reads give way to them.
    removals_waiting: StoredValue<u32>,
    /// Reads of last activity the platform keeps apart, on a pace of their own.
    activity_reads: last_activity::Reads,
}

/// Counts a removal as waiting for its turn while it lives.
pub struct RemovalWaiting(ConnectionState);

impl Drop for RemovalWaiting {
    fn drop(&mut self) {
        self.0.removals_waiting.update_value(|waiting| *waiting = waiting.saturating_sub(1));
    }
}

impl ConnectionState {
    pub fn new(connection: Connection) -> Self {
        Self {
            pacer: StoredValue::new_local(Pacer::new(connection.pace())),
            generation: StoredValue::new(0),
            removed: StoredValue::new(Default::default()),
            removals_waiting: StoredValue::new(0),
            activity_reads: last_activity::Reads::new(connection.pace()),
            connection: StoredValue::new_local(connection),
            session: RwSignal::new(None),
            signing_in: RwSignal::new(false),
            sign_in_error: RwSignal::new(None),
            load: RwSignal::new(Load::NotConnected),
            notes: RwSignal::new(Vec::new()),
            needs_sign_in: RwSignal::new(false),
        }
    }

    /// Picks up a session remembered in this tab, if the person asked for that earlier; a
    /// connection whose proxy adds the credentials signs in at once, as there is nothing to ask.
    fn restore(self) {
        if let Some(session) = remember::load(&self.id()) {
            self.session.set(Some(session));
            self.refresh();
        } else if self.connection.with_value(|c| c.credential_forms().is_empty()) {
            self.connect(Credentials::new(), false);
        }
    }

    /// Marks the session as rejected when a call answered 401.
    fn notice_rejection(self, error: &CallError) {
        if matches!(error.failure, Failure::Unauthorized { .. }) {
            self.needs_sign_in.set(true);
        }
    }

    pub fn id(&self) -> String {
        self.connection.with_value(|c| c.config.id.clone())
    }

    pub fn label(&self) -> String {
        self.connection.with_value(|c| c.config.label.clone())
    }

    /// Who acts now, as a person reads it: the connection and its sign-in.
    pub fn acting_as(self) -> String {
        let signed_in = self.session.with_untracked(|session| {
            session.as_ref().map(|session| self.connection.with_value(|c| c.signed_in_as(session)))
        });
        match signed_in {
            Some(who) => format!("{} · {who}", self.label()),
            None => self.label(),
        }
    }

    /// What the platform documents a disconnect does, for a confirmation.
    pub fn what_disconnect_does(&self) -> &'static str {
        self.connection.with_value(|c| c.what_disconnect_does())
    }

    /// Signs in, then loads the list; `remember` keeps the session in this tab's sessionStorage.
    pub fn connect(self, credentials: Credentials, remember: bool) {
        self.signing_in.set(true);
        self.sign_in_error.set(None);
        let connection = self.connection.get_value();
        spawn_local(async move {
            match connection.sign_in(credentials).await {
                Ok(session) => {
                    if remember {
                        remember::save(&self.id(), &session);
                    } else {
                        remember::forget(&self.id());
                    }
                    self.session.set(Some(session));
                    self.needs_sign_in.set(false);
                    self.refresh();
                }
                Err(error) => self.sign_in_error.set(Some(error)),
            }
            self.signing_in.set(false);
        });
    }

    /// Whatever runs for an older list or session stops writing.
    fn bump_generation(self) {
        self.generation.update_value(|generation| *generation += 1);
    }

    /// A new generation, and whether it is still the current one.
    fn next_generation(self) -> impl Fn() -> bool + Copy {
        self.bump_generation();
        let generation = self.generation.get_value();
        move || self.generation.get_value() == generation && self.session.with_untracked(Option::is_some)
    }

    /// Reloads the whole list, to its last page. A list that ends after a newer refresh, a
    /// sign-in or a sign-out is dropped.
    pub fn refresh(self) {
        let Some(session) = self.session.get_untracked() else { return };
        let connection = self.connection.get_value();
        let current = self.next_generation();
        let shown = self.load.with_untracked(|load| load.shown().to_vec());
        self.load.set(Load::Loading { read: 0, total: None, waiting_secs: None, shown: shown.clone() });
        spawn_local(async move {
            let progress = move |now: ListProgress| {
                if !current() {
                    return;
                }
                self.load.update(|load| {
                    if let Load::Loading { read, total, waiting_secs, .. } = load {
                        (*read, *waiting_secs) = (now.read, now.waiting_secs);
                        *total = now.total.or(*total);
                    }
                })
            };
            let result = connection.list(&session, &progress).await;
            if !current() {
                return;
            }
            let load = match result {
                Ok(mut listed) => {
                    let identity = connection.identity(&session);
                    let identity: Arc<str> = identity.into();
                    listed.items.iter_mut().for_each(|item| item.listed_by = identity.clone());
                    let items = shared(listed.items);
                    let pending = items.iter().filter(|item| connection.needs_completion(item)).cloned().collect();
                    self.notes.set(listed.notes);
                    // Read again for the new list, now that its session has proved good.
                    self.activity_reads.forget();
                    self.complete_later(connection.clone(), session.clone(), pending, current);
                    Load::Loaded(items)
                }
                // Keep the screen as it was; Connections asks for credentials again.
                Err(error) if matches!(error.failure, Failure::Unauthorized { .. }) && !shown.is_empty() => {
                    self.notice_rejection(&error);
                    Load::Loaded(shown)
                }
                Err(error) => {
                    self.notice_rejection(&error);
                    Load::Failed(error)
                }
            };
            self.load.set(load);
        });
    }

    /// Makes the follow-up read of every card that needs one, paced, and puts the answers into
    /// the list a few at a time. A newer load or a sign-out stops it; an answer that concerns
    /// the whole connection (its module off, its token refused) stops it and is shown for it.
    fn complete_later(
        self,
        connection: Connection,
        session: Session,
        pending: Vec<Arc<Integration>>,
        current: impl Fn() -> bool + Copy + 'static,
    ) {
        if pending.is_empty() {
            return;
        }
        spawn_local(async move {
            let mut batch = Vec::new();
            let mut last_update_ms = now_ms();
            for item in pending {
                self.wait_behind_removals().await;
                if !current() {
                    return;
                }
                let key = item.key();
                if self.removed.with_value(|removed| removed.contains(&key)) {
                    continue;
                }
                self.pacer.update_value(|pacer| {
                    pacer.record(now_ms());
                });
                match connection.complete(&session, Integration::clone(&item)).await {
                    Ok(completed) => batch.push((item.id.clone(), completed)),
                    Err(_) if !current() => return,
                    Err(error) if matches!(error.failure, Failure::Unauthorized { .. }) => {
                        self.notice_rejection(&error);
                        break;
                    }
                    Err(error) => {
                        self.load.set(Load::Failed(error));
                        return;
                    }
                }
                if completed_update_due(now_ms() - last_update_ms, typing::is_typing()) {
                    self.put_completed(std::mem::take(&mut batch));
                    last_update_ms = now_ms();
                }
            }
            if current() {
                self.put_completed(batch);
            }
        });
    }

    /// Replaces listed cards (by id: they are all this connection's) by their completed versions,
    /// and takes off those with nothing behind them, in one update of the list.
    fn put_completed(self, completed: Vec<(String, Completed)>) {
        if completed.is_empty() {
            return;
        }
        let mut by_id: std::collections::HashMap<String, Completed> = completed.into_iter().collect();
        self.load.update(|load| {
            if let Load::Loaded(items) = load {
                items.retain_mut(|item| match by_id.remove(item.id.as_str()) {
                    Some(Completed::Card(done)) => {
                        *item = Arc::new(Integration { listed_by: item.listed_by.clone(), ..*done });
                        true
                    }
                    Some(Completed::NoIntegration) => false,
                    None => true,
                });
            }
        });
    }

    /// Marks a removal as waiting until the returned guard is dropped.
    pub fn removal_waiting(self) -> RemovalWaiting {
        self.removals_waiting.update_value(|waiting| *waiting += 1);
        RemovalWaiting(self)
    }

    /// A follow-up read's turn: after every removal that waits, then as the pacer allows.
    async fn wait_behind_removals(self) {
        self.removals_done().await;
        paced(self.pacer).await;
    }

    /// Waits until no removal waits for its turn.
    async fn removals_done(self) {
        while self.removals_waiting.get_value() > 0 {
            sleep(FOLLOW_UP_POLL_MS).await;
        }
    }

    /// Forgets the session and its secret, here and in sessionStorage; where the platform
    /// has a session of its own (Rocket.Chat), it is logged out too.
    pub fn sign_out(self) {
        remember::forget(&self.id());
        self.needs_sign_in.set(false);
        self.bump_generation();
        self.activity_reads.forget();
        self.load.set(Load::NotConnected);
        self.notes.set(Vec::new());
        if let Some(session) = self.session.get_untracked() {
            self.session.set(None);
            let connection = self.connection.get_value();
            // A failed logout changes nothing here: the secret is already forgotten.
            spawn_local(async move {
                let _ = connection.sign_out(&session).await;
            });
        }
    }

    /// Runs one call that needs the session, noticing a 401 on the way.
    async fn with_session<T, F: Future<Output = Result<T, CallError>>>(
        self,
        run: impl FnOnce(Connection, Session) -> F,
    ) -> Result<T, CallError> {
        let Some(session) = self.session.get_untracked() else {
            return Err(CallError::before_sending(Failure::Unauthorized { status: 401, said: Default::default() }));
        };
        let result = run(self.connection.get_value(), session).await;
        if let Err(error) = &result {
            self.notice_rejection(error);
        }
        result
    }

    /// Signed in with credentials a person or host gave (not a proxy's, which hold nothing);
    /// tracked where read inside an effect.
    pub fn holds_secret(self) -> bool {
        self.session.with(Option::is_some) && self.connection.with_value(|c| !c.credential_forms().is_empty())
    }

    /// Who the connection acts as now; `None` when signed out.
    pub fn identity_now(self) -> Option<String> {
        let session = self.session.get_untracked()?;
        Some(self.connection.with_value(|c| c.identity(&session)))
    }

    /// Does `action` to one item now, counted by the pacer (a switch reads the record twice on
    /// one route, so it counts twice); a 429 holds the pacer for the wait the platform gave, or
    /// a backoff. A removal's answer tells the pacer the platform's rate-limit headers, where
    /// readable; a switch's does not (its calls go to two routes, which Rocket.Chat counts apart,
    /// so the log paces it). The bulk controller waits its turn first and settles it. Nothing is
    /// sent when the connection is no longer signed in as the identity that listed the item: the
    /// list is read again instead.
    pub async fn act(self, item: Integration, action: Action) -> Result<Done, CallError> {
        let key = item.key();
        // The pacer's number for the (last) request sent, if one was.
        let sent = std::cell::Cell::new(None);
        let sent = &sent;
        let result = self
            .with_session(|connection, session| async move {
                if *item.listed_by != *connection.identity(&session) {
                    return Err(CallError::before_sending(Failure::IdentityChanged));
                }
                let calls = if action == Action::Disconnect { 1 } else { 2 };
                sent.set(
                    self.pacer.try_update_value(|pacer| (0..calls).map(|_| pacer.record(now_ms())).last()).flatten(),
                );
                connection.act(&session, &item, action).await
            })
            .await;
        // Read the list again for the new sign-in, once, however many removals were refused.
        let loading = self.load.with_untracked(Load::is_loading);
        if matches!(&result, Err(CallError { failure: Failure::IdentityChanged, .. })) && !loading {
            self.refresh();
        }
        self.pacer.update_value(|pacer| {
            match &result {
                Err(CallError { failure: Failure::RateLimited { wait_secs, .. }, .. }) => {
                    pacer.rate_limited(now_ms(), *wait_secs, js_sys::Math::random());
                }
                Err(_) => {}
                Ok(_) => pacer.succeeded(),
            }
            // After the 429 is counted: a 429 met while following the headers distrusts them.
            if let Some(request) = sent.get() {
                let exchange = match &result {
                    Ok(done) => done.exchange(),
                    Err(error) => &error.exchange,
                };
                let headers = exchange.rate_limit.as_deref().copied().filter(|_| action == Action::Disconnect);
                pacer.answered(request, headers, now_ms());
            }
        });
        match &result {
            Ok(Done::Removed(_) | Done::AlreadyGone(_)) => self.removed.update_value(|removed| {
                removed.insert(key);
            }),
            Ok(Done::Switched { card, .. }) => self.replace_card(card),
            Err(_) => {}
        }
        result
    }

    /// Puts the card a switch returned in place of the listed one, keeping who listed it.
    fn replace_card(self, card: &Integration) {
        self.load.update(|load| {
            if let Load::Loaded(items) | Load::Loading { shown: items, .. } = load
                && let Some(item) = items.iter_mut().find(|item| item.key() == card.key())
            {
                *item = Arc::new(Integration { listed_by: item.listed_by.clone(), ..card.clone() });
            }
        });
    }

    /// What stops when an item whose full record is `record` is disconnected.
    pub fn impact(self, record: &[(String, String)]) -> Vec<(&'static str, String)> {
        self.connection.with_value(|c| c.impact(record))
    }

    /// Whether `item` can be turned off and on again here.
    pub fn can_switch(self, item: &Integration) -> bool {
        self.connection.with_value(|c| c.can_switch(item))
    }

    /// Loads one item's full record for the detail panel.
    pub async fn details(self, item: Integration) -> Result<(Vec<(String, String)>, Exchange), CallError> {
        self.with_session(|connection, session| async move { connection.details(&session, &item).await }).await
    }

    /// Takes disconnected cards off the screen.
    pub fn dismiss(self, keys: &std::collections::HashSet<String>) {
        self.load.update(|load| {
            if let Load::Loaded(items) = load {
                items.retain(|item| !keys.contains(&item.key()));
            }
        });
    }
}

/// Waits until `pacer` lets the next request go.
async fn paced(pacer: StoredValue<Pacer, LocalStorage>) {
    loop {
        let delay = pacer.with_value(|pacer| pacer.delay(now_ms()));
        if delay <= 0.0 {
            return;
        }
        sleep(delay).await;
    }
}

/// Every connection of the console, installed once at the root.
#[derive(Clone, Copy)]
pub struct Connections(pub StoredValue<Vec<ConnectionState>>);

impl Connections {
    pub fn find(&self, id: &str) -> Option<ConnectionState> {
        self.0.with_value(|all| all.iter().find(|state| state.id() == id).copied())
    }

    pub fn all(&self) -> Vec<ConnectionState> {
        self.0.get_value()
    }
}

/// A read list as its cards and rows share it. Collected in place, the pointers would keep the
/// buffer the items were read into (RyzeAPI's is sized for its wire instances), tens of times
/// the room they need, for as long as the list is shown: about 11 MB of wasm memory at 50,000
/// items, which never shrinks.
fn shared(items: Vec<Integration>) -> Vec<Arc<Integration>> {
    let mut shared: Vec<Arc<Integration>> = items.into_iter().map(Arc::new).collect();
    shared.shrink_to_fit();
    shared
}

pub fn provide_connections(connections: Vec<Connection>) -> Connections {
    let states = Connections(StoredValue::new(connections.into_iter().map(ConnectionState::new).collect()));
    provide_context(states);
    states.all().into_iter().for_each(ConnectionState::restore);
    states
}

pub fn expect_connections() -> Connections {
    expect_context::<Connections>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Platform;

    #[test]
    fn completed_cards_go_in_once_a_second_and_wait_for_a_pause_in_typing_up_to_five_seconds() {
        assert!(!completed_update_due(999.0, false));
        assert!(completed_update_due(1000.0, false));
        assert!(!completed_update_due(1000.0, true));
        assert!(!completed_update_due(4999.0, true));
        assert!(completed_update_due(5000.0, true));
    }

    #[test]
    fn a_shared_list_keeps_no_room_beyond_its_items() {
        let mut items = Vec::with_capacity(1_000);
        items.extend((0..10).map(|n| Integration::example("ryze", Platform::Ryze, &n.to_string(), "instance")));
        let shared = shared(items);
        assert_eq!(shared.len(), 10);
        assert!(shared.capacity() < 20, "room for {} pointers kept", shared.capacity());
    }
}
