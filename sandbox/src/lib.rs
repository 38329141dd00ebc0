//! Local stand-in for the Rocket.Chat, RyzeAPI and Altegio contracts described in
//! `shared/contracts/README.md`: real HTTP, CORS, state, rate limits, fault knobs and the Altegio
//! disable webhook, so the console can be exercised end to end without live accounts.

/// The documented bytes in `tests/fixtures/`, compiled in so client tests and sandbox agree on them.
macro_rules! fixture {
    ($path:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/", $path))
    };
}

/// A compiled-in fixture as JSON. The tests parse every fixture, so a failure here is a build bug.
fn parse_fixture(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("fixtures in tests/fixtures are JSON")
}

mod altegio;
pub mod cli;
mod clock;
mod config;
mod control;
mod cors;
mod data;
mod faults;
mod http;
mod ids;
mod lock;
mod platform;
mod rate_limit;
mod rocket_chat;
mod router;
mod routes;
mod ryze;
mod state;
mod static_files;
mod stats;
pub mod variants;
mod webhook;

use std::io;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::thread::{self, JoinHandle};

pub use config::{Config, RcVersion};
pub use variants::Variants;

/// A started sandbox: where it listens, and the thread serving the APIs.
#[derive(Debug)]
pub struct Running {
    pub api_addr: SocketAddr,
    /// `None` when the app directory does not exist (the APIs are still served).
    pub app_addr: Option<SocketAddr>,
    pub allowed_origins: Vec<String>,
    api_thread: JoinHandle<()>,
}

impl Running {
    /// Blocks for as long as the API server runs, which is until the process is killed.
    pub fn wait(self) {
        // The accept loop never returns; a panic in it has already been printed.
        let _ = self.api_thread.join();
    }
}

/// Binds both listeners, then serves in background threads.
pub fn start(config: Config) -> io::Result<Running> {
    let api = TcpListener::bind(&config.listen)?;
    let api_addr = api.local_addr()?;
    let app = if config.app_dir.is_dir() { Some(TcpListener::bind(&config.app_listen)?) } else { None };
    let app_addr = app.as_ref().map(TcpListener::local_addr).transpose()?;
    let allowed_origins = match &config.allowed_origins {
        Some(origins) => origins.clone(),
        None => cors::default_origins(app_addr, &config.app_listen),
    };

    if let Some(listener) = app {
        let site = static_files::Site {
            app_dir: config.app_dir.clone(),
            api_addr,
            rate_window_ms: config.rate_window_ms,
            headers: config.app_headers.clone(),
            config_set: config.config_set.clone(),
        };
        thread::spawn(move || static_files::serve(listener, site));
    }
    let sandbox = Arc::new(state::Sandbox::new(config, allowed_origins.clone()));
    let api_thread = thread::spawn(move || {
        http::serve(api, move |request| router::dispatch(&sandbox, request));
    });

    Ok(Running { api_addr, app_addr, allowed_origins, api_thread })
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    /// Client decode tests read the same files: each must stay one JSON document.
    #[test]
    fn every_fixture_is_one_json_document() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
        let mut checked = 0;
        for platform in ["altegio", "rocketchat", "ryze"] {
            let entries = fs::read_dir(root.join(platform)).expect("fixture folder");
            for path in entries.map(|entry| entry.expect("entry").path()) {
                if path.extension().is_some_and(|extension| extension == "json") {
                    let text = fs::read_to_string(&path).expect("readable");
                    let parsed = serde_json::from_str::<serde_json::Value>(&text);
                    assert!(parsed.is_ok(), "{} is not one JSON document", path.display());
                    checked += 1;
                }
            }
        }
        assert!(checked >= 39, "only {checked} fixtures found");
    }
}
