//! Search, filters, sort, status counts, the cards/table switch and Export, all written to the
//! URL so a link reopens the same view.

use crate::i18n::{number, t, tf};
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use crate::components::element_id::element_id;

use crate::components::download::{file_name, save_text};
use crate::export::{integrations_csv, integrations_json};
use crate::finding::filter::Row;
use crate::finding::query::{SortKey, ViewMode, ViewQuery};
use crate::model::{Kind, Platform, Status};
use crate::state::connections::expect_connections;
use crate::state::typing;
use crate::state::url::{Step, ViewState, expect_view_state};
use crate::time::after_next_paint;

/// An `input` handler that refines the view with the box's text in a task after the next frame:
/// the typed letter is painted first, so a key that brings a screenful of new cards does not hold
/// back its own echo, and keys typed in between are applied together, from the text the box has
/// then. Each key also tells background list updates to wait for a pause ([`typing`]).
fn refine_after_paint(
    view_state: ViewState,
    refine: fn(&mut ViewQuery, String),
) -> impl Fn(leptos::ev::Event) + 'static {
    let pending = Rc::new(Cell::new(false));
    move |event| {
        typing::note_key();
        if pending.replace(true) {
            return;
        }
        let input = event_target::<web_sys::HtmlInputElement>(&event);
        let pending = Rc::clone(&pending);
        after_next_paint(move || {
            pending.set(false);
            // Nothing to refine once the view is disposed; no view is unmounted today, but a
            // read of a disposed signal would panic and stop every mount's wasm.
            if !view_state.0.is_disposed() {
                view_state.change(Step::Refine, |query| refine(query, input.value()));
            }
        });
    }
}

/// One `<select>` filter: "All …" or one value, by slug.
#[component]
fn FilterSelect(
    #[prop(into)] label: Signal<&'static str>,
    id: &'static str,
    #[prop(into)] all: Signal<&'static str>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    value: Signal<Option<String>>,
    #[prop(into)] on_pick: Callback<Option<String>>,
) -> impl IntoView {
    view! {
        <label class="unplug-filter" for=element_id(id)>
            <span>{move || label.get()}</span>
            <select
                id=element_id(id)
                prop:value=move || value.get().unwrap_or_default()
                on:change=move |event| {
                    let picked = event_target_value(&event);
                    on_pick.run((!picked.is_empty()).then_some(picked));
                }
            >
                // Each option says whether it is selected: a `value` set on the select before its
                // options exist (a page opened from a link) would fall back to the first one.
                <option value="" selected=move || value.with(Option::is_none)>{move || all.get()}</option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(slug, text)| {
                            let selected = {
                                let slug = slug.clone();
                                move || value.with(|value| value.as_deref() == Some(slug.as_str()))
                            };
                            view! { <option value=slug selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

#[component]
pub fn Toolbar(
    all: Memo<Vec<Arc<Row>>>,
    shown: Memo<Vec<Arc<Row>>>,
    counts: Memo<Vec<(Status, usize)>>,
) -> impl IntoView {
    let view_state = expect_view_state();
    let connections = expect_connections();
    let query = view_state.0;
    let pick = move |change: fn(&mut ViewQuery, Option<String>)| {
        Callback::new(move |value: Option<String>| view_state.change(Step::Push, |query| change(query, value)))
    };
    let connection_options = connections.all().iter().map(|state| (state.id(), state.label())).collect::<Vec<_>>();
    let export = move |as_json: bool| {
        shown.with_untracked(|rows| {
            if as_json {
                save_text(&file_name("integrations", "json"), "application/json", &integrations_json(rows));
            } else {
                save_text(&file_name("integrations", "csv"), "text/csv", &integrations_csv(rows));
            }
        });
    };
    let view_button = move |mode: ViewMode, text: fn() -> &'static str| {
        view! {
            <button
                type="button"
                aria-pressed=move || (query.with(|query| query.view) == mode).to_string()
                on:click=move |_| view_state.change(Step::Push, |query| query.view = mode)
            >
                {text}
            </button>
        }
    };
    view! {
        <div class="unplug-toolbar">
            <label class="unplug-filter unplug-filter--search" for=element_id("search")>
                <span>{move || t("Search")}</span>
                <input
                    id=element_id("search")
                    type="search"
                    placeholder=move || t("Name, id, URL, location, instance")
                    autocomplete="off"
                    prop:value=move || query.with(|query| query.search.clone())
                    on:input=refine_after_paint(view_state, |query, text| query.search = text)
                />
            </label>
            <FilterSelect
                label=Signal::derive(|| t("Platform"))
                id="filter-platform"
                all=Signal::derive(|| t("All platforms"))
                options=Signal::derive(|| Platform::ALL.iter().map(|p| (p.slug().to_owned(), p.label().to_owned())).collect())
                value=Signal::derive(move || query.with(|query| query.platform.map(|p| p.slug().to_owned())))
                on_pick=pick(|query, value| query.platform = value.as_deref().and_then(Platform::from_slug))
            />
            <FilterSelect
                label=Signal::derive(|| t("Connection"))
                id="filter-connection"
                all=Signal::derive(|| t("All connections"))
                options=Signal::stored(connection_options)
                value=Signal::derive(move || query.with(|query| query.connection.clone()))
                on_pick=pick(|query, value| query.connection = value)
            />
            <FilterSelect
                label=Signal::derive(|| t("Kind"))
                id="filter-kind"
                all=Signal::derive(|| t("All kinds"))
                options=Signal::derive(|| Kind::ALL.iter().map(|k| (k.slug().to_owned(), k.label().to_owned())).collect())
                value=Signal::derive(move || query.with(|query| query.kind.map(|k| k.slug().to_owned())))
                on_pick=pick(|query, value| query.kind = value.as_deref().and_then(Kind::from_slug))
            />
            <label class="unplug-filter unplug-filter--idle" for=element_id("filter-idle")>
                <span>{move || t("Inactive for more than N days")}</span>
                // Empty is no filter; each keystroke refines one step of history, as the search does.
                <input
                    id=element_id("filter-idle")
                    type="number"
                    min="0"
                    step="1"
                    inputmode="numeric"
                    prop:value=move || query.with(|query| query.idle.map(|days| days.to_string()).unwrap_or_default())
                    on:input=refine_after_paint(view_state, |query, text| query.idle = text.trim().parse().ok())
                />
            </label>
            <label class="unplug-filter" for=element_id("sort")>
                <span>{move || t("Sort")}</span>
                <select
                    id=element_id("sort")
                    prop:value=move || query.with(|query| query.sort.to_param())
                    on:change=move |event| {
                        let picked = ViewQuery::parse(&format!("sort={}", event_target_value(&event))).sort;
                        view_state.change(Step::Push, |query| query.sort = picked);
                    }
                >
                    {SortKey::ALL
                        .into_iter()
                        .flat_map(|key| [(key, key.is_time()), (key, !key.is_time())])
                        .map(|(key, descending)| {
                            let sort = crate::finding::query::Sort { key, descending };
                            let text = move || {
                                let direction = match (key.is_time(), descending) {
                                    (true, true) => t("newest first"),
                                    (true, false) => t("oldest first"),
                                    (false, false) => t("A–Z"),
                                    (false, true) => t("Z–A"),
                                };
                                format!("{}, {direction}", key.label())
                            };
                            let selected = move || query.with(|query| query.sort == sort);
                            view! { <option value=sort.to_param() selected=selected>{text}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <div class="unplug-toolbar__group" role="group" aria-label=move || t("View")>
                {view_button(ViewMode::Cards, || t("Cards"))}
                {view_button(ViewMode::Table, || t("Table"))}
            </div>
            <div class="unplug-toolbar__group" role="group" aria-label=move || t("Export")>
                <button type="button" on:click=move |_| export(false)>{move || t("Export CSV")}</button>
                <button type="button" on:click=move |_| export(true)>{move || t("Export JSON")}</button>
            </div>
        </div>
        <div class="unplug-counts" role="group" aria-label=move || t("Status")>
            {move || counts.get().into_iter().map(|(status, count)| view! { <StatusCount status count /> }).collect_view()}
        </div>
        <p class="unplug-summary" role="status">
            {move || tf("Showing {shown} of {total}", &[("shown", &number(shown.with(Vec::len))), ("total", &number(all.with(Vec::len)))])}
        </p>
    }
}

/// A status and how many have it; pressing it filters by it (several may be pressed).
#[component]
fn StatusCount(status: Status, count: usize) -> impl IntoView {
    let view_state = expect_view_state();
    let pressed = move || view_state.0.with(|query| query.statuses.contains(&status));
    let toggle = move |_| {
        view_state.change(Step::Push, |query| {
            if query.statuses.contains(&status) {
                query.statuses.retain(|each| *each != status);
            } else {
                query.statuses.push(status);
            }
        })
    };
    view! {
        <button type="button" class="unplug-count" data-status=status.slug() aria-pressed=move || pressed().to_string() on:click=toggle>
            <span class="unplug-count__label">{move || status.label()}</span>
            " "
            <span class="unplug-count__number">{move || number(count)}</span>
        </button>
    }
}
