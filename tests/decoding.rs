//! Native tests: every documented fixture decodes, every documented error maps to the right
//! outcome, and no body — random or cut short — makes a decoder panic.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use unplug::api::decode::{ReadEnvelope, decode, error_answer};
use unplug::api::error::{Failure, PlatformMessage};
use unplug::api::http::RawResponse;
use unplug::api::mask::readable_body;
use unplug::api::provider::Provider;
use unplug::api::{altegio, rocket_chat, ryze};
use unplug::model::{Integration, Kind, LastActivity, Status};

macro_rules! fixture {
    ($path:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/", $path))
    };
}

fn answer(status: u16, body: &str) -> RawResponse {
    RawResponse { status, content_type: Some("application/json".into()), body: body.into(), ..Default::default() }
}

fn ok<T: serde::de::DeserializeOwned>(body: &str, envelope: ReadEnvelope) -> T {
    decode(&answer(200, body), envelope, 0.0).unwrap_or_else(|failure| panic!("{}", failure.summary()))
}

fn said(message: &str, error_type: Option<&str>) -> PlatformMessage {
    PlatformMessage { message: Some(message.into()), error_type: error_type.map(Into::into) }
}

/// A card's facts as `label: value`, in order.
fn facts(card: &Integration) -> Vec<String> {
    card.facts().map(|field| format!("{}: {}", field.label, field.value)).collect()
}

#[test]
fn rocket_chat_success_fixtures_decode() {
    let envelope = rocket_chat::wire::read_envelope;
    let info: rocket_chat::wire::Info = ok(fixture!("rocketchat/info.json"), envelope);
    assert_eq!(info.version, "8.8.1");
    let login: rocket_chat::wire::LoginOk = ok(fixture!("rocketchat/login_ok.json"), envelope);
    assert_eq!(login.data.user_id, "aobEdbYhXfu5hkeqG");
    let _: rocket_chat::wire::LogoutOk = ok(fixture!("rocketchat/logout_ok.json"), envelope);
    let removed: rocket_chat::wire::RemoveOk = ok(fixture!("rocketchat/remove_ok_outgoing.json"), envelope);
    assert!(removed.success);
    assert_eq!(removed.integration["_id"], "oNLthAt9RwMw39N2B");
    // The OpenAPI seed's remove 200: string booleans, no `_id`; still a success.
    let seed: rocket_chat::wire::RemoveOk = ok(fixture!("rocketchat/remove_ok_seed.json"), envelope);
    assert!(seed.success);
    let me: rocket_chat::wire::Me = ok(fixture!("rocketchat/me_ok.json"), envelope);
    assert_eq!((me.username.as_str(), me.roles), ("rocket.cat", Some(vec!["admin".to_owned()])));

    let page: rocket_chat::wire::IntegrationsPage = ok(fixture!("rocketchat/list_ok.json"), envelope);
    assert_eq!(page.total as usize, page.integrations.len());
    let cards: Vec<_> =
        page.integrations.into_iter().map(|wire| rocket_chat::convert::integration("rc", wire)).collect();
    let outgoing = &cards[0];
    assert_eq!(
        (outgoing.kind, outgoing.status, outgoing.name.as_str()),
        (Kind::OutgoingWebhook, Status::Disabled, "Testing via REST API")
    );
    assert_eq!(outgoing.created_by.as_deref(), Some("graywolf336"));
    assert_eq!(facts(outgoing), ["Target host: text2gif.guggy.com"], "its channel list is empty");
    assert_eq!(cards[1].kind, Kind::IncomingWebhook);
    assert_eq!(facts(&cards[1]), ["Channel: #dev"]);
    assert_eq!(rocket_chat::convert::wire_type(cards[1].kind), "webhook-incoming");
}

#[test]
fn rocket_chat_history_gives_the_newest_run_and_whether_it_succeeded() {
    let envelope = rocket_chat::wire::read_envelope;
    let history = |body| {
        let page: rocket_chat::wire::HistoryPage = ok(body, envelope);
        rocket_chat::convert::last_activity(page)
    };
    assert_eq!(
        history(fixture!("rocketchat/history_ok.json")),
        LastActivity::At { at: "2026-11-30T16:30:08.552Z".into(), ok: Some(true), label: "last run" }
    );
    assert_eq!(
        history(fixture!("rocketchat/history_failed.json")),
        LastActivity::At { at: "2026-11-27T18:58:29.666Z".into(), ok: Some(false), label: "last run" }
    );
    assert_eq!(history(fixture!("rocketchat/history_empty.json")), LastActivity::NoneRecorded);
    // A run neither finished nor failed is still under way: no verdict yet.
    let running: rocket_chat::wire::HistoryPage =
        ok(r#"{"history":[{"_id":"r","_updatedAt":"2026-01-01T00:00:00Z","step":"start"}],"success":true}"#, envelope);
    assert_eq!(
        rocket_chat::convert::last_activity(running),
        LastActivity::At { at: "2026-01-01T00:00:00Z".into(), ok: None, label: "last run" }
    );

    let page: rocket_chat::wire::IntegrationsPage = ok(fixture!("rocketchat/list_ok.json"), envelope);
    let cards: Vec<_> =
        page.integrations.into_iter().map(|wire| rocket_chat::convert::integration("rc", wire)).collect();
    assert_eq!(cards[0].last_activity, LastActivity::NotReadYet, "an outgoing webhook's runs are read");
    assert_eq!(cards[1].last_activity, LastActivity::NotRecorded { label: "not recorded by Rocket.Chat" });
    assert!(rocket_chat::RocketChat.reads_last_activity(&cards[0]));
    assert!(!rocket_chat::RocketChat.reads_last_activity(&cards[1]));
}

#[test]
fn rocket_chat_errors_keep_the_platform_words() {
    let envelope = rocket_chat::wire::read_envelope;
    let cases = [
        (
            400,
            fixture!("rocketchat/remove_not_found.json"),
            Failure::Platform { status: 400, said: said("No integration found.", None) },
        ),
        (
            400,
            fixture!("rocketchat/remove_invalid_integration.json"),
            Failure::Platform {
                status: 400,
                said: said("Invalid integration [error-invalid-integration]", Some("error-invalid-integration")),
            },
        ),
        (
            400,
            fixture!("rocketchat/remove_not_authorized.json"),
            Failure::Platform { status: 400, said: said("Unauthorized [not_authorized]", Some("not_authorized")) },
        ),
        (
            403,
            fixture!("rocketchat/forbidden_v8.json"),
            Failure::Platform {
                status: 403,
                said: said("User does not have the permissions required for this action [error-forbidden]", None),
            },
        ),
        (
            401,
            fixture!("rocketchat/unauthorized_v8.json"),
            Failure::Unauthorized { status: 401, said: said("You must be logged in to do this.", None) },
        ),
        (
            401,
            fixture!("rocketchat/unauthorized_v7.json"),
            Failure::Unauthorized { status: 401, said: said("You must be logged in to do this.", None) },
        ),
        (
            401,
            fixture!("rocketchat/unauthorized_docs.json"),
            Failure::Unauthorized { status: 401, said: said("You must be logged in to do this.", None) },
        ),
        (
            401,
            fixture!("rocketchat/login_failed_v7.json"),
            Failure::Unauthorized { status: 401, said: said("Unauthorized", None) },
        ),
    ];
    for (status, body, expected) in cases {
        assert_eq!(error_answer(&answer(status, body), envelope, 0.0), expected, "{body}");
    }
    let invalid = error_answer(&answer(400, fixture!("rocketchat/remove_invalid_params_no_type.json")), envelope, 0.0);
    assert_eq!(invalid.said().and_then(|s| s.error_type.as_deref()), Some("invalid-params"));

    let limited = error_answer(&answer(429, fixture!("rocketchat/too_many_requests.json")), envelope, 0.0);
    assert!(matches!(limited, Failure::RateLimited { wait_secs: Some(42), .. }), "{limited:?}");
}

#[test]
fn ryze_fixtures_decode_and_errors_map() {
    let envelope = ryze::wire::read_envelope;
    let list: ryze::wire::InstanceList = ok(fixture!("ryze/instance_list.json"), envelope);
    let card = ryze::convert::integration("ryze", list.instances[0].clone()).expect("suporte has Chatwoot");
    assert_eq!((card.id.as_str(), card.kind, card.status), ("suporte", Kind::ChatwootOnInstance, Status::Active));
    assert_eq!(facts(&card), ["Chatwoot inbox: WhatsApp - Orion"]);
    assert_eq!(card.last_activity, LastActivity::NotRecorded { label: "not reported by RyzeAPI" });
    // Wherever the items sit and however the name is spelled (contracts 3.5, UNCONFIRMED).
    for body in [fixture!("ryze/instance_list_instances.json"), fixture!("ryze/instance_list_bare.json")] {
        let list: ryze::wire::InstanceList = ok(body, envelope);
        let card = ryze::convert::integration("ryze", list.instances[0].clone()).expect("suporte has Chatwoot");
        assert_eq!((card.id.as_str(), card.status), ("suporte", Status::Active), "{body}");
    }
    // No summary: a card whose status is read afterwards, never a dropped instance.
    let list: ryze::wire::InstanceList = ok(fixture!("ryze/instance_list_no_summary.json"), envelope);
    let card =
        ryze::convert::integration("ryze", list.instances[0].clone()).expect("an unread instance keeps its card");
    assert_eq!((card.status, card.status_word.as_str()), (Status::Unknown, unplug::model::NOT_READ_YET));
    let info: ryze::wire::ChatwootInfo = ok(fixture!("ryze/chatwoot_info.json"), envelope);
    assert_eq!(facts(&card), Vec::<String>::new(), "the inbox is not known yet");
    let card = ryze::convert::with_info(card, info);
    assert_eq!((card.status, card.status_word.as_str()), (Status::Active, "active"));
    assert_eq!(facts(&card), ["Chatwoot inbox: WhatsApp - Orion"], "the record tells the inbox");
    let shapeless = answer(200, r#"{"success":true,"items":[]}"#);
    let failure = decode::<ryze::wire::InstanceList>(&shapeless, envelope, 0.0).expect_err("no list");
    assert!(matches!(failure, Failure::UnexpectedShape { .. }), "{failure:?}");
    // `data` is read before `instances` in either order; a `data` that is no list is passed over.
    let names = |body: &str| -> Vec<String> {
        let list: ryze::wire::InstanceList = ok(body, envelope);
        list.instances.into_iter().map(|instance| instance.instance_name).collect()
    };
    assert_eq!(names(r#"{"instances":[{"name":"b"}],"data":[{"name":"a"}]}"#), ["a"]);
    assert_eq!(names(r#"{"data":[{"name":"a"}],"instances":[{"name":"b"}]}"#), ["a"]);
    assert_eq!(names(r#"{"data":{"total":1},"instances":[{"name":"b"}],"extra":[1,"x",null]}"#), ["b"]);
    let nameless = answer(200, r#"{"data":[{"name":"a"},{"id":2}]}"#);
    let failure = decode::<ryze::wire::InstanceList>(&nameless, envelope, 0.0).expect_err("an item without a name");
    assert!(
        matches!(&failure, Failure::UnexpectedShape { detail, .. } if detail.starts_with("instance 1: no name")),
        "{failure:?}"
    );

    let deleted: ryze::wire::Deactivated = ok(fixture!("ryze/delete_ok.json"), envelope);
    assert_eq!(deleted.message, "chatwoot integration deactivated");

    let cases = [
        (404, fixture!("ryze/instance_not_found.json"), "instance not found"),
        (404, fixture!("ryze/no_integration_to_delete.json"), "no chatwoot integration to delete"),
        (503, fixture!("ryze/gateway_not_configured.json"), "integration gateway not configured"),
        (403, fixture!("ryze/forbidden_instance.json"), "Instance token does not match the requested instance"),
    ];
    for (status, body, message) in cases {
        assert_eq!(
            error_answer(&answer(status, body), envelope, 0.0),
            Failure::Platform { status, said: said(message, None) }
        );
    }
    assert_eq!(
        error_answer(&answer(401, fixture!("ryze/invalid_token.json")), envelope, 0.0),
        Failure::Unauthorized { status: 401, said: said("Invalid token", None) }
    );
    let mut limited = answer(429, fixture!("ryze/rate_limited.json"));
    limited.rate_limit_reset = Some("1030".into());
    assert_eq!(
        error_answer(&limited, envelope, 1_000_000.0),
        Failure::RateLimited { wait_secs: Some(30), said: said("Rate limit exceeded. Try again later.", None) }
    );
}

#[test]
fn altegio_fixtures_decode_and_errors_map() {
    let envelope = altegio::wire::read_envelope;
    let salons: altegio::wire::Envelope<Vec<altegio::wire::Salon>> = ok(fixture!("altegio/salons_ok.json"), envelope);
    let status: altegio::wire::Envelope<altegio::wire::IntegrationStatus> =
        ok(fixture!("altegio/status_ok.json"), envelope);
    let salon = salons.data[0].clone();
    let listed = altegio::convert::integration("alt", 1, salon);
    assert_eq!((listed.status, listed.status_word.as_str()), (Status::Unknown, unplug::model::NOT_READ_YET));
    let card = altegio::convert::with_status(listed.clone(), Some(status.data.connection_status));
    assert_eq!((card.id.as_str(), card.name.as_str(), card.status), ("1050", "La Visage", Status::Active));
    assert_eq!(card.created_at.as_deref(), Some("2022-06-27 12:20:02"));
    assert_eq!(facts(&card), ["City: New York"]);
    assert_eq!(
        altegio::convert::last_status_change(status.data.logs),
        LastActivity::At { at: "2022-06-27 12:22:02".into(), ok: None, label: "last status change" },
        "the newest of the logs"
    );
    assert_eq!(altegio::convert::last_status_change(Vec::new()), LastActivity::NoneRecorded);
    assert_eq!(listed.last_activity, LastActivity::NotReadYet, "the status read brings it");
    let unread = altegio::convert::with_status(listed, None);
    assert_eq!((unread.status_word.as_str(), unread.last_activity), ("unknown", LastActivity::Unreadable));
    let _: altegio::wire::Envelope<serde_json::Value> = ok(fixture!("altegio/uninstall_ok.json"), envelope);
    let _: altegio::wire::Envelope<serde_json::Value> = ok(fixture!("altegio/empty_success.json"), envelope);

    let cases = [
        (
            401,
            fixture!("altegio/unauthorized.json"),
            Failure::Unauthorized { status: 401, said: said("Authentication needed.", None) },
        ),
        (
            403,
            fixture!("altegio/forbidden.json"),
            Failure::Platform { status: 403, said: said("Access denied.", None) },
        ),
        (404, fixture!("altegio/not_found.json"), Failure::Platform { status: 404, said: PlatformMessage::default() }),
        (
            422,
            fixture!("altegio/unprocessable.json"),
            Failure::Platform {
                status: 422,
                said: said("An error has occurred. The count must be between 1 and 1000.", None),
            },
        ),
    ];
    for (status, body, expected) in cases {
        assert_eq!(error_answer(&answer(status, body), envelope, 0.0), expected, "{body}");
    }
}

#[test]
fn already_gone_is_recognised_only_for_the_documented_answers() {
    let rocket_chat_gone = rocket_chat::RocketChat::is_already_gone as fn(&Failure) -> bool;
    let gone = [
        (
            rocket_chat_gone,
            400,
            fixture!("rocketchat/remove_not_found.json"),
            rocket_chat::wire::read_envelope as ReadEnvelope,
        ),
        (ryze::Ryze::is_already_gone, 404, fixture!("ryze/no_integration_to_delete.json"), ryze::wire::read_envelope),
        (altegio::Altegio::is_already_gone, 404, fixture!("altegio/not_found.json"), altegio::wire::read_envelope),
    ];
    for (is_already_gone, status, body, envelope) in gone {
        assert!(is_already_gone(&error_answer(&answer(status, body), envelope, 0.0)), "{body}");
    }
    let not_gone = [
        (
            rocket_chat_gone,
            400,
            fixture!("rocketchat/remove_invalid_integration.json"),
            rocket_chat::wire::read_envelope as ReadEnvelope,
        ),
        (ryze::Ryze::is_already_gone, 404, fixture!("ryze/instance_not_found.json"), ryze::wire::read_envelope),
        (altegio::Altegio::is_already_gone, 403, fixture!("altegio/forbidden.json"), altegio::wire::read_envelope),
    ];
    for (is_already_gone, status, body, envelope) in not_gone {
        assert!(!is_already_gone(&error_answer(&answer(status, body), envelope, 0.0)), "{body}");
    }
}

#[test]
fn shown_bodies_never_hold_the_documented_secrets() {
    let bodies = [
        (fixture!("rocketchat/list_ok.json"), "Bm4dVbXcRpLa9sQw2ZyKt7Hn"),
        (fixture!("rocketchat/login_ok.json"), "9HqLlyZOugoStsXCUfD_0YdwnNnunAJF8V47U3QHXSq"),
        (fixture!("ryze/chatwoot_info.json"), "sk_live_abc123"),
        (fixture!("altegio/disable_webhook.json"), "yasdfkjah2328aj"),
        // A run's `data`, `httpCallData` and `integration` each carry the webhook's token.
        (fixture!("rocketchat/history_ok.json"), "2LjM5yeYAewLgk4yBfL4qDqt"),
        (fixture!("rocketchat/history_failed.json"), "RCJreWmHvdHb65gDC9Rg4Nus"),
    ];
    for (body, secret) in bodies {
        assert!(body.contains(secret), "the fixture holds the secret under test");
        assert!(!readable_body(body).contains(secret));
        let cut = &body[..body.find(secret).expect("present") + secret.len() / 2];
        assert!(!readable_body(cut).contains(&secret[..secret.len() / 2]), "cut body leaked {secret}");
    }
}

const ALL_FIXTURES: &[&str] = &[
    fixture!("rocketchat/list_ok.json"),
    fixture!("rocketchat/login_ok.json"),
    fixture!("rocketchat/remove_ok_outgoing.json"),
    fixture!("rocketchat/remove_invalid_params_no_type.json"),
    fixture!("rocketchat/history_failed.json"),
    fixture!("ryze/instance_list.json"),
    fixture!("ryze/chatwoot_info.json"),
    fixture!("ryze/rate_limited.json"),
    fixture!("altegio/salons_ok.json"),
    fixture!("altegio/status_ok.json"),
    fixture!("altegio/unprocessable.json"),
];

/// Runs every decoder of every platform over one answer; only panics matter here.
fn decode_everything(status: u16, body: &str) {
    let raw = answer(status, body);
    let _ = decode::<rocket_chat::wire::IntegrationsPage>(&raw, rocket_chat::wire::read_envelope, 0.0);
    let _ = decode::<rocket_chat::wire::LoginOk>(&raw, rocket_chat::wire::read_envelope, 0.0);
    let _ = decode::<rocket_chat::wire::RemoveOk>(&raw, rocket_chat::wire::read_envelope, 0.0);
    let _ = decode::<rocket_chat::wire::HistoryPage>(&raw, rocket_chat::wire::read_envelope, 0.0);
    let _ = decode::<ryze::wire::InstanceList>(&raw, ryze::wire::read_envelope, 0.0);
    let _ = decode::<ryze::wire::Deactivated>(&raw, ryze::wire::read_envelope, 0.0);
    let _ = decode::<altegio::wire::Envelope<Vec<altegio::wire::Salon>>>(&raw, altegio::wire::read_envelope, 0.0);
    let _ =
        decode::<altegio::wire::Envelope<altegio::wire::IntegrationStatus>>(&raw, altegio::wire::read_envelope, 0.0);
    let _ = readable_body(body);
}

proptest! {
    #[test]
    fn random_bodies_never_panic(status in 100u16..600, body in ".{0,200}") {
        decode_everything(status, &body);
    }

    #[test]
    fn truncated_fixtures_never_panic_and_are_named(index in 0..ALL_FIXTURES.len(), cut in 0.0f64..1.0) {
        let body = ALL_FIXTURES[index];
        let mut end = (body.len() as f64 * cut) as usize;
        while !body.is_char_boundary(end) { end -= 1; }
        let cut_body = &body[..end];
        decode_everything(200, cut_body);
        decode_everything(404, cut_body);
        if !cut_body.trim().is_empty() && serde_json::from_str::<serde_json::Value>(cut_body).is_err() {
            let failure = decode::<serde_json::Value>(&answer(200, cut_body), ryze::wire::read_envelope, 0.0).expect_err("a cut body does not decode");
            prop_assert!(matches!(failure, Failure::Truncated { .. } | Failure::Malformed { .. }), "{:?}", failure);
        }
    }
}
