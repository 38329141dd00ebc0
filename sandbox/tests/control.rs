//! Reset, generated data, and the app server (MIME types, index, traversal, config.json rewrite).

mod common;

use std::fs;
use std::path::PathBuf;

use common::{Call, Reply, get, post_json, start, start_with};
use serde_json::{Value, json};

fn admin_list(addr: std::net::SocketAddr, query: &str) -> Reply {
    Call::new(addr, "GET", &format!("/rocketchat/api/v1/integrations.list{query}"))
        .header("X-User-Id", "sandboxAdminUserId")
        .header("X-Auth-Token", "sandbox-admin-auth-token")
        .send()
}

fn ryze_list(addr: std::net::SocketAddr) -> Value {
    Call::new(addr, "GET", "/ryze/api/instance/list").header("token", "sandbox-account-token").send().json()
}

fn salons(addr: std::net::SocketAddr) -> Value {
    Call::new(addr, "GET", "/altegio/marketplace/application/1/salons?count=1000")
        .header("Authorization", "Bearer sandbox-partner-token")
        .send()
        .json()
}

#[test]
fn reset_restores_data_and_clears_faults_counters_and_sessions() {
    let addr = start_with(|config| config.rate_window_ms = Some(60_000)).api_addr;
    let login = post_json(addr, "/rocketchat/api/v1/login", r#"{"user":"manager","password":"manager"}"#).json();
    let manager_token = login["data"]["authToken"].as_str().expect("token").to_owned();
    Call::new(addr, "POST", "/rocketchat/api/v1/logout")
        .header("X-User-Id", "sandboxAdminUserId")
        .header("X-Auth-Token", "sandbox-admin-auth-token")
        .send();
    assert_eq!(admin_list(addr, "").status, 401, "the fixed admin token was logged out");
    Call::new(addr, "DELETE", "/ryze/api/chatwoot/delete/suporte").header("token", "sandbox-account-token").send();
    Call::new(addr, "POST", "/altegio/marketplace/salon/1050/application/1/uninstall")
        .header("Authorization", "Bearer sandbox-partner-token")
        .send();
    post_json(addr, "/__sandbox/faults", r#"{"platform":"ryze","route":"*","kind":"drop","count":5}"#);
    let manager_get = |token: &str| {
        Call::new(addr, "GET", "/rocketchat/api/v1/integrations.get")
            .header("X-User-Id", "sandboxManagerUserId")
            .header("X-Auth-Token", token)
            .send()
    };
    for _ in 0..10 {
        manager_get(&manager_token);
    }
    assert_eq!(manager_get(&manager_token).status, 429);

    let reset = post_json(addr, "/__sandbox/reset", "");
    assert_eq!((reset.status, reset.json()), (200, json!({"reset": true})));

    assert_eq!(admin_list(addr, "").json()["total"], 12);
    assert_eq!(ryze_list(addr)["data"][0]["chatwoot"]["status"], "active");
    assert_eq!(salons(addr)["data"].as_array().map(Vec::len), Some(4));
    assert_eq!(get(addr, "/__sandbox/faults").json(), json!({"faults": []}));
    assert_eq!(get(addr, "/__sandbox/webhooks").json(), json!({"sent": [], "received": []}));
    let old_session = Call::new(addr, "GET", "/rocketchat/api/v1/integrations.list")
        .header("X-User-Id", "sandboxManagerUserId")
        .header("X-Auth-Token", &manager_token)
        .send();
    assert_eq!(old_session.status, 401, "sessions are cleared");
    let fresh = post_json(addr, "/rocketchat/api/v1/login", r#"{"user":"manager","password":"manager"}"#);
    let fresh_token = fresh.json()["data"]["authToken"].as_str().expect("token").to_owned();
    let again = manager_get(&fresh_token);
    assert_eq!(again.status, 400, "the documented missing-parameter answer, not 429");
    assert_eq!(again.header("X-RateLimit-Remaining"), Some("9"), "counters are cleared");
}

#[test]
fn integrations_n_generates_n_spread_over_the_platforms() {
    let addr = start_with(|config| config.integrations = Some(31)).api_addr;
    let rc = admin_list(addr, "?count=100").json();
    let ryze = ryze_list(addr);
    let altegio = salons(addr);
    let counts = (
        rc["total"].as_u64().expect("total"),
        ryze["data"].as_array().map(Vec::len).expect("instances"),
        altegio["data"].as_array().map(Vec::len).expect("salons"),
    );
    assert_eq!(counts, (11, 10, 10));

    let integrations = rc["integrations"].as_array().expect("array");
    let incoming = integrations.iter().filter(|i| i["type"] == "webhook-incoming").count();
    assert_eq!(incoming, 6);
    let mut names: Vec<&str> = integrations.iter().map(|i| i["name"].as_str().expect("name")).collect();
    names.sort_unstable();
    assert_eq!(names.first(), Some(&"Webhook 0001"));
    assert_eq!(names.last(), Some(&"Webhook 0011"));
    let dates: std::collections::BTreeSet<&str> =
        integrations.iter().map(|i| i["_createdAt"].as_str().expect("date")).collect();
    assert_eq!(dates.len(), 11, "varied creation dates");

    let statuses: std::collections::BTreeSet<String> =
        ryze["data"].as_array().expect("array").iter().map(|i| i["chatwoot"]["status"].to_string()).collect();
    assert_eq!(statuses.len(), 3, "active, paused and error");
    // The instance token owns the first generated instance.
    let own = Call::new(addr, "GET", "/ryze/api/instance/list").header("token", "sandbox-instance-token").send().json();
    assert_eq!(own["data"][0]["instanceName"], "instance-0001");

    post_json(addr, "/__sandbox/reset", "");
    assert_eq!(admin_list(addr, "?count=100").json(), rc, "reset rebuilds the same generated data");
}

/// A throwaway app directory with one file of each served type.
fn app_dir(name: &str) -> PathBuf {
    app_dir_with_config(
        name,
        &json!({
            "connections": [
                {"id": "rc", "platform": "rocketchat", "baseUrl": "http://127.0.0.1:8787/rocketchat", "sandbox": true},
                {"id": "ryze", "platform": "ryze", "baseUrl": "http://localhost:1/ryze", "sandbox": true},
                {"id": "live", "platform": "altegio", "baseUrl": "https://app.alteg.io", "sandbox": false}
            ],
            "requestTimeoutMs": 15000
        }),
    )
}

fn app_dir_with_config(name: &str, config: &Value) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("unplug-sandbox-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("docs")).expect("create app dir");
    let config = config.to_string();
    let files: [(&str, &[u8]); 7] = [
        ("index.html", b"<!doctype html><title>Unplug</title>"),
        ("unplug_bg.wasm", b"\0asm\x01\0\0\0"),
        ("unplug.js", b"export default 1;"),
        ("style.css", b"body{}"),
        ("favicon.ico", b"ico"),
        ("docs/index.html", b"docs"),
        ("config.json", config.as_bytes()),
    ];
    for (file, bytes) in files {
        fs::write(dir.join(file), bytes).expect("write app file");
    }
    dir
}

#[test]
fn the_app_server_serves_files_with_their_types() {
    let dir = app_dir("types");
    let running = start_with(|config| {
        config.app_dir = dir.clone();
        config.allowed_origins = None;
    });
    let app = running.app_addr.expect("app served");
    for (path, mime) in [
        ("/", "text/html; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/unplug_bg.wasm", "application/wasm"),
        ("/unplug.js", "text/javascript; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/favicon.ico", "image/x-icon"),
        ("/config.json", "application/json"),
    ] {
        let reply = get(app, path);
        assert_eq!((reply.status, reply.header("Content-Type")), (200, Some(mime)), "{path}");
    }
    assert_eq!(get(app, "/unplug_bg.wasm").body.as_bytes(), b"\0asm\x01\0\0\0");
    assert_eq!(get(app, "/docs").body, "docs", "a directory serves its index.html");
    assert_eq!(get(app, "/missing.js").status, 404);
    assert_eq!(get(app, "/../Cargo.toml").status, 404);
    assert_eq!(get(app, "/docs/%2e%2e/%2e%2e/etc/passwd").status, 404);
    assert_eq!(Call::new(app, "POST", "/").send().status, 405);

    let origins = &running.allowed_origins;
    assert_eq!(origins, &[format!("http://{app}"), format!("http://localhost:{}", app.port())]);
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn config_json_points_sandbox_connections_at_the_bound_api() {
    let dir = app_dir("config");
    let running = start_with(|config| config.app_dir = dir.clone());
    let app = running.app_addr.expect("app served");
    let config = get(app, "/config.json").json();
    let api = running.api_addr;
    let urls: Vec<&str> = config["connections"]
        .as_array()
        .expect("connections")
        .iter()
        .map(|connection| connection["baseUrl"].as_str().expect("baseUrl"))
        .collect();
    assert_eq!(
        urls,
        [format!("http://{api}/rocketchat").as_str(), format!("http://{api}/ryze").as_str(), "https://app.alteg.io"]
    );
    assert_eq!(config["requestTimeoutMs"], 15000, "everything else is kept");
    let _ = fs::remove_dir_all(dir);
}

/// Sandbox connections of every platform, one of them with a `rateLimit` already, and a live one.
fn rate_limit_app_dir(name: &str) -> PathBuf {
    app_dir_with_config(
        name,
        &json!({
            "connections": [
                {"id": "rc", "platform": "rocketchat", "baseUrl": "http://127.0.0.1:8787/rocketchat", "sandbox": true},
                {"id": "ryze", "platform": "ryze", "baseUrl": "http://127.0.0.1:8787/ryze", "sandbox": true,
                 "rateLimit": {"requests": 1, "perMs": 5}},
                {"id": "altegio", "platform": "altegio", "baseUrl": "http://127.0.0.1:8787/altegio",
                 "applicationId": 1, "sandbox": true},
                {"id": "live", "platform": "rocketchat", "baseUrl": "https://chat.example.com",
                 "rateLimit": {"requests": 3, "perMs": 1000}}
            ]
        }),
    )
}

fn rate_limits(config: &Value) -> Vec<Value> {
    config["connections"]
        .as_array()
        .expect("connections")
        .iter()
        .map(|connection| connection["rateLimit"].clone())
        .collect()
}

#[test]
fn with_a_rate_window_config_json_gives_sandbox_connections_the_enforced_limit() {
    let dir = rate_limit_app_dir("rate-window");
    let running = start_with(|config| {
        config.app_dir = dir.clone();
        config.rate_window_ms = Some(250);
    });
    let config = get(running.app_addr.expect("app served"), "/config.json").json();
    assert_eq!(
        rate_limits(&config),
        [
            json!({"requests": 10, "perMs": 250}),
            json!({"requests": 100, "perMs": 250}),
            Value::Null,
            json!({"requests": 3, "perMs": 1000}),
        ],
        "Rocket.Chat 10 and RyzeAPI 100 per window; Altegio (not limited) and live connections untouched"
    );
    assert_eq!(
        config["connections"][0]["baseUrl"],
        format!("http://{}/rocketchat", running.api_addr),
        "baseUrl is still rewritten"
    );
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn without_a_rate_window_config_json_keeps_its_rate_limits() {
    let dir = rate_limit_app_dir("no-rate-window");
    let running = start_with(|config| config.app_dir = dir.clone());
    let config = get(running.app_addr.expect("app served"), "/config.json").json();
    assert_eq!(
        rate_limits(&config),
        [Value::Null, json!({"requests": 1, "perMs": 5}), Value::Null, json!({"requests": 3, "perMs": 1000}),]
    );
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn stats_count_requests_and_429s_per_platform_until_reset() {
    let addr = start_with(|config| config.rate_window_ms = Some(60_000)).api_addr;
    let zero = json!({
        "rateLimited": {"rocketchat": 0, "ryze": 0, "altegio": 0},
        "requests": {"rocketchat": 0, "ryze": 0, "altegio": 0},
        "updates": {"rocketchat": 0},
        "updatesRefused": {"rocketchat": 0},
    });
    assert_eq!(get(addr, "/__sandbox/stats").json(), zero);

    // The manager is rate limited: 10 calls of a route a window, so the 11th and 12th get 429.
    let login = post_json(addr, "/rocketchat/api/v1/login", r#"{"user":"manager","password":"manager"}"#).json();
    let token = login["data"]["authToken"].as_str().expect("token").to_owned();
    let statuses: Vec<u16> = (0..12)
        .map(|_| {
            Call::new(addr, "GET", "/rocketchat/api/v1/integrations.list")
                .header("X-User-Id", "sandboxManagerUserId")
                .header("X-Auth-Token", &token)
                .send()
                .status
        })
        .collect();
    assert_eq!(&statuses[10..], [429, 429], "{statuses:?}");
    for _ in 0..2 {
        ryze_list(addr);
    }
    salons(addr);
    // Preflights and control calls are not platform requests.
    Call::new(addr, "OPTIONS", "/ryze/api/instance/list")
        .header("Origin", common::ORIGIN)
        .header("Access-Control-Request-Method", "GET")
        .send();

    let stats = get(addr, "/__sandbox/stats");
    assert_eq!(stats.status, 200);
    assert_eq!(
        stats.json(),
        json!({
            "rateLimited": {"rocketchat": 2, "ryze": 0, "altegio": 0},
            "requests": {"rocketchat": 13, "ryze": 2, "altegio": 1},
            "updates": {"rocketchat": 0},
            "updatesRefused": {"rocketchat": 0},
        })
    );

    post_json(addr, "/__sandbox/reset", "");
    assert_eq!(get(addr, "/__sandbox/stats").json(), zero);
}

#[test]
fn unknown_paths_on_the_api_port_say_where_things_are() {
    let addr = start().api_addr;
    let reply = get(addr, "/nope");
    assert_eq!(reply.status, 404);
    assert!(reply.json()["error"].as_str().is_some_and(|e| e.contains("/rocketchat")));
    assert_eq!(get(addr, "/__sandbox/nope").status, 404);
}

#[test]
fn variants_leave_config_json_as_it_is() {
    let dir = app_dir("variants");
    let plain = start_with(|config| config.app_dir = dir.clone());
    let varied = start_with(|config| {
        config.app_dir = dir.clone();
        for assignment in [
            "ryze-list=bare",
            "ryze-summary=none",
            "ryze-probe=full",
            "ryze-module=off",
            "altegio-page-base=0",
            "rc-remove-body=seed",
            "rc-bypass=off",
            "rc-expose=rate-limit",
            "paging=ignored",
            "ryze-expose=none",
            "altegio-repeat-uninstall=200",
        ] {
            config.variants.set(assignment).expect("a known variant");
        }
    });
    let served = |running: &sandbox::Running| {
        let body = get(running.app_addr.expect("app served"), "/config.json").body;
        body.replace(&running.api_addr.to_string(), "API")
    };
    assert_eq!(served(&varied), served(&plain));
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn config_set_puts_its_keys_at_the_top_of_the_served_config_json() {
    let dir = app_dir("config-set");
    let running = start_with(|config| {
        config.app_dir = dir.clone();
        config.config_set = vec![("undoSeconds".to_owned(), json!(0)), ("requestTimeoutMs".to_owned(), json!(2000))];
    });
    let served = get(running.app_addr.expect("app served"), "/config.json").json();
    assert_eq!(served["undoSeconds"], 0);
    assert_eq!(served["requestTimeoutMs"], 2000, "a key the file has is replaced");
    assert!(served["connections"].as_array().is_some_and(|all| !all.is_empty()), "the rest is kept");
    let _ = fs::remove_dir_all(dir);
}
