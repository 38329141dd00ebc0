//! The Connections view: one panel per configured connection, to sign in or out.

use crate::i18n::{t, tf};
use leptos::prelude::*;

use crate::api::Credentials;
use crate::api::credentials::{CredentialField, FieldKind};
use crate::components::element_id::element_id;
use crate::components::outcome::FailureNotice;
use crate::state::connections::{ConnectionState, expect_connections};

#[component]
pub fn ConnectionsView() -> impl IntoView {
    let connections = expect_connections().all();
    let title_id = element_id("connections-title");
    let labelled_by = title_id.clone();
    view! {
        <section class="unplug-connections" aria-labelledby=labelled_by>
            <h2 id=title_id>{move || t("Connections")}</h2>
            <div class="unplug-connections__list">
                {connections.into_iter().map(|state| view! { <ConnectionPanel state /> }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn ConnectionPanel(state: ConnectionState) -> impl IntoView {
    let (platform, label, sandbox) =
        state.connection.with_value(|c| (c.config.platform, c.config.label.clone(), c.config.sandbox));
    let signed_in_as = move || {
        let session = state.session.get()?;
        Some(tf("Signed in as {who}", &[("who", &state.connection.with_value(|c| c.signed_in_as(&session)))]))
    };
    let heading_id = element_id(&format!("connection-{}", state.id()));
    let labelled_by = heading_id.clone();
    let signed_in = move || state.session.with(Option::is_some) && !state.needs_sign_in.get();
    view! {
        <section class="unplug-connection" aria-labelledby=labelled_by data-platform=platform.slug()>
            <h3 id=heading_id>{label}</h3>
            <p class="unplug-connection__platform">{platform.label()}</p>
            <Show
                when=signed_in
                fallback=move || view! {
                    <Show when=move || state.needs_sign_in.get()>
                        <p class="unplug-outcome unplug-outcome--failed" role="alert">
                            {move || t("The platform no longer accepts this session (HTTP 401). Sign in again; nothing on screen is lost.")}
                        </p>
                    </Show>
                    <SignInForm state sandbox />
                }
            >
                <p class="unplug-connection__who">
                    {signed_in_as}
                </p>
                <button type="button" on:click=move |_| state.sign_out()>{move || t("Sign out")}</button>
            </Show>
        </section>
    }
}

/// One input of a credential form.
#[component]
fn CredentialInput(field: CredentialField, value: RwSignal<String>) -> impl IntoView {
    let (input_type, autocomplete) = match field.kind {
        FieldKind::Name => ("text", "username"),
        FieldKind::Secret => ("password", "off"),
        FieldKind::OneTimeCode => ("text", "one-time-code"),
    };
    let required = field.kind != FieldKind::OneTimeCode;
    let inputmode = (field.kind == FieldKind::OneTimeCode).then_some("numeric");
    view! {
        <label>{move || t(field.label)}
            <input type=input_type autocomplete=autocomplete inputmode=inputmode required=required
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
        </label>
    }
}

/// The provider's credential forms (a password, or a user id and token, say), one shown at a
/// time with links to the others; a one-time code is asked only once the platform asked for
/// it. A connection whose proxy adds the credentials has no form, only Connect.
#[component]
fn SignInForm(state: ConnectionState, sandbox: bool) -> impl IntoView {
    let forms = state.connection.with_value(|c| c.credential_forms());
    // One value per key, shared by every form that asks for it.
    let mut inputs: Vec<(&'static str, RwSignal<String>)> = Vec::new();
    for field in forms.iter().flat_map(|form| form.fields) {
        if !inputs.iter().any(|(key, _)| *key == field.key) {
            inputs.push((field.key, RwSignal::new(String::new())));
        }
    }
    let inputs = StoredValue::new(inputs);
    let value_of =
        move |key: &str| inputs.with_value(|all| all.iter().find(|(each, _)| *each == key).map(|(_, value)| *value));
    let shown = RwSignal::new(0_usize);
    let remember = RwSignal::new(false);
    let asks_code = move || {
        state.sign_in_error.with(|error| {
            error.as_ref().is_some_and(|error| state.connection.with_value(|c| c.asks_second_factor(&error.failure)))
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let fields = forms.get(shown.get_untracked()).map(|form| form.fields).unwrap_or_default();
        let credentials = fields.iter().fold(Credentials::new(), |credentials, field| {
            credentials.with(field.key, value_of(field.key).map(|value| value.get_untracked()).unwrap_or_default())
        });
        state.connect(credentials, remember.get_untracked());
    };
    let use_demo = move |_| {
        if let Some(credentials) = state.connection.with_value(|c| c.demo_credentials()) {
            state.connect(credentials, remember.get_untracked());
        }
    };
    let switch_to = move |index: usize| {
        shown.set(index);
        inputs.with_value(|all| all.iter().for_each(|(_, value)| value.set(String::new())));
    };
    let fields = move || {
        let form = forms.get(shown.get())?;
        Some(
            form.fields
                .iter()
                .filter_map(|field| Some((*field, value_of(field.key)?)))
                .map(|(field, value)| match field.kind {
                    FieldKind::OneTimeCode => {
                        view! { <Show when=asks_code><CredentialInput field value /></Show> }.into_any()
                    }
                    _ => view! { <CredentialInput field value /> }.into_any(),
                })
                .collect_view(),
        )
    };
    let other_forms = move || {
        let current = shown.get();
        forms
            .iter()
            .enumerate()
            .filter(move |(index, _)| *index != current && forms.len() > 1)
            .map(|(index, form)| {
                view! {
                    <button type="button" class="unplug-link" on:click=move |_| switch_to(index)>{move || t(form.label)}</button>
                }
            })
            .collect_view()
    };
    view! {
        <form class="unplug-signin" on:submit=submit>
            {fields}
            {forms.is_empty().then(|| view! { <p class="unplug-muted">{move || t("This site's proxy adds the credentials: nothing to type.")}</p> })}
            // Mounted by script, sessionStorage would be the portal's: nothing is offered to keep there.
            {(!forms.is_empty() && !crate::host::is_hosted()).then(|| view! {
                <label class="unplug-signin__remember">
                    <input type="checkbox" prop:checked=move || remember.get()
                        on:change=move |ev| remember.set(event_target_checked(&ev)) />
                    {move || t("Remember in this tab")}
                </label>
            })}
            <div class="unplug-signin__actions">
                <button type="submit" disabled=move || state.signing_in.get()>{move || t("Connect")}</button>
                {(sandbox && !forms.is_empty()).then(|| view! {
                    <button type="button" formnovalidate on:click=use_demo disabled=move || state.signing_in.get()>
                        {move || t("Use demo credentials")}
                    </button>
                })}
                {other_forms}
            </div>
            {move || state.sign_in_error.get().map(|error| view! { <FailureNotice error /> })}
        </form>
    }
}
