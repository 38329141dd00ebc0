//! Rocket.Chat endpoints, status by status, against the fixtures (contracts section 2).

mod common;

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::thread;
use std::time::Duration;

use common::rocket_chat::{
    ADMIN_ID, ADMIN_TOKEN, DOCUMENTED_OUTGOING_ID, GIPHY_ID, MANAGER_INCOMING_ID, MANAGER_OUTGOING_ID, Session, admin,
    call, login,
};
use common::{Call, Reply, fixture, get, post_json, start, start_with};
use sandbox::RcVersion;
use serde_json::{Value, json};

fn list(addr: SocketAddr, session: &Session, query: &str) -> Reply {
    call(addr, session, "GET", &format!("/rocketchat/api/v1/integrations.list{query}"), None)
}

fn remove(addr: SocketAddr, session: &Session, body: Value) -> Reply {
    let body = body.to_string();
    call(addr, session, "POST", "/rocketchat/api/v1/integrations.remove", Some(&body))
}

fn names(reply: &Reply) -> Vec<String> {
    reply.json()["integrations"]
        .as_array()
        .expect("integrations array")
        .iter()
        .map(|integration| integration["name"].as_str().expect("name").to_owned())
        .collect()
}

fn v7() -> sandbox::Running {
    start_with(|config| config.rc_version = RcVersion::V7)
}

#[test]
fn info_reports_an_8x_or_a_7x_version() {
    get(start().api_addr, "/rocketchat/api/info").assert_fixture(200, "rocketchat/info.json");
    let reply = get(v7().api_addr, "/rocketchat/api/info");
    assert_eq!(reply.status, 200);
    assert!(reply.json()["version"].as_str().expect("version").starts_with("7."));
}

#[test]
fn login_accepts_user_username_email_and_resume() {
    let addr = start().api_addr;
    for body in [
        json!({"user": "manager", "password": "manager"}),
        json!({"username": "manager", "password": "manager"}),
        json!({"email": "manager@sandbox.local", "password": "manager"}),
        json!({"user": {"username": "manager"}, "password": "manager"}),
    ] {
        let reply = post_json(addr, "/rocketchat/api/v1/login", &body.to_string());
        assert_eq!(reply.status, 200, "{body}: {}", reply.body);
        let answer = reply.json();
        let documented = fixture("rocketchat/login_ok.json");
        assert_eq!(answer["status"], documented["status"]);
        assert_eq!(answer["success"], true);
        assert_eq!(answer["data"]["userId"], "sandboxManagerUserId");
        assert_eq!(
            answer["data"]["me"],
            json!({"_id": "sandboxManagerUserId", "username": "manager", "name": "Integration Manager", "roles": ["user"]})
        );
        assert_eq!(answer["data"]["authToken"].as_str().map(str::len), Some(43));
    }
    let first = login(addr, "viewer");
    let second = login(addr, "viewer");
    assert_ne!(first.token, second.token, "each login mints a fresh token");

    let resume = json!({ "resume": first.token }).to_string();
    let reply = post_json(addr, "/rocketchat/api/v1/login", &resume);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["data"]["authToken"], first.token.as_str());
}

#[test]
fn a_two_factor_user_needs_its_code() {
    let addr = start().api_addr;
    let login = |body: Value| post_json(addr, "/rocketchat/api/v1/login", &body.to_string());
    login(json!({"user": "twofactor", "password": "twofactor"}))
        .assert_fixture(401, "rocketchat/login_totp_required.json");
    login(json!({"user": "twofactor", "password": "twofactor", "code": "000000"}))
        .assert_fixture(401, "rocketchat/login_totp_invalid.json");
    login(json!({"user": "twofactor", "password": "wrong", "code": "123456"}))
        .assert_fixture(401, "rocketchat/login_failed_v8.json");
    let reply = login(json!({"user": "twofactor", "password": "twofactor", "code": "123456"}));
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["data"]["userId"], "sandboxTwoFactorUserId");
}

#[test]
fn failed_login_answers_the_versioned_401() {
    let wrong = json!({"user": "admin", "password": "nope"}).to_string();
    post_json(start().api_addr, "/rocketchat/api/v1/login", &wrong)
        .assert_fixture(401, "rocketchat/login_failed_v8.json");
    post_json(v7().api_addr, "/rocketchat/api/v1/login", &wrong).assert_fixture(401, "rocketchat/login_failed_v7.json");
    let stale_resume = json!({"resume": "not-a-token"}).to_string();
    post_json(start().api_addr, "/rocketchat/api/v1/login", &stale_resume)
        .assert_fixture(401, "rocketchat/login_failed_v8.json");
}

#[test]
fn calls_without_a_valid_session_answer_the_versioned_401() {
    for (running, expected) in [(start(), "rocketchat/unauthorized_v8.json"), (v7(), "rocketchat/unauthorized_v7.json")]
    {
        let addr = running.api_addr;
        get(addr, "/rocketchat/api/v1/integrations.list").assert_fixture(401, expected);
        let wrong_token = Session { user_id: ADMIN_ID.to_owned(), token: "nope".to_owned() };
        list(addr, &wrong_token, "").assert_fixture(401, expected);
        // A real token presented with another user's id is not a session either.
        let wrong_user = Session { user_id: "sandboxViewerUserId".to_owned(), token: ADMIN_TOKEN.to_owned() };
        list(addr, &wrong_user, "").assert_fixture(401, expected);
        remove(addr, &wrong_token, json!({})).assert_fixture(401, expected);
        call(addr, &wrong_token, "GET", "/rocketchat/api/v1/integrations.get?integrationId=x", None)
            .assert_fixture(401, expected);
    }
}

#[test]
fn logout_invalidates_the_token() {
    let addr = start().api_addr;
    let session = login(addr, "manager");
    assert_eq!(list(addr, &session, "").status, 200);
    let reply = call(addr, &session, "POST", "/rocketchat/api/v1/logout", None);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json(), json!({"status": "success", "data": {"message": "You've been logged out!"}}));
    list(addr, &session, "").assert_fixture(401, "rocketchat/unauthorized_v8.json");
}

#[test]
fn list_has_the_documented_keys_and_newest_first() {
    let addr = start().api_addr;
    let reply = list(addr, &admin(), "");
    assert_eq!(reply.status, 200);
    let body = reply.json();
    let keys: BTreeSet<&String> = body.as_object().expect("object").keys().collect();
    let documented = fixture("rocketchat/list_ok.json");
    let documented_keys: BTreeSet<&String> = documented.as_object().expect("object").keys().collect();
    assert_eq!(keys, documented_keys);
    assert_eq!(
        (body["offset"].clone(), body["items"].clone(), body["count"].clone(), body["total"].clone()),
        (json!(0), json!(12), json!(12), json!(12))
    );

    let integrations = body["integrations"].as_array().expect("array");
    let created: Vec<&str> = integrations.iter().map(|i| i["_createdAt"].as_str().expect("date")).collect();
    let mut sorted = created.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(created, sorted, "newest _createdAt first");
    assert_eq!(integrations.iter().filter(|i| i["type"] == "webhook-incoming").count(), 6);
    assert_eq!(integrations.iter().filter(|i| i["enabled"] == false).count(), 2);
    assert_eq!(integrations.iter().filter(|i| i["_createdBy"]["username"] == "manager").count(), 2);
    for integration in integrations {
        assert_eq!(integration["_id"].as_str().map(str::len), Some(17));
    }
    let documented_item = &fixture("rocketchat/remove_ok_outgoing.json")["integration"];
    assert_eq!(integrations.last(), Some(documented_item), "the documented example is the oldest");
}

#[test]
fn list_pages_with_offset_and_count() {
    let addr = start().api_addr;
    let all = names(&list(addr, &admin(), ""));
    let reply = list(addr, &admin(), "?offset=10&count=5");
    let body = reply.json();
    assert_eq!(
        (body["offset"].clone(), body["items"].clone(), body["count"].clone(), body["total"].clone()),
        (json!(10), json!(2), json!(2), json!(12))
    );
    assert_eq!(names(&reply), all[10..]);
    let page = list(addr, &admin(), "?offset=3&count=3");
    assert_eq!(names(&page), all[3..6]);
    // count=0 falls back to the default page size.
    assert_eq!(list(addr, &admin(), "?count=0").json()["items"], 12);
}

#[test]
fn list_count_defaults_to_50_and_stops_at_100() {
    let addr = start_with(|config| config.integrations = Some(330)).api_addr;
    let default = list(addr, &admin(), "").json();
    assert_eq!((default["items"].clone(), default["total"].clone()), (json!(50), json!(110)));
    let capped = list(addr, &admin(), "?count=500").json();
    assert_eq!(capped["items"], 100);
}

#[test]
fn list_filters_sorts_and_rejects_unknown_parameters() {
    let addr = start().api_addr;
    let bots = list(addr, &admin(), "?name=BOT");
    assert_eq!(names(&bots), ["Translate bot", "Giphy bot"]);
    let outgoing = list(addr, &admin(), "?type=webhook-outgoing").json();
    assert_eq!(outgoing["total"], 6);
    let by_name = list(addr, &admin(), "?sort=%7B%22name%22%3A1%7D&count=2");
    assert_eq!(names(&by_name), ["CRM sync", "Giphy bot"]);

    let bad_sort = list(addr, &admin(), "?sort=name");
    assert_eq!(bad_sort.status, 400);
    assert_eq!(bad_sort.json()["errorType"], "error-invalid-sort");
    let extra = list(addr, &admin(), "?fields=%7B%7D");
    assert_eq!(extra.status, 400);
    assert_eq!(
        extra.json(),
        json!({"success": false, "error": "must NOT have additional properties [invalid-params]", "errorType": "invalid-params"})
    );
}

#[test]
fn own_only_users_see_and_remove_only_their_own() {
    let addr = start().api_addr;
    let manager = login(addr, "manager");
    let mine = list(addr, &manager, "");
    assert_eq!(names(&mine), ["Standup reminder", "Grafana alerts"]);

    let someone_elses = remove(addr, &manager, json!({"type": "webhook-outgoing", "integrationId": GIPHY_ID}));
    someone_elses.assert_fixture(400, "rocketchat/remove_invalid_integration.json");
    let incoming = remove(addr, &manager, json!({"type": "webhook-incoming", "integrationId": "NBTm56xe8Rh5cF47X"}));
    assert_eq!(incoming.status, 400);
    let mut expected = fixture("rocketchat/remove_invalid_integration.json");
    expected["details"]["method"] = json!("deleteIncomingIntegration");
    assert_eq!(incoming.json(), expected);

    let get_other =
        call(addr, &manager, "GET", &format!("/rocketchat/api/v1/integrations.get?integrationId={GIPHY_ID}"), None);
    get_other.assert_fixture(400, "rocketchat/get_not_found.json");

    let own = remove(addr, &manager, json!({"type": "webhook-incoming", "integrationId": MANAGER_INCOMING_ID}));
    assert_eq!(own.status, 200);
    assert_eq!(own.json()["integration"]["_id"], MANAGER_INCOMING_ID);
    assert_eq!(names(&list(addr, &manager, "")), ["Standup reminder"]);
}

#[test]
fn users_without_permission_get_the_versioned_403() {
    for (running, expected) in [(start(), "rocketchat/forbidden_v8.json"), (v7(), "rocketchat/forbidden_v7.json")] {
        let addr = running.api_addr;
        let viewer = login(addr, "viewer");
        list(addr, &viewer, "").assert_fixture(403, expected);
        call(addr, &viewer, "GET", &format!("/rocketchat/api/v1/integrations.get?integrationId={GIPHY_ID}"), None)
            .assert_fixture(403, expected);
        remove(addr, &viewer, json!({"type": "webhook-outgoing", "integrationId": GIPHY_ID}))
            .assert_fixture(403, expected);
        call(addr, &viewer, "GET", &format!("/rocketchat/api/v1/integrations.history?id={GIPHY_ID}"), None)
            .assert_fixture(403, expected);
    }
}

#[test]
fn removing_across_directions_without_permission_is_not_authorized() {
    let addr = start().api_addr;
    let inbound = login(addr, "inbound");
    remove(addr, &inbound, json!({"type": "webhook-outgoing", "integrationId": GIPHY_ID}))
        .assert_fixture(400, "rocketchat/remove_not_authorized.json");
}

#[test]
fn get_answers_the_integration_or_the_documented_400s() {
    let addr = start().api_addr;
    let path = format!("/rocketchat/api/v1/integrations.get?integrationId={DOCUMENTED_OUTGOING_ID}");
    let reply = call(addr, &admin(), "GET", &path, None);
    assert_eq!(reply.status, 200);
    let documented = fixture("rocketchat/remove_ok_outgoing.json");
    assert_eq!(reply.json(), documented, "same {{integration, success}} shape and document");

    call(addr, &admin(), "GET", "/rocketchat/api/v1/integrations.get", None)
        .assert_fixture(400, "rocketchat/get_invalid_params.json");
    call(addr, &admin(), "GET", "/rocketchat/api/v1/integrations.get?integrationId=nope", None)
        .assert_fixture(400, "rocketchat/get_not_found.json");
    let wrong_creator = format!("{path}&createdBy=sandboxManagerUserId");
    call(addr, &admin(), "GET", &wrong_creator, None).assert_fixture(400, "rocketchat/get_not_found.json");
}

#[test]
fn remove_answers_the_deleted_document_then_not_found() {
    let addr = start().api_addr;
    let body = json!({"type": "webhook-outgoing", "integrationId": DOCUMENTED_OUTGOING_ID});
    remove(addr, &admin(), body.clone()).assert_fixture(200, "rocketchat/remove_ok_outgoing.json");

    let after = list(addr, &admin(), "").json();
    assert_eq!(after["total"], 11);
    assert!(!after.to_string().contains(DOCUMENTED_OUTGOING_ID));
    remove(addr, &admin(), body).assert_fixture(400, "rocketchat/remove_not_found.json");
    let path = format!("/rocketchat/api/v1/integrations.get?integrationId={DOCUMENTED_OUTGOING_ID}");
    call(addr, &admin(), "GET", &path, None).assert_fixture(400, "rocketchat/get_not_found.json");
}

#[test]
fn remove_validates_the_body_as_the_server_does() {
    let addr = start().api_addr;
    remove(addr, &admin(), json!({})).assert_fixture(400, "rocketchat/remove_invalid_params_no_type.json");
    remove(addr, &admin(), json!({"integrationId": GIPHY_ID}))
        .assert_fixture(400, "rocketchat/remove_invalid_params_no_type.json");
    remove(addr, &admin(), json!({"type": "webhook-outgoing"}))
        .assert_fixture(400, "rocketchat/remove_invalid_params_no_id.json");
    let empty = Call::new(addr, "POST", "/rocketchat/api/v1/integrations.remove")
        .header("X-User-Id", ADMIN_ID)
        .header("X-Auth-Token", ADMIN_TOKEN)
        .send();
    empty.assert_fixture(400, "rocketchat/remove_invalid_params_no_type.json");

    let both = remove(
        addr,
        &admin(),
        json!({"type": "webhook-outgoing", "integrationId": GIPHY_ID, "target_url": "https://giphy-bot.example.com/rocketchat"}),
    );
    assert_eq!(both.status, 400);
    assert_eq!(
        both.json(),
        json!({"success": false, "error": "must match pattern \"webhook-incoming\"\n must match exactly one schema in oneOf [invalid-params]", "errorType": "invalid-params"})
    );
    let incoming_by_url = remove(addr, &admin(), json!({"type": "webhook-incoming", "target_url": "https://x.test"}));
    assert_eq!(
        incoming_by_url.json()["error"],
        "must have required property 'integrationId'\n must match pattern \"webhook-outgoing\"\n must have required property 'integrationId'\n must match exactly one schema in oneOf [invalid-params]"
    );
    remove(addr, &admin(), json!({"type": "xwebhook-incoming", "integrationId": GIPHY_ID}))
        .assert_fixture(400, "rocketchat/remove_invalid_type.json");
    remove(addr, &admin(), json!({"type": "webhook-outgoing", "integrationId": ""}))
        .assert_fixture(400, "rocketchat/remove_missing_id_or_url.json");
    assert_eq!(list(addr, &admin(), "").json()["total"], 12, "nothing was removed");
}

#[test]
fn removing_an_outgoing_integration_by_url_deletes_its_history() {
    let addr = start().api_addr;
    let history_path = format!("/rocketchat/api/v1/integrations.history?id={GIPHY_ID}");
    let before = call(addr, &admin(), "GET", &history_path, None);
    assert_eq!(before.status, 200);
    assert_eq!(before.json()["total"], 14);

    let reply = remove(
        addr,
        &admin(),
        json!({"type": "webhook-outgoing", "target_url": "https://giphy-bot.example.com/rocketchat"}),
    );
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["integration"]["_id"], GIPHY_ID);
    assert_eq!(call(addr, &admin(), "GET", &history_path, None).json()["total"], 0);

    let manager = login(addr, "manager");
    let own_history = format!("/rocketchat/api/v1/integrations.history?id={MANAGER_OUTGOING_ID}");
    assert_eq!(call(addr, &manager, "GET", &own_history, None).json()["total"], 6);
}

#[test]
fn removing_an_incoming_integration_answers_it() {
    let addr = start().api_addr;
    let reply = remove(addr, &admin(), json!({"type": "webhook-incoming", "integrationId": "D8hgkER8fq6g5jFbo"}));
    assert_eq!(reply.status, 200);
    let body = reply.json();
    assert_eq!(body["success"], true);
    assert_eq!(body["integration"]["name"], "Zabbix monitoring");
    assert_eq!(body["integration"]["token"].as_str().map(str::len), Some(48));
    assert_eq!(body.as_object().map(|object| object.len()), Some(2), "exactly integration and success");
}

#[test]
fn the_rate_limiter_allows_ten_calls_per_route_then_429_until_the_window_ends() {
    let addr = start_with(|config| config.rate_window_ms = Some(400)).api_addr;
    let manager = login(addr, "manager");
    for expected_remaining in (0..10).rev() {
        let reply = list(addr, &manager, "");
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("X-RateLimit-Limit"), Some("10"));
        assert_eq!(reply.header("X-RateLimit-Remaining"), Some(expected_remaining.to_string().as_str()));
        let reset: u64 = reply.header("X-RateLimit-Reset").and_then(|r| r.parse().ok()).expect("reset");
        assert!(reset > 1_700_000_000_000, "epoch milliseconds: {reset}");
    }
    let limited = list(addr, &manager, "");
    assert_eq!(limited.status, 429);
    let mut expected = fixture("rocketchat/too_many_requests.json");
    expected["error"] = json!(expected["error"].as_str().expect("text").replace("wait 42 seconds", "wait 1 seconds"));
    assert_eq!(limited.json(), expected);
    assert_eq!(limited.header("X-RateLimit-Remaining"), Some("0"));

    // The key includes the route: another endpoint still answers.
    let other = call(
        addr,
        &manager,
        "GET",
        &format!("/rocketchat/api/v1/integrations.get?integrationId={MANAGER_OUTGOING_ID}"),
        None,
    );
    assert_eq!(other.status, 200);

    thread::sleep(Duration::from_millis(450));
    assert_eq!(list(addr, &manager, "").status, 200, "a new window");
}

#[test]
fn admin_bypasses_the_rate_limiter() {
    let addr = start_with(|config| config.rate_window_ms = Some(60_000)).api_addr;
    for _ in 0..15 {
        let reply = list(addr, &admin(), "");
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("X-RateLimit-Limit"), None);
    }
}

#[test]
fn me_answers_who_the_headers_sign_in_as() {
    let addr = start().api_addr;
    let reply = call(addr, &admin(), "GET", "/rocketchat/api/v1/me", None);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("X-RateLimit-Limit"), None, "the admin bypasses the limiter here too");
    let mut expected = fixture("rocketchat/me_ok.json");
    expected["_id"] = json!(ADMIN_ID);
    expected["username"] = json!("admin");
    expected["name"] = json!("Sandbox Admin");
    expected["emails"] = json!([{"address": "admin@sandbox.local", "verified": true}]);
    assert_eq!(reply.json(), expected);

    let manager = login(addr, "manager");
    let reply = call(addr, &manager, "GET", "/rocketchat/api/v1/me", None);
    assert_eq!(reply.header("X-RateLimit-Limit"), Some("10"), "limited like the other GET routes");
    let body = reply.json();
    assert_eq!((body["_id"].clone(), body["username"].clone()), (json!(manager.user_id), json!("manager")));
    assert_eq!(
        (body["roles"].clone(), body["status"].clone(), body["active"].clone()),
        (json!(["user"]), json!("online"), json!(true))
    );
    let keys: BTreeSet<&String> = body.as_object().expect("object").keys().collect();
    let documented = fixture("rocketchat/me_ok.json");
    assert_eq!(keys, documented.as_object().expect("object").keys().collect());

    for (running, expected) in [(start(), "rocketchat/unauthorized_v8.json"), (v7(), "rocketchat/unauthorized_v7.json")]
    {
        let addr = running.api_addr;
        get(addr, "/rocketchat/api/v1/me").assert_fixture(401, expected);
        let wrong_token = Session { user_id: ADMIN_ID.to_owned(), token: "nope".to_owned() };
        call(addr, &wrong_token, "GET", "/rocketchat/api/v1/me", None).assert_fixture(401, expected);
    }
}
