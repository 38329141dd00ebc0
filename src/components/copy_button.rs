//! A button that copies an id to the clipboard and says so.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{t, tf};

#[component]
pub fn CopyButton(value: String, label: &'static str) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let value = value.clone();
        spawn_local(async move {
            let Some(window) = web_sys::window() else { return };
            let promise = window.navigator().clipboard().write_text(&value);
            copied.set(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
        });
    };
    view! {
        <button type="button" class="unplug-copy" aria-label=move || tf("Copy {label}", &[("label", &t(label))]) on:click=copy>
            {move || if copied.get() { t("Copied") } else { t("Copy") }}
        </button>
    }
}
