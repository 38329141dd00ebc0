//! The inventory's view state as it lives in the URL query, so a link reopens the same view.
//! Parameters Unplug does not own (a host's `embed`, `theme`, …) are kept as they came.

use crate::i18n::t;
use crate::model::{Kind, Platform, Status};

/// What the inventory is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortKey {
    #[default]
    Name,
    Created,
    Status,
    Platform,
    Kind,
    LastActivity,
}

impl SortKey {
    pub const ALL: [SortKey; 6] =
        [SortKey::Name, SortKey::Created, SortKey::Status, SortKey::Platform, SortKey::Kind, SortKey::LastActivity];

    pub fn slug(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Created => "created",
            SortKey::Status => "status",
            SortKey::Platform => "platform",
            SortKey::Kind => "kind",
            SortKey::LastActivity => "activity",
        }
    }

    /// Ordered by a time: offered newest first, and items without one go last either way.
    pub fn is_time(self) -> bool {
        matches!(self, SortKey::Created | SortKey::LastActivity)
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => t("Name"),
            SortKey::Created => t("Created"),
            SortKey::Status => t("Status"),
            SortKey::Platform => t("Platform"),
            SortKey::Kind => t("Kind"),
            SortKey::LastActivity => t("Last activity"),
        }
    }

    fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|key| key.slug() == slug)
    }
}

/// A sort key and its direction; `-created` in the URL is newest first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Sort {
    fn parse(text: &str) -> Option<Self> {
        let (descending, slug) = match text.strip_prefix('-') {
            Some(slug) => (true, slug),
            None => (false, text),
        };
        SortKey::from_slug(slug).map(|key| Sort { key, descending })
    }

    pub fn to_param(self) -> String {
        format!("{}{}", if self.descending { "-" } else { "" }, self.key.slug())
    }

    /// Sorting by the same column again flips it; another column starts ascending.
    pub fn toggled(self, key: SortKey) -> Self {
        Sort { key, descending: self.key == key && !self.descending }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ViewMode {
    #[default]
    Cards,
    Table,
}

impl ViewMode {
    pub fn slug(self) -> &'static str {
        match self {
            ViewMode::Cards => "cards",
            ViewMode::Table => "table",
        }
    }
}

/// Everything that decides what the inventory shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewQuery {
    pub search: String,
    pub platform: Option<Platform>,
    pub connection: Option<String>,
    pub kind: Option<Kind>,
    /// Empty shows every status.
    pub statuses: Vec<Status>,
    /// Only items known to have been inactive for more than this many days.
    pub idle: Option<u32>,
    pub sort: Sort,
    pub view: ViewMode,
    /// The key of the integration whose detail panel is open.
    pub detail: Option<String>,
    /// Parameters that belong to someone else, in their order.
    pub foreign: Vec<(String, String)>,
}

impl ViewQuery {
    /// Reads `location.search` (with or without its `?`); values that mean nothing are dropped.
    pub fn parse(search: &str) -> Self {
        let mut query = ViewQuery::default();
        for (name, value) in parse_pairs(search) {
            match name.as_str() {
                "q" => query.search = value,
                "platform" => query.platform = Platform::from_slug(&value),
                "connection" => query.connection = (!value.is_empty()).then_some(value),
                "kind" => query.kind = Kind::from_slug(&value),
                "status" => query.statuses = value.split(',').filter_map(Status::from_slug).collect(),
                "idle" => query.idle = value.parse().ok(),
                "sort" => query.sort = Sort::parse(&value).unwrap_or_default(),
                "view" => query.view = if value == "table" { ViewMode::Table } else { ViewMode::Cards },
                "detail" => query.detail = (!value.is_empty()).then_some(value),
                _ => query.foreign.push((name, value)),
            }
        }
        query
    }

    /// `?…` with only what differs from the defaults, or an empty string.
    pub fn to_search(&self) -> String {
        let mut pairs: Vec<(&str, String)> =
            self.foreign.iter().map(|(name, value)| (name.as_str(), value.clone())).collect();
        let statuses: Vec<&str> = self.statuses.iter().map(|status| status.slug()).collect();
        let own = [
            ("q", (!self.search.is_empty()).then(|| self.search.clone())),
            ("platform", self.platform.map(|platform| platform.slug().to_owned())),
            ("connection", self.connection.clone()),
            ("kind", self.kind.map(|kind| kind.slug().to_owned())),
            ("status", (!statuses.is_empty()).then(|| statuses.join(","))),
            ("idle", self.idle.map(|days| days.to_string())),
            ("sort", (self.sort != Sort::default()).then(|| self.sort.to_param())),
            ("view", (self.view != ViewMode::default()).then(|| self.view.slug().to_owned())),
            ("detail", self.detail.clone()),
        ];
        pairs.extend(own.into_iter().filter_map(|(name, value)| value.map(|value| (name, value))));
        if pairs.is_empty() {
            return String::new();
        }
        let joined: Vec<String> =
            pairs.iter().map(|(name, value)| format!("{}={}", encode(name), encode(value))).collect();
        format!("?{}", joined.join("&"))
    }

    /// True when any filter narrows the list (search, platform, connection, kind, status or idle).
    pub fn is_filtered(&self) -> bool {
        !self.search.trim().is_empty()
            || self.platform.is_some()
            || self.connection.is_some()
            || self.kind.is_some()
            || !self.statuses.is_empty()
            || self.idle.is_some()
    }

    /// Whether what is shown depends on every item's last activity.
    pub fn uses_last_activity(&self) -> bool {
        self.sort.key == SortKey::LastActivity || self.idle.is_some()
    }

    /// The same view with every filter cleared; sort, view and the host's parameters stay.
    pub fn cleared(&self) -> Self {
        ViewQuery { sort: self.sort, view: self.view, foreign: self.foreign.clone(), ..ViewQuery::default() }
    }
}

fn parse_pairs(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

/// Percent-encodes everything but unreserved characters (and `,`, which reads better in lists).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~,".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Reads `%XX` escapes and `+` as a space, as forms send them; broken escapes stay as typed.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'+' => out.push(b' '),
            b'%' if index + 2 < bytes.len() => match (hex_digit(bytes[index + 1]), hex_digit(bytes[index + 2])) {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    index += 2;
                }
                _ => out.push(b'%'),
            },
            byte => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_digit(byte: u8) -> Option<u8> {
    char::from(byte).to_digit(16).and_then(|digit| u8::try_from(digit).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_parameter_and_keeps_foreign_ones() {
        let query = ViewQuery::parse(
            "?embed=1&q=helpdesk%20bridge&platform=rocketchat&connection=rc-main&kind=outgoing&status=active,frozen&sort=-created&view=table&detail=rc%2Fabc",
        );
        assert_eq!(query.search, "helpdesk bridge");
        assert_eq!(query.platform, Some(Platform::Rocketchat));
        assert_eq!(query.connection.as_deref(), Some("rc-main"));
        assert_eq!(query.kind, Some(Kind::OutgoingWebhook));
        assert_eq!(query.statuses, vec![Status::Active, Status::Frozen]);
        assert_eq!(query.sort, Sort { key: SortKey::Created, descending: true });
        assert_eq!(query.view, ViewMode::Table);
        assert_eq!(query.detail.as_deref(), Some("rc/abc"));
        assert_eq!(query.foreign, vec![("embed".to_owned(), "1".to_owned())]);
    }

    #[test]
    fn writes_only_what_differs_and_round_trips() {
        assert_eq!(ViewQuery::default().to_search(), "");
        let query = ViewQuery::parse("?theme=dark&q=a+b%26c&status=paused,error&sort=status&detail=x%2F1");
        let written = query.to_search();
        assert_eq!(written, "?theme=dark&q=a%20b%26c&status=paused,error&sort=status&detail=x%2F1");
        assert_eq!(ViewQuery::parse(&written), query);
    }

    #[test]
    fn idle_and_the_last_activity_sort_round_trip() {
        let query = ViewQuery::parse("?idle=30&sort=-activity");
        assert_eq!(query.idle, Some(30));
        assert_eq!(query.sort, Sort { key: SortKey::LastActivity, descending: true });
        assert!(query.is_filtered() && query.uses_last_activity());
        assert_eq!(query.to_search(), "?idle=30&sort=-activity");
        assert_eq!(ViewQuery::parse(&query.to_search()), query);
        assert_eq!(query.cleared().to_search(), "?sort=-activity", "clearing drops idle, keeps the sort");
        for nonsense in ["?idle=", "?idle=-3", "?idle=ten", "?idle=1.5"] {
            assert_eq!(ViewQuery::parse(nonsense).idle, None, "{nonsense}");
            assert_eq!(ViewQuery::parse(nonsense).to_search(), "");
        }
    }

    #[test]
    fn nonsense_values_fall_back_to_defaults() {
        let query = ViewQuery::parse("?platform=slack&kind=&status=frozen,bogus&sort=-size&view=grid&q=%zz");
        assert_eq!(query.platform, None);
        assert_eq!(query.kind, None);
        assert_eq!(query.statuses, vec![Status::Frozen]);
        assert_eq!(query.sort, Sort::default());
        assert_eq!(query.view, ViewMode::Cards);
        assert_eq!(query.search, "%zz");
    }

    #[test]
    fn sorting_the_same_column_again_flips_it() {
        let by_name = Sort::default();
        assert!(by_name.toggled(SortKey::Name).descending);
        assert!(!by_name.toggled(SortKey::Name).toggled(SortKey::Name).descending);
        assert_eq!(by_name.toggled(SortKey::Status), Sort { key: SortKey::Status, descending: false });
    }

    #[test]
    fn clearing_keeps_sort_view_and_foreign_parameters() {
        let query = ViewQuery::parse("?embed=1&q=x&platform=ryze&view=table&sort=-name&detail=k");
        assert!(query.is_filtered());
        let cleared = query.cleared();
        assert!(!cleared.is_filtered());
        assert_eq!(cleared.to_search(), "?embed=1&sort=-name&view=table");
    }
}
