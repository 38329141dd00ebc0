//! The Connections view: one panel per configured connection, to sign in or out.

use crate::i18n::{t, tf};
use leptos::prelude::*;

use crate::api::Credentials;
use crate::components::outcome::FailureNotice;
use crate::model::Platform;
use crate::state::connections::{ConnectionState, expect_connections};
use crate::state::secret::Secret;

#[component]
pub fn ConnectionsView() -> impl IntoView {
    let connections = expect_connections().all();
    view! {
        <section class="unplug-connections" aria-labelledby="unplug-connections-title">
            <h2 id="unplug-connections-title">{move || t("Connections")}</h2>
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
    let heading_id = format!("unplug-connection-{}", crate::components::card::dom_id(&state.id()));
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
                    <SignInForm state platform sandbox />
                }
            >
                <p class="unplug-connection__who">
                    {move || state.session.get().map(|session| tf("Signed in as {who}", &[("who", &session.signed_in_as())]))}
                </p>
                <button type="button" on:click=move |_| state.sign_out()>{move || t("Sign out")}</button>
            </Show>
        </section>
    }
}

/// Rocket.Chat signs in with a password (and a 2FA code when asked) or with a user id and a
/// personal access token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RocketChatMode {
    Password,
    Token,
}

/// Rocket.Chat's answers when the account has two-factor authentication on: the code is
/// missing (`totp-required`) or wrong (`totp-invalid`).
fn asks_for_two_factor_code(state: &ConnectionState) -> bool {
    state.sign_in_error.with(|error| {
        error.as_ref().and_then(|error| error.failure.said()).is_some_and(|said| {
            [&said.error_type, &said.message]
                .into_iter()
                .flatten()
                .any(|text| text.contains("totp-required") || text.contains("totp-invalid"))
        })
    })
}

#[component]
fn SignInForm(state: ConnectionState, platform: Platform, sandbox: bool) -> impl IntoView {
    let user = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let mode = RwSignal::new(RocketChatMode::Password);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let secret_value = Secret::new(secret.get_untracked());
        let credentials = match (platform, mode.get_untracked()) {
            (Platform::Rocketchat, RocketChatMode::Password) => Credentials::RocketChatPassword {
                user: user.get_untracked(),
                password: secret_value,
                code: Some(code.get_untracked()).filter(|code| !code.is_empty()),
            },
            (Platform::Rocketchat, RocketChatMode::Token) => {
                Credentials::RocketChatToken { user_id: user.get_untracked(), auth_token: secret_value }
            }
            (Platform::Ryze | Platform::Altegio, _) => Credentials::Token(secret_value),
        };
        state.connect(credentials, remember.get_untracked());
    };
    let use_demo = move |_| {
        if let Some(credentials) = state.connection.with_value(|c| c.demo_credentials()) {
            state.connect(credentials, remember.get_untracked());
        }
    };
    let labels = move || match (platform, mode.get()) {
        (Platform::Rocketchat, RocketChatMode::Password) => (Some(t("Username")), t("Password")),
        (Platform::Rocketchat, RocketChatMode::Token) => (Some(t("User ID")), t("Auth token")),
        (Platform::Ryze, _) => (None, t("Token")),
        (Platform::Altegio, _) => (None, t("Partner token")),
    };
    let switch_mode = move |_| {
        mode.update(|mode| {
            *mode = if *mode == RocketChatMode::Password { RocketChatMode::Token } else { RocketChatMode::Password }
        });
        user.set(String::new());
        secret.set(String::new());
    };
    view! {
        <form class="unplug-signin" on:submit=submit>
            {move || labels().0.map(|label| view! {
                <label>{label}
                    <input type="text" autocomplete="username" required prop:value=move || user.get()
                        on:input=move |ev| user.set(event_target_value(&ev)) />
                </label>
            })}
            <label>{move || labels().1}
                <input type="password" autocomplete="off" required prop:value=move || secret.get()
                    on:input=move |ev| secret.set(event_target_value(&ev)) />
            </label>
            <Show when=move || mode.get() == RocketChatMode::Password && asks_for_two_factor_code(&state)>
                <label>{move || t("Code")}
                    <input type="text" inputmode="numeric" autocomplete="one-time-code" prop:value=move || code.get()
                        on:input=move |ev| code.set(event_target_value(&ev)) />
                </label>
            </Show>
            <label class="unplug-signin__remember">
                <input type="checkbox" prop:checked=move || remember.get()
                    on:change=move |ev| remember.set(event_target_checked(&ev)) />
                {move || t("Remember in this tab")}
            </label>
            <div class="unplug-signin__actions">
                <button type="submit" disabled=move || state.signing_in.get()>{move || t("Connect")}</button>
                {sandbox.then(|| view! {
                    <button type="button" formnovalidate on:click=use_demo disabled=move || state.signing_in.get()>
                        {move || t("Use demo credentials")}
                    </button>
                })}
                {(platform == Platform::Rocketchat).then(|| view! {
                    <button type="button" class="unplug-link" on:click=switch_mode>
                        {move || match mode.get() {
                            RocketChatMode::Password => t("Use a user ID and auth token instead"),
                            RocketChatMode::Token => t("Use a username and password instead"),
                        }}
                    </button>
                })}
            </div>
            {move || state.sign_in_error.get().map(|error| view! { <FailureNotice error /> })}
        </form>
    }
}
