//! The API layer. Views talk to [`Connection`] and never learn which platform answered beyond
//! its label; each platform lives in its own module with the same three parts: `client` (one
//! function per endpoint), `wire` (the documented payloads) and `convert` (wire → model).

pub mod altegio;
pub mod call;
pub mod decode;
pub mod details;
pub mod error;
pub mod http;
pub mod mask;
pub mod rocket_chat;
pub mod ryze;

use crate::i18n::{t, tf};
use call::{CallError, Caller, Exchange, call};
use error::Failure;

use crate::config::ConnectionConfig;
use crate::model::{Integration, Platform};
use crate::state::secret::Secret;

/// What a person types to connect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credentials {
    RocketChatPassword {
        user: String,
        password: Secret,
        code: Option<String>,
    },
    RocketChatToken {
        user_id: String,
        auth_token: Secret,
    },
    /// A RyzeAPI account or instance token, or an Altegio partner token.
    Token(Secret),
}

/// A connection that is signed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Session {
    RocketChat {
        auth: rocket_chat::client::Auth,
        username: String,
        version: String,
    },
    /// `instance` names the one instance an instance token owns; `None` for an account token.
    Ryze {
        token: Secret,
        instance: Option<String>,
    },
    Altegio {
        token: Secret,
        application_id: u64,
    },
}

impl Session {
    /// Who is signed in, in words; never the secret.
    pub fn signed_in_as(&self) -> String {
        match self {
            Session::RocketChat { username, version, .. } => format!("{username} (Rocket.Chat {version})"),
            Session::Ryze { instance: None, .. } => t("an account token (every instance)").into(),
            Session::Ryze { instance: Some(name), .. } => tf("an instance token for {name}", &[("name", name)]),
            Session::Altegio { application_id, .. } => tf("Application {id}", &[("id", application_id)]),
        }
    }
}

/// How a disconnect ended when it did not fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Disconnected {
    Removed(Exchange),
    /// The platform's documented "not found" after an earlier removal.
    AlreadyGone(Exchange),
}

/// One configured connection and the calls it can make.
#[derive(Clone, Debug, PartialEq)]
pub struct Connection {
    pub config: ConnectionConfig,
    pub timeout_ms: u32,
}

/// Instance names no account has, used to tell token kinds apart. Two of them: a filter with
/// one unknown name answers 404, with several it ignores the unknown ones.
const PROBE_INSTANCES: [&str; 2] = ["unplug-probe-1", "unplug-probe-2"];

/// Credentials of the bundled sandbox; offered only for connections marked `sandbox`.
fn sandbox_credentials(platform: Platform) -> Credentials {
    match platform {
        Platform::Rocketchat => {
            Credentials::RocketChatPassword { user: "admin".into(), password: Secret::new("admin"), code: None }
        }
        Platform::Ryze => Credentials::Token(Secret::new("sandbox-account-token")),
        Platform::Altegio => Credentials::Token(Secret::new("sandbox-partner-token")),
    }
}

impl Connection {
    fn base(&self) -> &str {
        &self.config.base_url
    }

    fn caller(&self) -> Caller<'_> {
        Caller { platform: self.config.platform, connection: &self.config.label, timeout_ms: self.timeout_ms }
    }

    pub fn demo_credentials(&self) -> Option<Credentials> {
        self.config.sandbox.then(|| sandbox_credentials(self.config.platform))
    }

    /// Checks the credentials and returns a session.
    pub async fn sign_in(&self, credentials: Credentials) -> Result<Session, CallError> {
        match (self.config.platform, credentials) {
            (Platform::Rocketchat, Credentials::RocketChatPassword { user, password, code }) => {
                let version = self.rocket_chat_version().await?;
                let request = rocket_chat::client::login(self.base(), &user, &password, code.as_deref());
                let (ok, _): (rocket_chat::wire::LoginOk, _) =
                    call(self.caller(), request, rocket_chat::wire::read_envelope).await?;
                let auth =
                    rocket_chat::client::Auth { user_id: ok.data.user_id, token: Secret::new(ok.data.auth_token) };
                Ok(Session::RocketChat { auth, username: ok.data.me.username, version })
            }
            (Platform::Rocketchat, Credentials::RocketChatToken { user_id, auth_token }) => {
                let version = self.rocket_chat_version().await?;
                let auth = rocket_chat::client::Auth { user_id: user_id.clone(), token: auth_token };
                Ok(Session::RocketChat { auth, username: user_id, version })
            }
            (Platform::Ryze, Credentials::Token(token)) => self.ryze_session(token).await,
            (Platform::Altegio, Credentials::Token(token)) => {
                let application_id = self.config.application_id.unwrap_or_default();
                // One location is enough to check the token and that it owns the application.
                let request = altegio::client::list_salons(self.base(), &token, application_id, 1, 1);
                call::<altegio::wire::Envelope<Vec<altegio::wire::Salon>>>(
                    self.caller(),
                    request,
                    altegio::wire::read_envelope,
                )
                .await?;
                Ok(Session::Altegio { token, application_id })
            }
            (platform, _) => Err(CallError::before_sending(Failure::UnexpectedShape {
                status: 0,
                detail: format!("these credentials are not the kind {} takes", platform.label()),
            })),
        }
    }

    /// Checks a RyzeAPI token and learns its kind. Filtering by several names that no
    /// instance has lists nothing for an account token (unknown names are ignored), while an
    /// instance token has the filter ignored and gets its own instance.
    async fn ryze_session(&self, token: Secret) -> Result<Session, CallError> {
        let request = ryze::client::list_named(self.base(), &token, &PROBE_INSTANCES);
        let (list, _) = call::<ryze::wire::InstanceList>(self.caller(), request, ryze::wire::read_envelope).await?;
        let instance = list.data.into_iter().next().map(|instance| instance.instance_name);
        Ok(Session::Ryze { token, instance })
    }

    async fn rocket_chat_version(&self) -> Result<String, CallError> {
        let (info, _): (rocket_chat::wire::Info, _) =
            call(self.caller(), rocket_chat::client::info(self.base()), rocket_chat::wire::read_envelope).await?;
        Ok(info.version)
    }

    /// Ends the session on the platform where it has one (Rocket.Chat); the caller forgets
    /// the secret either way.
    pub async fn sign_out(&self, session: &Session) -> Result<(), CallError> {
        match session {
            Session::RocketChat { auth, .. } => {
                let request = rocket_chat::client::logout(self.base(), auth);
                call::<rocket_chat::wire::LogoutOk>(self.caller(), request, rocket_chat::wire::read_envelope)
                    .await
                    .map(|_| ())
            }
            Session::Ryze { .. } | Session::Altegio { .. } => Ok(()),
        }
    }

    /// Every integration of the connection, read to the last page; `progress` hears how many
    /// are read so far and the total where the platform tells it.
    pub async fn list(
        &self,
        session: &Session,
        progress: &dyn Fn(usize, Option<u64>),
    ) -> Result<Vec<Integration>, CallError> {
        let id = &self.config.id;
        match session {
            Session::RocketChat { auth, .. } => {
                let mut items = Vec::new();
                loop {
                    let request = rocket_chat::client::list(self.base(), auth, items.len() as u64);
                    let (page, exchange): (rocket_chat::wire::IntegrationsPage, _) =
                        call(self.caller(), request, rocket_chat::wire::read_envelope).await?;
                    let received = page.integrations.len();
                    items.extend(page.integrations.into_iter().map(|wire| rocket_chat::convert::integration(id, wire)));
                    progress(items.len(), Some(page.total));
                    if items.len() as u64 >= page.total {
                        return Ok(items);
                    }
                    if received == 0 {
                        return Err(list_cut_short(exchange, items.len(), page.total));
                    }
                }
            }
            Session::Ryze { token, .. } => {
                let request = ryze::client::list_instances(self.base(), token);
                let (list, _): (ryze::wire::InstanceList, _) =
                    call(self.caller(), request, ryze::wire::read_envelope).await?;
                Ok(list.data.into_iter().filter_map(|instance| ryze::convert::integration(id, instance)).collect())
            }
            Session::Altegio { token, application_id } => {
                let mut items = Vec::new();
                for page in 1.. {
                    let request = altegio::client::list_salons(
                        self.base(),
                        token,
                        *application_id,
                        page,
                        altegio::client::PAGE_SIZE,
                    );
                    let (envelope, _): (altegio::wire::Envelope<Vec<altegio::wire::Salon>>, _) =
                        call(self.caller(), request, altegio::wire::read_envelope).await?;
                    let last_page = (envelope.data.len() as u64) < altegio::client::PAGE_SIZE;
                    items.extend(
                        envelope
                            .data
                            .into_iter()
                            .map(|salon| altegio::convert::integration(id, *application_id, salon)),
                    );
                    progress(items.len(), None);
                    if last_page {
                        break;
                    }
                }
                Ok(items)
            }
        }
    }

    /// Whether a listed card still needs a call of its own (Altegio's location list carries no
    /// status); [`Connection::complete`] makes it.
    pub fn needs_completion(&self, item: &Integration) -> bool {
        self.config.platform == Platform::Altegio && item.status_word == altegio::convert::NOT_READ_YET
    }

    /// Fills in what the list did not carry. An unreadable status leaves the card "unknown"
    /// rather than failing anything; the call still shows in Activity.
    pub async fn complete(&self, session: &Session, item: Integration) -> Integration {
        let Session::Altegio { token, application_id } = session else { return item };
        let request = altegio::client::status(self.base(), token, &item.id, *application_id);
        let status = call::<altegio::wire::Envelope<altegio::wire::IntegrationStatus>>(
            self.caller(),
            request,
            altegio::wire::read_envelope,
        )
        .await
        .ok()
        .map(|(envelope, _)| envelope.data.connection_status);
        altegio::convert::with_status(item, status)
    }

    /// The platform's full record of one integration, for the detail panel, loaded only when
    /// the panel opens.
    pub async fn details(
        &self,
        session: &Session,
        item: &Integration,
    ) -> Result<(Vec<(String, String)>, Exchange), CallError> {
        let (value, exchange) = match session {
            Session::RocketChat { auth, .. } => {
                let request = rocket_chat::client::get(self.base(), auth, &item.id);
                call::<serde_json::Value>(self.caller(), request, rocket_chat::wire::read_envelope).await?
            }
            Session::Ryze { token, .. } => {
                let request = ryze::client::chatwoot_info(self.base(), token, &item.id);
                call::<serde_json::Value>(self.caller(), request, ryze::wire::read_envelope).await?
            }
            Session::Altegio { token, application_id } => {
                let request = altegio::client::status(self.base(), token, &item.id, *application_id);
                call::<serde_json::Value>(self.caller(), request, altegio::wire::read_envelope).await?
            }
        };
        Ok((details::non_secret_fields(&value), exchange))
    }

    /// Removes one integration with exactly the documented request.
    pub async fn disconnect(&self, session: &Session, item: &Integration) -> Result<Disconnected, CallError> {
        let result = match session {
            Session::RocketChat { auth, .. } => {
                let wire_type = rocket_chat::convert::wire_type(item.kind);
                let request = rocket_chat::client::remove(self.base(), auth, wire_type, &item.id);
                call::<rocket_chat::wire::RemoveOk>(self.caller(), request, rocket_chat::wire::read_envelope)
                    .await
                    .map(|(_, exchange)| exchange)
            }
            Session::Ryze { token, .. } => {
                let request = ryze::client::delete_chatwoot(self.base(), token, &item.id);
                call::<ryze::wire::Deactivated>(self.caller(), request, ryze::wire::read_envelope)
                    .await
                    .map(|(_, exchange)| exchange)
            }
            Session::Altegio { token, application_id } => {
                let request = altegio::client::uninstall(self.base(), token, &item.id, *application_id);
                call::<altegio::wire::Envelope<serde_json::Value>>(self.caller(), request, altegio::wire::read_envelope)
                    .await
                    .map(|(_, exchange)| exchange)
            }
        };
        match result {
            Ok(exchange) => Ok(Disconnected::Removed(exchange)),
            Err(error) if is_already_gone(self.config.platform, &error.failure) => {
                Ok(Disconnected::AlreadyGone(error.exchange))
            }
            Err(error) => Err(error),
        }
    }
}

/// What the platform documents a disconnect does, for the confirmation dialog.
pub fn what_disconnect_does(platform: Platform) -> &'static str {
    match platform {
        Platform::Rocketchat => {
            t("Rocket.Chat deletes the webhook integration; for an outgoing webhook, its history too.")
        }
        Platform::Ryze => t(
            "RyzeAPI removes the Chatwoot link from the instance. Its documents disagree on whether the Chatwoot inbox survives, so do not count on either.",
        ),
        Platform::Altegio => t(
            "The location loses the app's API access and its webhooks, and Altegio documents this disable webhook to the app's Callback URL:",
        ),
    }
}

/// The documented answers to removing something that is no longer there.
pub fn is_already_gone(platform: Platform, failure: &Failure) -> bool {
    let Failure::Platform { status, said } = failure else { return false };
    let message = said.message.as_deref();
    match platform {
        Platform::Rocketchat => *status == 400 && message == Some("No integration found."),
        Platform::Ryze => *status == 404 && message == Some("no chatwoot integration to delete"),
        // Our choice where Altegio is silent: a 404 with no message after an uninstall.
        Platform::Altegio => *status == 404 && message.is_none(),
    }
}

fn list_cut_short(exchange: Exchange, received: usize, total: u64) -> CallError {
    CallError {
        failure: Failure::UnexpectedShape {
            status: exchange.status.unwrap_or_default(),
            detail: format!("the list stopped after {received} of {total} items"),
        },
        exchange,
    }
}
