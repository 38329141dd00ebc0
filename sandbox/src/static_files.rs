//! Serves the built console, and points its sandbox connections at the API port actually bound
//! (and, with `--rate-window-ms`, at the rate limits the sandbox actually enforces).

use std::fs;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::http::{self, Outcome, Request, Response, percent_decode};
use crate::platform::Platform;

/// What the app server serves and how.
#[derive(Debug, Clone)]
pub struct Site {
    pub app_dir: PathBuf,
    pub api_addr: SocketAddr,
    /// `--rate-window-ms`: when set, served sandbox connections get the limit the sandbox
    /// enforces with that window as their `rateLimit`.
    pub rate_window_ms: Option<u64>,
    /// `--app-header`: sent with every answer (a Content-Security-Policy under test, say).
    pub headers: Vec<(String, String)>,
    /// `--config-set`: top-level keys set in the served config.json.
    pub config_set: Vec<(String, Value)>,
}

pub fn serve(listener: TcpListener, site: Site) {
    http::serve(listener, move |request| {
        let response = respond(&site, request);
        Outcome::Respond(response.with_headers(site.headers.clone()))
    });
}

fn respond(site: &Site, request: &Request) -> Response {
    let app_dir = site.app_dir.as_path();
    if request.method != "GET" {
        return Response::with_body(405, "text/plain; charset=utf-8", "GET only\n").with_header("Allow", "GET");
    }
    let Some(mut file) = resolve(app_dir, &request.path) else {
        return not_found();
    };
    if file.is_dir() {
        file.push("index.html");
    }
    let Ok(bytes) = fs::read(&file) else {
        return not_found();
    };
    let bytes = if file.file_name().is_some_and(|name| name == "config.json") {
        let api_origin = api_origin(site.api_addr, request.header("host"));
        rewrite_config(bytes, &api_origin, site)
    } else {
        bytes
    };
    Response::with_body(200, mime_type(&file), bytes)
}

/// The file under `app_dir` a URL path names; `None` for anything that tries to leave it.
fn resolve(app_dir: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path, false);
    let mut file = app_dir.to_path_buf();
    for segment in decoded.split('/').filter(|segment| !segment.is_empty() && *segment != ".") {
        if segment == ".." || segment.contains('\\') || segment.contains(':') {
            return None;
        }
        file.push(segment);
    }
    Some(file)
}

/// Where the browser reaches the APIs: the bound address, or the host the browser used for the
/// app when the APIs listen on every interface.
fn api_origin(api_addr: SocketAddr, host_header: Option<&str>) -> String {
    if !api_addr.ip().is_unspecified() {
        return format!("http://{api_addr}");
    }
    let host = host_header.map(|host| host.rsplit_once(':').map_or(host, |(name, _)| name)).unwrap_or("localhost");
    format!("http://{host}:{}", api_addr.port())
}

/// Every object with `"sandbox": true` gets its `baseUrl` moved to `api_origin`, path kept, so the
/// console works whatever ports the sandbox was given. With a rate window, its `rateLimit` becomes
/// the limit the sandbox enforces on its platform (none is set where the sandbox enforces none).
/// `--config-set` keys are then set at the top. Unreadable JSON is served as it is.
fn rewrite_config(bytes: Vec<u8>, api_origin: &str, site: &Site) -> Vec<u8> {
    let Ok(mut config) = serde_json::from_slice::<Value>(&bytes) else {
        eprintln!("sandbox: config.json is not JSON; serving it unchanged");
        return bytes;
    };
    adjust_sandbox_connections(&mut config, api_origin, site.rate_window_ms);
    if let Value::Object(top) = &mut config {
        top.extend(site.config_set.iter().cloned());
    }
    serde_json::to_vec_pretty(&config).unwrap_or(bytes)
}

fn adjust_sandbox_connections(value: &mut Value, api_origin: &str, rate_window_ms: Option<u64>) {
    match value {
        Value::Object(object) => {
            if object.get("sandbox") == Some(&Value::Bool(true)) {
                if let Some(Value::String(base_url)) = object.get_mut("baseUrl") {
                    *base_url = format!("{api_origin}{}", url_path(base_url));
                }
                let limit = object
                    .get("platform")
                    .and_then(Value::as_str)
                    .and_then(Platform::from_name)
                    .and_then(Platform::enforced_limit);
                if let (Some(requests), Some(per_ms)) = (limit, rate_window_ms) {
                    object.insert("rateLimit".to_owned(), json!({ "requests": requests, "perMs": per_ms }));
                }
            }
            object.values_mut().for_each(|child| adjust_sandbox_connections(child, api_origin, rate_window_ms));
        }
        Value::Array(items) => {
            items.iter_mut().for_each(|child| adjust_sandbox_connections(child, api_origin, rate_window_ms))
        }
        _ => {}
    }
}

/// The path of an absolute URL (`http://host:1/rocketchat` → `/rocketchat`); a relative value is
/// taken as a path already.
fn url_path(url: &str) -> &str {
    match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |at| &rest[at..]),
        None => url,
    }
}

fn mime_type(file: &Path) -> &'static str {
    match file.extension().and_then(|extension| extension.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("wasm") => "application/wasm",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn not_found() -> Response {
    Response::with_body(404, "text/plain; charset=utf-8", "Not found\n")
}

#[cfg(test)]
mod tests {
    use super::{api_origin, resolve, url_path};
    use std::path::Path;

    #[test]
    fn refuses_paths_that_leave_the_app_dir() {
        let dir = Path::new("/srv/app");
        assert_eq!(resolve(dir, "/a/./b.js"), Some(dir.join("a").join("b.js")));
        assert_eq!(resolve(dir, "/../etc/passwd"), None);
        assert_eq!(resolve(dir, "/a/%2e%2e/%2e%2e/etc"), None);
        assert_eq!(resolve(dir, "/a\\..\\b"), None);
    }

    #[test]
    fn keeps_the_path_of_a_base_url() {
        assert_eq!(url_path("https://chat.example.com:3000/rocketchat"), "/rocketchat");
        assert_eq!(url_path("http://127.0.0.1:8787"), "");
        assert_eq!(url_path("/ryze"), "/ryze");
    }

    #[test]
    fn uses_the_browser_host_when_listening_everywhere() {
        let everywhere = "0.0.0.0:8787".parse().expect("address");
        assert_eq!(api_origin(everywhere, Some("box.lan:8080")), "http://box.lan:8787");
        let loopback = "127.0.0.1:9000".parse().expect("address");
        assert_eq!(api_origin(loopback, Some("box.lan:8080")), "http://127.0.0.1:9000");
    }
}
