//! The session's calls for the Activity panel: the last [`CAPACITY`] of them, in a ring.

use std::collections::VecDeque;

use leptos::prelude::*;

use crate::api::call::{CallLog, CallRecord};

/// How many calls Activity keeps; older ones drop off, and the panel says how many did.
pub const CAPACITY: usize = 5_000;

/// The last `capacity` items pushed, oldest first, and how many older ones were dropped.
/// A push is O(1): once full, the oldest item leaves as the new one arrives.
#[derive(Clone, Debug)]
pub struct Ring<T> {
    items: VecDeque<T>,
    capacity: usize,
    dropped: usize,
}

impl<T> Ring<T> {
    pub fn new(capacity: usize) -> Self {
        // Grows as calls come rather than reserving the whole capacity up front.
        Self { items: VecDeque::new(), capacity, dropped: 0 }
    }

    /// Adds `item` as the newest, dropping the oldest when the ring is full.
    pub fn push(&mut self, item: T) {
        if self.capacity == 0 {
            self.dropped += 1;
            return;
        }
        if self.items.len() == self.capacity {
            self.items.pop_front();
            self.dropped += 1;
        }
        self.items.push_back(item);
    }

    /// How many items are kept.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How many items were dropped to make room.
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    /// How many items were ever pushed: the kept ones and the dropped ones.
    pub fn pushed(&self) -> usize {
        self.dropped + self.items.len()
    }

    /// The kept items, oldest first.
    pub fn oldest_first(&self) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator {
        self.items.iter()
    }

    /// The kept items, oldest first, as one slice (arranging the ring in place if needed).
    pub fn as_slice(&mut self) -> &[T] {
        self.items.make_contiguous()
    }

    /// The kept items from the `start`th newest up to (not including) the `end`th newest, each
    /// with its sequence number: its place among every item ever pushed, counting from 0. The
    /// sequence number stays with an item while newer ones arrive, so it can key a row.
    pub fn newest_first(&self, start: usize, end: usize) -> impl Iterator<Item = (usize, &T)> {
        let len = self.items.len();
        let end = end.min(len);
        let start = start.min(end);
        // The newest-first range start..end is the oldest-first range len-end..len-start.
        let first = self.dropped + (len - end);
        self.items.range(len - end..len - start).enumerate().rev().map(move |(offset, item)| (first + offset, item))
    }
}

/// The session's calls, oldest first (views show them newest first).
#[derive(Clone, Copy)]
pub struct Activity(pub RwSignal<Ring<CallRecord>>);

impl Activity {
    /// The log this mount's connections tell their calls to.
    pub fn log(self) -> CallLog {
        CallLog::new(move |record| self.0.update(|records| records.push(record)))
    }
}

/// Installs this mount's Activity log.
pub fn provide_activity() -> Activity {
    let activity = Activity(RwSignal::new(Ring::new(CAPACITY)));
    provide_context(activity);
    activity
}

pub fn expect_activity() -> Activity {
    expect_context::<Activity>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(capacity: usize, pushes: std::ops::Range<u32>) -> Ring<u32> {
        let mut ring = Ring::new(capacity);
        pushes.for_each(|item| ring.push(item));
        ring
    }

    fn newest_first(ring: &Ring<u32>, start: usize, end: usize) -> Vec<(usize, u32)> {
        ring.newest_first(start, end).map(|(seq, item)| (seq, *item)).collect()
    }

    #[test]
    fn below_capacity_everything_is_kept_in_order() {
        let ring = ring(5, 0..3);
        assert_eq!((ring.len(), ring.dropped(), ring.pushed()), (3, 0, 3));
        assert_eq!(ring.oldest_first().copied().collect::<Vec<_>>(), [0, 1, 2]);
        assert_eq!(newest_first(&ring, 0, 10), [(2, 2), (1, 1), (0, 0)]);
    }

    #[test]
    fn past_capacity_the_oldest_drop_off_and_are_counted() {
        let mut ring = ring(5, 0..12);
        assert_eq!((ring.len(), ring.dropped(), ring.pushed()), (5, 7, 12));
        assert_eq!(ring.oldest_first().copied().collect::<Vec<_>>(), [7, 8, 9, 10, 11]);
        assert_eq!(ring.as_slice(), [7, 8, 9, 10, 11]);
        // Sequence numbers count every push, so a kept item keeps its number.
        assert_eq!(newest_first(&ring, 0, 5), [(11, 11), (10, 10), (9, 9), (8, 8), (7, 7)]);
        ring.push(12);
        assert_eq!((ring.len(), ring.dropped()), (5, 8));
        assert_eq!(newest_first(&ring, 0, 2), [(12, 12), (11, 11)]);
    }

    #[test]
    fn a_window_of_the_newest_first_order_is_cut_from_anywhere() {
        let ring = ring(5, 0..12);
        assert_eq!(newest_first(&ring, 1, 3), [(10, 10), (9, 9)]);
        assert_eq!(newest_first(&ring, 3, 99), [(8, 8), (7, 7)]);
        assert_eq!(newest_first(&ring, 5, 9), []);
        assert_eq!(newest_first(&ring, 4, 2), [], "an empty range, not a panic");
    }

    #[test]
    fn the_activity_capacity_holds_the_last_5000_calls() {
        let mut ring = ring(CAPACITY, 0..6_234);
        assert_eq!((ring.len(), ring.dropped(), ring.capacity()), (5_000, 1_234, CAPACITY));
        assert_eq!(ring.as_slice().first(), Some(&1_234));
        assert_eq!(ring.as_slice().last(), Some(&6_233));
        assert_eq!(newest_first(&ring, 4_999, 5_000), [(1_234, 1_234)], "the oldest kept is the last row");
    }

    #[test]
    fn a_ring_of_no_capacity_keeps_nothing_and_counts_it() {
        let ring = ring(0, 0..3);
        assert!(ring.is_empty());
        assert_eq!(ring.dropped(), 3);
    }
}
