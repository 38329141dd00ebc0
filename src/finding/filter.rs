//! Search, filters, sorting and status counts over every loaded integration.

use std::cmp::Ordering;
use std::sync::Arc;

use super::query::{Sort, SortKey, ViewQuery};
use crate::model::{Integration, Kind, LastActivity, Platform, Status};
use crate::slim::lowercase;

/// One integration with what searching and sorting it needs, computed once per load rather
/// than once per keystroke. Its last activity is not part of it: reads answer while the list
/// is on screen, and must not rebuild ten thousand rows each time.
#[derive(Debug, PartialEq, Eq)]
pub struct Row {
    pub item: Arc<Integration>,
    /// Shared by every row of its connection.
    pub connection_label: Arc<str>,
    /// Lower-cased name, id, connection, kind, status word and every field value; the name
    /// first, so it is also the name to order by (one string per row, not two).
    haystack: String,
    name_len: usize,
    /// `YYYY-MM-DD HH:MM:SS` whatever separator the platform used, for ordering.
    created_key: Option<String>,
}

impl Row {
    pub fn new(item: impl Into<Arc<Integration>>, connection_label: impl Into<Arc<str>>) -> Self {
        let (item, connection_label) = (item.into(), connection_label.into());
        let mut rest = [item.id.as_str(), &connection_label, item.kind.label(), &item.status_word].join("\n");
        for value in item.fields.iter().map(|field| field.value.as_str()).chain(item.created_by.as_deref()) {
            rest.push('\n');
            rest.push_str(value);
        }
        let mut haystack = lowercase(&item.name);
        let name_len = haystack.len();
        haystack.push('\n');
        haystack.push_str(&lowercase(&rest));
        let created_key =
            item.created_at.as_deref().map(|at| at.chars().take(19).map(|c| if c == 'T' { ' ' } else { c }).collect());
        Row { haystack, name_len, created_key, connection_label, item }
    }

    /// The lower-cased name, as rows are ordered by name.
    fn name_key(&self) -> &str {
        &self.haystack[..self.name_len]
    }

    pub fn key(&self) -> String {
        self.item.key()
    }

    /// Whether `other` takes this row's place in an order by `key`: the same sort value, name and key.
    fn sorts_like(&self, other: &Row, key: SortKey) -> bool {
        let same_value = match key {
            SortKey::Created => self.created_key == other.created_key,
            SortKey::Status => self.item.status == other.item.status,
            SortKey::Platform => self.item.platform == other.item.platform,
            SortKey::Kind => self.item.kind == other.item.kind,
            SortKey::Name | SortKey::LastActivity => true,
        };
        same_value && self.name_key() == other.name_key() && self.item.cmp_key(&other.item).is_eq()
    }

    /// Keys a rendered card: the same integration with a new status (once its follow-up call
    /// answered) or a new name (after a reload) renders anew, an unchanged one stays as it is.
    pub fn render_key(&self) -> String {
        format!("{}\u{1f}{}\u{1f}{}", self.item.key(), self.item.status_word, self.item.name)
    }
}

/// What is known of an item's last activity now: its list's word, or what a read found since.
pub trait ActivityOf: Fn(&Integration) -> LastActivity {}
impl<F: Fn(&Integration) -> LastActivity> ActivityOf for F {}

/// The last activity as the item's list gave it, where no reads come in (tests, exports).
pub fn as_listed(item: &Integration) -> LastActivity {
    item.last_activity.clone()
}

/// `haystack` holds `needle`. Scans for the needle's first byte, then compares the rest: for the
/// short texts and terms of a search box this is several times quicker than `str::contains`,
/// which sets up a Two-Way searcher on every call. Bytes suffice: UTF-8 never matches mid-char.
fn holds(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else { return true };
    let mut from = 0;
    while let Some(at) = haystack[from..].iter().position(|&byte| byte == first) {
        from += at + 1;
        if haystack[from..].starts_with(rest) {
            return true;
        }
    }
    false
}

/// Every filter but the status one, the search split into lower-cased terms: the status counts
/// are taken over what this keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Narrowing {
    terms: Vec<String>,
    platform: Option<Platform>,
    connection: Option<String>,
    kind: Option<Kind>,
    idle: Option<u32>,
}

impl Narrowing {
    pub fn of(query: &ViewQuery) -> Self {
        Narrowing {
            terms: lowercase(&query.search).split_whitespace().map(str::to_owned).collect(),
            platform: query.platform,
            connection: query.connection.clone(),
            kind: query.kind,
            idle: query.idle,
        }
    }

    /// Whether everything this keeps, `wider` keeps too (a search typed further), so filtering
    /// what `wider` kept is enough. Never with the idle filter: what it keeps changes as last
    /// activity is read, with the same narrowing.
    fn refines(&self, wider: &Narrowing) -> bool {
        self.platform == wider.platform
            && self.connection == wider.connection
            && self.kind == wider.kind
            && self.idle.is_none()
            && wider.idle.is_none()
            && wider.terms.iter().all(|old| self.terms.iter().any(|new| holds(new, old)))
    }

    /// `now_ms` is what idleness is counted from.
    fn keeps(&self, row: &Row, now_ms: f64, activity: &impl ActivityOf) -> bool {
        self.platform.is_none_or(|platform| row.item.platform == platform)
            && self.connection.as_ref().is_none_or(|connection| &row.item.connection_id == connection)
            && self.kind.is_none_or(|kind| row.item.kind == kind)
            && self.terms.iter().all(|term| holds(&row.haystack, term))
            && self.idle.is_none_or(|days| activity(&row.item).idle_for_more_than(days, now_ms))
    }
}

/// The rows a narrowing keeps, in the order of the sorted list they came from.
#[derive(Clone, Debug)]
pub struct Narrowed {
    from: Arc<Vec<Arc<Row>>>,
    narrowing: Narrowing,
    pub rows: Vec<Arc<Row>>,
}

impl Narrowed {
    /// What `narrowing` keeps of `sorted` at `now_ms`. Where `previous` narrowed the same list
    /// and this only narrows it further, only what it kept is looked at again: typing a search
    /// touches fewer rows with each key.
    pub fn of(
        previous: Option<&Narrowed>,
        sorted: &Arc<Vec<Arc<Row>>>,
        narrowing: Narrowing,
        now_ms: f64,
        activity: &impl ActivityOf,
    ) -> Self {
        let candidates = match previous {
            Some(previous) if Arc::ptr_eq(&previous.from, sorted) && narrowing.refines(&previous.narrowing) => {
                &previous.rows
            }
            _ => sorted.as_ref(),
        };
        let rows = candidates.iter().filter(|row| narrowing.keeps(row, now_ms, activity)).cloned().collect();
        Narrowed { from: sorted.clone(), narrowing, rows }
    }
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

/// Rows in a sort's order, kept with what they were sorted from: a list that changed only in
/// rows that sort as before (a status read in, under a sort by name) is put in order again
/// without a comparison. A sort of 50,000 rows takes longer than a keystroke may.
pub struct Sorted {
    from: Vec<Arc<Row>>,
    sort: Sort,
    pub rows: Arc<Vec<Arc<Row>>>,
}

impl Sorted {
    pub fn of(previous: Option<&Sorted>, rows: &[Arc<Row>], sort: Sort, activity: &impl ActivityOf) -> Self {
        let reordered = previous.filter(|previous| previous.sort == sort).and_then(|previous| previous.reordered(rows));
        let sorted = reordered.unwrap_or_else(|| sorted(rows, sort, activity));
        Sorted { from: rows.to_vec(), sort, rows: Arc::new(sorted) }
    }

    /// The previous order with each replaced row in its place, when `rows` is what it was sorted
    /// from with some rows replaced by rows that sort alike; `None` otherwise. Only for keys that
    /// read neither translated labels nor last activity, which change without the rows changing.
    fn reordered(&self, rows: &[Arc<Row>]) -> Option<Vec<Arc<Row>>> {
        let key = self.sort.key;
        if !matches!(key, SortKey::Name | SortKey::Created | SortKey::Status) || rows.len() != self.from.len() {
            return None;
        }
        let mut replaced = std::collections::HashMap::new();
        for (old, new) in self.from.iter().zip(rows) {
            if !Arc::ptr_eq(old, new) {
                if !old.sorts_like(new, key) {
                    return None;
                }
                replaced.insert(Arc::as_ptr(old), new);
            }
        }
        if replaced.is_empty() {
            return None;
        }
        Some(self.rows.iter().map(|row| replaced.get(&Arc::as_ptr(row)).map_or(row, |new| *new).clone()).collect())
    }
}

/// Every row in `sort`'s order; ties fall back to name, then key, so the order is stable across
/// reloads. Items without a time go last, whichever the direction.
pub fn sorted(rows: &[Arc<Row>], sort: Sort, activity: &impl ActivityOf) -> Vec<Arc<Row>> {
    // Each row's last activity is looked up once, not once per comparison.
    let activity_ms: Vec<Option<i64>> = if sort.key == SortKey::LastActivity {
        rows.iter().map(|row| activity(&row.item).epoch_ms()).collect()
    } else {
        Vec::new()
    };
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| {
        let (row_a, row_b) = (&rows[a], &rows[b]);
        let (primary, undated) = match sort.key {
            SortKey::Name => (Ordering::Equal, false),
            SortKey::Created => (
                known_first(row_a.created_key.as_ref(), row_b.created_key.as_ref()),
                row_a.created_key.is_none() || row_b.created_key.is_none(),
            ),
            SortKey::LastActivity => {
                (known_first(activity_ms[a], activity_ms[b]), activity_ms[a].is_none() || activity_ms[b].is_none())
            }
            SortKey::Status => (status_rank(row_a.item.status).cmp(&status_rank(row_b.item.status)), false),
            SortKey::Platform => (row_a.item.platform.label().cmp(row_b.item.platform.label()), false),
            SortKey::Kind => (row_a.item.kind.label().cmp(row_b.item.kind.label()), false),
        };
        let primary = if sort.descending && !undated { primary.reverse() } else { primary };
        let by_name = row_a.name_key().cmp(row_b.name_key());
        let by_name = if sort.key == SortKey::Name && sort.descending { by_name.reverse() } else { by_name };
        primary.then(by_name).then_with(|| row_a.item.cmp_key(&row_b.item))
    });
    order.into_iter().map(|index| rows[index].clone()).collect()
}

/// The narrowed rows with one of `statuses`, or all of them when it is empty.
pub fn with_statuses(rows: &[Arc<Row>], statuses: &[Status]) -> Vec<Arc<Row>> {
    rows.iter().filter(|row| statuses.is_empty() || statuses.contains(&row.item.status)).cloned().collect()
}

/// How many of the narrowed rows have each status; `Unknown` only when some have it.
pub fn status_counts(rows: &[Arc<Row>]) -> Vec<(Status, usize)> {
    let mut counts = [0usize; Status::ALL.len()];
    for row in rows {
        counts[status_rank(row.item.status)] += 1;
    }
    Status::ALL.into_iter().zip(counts).filter(|(status, count)| *status != Status::Unknown || *count > 0).collect()
}

/// The rows the query shows at `now_ms`, in its order, all at once (what the inventory does
/// step by step, each step kept until what it reads changes).
pub fn select(rows: &[Arc<Row>], query: &ViewQuery, now_ms: f64, activity: &impl ActivityOf) -> Vec<Arc<Row>> {
    let sorted = Arc::new(sorted(rows, query.sort, activity));
    let narrowed = Narrowed::of(None, &sorted, Narrowing::of(query), now_ms, activity);
    with_statuses(&narrowed.rows, &query.statuses)
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
            kind: if platform == Platform::Ryze { Kind::ChatwootOnInstance } else { Kind::IncomingWebhook },
            status,
            status_word: status.slug().into(),
            created_at: created.map(str::to_owned),
            fields: vec![Field::new("URLs", format!("https://{name}.example.com/hook"))],
            ..Integration::example(connection, platform, &format!("id-{name}"), name)
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

    fn counts(all: &[Arc<Row>], query: &ViewQuery) -> Vec<(Status, usize)> {
        let sorted = Arc::new(all.to_vec());
        status_counts(&Narrowed::of(None, &sorted, Narrowing::of(query), NOW, &as_listed).rows)
    }

    fn names(rows: &[Arc<Row>]) -> Vec<&str> {
        rows.iter().map(|row| row.item.name.as_str()).collect()
    }

    #[test]
    fn search_reads_name_id_connection_and_field_values_whatever_the_case() {
        let all = rows();
        let find = |text: &str| {
            names(&select(&all, &ViewQuery { search: text.into(), ..ViewQuery::default() }, NOW, &as_listed)).join(",")
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
        assert_eq!(names(&select(&all, &query, NOW, &as_listed)), ["zabbix"]);
        let query =
            ViewQuery { connection: Some("ryze".into()), kind: Some(Kind::ChatwootOnInstance), ..ViewQuery::default() };
        assert_eq!(names(&select(&all, &query, NOW, &as_listed)), ["suporte"]);
    }

    #[test]
    fn sorts_by_each_key_with_undated_items_last() {
        let all = rows();
        let sorted = |key, descending| {
            names(&select(&all, &ViewQuery { sort: Sort { key, descending }, ..ViewQuery::default() }, NOW, &as_listed))
                .join(",")
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
        let counts = counts(&all, &query);
        assert!(counts.contains(&(Status::Active, 1)));
        assert!(counts.contains(&(Status::Disabled, 1)));
        assert!(counts.contains(&(Status::Error, 0)));
        assert!(counts.iter().all(|(status, _)| *status != Status::Unknown), "no unknown item, no unknown count");
    }

    fn last_active(platform: Platform, name: &str, activity: LastActivity) -> Arc<Row> {
        let mut item = item(platform.slug(), platform, name, Status::Active, None).item.as_ref().clone();
        item.last_activity = activity;
        Arc::new(Row::new(item, "label"))
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
            names(&select(&all, &query, NOW, &as_listed)).join(",")
        };
        assert_eq!(idle(30, None), "Barber Bros,Standup reminder");
        assert_eq!(idle(30, Some(Platform::Rocketchat)), "Standup reminder");
        assert_eq!(idle(2, None), "Barber Bros,Standup reminder,Translate bot");
        assert_eq!(idle(0, None), "Barber Bros,Giphy bot,Standup reminder,Translate bot");
        assert_eq!(idle(200, None), "");
        let counts = counts(&all, &ViewQuery { idle: Some(30), ..ViewQuery::default() });
        assert!(counts.contains(&(Status::Active, 2)), "the status counts follow the idle filter: {counts:?}");
    }

    #[test]
    fn sorts_by_last_activity_with_unknowns_last_either_way() {
        let all = activity_rows();
        let sorted = |descending| {
            let query = ViewQuery { sort: Sort { key: SortKey::LastActivity, descending }, ..ViewQuery::default() };
            names(&select(&all, &query, NOW, &as_listed)).join(",")
        };
        let unknown = "Broken bot,CRM sync,GitHub pushes,suporte,Unread bot";
        assert_eq!(sorted(true), format!("Giphy bot,Translate bot,Standup reminder,Barber Bros,{unknown}"));
        assert_eq!(sorted(false), format!("Barber Bros,Standup reminder,Translate bot,Giphy bot,{unknown}"));
    }

    #[test]
    fn a_read_last_activity_counts_over_what_the_list_said() {
        let all = activity_rows();
        let read = |item: &Integration| match item.name.as_str() {
            "Unread bot" => ran("2025-01-01T00:00:00Z", true),
            _ => item.last_activity.clone(),
        };
        let query = ViewQuery { idle: Some(30), ..ViewQuery::default() };
        assert_eq!(names(&select(&all, &query, NOW, &read)).join(","), "Barber Bros,Standup reminder,Unread bot");
        let query = ViewQuery { sort: Sort { key: SortKey::LastActivity, descending: false }, ..ViewQuery::default() };
        assert_eq!(names(&select(&all, &query, NOW, &read))[0], "Unread bot");
    }

    #[test]
    fn a_search_typed_further_narrows_what_was_kept_and_a_shorter_one_starts_over() {
        let sorted = Arc::new(rows());
        let narrow = |previous: Option<&Narrowed>, search: &str| {
            let narrowing = Narrowing::of(&ViewQuery { search: search.into(), ..ViewQuery::default() });
            Narrowed::of(previous, &sorted, narrowing, NOW, &as_listed)
        };
        let wide = narrow(None, "br");
        assert_eq!(names(&wide.rows), ["Helpdesk bridge", "Barber Bros"]);
        let narrower = narrow(Some(&wide), "bro");
        assert_eq!(names(&narrower.rows), ["Barber Bros"]);
        // Had it filtered the narrower result, "suporte" could not come back.
        assert_eq!(names(&narrow(Some(&narrower), "sup").rows), ["suporte"]);
        // Another list (a reload) is never narrowed from an older one's result.
        let reloaded = Arc::new(rows());
        let narrowing = Narrowing::of(&ViewQuery { search: "zab".into(), ..ViewQuery::default() });
        let from_reload = Narrowed::of(Some(&narrower), &reloaded, narrowing, NOW, &as_listed);
        assert_eq!(names(&from_reload.rows), ["zabbix"]);
    }

    #[test]
    fn the_idle_filter_looks_at_every_row_again_as_last_activity_is_read() {
        let sorted = Arc::new(activity_rows());
        let narrowing = Narrowing::of(&ViewQuery { idle: Some(30), ..ViewQuery::default() });
        let before = Narrowed::of(None, &sorted, narrowing.clone(), NOW, &as_listed);
        assert!(!names(&before.rows).contains(&"Unread bot"));
        let read = |item: &Integration| match item.name.as_str() {
            "Unread bot" => ran("2025-01-01T00:00:00Z", true),
            _ => item.last_activity.clone(),
        };
        let after = Narrowed::of(Some(&before), &sorted, narrowing, NOW, &read);
        assert!(names(&after.rows).contains(&"Unread bot"), "read since, and idle: {:?}", names(&after.rows));
    }

    /// proptest is a native-only dev-dependency: the wasm build of these tests leaves these out.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;

        proptest::proptest! {
            /// Rows replaced by reads (a new status here) are put in order as a full sort puts them,
            /// whether the order is reused or sorted again.
            #[test]
            fn reordering_after_reads_equals_sorting_afresh(
                changes in proptest::collection::vec((0usize..5, 0usize..Status::ALL.len()), 0..4),
                key in 0usize..SortKey::ALL.len(),
                descending: bool,
            ) {
                let sort = Sort { key: SortKey::ALL[key], descending };
                let before = rows();
                let previous = Sorted::of(None, &before, sort, &as_listed);
                let mut after = before.clone();
                for (index, status) in changes {
                    let index = index % after.len();
                    let status = Status::ALL[status];
                    let item = Integration { status, status_word: status.slug().into(), ..after[index].item.as_ref().clone() };
                    after[index] = Arc::new(Row::new(item, after[index].connection_label.clone()));
                }
                let again = Sorted::of(Some(&previous), &after, sort, &as_listed);
                let afresh = sorted(&after, sort, &as_listed);
                let read = |rows: &[Arc<Row>]| rows.iter().map(|row| (row.item.name.clone(), row.item.status)).collect::<Vec<_>>();
                proptest::prop_assert_eq!(read(&again.rows), read(&afresh));
            }

            #[test]
            fn keys_order_as_written(a in "[./0-9a]{0,4}", b in "[./0-9a]{0,4}", c in "[./0-9a]{0,4}", d in "[./0-9a]{0,4}") {
                let with = |connection: &str, id: &str| {
                    let row = item(connection, Platform::Ryze, "x", Status::Active, None);
                    Integration { id: id.into(), ..row.item.as_ref().clone() }
                };
                let (first, second) = (with(&a, &b), with(&c, &d));
                proptest::prop_assert_eq!(first.cmp_key(&second), first.key().cmp(&second.key()));
            }

            #[test]
            fn holds_agrees_with_str_contains(haystack in "[a-cé -]{0,24}", needle in "[a-cé -]{0,4}") {
                proptest::prop_assert_eq!(holds(&haystack, &needle), haystack.contains(&needle));
            }

            /// Key by key, narrowing from the last result keeps exactly what narrowing the whole list
            /// keeps, whatever is typed or erased.
            #[test]
            fn narrowing_step_by_step_equals_narrowing_afresh(searches in proptest::collection::vec("[a-z. 0-9-]{0,6}", 1..8)) {
                let sorted = Arc::new(rows());
                let mut previous: Option<Narrowed> = None;
                for search in searches {
                    let narrowing = Narrowing::of(&ViewQuery { search, ..ViewQuery::default() });
                    let step = Narrowed::of(previous.as_ref(), &sorted, narrowing.clone(), NOW, &as_listed);
                    let afresh = Narrowed::of(None, &sorted, narrowing, NOW, &as_listed);
                    proptest::prop_assert_eq!(names(&step.rows), names(&afresh.rows));
                    previous = Some(step);
                }
            }
        }
    }
}
