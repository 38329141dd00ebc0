//! The modal that asks before anything is removed. A native `<dialog>` opened with
//! `showModal()` gives the focus trap, inertness and Escape-to-cancel for free, and focuses its
//! first focusable element: Cancel, the safe choice. (No `autofocus` attribute: browsers refuse
//! it, with a console error, inside a cross-origin iframe.)

use std::sync::Arc;

use crate::i18n::{t, tf};
use leptos::html::Dialog;
use leptos::prelude::*;

use super::impact::{Impact, ImpactLines};
use super::last_activity::LastActivityText;
use crate::model::Integration;

#[component]
pub fn ConfirmDialog(
    item: Arc<Integration>,
    connection_label: String,
    /// What the platform documents a disconnect does.
    what_it_does: &'static str,
    dialog: NodeRef<Dialog>,
    #[prop(into)] on_confirm: Callback<()>,
    /// Read when the dialog opens, from the integration's full record.
    #[prop(into)]
    impact: Signal<Impact>,
    /// Turns the integration off instead, where the platform has a switch and it is on.
    #[prop(default = None)]
    on_disable: Option<Callback<()>>,
) -> impl IntoView {
    let title_id = crate::components::element_id::element_id(&format!("confirm-{}", item.key()));
    let labelled_by = title_id.clone();
    // Each choice closes the dialog first, so focus returns before the action starts.
    let close_then = move |choice: Callback<()>| {
        move |_| {
            super::modal::close(dialog);
            choice.run(());
        }
    };
    view! {
        <dialog node_ref=dialog class="unplug-dialog" aria-labelledby=labelled_by>
            <h2 id=title_id class="unplug-dialog__title">{tf("Disconnect {name}?", &[("name", &item.name)])}</h2>
            <p>
                {tf(
                    "{kind} on {platform} — connection {connection}.",
                    &[("kind", &item.kind.label()), ("platform", &item.platform.label()), ("connection", &connection_label)],
                )}
            </p>
            <p>{what_it_does}</p>
            <ImpactLines impact />
            <p class="unplug-impact__activity">
                {move || t("Last activity")}": "<LastActivityText item=item.clone() />
            </p>
            {item.after_disconnect.clone().map(|payload| view! { <pre class="unplug-raw__body">{payload}</pre> })}
            <div class="unplug-dialog__actions">
                <button type="button" on:click=move |_| super::modal::close(dialog)>{move || t("Cancel")}</button>
                {on_disable.map(|on_disable| view! {
                    <button type="button" on:click=close_then(on_disable)>{move || t("Disable instead")}</button>
                })}
                <button type="button" class="unplug-button--danger" on:click=close_then(on_confirm)>
                    {move || t("Disconnect")}
                </button>
            </div>
        </dialog>
    }
}
