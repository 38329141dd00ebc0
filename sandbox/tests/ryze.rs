//! RyzeAPI endpoints, status by status, against the fixtures (contracts section 3).

mod common;

use std::net::SocketAddr;
use std::thread;
use std::time::Duration;

use common::{Call, Reply, fixture, start, start_with};
use serde_json::json;

const ACCOUNT: &str = "sandbox-account-token";
const INSTANCE: &str = "sandbox-instance-token";

fn call(addr: SocketAddr, method: &str, path: &str, token: &str) -> Reply {
    Call::new(addr, method, &format!("/ryze{path}")).header("token", token).send()
}

fn names(reply: &Reply) -> Vec<String> {
    reply.json()["data"]
        .as_array()
        .expect("data array")
        .iter()
        .map(|instance| instance["instanceName"].as_str().expect("name").to_owned())
        .collect()
}

#[test]
fn the_account_token_lists_every_instance() {
    let addr = start().api_addr;
    let reply = call(addr, "GET", "/api/instance/list", ACCOUNT);
    assert_eq!(reply.status, 200);
    let body = reply.json();
    assert_eq!(body["success"], true);
    assert_eq!(body["message"], "5 Instances found");
    assert_eq!(names(&reply), ["suporte", "vendas", "financeiro", "marketing", "sem-chatwoot"]);
    let statuses: Vec<_> =
        body["data"].as_array().expect("array").iter().map(|instance| instance["chatwoot"]["status"].clone()).collect();
    assert_eq!(statuses, [json!("active"), json!("paused"), json!("error"), json!("active"), json!(null)]);
    assert_eq!(body["data"][4]["chatwoot"], json!({"enabled": false}));
    assert!(body["data"][2]["chatwoot"]["error"].as_str().is_some_and(|e| !e.is_empty()));
}

#[test]
fn the_instance_name_filter_narrows_the_list() {
    let addr = start().api_addr;
    let two = call(addr, "GET", "/api/instance/list?instanceName=vendas,marketing,nope", ACCOUNT);
    assert_eq!(names(&two), ["vendas", "marketing"]);
    assert_eq!(two.json()["message"], "2 Instances found");
    let one = call(addr, "GET", "/api/instance/list?instanceName=vendas", ACCOUNT);
    assert_eq!(one.json()["message"], "1 Instance found");
    call(addr, "GET", "/api/instance/list?instanceName=nope", ACCOUNT)
        .assert_fixture(404, "ryze/instance_not_found.json");
}

#[test]
fn an_instance_token_sees_only_its_instance() {
    let addr = start().api_addr;
    call(addr, "GET", "/api/instance/list", INSTANCE).assert_fixture(200, "ryze/instance_list.json");
    // The filter is ignored for an instance token.
    call(addr, "GET", "/api/instance/list?instanceName=vendas", INSTANCE)
        .assert_fixture(200, "ryze/instance_list.json");
    call(addr, "GET", "/api/chatwoot/list/vendas", INSTANCE).assert_fixture(403, "ryze/forbidden_instance.json");
    call(addr, "DELETE", "/api/chatwoot/delete/vendas", INSTANCE).assert_fixture(403, "ryze/forbidden_instance.json");
    call(addr, "GET", "/api/chatwoot/list/suporte", INSTANCE).assert_fixture(200, "ryze/chatwoot_info.json");
}

#[test]
fn tokens_are_required_and_checked() {
    let addr = start().api_addr;
    Call::new(addr, "GET", "/ryze/api/instance/list").send().assert_fixture(401, "ryze/missing_token.json");
    call(addr, "GET", "/api/instance/list", "nope").assert_fixture(401, "ryze/invalid_token.json");
    let bearer = Call::new(addr, "GET", "/ryze/api/chatwoot/list/suporte")
        .header("Authorization", "Bearer sandbox-account-token")
        .send();
    bearer.assert_fixture(200, "ryze/chatwoot_info.json");
}

#[test]
fn chatwoot_info_answers_the_documented_object_or_404() {
    let addr = start().api_addr;
    call(addr, "GET", "/api/chatwoot/list/suporte", ACCOUNT).assert_fixture(200, "ryze/chatwoot_info.json");
    let paused = call(addr, "GET", "/api/chatwoot/list/vendas", ACCOUNT).json();
    let documented = fixture("ryze/chatwoot_info.json");
    let keys = |value: &serde_json::Value| value.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
    assert_eq!(keys(&paused), keys(&documented));
    assert_eq!(paused["status"], "paused");
    call(addr, "GET", "/api/chatwoot/list/sem-chatwoot", ACCOUNT)
        .assert_fixture(404, "ryze/no_chatwoot_integration.json");
    call(addr, "GET", "/api/chatwoot/list/nope", ACCOUNT).assert_fixture(404, "ryze/instance_not_found.json");
}

#[test]
fn delete_deactivates_once_then_answers_nothing_to_delete() {
    let addr = start().api_addr;
    call(addr, "DELETE", "/api/chatwoot/delete/suporte", INSTANCE).assert_fixture(200, "ryze/delete_ok.json");
    call(addr, "GET", "/api/chatwoot/list/suporte", ACCOUNT).assert_fixture(404, "ryze/no_chatwoot_integration.json");
    call(addr, "DELETE", "/api/chatwoot/delete/suporte", ACCOUNT)
        .assert_fixture(404, "ryze/no_integration_to_delete.json");
    let listed = call(addr, "GET", "/api/instance/list?instanceName=suporte", ACCOUNT).json();
    assert_eq!(listed["data"][0]["chatwoot"], json!({"enabled": false}));

    call(addr, "DELETE", "/api/chatwoot/delete/nope", ACCOUNT).assert_fixture(404, "ryze/instance_not_found.json");
    call(addr, "DELETE", "/api/chatwoot/delete/marketing", ACCOUNT)
        .assert_fixture(503, "ryze/gateway_not_configured.json");
    let kept = call(addr, "GET", "/api/chatwoot/list/marketing", ACCOUNT);
    assert_eq!(kept.status, 200, "a 503 leaves the integration in place");
}

#[test]
fn every_response_carries_rate_limit_headers_in_seconds() {
    let addr = start().api_addr;
    for reply in [
        call(addr, "GET", "/api/instance/list", ACCOUNT),
        call(addr, "GET", "/api/chatwoot/list/nope", ACCOUNT),
        call(addr, "GET", "/api/instance/list", "nope"),
        Call::new(addr, "GET", "/ryze/api/instance/list").send(),
    ] {
        assert_eq!(reply.header("X-RateLimit-Limit"), Some("100"), "{}", reply.body);
        let reset: u64 = reply.header("X-RateLimit-Reset").and_then(|r| r.parse().ok()).expect("reset");
        assert!((1_700_000_000..10_000_000_000).contains(&reset), "Unix seconds: {reset}");
    }
    let second = call(addr, "GET", "/api/instance/list", ACCOUNT);
    assert_eq!(second.header("X-RateLimit-Remaining"), Some("97"), "counted per token");
}

#[test]
fn the_hundred_and_first_call_is_limited_until_the_window_ends() {
    let addr = start_with(|config| config.rate_window_ms = Some(1500)).api_addr;
    for _ in 0..100 {
        assert_eq!(call(addr, "GET", "/api/chatwoot/list/suporte", ACCOUNT).status, 200);
    }
    let limited = call(addr, "DELETE", "/api/chatwoot/delete/suporte", ACCOUNT);
    limited.assert_fixture(429, "ryze/rate_limited.json");
    assert_eq!(limited.header("X-RateLimit-Remaining"), Some("0"));
    assert!(matches!(limited.header("Retry-After"), Some("1" | "2")), "whole seconds left in the window");
    // Another token has its own budget.
    assert_eq!(call(addr, "GET", "/api/instance/list", INSTANCE).status, 200);

    thread::sleep(Duration::from_millis(1550));
    call(addr, "DELETE", "/api/chatwoot/delete/suporte", ACCOUNT).assert_fixture(200, "ryze/delete_ok.json");
}
