//! Signing in to the sandbox's Rocket.Chat and calling it as that user.

use std::net::SocketAddr;

use serde_json::json;

use super::{Call, Reply, post_json};

/// The seeded admin session, valid without a login.
pub const ADMIN_ID: &str = "sandboxAdminUserId";
pub const ADMIN_TOKEN: &str = "sandbox-admin-auth-token";

/// Seeded integrations (top-level README, "The sandbox").
pub const GITHUB_ID: &str = "NBTm56xe8Rh5cF47X";
pub const GIPHY_ID: &str = "W4n6tfgvxNPpQibhw";
pub const TRANSLATE_ID: &str = "YLqSnQ3ZQCj9b5FuL";
pub const CRM_ID: &str = "AsHTTb7CYTfKAxXfK";
pub const DOCUMENTED_OUTGOING_ID: &str = "oNLthAt9RwMw39N2B";
/// Created by `manager`: one incoming, one outgoing (Standup reminder).
pub const MANAGER_INCOMING_ID: &str = "T5G4fzALWBe9gMfxo";
pub const MANAGER_OUTGOING_ID: &str = "Z6y7Kapn65rpMmgox";

pub struct Session {
    pub user_id: String,
    pub token: String,
}

pub fn admin() -> Session {
    Session { user_id: ADMIN_ID.to_owned(), token: ADMIN_TOKEN.to_owned() }
}

/// Signs in a seeded user, whose password is their name.
pub fn login(addr: SocketAddr, user: &str) -> Session {
    let body = json!({ "user": user, "password": user }).to_string();
    let reply = post_json(addr, "/rocketchat/api/v1/login", &body);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let data = &reply.json()["data"];
    Session {
        user_id: data["userId"].as_str().expect("userId").to_owned(),
        token: data["authToken"].as_str().expect("authToken").to_owned(),
    }
}

pub fn call(addr: SocketAddr, session: &Session, method: &str, path: &str, body: Option<&str>) -> Reply {
    let mut call =
        Call::new(addr, method, path).header("X-User-Id", &session.user_id).header("X-Auth-Token", &session.token);
    if let Some(body) = body {
        call = call.body(body);
    }
    call.send()
}
