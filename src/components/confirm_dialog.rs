//! The modal that asks before anything is removed. A native `<dialog>` opened with
//! `showModal()` gives the focus trap, inertness and Escape-to-cancel for free.

use leptos::html::Dialog;
use leptos::prelude::*;

use crate::model::{Integration, Platform};

/// What the platform documents will happen, so the person knows before confirming.
pub fn consequence(platform: Platform) -> &'static str {
    match platform {
        Platform::Rocketchat => "Rocket.Chat deletes the webhook integration; for an outgoing webhook, its history too.",
        Platform::Ryze => {
            "RyzeAPI removes the Chatwoot link from the instance. Its documents disagree on whether the \
             Chatwoot inbox survives, so do not count on either."
        }
        Platform::Altegio => {
            "The location loses the app's API access and its webhooks, and Altegio documents a disable \
             webhook to the app's Callback URL."
        }
    }
}

#[component]
pub fn ConfirmDialog(
    item: Integration,
    connection_label: String,
    dialog: NodeRef<Dialog>,
    #[prop(into)] on_confirm: Callback<()>,
) -> impl IntoView {
    let title_id = format!("unplug-confirm-{}", crate::components::card::dom_id(&item.key()));
    let labelled_by = title_id.clone();
    let close = move || {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
    };
    view! {
        <dialog node_ref=dialog class="unplug-dialog" aria-labelledby=labelled_by>
            <h2 id=title_id class="unplug-dialog__title">{format!("Disconnect {}?", item.name)}</h2>
            <p>{format!("{} on {} — {}.", item.kind.label(), item.platform.label(), connection_label)}</p>
            <p>{consequence(item.platform)}</p>
            <div class="unplug-dialog__actions">
                <button type="button" autofocus on:click=move |_| close()>"Cancel"</button>
                <button
                    type="button"
                    class="unplug-button--danger"
                    on:click=move |_| {
                        close();
                        on_confirm.run(());
                    }
                >
                    "Disconnect"
                </button>
            </div>
        </dialog>
    }
}
