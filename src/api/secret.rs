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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_value() {
        let secret = Secret::new("sandbox-partner-token");
        assert!(!format!("{secret:?}").contains("sandbox"));
        assert!(!secret.to_string().contains("sandbox"));
        assert_eq!(secret.expose(), "sandbox-partner-token");
    }
}
