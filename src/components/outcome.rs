//! How a call ended, in words: success and "already gone" politely (`role="status"`),
//! failures assertively (`role="alert"`), each with the raw response on demand.

use crate::i18n::{t, tf};
use leptos::prelude::*;

use super::copy_button::CopyButton;
use crate::api::Done;
use crate::api::call::{CallError, Exchange};
use crate::model::Status;
use crate::state::items::ActionResult;

#[component]
pub fn Outcome(result: ActionResult) -> impl IntoView {
    match result {
        Ok(Done::Removed(exchange)) => view! {
            <div class="unplug-outcome unplug-outcome--ok" role="status">
                <p class="unplug-outcome__title">{tf("Disconnected (HTTP {status})", &[("status", &status_text(&exchange))])}</p>
                <RawResponse exchange />
            </div>
        }
        .into_any(),
        Ok(Done::Switched { card, exchange }) => {
            let title = match card.status {
                Status::Disabled => tf("Disabled (HTTP {status})", &[("status", &status_text(&exchange))]),
                _ => tf("Enabled (HTTP {status})", &[("status", &status_text(&exchange))]),
            };
            view! {
                <div class="unplug-outcome unplug-outcome--ok" role="status">
                    <p class="unplug-outcome__title">{title}</p>
                    <RawResponse exchange />
                </div>
            }
            .into_any()
        }
        Ok(Done::AlreadyGone(exchange)) => view! {
            <div class="unplug-outcome unplug-outcome--gone" role="status">
                <p class="unplug-outcome__title">{move || t("Already disconnected")}</p>
                <p>{tf("The platform answered HTTP {status}: it no longer has this integration.", &[("status", &status_text(&exchange))])}</p>
                <RawResponse exchange />
            </div>
        }
        .into_any(),
        Err(error) => view! { <FailureNotice error /> }.into_any(),
    }
}

/// A failed call: what happened, the platform's own words and error type, what to do next.
#[component]
pub fn FailureNotice(error: CallError) -> impl IntoView {
    let CallError { failure, exchange } = error;
    let said = failure.said().cloned().unwrap_or_default();
    view! {
        <div class="unplug-outcome unplug-outcome--failed" role="alert">
            <p class="unplug-outcome__title">{
                let failure = failure.clone();
                move || failure.summary()
            }</p>
            {said.message.map(|message| view! {
                <p class="unplug-outcome__said">{move || t("Platform message: ")} <q>{message}</q></p>
            })}
            {said.error_type.map(|error_type| view! {
                <p class="unplug-outcome__said">{move || t("Error type: ")} <code>{error_type}</code></p>
            })}
            <p class="unplug-outcome__next">{move || failure.next_step()}</p>
            <RawResponse exchange />
        </div>
    }
}

fn status_text(exchange: &Exchange) -> String {
    exchange.status.map_or_else(|| t("no status").to_owned(), |status| status.to_string())
}

/// The request line and the masked raw body behind a "Show response" toggle.
#[component]
pub fn RawResponse(exchange: Exchange) -> impl IntoView {
    let open = RwSignal::new(false);
    let has_body = exchange.status.is_some();
    let Exchange { request_line, status, body, .. } = exchange;
    view! {
        <div class="unplug-raw">
            <button
                type="button"
                class="unplug-raw__toggle"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|open| *open = !*open)
                disabled=!has_body
            >
                {move || if open.get() { t("Hide response") } else { t("Show response") }}
            </button>
            <Show when=move || open.get()>
                <p class="unplug-raw__line">
                    <code>{request_line.clone()}</code>
                    {status.map(|status| format!(" → HTTP {status}"))}
                </p>
                <pre class="unplug-raw__body" tabindex="0">{if body.is_empty() { "(empty body)".to_owned() } else { body.clone() }}</pre>
                <CopyButton value=body.clone() label="response" />
            </Show>
        </div>
    }
}
