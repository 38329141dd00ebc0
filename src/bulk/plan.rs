//! What a bulk run will remove, grouped per platform and connection, and how its failures read,
//! grouped by reason.

use std::sync::Arc;

use crate::api::call::CallError;
use crate::finding::filter::Row;
use crate::model::Platform;
use crate::slim::sort_short_by;

/// The items of one connection in a bulk run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectionGroup {
    pub platform: Platform,
    pub connection_id: String,
    pub connection_label: String,
    pub rows: Vec<Arc<Row>>,
}

/// Groups by connection, in platform order, then by label; rows keep the order given.
pub fn by_connection(rows: &[Arc<Row>]) -> Vec<ConnectionGroup> {
    let mut groups: Vec<ConnectionGroup> = Vec::new();
    for row in rows {
        let item = &row.item;
        match groups.iter_mut().find(|group| group.connection_id == item.connection_id) {
            Some(group) => group.rows.push(row.clone()),
            None => groups.push(ConnectionGroup {
                platform: item.platform,
                connection_id: item.connection_id.clone(),
                connection_label: row.connection_label.to_string(),
                rows: vec![row.clone()],
            }),
        }
    }
    let platform_rank = |platform: Platform| Platform::ALL.iter().position(|each| *each == platform);
    sort_short_by(&mut groups, |a, b| {
        platform_rank(a.platform)
            .cmp(&platform_rank(b.platform))
            .then_with(|| a.connection_label.cmp(&b.connection_label))
    });
    groups
}

/// Failures that read the same: one summary and one platform message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailureGroup {
    pub summary: String,
    pub platform_message: Option<String>,
    pub error_type: Option<String>,
    pub next_step: &'static str,
    /// `(key, name, connection label)` of each item.
    pub items: Vec<(String, String, String)>,
}

/// Groups failed items by what went wrong, largest group first.
pub fn failures_by_reason<'a>(failed: impl IntoIterator<Item = (&'a Row, &'a CallError)>) -> Vec<FailureGroup> {
    let mut groups: Vec<FailureGroup> = Vec::new();
    for (row, error) in failed {
        let summary = error.failure.summary();
        let said = error.failure.said().cloned().unwrap_or_default();
        let entry = (row.key(), row.item.name.clone(), row.connection_label.to_string());
        match groups.iter_mut().find(|group| {
            group.summary == summary && group.platform_message == said.message && group.error_type == said.error_type
        }) {
            Some(group) => group.items.push(entry),
            None => groups.push(FailureGroup {
                summary,
                platform_message: said.message,
                error_type: said.error_type,
                next_step: error.failure.next_step(),
                items: vec![entry],
            }),
        }
    }
    sort_short_by(&mut groups, |a, b| b.items.len().cmp(&a.items.len()));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::error::{Failure, PlatformMessage};
    use crate::model::Integration;

    fn row(connection: &str, platform: Platform, name: &str) -> Arc<Row> {
        Arc::new(Row::new(Integration::example(connection, platform, name, name), format!("{connection} label")))
    }

    #[test]
    fn groups_per_connection_in_platform_order() {
        let rows = [
            row("alt", Platform::Altegio, "La Visage"),
            row("rc", Platform::Rocketchat, "a"),
            row("alt", Platform::Altegio, "Barber Bros"),
            row("rc", Platform::Rocketchat, "b"),
        ];
        let groups = by_connection(&rows);
        let summary: Vec<(&str, usize)> = groups.iter().map(|g| (g.connection_id.as_str(), g.rows.len())).collect();
        assert_eq!(summary, [("rc", 2), ("alt", 2)]);
        let names: Vec<&str> = groups[1].rows.iter().map(|row| row.item.name.as_str()).collect();
        assert_eq!(names, ["La Visage", "Barber Bros"]);
    }

    #[test]
    fn failures_group_by_summary_and_platform_message() {
        let rows = [
            row("rc", Platform::Rocketchat, "a"),
            row("rc", Platform::Rocketchat, "b"),
            row("ryze", Platform::Ryze, "c"),
        ];
        let forbidden = |message: &str| {
            CallError::before_sending(Failure::Platform {
                status: 403,
                said: PlatformMessage { message: Some(message.into()), error_type: Some("error-not-allowed".into()) },
            })
        };
        let errors = [
            forbidden("Not allowed"),
            forbidden("Not allowed"),
            CallError::before_sending(Failure::TimedOut { after_ms: 1000 }),
        ];
        let groups = failures_by_reason(rows.iter().map(|row| &**row).zip(errors.iter()));
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].items.len(), 2);
        assert_eq!(groups[0].platform_message.as_deref(), Some("Not allowed"));
        assert_eq!(groups[0].error_type.as_deref(), Some("error-not-allowed"));
        assert_eq!(groups[1].items[0].1, "c");
    }
}
