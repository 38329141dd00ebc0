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
    /// Told when what was read is forgotten, so what is on screen asks again.
    forgotten: Trigger,
    /// Keys asked for since then: each is read once.
    asked: StoredValue<HashSet<String>>,
    queue: StoredValue<VecDeque<Integration>>,
    pacer: StoredValue<Pacer, LocalStorage>,
    /// One reader at a time per connection.
    reading: StoredValue<bool>,
}

impl Reads {
    /// Paced at the connection's limit, which the platform applies to each route apart.
    pub(super) fn new(limit: RateLimit) -> Self {
        Self {
            found: RwSignal::new(HashMap::new()),
            forgotten: Trigger::new(),
            asked: StoredValue::new(HashSet::new()),
            queue: StoredValue::new(VecDeque::new()),
            pacer: StoredValue::new_local(Pacer::new(limit)),
            reading: StoredValue::new(false),
        }
    }

    /// Drops what was read and asked for: the list or the session changed.
    pub(super) fn forget(self) {
        self.queue.update_value(VecDeque::clear);
        self.asked.update_value(HashSet::clear);
        self.found.update(HashMap::clear);
        self.forgotten.notify();
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
    /// again once what was read is forgotten (a refresh, a new sign-in).
    pub fn ask_last_activity(self, item: &Integration) {
        self.activity_reads.forgotten.track();
        self.ask(item, true);
    }

    /// Asks for every listed item's, behind what is on screen. Tracked: a new list is asked for too.
    pub fn ask_every_last_activity(self) {
        self.load.with(|load| load.shown().iter().for_each(|item| self.ask(item, false)));
    }

    fn ask(self, item: &Integration, on_screen: bool) {
        let reads = self.activity_reads;
        if self.session.with_untracked(Option::is_none) || !self.connection.with_value(|c| c.reads_last_activity(item))
        {
            return;
        }
        let key = item.key();
        if !reads.asked.try_update_value(|asked| asked.insert(key.clone())).unwrap_or(false) {
            // Already asked: what comes on screen moves ahead if it still waits.
            if on_screen {
                reads.queue.update_value(|queue| {
                    if let Some(waiting) =
                        queue.iter().position(|queued| queued.key() == key).and_then(|at| queue.remove(at))
                    {
                        queue.push_front(waiting);
                    }
                });
            }
            return;
        }
        reads.queue.update_value(|queue| {
            if on_screen { queue.push_front(item.clone()) } else { queue.push_back(item.clone()) }
        });
        if !reads.reading.get_value() {
            reads.reading.set_value(true);
            spawn_local(self.read_last_activities());
        }
    }

    /// Reads what was asked for until nothing is left. A 429 holds this pace and tries again; a
    /// refused session stops the reads (signing in again asks anew); any other failure leaves
    /// that item unreadable.
    async fn read_last_activities(self) {
        let reads = self.activity_reads;
        let mut batch = Vec::new();
        let mut batch_generation = self.generation.get_value();
        let mut limited_in_a_row = 0;
        while let Some(item) = reads.queue.try_update_value(VecDeque::pop_front).flatten() {
            let generation = self.generation.get_value();
            let must_wait =
                self.removals_waiting.get_value() > 0 || reads.pacer.with_value(|pacer| pacer.delay(now_ms())) > 0.0;
            if must_wait || batch_generation != generation {
                // Shown before waiting; dropped when it was read for a list since forgotten.
                if batch_generation == generation {
                    reads.put(&mut batch);
                }
                batch.clear();
                batch_generation = generation;
            }
            self.removals_done().await;
            paced(reads.pacer).await;
            let key = item.key();
            if self.generation.get_value() != generation || self.removed.with_value(|removed| removed.contains(&key)) {
                continue;
            }
            reads.pacer.update_value(|pacer| pacer.record(now_ms()));
            let asked = item.clone();
            let result = self
                .with_session(|connection, session| async move { connection.last_activity(&session, &asked).await })
                .await;
            if self.generation.get_value() != generation {
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
                    reads.queue.update_value(|queue| queue.push_front(item));
                }
                Err(CallError { failure: Failure::Unauthorized { .. }, .. }) => {
                    batch.push((key, LastActivity::Unreadable));
                    let waiting = reads.queue.try_update_value(std::mem::take).unwrap_or_default();
                    batch.extend(waiting.iter().map(|item| (item.key(), LastActivity::Unreadable)));
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
        if batch_generation == self.generation.get_value() {
            reads.put(&mut batch);
        }
        reads.reading.set_value(false);
    }
}
