//! What a sandbox run is configured with; the defaults are the command line's defaults.

use std::path::PathBuf;
use std::time::Duration;

use crate::variants::Variants;

#[derive(Debug, Clone)]
pub struct Config {
    /// Address of the platform APIs and the `/__sandbox` control routes.
    pub listen: String,
    /// The built console (trunk's `dist`), served on `app_listen` when it exists.
    pub app_dir: PathBuf,
    pub app_listen: String,
    /// Where Altegio disable webhooks are POSTed (`http://` only); `None` records them unsent.
    pub callback_url: Option<String>,
    /// Browser origins the platforms accept; `None` means the app server's own origin.
    pub allowed_origins: Option<Vec<String>>,
    pub rc_version: RcVersion,
    /// Replaces every platform's rate-limit window, so tests need not wait a minute.
    pub rate_window_ms: Option<u64>,
    /// Generate this many integrations instead of the hand-written default data.
    pub integrations: Option<usize>,
    /// Extra headers on every app-server answer (`--app-header`), e.g. a CSP under test.
    pub app_headers: Vec<(String, String)>,
    /// `--config-set KEY=JSON`: top-level keys set in the served config.json (`undoSeconds=0`).
    pub config_set: Vec<(String, serde_json::Value)>,
    /// `--variant NAME=VALUE`: which plausible real answer the platforms give where they differ.
    pub variants: Variants,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8787".to_owned(),
            app_dir: PathBuf::from("dist"),
            app_listen: "127.0.0.1:8080".to_owned(),
            callback_url: None,
            allowed_origins: None,
            rc_version: RcVersion::V8,
            rate_window_ms: None,
            integrations: None,
            app_headers: Vec::new(),
            config_set: Vec::new(),
            variants: Variants::default(),
        }
    }
}

impl Config {
    /// The rate-limit window for a platform whose published window is `published`.
    pub fn rate_window(&self, published: Duration) -> Duration {
        self.rate_window_ms.map_or(published, Duration::from_millis)
    }
}

/// Rocket.Chat changed its 401 body and its permission error code at 8.0.0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RcVersion {
    V7,
    V8,
}

impl RcVersion {
    /// Picks the body documented for this version.
    pub fn pick<T>(self, before_8: T, from_8: T) -> T {
        match self {
            Self::V7 => before_8,
            Self::V8 => from_8,
        }
    }
}
