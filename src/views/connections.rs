//! The Connections view: one panel per configured connection, to sign in or out.

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
            <h2 id="unplug-connections-title">"Connections"</h2>
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
    view! {
        <section class="unplug-connection" aria-labelledby=labelled_by data-platform=platform.slug()>
            <h3 id=heading_id>{label}</h3>
            <p class="unplug-connection__platform">{platform.label()}</p>
            {move || match state.session.get() {
                Some(session) => view! {
                    <p class="unplug-connection__who">{format!("Signed in as {}", session.signed_in_as())}</p>
                    <button type="button" on:click=move |_| state.sign_out()>"Sign out"</button>
                }
                .into_any(),
                None => view! { <SignInForm state platform sandbox /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn SignInForm(state: ConnectionState, platform: Platform, sandbox: bool) -> impl IntoView {
    let user = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let secret_value = Secret::new(secret.get_untracked());
        let credentials = match platform {
            Platform::Rocketchat => {
                Credentials::RocketChatPassword { user: user.get_untracked(), password: secret_value, code: None }
            }
            Platform::Ryze | Platform::Altegio => Credentials::Token(secret_value),
        };
        secret.set(String::new());
        state.connect(credentials);
    };
    let use_demo = move |_| {
        if let Some(credentials) = state.connection.with_value(|c| c.demo_credentials()) {
            state.connect(credentials);
        }
    };
    let secret_label = match platform {
        Platform::Rocketchat => "Password",
        Platform::Ryze => "Token",
        Platform::Altegio => "Partner token",
    };
    view! {
        <form class="unplug-signin" on:submit=submit>
            {(platform == Platform::Rocketchat).then(|| view! {
                <label>"Username"
                    <input type="text" autocomplete="username" prop:value=move || user.get()
                        on:input=move |ev| user.set(event_target_value(&ev)) />
                </label>
            })}
            <label>{secret_label}
                <input type="password" autocomplete="off" prop:value=move || secret.get()
                    on:input=move |ev| secret.set(event_target_value(&ev)) />
            </label>
            <div class="unplug-signin__actions">
                <button type="submit" disabled=move || state.signing_in.get()>"Connect"</button>
                {sandbox.then(|| view! {
                    <button type="button" on:click=use_demo disabled=move || state.signing_in.get()>
                        "Use demo credentials"
                    </button>
                })}
            </div>
            {move || state.sign_in_error.get().map(|error| view! { <FailureNotice error /> })}
        </form>
    }
}
