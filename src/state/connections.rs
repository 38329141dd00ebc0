//! Per-connection state: the session, the list load, and the actions that change them.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::call::CallError;
use crate::api::error::Failure;
use crate::api::{Connection, Credentials, Disconnected, Session};
use crate::model::Integration;

/// Where a connection's list stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    NotConnected,
    Loading,
    Loaded(Vec<Integration>),
    Failed(CallError),
}

/// One connection's reactive state; `Copy`, so views can hold it freely.
#[derive(Clone, Copy)]
pub struct ConnectionState {
    pub connection: StoredValue<Connection>,
    pub session: RwSignal<Option<Session>>,
    pub signing_in: RwSignal<bool>,
    pub sign_in_error: RwSignal<Option<CallError>>,
    pub load: RwSignal<Load>,
}

impl ConnectionState {
    pub fn new(connection: Connection) -> Self {
        Self {
            connection: StoredValue::new(connection),
            session: RwSignal::new(None),
            signing_in: RwSignal::new(false),
            sign_in_error: RwSignal::new(None),
            load: RwSignal::new(Load::NotConnected),
        }
    }

    pub fn id(&self) -> String {
        self.connection.with_value(|c| c.config.id.clone())
    }

    pub fn label(&self) -> String {
        self.connection.with_value(|c| c.config.label.clone())
    }

    /// Signs in, then loads the list.
    pub fn connect(self, credentials: Credentials) {
        self.signing_in.set(true);
        self.sign_in_error.set(None);
        let connection = self.connection.get_value();
        spawn_local(async move {
            match connection.sign_in(credentials).await {
                Ok(session) => {
                    self.session.set(Some(session));
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
        self.load.set(Load::Loading);
        spawn_local(async move {
            let load = match connection.list(&session).await {
                Ok(items) => Load::Loaded(items),
                Err(error) => Load::Failed(error),
            };
            self.load.set(load);
        });
    }

    /// Forgets the session and its secret.
    pub fn sign_out(self) {
        self.session.set(None);
        self.load.set(Load::NotConnected);
    }

    /// Disconnects one item; the caller shows the outcome.
    pub async fn disconnect(self, item: Integration) -> Result<Disconnected, CallError> {
        let connection = self.connection.get_value();
        match self.session.get_untracked() {
            Some(session) => connection.disconnect(&session, &item).await,
            None => Err(CallError::before_sending(Failure::Unauthorized { status: 401, said: Default::default() })),
        }
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
    states
}

pub fn expect_connections() -> Connections {
    expect_context::<Connections>()
}
