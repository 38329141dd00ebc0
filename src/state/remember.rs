//! "Remember in this tab": a session kept in sessionStorage, only when the person opts in.
//! Nothing here ever touches localStorage; closing the tab forgets everything.

use crate::api::Session;

fn key(connection_id: &str) -> String {
    format!("unplug.session.{connection_id}")
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// Encodes a session for storage (public for the round-trip test): each provider's session,
/// tagged with its platform.
pub fn encode(session: &Session) -> String {
    serde_json::to_string(session).unwrap_or_default()
}

pub fn decode(text: &str) -> Option<Session> {
    serde_json::from_str(text).ok()
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
    use crate::api::secret::Secret;
    use crate::api::{altegio, rocket_chat, ryze};

    #[test]
    fn every_session_kind_round_trips() {
        let sessions = [
            Session::Rocketchat(rocket_chat::Session {
                user_id: "u".into(),
                auth_token: Secret::new("t"),
                username: "admin".into(),
                version: Some("8.8.1".into()),
                roles: Some(vec!["admin".into()]),
            }),
            Session::Ryze(ryze::Session { token: Some(Secret::new("r")), instance: Some("suporte".into()) }),
            Session::Ryze(ryze::Session { token: None, instance: None }),
            Session::Altegio(altegio::Session { token: Some(Secret::new("a")), application_id: 7, page_base: Some(0) }),
        ];
        for session in sessions {
            assert_eq!(decode(&encode(&session)), Some(session));
        }
        assert_eq!(decode("{\"platform\":\"slack\"}"), None);
    }
}
