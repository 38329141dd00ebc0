//! What stops when an integration is disconnected: the lines its platform picks from the
//! record read when the dialog (or a bulk confirmation's item) opens.

use leptos::prelude::*;

use crate::i18n::{t, tf};

/// What stops, as far as it is known yet.
#[derive(Clone, Debug, PartialEq)]
pub enum Impact {
    Reading,
    Read(Vec<(&'static str, String)>),
    Unreadable(String),
}

#[component]
pub fn ImpactLines(#[prop(into)] impact: Signal<Impact>) -> impl IntoView {
    view! {
        <section class="unplug-impact" aria-label=move || t("What stops")>
            <h3>{move || t("What stops")}</h3>
            {move || match impact.get() {
                Impact::Reading => view! { <p class="unplug-muted" role="status">{t("Reading what stops…")}</p> }.into_any(),
                Impact::Read(lines) => view! {
                    <dl class="unplug-impact__lines">
                        {lines.into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
                    </dl>
                }
                .into_any(),
                Impact::Unreadable(reason) => view! {
                    <p class="unplug-muted">{tf("Could not read what stops: {reason}", &[("reason", &reason)])}</p>
                }
                .into_any(),
            }}
        </section>
    }
}
