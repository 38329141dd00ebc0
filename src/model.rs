//! Provider-neutral model: what a card shows and what a disconnect needs.

use serde::{Deserialize, Serialize};

/// The three platforms Unplug knows, spelled as in `config.json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Rocketchat,
    Ryze,
    Altegio,
}

impl Platform {
    pub fn label(self) -> &'static str {
        match self {
            Platform::Rocketchat => "Rocket.Chat",
            Platform::Ryze => "RyzeAPI",
            Platform::Altegio => "Altegio",
        }
    }

    /// Short stable token for CSS classes and data attributes.
    pub fn slug(self) -> &'static str {
        match self {
            Platform::Rocketchat => "rocketchat",
            Platform::Ryze => "ryze",
            Platform::Altegio => "altegio",
        }
    }
}

/// What a card is on its platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    IncomingWebhook,
    OutgoingWebhook,
    ChatwootOnInstance,
    AppOnLocation,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::IncomingWebhook => "Incoming webhook",
            Kind::OutgoingWebhook => "Outgoing webhook",
            Kind::ChatwootOnInstance => "Chatwoot on instance",
            Kind::AppOnLocation => "App on location",
        }
    }
}

/// One status set shared by all platforms; each card also keeps its platform's own word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Active,
    Disabled,
    Paused,
    Pending,
    Frozen,
    Error,
    Unknown,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Active => "Active",
            Status::Disabled => "Disabled",
            Status::Paused => "Paused",
            Status::Pending => "Pending",
            Status::Frozen => "Frozen",
            Status::Error => "Error",
            Status::Unknown => "Unknown",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Disabled => "disabled",
            Status::Paused => "paused",
            Status::Pending => "pending",
            Status::Frozen => "frozen",
            Status::Error => "error",
            Status::Unknown => "unknown",
        }
    }
}

/// A labelled, non-secret fact about an integration, shown on its card or detail panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
}

impl Field {
    pub fn new(label: &'static str, value: impl Into<String>) -> Self {
        Self { label, value: value.into() }
    }
}

/// One card: an integration as every view sees it, whatever platform it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Integration {
    pub connection_id: String,
    pub platform: Platform,
    /// What the platform's removal endpoint takes: a Rocket.Chat `_id`, a RyzeAPI instance
    /// name, an Altegio location id.
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub status: Status,
    /// The platform's own status word (`freezed`, `paused`, `enabled: false`, …).
    pub status_word: String,
    pub created_by: Option<String>,
    pub created_at: Option<String>,
    pub fields: Vec<Field>,
}

impl Integration {
    /// Unique across connections, for keyed lists.
    pub fn key(&self) -> String {
        format!("{}/{}", self.connection_id, self.id)
    }
}
