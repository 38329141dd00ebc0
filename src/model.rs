//! Provider-neutral model: what a card shows and what a disconnect needs.

use serde::{Deserialize, Serialize};

use crate::i18n::t;

pub mod last_activity;

pub use last_activity::LastActivity;

/// The three platforms Unplug knows, spelled as in `config.json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Rocketchat,
    Ryze,
    Altegio,
}

impl Platform {
    pub const ALL: [Platform; 3] = [Platform::Rocketchat, Platform::Ryze, Platform::Altegio];

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|platform| platform.slug() == slug)
    }

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
    pub const ALL: [Kind; 4] =
        [Kind::IncomingWebhook, Kind::OutgoingWebhook, Kind::ChatwootOnInstance, Kind::AppOnLocation];

    /// Short stable token for the URL's `kind` parameter.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::IncomingWebhook => "incoming",
            Kind::OutgoingWebhook => "outgoing",
            Kind::ChatwootOnInstance => "chatwoot",
            Kind::AppOnLocation => "app",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.slug() == slug)
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::IncomingWebhook => t("Incoming webhook"),
            Kind::OutgoingWebhook => t("Outgoing webhook"),
            Kind::ChatwootOnInstance => t("Chatwoot on instance"),
            Kind::AppOnLocation => t("App on location"),
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
    /// In the order the status counts show them; `Unknown` last, for what a platform has not told.
    pub const ALL: [Status; 7] = [
        Status::Active,
        Status::Disabled,
        Status::Paused,
        Status::Pending,
        Status::Frozen,
        Status::Error,
        Status::Unknown,
    ];

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.slug() == slug)
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Active => t("Active"),
            Status::Disabled => t("Disabled"),
            Status::Paused => t("Paused"),
            Status::Pending => t("Pending"),
            Status::Frozen => t("Frozen"),
            Status::Error => t("Error"),
            Status::Unknown => t("Unknown"),
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

    /// Whether a platform's own status word says no more than this status: the same word in any
    /// case, or `enabled` (a switch's on) for Active.
    pub fn is_said_by(self, word: &str) -> bool {
        word.eq_ignore_ascii_case(self.slug()) || (self == Status::Active && word.eq_ignore_ascii_case("enabled"))
    }
}

/// Where a field shows: the few that tell integrations apart are the card's facts, the rest wait
/// in the detail panel. Search reads them all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldRole {
    Fact,
    Detail,
    /// A detail with a copy button.
    Id,
}

/// A labelled, non-secret fact about an integration, shown on its card or detail panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
    pub role: FieldRole,
}

impl Field {
    /// Shown on the card.
    pub fn fact(label: &'static str, value: impl Into<String>) -> Self {
        Self { label, value: value.into(), role: FieldRole::Fact }
    }

    /// Shown in the detail panel only.
    pub fn new(label: &'static str, value: impl Into<String>) -> Self {
        Self { label, value: value.into(), role: FieldRole::Detail }
    }

    pub fn id(label: &'static str, value: impl Into<String>) -> Self {
        Self { label, value: value.into(), role: FieldRole::Id }
    }
}

/// The status word of a card whose status a follow-up read has not told yet.
pub const NOT_READ_YET: &str = "not read yet";

/// The status word of a card whose follow-up read did not answer readably.
pub const UNREADABLE: &str = "unknown";

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
    /// What the platform documents it sends after a disconnect (Altegio's disable webhook),
    /// as JSON with secrets masked.
    pub after_disconnect: Option<String>,
    /// Who listed it (`Connection::identity`, never a secret); empty until its list is read.
    /// Nothing is removed under another identity.
    pub listed_by: std::sync::Arc<str>,
    /// Its newest recorded activity, or why there is none to show.
    pub last_activity: LastActivity,
}

impl Integration {
    /// Unique across connections, for keyed lists.
    pub fn key(&self) -> String {
        format!("{}/{}", self.connection_id, self.id)
    }

    /// How two items' [`Integration::key`]s order, without writing them: a sort of 50,000
    /// items compares keys on every tie.
    pub fn cmp_key(&self, other: &Integration) -> std::cmp::Ordering {
        fn key(item: &Integration) -> impl Iterator<Item = u8> + '_ {
            item.connection_id.bytes().chain(std::iter::once(b'/')).chain(item.id.bytes())
        }
        key(self).cmp(key(other))
    }

    /// The platform's own status word where it tells more than the shared one (`freezed`,
    /// `not read yet`); `None` where it only repeats it (`active`, `enabled`).
    pub fn own_status_word(&self) -> Option<&str> {
        (!self.status.is_said_by(&self.status_word)).then_some(self.status_word.as_str())
    }

    /// The fields that tell this integration apart from its neighbours, for its card.
    pub fn facts(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|field| field.role == FieldRole::Fact)
    }
}

/// A timestamp as people read it, with its time zone: ISO UTC (`…Z`) becomes `YYYY-MM-DD HH:MM:SS UTC`;
/// one without a zone says so rather than guess.
pub fn readable_time(raw: &str) -> String {
    let Some((date, time)) = raw.split_once(['T', ' ']) else { return raw.to_owned() };
    let clock: String = time.chars().take_while(|c| c.is_ascii_digit() || *c == ':').collect();
    let zone = &time[clock.len()..].trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let when = crate::i18n::date_time(date, &clock);
    match *zone {
        "Z" | "z" => format!("{when} UTC"),
        "" => format!("{when} {}", t("(time zone not stated)")),
        offset => format!("{when} UTC{offset}"),
    }
}

#[cfg(test)]
impl Integration {
    /// An active integration of its platform's usual kind with nothing but its ids and name, for
    /// tests: struct update syntax sets what a test is about.
    pub fn example(connection_id: &str, platform: Platform, id: &str, name: &str) -> Self {
        Integration {
            connection_id: connection_id.into(),
            platform,
            id: id.into(),
            name: name.into(),
            kind: match platform {
                Platform::Rocketchat => Kind::IncomingWebhook,
                Platform::Ryze => Kind::ChatwootOnInstance,
                Platform::Altegio => Kind::AppOnLocation,
            },
            status: Status::Active,
            status_word: Status::Active.slug().into(),
            created_by: None,
            created_at: None,
            fields: Vec::new(),
            after_disconnect: None,
            listed_by: Default::default(),
            last_activity: LastActivity::NotReadYet,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Status, readable_time};

    #[test]
    fn a_platform_word_is_worth_showing_only_where_it_says_more() {
        assert!(Status::Active.is_said_by("active"));
        assert!(Status::Active.is_said_by("enabled"));
        assert!(Status::Disabled.is_said_by("Disabled"));
        assert!(Status::Unknown.is_said_by("unknown"));
        assert!(!Status::Frozen.is_said_by("freezed"));
        assert!(!Status::Unknown.is_said_by(super::NOT_READ_YET));
        assert!(!Status::Disabled.is_said_by("enabled"));
    }

    #[test]
    fn times_carry_their_zone_or_say_it_is_missing() {
        assert_eq!(readable_time("2017-01-06T13:42:14.143Z"), "2017-01-06 13:42:14 UTC");
        assert_eq!(readable_time("2026-04-20T10:15:30Z"), "2026-04-20 10:15:30 UTC");
        assert_eq!(readable_time("2022-06-27 12:20:02"), "2022-06-27 12:20:02 (time zone not stated)");
        assert_eq!(readable_time("2024-01-01T08:00:00+03:00"), "2024-01-01 08:00:00 UTC+03:00");
        assert_eq!(readable_time("yesterday"), "yesterday");
    }
}
