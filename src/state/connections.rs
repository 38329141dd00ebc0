//! Per-connection state: the session, the list load, and the actions that change them.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::call::{CallError, Exchange};
use crate::api::error::Failure;
use crate::api::{Connection, Credentials, Disconnected, Session};
use crate::bulk::pacing::{Pacer, default_limit};
use crate::model::Integration;
use crate::state::remember;
use crate::state::timer::{now_ms, sleep};

/// Cards completed between two updates of the list: each update re-filters every card.
const COMPLETED_PER_UPDATE: usize = 12;

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
        shown: Vec<Integration>,
    },
    Loaded(Vec<Integration>),
    Failed(CallError),
}

impl Load {
    /// The cards on screen: the loaded list, or the previous one while reloading.
    pub fn shown(&self) -> &[Integration] {
        match self {
            Load::Loaded(items) | Load::Loading { shown: items, .. } => items,
            Load::NotConnected | Load::Failed(_) => &[],
        }
    }
}

/// One connection's reactive state; `Copy`, so views can hold it freely.
#[derive(Clone, Copy)]
pub struct ConnectionState {
    pub connection: StoredValue<Connection>,
    pub session: RwSignal<Option<Session>>,
    pub signing_in: RwSignal<bool>,
    pub sign_in_error: RwSignal<Option<CallError>>,
    pub load: RwSignal<Load>,
    /// The platform answered 401 mid-session: ask for credentials again, keep what is shown.
    pub needs_sign_in: RwSignal<bool>,
    /// Paces removals and follow-up calls under the platform's limit (or config's `rateLimit`).
    pub pacer: StoredValue<Pacer, LocalStorage>,
    /// Bumped by each list load, so a completion still running for an older list stops.
    generation: StoredValue<u64>,
    /// Keys removed this session: no follow-up call is made for them.
    removed: StoredValue<std::collections::HashSet<String>>,
    /// Removals waiting for their turn; follow-up reads give way to them.
    removals_waiting: StoredValue<u32>,
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
        let limit = connection.config.rate_limit.unwrap_or_else(|| default_limit(connection.config.platform));
        Self {
            pacer: StoredValue::new_local(Pacer::new(limit)),
            generation: StoredValue::new(0),
            removed: StoredValue::new(Default::default()),
            removals_waiting: StoredValue::new(0),
            connection: StoredValue::new(connection),
            session: RwSignal::new(None),
            signing_in: RwSignal::new(false),
            sign_in_error: RwSignal::new(None),
            load: RwSignal::new(Load::NotConnected),
            needs_sign_in: RwSignal::new(false),
        }
    }

    /// Picks up a session remembered in this tab, if the person asked for that earlier.
    fn restore(self) {
        if let Some(session) = remember::load(&self.id()) {
            self.session.set(Some(session));
            self.refresh();
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

    /// Reloads the whole list, to its last page.
    pub fn refresh(self) {
        let Some(session) = self.session.get_untracked() else { return };
        let connection = self.connection.get_value();
        let shown = self.load.with_untracked(|load| load.shown().to_vec());
        self.load.set(Load::Loading { read: 0, total: None, shown: shown.clone() });
        spawn_local(async move {
            let progress = move |read, total| {
                self.load.update(|load| {
                    if let Load::Loading { read: was_read, total: was_total, .. } = load {
                        (*was_read, *was_total) = (read, total);
                    }
                })
            };
            let load = match connection.list(&session, &progress).await {
                Ok(items) => {
                    let pending = items.iter().filter(|item| connection.needs_completion(item)).cloned().collect();
                    self.complete_later(connection.clone(), session.clone(), pending);
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

    /// Makes the follow-up call of every card that needs one, paced, and puts the answers into
    /// the list a few at a time. A newer load or a sign-out stops it.
    fn complete_later(self, connection: Connection, session: Session, pending: Vec<Integration>) {
        self.generation.update_value(|generation| *generation += 1);
        let generation = self.generation.get_value();
        let current = move || self.generation.get_value() == generation && self.session.with_untracked(Option::is_some);
        if pending.is_empty() {
            return;
        }
        spawn_local(async move {
            let mut batch = Vec::new();
            for item in pending {
                self.wait_behind_removals().await;
                if !current() {
                    return;
                }
                if self.removed.with_value(|removed| removed.contains(&item.key())) {
                    continue;
                }
                self.pacer.update_value(|pacer| pacer.record(now_ms()));
                batch.push(connection.complete(&session, item).await);
                if batch.len() >= COMPLETED_PER_UPDATE {
                    self.put_completed(std::mem::take(&mut batch));
                }
            }
            if current() {
                self.put_completed(batch);
            }
        });
    }

    /// Replaces listed cards by their completed versions, in one update of the list.
    fn put_completed(self, completed: Vec<Integration>) {
        let mut by_key: std::collections::HashMap<String, Integration> =
            completed.into_iter().map(|item| (item.key(), item)).collect();
        self.load.update(|load| {
            if let Load::Loaded(items) = load {
                for item in items.iter_mut() {
                    if let Some(done) = by_key.remove(&item.key()) {
                        *item = done;
                    }
                }
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
        while self.removals_waiting.get_value() > 0 {
            sleep(FOLLOW_UP_POLL_MS).await;
        }
        self.paced().await;
    }

    /// A removal's turn: as the pacer allows, ahead of any follow-up read.
    pub async fn wait_turn(self) {
        let _waiting = self.removal_waiting();
        self.paced().await;
    }

    /// Waits until the pacer lets the next request go.
    async fn paced(self) {
        loop {
            let delay = self.pacer.with_value(|pacer| pacer.delay(now_ms()));
            if delay <= 0.0 {
                return;
            }
            sleep(delay).await;
        }
    }

    /// Forgets the session and its secret, here and in sessionStorage; Rocket.Chat also
    /// logs the token out.
    pub fn sign_out(self) {
        remember::forget(&self.id());
        self.needs_sign_in.set(false);
        self.load.set(Load::NotConnected);
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

    /// Disconnects one item now, counted by the pacer; a 429 holds the pacer for the wait the
    /// platform gave, or a backoff. The caller shows the outcome and decides whether to wait
    /// its turn first.
    pub async fn disconnect(self, item: Integration) -> Result<Disconnected, CallError> {
        self.pacer.update_value(|pacer| pacer.record(now_ms()));
        let key = item.key();
        let result =
            self.with_session(|connection, session| async move { connection.disconnect(&session, &item).await }).await;
        self.pacer.update_value(|pacer| match &result {
            Err(CallError { failure: Failure::RateLimited { wait_secs, .. }, .. }) => {
                pacer.rate_limited(now_ms(), *wait_secs, js_sys::Math::random());
            }
            Err(_) => {}
            Ok(_) => pacer.succeeded(),
        });
        if result.is_ok() {
            self.removed.update_value(|removed| {
                removed.insert(key);
            });
        }
        result
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

pub fn provide_connections(connections: Vec<Connection>) -> Connections {
    let states = Connections(StoredValue::new(connections.into_iter().map(ConnectionState::new).collect()));
    provide_context(states);
    states.all().into_iter().for_each(ConnectionState::restore);
    states
}

pub fn expect_connections() -> Connections {
    expect_context::<Connections>()
}
