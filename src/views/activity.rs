//! The Activity panel: every call of this session, newest first; never a secret.

use crate::i18n::t;
use leptos::prelude::*;

use crate::components::download::{file_name, save_text};
use crate::export::{activity_csv, activity_json};
use crate::state::activity::expect_activity;

/// ISO 8601 in UTC, for exported records.
fn iso_time(at_ms: f64) -> String {
    String::from(js_sys::Date::new(&at_ms.into()).to_iso_string())
}

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

#[component]
pub fn ActivityView() -> impl IntoView {
    let activity = expect_activity();
    let export = move |as_json: bool| {
        activity.0.with_untracked(|records| {
            if as_json {
                save_text(&file_name("activity", "json"), "application/json", &activity_json(records, &iso_time));
            } else {
                save_text(&file_name("activity", "csv"), "text/csv", &activity_csv(records, &iso_time));
            }
        });
    };
    let empty = move || activity.0.with(Vec::is_empty);
    view! {
        <section class="unplug-activity" aria-labelledby="unplug-activity-title">
            <div class="unplug-inventory__bar">
                <h2 id="unplug-activity-title">{move || t("Activity")}</h2>
                <button type="button" disabled=empty on:click=move |_| export(false)>{move || t("Export CSV")}</button>
                <button type="button" disabled=empty on:click=move |_| export(true)>{move || t("Export JSON")}</button>
            </div>
            <Show
                when=move || activity.0.with(|records| !records.is_empty())
                fallback=|| view! { <p class="unplug-empty">{move || t("No calls yet this session.")}</p> }
            >
                <table class="unplug-activity__table">
                    <thead>
                        <tr>
                            <th scope="col">{move || t("Time")}</th>
                            <th scope="col">{move || t("Connection")}</th>
                            <th scope="col">{move || t("Request")}</th>
                            <th scope="col">{move || t("Status")}</th>
                            <th scope="col">{move || t("Outcome")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            activity.0.with(|records| {
                                records
                                    .iter()
                                    .rev()
                                    .map(|record| view! {
                                        <tr>
                                            <td>{clock_time(record.at_ms)}</td>
                                            <td>{record.connection.clone()}</td>
                                            <td><code>{record.request_line.clone()}</code></td>
                                            <td>{record.status.map_or_else(|| "—".to_owned(), |s| s.to_string())}</td>
                                            <td>{record.outcome.clone()}</td>
                                        </tr>
                                    })
                                    .collect_view()
                            })
                        }}
                    </tbody>
                </table>
            </Show>
        </section>
    }
}
