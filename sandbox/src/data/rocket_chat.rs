//! Rocket.Chat users, sessions, integrations and outgoing-integration history.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::clock;
use crate::ids::{SplitMix, seeded_by};

mod history;

pub use history::Activity;

pub const MANAGE_INCOMING: &str = "manage-incoming-integrations";
pub const MANAGE_OWN_INCOMING: &str = "manage-own-incoming-integrations";
pub const MANAGE_OUTGOING: &str = "manage-outgoing-integrations";
pub const MANAGE_OWN_OUTGOING: &str = "manage-own-outgoing-integrations";
pub const BYPASS_RATE_LIMIT: &str = "api-bypass-rate-limit";

/// Accepted without a login, so the console's token path can be tried at once.
pub const ADMIN_USER_ID: &str = "sandboxAdminUserId";
pub const ADMIN_AUTH_TOKEN: &str = "sandbox-admin-auth-token";

#[derive(Debug)]
pub struct User {
    pub id: &'static str,
    pub username: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub roles: &'static [&'static str],
    pub permissions: &'static [&'static str],
    /// The code this user's two-factor login wants, if it has 2FA on.
    pub two_factor_code: Option<&'static str>,
}

impl User {
    pub fn can(&self, permission: &str) -> bool {
        self.permissions.contains(&permission)
    }

    pub fn by_id(id: &str) -> Option<&'static Self> {
        USERS.iter().find(|user| user.id == id)
    }
}

/// What an admin holds by default here: every manage permission, and no rate limit.
const ADMIN_PERMISSIONS: &[&str] =
    &[MANAGE_INCOMING, MANAGE_OWN_INCOMING, MANAGE_OUTGOING, MANAGE_OWN_OUTGOING, BYPASS_RATE_LIMIT];

pub static USERS: [User; 5] = [
    User {
        id: ADMIN_USER_ID,
        username: "admin",
        name: "Sandbox Admin",
        email: "admin@sandbox.local",
        password: "admin",
        roles: &["admin"],
        permissions: ADMIN_PERMISSIONS,
        two_factor_code: None,
    },
    User {
        id: "sandboxManagerUserId",
        username: "manager",
        name: "Integration Manager",
        email: "manager@sandbox.local",
        password: "manager",
        roles: &["user"],
        permissions: &[MANAGE_OWN_INCOMING, MANAGE_OWN_OUTGOING],
        two_factor_code: None,
    },
    User {
        id: "sandboxViewerUserId",
        username: "viewer",
        name: "Read Only",
        email: "viewer@sandbox.local",
        password: "viewer",
        roles: &["user"],
        permissions: &[],
        two_factor_code: None,
    },
    // Holds incoming permissions only, the one way to meet `not_authorized` (contracts 2.3).
    User {
        id: "sandboxInboundUserId",
        username: "inbound",
        name: "Incoming Only",
        email: "inbound@sandbox.local",
        password: "inbound",
        roles: &["user"],
        permissions: &[MANAGE_INCOMING],
        two_factor_code: None,
    },
    // Has two-factor login on: a password alone gets `totp-required`, then the code signs in.
    User {
        id: "sandboxTwoFactorUserId",
        username: "twofactor",
        name: "Two Factor Admin",
        email: "twofactor@sandbox.local",
        password: "twofactor",
        roles: &["admin"],
        permissions: ADMIN_PERMISSIONS,
        two_factor_code: Some(TWO_FACTOR_CODE),
    },
];

/// The fixed one-time code of the `twofactor` user.
pub const TWO_FACTOR_CODE: &str = "123456";

const ADMIN: &User = &USERS[0];
const MANAGER: &User = &USERS[1];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Incoming,
    Outgoing,
}

impl Direction {
    pub fn type_name(self) -> &'static str {
        match self {
            Self::Incoming => "webhook-incoming",
            Self::Outgoing => "webhook-outgoing",
        }
    }

    pub fn of(integration: &Value) -> Option<Self> {
        match integration["type"].as_str()? {
            "webhook-incoming" => Some(Self::Incoming),
            "webhook-outgoing" => Some(Self::Outgoing),
            _ => None,
        }
    }

    pub fn manage_all(self) -> &'static str {
        match self {
            Self::Incoming => MANAGE_INCOMING,
            Self::Outgoing => MANAGE_OUTGOING,
        }
    }

    pub fn manage_own(self) -> &'static str {
        match self {
            Self::Incoming => MANAGE_OWN_INCOMING,
            Self::Outgoing => MANAGE_OWN_OUTGOING,
        }
    }
}

#[derive(Debug)]
pub struct Store {
    /// Whole documents, as the server keeps them: removal answers with the deleted document.
    pub integrations: Vec<Value>,
    /// Outgoing-integration runs by integration `_id`; removed with the integration.
    pub history: HashMap<String, Vec<Value>>,
    /// Auth token to user id.
    pub sessions: HashMap<String, &'static str>,
}

/// The remove-200 example of the docs is kept as one of the stored documents, so removing it
/// answers the documented bytes.
const DOCUMENTED_OUTGOING: &str = fixture!("rocketchat/remove_ok_outgoing.json");

impl Store {
    pub fn defaults() -> Self {
        let specs = [
            Spec {
                id: "NBTm56xe8Rh5cF47X",
                name: "GitHub pushes",
                channel: "#dev",
                created_at: "2025-03-14T09:12:44.318Z",
                alias: "GitHub",
                emoji: ":octocat:",
                script: GITHUB_SCRIPT,
                ..INCOMING
            },
            Spec {
                id: "W6H7fX5xg9Gkkh5gh",
                name: "Jira issue updates",
                channel: "#support",
                created_at: "2025-05-02T14:03:10.552Z",
                alias: "Jira",
                ..INCOMING
            },
            Spec {
                id: "T5G4fzALWBe9gMfxo",
                name: "Grafana alerts",
                channel: "#ops",
                created_at: "2025-08-19T07:45:31.004Z",
                creator: MANAGER,
                alias: "Grafana",
                emoji: ":chart_with_upwards_trend:",
                ..INCOMING
            },
            Spec {
                id: "D8hgkER8fq6g5jFbo",
                name: "Zabbix monitoring",
                channel: "#ops",
                created_at: "2024-11-05T22:10:05.777Z",
                enabled: false,
                alias: "Zabbix",
                ..INCOMING
            },
            Spec {
                id: "eXuNZhZRMHvDpuH7g",
                name: "Website contact form",
                channel: "#sales",
                created_at: "2025-10-27T11:30:00.120Z",
                emoji: ":envelope:",
                ..INCOMING
            },
            Spec {
                id: "MdbPrYLi69cWCtPBb",
                name: "Sentry errors",
                channel: "#dev",
                created_at: "2025-12-01T16:20:45.901Z",
                alias: "Sentry",
                ..INCOMING
            },
            Spec {
                id: "W4n6tfgvxNPpQibhw",
                name: "Giphy bot",
                channel: "#random",
                created_at: "2025-02-11T10:00:12.450Z",
                url: "https://giphy-bot.example.com/rocketchat",
                trigger_word: "!gif",
                activity: Activity::Busy,
                ..OUTGOING
            },
            Spec {
                id: "Z6y7Kapn65rpMmgox",
                name: "Standup reminder",
                channel: "#team",
                created_at: "2025-09-03T08:30:00.000Z",
                creator: MANAGER,
                url: "https://standup.example.com/hooks/rocketchat",
                trigger_word: "!standup",
                activity: Activity::Idle,
                ..OUTGOING
            },
            Spec {
                id: "YLqSnQ3ZQCj9b5FuL",
                name: "Translate bot",
                channel: "#international",
                created_at: "2025-06-21T13:14:15.161Z",
                url: "https://translate.example.com/rc",
                trigger_word: "!translate",
                activity: Activity::Failing,
                ..OUTGOING
            },
            Spec {
                id: "AsHTTb7CYTfKAxXfK",
                name: "CRM sync",
                channel: "#sales",
                created_at: "2025-11-12T17:45:09.333Z",
                url: "https://crm.example.com/api/rocketchat/events",
                ..OUTGOING
            },
            Spec {
                id: "qWQoSGB7DBGnG2byh",
                name: "Helpdesk bridge",
                channel: "#support",
                created_at: "2026-01-08T09:05:27.640Z",
                url: "https://helpdesk.example.com/rocketchat/webhook",
                activity: Activity::Busy,
                ..OUTGOING
            },
        ];
        let documented = crate::parse_fixture(DOCUMENTED_OUTGOING);
        let mut integrations: Vec<(Value, Activity)> = specs.iter().map(Spec::seeded).collect();
        // Disabled since 2017: it has not run since.
        integrations.push((documented["integration"].clone(), Activity::Silent));
        Self::with(integrations)
    }

    /// `count` integrations named `Webhook 0001`..., half incoming, over about a year; the outgoing
    /// ones take the activities in turn.
    pub fn generated(count: usize) -> Self {
        let mut rng = SplitMix::new(0x5EED_0001);
        let newest_ms: u64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
        let integrations = (0..count)
            .map(|index| {
                let id = rng.meteor_id();
                let name = format!("Webhook {:04}", index + 1);
                let created_at = clock::iso8601(newest_ms - rng.next_u64() % (400 * 86_400_000));
                let url = format!("https://hooks.example.com/{:04}", index + 1);
                let base = if index % 2 == 0 { INCOMING } else { OUTGOING };
                let activities = Activity::ALL;
                Spec {
                    id: &id,
                    name: &name,
                    created_at: &created_at,
                    url: &url,
                    enabled: index % 5 != 4,
                    creator: if index % 4 == 1 { MANAGER } else { ADMIN },
                    activity: activities[index / 2 % activities.len()],
                    ..base
                }
                .seeded()
            })
            .collect();
        Self::with(integrations)
    }

    /// The documents, and the runs their activities left, dated back from now.
    fn with(seeded: Vec<(Value, Activity)>) -> Self {
        let now_ms = clock::now_ms();
        let history = seeded
            .iter()
            .filter_map(|(integration, activity)| {
                let runs = history::runs(integration, *activity, now_ms);
                let id = integration["_id"].as_str()?;
                (!runs.is_empty()).then(|| (id.to_owned(), runs))
            })
            .collect();
        let integrations = seeded.into_iter().map(|(integration, _)| integration).collect();
        Self { integrations, history, sessions: HashMap::from([(ADMIN_AUTH_TOKEN.to_owned(), ADMIN_USER_ID)]) }
    }
}

/// The documented fields of one integration; outgoing ones add `urls`, `event`, `triggerWords`.
#[derive(Debug, Clone, Copy)]
struct Spec<'a> {
    direction: Direction,
    id: &'a str,
    name: &'a str,
    enabled: bool,
    channel: &'a str,
    alias: &'a str,
    emoji: &'a str,
    script: &'a str,
    created_at: &'a str,
    creator: &'static User,
    url: &'a str,
    trigger_word: &'a str,
    /// Outgoing only: what its seeded history looks like.
    activity: Activity,
}

const INCOMING: Spec<'static> = Spec {
    direction: Direction::Incoming,
    id: "",
    name: "",
    enabled: true,
    channel: "#general",
    alias: "",
    emoji: "",
    script: "",
    created_at: "",
    creator: ADMIN,
    url: "",
    trigger_word: "",
    activity: Activity::Silent,
};

const OUTGOING: Spec<'static> = Spec { direction: Direction::Outgoing, ..INCOMING };

const GITHUB_SCRIPT: &str = "class Script {\n  process_incoming_request({ request }) {\n    return { content: { text: request.content.head_commit.message } };\n  }\n}\n";

impl Spec<'_> {
    fn seeded(&self) -> (Value, Activity) {
        (self.document(), self.activity)
    }

    fn document(&self) -> Value {
        // Incoming tokens are 48 characters in Rocket.Chat, outgoing ones 24; both are secrets.
        let token_length = match self.direction {
            Direction::Incoming => 48,
            Direction::Outgoing => 24,
        };
        let token = seeded_by(self.id).string(TOKEN_CHARACTERS, token_length);
        let mut document = json!({
            "_id": self.id,
            "type": self.direction.type_name(),
            "name": self.name,
            "enabled": self.enabled,
            "username": "rocket.cat",
            "alias": self.alias,
            "avatar": "",
            "emoji": self.emoji,
            "channel": [self.channel],
            "token": token,
            "script": self.script,
            "scriptEnabled": !self.script.is_empty(),
            "scriptEngine": "isolated-vm",
            "impersonateUser": false,
            "userId": "rocket.cat",
            "_createdAt": self.created_at,
            "_createdBy": { "username": self.creator.username, "_id": self.creator.id },
            "_updatedAt": self.created_at,
        });
        if self.direction == Direction::Outgoing {
            let trigger_words: Vec<&str> = [self.trigger_word].into_iter().filter(|word| !word.is_empty()).collect();
            document["urls"] = json!([self.url]);
            document["event"] = json!("sendMessage");
            document["triggerWords"] = json!(trigger_words);
        }
        document
    }
}

const TOKEN_CHARACTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz23456789";
