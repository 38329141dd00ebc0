//! The filtered integrations as cards or as a table, each rendering only what is on screen once
//! the list is long. Geometry goes through the CSSOM, never a `style` attribute, so a strict
//! `style-src 'self'` holds.

use crate::i18n::t;
use std::sync::Arc;

use leptos::html::{Div, Tr};
use leptos::prelude::*;

use super::window::{Geometry, RENDER_ALL_UP_TO, Slice, columns};
use crate::api::Action;
use crate::components::card::{Card, SelectBox, status_text};
use crate::components::last_activity::LastActivityText;
use crate::components::row_controls::RowControls;
use crate::components::switch_button::SwitchButton;
use crate::finding::filter::Row;
use crate::finding::query::{SortKey, ViewMode};
use crate::model::readable_time;
use crate::state::items::Phase;
use crate::state::url::{Step, expect_view_state};
use crate::views::windowed::{root_font_px, use_windowed_slice};

/// Sizes in rem that style/main.css gives windowed cards and table rows; keep them equal.
const CARD_MIN_WIDTH_REM: f64 = 18.0;
/// A card is about 13rem tall (a two-line name, two facts, the actions); this leaves room for a
/// third fact. An outcome scrolls inside it.
const CARD_HEIGHT_REM: f64 = 15.0;
const GAP_REM: f64 = 1.0;
const TABLE_ROW_REM: f64 = 3.0;

fn set_style(element: &web_sys::HtmlElement, property: &str, value: Option<String>) {
    let style = element.style();
    let _ = match value {
        Some(value) => style.set_property(property, &value),
        None => style.remove_property(property).map(|_| ()),
    };
}

/// Tracks where `list` sits on screen and returns the slice of `count` items to render.
fn use_slice(list: NodeRef<Div>, count: Signal<usize>, mode: ViewMode) -> Memo<Slice> {
    let measure = move || {
        // A frame may fire after the list is gone (the view switched): then there is nothing to do.
        let (Some(Some(element)), Some(window)) = (list.try_get_untracked(), web_sys::window()) else { return None };
        let rem = root_font_px();
        let rect = element.get_bounding_client_rect();
        let viewport_height = window.inner_height().ok().and_then(|height| height.as_f64()).unwrap_or(800.0);
        let (columns, row_pitch) = match mode {
            ViewMode::Cards => (
                columns(f64::from(element.client_width()), CARD_MIN_WIDTH_REM * rem, GAP_REM * rem),
                (CARD_HEIGHT_REM + GAP_REM) * rem,
            ),
            ViewMode::Table => (1, TABLE_ROW_REM * rem),
        };
        Some(Geometry { top: rect.top(), viewport_height, columns, row_pitch, whole_up_to: RENDER_ALL_UP_TO })
    };
    // Measured again whenever the list changes length or mounts.
    let guess =
        Geometry { top: 0.0, viewport_height: 1200.0, columns: 1, row_pitch: 300.0, whole_up_to: RENDER_ALL_UP_TO };
    use_windowed_slice(count, measure, move || list.track(), guess)
}

/// The slice of the shown rows to render.
fn rendered(shown: Memo<Vec<Arc<Row>>>, slice: Memo<Slice>) -> impl Fn() -> Vec<Arc<Row>> + Copy {
    move || {
        let Slice { start, end, .. } = slice.get();
        shown.with(|rows| rows.get(start..end.min(rows.len())).map(<[_]>::to_vec).unwrap_or_default())
    }
}

#[component]
pub fn CardGrid(shown: Memo<Vec<Arc<Row>>>) -> impl IntoView {
    let grid = NodeRef::<Div>::new();
    let count = Signal::derive(move || shown.with(Vec::len));
    let slice = use_slice(grid, count, ViewMode::Cards);
    Effect::new(move |_| {
        let slice = slice.get();
        let windowed = slice.is_windowed(count.get());
        let Some(element) = grid.get() else { return };
        let element: &web_sys::HtmlElement = &element;
        // From the slice's measurement: reading the width here would lay the page out again.
        let columns = (windowed && slice.end > slice.start).then_some(slice.columns);
        set_style(element, "grid-template-columns", columns.map(|n| format!("repeat({n}, minmax(0, 1fr))")));
        set_style(element, "padding-top", windowed.then(|| format!("{}px", slice.before_px)));
        set_style(element, "padding-bottom", windowed.then(|| format!("{}px", slice.after_px)));
    });
    view! {
        <div
            class="unplug-grid"
            class:unplug-grid--windowed=move || slice.get().is_windowed(count.get())
            node_ref=grid
        >
            <For each=rendered(shown, slice) key=|row| row.render_key() children=|row| view! { <Card row /> } />
        </div>
    }
}

/// A spacer row standing for the rows above or below the rendered ones.
#[component]
fn SpacerRow(height: Signal<f64>) -> impl IntoView {
    let row = NodeRef::<Tr>::new();
    Effect::new(move |_| {
        if let Some(element) = row.get() {
            set_style(&element, "height", Some(format!("{}px", height.get())));
        }
    });
    view! { <tr class="unplug-table__spacer" aria-hidden="true" node_ref=row><td colspan="8"></td></tr> }
}

#[component]
pub fn Table(shown: Memo<Vec<Arc<Row>>>) -> impl IntoView {
    let view_state = expect_view_state();
    let body = NodeRef::<Div>::new();
    let count = Signal::derive(move || shown.with(Vec::len));
    let slice = use_slice(body, count, ViewMode::Table);
    let header = move |key: SortKey| {
        let sort = move || view_state.0.with(|query| query.sort);
        let aria_sort = move || match sort() {
            current if current.key != key => "none",
            current if current.descending => "descending",
            _ => "ascending",
        };
        view! {
            <th scope="col" aria-sort=aria_sort>
                <button
                    type="button"
                    class="unplug-table__sort"
                    on:click=move |_| view_state.change(Step::Push, |query| query.sort = query.sort.toggled(key))
                >
                    {move || key.label()}
                    <span class="unplug-table__arrow" aria-hidden="true">
                        {move || match aria_sort() {
                            "ascending" => " ▲",
                            "descending" => " ▼",
                            _ => "",
                        }}
                    </span>
                </button>
            </th>
        }
    };
    view! {
        <div class="unplug-table-wrap" node_ref=body>
            <table class="unplug-table" aria-rowcount=move || (count.get() + 1).to_string()>
                <thead>
                    <tr>
                        <th scope="col"><span class="unplug-visually-hidden">{move || t("Select")}</span></th>
                        {header(SortKey::Name)}
                        {header(SortKey::Platform)}
                        {header(SortKey::Kind)}
                        {header(SortKey::Status)}
                        {header(SortKey::Created)}
                        {header(SortKey::LastActivity)}
                        <th scope="col">{move || t("Actions")}</th>
                    </tr>
                </thead>
                <tbody>
                    <Show when=move || { slice.get().before_px > 0.0 }>
                        <SpacerRow height=Signal::derive(move || slice.get().before_px) />
                    </Show>
                    <For each=rendered(shown, slice) key=|row| row.render_key() children=|row| view! { <TableRow row /> } />
                    <Show when=move || { slice.get().after_px > 0.0 }>
                        <SpacerRow height=Signal::derive(move || slice.get().after_px) />
                    </Show>
                </tbody>
            </table>
        </div>
    }
}

/// One integration as a dense row, with the same Disconnect as its card.
#[component]
fn TableRow(row: Arc<Row>) -> impl IntoView {
    let controls = RowControls::new(row.clone());
    let phase = controls.state.phase;
    let status_item = row.item.clone();
    let kind = row.item.kind;
    let ask = controls.on(RowControls::ask_to_disconnect);
    let open = controls.on(RowControls::open_details);
    let retry = controls.on(RowControls::retry);
    let undo_window = controls.undo_window();
    let action = controls.state.action;
    view! {
        <tr class="unplug-table__row" data-status=row.item.status.slug() data-disconnected=move || phase.with(Phase::is_gone).to_string()>
            <td><SelectBox row=row.clone() /></td>
            <th scope="row">
                <button type="button" class="unplug-card__name" aria-haspopup="dialog" on:click=open>{row.item.name.clone()}</button>
            </th>
            <td>{format!("{} · {}", row.item.platform.label(), row.connection_label)}</td>
            <td>{move || kind.label()}</td>
            <td>{move || phase.with(|phase| status_text(phase, &status_item))}</td>
            <td>{
                let created = row.item.created_at.clone();
                move || created.as_deref().map(readable_time)
            }</td>
            <td><LastActivityText item=row.item.clone() /></td>
            <td class="unplug-table__actions">
                {move || match phase.get() {
                    Phase::Finished(Err(error)) => view! {
                        <button type="button" on:click=retry.clone()>{move || t("Retry")}</button>
                        <span class="unplug-table__failure" role="alert">{error.failure.summary()}</span>
                    }
                    .into_any(),
                    phase => view! {
                        <button
                            type="button"
                            class="unplug-button--danger"
                            on:click=ask.clone()
                            disabled=phase.is_busy() || phase.is_gone()
                        >
                            {if phase.is_busy() && action.get_untracked() == Action::Disconnect { t("Disconnecting…") } else { t("Disconnect") }}
                        </button>
                    }
                    .into_any(),
                }}
                <SwitchButton controls=controls.clone() />
                {undo_window}
            </td>
        </tr>
    }
}
