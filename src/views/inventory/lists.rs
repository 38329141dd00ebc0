//! The inventory's lists, each kept until what it reads changes: every loaded row (rebuilt when
//! a connection's list changes), those rows sorted (when the sort changes), what the filters
//! but the status one keep (narrowed further as a search is typed), and what is shown.

use std::sync::Arc;

use leptos::prelude::*;

use crate::finding::filter::{ActivityOf, Narrowed, Narrowing, Row, Sorted, status_counts, with_statuses};
use crate::finding::query::ViewQuery;
use crate::model::{Integration, LastActivity, Status};
use crate::state::connections::{ConnectionState, Connections};
use crate::state::url::ViewState;
use crate::time::now_ms;

/// Lists compare by identity: rebuilding a list of 10,000 rows is the change, comparing it
/// row by row would cost as much as the rebuild.
fn rows_changed(old: Option<&Vec<Arc<Row>>>, new: Option<&Vec<Arc<Row>>>) -> bool {
    match (old, new) {
        (Some(old), Some(new)) => old.len() != new.len() || old.iter().zip(new).any(|(a, b)| !Arc::ptr_eq(a, b)),
        _ => true,
    }
}

/// How far ahead of its place a row of the last list is looked for: far enough to step over an
/// item removed or changed since.
const REUSE_LOOKAHEAD: usize = 3;

/// `items` as rows, each unchanged item keeping its row from `previous`: a list given the
/// statuses completed in the last second rebuilds those rows, not thousands.
fn rows_reusing(previous: Option<&Vec<Arc<Row>>>, items: &[Arc<Integration>], label: &Arc<str>) -> Vec<Arc<Row>> {
    let previous = previous.map_or(&[][..], Vec::as_slice);
    let mut next = 0;
    items
        .iter()
        .map(|item| {
            let ahead = previous.get(next..).unwrap_or_default().iter().take(REUSE_LOOKAHEAD);
            match ahead.enumerate().find(|(_, row)| Arc::ptr_eq(&row.item, item) || row.item == *item) {
                Some((skipped, row)) => {
                    next += skipped + 1;
                    row.clone()
                }
                None => Arc::new(Row::new(item.clone(), label.clone())),
            }
        })
        .collect()
}

/// One connection's rows, rebuilt only when its list changes.
fn connection_rows(state: ConnectionState) -> Memo<Vec<Arc<Row>>> {
    let label: Arc<str> = state.label().into();
    Memo::new_with_compare(
        move |previous| state.load.with(|load| rows_reusing(previous, load.shown(), &label)),
        rows_changed,
    )
}

/// An item's last activity as read so far; tracked, so only a list that asks follows the reads.
fn read_activity(connections: Connections) -> impl ActivityOf + Copy {
    move |item: &Integration| -> LastActivity {
        connections.find(&item.connection_id).map_or_else(|| item.last_activity.clone(), |c| c.last_activity_of(item))
    }
}

/// The lists the inventory's parts read.
#[derive(Clone, Copy)]
pub struct Lists {
    pub all: Memo<Vec<Arc<Row>>>,
    pub shown: Memo<Vec<Arc<Row>>>,
    /// Per status, over what every filter but the status one keeps.
    pub counts: Memo<Vec<(Status, usize)>>,
}

impl Lists {
    pub fn new(connections: Connections, view_state: ViewState) -> Self {
        let per_connection: Vec<Memo<Vec<Arc<Row>>>> = connections.all().into_iter().map(connection_rows).collect();
        let all = Memo::new_with_compare(
            move |_| per_connection.iter().flat_map(|rows| rows.get()).collect::<Vec<_>>(),
            rows_changed,
        );
        let activity = read_activity(connections);
        // Each part of the query in a memo of its own: a keystroke re-runs the narrowing alone.
        let sort = Memo::new(move |_| view_state.0.with(|query| query.sort));
        let narrowing = Memo::new(move |_| view_state.0.with(Narrowing::of));
        let statuses = Memo::new(move |_| view_state.0.with(|query: &ViewQuery| query.statuses.clone()));
        let by_sort = Memo::new_with_compare(
            move |previous: Option<&Sorted>| all.with(|rows| Sorted::of(previous, rows, sort.get(), &activity)),
            |old: Option<&Sorted>, new: Option<&Sorted>| !matches!((old, new), (Some(old), Some(new)) if Arc::ptr_eq(&old.rows, &new.rows)),
        );
        let narrowed = Memo::new_with_compare(
            move |previous: Option<&Narrowed>| {
                by_sort.with(|sorted| Narrowed::of(previous, &sorted.rows, narrowing.get(), now_ms(), &activity))
            },
            |old: Option<&Narrowed>, new: Option<&Narrowed>| {
                rows_changed(old.map(|narrowed| &narrowed.rows), new.map(|narrowed| &narrowed.rows))
            },
        );
        let shown = Memo::new_with_compare(
            move |_| narrowed.with(|narrowed| statuses.with(|statuses| with_statuses(&narrowed.rows, statuses))),
            rows_changed,
        );
        let counts = Memo::new(move |_| narrowed.with(|narrowed| status_counts(&narrowed.rows)));
        Lists { all, shown, counts }
    }
}

/// Sorting or filtering by last activity needs every item's: read behind what is on screen.
pub fn read_every_last_activity_when_used(connections: Connections, view_state: ViewState) {
    let used = Memo::new(move |_| view_state.0.with(ViewQuery::uses_last_activity));
    Effect::new(move |_| {
        if used.get() {
            connections.all().into_iter().for_each(ConnectionState::ask_every_last_activity);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Platform;

    fn item(id: &str, status: Status) -> Integration {
        Integration {
            status,
            status_word: status.slug().into(),
            ..Integration::example("alt", Platform::Altegio, id, &format!("Location {id}"))
        }
    }

    #[test]
    fn unchanged_items_keep_their_rows_and_changed_or_new_ones_get_new_rows() {
        let items: Vec<Arc<Integration>> = (0..6).map(|n| Arc::new(item(&n.to_string(), Status::Unknown))).collect();
        let first = rows_reusing(None, &items, &"Altegio".into());
        let mut next = items.clone();
        next[1] = Arc::new(Integration { status: Status::Active, ..item("1", Status::Unknown) });
        // An equal copy, as a reload gives, keeps its row as the very same item does.
        next[2] = Arc::new(item("2", Status::Unknown));
        next.remove(3);
        next.push(Arc::new(item("6", Status::Unknown)));
        let second = rows_reusing(Some(&first), &next, &"Altegio".into());
        let kept: Vec<bool> = second.iter().map(|row| first.iter().any(|old| Arc::ptr_eq(old, row))).collect();
        assert_eq!(kept, [true, false, true, true, true, false]);
        assert_eq!(second[1].item.status, Status::Active);
        assert!(second.iter().zip(&next).all(|(row, item)| row.item == *item));
    }
}
