//! Each platform's CORS behaviour, and every fault kind with its `count` expiry.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::{Call, FOREIGN_ORIGIN, ORIGIN, Reply, get, parse, post_json, start, start_args};
use serde_json::{Value, json};

const RC_METHODS: &str = "GET, POST, PUT, DELETE, HEAD, PATCH";
const RC_HEADERS: &str =
    "Origin, X-Requested-With, Content-Type, Accept, X-User-Id, X-Auth-Token, x-visitor-token, Authorization";
const RYZE_EXPOSE: &str = "X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After";

fn from(addr: SocketAddr, method: &str, path: &str, origin: &str) -> Reply {
    Call::new(addr, method, path).header("Origin", origin).send()
}

fn preflight(addr: SocketAddr, path: &str, origin: &str) -> Reply {
    Call::new(addr, "OPTIONS", path).header("Origin", origin).header("Access-Control-Request-Method", "POST").send()
}

#[test]
fn rocket_chat_echoes_allowed_origins_and_refuses_others_with_an_empty_403() {
    let addr = start().api_addr;
    let allowed = from(addr, "GET", "/rocketchat/api/info", ORIGIN);
    assert_eq!(allowed.status, 200);
    assert_eq!(allowed.header("Access-Control-Allow-Origin"), Some(ORIGIN));
    assert_eq!(allowed.header("Access-Control-Allow-Methods"), Some(RC_METHODS));
    assert_eq!(allowed.header("Access-Control-Allow-Headers"), Some(RC_HEADERS));
    assert_eq!(allowed.header("Access-Control-Expose-Headers"), None);

    let refused = from(addr, "GET", "/rocketchat/api/info", FOREIGN_ORIGIN);
    assert_eq!((refused.status, refused.body.as_str()), (403, ""));
    assert_eq!(refused.header("Access-Control-Allow-Origin"), None);

    let ok = preflight(addr, "/rocketchat/api/v1/integrations.remove", ORIGIN);
    assert_eq!((ok.status, ok.body.as_str()), (200, ""));
    assert_eq!(ok.header("Access-Control-Allow-Origin"), Some(ORIGIN));
    assert_eq!(ok.header("Access-Control-Allow-Headers"), Some(RC_HEADERS));
    let no = preflight(addr, "/rocketchat/api/v1/integrations.remove", FOREIGN_ORIGIN);
    assert_eq!((no.status, no.body.as_str()), (403, ""));
}

#[test]
fn ryze_exposes_rate_limit_headers_and_leaves_foreign_origins_without_cors() {
    let addr = start().api_addr;
    let allowed = from(addr, "GET", "/ryze/api/instance/list", ORIGIN);
    assert_eq!(allowed.status, 401);
    assert_eq!(allowed.header("Access-Control-Allow-Origin"), Some(ORIGIN));
    assert_eq!(allowed.header("Access-Control-Expose-Headers"), Some(RYZE_EXPOSE));

    let foreign = from(addr, "GET", "/ryze/api/instance/list", FOREIGN_ORIGIN);
    assert_eq!(foreign.status, 401, "answered, but the browser will not let the page read it");
    assert_eq!(foreign.header("Access-Control-Allow-Origin"), None);

    let ok = preflight(addr, "/ryze/api/chatwoot/delete/suporte", ORIGIN);
    assert_eq!(ok.status, 204);
    assert_eq!(ok.header("Access-Control-Allow-Origin"), Some(ORIGIN));
    assert_eq!(ok.header("Access-Control-Allow-Methods"), Some("GET, POST, PUT, DELETE, OPTIONS"));
    assert_eq!(ok.header("Access-Control-Allow-Headers"), Some("Content-Type, Authorization, token"));
    let no = preflight(addr, "/ryze/api/chatwoot/delete/suporte", FOREIGN_ORIGIN);
    assert_eq!(no.status, 403);
    assert_eq!(no.header("Access-Control-Allow-Origin"), None);
}

#[test]
fn altegio_echoes_allowed_origins_without_exposing_headers() {
    let addr = start().api_addr;
    let allowed = from(addr, "GET", "/altegio/marketplace/application/1/salons", ORIGIN);
    assert_eq!(allowed.header("Access-Control-Allow-Origin"), Some(ORIGIN));
    assert_eq!(allowed.header("Access-Control-Expose-Headers"), None);
    let foreign = from(addr, "GET", "/altegio/marketplace/application/1/salons", FOREIGN_ORIGIN);
    assert_eq!(foreign.status, 401);
    assert_eq!(foreign.header("Access-Control-Allow-Origin"), None);

    let ok = preflight(addr, "/altegio/marketplace/salon/1050/application/1/uninstall", ORIGIN);
    assert_eq!(ok.status, 204);
    assert_eq!(ok.header("Access-Control-Allow-Headers"), Some("Authorization, Accept, Content-Type"));
    assert_eq!(preflight(addr, "/altegio/marketplace/application/1/salons", FOREIGN_ORIGIN).status, 403);
}

#[test]
fn sandbox_controls_accept_any_origin() {
    let addr = start().api_addr;
    let reply = from(addr, "GET", "/__sandbox/faults", FOREIGN_ORIGIN);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("Access-Control-Allow-Origin"), Some("*"));
    assert_eq!(preflight(addr, "/__sandbox/faults", FOREIGN_ORIGIN).status, 204);
}

/// A fixture's bytes as the sandbox sends the documented ones.
fn fixture_text(path: &str) -> String {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(path);
    std::fs::read_to_string(file).expect("fixture readable")
}

fn add_fault(addr: SocketAddr, fault: Value) -> Reply {
    post_json(addr, "/__sandbox/faults", &fault.to_string())
}

fn info(addr: SocketAddr) -> Reply {
    from(addr, "GET", "/rocketchat/api/info", ORIGIN)
}

#[test]
fn latency_delays_then_answers_normally() {
    let addr = start().api_addr;
    let added = add_fault(addr, json!({"platform": "rocketchat", "route": "/api/info", "kind": "latency:300"}));
    assert_eq!(added.status, 201);
    assert_eq!(
        get(addr, "/__sandbox/faults").json(),
        json!({"faults": [{"platform": "rocketchat", "route": "/api/info", "kind": "latency:300", "count": 1}]})
    );
    let started = Instant::now();
    info(addr).assert_fixture(200, "rocketchat/info.json");
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(get(addr, "/__sandbox/faults").json(), json!({"faults": []}));
}

#[test]
fn html5xx_answers_an_nginx_page_that_the_browser_may_read() {
    let addr = start().api_addr;
    add_fault(addr, json!({"platform": "rocketchat", "route": "*", "kind": "html5xx"}));
    let reply = info(addr);
    assert_eq!(reply.status, 502);
    assert_eq!(reply.header("Content-Type"), Some("text/html"));
    assert!(reply.body.contains("<center>nginx</center>"));
    assert_eq!(reply.header("Access-Control-Allow-Origin"), Some(ORIGIN));
}

#[test]
fn malformed_answers_json_that_does_not_parse() {
    let addr = start().api_addr;
    add_fault(
        addr,
        json!({"platform": "altegio", "route": "/marketplace/application/:app/salons", "kind": "malformed"}),
    );
    let reply = from(addr, "GET", "/altegio/marketplace/application/1/salons", ORIGIN);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("Content-Type"), Some("application/json"));
    assert!(serde_json::from_str::<Value>(&reply.body).is_err());
}

#[test]
fn truncated_cuts_the_real_body_in_half() {
    let addr = start().api_addr;
    let path = "/ryze/api/chatwoot/list/suporte";
    let whole = Call::new(addr, "GET", path).header("token", "sandbox-account-token").send();
    add_fault(addr, json!({"platform": "ryze", "route": "/api/chatwoot/list/:instance", "kind": "truncated"}));
    let cut = Call::new(addr, "GET", path).header("token", "sandbox-account-token").send();
    assert_eq!(cut.status, 200);
    assert_eq!(cut.body, whole.body[..whole.body.len() / 2]);
}

#[test]
fn cut_sends_the_first_n_bytes_of_the_real_answer_with_that_content_length() {
    let addr = start().api_addr;
    let delete = || {
        Call::new(addr, "DELETE", "/ryze/api/chatwoot/delete/vendas").header("token", "sandbox-account-token").send()
    };
    add_fault(addr, json!({"platform": "ryze", "route": "/api/chatwoot/delete/:instance", "kind": "cut:12"}));
    // `send` checks that Content-Length counts exactly the bytes that came.
    let cut = delete();
    assert_eq!(cut.status, 200);
    assert_eq!(cut.header("Content-Length"), Some("12"));
    let whole = fixture_text("ryze/delete_ok.json");
    assert_eq!(cut.body, whole[..12]);
    assert!(cut.header("X-RateLimit-Remaining").is_some(), "the platform answered");
    delete().assert_fixture(404, "ryze/no_integration_to_delete.json");

    // Cutting beyond the end sends the whole answer.
    add_fault(addr, json!({"platform": "rocketchat", "route": "/api/info", "kind": "cut:1000000", "count": 1}));
    info(addr).assert_fixture(200, "rocketchat/info.json");
    add_fault(addr, json!({"platform": "rocketchat", "route": "/api/info", "kind": "cut:0"}));
    let nothing = info(addr);
    assert_eq!(
        (nothing.status, nothing.body.as_str(), nothing.header("Access-Control-Allow-Origin")),
        (200, "", Some(ORIGIN))
    );
}

/// The head's lines and the raw body of an answer that may not carry `Content-Length`.
fn split_head(bytes: &[u8]) -> (Vec<String>, &[u8]) {
    let end = bytes.windows(4).position(|window| window == b"\r\n\r\n").expect("end of head");
    let head = String::from_utf8_lossy(&bytes[..end]).split("\r\n").map(str::to_owned).collect();
    (head, &bytes[end + 4..])
}

fn head_has(head: &[String], name: &str) -> bool {
    head.iter().any(|line| line.split(':').next().is_some_and(|key| key.eq_ignore_ascii_case(name)))
}

/// A chunked body, decoded; panics unless it ends with the zero-length chunk.
fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut decoded = Vec::new();
    loop {
        let line_end = body.windows(2).position(|window| window == b"\r\n").expect("chunk size line");
        let size = usize::from_str_radix(std::str::from_utf8(&body[..line_end]).expect("ASCII"), 16).expect("hex");
        body = &body[line_end + 2..];
        if size == 0 {
            assert_eq!(body, b"\r\n", "nothing after the last chunk");
            return decoded;
        }
        decoded.extend_from_slice(&body[..size]);
        assert_eq!(&body[size..size + 2], b"\r\n");
        body = &body[size + 2..];
    }
}

const MIB: usize = 1024 * 1024;

#[test]
fn huge_sends_a_json_answer_of_that_many_mebibytes_with_its_length_and_the_platform_never_acts() {
    let addr = start().api_addr;
    let route = "/api/chatwoot/delete/:instance";
    add_fault(addr, json!({"platform": "ryze", "route": route, "kind": "huge:2"}));
    assert_eq!(get(addr, "/__sandbox/faults").json()["faults"][0]["kind"], "huge:2");
    let delete = || {
        Call::new(addr, "DELETE", "/ryze/api/chatwoot/delete/vendas")
            .header("token", "sandbox-account-token")
            .header("Origin", ORIGIN)
            .send()
    };
    // `send` checks Content-Length against the bytes that came.
    let reply = delete();
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("Content-Type"), Some("application/json"));
    assert_eq!(reply.header("Content-Length"), Some((2 * MIB).to_string().as_str()));
    assert_eq!(reply.header("Access-Control-Allow-Origin"), Some(ORIGIN));
    assert_eq!(reply.header("X-RateLimit-Remaining"), None, "the platform was not called");
    assert_eq!(reply.json()["success"], true);
    // The integration is still there to delete.
    delete().assert_fixture(200, "ryze/delete_ok.json");
}

#[test]
fn huge_goes_up_to_64_mebibytes() {
    let addr = start().api_addr;
    let added = add_fault(addr, json!({"platform": "altegio", "route": "*", "kind": "huge:64"}));
    assert_eq!(added.status, 201);
    let bytes = Call::new(addr, "GET", "/altegio/marketplace/application/1/salons").send_raw();
    let (head, body) = split_head(&bytes);
    assert!(head.contains(&format!("Content-Length: {}", 64 * MIB)), "{head:?}");
    assert_eq!(body.len(), 64 * MIB);
    assert!(body.starts_with(br#"{"success":true,"#) && body.ends_with(br#"xx"}"#));
}

#[test]
fn huge_chunked_sends_the_same_without_a_length() {
    let addr = start().api_addr;
    add_fault(addr, json!({"platform": "rocketchat", "route": "/api/info", "kind": "huge-chunked:3", "count": 2}));
    let bytes = Call::new(addr, "GET", "/rocketchat/api/info").header("Origin", ORIGIN).send_raw();
    let (head, body) = split_head(&bytes);
    assert_eq!(head[0], "HTTP/1.1 200 OK");
    assert!(head.iter().any(|line| line == "Transfer-Encoding: chunked"), "{head:?}");
    assert!(head.iter().any(|line| line == "Connection: close"), "{head:?}");
    assert!(head.iter().any(|line| line == &format!("Access-Control-Allow-Origin: {ORIGIN}")), "{head:?}");
    assert!(!head_has(&head, "Content-Length"), "{head:?}");
    let decoded = dechunk(body);
    assert_eq!(decoded.len(), 3 * MIB);
    assert_eq!(serde_json::from_slice::<Value>(&decoded).expect("JSON")["success"], true);

    // An HTTP/1.0 client cannot take chunks: the close alone ends the body.
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    std::io::Write::write_all(&mut stream, b"GET /rocketchat/api/info HTTP/1.0\r\n\r\n").expect("write");
    let mut old = Vec::new();
    std::io::Read::read_to_end(&mut stream, &mut old).expect("read");
    let (head, body) = split_head(&old);
    assert!(!head_has(&head, "Content-Length") && !head_has(&head, "Transfer-Encoding"), "{head:?}");
    assert_eq!(body.len(), 3 * MIB);
    info(addr).assert_fixture(200, "rocketchat/info.json");
}

fn epoch_seconds() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).expect("after 1970").as_secs()
}

fn ryze_delete(addr: SocketAddr) -> Reply {
    Call::new(addr, "DELETE", "/ryze/api/chatwoot/delete/vendas")
        .header("token", "sandbox-account-token")
        .header("Origin", ORIGIN)
        .send()
}

#[test]
fn retry_after_answers_ryzes_documented_429_with_the_reset_that_far_and_the_platform_never_acts() {
    let addr = start().api_addr;
    add_fault(
        addr,
        json!({"platform": "ryze", "route": "/api/chatwoot/delete/:instance", "kind": "retry-after:86400"}),
    );
    assert_eq!(get(addr, "/__sandbox/faults").json()["faults"][0]["kind"], "retry-after:86400");
    let before = epoch_seconds();
    let reply = ryze_delete(addr);
    reply.assert_fixture(429, "ryze/rate_limited.json");
    assert_eq!(reply.header("Retry-After"), Some("86400"));
    let reset: u64 = reply.header("X-RateLimit-Reset").expect("reset").parse().expect("whole seconds");
    assert!((before + 86_400..=epoch_seconds() + 86_401).contains(&reset), "{reset}");
    assert_eq!((reply.header("X-RateLimit-Limit"), reply.header("X-RateLimit-Remaining")), (Some("100"), Some("0")));
    // The browser may read the answer and the header.
    assert_eq!(reply.header("Access-Control-Allow-Origin"), Some(ORIGIN));
    assert_eq!(reply.header("Access-Control-Expose-Headers"), Some(RYZE_EXPOSE));

    ryze_delete(addr).assert_fixture(200, "ryze/delete_ok.json");
    let stats = get(addr, "/__sandbox/stats").json();
    assert_eq!((&stats["requests"]["ryze"], &stats["rateLimited"]["ryze"]), (&json!(2), &json!(1)));
}

#[test]
fn retry_after_sends_any_value_as_given_and_a_reset_only_for_a_number() {
    let addr = start().api_addr;
    let values = ["-5", "1e12", "inf", "soon", "Wed, 21 Oct 2015 07:28:00 GMT"];
    for value in values {
        let kind = format!("retry-after:{value}");
        assert_eq!(add_fault(addr, json!({"platform": "ryze", "route": "*", "kind": kind})).status, 201);
    }
    let now = epoch_seconds();
    let replies: Vec<Reply> = values.iter().map(|_| ryze_delete(addr)).collect();
    for (value, reply) in values.iter().zip(&replies) {
        reply.assert_fixture(429, "ryze/rate_limited.json");
        assert_eq!(reply.header("Retry-After"), Some(*value));
    }
    let reset = |reply: &Reply| reply.header("X-RateLimit-Reset").map(|reset| reset.parse::<u64>().expect("whole"));
    assert!(reset(&replies[0]).is_some_and(|reset| (now - 5..=now - 3).contains(&reset)), "{replies:?}");
    assert!(
        reset(&replies[1]).is_some_and(|reset| (now + 1_000_000_000_000..now + 1_000_000_000_003).contains(&reset))
    );
    assert!(replies[2..].iter().all(|reply| reply.header("X-RateLimit-Reset").is_none()));
    ryze_delete(addr).assert_fixture(200, "ryze/delete_ok.json");
}

#[test]
fn retry_after_on_rocket_chat_writes_a_numeric_wait_into_the_documented_message() {
    let addr = start().api_addr;
    let documented = fixture_text("rocketchat/too_many_requests.json");
    for (value, wait) in [("30", "30"), ("1e12", "1e12"), ("inf", "42"), ("soon", "42")] {
        add_fault(
            addr,
            json!({"platform": "rocketchat", "route": "/api/info", "kind": format!("retry-after:{value}")}),
        );
        let reply = info(addr);
        assert_eq!(reply.status, 429);
        assert_eq!(reply.header("Retry-After"), Some(value));
        assert_eq!(reply.header("Access-Control-Allow-Origin"), Some(ORIGIN));
        let expected: Value =
            serde_json::from_str(&documented.replace("wait 42 seconds", &format!("wait {wait} seconds")))
                .expect("JSON");
        assert_eq!(reply.json(), expected, "{value}");
        assert!(
            reply.json()["error"]
                .as_str()
                .is_some_and(|error| error.contains(&format!("You must wait {wait} seconds")))
        );
        assert_eq!(reply.header("X-RateLimit-Reset").is_some(), wait != "42", "{value}");
    }
    info(addr).assert_fixture(200, "rocketchat/info.json");
    assert_eq!(get(addr, "/__sandbox/stats").json()["rateLimited"]["rocketchat"], 4);
}

#[test]
fn retry_after_on_altegio_answers_laravels_throttle_message_in_altegios_envelope() {
    let addr = start().api_addr;
    add_fault(addr, json!({"platform": "altegio", "route": "*", "kind": "retry-after:60"}));
    let reply = from(addr, "GET", "/altegio/marketplace/application/1/salons", ORIGIN);
    assert_eq!(reply.status, 429);
    assert_eq!(reply.json(), json!({"success": false, "data": null, "meta": {"message": "Too Many Attempts."}}));
    assert_eq!(reply.header("Retry-After"), Some("60"));
    assert_eq!(reply.header("Access-Control-Allow-Origin"), Some(ORIGIN));
}

fn rc_admin(addr: SocketAddr, path: &str) -> Reply {
    Call::new(addr, "GET", path)
        .header("X-User-Id", "sandboxAdminUserId")
        .header("X-Auth-Token", "sandbox-admin-auth-token")
        .send()
}

fn altegio(addr: SocketAddr, path: &str) -> Reply {
    Call::new(addr, "GET", path).header("Authorization", "Bearer sandbox-partner-token").send()
}

#[test]
fn paging_ignored_answers_count_list_calls_as_the_paging_ignored_variant_does() {
    let addr = start().api_addr;
    let ignoring = start_args(&["--variant", "paging=ignored"]).api_addr;
    let list = "/rocketchat/api/v1/integrations.list?offset=5&count=5";
    let route = "/api/v1/integrations.list";
    add_fault(addr, json!({"platform": "rocketchat", "route": route, "kind": "paging-ignored", "count": 2}));
    assert_eq!(get(addr, "/__sandbox/faults").json()["faults"][0]["kind"], "paging-ignored");
    let first_page = rc_admin(ignoring, list);
    assert_eq!(first_page.json()["offset"], 0);
    for _ in 0..2 {
        let reply = rc_admin(addr, list);
        assert_eq!((reply.status, &reply.body), (200, &first_page.body));
    }
    // Used up: the offset counts again.
    let honoured = rc_admin(addr, list).json();
    assert_eq!(honoured["offset"], 5);
    assert_ne!(honoured["integrations"], first_page.json()["integrations"]);

    let salons = "/altegio/marketplace/application/1/salons";
    add_fault(addr, json!({"platform": "altegio", "route": "*", "kind": "paging-ignored", "count": 5}));
    for query in ["?page=2&count=2", "?page=9&count=3", "?page=abc"] {
        let path = format!("{salons}{query}");
        let (faulted, expected) = (altegio(addr, &path), altegio(ignoring, &path));
        assert_eq!((faulted.status, &faulted.body), (expected.status, &expected.body), "{query}");
    }
    assert_eq!(altegio(addr, &format!("{salons}?page=2&count=2")).json()["data"][0]["id"], 1050);
    // Another route answers normally, and uses up the last call.
    let status = "/altegio/marketplace/salon/1051/application/1";
    assert_eq!(get(addr, "/__sandbox/faults").json()["faults"][0]["count"], 1);
    assert_eq!(altegio(addr, status).body, altegio(ignoring, status).body);
    assert_eq!(get(addr, "/__sandbox/faults").json(), json!({"faults": []}));
    assert_eq!(altegio(addr, &format!("{salons}?page=2&count=2")).json()["data"][0]["id"], 1052);
}

#[test]
fn empty_keeps_the_status_and_the_effect_but_not_the_body() {
    let addr = start().api_addr;
    add_fault(addr, json!({"platform": "ryze", "route": "/api/chatwoot/delete/:instance", "kind": "empty"}));
    let call = |method| {
        Call::new(addr, method, "/ryze/api/chatwoot/delete/vendas").header("token", "sandbox-account-token").send()
    };
    let reply = call("DELETE");
    assert_eq!((reply.status, reply.body.as_str()), (200, ""));
    call("DELETE").assert_fixture(404, "ryze/no_integration_to_delete.json");
}

#[test]
fn drop_closes_the_connection_without_a_byte() {
    let addr = start().api_addr;
    add_fault(addr, json!({"platform": "rocketchat", "route": "/api/info", "kind": "drop"}));
    let bytes = Call::new(addr, "GET", "/rocketchat/api/info").send_raw();
    assert!(bytes.is_empty(), "got {:?}", String::from_utf8_lossy(&bytes));
    info(addr).assert_fixture(200, "rocketchat/info.json");
}

#[test]
fn a_fault_applies_to_count_matching_requests_only() {
    let addr = start().api_addr;
    add_fault(addr, json!({"platform": "rocketchat", "route": "/api/info", "kind": "html5xx", "count": 2}));
    // Preflights, other routes and other platforms do not use it up.
    assert_eq!(preflight(addr, "/rocketchat/api/info", ORIGIN).status, 200);
    assert_eq!(get(addr, "/rocketchat/api/v1/integrations.list").status, 401);
    assert_eq!(get(addr, "/ryze/api/instance/list").status, 401);
    assert_eq!(get(addr, "/__sandbox/faults").json()["faults"][0]["count"], 2);
    assert_eq!(info(addr).status, 502);
    assert_eq!(get(addr, "/__sandbox/faults").json()["faults"][0]["count"], 1);
    assert_eq!(info(addr).status, 502);
    info(addr).assert_fixture(200, "rocketchat/info.json");
}

#[test]
fn bad_fault_requests_are_refused_with_the_reason() {
    let addr = start().api_addr;
    for fault in [
        json!({"platform": "slack", "route": "*", "kind": "drop"}),
        json!({"platform": "ryze", "route": "/api/chatwoot/delete/suporte", "kind": "drop"}),
        json!({"platform": "ryze", "route": "*", "kind": "explode"}),
        json!({"platform": "ryze", "route": "*", "kind": "drop", "count": -1}),
        json!({"platform": "ryze", "route": "*", "kind": "huge:65"}),
        json!({"platform": "ryze", "route": "*", "kind": "cut:-3"}),
        json!({"platform": "ryze", "route": "*", "kind": "retry-after:"}),
        json!({"platform": "ryze", "route": "*", "kind": "retry-after:5\r\nSet-Cookie: a=b"}),
        json!({"platform": "ryze", "route": "*", "kind": "paging-ignored:2"}),
    ] {
        let reply = add_fault(addr, fault.clone());
        assert_eq!(reply.status, 400, "{fault}");
        assert!(reply.json()["error"].is_string());
    }
    let unknown = add_fault(addr, json!({"platform": "ryze", "route": "*", "kind": "explode"})).json();
    let message = unknown["error"].as_str().expect("message");
    for kind in [
        "latency:MS",
        "html5xx",
        "malformed",
        "truncated",
        "cut:N",
        "empty",
        "drop",
        "huge:MB",
        "huge-chunked:MB",
        "retry-after:VALUE",
        "paging-ignored",
    ] {
        assert!(message.contains(kind), "{kind} missing from {message}");
    }
    assert_eq!(get(addr, "/__sandbox/faults").json(), json!({"faults": []}));
    let raw = Call::new(addr, "POST", "/__sandbox/faults").body("not json").send_raw();
    assert_eq!(parse(&raw).status, 400);
}

#[test]
fn faults_reach_api_info_and_me_by_their_templates() {
    let addr = start().api_addr;
    add_fault(addr, json!({"platform": "rocketchat", "route": "/api/v1/me", "kind": "html5xx"}));
    add_fault(addr, json!({"platform": "rocketchat", "route": "/api/info", "kind": "empty"}));
    let me = Call::new(addr, "GET", "/rocketchat/api/v1/me")
        .header("X-User-Id", "sandboxAdminUserId")
        .header("X-Auth-Token", "sandbox-admin-auth-token")
        .send();
    assert_eq!(me.status, 502);
    let spoiled = info(addr);
    assert_eq!((spoiled.status, spoiled.body.as_str()), (200, ""));
    info(addr).assert_fixture(200, "rocketchat/info.json");
}
