//! The detail panel: every non-secret field, loaded when it opens, the last request and
//! answer for this integration, and its Disconnect.

use crate::i18n::{t, tf};
use leptos::html::Dialog;
use leptos::prelude::*;

use super::last_activity::LastActivityText;
use super::outcome::{FailureNotice, RawResponse};
use crate::api::call::Exchange;
use crate::model::Integration;
use crate::state::items::Details;

#[component]
pub fn DetailPanel(
    item: Integration,
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
            <dl class="unplug-card__fields">
                <dt>{move || t("Last activity")}</dt><dd><LastActivityText item=item.clone() /></dd>
                {item.fields.iter().map(|field| {
                    let label = field.label;
                    view! { <dt>{move || t(label)}</dt><dd>{field.value.clone()}</dd> }
                }).collect_view()}
            </dl>
            <h3>{move || t("Everything the platform returns")}</h3>
            {move || match details.get() {
                Details::NotLoaded | Details::Loading => {
                    view! { <p role="status">{move || t("Loading details…")}</p> }.into_any()
                }
                Details::Loaded(rows) => view! {
                    <dl class="unplug-card__fields unplug-details__all">
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
