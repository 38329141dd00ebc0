//! Altegio endpoints, status by status, against the fixtures, and the disable webhook really
//! arriving at a receiver (contracts section 1).

mod common;

use std::net::SocketAddr;
use std::thread;
use std::time::{Duration, Instant};

use common::{Call, Reply, fixture, get, start, start_with};
use serde_json::{Value, json};

const PARTNER: &str = "Bearer sandbox-partner-token";

fn call(addr: SocketAddr, method: &str, path: &str) -> Reply {
    Call::new(addr, method, &format!("/altegio{path}"))
        .header("Authorization", PARTNER)
        .header("Accept", "application/vnd.api.v2+json")
        .send()
}

fn ids(reply: &Reply) -> Vec<u64> {
    reply.json()["data"].as_array().expect("data array").iter().map(|salon| salon["id"].as_u64().expect("id")).collect()
}

#[test]
fn lists_connected_locations_with_the_documented_item() {
    let addr = start().api_addr;
    let reply = call(addr, "GET", "/marketplace/application/1/salons");
    assert_eq!(reply.status, 200);
    assert_eq!(ids(&reply), [1050, 1051, 1052, 1053]);
    assert_eq!(reply.json()["meta"], json!([]));
    call(addr, "GET", "/marketplace/application/1/salons?page=1&count=1").assert_fixture(200, "altegio/salons_ok.json");
}

#[test]
fn pages_count_from_one_and_page_zero_is_the_first() {
    let addr = start().api_addr;
    assert_eq!(ids(&call(addr, "GET", "/marketplace/application/1/salons?page=2&count=3")), [1053]);
    assert_eq!(ids(&call(addr, "GET", "/marketplace/application/1/salons?page=0&count=2")), [1050, 1051]);
    assert_eq!(ids(&call(addr, "GET", "/marketplace/application/1/salons?page=3&count=2")), Vec::<u64>::new());
    assert_eq!(ids(&call(addr, "GET", "/marketplace/application/1/salons?count=1000")).len(), 4);
}

#[test]
fn count_out_of_range_is_422() {
    let addr = start().api_addr;
    for count in ["0", "1001", "many"] {
        call(addr, "GET", &format!("/marketplace/application/1/salons?count={count}"))
            .assert_fixture(422, "altegio/unprocessable.json");
    }
    let bad_page = call(addr, "GET", "/marketplace/application/1/salons?page=first");
    assert_eq!(bad_page.status, 422);
    assert_eq!(bad_page.json()["meta"]["errors"], json!(["The page must be an integer."]));
}

#[test]
fn the_partner_token_and_application_are_checked() {
    let addr = start().api_addr;
    get(addr, "/altegio/marketplace/application/1/salons").assert_fixture(401, "altegio/unauthorized.json");
    Call::new(addr, "GET", "/altegio/marketplace/salon/1050/application/1")
        .header("Authorization", "Bearer someone-else")
        .send()
        .assert_fixture(401, "altegio/unauthorized.json");
    call(addr, "GET", "/marketplace/application/2/salons").assert_fixture(403, "altegio/forbidden.json");
    call(addr, "POST", "/marketplace/salon/1050/application/7/uninstall").assert_fixture(403, "altegio/forbidden.json");
    // A user token next to the partner token is allowed.
    let with_user = Call::new(addr, "GET", "/altegio/marketplace/salon/1050/application/1")
        .header("Authorization", "Bearer sandbox-partner-token, User abc")
        .send();
    assert_eq!(with_user.status, 200);
}

#[test]
fn status_answers_the_documented_data_or_404() {
    let addr = start().api_addr;
    call(addr, "GET", "/marketplace/salon/1050/application/1").assert_fixture(200, "altegio/status_ok.json");
    let states: Vec<Value> = [1051, 1052, 1053]
        .iter()
        .map(|id| {
            call(addr, "GET", &format!("/marketplace/salon/{id}/application/1")).json()["data"]["connection_status"]
                    ["status"]
                    .clone()
        })
        .collect();
    assert_eq!(states, [json!("pending"), json!("freezed"), json!("active")]);
    call(addr, "GET", "/marketplace/salon/9999/application/1").assert_fixture(404, "altegio/not_found.json");
}

#[test]
fn uninstall_disconnects_once_then_404_and_records_the_webhook() {
    let addr = start().api_addr;
    call(addr, "POST", "/marketplace/salon/1051/application/1/uninstall")
        .assert_fixture(200, "altegio/uninstall_ok.json");
    call(addr, "GET", "/marketplace/salon/1051/application/1").assert_fixture(404, "altegio/not_found.json");
    assert_eq!(ids(&call(addr, "GET", "/marketplace/application/1/salons")), [1050, 1052, 1053]);
    call(addr, "POST", "/marketplace/salon/1051/application/1/uninstall").assert_fixture(404, "altegio/not_found.json");

    let log = get(addr, "/__sandbox/webhooks").json();
    let sent = log["sent"].as_array().expect("sent");
    assert_eq!(sent.len(), 1, "one webhook for one uninstall");
    assert_eq!(sent[0]["url"], Value::Null);
    assert_eq!(sent[0]["result"], "not sent: no --callback-url");
    let payload = &sent[0]["payload"];
    let documented = fixture("altegio/disable_webhook.json");
    assert_eq!(
        payload.as_object().map(|o| o.keys().collect::<Vec<_>>()),
        documented.as_object().map(|o| o.keys().collect::<Vec<_>>())
    );
    assert_eq!(
        *payload,
        json!({"salon_id": 1051, "application_id": 1, "event": "uninstall", "partner_token": "sandbox-partner-token"})
    );
}

#[test]
fn the_disable_webhook_reaches_the_callback_url() {
    let receiver = start().api_addr;
    let sender = start_with(|config| {
        config.callback_url = Some(format!("http://{receiver}/__sandbox/callback"));
    })
    .api_addr;
    call(sender, "POST", "/marketplace/salon/1053/application/1/uninstall")
        .assert_fixture(200, "altegio/uninstall_ok.json");

    let deadline = Instant::now() + Duration::from_secs(5);
    let received = loop {
        let log = get(receiver, "/__sandbox/webhooks").json();
        if let Some(first) = log["received"].get(0) {
            break first.clone();
        }
        assert!(Instant::now() < deadline, "webhook never arrived");
        thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(received["contentType"], "application/json");
    assert_eq!(received["accept"], "application/vnd.api.v2+json");
    assert_eq!(
        received["payload"],
        json!({"salon_id": 1053, "application_id": 1, "event": "uninstall", "partner_token": "sandbox-partner-token"})
    );

    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let sent = get(sender, "/__sandbox/webhooks").json()["sent"][0].clone();
        if sent["result"] == "delivered: HTTP 200" {
            assert_eq!(sent["url"], format!("http://{receiver}/__sandbox/callback"));
            break;
        }
        assert!(Instant::now() < deadline, "delivery never recorded: {sent}");
        thread::sleep(Duration::from_millis(20));
    }
}
