//! What a person (or a host page) types to sign a connection in, as data: each provider says
//! which forms it takes, and reads the values by key. The keys are the host protocol's
//! (`user`, `password`, `code`, `userId`, `authToken`, `token`), so a host's message and a
//! form fill the same map.

use super::secret::Secret;

/// How a field reads and is filled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A name or id, typed in the clear (`autocomplete="username"`).
    Name,
    /// A password or token, never shown.
    Secret,
    /// A one-time code, asked only once the platform has asked for it.
    OneTimeCode,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CredentialField {
    pub key: &'static str,
    /// English, translated where shown.
    pub label: &'static str,
    pub kind: FieldKind,
}

/// One way of signing in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CredentialForm {
    /// The link that switches to this form where a provider offers several; English.
    pub label: &'static str,
    pub fields: &'static [CredentialField],
}

/// Values by key; every value is held as a [`Secret`], names included, so none is ever printed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Credentials(Vec<(String, Secret)>);

impl Credentials {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.0.push((key.into(), Secret::new(value)));
        self
    }

    /// Nothing given at all.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|(_, value)| value.is_empty())
    }

    /// The value of `key`, where given and not empty.
    pub fn get(&self, key: &str) -> Option<&Secret> {
        self.0.iter().find(|(each, value)| each == key && !value.is_empty()).map(|(_, value)| value)
    }

    /// A value that is not secret (a user name or id), in the clear.
    pub fn text(&self, key: &str) -> Option<String> {
        self.get(key).map(|value| value.expose().to_owned())
    }
}

/// What a platform signed in by one token takes: the `token` field, or nothing where the
/// same-origin proxy adds it (`"auth": "proxy"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenSignIn {
    pub form: &'static [CredentialForm],
    pub proxied: bool,
}

impl TokenSignIn {
    pub fn forms(self) -> &'static [CredentialForm] {
        if self.proxied { &[] } else { self.form }
    }

    /// The token to send; `None` where the proxy adds it.
    pub fn token(self, credentials: &Credentials, platform: &str) -> Result<Option<Secret>, super::call::CallError> {
        if self.proxied {
            return Ok(None);
        }
        credentials.get("token").cloned().map(Some).ok_or_else(|| super::wrong_credentials(platform))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_count_as_missing_and_nothing_prints() {
        let credentials = Credentials::new().with("user", "admin").with("code", "").with("password", "hunter2");
        assert_eq!(credentials.text("user").as_deref(), Some("admin"));
        assert!(credentials.get("code").is_none());
        assert!(!format!("{credentials:?}").contains("hunter2"));
    }
}
