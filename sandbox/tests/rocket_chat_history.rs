//! `GET /api/v1/integrations.history` (contracts 2.5b): seeded runs spread over months, paging,
//! sorting, the token in `data`, the validator's 400s and the per-route rate limit.

mod common;

use std::net::SocketAddr;
use std::time::{SystemTime, UNIX_EPOCH};

use common::rocket_chat::{
    CRM_ID, DOCUMENTED_OUTGOING_ID, GIPHY_ID, GITHUB_ID, MANAGER_OUTGOING_ID, Session, TRANSLATE_ID, admin, call, login,
};
use common::{Reply, start, start_with};
use serde_json::{Value, json};

/// Idle for more than 90 days.
const STANDUP_ID: &str = MANAGER_OUTGOING_ID;

fn history(addr: SocketAddr, session: &Session, query: &str) -> Reply {
    call(addr, session, "GET", &format!("/rocketchat/api/v1/integrations.history?{query}"), None)
}

fn runs(reply: &Reply) -> Vec<Value> {
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()["history"].as_array().expect("history array").clone()
}

fn updated(runs: &[Value]) -> Vec<&str> {
    runs.iter().map(|run| run["_updatedAt"].as_str().expect("date")).collect()
}

/// Whole days since a `2026-11-30T18:42:33.123Z` date, as a console's "idle for" filter counts.
fn days_ago(iso: &str) -> u64 {
    let field = |range: std::ops::Range<usize>| iso[range].parse::<i64>().expect("digits");
    let (year, month, day) = (field(0..4), field(5..7), field(8..10));
    // Howard Hinnant's days_from_civil.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    let seconds = days * 86_400 + field(11..13) * 3600 + field(14..16) * 60 + field(17..19);
    let now = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_secs();
    (i64::try_from(now).expect("seconds") - seconds).div_euclid(86_400).try_into().expect("in the past")
}

#[test]
fn history_answers_newest_first_and_pages_with_offset_count_and_sort() {
    let addr = start().api_addr;
    let reply = history(addr, &admin(), &format!("id={GIPHY_ID}"));
    let body = reply.json();
    let all = runs(&reply);
    assert_eq!(
        (body["offset"].clone(), body["items"].clone(), body["count"].clone()),
        (json!(0), json!(14), json!(14))
    );
    assert_eq!((body["total"].clone(), body["success"].clone()), (json!(14), json!(true)));
    let keys: Vec<&String> = body.as_object().expect("object").keys().collect();
    assert_eq!(keys.len(), 6, "exactly history, offset, items, count, total, success: {keys:?}");
    let mut newest_first = updated(&all);
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(updated(&all), newest_first);

    let page = history(addr, &admin(), &format!("id={GIPHY_ID}&offset=10&count=3"));
    let page_body = page.json();
    assert_eq!((page_body["offset"].clone(), page_body["items"].clone()), (json!(10), json!(3)));
    assert_eq!(page_body["total"], 14);
    assert_eq!(runs(&page), all[10..13]);

    let oldest_first = runs(&history(addr, &admin(), &format!("id={GIPHY_ID}&sort=%7B%22_updatedAt%22%3A1%7D")));
    let mut reversed = all.clone();
    reversed.reverse();
    assert_eq!(oldest_first, reversed);
}

#[test]
fn history_entries_carry_the_integration_and_its_token_in_data() {
    let addr = start().api_addr;
    let get =
        call(addr, &admin(), "GET", &format!("/rocketchat/api/v1/integrations.get?integrationId={GIPHY_ID}"), None);
    let token = get.json()["integration"]["token"].clone();
    assert!(token.as_str().is_some_and(|token| token.len() == 24));
    for run in runs(&history(addr, &admin(), &format!("id={GIPHY_ID}"))) {
        assert_eq!(run["data"]["token"], token, "the posted payload carries the token");
        assert_eq!(run["integration"]["_id"], GIPHY_ID);
        assert_eq!((run["type"].clone(), run["event"].clone()), (json!("outgoing-webhook"), json!("sendMessage")));
        for key in ["_id", "step", "_createdAt", "_updatedAt", "ranPrepareScript", "url", "httpResult"] {
            assert!(run.get(key).is_some(), "{key} missing from {run}");
        }
        let failed = run["error"] == true;
        assert_eq!(run.get("finished").is_some(), !failed, "the server marks a run finished or failed: {run}");
    }
}

#[test]
fn seeded_runs_tell_busy_idle_failing_and_silent_integrations_apart() {
    let addr = start().api_addr;
    let newest = |id: &str| runs(&history(addr, &admin(), &format!("id={id}&count=1"))).first().cloned();

    let busy = newest(GIPHY_ID).expect("runs");
    assert_eq!(days_ago(busy["_updatedAt"].as_str().expect("date")), 0, "ran today");
    let idle = newest(STANDUP_ID).expect("runs");
    assert_eq!(days_ago(idle["_updatedAt"].as_str().expect("date")), 120, "idle for more than 90 days");
    let failing = newest(TRANSLATE_ID).expect("runs");
    assert_eq!(
        (failing["error"].clone(), failing["step"].clone()),
        (json!(true), json!("after-process-http-status-500"))
    );
    assert!(days_ago(failing["_updatedAt"].as_str().expect("date")) < 5);
    let translate = runs(&history(addr, &admin(), &format!("id={TRANSLATE_ID}")));
    let script_error = translate.iter().find(|run| run["errorStack"].is_string()).expect("a script error");
    assert_eq!(script_error["integration"]["scriptEnabled"], true, "the script as it was then");
    for silent in [CRM_ID, DOCUMENTED_OUTGOING_ID] {
        assert_eq!(newest(silent), None, "{silent} never ran");
    }
    let oldest = runs(&history(addr, &admin(), &format!("id={GIPHY_ID}&sort=%7B%22_createdAt%22%3A1%7D&count=1")));
    assert!(days_ago(oldest[0]["_createdAt"].as_str().expect("date")) > 100, "runs span months");
}

#[test]
fn history_validates_its_query_as_the_server_does() {
    let addr = start().api_addr;
    let invalid = |error: &str| json!({"success": false, "error": format!("{error} [invalid-params]"), "errorType": "invalid-params"});
    assert_eq!(history(addr, &admin(), "").json(), invalid("must have required property 'id'"));
    assert_eq!(history(addr, &admin(), "id=").json(), invalid("must NOT have fewer than 1 characters"));
    assert_eq!(
        history(addr, &admin(), &format!("id={GIPHY_ID}&fields=x")).json(),
        invalid("must NOT have additional properties")
    );
    let blank = history(addr, &admin(), "id=%20");
    assert_eq!((blank.status, blank.json()), (400, json!({"success": false, "error": "Invalid integration id."})));
    let bad_sort = history(addr, &admin(), &format!("id={GIPHY_ID}&sort=oops"));
    assert_eq!((bad_sort.status, bad_sort.json()["errorType"].clone()), (400, json!("error-invalid-sort")));

    // The server's query simply finds nothing for these.
    for id in ["nope", GITHUB_ID] {
        let reply = history(addr, &admin(), &format!("id={id}"));
        assert_eq!((reply.status, reply.json()["total"].clone()), (200, json!(0)), "{id}");
    }
    assert_eq!(history(addr, &login(addr, "viewer"), &format!("id={GIPHY_ID}")).status, 403);
    let manager = login(addr, "manager");
    assert_eq!(history(addr, &manager, &format!("id={STANDUP_ID}")).json()["total"], 6);
    assert_eq!(history(addr, &manager, &format!("id={GIPHY_ID}")).json()["total"], 0, "not their own");
}

#[test]
fn history_counts_against_the_per_route_rate_limit() {
    let addr = start_with(|config| config.rate_window_ms = Some(60_000)).api_addr;
    let manager = login(addr, "manager");
    let statuses: Vec<u16> = (0..11).map(|_| history(addr, &manager, &format!("id={STANDUP_ID}")).status).collect();
    assert_eq!(statuses[..10], [200; 10]);
    assert_eq!(statuses[10], 429);
    let other = call(addr, &manager, "GET", "/rocketchat/api/v1/integrations.list", None);
    assert_eq!(other.status, 200, "another route has its own count");
}
