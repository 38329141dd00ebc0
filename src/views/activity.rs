//! The Activity panel: the session's last calls, newest first; never a secret. Past
//! [`RENDER_ALL_UP_TO`] calls only the rows on screen are in the DOM, with spacer rows standing
//! for the rest and `aria-rowcount`/`aria-rowindex` telling assistive tech the table's size.
//! Geometry goes through the CSSOM, never a `style` attribute, so a strict `style-src 'self'` holds.

use crate::i18n::{number, t, tf};
use leptos::html::{Tbody, Tr};
use leptos::prelude::*;

use crate::components::element_id::element_id;

use crate::api::call::CallRecord;
use crate::components::download::{file_name, save_text};
use crate::export::{activity_csv, activity_json};
use crate::state::activity::{Ring, expect_activity};
use crate::state::navigation::{Navigation, Tab};
use crate::time::iso_time;
use crate::views::inventory::window::{Geometry, Slice};

/// Up to this many calls the table is rendered whole, so the page's find sees each: a call row
/// is cheap and no keystroke rebuilds it, unlike an inventory card.
const CALLS_RENDERED_WHOLE_UP_TO: usize = 120;
use crate::views::windowed::{root_font_px, use_windowed_slice};

/// The height style/main.css gives a windowed row (`.unplug-activity__table--windowed`), used
/// until rendered rows can be measured; keep them equal.
const ROW_REM: f64 = 2.0;

/// `HH:MM:SS` in the browser's time zone, with the zone's offset.
fn clock_time(at_ms: f64) -> String {
    let date = js_sys::Date::new(&at_ms.into());
    let offset_minutes = -date.get_timezone_offset() as i32;
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let offset = offset_minutes.abs();
    format!(
        "{:02}:{:02}:{:02} UTC{sign}{:02}:{:02}",
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds(),
        offset / 60,
        offset % 60
    )
}

/// One row's pitch as rendered: the distance between the first two call rows, else the CSS height.
fn row_pitch(body: &web_sys::HtmlElement) -> f64 {
    let first = body.query_selector("tr[aria-rowindex]").ok().flatten();
    let second = first.as_ref().and_then(web_sys::Element::next_element_sibling);
    match (first, second) {
        (Some(first), Some(second)) if second.has_attribute("aria-rowindex") => {
            let pitch = second.get_bounding_client_rect().top() - first.get_bounding_client_rect().top();
            if pitch > 0.0 { pitch } else { ROW_REM * root_font_px() }
        }
        _ => ROW_REM * root_font_px(),
    }
}

/// Tracks where the table's body sits on screen and returns the slice of `count` rows to render;
/// `tab` (absent where the console has no navigation) has it measured again when shown.
fn use_slice(body: NodeRef<Tbody>, count: Memo<usize>, tab: Option<Navigation>) -> Memo<Slice> {
    let measure = move || {
        // A frame may fire after the table is gone (no calls any more): then there is nothing to do.
        let (Some(Some(element)), Some(window)) = (body.try_get_untracked(), web_sys::window()) else { return None };
        let rect = element.get_bounding_client_rect();
        // A hidden view has no box; it is measured again when shown.
        if rect.width() == 0.0 && rect.height() == 0.0 {
            return None;
        }
        let viewport_height = window.inner_height().ok().and_then(|height| height.as_f64()).unwrap_or(800.0);
        Some(Geometry {
            top: rect.top(),
            viewport_height,
            columns: 1,
            row_pitch: row_pitch(&element),
            whole_up_to: CALLS_RENDERED_WHOLE_UP_TO,
        })
    };
    // Measured again whenever the list changes length, the table mounts, or the view is shown.
    let remeasure = move || {
        body.track();
        if let Some(tab) = tab {
            tab.0.track();
        }
    };
    let guess = Geometry {
        top: 0.0,
        viewport_height: 1200.0,
        columns: 1,
        row_pitch: ROW_REM * 16.0,
        whole_up_to: CALLS_RENDERED_WHOLE_UP_TO,
    };
    use_windowed_slice(count.into(), measure, remeasure, guess)
}

/// A spacer row standing for the rows above or below the rendered ones.
#[component]
fn SpacerRow(height: Signal<f64>) -> impl IntoView {
    let row = NodeRef::<Tr>::new();
    Effect::new(move |_| {
        if let Some(element) = row.get() {
            let _ = web_sys::HtmlElement::style(&element).set_property("height", &format!("{}px", height.get()));
        }
    });
    view! { <tr class="unplug-activity__spacer" aria-hidden="true" node_ref=row><td colspan="5"></td></tr> }
}

/// One call. Its place in the table follows `pushed`, as newer calls push it down.
#[component]
fn CallRow(seq: usize, record: CallRecord, pushed: Memo<usize>, windowed: Signal<bool>) -> impl IntoView {
    // Newest first: the newest call (seq pushed - 1) is row 2, under the header row.
    let row_index = move || (pushed.get() - seq + 1).to_string();
    // Windowed rows are one line high; the full text stays in the DOM and in a tooltip.
    let request = record.request_line.clone();
    let outcome = record.outcome.clone();
    view! {
        <tr aria-rowindex=row_index>
            <td>{clock_time(record.at_ms)}</td>
            <td>{record.connection}</td>
            <td title=move || windowed.get().then(|| request.clone())><code>{record.request_line}</code></td>
            <td>{record.status.map_or_else(|| "—".to_owned(), |s| s.to_string())}</td>
            <td title=move || windowed.get().then(|| outcome.clone())>{record.outcome}</td>
        </tr>
    }
}

#[component]
pub fn ActivityView() -> impl IntoView {
    let activity = expect_activity();
    let export = move |as_json: bool| {
        // Arranging the ring as one slice changes no call and no order: nothing to notify.
        activity.0.update_untracked(|records| {
            let records = records.as_slice();
            if as_json {
                save_text(&file_name("activity", "json"), "application/json", &activity_json(records, &iso_time));
            } else {
                save_text(&file_name("activity", "csv"), "text/csv", &activity_csv(records, &iso_time));
            }
        });
    };
    // While another view is open the table stays as it was and is brought up to date when shown:
    // a load or a run logs calls several times a second, and each would rewrite every row's
    // index in a table nobody sees. Calls are only ever pushed, so their number says what changed.
    let navigation = use_context::<Navigation>();
    let pushed = Memo::new(move |previous: Option<&usize>| {
        let open = navigation.is_none_or(|navigation| navigation.0.get() == Tab::Activity);
        match previous {
            Some(previous) if !open => *previous,
            _ => activity.0.with(Ring::pushed),
        }
    });
    // Read through `pushed` (`track` alone would not run that memo).
    let count = Memo::new(move |_| pushed.with(|_| activity.0.with_untracked(Ring::len)));
    let dropped = Memo::new(move |_| pushed.with(|_| activity.0.with_untracked(Ring::dropped)));
    let empty = move || count.get() == 0;
    let body = NodeRef::<Tbody>::new();
    let slice = use_slice(body, count, navigation);
    let windowed = Signal::derive(move || count.get() > CALLS_RENDERED_WHOLE_UP_TO);
    // Only the rendered slice is copied out of the ring, with each call's sequence number as its key.
    let rows = move || {
        let Slice { start, end, .. } = slice.get();
        pushed.with(|_| {
            activity.0.with_untracked(|ring| {
                ring.newest_first(start, end).map(|(seq, record)| (seq, record.clone())).collect::<Vec<_>>()
            })
        })
    };
    let title_id = element_id("activity-title");
    let labelled_by = title_id.clone();
    view! {
        <section class="unplug-activity" aria-labelledby=labelled_by>
            <div class="unplug-inventory__bar">
                <h2 id=title_id>{move || t("Activity")}</h2>
                <button type="button" disabled=empty on:click=move |_| export(false)>{move || t("Export CSV")}</button>
                <button type="button" disabled=empty on:click=move |_| export(true)>{move || t("Export JSON")}</button>
            </div>
            <Show when=move || { dropped.get() > 0 }>
                <p class="unplug-muted unplug-activity__dropped">
                    {move || tf(
                        "Showing the last {kept} calls; older ones dropped so far: {dropped}.",
                        &[("kept", &number(count.get())), ("dropped", &number(dropped.get()))],
                    )}
                </p>
            </Show>
            <Show
                when=move || { count.get() > 0 }
                fallback=|| view! { <p class="unplug-empty">{move || t("No calls yet this session.")}</p> }
            >
                <table
                    class="unplug-activity__table"
                    class:unplug-activity__table--windowed=windowed
                    aria-rowcount=move || (count.get() + 1).to_string()
                >
                    <thead>
                        <tr aria-rowindex="1">
                            <th scope="col">{move || t("Time")}</th>
                            <th scope="col">{move || t("Connection")}</th>
                            <th scope="col">{move || t("Request")}</th>
                            <th scope="col">{move || t("Status")}</th>
                            <th scope="col">{move || t("Outcome")}</th>
                        </tr>
                    </thead>
                    <tbody node_ref=body>
                        <Show when=move || { slice.get().before_px > 0.0 }>
                            <SpacerRow height=Signal::derive(move || slice.get().before_px) />
                        </Show>
                        <For
                            each=rows
                            key=|(seq, _)| *seq
                            children=move |(seq, record)| view! { <CallRow seq record pushed windowed /> }
                        />
                        <Show when=move || { slice.get().after_px > 0.0 }>
                            <SpacerRow height=Signal::derive(move || slice.get().after_px) />
                        </Show>
                    </tbody>
                </table>
            </Show>
        </section>
    }
}
