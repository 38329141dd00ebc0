//! Reading last activity where the platform keeps it apart (Rocket.Chat's run history): asked
//! for by what is on screen first, then by every item while the view sorts or filters by it;
//! read one at a time on a pace of its own, since the platform limits each route apart, and
//! always after the removals that wait, which keep their priority.

use std::collections::{HashMap, HashSet, VecDeque};

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{ConnectionState, paced};
use crate::api::call::CallError;
use crate::api::error::Failure;
use crate::api::list::MAX_RATE_LIMITS_IN_A_ROW;
use crate::api::pacing::Pacer;
use crate::config::RateLimit;
use crate::model::{Integration, LastActivity};
use crate::time::now_ms;

/// Answers put into the list together: each update rebuilds the connection's rows.
const READ_PER_UPDATE: usize = 10;

/// One connection's reads; `Copy`.
#[derive(Clone, Copy)]
pub(super) struct Reads {
    /// What the reads found, by item key; an item not here shows what its list said.
    found: RwSignal<HashMap<String, LastActivity>>,
    queue: StoredValue<Queue>,
    pacer: StoredValue<Pacer, LocalStorage>,
}

/// What is asked for, and whether a reader runs.
#[derive(Debug, Default)]
struct Queue {
    /// Counts the times what was read was forgotten: an answer to an older read is dropped.
    epoch: u64,
    /// Keys asked for since then: each is read once.
    asked: HashSet<String>,
    waiting: VecDeque<Integration>,
    /// One reader at a time per connection.
    reading: bool,
}

impl Queue {
    /// Takes `item` once, what is on screen ahead of the rest; a waiting item that comes on
    /// screen moves ahead. Returns whether a reader must start.
    fn ask(&mut self, item: &Integration, on_screen: bool) -> bool {
        if self.asked.insert(item.key()) {
            if on_screen { self.waiting.push_front(item.clone()) } else { self.waiting.push_back(item.clone()) }
        } else if let Some(waiting) = on_screen
            // Asked again each time answers come in: compared without building keys.
            .then(|| {
                self.waiting
                    .iter()
                    .position(|queued| queued.id == item.id && queued.connection_id == item.connection_id)
            })
            .flatten()
            .and_then(|at| self.waiting.remove(at))
        {
            self.waiting.push_front(waiting);
        }
        !self.waiting.is_empty() && !std::mem::replace(&mut self.reading, true)
    }

    /// The next item to read and the epoch it was asked in; `None` ends the reader.
    fn next(&mut self) -> Option<(Integration, u64)> {
        let next = self.waiting.pop_front().map(|item| (item, self.epoch));
        self.reading = next.is_some();
        next
    }

    fn forget(&mut self) {
        self.epoch += 1;
        self.asked.clear();
        self.waiting.clear();
    }
}

impl Reads {
    /// Paced at the connection's limit, which the platform applies to each route apart.
    pub(super) fn new(limit: RateLimit) -> Self {
        Self {
            found: RwSignal::new(HashMap::new()),
            queue: StoredValue::new(Queue::default()),
            pacer: StoredValue::new_local(Pacer::new(limit)),
        }
    }

    /// Drops what was read and asked for (a new list came, or the session ended); what is on
    /// screen asks again.
    pub(super) fn forget(self) {
        self.queue.update_value(Queue::forget);
        self.found.update(HashMap::clear);
    }

    fn epoch(self) -> u64 {
        self.queue.with_value(|queue| queue.epoch)
    }

    /// Puts a batch of answers into the list at once.
    fn put(self, batch: &mut Vec<(String, LastActivity)>) {
        if !batch.is_empty() {
            self.found.update(|found| found.extend(batch.drain(..)));
        }
    }
}

impl ConnectionState {
    /// What `item`'s last activity is known to be now; tracked.
    pub fn last_activity_of(self, item: &Integration) -> LastActivity {
        let read = self.activity_reads.found.with(|found| found.get(&item.key()).cloned());
        read.unwrap_or_else(|| item.last_activity.clone())
    }

    /// Asks for the last activity of an item on screen, ahead of the others. Tracked: asks
    /// again once what was read is forgotten (a new list, a new sign-in).
    pub fn ask_last_activity(self, item: &Integration) {
        self.activity_reads.found.track();
        self.ask(item, true);
    }

    /// Asks for every listed item's, behind what is on screen. Tracked: a new list is asked for too.
    pub fn ask_every_last_activity(self) {
        self.load.with(|load| load.shown().iter().for_each(|item| self.ask(item, false)));
    }

    fn ask(self, item: &Integration, on_screen: bool) {
        if self.session.with_untracked(Option::is_none) || !self.connection.with_value(|c| c.reads_last_activity(item))
        {
            return;
        }
        if self.activity_reads.queue.try_update_value(|queue| queue.ask(item, on_screen)).unwrap_or(false) {
            spawn_local(self.read_last_activities());
        }
    }

    /// Reads what was asked for until nothing is left. A 429 holds this pace and tries again;
    /// a refused session ends the reads (signing in again asks anew), as does one already
    /// known to be refused; any other failure leaves that item unreadable.
    async fn read_last_activities(self) {
        let reads = self.activity_reads;
        let mut batch = Vec::new();
        let mut batch_epoch = reads.epoch();
        let mut limited_in_a_row = 0;
        while let Some((item, epoch)) = reads.queue.try_update_value(Queue::next).flatten() {
            if batch_epoch != epoch {
                batch.clear();
                batch_epoch = epoch;
            }
            if self.must_wait_to_read() {
                reads.put(&mut batch);
                // A removal may start while this waits for its pace: it goes first.
                while self.must_wait_to_read() {
                    self.removals_done().await;
                    paced(reads.pacer).await;
                }
            }
            let key = item.key();
            let session = self.session.get_untracked();
            if reads.epoch() != epoch || self.removed.with_value(|removed| removed.contains(&key)) {
                continue;
            }
            let (Some(session), false) = (session, self.needs_sign_in.get_untracked()) else {
                self.unreadable_from(item, &mut batch);
                continue;
            };
            reads.pacer.update_value(|pacer| {
                pacer.record(now_ms());
            });
            let result = self.connection.get_value().last_activity(&session, &item).await;
            if reads.epoch() != epoch {
                continue;
            }
            match result {
                Ok(activity) => {
                    limited_in_a_row = 0;
                    reads.pacer.update_value(Pacer::succeeded);
                    batch.push((key, activity));
                }
                Err(CallError { failure: Failure::RateLimited { wait_secs, .. }, .. })
                    if limited_in_a_row + 1 < MAX_RATE_LIMITS_IN_A_ROW =>
                {
                    limited_in_a_row += 1;
                    reads.pacer.update_value(|pacer| {
                        pacer.rate_limited(now_ms(), wait_secs, js_sys::Math::random());
                    });
                    reads.queue.update_value(|queue| queue.waiting.push_front(item));
                }
                Err(error) if matches!(error.failure, Failure::Unauthorized { .. }) => {
                    self.notice_rejection(&error);
                    self.unreadable_from(item, &mut batch);
                }
                Err(_) => {
                    limited_in_a_row = 0;
                    batch.push((key, LastActivity::Unreadable));
                }
            }
            if batch.len() >= READ_PER_UPDATE {
                reads.put(&mut batch);
            }
        }
        if batch_epoch == reads.epoch() {
            reads.put(&mut batch);
        }
    }

    /// Whether a removal waits for its turn or this pace holds the next read.
    fn must_wait_to_read(self) -> bool {
        self.removals_waiting.get_value() > 0
            || self.activity_reads.pacer.with_value(|pacer| pacer.delay(now_ms())) > 0.0
    }

    /// The session is refused: `item` and everything still asked for cannot be read with it.
    fn unreadable_from(self, item: Integration, batch: &mut Vec<(String, LastActivity)>) {
        let waiting = self.activity_reads.queue.try_update_value(|queue| std::mem::take(&mut queue.waiting));
        let unread = std::iter::once(item).chain(waiting.unwrap_or_default());
        batch.extend(unread.map(|item| (item.key(), LastActivity::Unreadable)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::rocket_chat::convert;

    /// An outgoing webhook as Rocket.Chat lists it.
    fn item(id: &str) -> Integration {
        let listed = serde_json::json!({"_id": id, "type": "webhook-outgoing", "name": id, "enabled": true});
        convert::integration("rc", serde_json::from_value(listed).expect("a listed webhook"))
    }

    fn waiting(queue: &Queue) -> Vec<&str> {
        queue.waiting.iter().map(|item| item.id.as_str()).collect()
    }

    #[test]
    fn each_item_is_asked_once_and_what_is_on_screen_goes_first() {
        let mut queue = Queue::default();
        assert!(queue.ask(&item("a"), false), "the first ask starts a reader");
        assert!(!queue.ask(&item("b"), false), "one reader at a time");
        assert!(!queue.ask(&item("c"), true));
        assert_eq!(waiting(&queue), ["c", "a", "b"]);
        queue.ask(&item("b"), true);
        queue.ask(&item("a"), false);
        assert_eq!(waiting(&queue), ["b", "c", "a"], "b came on screen; a asked again stays");

        let (first, epoch) = queue.next().expect("b waits");
        assert_eq!((first.id.as_str(), epoch), ("b", 0));
        queue.ask(&item("b"), true);
        assert_eq!(waiting(&queue), ["c", "a"], "read once");
        queue.forget();
        assert!(queue.waiting.is_empty() && queue.reading, "the running reader drains what is left");
        assert!(!queue.ask(&item("b"), true), "asked anew after a forget, for the reader that runs");
        assert_eq!(queue.next().map(|(item, epoch)| (item.id, epoch)), Some(("b".into(), 1)));
        assert!(queue.next().is_none() && !queue.reading, "the reader ends with the queue");
        assert!(queue.ask(&item("d"), false), "and the next ask starts one");
    }
}
