//! Bulk disconnect: the selection bar, the confirmation that lists what goes, and the queue with
//! its progress, controls and results.

use crate::i18n::{number, t, tf};
use std::collections::HashSet;
use std::sync::Arc;

use leptos::ev;
use leptos::html::Dialog;
use leptos::prelude::*;

use crate::components::element_id::element_id;

use crate::api::Action;
use crate::bulk::plan::{by_connection, failures_by_reason};
use crate::bulk::queue::{Counts, ItemOutcome, Pause, RunState, expect_bulk};
use crate::components::impact::ImpactLines;
use crate::components::modal;
use crate::components::receipt_buttons::ReceiptButtons;
use crate::components::undo::UndoCountdown;
use crate::finding::filter::Row;
use crate::state::connections::expect_connections;
use crate::state::navigation::{Tab, expect_navigation};

/// Above this many items the confirmation asks for the number to be typed.
const TYPE_THE_COUNT_ABOVE: usize = 10;
/// Names listed per connection in the confirmation; the rest are counted.
const NAMES_LISTED: usize = 10;

/// One planned item's name; opened, what stops for it, read on demand.
#[component]
fn ItemImpact(row: Arc<Row>) -> impl IntoView {
    let opened = RwSignal::new(false);
    let name = row.item.name.clone();
    view! {
        <details on:toggle=move |_| opened.set(true)>
            <summary>{name}</summary>
            {move || opened.get().then(|| super::impact::read_impact(&row).map(|impact| view! { <ImpactLines impact /> }))}
        </details>
    }
}

/// A run's words for its action: its title, and the word for one item it did.
fn run_words(action: Action) -> (&'static str, &'static str) {
    match action {
        Action::Disconnect => (t("Bulk disconnect"), t("removed")),
        Action::Disable => (t("Bulk disable"), t("turned off")),
        Action::Enable => (t("Bulk enable"), t("turned on")),
    }
}

/// The title of the list of what a run did.
fn done_title(action: Action, count: usize) -> String {
    let count = number(count);
    match action {
        Action::Disconnect => tf("Disconnected ({count})", &[("count", &count)]),
        Action::Disable => tf("Disabled ({count})", &[("count", &count)]),
        Action::Enable => tf("Enabled ({count})", &[("count", &count)]),
    }
}

/// Where a run stands, in its action's words.
fn counts_line(action: Action, c: &Counts) -> String {
    let (settled, total, done, gone, failed, waiting) = (
        number(c.settled()),
        number(c.total),
        number(c.done),
        number(c.already_gone),
        number(c.failed),
        number(c.waiting),
    );
    let args: [(&str, &dyn std::fmt::Display); 6] = [
        ("settled", &settled),
        ("total", &total),
        ("done", &done),
        ("gone", &gone),
        ("failed", &failed),
        ("waiting", &waiting),
    ];
    match action {
        Action::Disconnect => tf(
            "{settled} of {total} done: removed {done} · already gone {gone} · failed {failed} · waiting {waiting}",
            &args,
        ),
        Action::Disable => {
            tf("{settled} of {total} done: disabled {done} · failed {failed} · waiting {waiting}", &args)
        }
        Action::Enable => tf("{settled} of {total} done: enabled {done} · failed {failed} · waiting {waiting}", &args),
    }
}

/// The button that switches the selected rows it applies to.
fn switch_label(action: Action, count: usize) -> String {
    let count = number(count);
    match action {
        Action::Disable => tf("Disable selected ({count})", &[("count", &count)]),
        _ => tf("Enable selected ({count})", &[("count", &count)]),
    }
}

/// The loaded rows whose keys are selected, in load order. Nothing selected writes no key: this
/// runs whenever the list changes, and writing 50,000 keys takes a while.
fn selected_rows<'a>(all: &'a [Arc<Row>], selected: &'a HashSet<String>) -> impl Iterator<Item = &'a Arc<Row>> {
    let none = selected.is_empty();
    all.iter().filter(move |row| !none && selected.contains(&row.key()))
}

#[component]
pub fn BulkBar(all: Memo<Vec<Arc<Row>>>, shown: Memo<Vec<Arc<Row>>>) -> impl IntoView {
    let bulk = expect_bulk();
    let dialog = NodeRef::<Dialog>::new();
    let planned = RwSignal::new(Vec::<Arc<Row>>::new());
    let selected_count =
        Memo::new(move |_| bulk.selected.with(|selected| all.with(|rows| selected_rows(rows, selected).count())));
    let active = move || bulk.state.with(RunState::is_active);
    let select_all = move |_| {
        let keys: HashSet<String> = shown.with_untracked(|rows| rows.iter().map(|row| row.key()).collect());
        bulk.selected.update(|selected| selected.extend(keys));
    };
    // Selected rows a switch applies to, per direction; their buttons show only when some do.
    let switchable = move |action: Action| {
        bulk.selected.with(|selected| {
            all.with(|rows| {
                selected_rows(rows, selected).filter(|row| bulk.applies(row, action)).cloned().collect::<Vec<_>>()
            })
        })
    };
    let switch_button = move |action: Action| {
        view! {
            <Show when=move || !switchable(action).is_empty()>
                <button type="button" disabled=active on:click=move |_| bulk.start(switchable(action), action)>
                    {move || switch_label(action, switchable(action).len())}
                </button>
            </Show>
        }
    };
    let open_confirmation = move |_| {
        planned
            .set(bulk.selected.with_untracked(|selected| {
                all.with_untracked(|rows| selected_rows(rows, selected).cloned().collect())
            }));
        request_animation_frame(move || modal::open(dialog));
    };
    view! {
        <div class="unplug-bulkbar" role="group" aria-label=move || t("Selection")>
            <span class="unplug-bulkbar__count">{move || tf("{count} selected", &[("count", &number(selected_count.get()))])}</span>
            <Show when=move || shown.with(|rows| !rows.is_empty())>
                <button type="button" on:click=select_all>{move || tf("Select all {count} matching", &[("count", &number(shown.with(Vec::len)))])}</button>
            </Show>
            <Show when=move || { selected_count.get() > 0 }>
                <button type="button" on:click=move |_| bulk.selected.set(HashSet::new())>{move || t("Clear selection")}</button>
            </Show>
            <button
                type="button"
                class="unplug-button--danger"
                disabled=move || selected_count.get() == 0 || active()
                title=move || active().then(|| t("A bulk disconnect is running"))
                on:click=open_confirmation
            >
                {move || t("Disconnect selected")}
            </button>
            {switch_button(Action::Disable)}
            {switch_button(Action::Enable)}
        </div>
        <BulkConfirm dialog planned />
    }
}

#[component]
fn BulkConfirm(dialog: NodeRef<Dialog>, planned: RwSignal<Vec<Arc<Row>>>) -> impl IntoView {
    let connections = expect_connections();
    let bulk = expect_bulk();
    let typed = RwSignal::new(String::new());
    let count = move || planned.with(Vec::len);
    let needs_typing = move || count() > TYPE_THE_COUNT_ABOVE;
    let confirmed = move || !needs_typing() || typed.with(|text| text.trim() == count().to_string());
    let start = move |_| {
        if !confirmed() {
            return;
        }
        modal::close(dialog);
        typed.set(String::new());
        bulk.start(planned.get_untracked(), Action::Disconnect);
    };
    let cancel = move |_| {
        typed.set(String::new());
        modal::close(dialog);
    };
    view! {
        <dialog node_ref=dialog class="unplug-dialog" aria-labelledby=element_id("bulk-confirm-title")>
            <h2 id=element_id("bulk-confirm-title") class="unplug-dialog__title">
                {move || match count() {
                    1 => t("Disconnect 1 integration?").to_owned(),
                    n => tf("Disconnect {count} integrations?", &[("count", &number(n))]),
                }}
            </h2>
            <ul class="unplug-bulk__groups">
                {move || {
                    planned.with(|rows| by_connection(rows)).into_iter().map(|group| {
                        let more = group.rows.len().saturating_sub(NAMES_LISTED);
                        let listed: Vec<Arc<Row>> = group.rows.iter().take(NAMES_LISTED).cloned().collect();
                        view! {
                            <li>
                                <strong>{format!("{} · {}: {}", group.platform.label(), group.connection_label, number(group.rows.len()))}</strong>
                                <ul class="unplug-bulk__items">
                                    {listed.into_iter().map(|row| view! { <li><ItemImpact row /></li> }).collect_view()}
                                </ul>
                                {(more > 0).then(|| view! { <p>{tf("and {count} more", &[("count", &number(more))])}</p> })}
                                <p class="unplug-muted">{connections.find(&group.connection_id).map(|connection| connection.what_disconnect_does())}</p>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            <Show when=needs_typing>
                <label class="unplug-filter" for=element_id("bulk-count")>
                    <span>{move || t("Number of integrations to disconnect")}</span>
                    <input
                        id=element_id("bulk-count")
                        inputmode="numeric"
                        autocomplete="off"
                        prop:value=move || typed.get()
                        on:input=move |event| typed.set(event_target_value(&event))
                    />
                </label>
                <p class="unplug-muted">{move || tf("Type {count} to confirm.", &[("count", &count())])}</p>
            </Show>
            <div class="unplug-dialog__actions">
                // Opened, the dialog focuses its first focusable element: the count field when one is
                // asked for, else Cancel.
                <button type="button" on:click=cancel>{move || t("Cancel")}</button>
                <button type="button" class="unplug-button--danger" disabled=move || !confirmed() on:click=start>
                    {move || match count() {
                        1 => t("Disconnect 1 integration").to_owned(),
                        n => tf("Disconnect {count} integrations", &[("count", &number(n))]),
                    }}
                </button>
            </div>
        </dialog>
    }
}

/// The queue while it runs, and its results once it ends.
#[component]
pub fn BulkPanel() -> impl IntoView {
    let bulk = expect_bulk();
    let navigation = expect_navigation();
    let counts = Memo::new(move |_| bulk.outcomes.with(|outcomes| Counts::of(outcomes)));
    let state = move || bulk.state.get();
    // Closing the tab mid-run would strand the queue: the browser asks first.
    let guard = window_event_listener(ev::beforeunload, move |event| {
        if let Some(warning) = bulk.leaving_warning() {
            event.prevent_default();
            event.set_return_value(warning);
        }
    });
    on_cleanup(move || guard.remove());
    let failures = Memo::new(move |_| {
        bulk.rows.with(|rows| {
            bulk.outcomes.with(|outcomes| {
                let failed = rows.iter().zip(outcomes).filter_map(|(row, outcome)| match outcome {
                    ItemOutcome::Failed(error) => Some((&**row, error)),
                    _ => None,
                });
                failures_by_reason(failed)
            })
        })
    });
    let words = move || run_words(bulk.action.get());
    let removed_names = move || {
        bulk.rows.with(|rows| {
            bulk.outcomes.with(|outcomes| {
                rows.iter()
                    .zip(outcomes)
                    .filter(|(_, outcome)| matches!(outcome, ItemOutcome::Done | ItemOutcome::AlreadyGone))
                    .map(|(row, outcome)| {
                        let how = if *outcome == ItemOutcome::Done { words().1 } else { t("already gone") };
                        format!("{} · {} — {how}", row.item.name, row.connection_label)
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <Show when=move || state() != RunState::Idle>
            <section class="unplug-bulk" aria-labelledby=element_id("bulk-title") data-bulk-state=move || bulk.state.with(RunState::slug)>
                <h3 id=element_id("bulk-title")>{move || words().0}</h3>
                <progress
                    class="unplug-progress"
                    aria-label=move || t("Bulk disconnect progress")
                    max=move || counts.get().total.max(1).to_string()
                    value=move || counts.get().settled().to_string()
                ></progress>
                <p role="status" class="unplug-bulk__counts">
                    {move || {
                        let c = counts.get();
                        let mut text = counts_line(bulk.action.get(), &c);
                        if c.not_sent > 0 {
                            text.push_str(&tf(" · not sent {count}", &[("count", &number(c.not_sent))]));
                        }
                        let state = match state() {
                            RunState::Finished => t("Finished."),
                            RunState::Cancelled => t("Cancelled."),
                            RunState::Paused(_) => t("Paused."),
                            RunState::Cancelling => t("Cancelling…"),
                            _ => return text,
                        };
                        format!("{state} {text}")
                    }}
                </p>
                <p class="unplug-muted">
                    {move || tf("Rate-limit answers (429) so far: {count}; each was retried after the wait.", &[("count", &number(bulk.rate_limited.get() as usize))])}
                </p>
                <Show when=move || state().is_active()>
                    {move || bulk.other_tab.get().into_iter().map(|label| {
                        view! { <p role="status">{tf("Another tab is running the queue of {connection}: this run waits until it ends.", &[("connection", &label)])}</p> }
                    }).collect_view()}
                    {move || bulk.holding.get().into_iter().map(|(label, wait)| {
                        view! { <p class="unplug-muted">{tf("{connection} answered 429: waited {seconds} s before retrying.", &[("connection", &label), ("seconds", &format!("{:.1}", wait / 1000.0))])}</p> }
                    }).collect_view()}
                </Show>
                {move || match state() {
                    RunState::Undoable { ends_at_ms } => Some(view! {
                        <UndoCountdown ends_at_ms on_undo=move |()| bulk.undo_run() />
                    }.into_any()),
                    RunState::Paused(Pause::SignIn { connection }) => Some(view! {
                        <div role="alert" class="unplug-bulk__paused">
                            <p>{tf("{connection} answered 401: its credentials are no longer accepted. Sign in again, then press Resume.", &[("connection", &connection)])}</p>
                            <button type="button" class="unplug-link" on:click=move |_| navigation.0.set(Tab::Connections)>{move || t("Open Connections")}</button>
                        </div>
                    }.into_any()),
                    RunState::Paused(Pause::IdentityChanged { connection }) => Some(view! {
                        <div role="alert" class="unplug-bulk__paused">
                            <p>{tf("{connection} is now signed in as someone else than the sign-in that listed these integrations. Resume refuses them without sending anything; Cancel stops the run.", &[("connection", &connection)])}</p>
                        </div>
                    }.into_any()),
                    _ => None,
                }}
                <div class="unplug-bulk__actions">
                    <Show when=move || state() == RunState::Running>
                        <button type="button" on:click=move |_| bulk.pause()>{move || t("Pause")}</button>
                    </Show>
                    <Show when=move || matches!(state(), RunState::Paused(_))>
                        <button type="button" on:click=move |_| bulk.resume()>{move || t("Resume")}</button>
                    </Show>
                    <Show when=move || matches!(state(), RunState::Running | RunState::Paused(_))>
                        <button type="button" on:click=move |_| bulk.cancel()>{move || t("Cancel")}</button>
                    </Show>
                    <Show when=move || !state().is_active()>
                        <ReceiptButtons entries=Signal::derive(move || bulk.run_receipt()) />
                    </Show>
                    <Show when=move || { !state().is_active() && counts.get().failed > 0 }>
                        <button type="button" on:click=move |_| bulk.retry_failed()>{move || t("Retry failed")}</button>
                    </Show>
                    <Show when=move || {
                        !state().is_active() && bulk.action.get() == Action::Disconnect && counts.with(|c| c.done + c.already_gone > 0)
                    }>
                        <button type="button" on:click=move |_| bulk.dismiss_disconnected()>{move || t("Dismiss disconnected")}</button>
                    </Show>
                </div>
                <Show when=move || !state().is_active()>
                    {move || failures.get().into_iter().map(|group| view! {
                        <div class="unplug-bulk__failure" role="group" aria-label=tf("Failed: {reason}", &[("reason", &group.summary)])>
                            <h4>{format!("{} ({})", group.summary, number(group.items.len()))}</h4>
                            {group.platform_message.map(|message| view! { <p>{tf("The platform said: {message}", &[("message", &message)])}</p> })}
                            {group.error_type.map(|kind| view! { <p>{tf("Error type: {kind}", &[("kind", &kind)])}</p> })}
                            <p class="unplug-muted">{group.next_step}</p>
                            <ul>{group.items.into_iter().map(|(_, name, label)| view! { <li>{format!("{name} · {label}")}</li> }).collect_view()}</ul>
                        </div>
                    }).collect_view()}
                    <details class="unplug-bulk__done">
                        <summary>{move || done_title(bulk.action.get(), counts.with(|c| c.done + c.already_gone))}</summary>
                        <ul>{move || removed_names().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                    </details>
                </Show>
            </section>
        </Show>
    }
}
