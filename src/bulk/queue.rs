//! The bulk queue: one worker per connection, each paced by its connection's pacer, all
//! pausable, resumable and cancellable, with one outcome per item and none lost.

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::receipt::ReceiptEntry;
use super::tab_lock;
use super::undo::{self, UndoWindow};
use crate::api::call::CallError;
use crate::api::error::Failure;
use crate::api::list::MAX_RATE_LIMITS_IN_A_ROW;
use crate::api::{Action, Done};
use crate::finding::filter::Row;
use crate::i18n::{number, t, tf};
use crate::model::Status;
use crate::state::connections::{ConnectionState, Connections};
use crate::state::events::{Event, Events, expect_events};
use crate::state::items::{Items, Phase};
use crate::time::{now_ms, sleep, worker};

/// How often a paused or waiting worker looks again.
const POLL_MS: f64 = 200.0;

#[derive(Clone, Debug, PartialEq)]
pub enum ItemOutcome {
    Waiting,
    /// Removed, disabled or enabled, as the run's action says.
    Done,
    AlreadyGone,
    Failed(CallError),
    /// Cancelled before it was sent.
    NotSent,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pause {
    ByPerson,
    /// A connection is now signed in as someone else than the sign-in that listed its items
    /// (a host's credentials, or a person's): Resume refuses those items.
    IdentityChanged {
        connection: String,
    },
    /// A connection answered 401: its credentials must be entered again.
    SignIn {
        connection: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunState {
    Idle,
    /// Confirmed, and nothing is sent before this time (ms since the epoch): Undo keeps it all.
    Undoable {
        ends_at_ms: u64,
    },
    Running,
    Paused(Pause),
    /// Cancel was pressed; workers stop at their next step, what is in flight still answers.
    Cancelling,
    Finished,
    Cancelled,
}

impl RunState {
    pub fn slug(&self) -> &'static str {
        match self {
            RunState::Idle => "idle",
            RunState::Undoable { .. } => "undoable",
            RunState::Running => "running",
            RunState::Paused(_) => "paused",
            RunState::Cancelling => "cancelling",
            RunState::Finished => "finished",
            RunState::Cancelled => "cancelled",
        }
    }

    /// A worker may still send or write a result (or will, once the undo window ends): no new
    /// run may start.
    pub fn is_active(&self) -> bool {
        matches!(self, RunState::Undoable { .. } | RunState::Running | RunState::Paused(_) | RunState::Cancelling)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub done: usize,
    pub already_gone: usize,
    pub failed: usize,
    pub waiting: usize,
    pub not_sent: usize,
}

impl Counts {
    pub fn of(outcomes: &[ItemOutcome]) -> Self {
        let mut counts = Counts { total: outcomes.len(), ..Counts::default() };
        for outcome in outcomes {
            let slot = match outcome {
                ItemOutcome::Waiting => &mut counts.waiting,
                ItemOutcome::Done => &mut counts.done,
                ItemOutcome::AlreadyGone => &mut counts.already_gone,
                ItemOutcome::Failed(_) => &mut counts.failed,
                ItemOutcome::NotSent => &mut counts.not_sent,
            };
            *slot += 1;
        }
        counts
    }

    /// Items with a final answer.
    pub fn settled(&self) -> usize {
        self.done + self.already_gone + self.failed + self.not_sent
    }
}

/// How one send ended: settled, or back in the run's queue, and why.
#[derive(Debug)]
enum Sent {
    Settled(ItemOutcome),
    /// A 429: the pacer now holds for the platform's wait.
    RateLimited,
    /// A 401: the run paused for sign-in.
    WaitsForSignIn,
}

/// Whether a send answers to the bulk run's Pause, Cancel and retries, or stands alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Follows {
    TheRun,
    Nothing,
}

/// The selection and the current (or last) run; `Copy`, installed once.
#[derive(Clone, Copy)]
pub struct Bulk {
    pub selected: RwSignal<HashSet<String>>,
    pub rows: RwSignal<Vec<Arc<Row>>>,
    pub outcomes: RwSignal<Vec<ItemOutcome>>,
    pub state: RwSignal<RunState>,
    /// 429s answered during the run.
    pub rate_limited: RwSignal<u32>,
    /// Connections holding after a 429: label and how long (ms) the platform's wait is.
    pub holding: RwSignal<Vec<(String, f64)>>,
    /// Connections whose queue another tab is running: this run waits for it.
    pub other_tab: RwSignal<Vec<String>>,
    /// What the current (or last) run does to each item.
    pub action: RwSignal<Action>,
    /// Every settled action of the session, for receipts.
    pub receipts: RwSignal<Vec<ReceiptEntry>>,
    /// The current (or last) run's number, marking its receipt entries.
    run: StoredValue<u32>,
    /// The last item ticked or unticked, where a shift-click range starts.
    anchor: StoredValue<Option<String>>,
    /// Connection ids where the run already paused for a change of sign-in.
    paused_for_identity: StoredValue<HashSet<String>>,
    workers: StoredValue<usize>,
    /// What a polite live region says: the start and the end of an undo window, not each second.
    pub announcement: RwSignal<String>,
    /// Single disconnects waiting out their undo window.
    windows_open: StoredValue<usize>,
    undo_window: UndoWindow,
    connections: Connections,
    items: Items,
    events: Events,
}

impl Bulk {
    pub fn new(connections: Connections, items: Items, events: Events, undo_window: UndoWindow) -> Self {
        Bulk {
            selected: RwSignal::new(HashSet::new()),
            rows: RwSignal::new(Vec::new()),
            outcomes: RwSignal::new(Vec::new()),
            state: RwSignal::new(RunState::Idle),
            action: RwSignal::new(Action::Disconnect),
            receipts: RwSignal::new(Vec::new()),
            run: StoredValue::new(0),
            rate_limited: RwSignal::new(0),
            holding: RwSignal::new(Vec::new()),
            other_tab: RwSignal::new(Vec::new()),
            anchor: StoredValue::new(None),
            paused_for_identity: StoredValue::new(HashSet::new()),
            workers: StoredValue::new(0),
            announcement: RwSignal::new(String::new()),
            windows_open: StoredValue::new(0),
            undo_window,
            connections,
            items,
            events,
        }
    }

    /// Ticks or unticks one item, or with `extend` (shift-click) every item from the last one
    /// touched to this one, in the order shown.
    pub fn toggle(self, key: &str, checked: bool, extend: bool, order: &[Arc<Row>]) {
        let keys = match self.anchor.get_value() {
            Some(anchor) if extend => range_between(order, &anchor, key),
            _ => vec![key.to_owned()],
        };
        self.selected.update(|selected| {
            for key in keys {
                if checked {
                    selected.insert(key);
                } else {
                    selected.remove(&key);
                }
            }
        });
        self.anchor.set_value(Some(key.to_owned()));
    }

    /// Whether `action` applies to `row` now: not on its way or gone, and for a switch, one
    /// the platform documents, in the other position.
    pub fn applies(self, row: &Row, action: Action) -> bool {
        let free = self.items.get(&row.key()).phase.with_untracked(|phase| !phase.is_busy() && !phase.is_gone());
        let wanted = match action {
            Action::Disconnect => return free,
            Action::Disable => Status::Active,
            Action::Enable => Status::Disabled,
        };
        let switchable = self.connections.find(&row.item.connection_id).is_some_and(|c| c.can_switch(&row.item));
        free && switchable && row.item.status == wanted
    }

    /// Starts doing `action` to `rows`, one worker per connection; ignored while a run is
    /// active. Rows it does not apply to are left out. A Disconnect run waits out the undo
    /// window first; a switch, undone by the opposite switch, does not.
    pub fn start(self, rows: Vec<Arc<Row>>, action: Action) {
        if self.state.with_untracked(RunState::is_active) {
            return;
        }
        let rows: Vec<Arc<Row>> = rows.into_iter().filter(|row| self.applies(row, action)).collect();
        if rows.is_empty() {
            return;
        }
        worker::prepare();
        self.action.set(action);
        self.run.update_value(|run| *run += 1);
        for row in &rows {
            let state = self.items.get(&row.key());
            state.action.set(action);
            state.phase.set(Phase::Queued);
        }
        let mut per_connection: Vec<(String, Vec<usize>)> = Vec::new();
        for (index, row) in rows.iter().enumerate() {
            let id = &row.item.connection_id;
            match per_connection.iter_mut().find(|(each, _)| each == id) {
                Some((_, indices)) => indices.push(index),
                None => per_connection.push((id.clone(), vec![index])),
            }
        }
        self.paused_for_identity.set_value(HashSet::new());
        let count = rows.len();
        self.outcomes.set(vec![ItemOutcome::Waiting; count]);
        self.rows.set(rows);
        self.rate_limited.set(0);
        self.holding.set(Vec::new());
        let Some(ends_at_ms) = self.undo_window.ends_at().filter(|_| action == Action::Disconnect) else {
            self.run(per_connection);
            return;
        };
        let window = RunState::Undoable { ends_at_ms };
        self.state.set(window.clone());
        self.announce(tf(
            "{count} integrations will be disconnected in {seconds} s. Undo keeps them.",
            &[("count", &number(count)), ("seconds", &self.undo_window.seconds())],
        ));
        spawn_local(async move {
            if undo::wait_out(ends_at_ms, move || self.state.get_untracked() == window).await {
                self.announce(tf("Disconnecting {count} integrations now.", &[("count", &number(count))]));
                self.run(per_connection);
            }
        });
    }

    /// Undo during the run's window: nothing was sent, every item is as it was, still selected.
    pub fn undo_run(self) {
        if !matches!(self.state.get_untracked(), RunState::Undoable { .. }) {
            return;
        }
        let rows = self.rows.get_untracked();
        for row in &rows {
            self.items.get(&row.key()).phase.set(Phase::Idle);
        }
        self.state.set(RunState::Idle);
        self.announce(tf("Undone: nothing was sent, {count} integrations kept.", &[("count", &number(rows.len()))]));
    }

    /// Starts one worker per connection, each over its items' indices in the run.
    fn run(self, per_connection: Vec<(String, Vec<usize>)>) {
        self.state.set(RunState::Running);
        self.workers.set_value(per_connection.len());
        for (connection_id, indices) in per_connection {
            match self.connections.find(&connection_id) {
                Some(connection) => spawn_local(self.work(connection, indices.into())),
                None => self.finish_worker(indices.into()),
            }
        }
    }

    /// One card's Disconnect, Disable, Enable or Retry: a run of one, through the same pacing,
    /// sending and outcome handling as a bulk run. Nobody watches a run of one, so a 429 or a
    /// 401 ends it as failed, with the wait or the sign-in to do and Retry, instead of holding
    /// or pausing. Ignored while the item is already on its way.
    pub fn act_one(self, row: Arc<Row>, action: Action) {
        let Some(connection) = self.connections.find(&row.item.connection_id) else { return };
        let item_state = self.items.get(&row.key());
        let phase = item_state.phase;
        if phase.with_untracked(Phase::is_busy) {
            return;
        }
        worker::prepare();
        item_state.action.set(action);
        let window = self
            .undo_window
            .ends_at()
            .filter(|_| action == Action::Disconnect)
            .map(|ends_at_ms| Phase::Undoable { ends_at_ms });
        let name = row.item.name.clone();
        match &window {
            Some(window) => {
                phase.set(window.clone());
                self.announce(tf(
                    "{name} will be disconnected in {seconds} s. Undo keeps it.",
                    &[("name", &name), ("seconds", &self.undo_window.seconds())],
                ));
            }
            None => phase.set(Phase::Working),
        }
        spawn_local(async move {
            if let Some(window @ Phase::Undoable { ends_at_ms }) = window {
                self.windows_open.update_value(|open| *open += 1);
                let ran_out = undo::wait_out(ends_at_ms, move || phase.get_untracked() == window).await;
                self.windows_open.update_value(|open| *open -= 1);
                if !ran_out {
                    return;
                }
                phase.set(Phase::Working);
                self.announce(tf("Disconnecting {name} now.", &[("name", &name)]));
            }
            let _waiting = connection.removal_waiting();
            if self.wait_to_send(connection, Follows::Nothing).await {
                self.send(connection, &row, action, Follows::Nothing, true).await;
            }
        });
    }

    /// Undo during one card's window: nothing was sent, the card is as it was.
    pub fn undo_one(self, row: &Row) {
        let phase = self.items.get(&row.key()).phase;
        if matches!(phase.get_untracked(), Phase::Undoable { .. }) {
            phase.set(Phase::Idle);
            self.announce(tf("Undone: nothing was sent, {name} kept.", &[("name", &row.item.name)]));
        }
    }

    /// What the browser's "leave this page?" should say, when leaving would change anything.
    pub fn leaving_warning(self) -> Option<&'static str> {
        let state = self.state.get_untracked();
        if self.windows_open.get_value() > 0 || matches!(state, RunState::Undoable { .. }) {
            Some(t("Nothing has been sent yet: leaving now cancels the disconnect."))
        } else {
            state.is_active().then(|| t("A bulk disconnect is still running."))
        }
    }

    /// The receipt of the current (or last) run.
    pub fn run_receipt(self) -> Vec<ReceiptEntry> {
        let run = Some(self.run.get_value());
        self.receipts.with(|all| all.iter().filter(|entry| entry.run == run).cloned().collect())
    }

    /// The receipt of one item's last action.
    pub fn item_receipt(self, key: &str) -> Vec<ReceiptEntry> {
        self.receipts.with(|all| all.iter().rev().find(|entry| entry.row.key() == key).cloned().into_iter().collect())
    }

    fn announce(self, text: String) {
        self.announcement.set(text);
    }

    pub fn pause(self) {
        if self.state.get_untracked() == RunState::Running {
            self.state.set(RunState::Paused(Pause::ByPerson));
        }
    }

    pub fn resume(self) {
        if matches!(self.state.get_untracked(), RunState::Paused(_)) {
            self.state.set(RunState::Running);
        }
    }

    /// Stops sending; what is in flight still gets its answer, the rest is "not sent".
    pub fn cancel(self) {
        if matches!(self.state.get_untracked(), RunState::Running | RunState::Paused(_)) {
            self.state.set(RunState::Cancelling);
        }
    }

    /// Runs the failed items of the last run again.
    pub fn retry_failed(self) {
        self.start(self.rows_where(|outcome| matches!(outcome, ItemOutcome::Failed(_))), self.action.get_untracked());
    }

    /// Waits while the run is paused and until the pacer allows; `false` when the run was
    /// cancelled.
    async fn wait_to_send(self, connection: ConnectionState, follows: Follows) -> bool {
        loop {
            if follows == Follows::TheRun {
                match self.state.get_untracked() {
                    RunState::Running => {}
                    RunState::Undoable { .. } | RunState::Paused(_) => {
                        sleep(POLL_MS).await;
                        continue;
                    }
                    RunState::Idle | RunState::Cancelling | RunState::Finished | RunState::Cancelled => return false,
                }
            }
            let delay = connection.pacer.with_value(|pacer| pacer.delay(now_ms()));
            if delay <= 0.0 {
                return true;
            }
            // In steps, so that Pause and Cancel are heard during a long wait.
            sleep(delay.min(POLL_MS)).await;
        }
    }

    /// Sends one removal and settles its card, tells the host, and returns how it ended: the
    /// one path of every Disconnect. In a run, a 429 (the pacer now holds for the platform's
    /// wait) or a 401 (the run pauses for sign-in) puts it back in the queue; but a
    /// 429 on the item's last try (`last_try`) settles it as failed. Under another sign-in than
    /// the one that listed the item, nothing is sent.
    async fn send(
        self,
        connection: ConnectionState,
        row: &Arc<Row>,
        action: Action,
        follows: Follows,
        last_try: bool,
    ) -> Sent {
        let item_state = self.items.get(&row.key());
        item_state.phase.set(Phase::Working);
        let result = connection.act(row.item.as_ref().clone(), action).await;
        if follows == Follows::TheRun {
            match &result {
                Err(CallError { failure: Failure::RateLimited { .. }, .. }) if !last_try => {
                    self.rate_limited.update(|count| *count += 1);
                    let wait = connection.pacer.with_value(|pacer| pacer.delay(now_ms()));
                    let label = connection.label();
                    self.holding.update(|holding| {
                        holding.retain(|(each, _)| *each != label);
                        holding.push((label, wait));
                    });
                    item_state.phase.set(Phase::Queued);
                    return Sent::RateLimited;
                }
                Err(CallError { failure: Failure::Unauthorized { .. }, .. }) => {
                    if self.state.get_untracked() == RunState::Running {
                        self.state.set(RunState::Paused(Pause::SignIn { connection: connection.label() }));
                    }
                    item_state.phase.set(Phase::Queued);
                    return Sent::WaitsForSignIn;
                }
                _ => {}
            }
        }
        let outcome = match &result {
            Ok(Done::Removed(_) | Done::Switched { .. }) => ItemOutcome::Done,
            Ok(Done::AlreadyGone(_)) => ItemOutcome::AlreadyGone,
            Err(error) => ItemOutcome::Failed(error.clone()),
        };
        self.events.publish(&Event::of_action(&row.item, action, result.is_ok()));
        let entry = ReceiptEntry {
            row: row.clone(),
            action,
            at_ms: now_ms(),
            status: match &result {
                Ok(done) => done.exchange().status,
                Err(error) => error.exchange.status,
            },
            outcome: match &result {
                Ok(Done::AlreadyGone(_)) => t("Already disconnected").to_owned(),
                Ok(_) => t("Done").to_owned(),
                Err(error) => error.failure.summary(),
            },
            message: result.as_ref().err().and_then(|error| error.failure.said()).and_then(|said| said.message.clone()),
            acted_as: connection.acting_as(),
            run: (follows == Follows::TheRun).then(|| self.run.get_value()),
        };
        self.receipts.update(|receipts| receipts.push(entry));
        item_state.finish(result);
        Sent::Settled(outcome)
    }

    async fn work(self, connection: ConnectionState, mut pending: VecDeque<usize>) {
        // Follow-up reads (Altegio's statuses) wait until this run is over.
        let waiting = connection.removal_waiting();
        let label = connection.label();
        let tab_lock = tab_lock::acquire(&format!("unplug.queue.{}", connection.id()), |waits| {
            self.other_tab.update(|all| {
                all.retain(|each| *each != label);
                if waits {
                    all.push(label.clone());
                }
            })
        })
        .await;
        // Tries of the item at the front that met a 429.
        let mut rate_limited = 0;
        while let Some(&index) = pending.front() {
            if !self.wait_to_send(connection, Follows::TheRun).await {
                break;
            }
            let Some(row) = self.rows.with_untracked(|rows| rows.get(index).cloned()) else { break };
            let paused_for_it = self.paused_for_identity.with_value(|paused| paused.contains(&connection.id()));
            // Signed in as someone else since the item was listed: pause once, so the person
            // sees it; after Resume such items are refused, one by one, and nothing is sent.
            let changed = connection.identity_now().is_some_and(|now| *now != *row.item.listed_by);
            if !paused_for_it && changed {
                self.paused_for_identity.update_value(|paused| {
                    paused.insert(connection.id());
                });
                self.state.set(RunState::Paused(Pause::IdentityChanged { connection: connection.label() }));
                continue;
            }
            let last_try = rate_limited + 1 >= MAX_RATE_LIMITS_IN_A_ROW;
            match self.send(connection, &row, self.action.get_untracked(), Follows::TheRun, last_try).await {
                Sent::Settled(outcome) => {
                    self.outcomes.update(|outcomes| outcomes[index] = outcome);
                    pending.pop_front();
                    rate_limited = 0;
                }
                Sent::RateLimited => rate_limited += 1,
                Sent::WaitsForSignIn => {}
            }
        }
        drop(tab_lock);
        drop(waiting);
        self.finish_worker(pending);
    }

    /// Marks what a worker did not send, and ends the run with the last worker.
    fn finish_worker(self, unsent: VecDeque<usize>) {
        if !unsent.is_empty() {
            let keys: Vec<String> = self.rows.with_untracked(|rows| {
                unsent.iter().filter_map(|index| rows.get(*index)).map(|row| row.key()).collect()
            });
            for key in keys {
                self.items.get(&key).phase.set(Phase::Idle);
            }
            self.outcomes.update(|outcomes| unsent.iter().for_each(|index| outcomes[*index] = ItemOutcome::NotSent));
        }
        self.workers.update_value(|workers| *workers = workers.saturating_sub(1));
        if self.workers.get_value() > 0 {
            return;
        }
        self.state.set(if self.state.get_untracked() == RunState::Cancelling {
            RunState::Cancelled
        } else {
            RunState::Finished
        });
        let counts = self.outcomes.with_untracked(|outcomes| Counts::of(outcomes));
        self.events.publish(&Event::BulkFinished {
            action: self.action.get_untracked(),
            total: counts.total,
            done: counts.done + counts.already_gone,
            failed: counts.failed,
        });
        self.holding.set(Vec::new());
        // What failed or was not sent stays selected, ready for "Retry failed".
        let keep = self.rows_where(|outcome| matches!(outcome, ItemOutcome::Failed(_) | ItemOutcome::NotSent));
        self.selected.set(keep.iter().map(|row| row.key()).collect());
    }

    /// The last run's rows whose outcome passes `keep`.
    fn rows_where(self, keep: fn(&ItemOutcome) -> bool) -> Vec<Arc<Row>> {
        self.rows.with_untracked(|rows| {
            self.outcomes.with_untracked(|outcomes| {
                rows.iter().zip(outcomes).filter(|(_, outcome)| keep(outcome)).map(|(row, _)| row.clone()).collect()
            })
        })
    }

    /// Takes the removed and already-gone cards of the last run off the screen.
    pub fn dismiss_disconnected(self) {
        let gone: HashSet<String> = self
            .rows_where(|outcome| matches!(outcome, ItemOutcome::Done | ItemOutcome::AlreadyGone))
            .iter()
            .map(|row| row.key())
            .collect();
        self.connections.all().into_iter().for_each(|connection| connection.dismiss(&gone));
    }
}

/// Keys from `from` to `to` inclusive, in `order`; just `to` when `from` is no longer shown.
fn range_between(order: &[Arc<Row>], from: &str, to: &str) -> Vec<String> {
    let position = |key: &str| order.iter().position(|row| row.key() == key);
    match (position(from), position(to)) {
        (Some(a), Some(b)) => order[a.min(b)..=a.max(b)].iter().map(|row| row.key()).collect(),
        _ => vec![to.to_owned()],
    }
}

pub fn provide_bulk(connections: Connections, items: Items) -> Bulk {
    let bulk = Bulk::new(connections, items, expect_events(), expect_context::<UndoWindow>());
    provide_context(bulk);
    bulk
}

pub fn expect_bulk() -> Bulk {
    expect_context::<Bulk>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Integration, Platform};

    fn rows(names: &[&str]) -> Vec<Arc<Row>> {
        names
            .iter()
            .map(|name| Arc::new(Row::new(Integration::example("c", Platform::Ryze, name, name), "C")))
            .collect()
    }

    #[test]
    fn a_range_runs_either_way_and_needs_its_anchor_shown() {
        let order = rows(&["a", "b", "c", "d"]);
        assert_eq!(range_between(&order, "c/b", "c/d"), ["c/b", "c/c", "c/d"]);
        assert_eq!(range_between(&order, "c/d", "c/b"), ["c/b", "c/c", "c/d"]);
        assert_eq!(range_between(&order, "c/gone", "c/b"), ["c/b"]);
    }

    #[test]
    fn counts_account_for_every_item() {
        let outcomes = [
            ItemOutcome::Done,
            ItemOutcome::Done,
            ItemOutcome::AlreadyGone,
            ItemOutcome::Failed(CallError::before_sending(Failure::TimedOut { after_ms: 1 })),
            ItemOutcome::Waiting,
            ItemOutcome::NotSent,
        ];
        let counts = Counts::of(&outcomes);
        assert_eq!(counts, Counts { total: 6, done: 2, already_gone: 1, failed: 1, waiting: 1, not_sent: 1 });
        assert_eq!(counts.settled() + counts.waiting, counts.total);
    }
}
