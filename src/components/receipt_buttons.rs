//! Download receipt, as JSON and as CSV: of one card's last action, or of a whole run.

use leptos::prelude::*;

use super::download::{file_name, save_text};
use crate::bulk::receipt::{ReceiptEntry, receipt_csv, receipt_json};
use crate::i18n::t;
use crate::time::iso_time;

#[component]
pub fn ReceiptButtons(#[prop(into)] entries: Signal<Vec<ReceiptEntry>>) -> impl IntoView {
    let save = move |json: bool| {
        let entries = entries.get_untracked();
        if json {
            save_text(&file_name("receipt", "json"), "application/json", &receipt_json(&entries, &iso_time));
        } else {
            save_text(&file_name("receipt", "csv"), "text/csv", &receipt_csv(&entries, &iso_time));
        }
    };
    view! {
        <Show when=move || entries.with(|entries| !entries.is_empty())>
            <span class="unplug-receipt">
                <button type="button" on:click=move |_| save(true)>{move || t("Download receipt (JSON)")}</button>
                <button type="button" on:click=move |_| save(false)>{move || t("Download receipt (CSV)")}</button>
            </span>
        </Show>
    }
}
