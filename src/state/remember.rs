//! "Remember in this tab": a session kept in sessionStorage, only when the person opts in.
//! Nothing here ever touches localStorage; closing the tab forgets everything.

use serde::{Deserialize, Serialize};

use crate::api::Session;
use crate::api::rocket_chat::client::Auth;
use crate::state::secret::Secret;

/// The stored form of a [`Session`]; never logged, never rendered.
#[derive(Serialize, Deserialize)]
#[serde(tag = "platform", rename_all = "lowercase")]
enum Stored {
    Rocketchat { user_id: String, auth_token: String, username: String, version: String },
    Ryze { token: String, instance: Option<String> },
    Altegio { token: String, application_id: u64 },
}

impl From<&Session> for Stored {
    fn from(session: &Session) -> Self {
        match session {
            Session::RocketChat { auth, username, version } => Stored::Rocketchat {
                user_id: auth.user_id.clone(),
                auth_token: auth.token.expose().to_owned(),
                username: username.clone(),
                version: version.clone(),
            },
            Session::Ryze { token, instance } => {
                Stored::Ryze { token: token.expose().to_owned(), instance: instance.clone() }
            }
            Session::Altegio { token, application_id } => {
                Stored::Altegio { token: token.expose().to_owned(), application_id: *application_id }
            }
        }
    }
}

impl From<Stored> for Session {
    fn from(stored: Stored) -> Self {
        match stored {
            Stored::Rocketchat { user_id, auth_token, username, version } => {
                Session::RocketChat { auth: Auth { user_id, token: Secret::new(auth_token) }, username, version }
            }
            Stored::Ryze { token, instance } => Session::Ryze { token: Secret::new(token), instance },
            Stored::Altegio { token, application_id } => Session::Altegio { token: Secret::new(token), application_id },
        }
    }
}

fn key(connection_id: &str) -> String {
    format!("unplug.session.{connection_id}")
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// Encodes a session for storage (public for the round-trip test).
pub fn encode(session: &Session) -> String {
    serde_json::to_string(&Stored::from(session)).unwrap_or_default()
}

pub fn decode(text: &str) -> Option<Session> {
    serde_json::from_str::<Stored>(text).ok().map(Session::from)
}

pub fn save(connection_id: &str, session: &Session) {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(&key(connection_id), &encode(session));
    }
}

pub fn load(connection_id: &str) -> Option<Session> {
    decode(&session_storage()?.get_item(&key(connection_id)).ok()??)
}

pub fn forget(connection_id: &str) {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(&key(connection_id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_session_kind_round_trips() {
        let sessions = [
            Session::RocketChat {
                auth: Auth { user_id: "u".into(), token: Secret::new("t") },
                username: "admin".into(),
                version: "8.8.1".into(),
            },
            Session::Ryze { token: Secret::new("r"), instance: Some("suporte".into()) },
            Session::Altegio { token: Secret::new("a"), application_id: 7 },
        ];
        for session in sessions {
            assert_eq!(decode(&encode(&session)), Some(session));
        }
        assert_eq!(decode("{\"platform\":\"slack\"}"), None);
    }
}
