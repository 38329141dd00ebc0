//! Search, filters, sorting and status counts over every loaded integration.

use std::cmp::Ordering;
use std::sync::Arc;

use super::query::{SortKey, ViewQuery};
use crate::model::{Integration, Status};
use crate::slim::lowercase;

/// One integration with what searching and sorting it needs, computed once per load rather
/// than once per keystroke.
#[derive(Debug, PartialEq, Eq)]
pub struct Row {
    pub item: Integration,
    pub connection_label: String,
    /// Lower-cased name, id, connection, kind, status word and every field value.
    haystack: String,
    name_key: String,
    /// `YYYY-MM-DD HH:MM:SS` whatever separator the platform used, for ordering.
    created_key: Option<String>,
    /// The last activity's time, for ordering; `None` where it is not known.
    activity_ms: Option<i64>,
}

impl Row {
    pub fn new(item: Integration, connection_label: String) -> Self {
        let mut haystack =
            [item.name.as_str(), &item.id, &connection_label, item.kind.label(), &item.status_word].join("\n");
        for value in item.fields.iter().map(|field| field.value.as_str()).chain(item.created_by.as_deref()) {
            haystack.push('\n');
            haystack.push_str(value);
        }
        let created_key =
            item.created_at.as_deref().map(|at| at.chars().take(19).map(|c| if c == 'T' { ' ' } else { c }).collect());
        Row {
            name_key: lowercase(&item.name),
            haystack: lowercase(&haystack),
            created_key,
            activity_ms: item.last_activity.epoch_ms(),
            connection_label,
            item,
        }
    }

    pub fn key(&self) -> String {
        self.item.key()
    }

    /// Keys a rendered card: the same integration with a new status (once its follow-up call
    /// answered) or a new name (after a reload) renders anew, an unchanged one stays as it is.
    pub fn render_key(&self) -> String {
        format!("{}\u{1f}{}\u{1f}{}", self.item.key(), self.item.status_word, self.item.name)
    }

    fn matches_search(&self, terms: &[String]) -> bool {
        terms.iter().all(|term| self.haystack.contains(term.as_str()))
    }

    /// Every filter but the status one: the status counts are taken over this set. `now_ms`
    /// is what idleness is counted from.
    fn matches_all_but_status(&self, query: &ViewQuery, terms: &[String], now_ms: f64) -> bool {
        query.platform.is_none_or(|platform| self.item.platform == platform)
            && query.connection.as_ref().is_none_or(|connection| &self.item.connection_id == connection)
            && query.kind.is_none_or(|kind| self.item.kind == kind)
            && query.idle.is_none_or(|days| self.item.last_activity.idle_for_more_than(days, now_ms))
            && self.matches_search(terms)
    }

    /// Whether a time-ordered sort has no time for it.
    fn undated(&self, key: SortKey) -> bool {
        match key {
            SortKey::Created => self.created_key.is_none(),
            SortKey::LastActivity => self.activity_ms.is_none(),
            _ => false,
        }
    }
}

fn search_terms(query: &ViewQuery) -> Vec<String> {
    lowercase(&query.search).split_whitespace().map(str::to_owned).collect()
}

fn status_rank(status: Status) -> usize {
    Status::ALL.iter().position(|each| *each == status).unwrap_or(usize::MAX)
}

/// Known before unknown, and known ones in their order.
fn known_first<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn compare(a: &Row, b: &Row, key: SortKey) -> Ordering {
    match key {
        SortKey::Name => Ordering::Equal,
        // Items without a time go last, whichever the direction.
        SortKey::Created => known_first(a.created_key.as_ref(), b.created_key.as_ref()),
        SortKey::LastActivity => known_first(a.activity_ms, b.activity_ms),
        SortKey::Status => status_rank(a.item.status).cmp(&status_rank(b.item.status)),
        SortKey::Platform => a.item.platform.label().cmp(b.item.platform.label()),
        SortKey::Kind => a.item.kind.label().cmp(b.item.kind.label()),
    }
}

/// The rows the query shows at `now_ms`, in its order; ties fall back to name, then key, so the
/// order is stable across reloads.
pub fn select(rows: &[Arc<Row>], query: &ViewQuery, now_ms: f64) -> Vec<Arc<Row>> {
    let terms = search_terms(query);
    let mut shown: Vec<Arc<Row>> = rows
        .iter()
        .filter(|row| {
            row.matches_all_but_status(query, &terms, now_ms)
                && (query.statuses.is_empty() || query.statuses.contains(&row.item.status))
        })
        .cloned()
        .collect();
    let sort = query.sort;
    shown.sort_by(|a, b| {
        let primary = compare(a, b, sort.key);
        let primary = match (sort.key, sort.descending) {
            (key, true) if a.undated(key) || b.undated(key) => primary,
            (_, true) => primary.reverse(),
            (_, false) => primary,
        };
        let by_name = a.name_key.cmp(&b.name_key);
        let by_name = if sort.key == SortKey::Name && sort.descending { by_name.reverse() } else { by_name };
        primary.then(by_name).then_with(|| a.item.key().cmp(&b.item.key()))
    });
    shown
}

/// How many rows have each status under every other filter at `now_ms`; `Unknown` only when
/// some have it.
pub fn status_counts(rows: &[Arc<Row>], query: &ViewQuery, now_ms: f64) -> Vec<(Status, usize)> {
    let terms = search_terms(query);
    let mut counts = [0usize; Status::ALL.len()];
    for row in rows.iter().filter(|row| row.matches_all_but_status(query, &terms, now_ms)) {
        counts[status_rank(row.item.status)] += 1;
    }
    Status::ALL.into_iter().zip(counts).filter(|(status, count)| *status != Status::Unknown || *count > 0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::query::Sort;
    use crate::model::last_activity::epoch_ms;
    use crate::model::{Field, Kind, LastActivity, Platform};

    /// 2026-05-01T00:00:00Z.
    const NOW: f64 = 1_777_593_600_000.0;

    fn item(connection: &str, platform: Platform, name: &str, status: Status, created: Option<&str>) -> Arc<Row> {
        let item = Integration {
            connection_id: connection.into(),
            platform,
            id: format!("id-{name}"),
            name: name.into(),
            kind: if platform == Platform::Ryze { Kind::ChatwootOnInstance } else { Kind::IncomingWebhook },
            status,
            status_word: status.slug().into(),
            created_by: None,
            created_at: created.map(str::to_owned),
            fields: vec![Field::new("URLs", format!("https://{name}.example.com/hook"))],
            after_disconnect: None,
            listed_by: String::new(),
            last_activity: LastActivity::NotReadYet,
        };
        Arc::new(Row::new(item, format!("{connection} label")))
    }

    fn rows() -> Vec<Arc<Row>> {
        vec![
            item("rc", Platform::Rocketchat, "Helpdesk bridge", Status::Active, Some("2026-01-08T09:05:27.000Z")),
            item("rc", Platform::Rocketchat, "zabbix", Status::Disabled, Some("2024-11-05T22:10:05Z")),
            item("ryze", Platform::Ryze, "suporte", Status::Error, None),
            item("alt", Platform::Altegio, "Barber Bros", Status::Pending, Some("2025-01-01 10:00:00")),
        ]
    }

    fn names(rows: &[Arc<Row>]) -> Vec<&str> {
        rows.iter().map(|row| row.item.name.as_str()).collect()
    }

    #[test]
    fn search_reads_name_id_connection_and_field_values_whatever_the_case() {
        let all = rows();
        let find = |text: &str| {
            names(&select(&all, &ViewQuery { search: text.into(), ..ViewQuery::default() }, NOW)).join(",")
        };
        assert_eq!(find("HELPDESK"), "Helpdesk bridge");
        assert_eq!(find("id-zabbix"), "zabbix");
        assert_eq!(find("suporte.example.com"), "suporte");
        assert_eq!(find("alt label"), "Barber Bros");
        assert_eq!(find("bridge helpdesk"), "Helpdesk bridge", "every term, in any order");
        assert_eq!(find("nothing-like-this"), "");
    }

    #[test]
    fn filters_combine() {
        let all = rows();
        let query = ViewQuery {
            platform: Some(Platform::Rocketchat),
            statuses: vec![Status::Disabled],
            ..ViewQuery::default()
        };
        assert_eq!(names(&select(&all, &query, NOW)), ["zabbix"]);
        let query =
            ViewQuery { connection: Some("ryze".into()), kind: Some(Kind::ChatwootOnInstance), ..ViewQuery::default() };
        assert_eq!(names(&select(&all, &query, NOW)), ["suporte"]);
    }

    #[test]
    fn sorts_by_each_key_with_undated_items_last() {
        let all = rows();
        let sorted = |key, descending| {
            names(&select(&all, &ViewQuery { sort: Sort { key, descending }, ..ViewQuery::default() }, NOW)).join(",")
        };
        assert_eq!(sorted(SortKey::Name, false), "Barber Bros,Helpdesk bridge,suporte,zabbix");
        assert_eq!(sorted(SortKey::Name, true), "zabbix,suporte,Helpdesk bridge,Barber Bros");
        assert_eq!(sorted(SortKey::Created, false), "zabbix,Barber Bros,Helpdesk bridge,suporte");
        assert_eq!(sorted(SortKey::Created, true), "Helpdesk bridge,Barber Bros,zabbix,suporte");
        assert_eq!(sorted(SortKey::Status, false), "Helpdesk bridge,zabbix,Barber Bros,suporte");
    }

    #[test]
    fn status_counts_follow_every_other_filter_but_not_the_status_one() {
        let all = rows();
        let query =
            ViewQuery { platform: Some(Platform::Rocketchat), statuses: vec![Status::Active], ..ViewQuery::default() };
        let counts = status_counts(&all, &query, NOW);
        assert!(counts.contains(&(Status::Active, 1)));
        assert!(counts.contains(&(Status::Disabled, 1)));
        assert!(counts.contains(&(Status::Error, 0)));
        assert!(counts.iter().all(|(status, _)| *status != Status::Unknown), "no unknown item, no unknown count");
    }

    fn last_active(platform: Platform, name: &str, activity: LastActivity) -> Arc<Row> {
        let mut item = item(platform.slug(), platform, name, Status::Active, None).item.clone();
        item.last_activity = activity;
        Arc::new(Row::new(item, "label".into()))
    }

    fn ran(at: &str, ok: bool) -> LastActivity {
        LastActivity::At { at: at.into(), ok: Some(ok), label: "last run" }
    }

    fn activity_rows() -> Vec<Arc<Row>> {
        let not_recorded = |label| LastActivity::NotRecorded { label };
        let changed = LastActivity::At { at: "2025-12-01 10:00:00".into(), ok: None, label: "last status change" };
        vec![
            last_active(Platform::Rocketchat, "Giphy bot", ran("2026-04-30T22:00:00.123Z", true)),
            last_active(Platform::Rocketchat, "Standup reminder", ran("2026-01-01T00:00:00Z", true)),
            last_active(Platform::Rocketchat, "Translate bot", ran("2026-04-28T00:00:00Z", false)),
            last_active(Platform::Rocketchat, "CRM sync", LastActivity::NoneRecorded),
            last_active(Platform::Rocketchat, "GitHub pushes", not_recorded("not recorded by Rocket.Chat")),
            last_active(Platform::Rocketchat, "Unread bot", LastActivity::NotReadYet),
            last_active(Platform::Rocketchat, "Broken bot", LastActivity::Unreadable),
            last_active(Platform::Ryze, "suporte", not_recorded("not reported by RyzeAPI")),
            last_active(Platform::Altegio, "Barber Bros", changed),
        ]
    }

    #[test]
    fn idle_keeps_only_what_is_known_to_be_inactive_for_longer() {
        assert_eq!(epoch_ms("2026-05-01T00:00:00Z"), Some(NOW as i64));
        let all = activity_rows();
        let idle = |days, platform| {
            let query = ViewQuery { idle: Some(days), platform, ..ViewQuery::default() };
            names(&select(&all, &query, NOW)).join(",")
        };
        assert_eq!(idle(30, None), "Barber Bros,Standup reminder");
        assert_eq!(idle(30, Some(Platform::Rocketchat)), "Standup reminder");
        assert_eq!(idle(2, None), "Barber Bros,Standup reminder,Translate bot");
        assert_eq!(idle(0, None), "Barber Bros,Giphy bot,Standup reminder,Translate bot");
        assert_eq!(idle(200, None), "");
        let counts = status_counts(&all, &ViewQuery { idle: Some(30), ..ViewQuery::default() }, NOW);
        assert!(counts.contains(&(Status::Active, 2)), "the status counts follow the idle filter: {counts:?}");
    }

    #[test]
    fn sorts_by_last_activity_with_unknowns_last_either_way() {
        let all = activity_rows();
        let sorted = |descending| {
            let query = ViewQuery { sort: Sort { key: SortKey::LastActivity, descending }, ..ViewQuery::default() };
            names(&select(&all, &query, NOW)).join(",")
        };
        let unknown = "Broken bot,CRM sync,GitHub pushes,suporte,Unread bot";
        assert_eq!(sorted(true), format!("Giphy bot,Translate bot,Standup reminder,Barber Bros,{unknown}"));
        assert_eq!(sorted(false), format!("Barber Bros,Standup reminder,Translate bot,Giphy bot,{unknown}"));
    }
}
