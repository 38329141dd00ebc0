//! The detail panel: every field of the list (with copy buttons for ids), every non-secret field
//! of the platform's record, loaded when it opens, the last request and answer for this
//! integration, and its Disconnect.

use std::sync::Arc;

use crate::i18n::{t, tf};
use leptos::html::Dialog;
use leptos::prelude::*;

use super::fields::FieldRows;
use super::last_activity::LastActivityText;
use super::outcome::{FailureNotice, RawResponse};
use crate::api::call::Exchange;
use crate::model::{Integration, readable_time};
use crate::state::items::Details;

#[component]
pub fn DetailPanel(
    item: Arc<Integration>,
    dialog: NodeRef<Dialog>,
    details: RwSignal<Details>,
    last_exchange: RwSignal<Option<Exchange>>,
    #[prop(into)] on_disconnect: Callback<()>,
    /// Heard however the panel closes: Close, Escape, or Disconnect.
    #[prop(into)]
    on_close: Callback<()>,
    #[prop(into)] disconnect_disabled: Signal<bool>,
) -> impl IntoView {
    let title_id = super::element_id::element_id(&format!("details-{}", item.key()));
    let labelled_by = title_id.clone();
    view! {
        <dialog node_ref=dialog class="unplug-dialog unplug-details" aria-labelledby=labelled_by on:close=move |_| on_close.run(())>
            <h2 id=title_id class="unplug-dialog__title">{item.name.clone()}</h2>
            <p>{tf("{kind} on {platform}", &[("kind", &item.kind.label()), ("platform", &item.platform.label())])}</p>
            // What the list said, shown at once: the card keeps only a few facts of it.
            <dl class="unplug-fields unplug-details__listed">
                {item.created_by.clone().map(|by| view! { <dt>{move || t("Created by")}</dt><dd>{by}</dd> })}
                {item.created_at.clone().map(|at| view! { <dt>{move || t("Created")}</dt><dd>{move || readable_time(&at)}</dd> })}
                <dt>{move || t("Last activity")}</dt><dd><LastActivityText item=item.clone() /></dd>
                <FieldRows fields=item.fields.clone() />
            </dl>
            <h3>{move || t("Everything the platform returns")}</h3>
            {move || match details.get() {
                Details::NotLoaded | Details::Loading => {
                    view! { <p role="status">{move || t("Loading details…")}</p> }.into_any()
                }
                Details::Loaded(rows) => view! {
                    <dl class="unplug-fields unplug-details__all">
                        {rows.into_iter().map(|(path, value)| view! { <dt><code>{path}</code></dt><dd>{value}</dd> }).collect_view()}
                    </dl>
                }
                .into_any(),
                Details::Failed(error) => view! { <FailureNotice error /> }.into_any(),
            }}
            <h3>{move || t("Last request and answer")}</h3>
            {move || match last_exchange.get() {
                Some(exchange) => view! { <RawResponse exchange /> }.into_any(),
                None => view! { <p>{move || t("No request yet.")}</p> }.into_any(),
            }}
            <div class="unplug-dialog__actions">
                <button type="button" on:click=move |_| super::modal::close(dialog)>{move || t("Close")}</button>
                <button
                    type="button"
                    class="unplug-button--danger"
                    disabled=move || disconnect_disabled.get()
                    on:click=move |_| {
                        super::modal::close(dialog);
                        on_disconnect.run(());
                    }
                >
                    {move || t("Disconnect")}
                </button>
            </div>
        </dialog>
    }
}
