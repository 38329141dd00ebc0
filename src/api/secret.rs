//! A token or password that must never reach a log, a URL or the DOM's text.

use std::fmt;

/// Holds a secret; `Debug` and `Display` print a mask so a stray `{:?}` leaks nothing.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The raw value, for the one place that puts it in a request header or body.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A fingerprint (64-bit FNV-1a) that tells two secrets apart without holding either; for
    /// comparing who acts, never for showing or for security.
    pub fn fingerprint(&self) -> String {
        let hash = self
            .0
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
        format!("{hash:016x}")
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(••••)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("••••")
    }
}

/// `#[serde(with = "crate::api::secret::stored")]` on a session field: the one way a secret is
/// written as JSON, for "Remember in this tab" only. `Secret` itself has no `Serialize`, so no
/// other JSON (exports, Activity, host events) can carry one by accident.
pub mod stored {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Secret;

    pub fn serialize<S: Serializer>(secret: &Secret, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(secret.expose())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Secret, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }

    /// The same for a secret that a proxy may hold instead (`None`).
    pub mod optional {
        use serde::{Deserialize, Deserializer, Serializer};

        use super::super::Secret;

        pub fn serialize<S: Serializer>(secret: &Option<Secret>, serializer: S) -> Result<S::Ok, S::Error> {
            match secret {
                Some(secret) => serializer.serialize_some(secret.expose()),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Secret>, D::Error> {
            Option::<String>::deserialize(deserializer).map(|value| value.map(Secret::new))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_value() {
        let secret = Secret::new("sandbox-partner-token");
        assert!(!format!("{secret:?}").contains("sandbox"));
        assert!(!secret.to_string().contains("sandbox"));
        assert_eq!(secret.expose(), "sandbox-partner-token");
        assert_eq!(secret.fingerprint(), Secret::new("sandbox-partner-token").fingerprint());
        assert_ne!(secret.fingerprint(), Secret::new("sandbox-partner-tokeN").fingerprint());
        assert!(!secret.fingerprint().contains("sandbox"));
    }
}
