//! wasm tests in headless Chromium: components mounted into a fresh element, asserted by
//! text and ARIA; and the timers every wait of the console runs on.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use unplug::api::Done;
use unplug::api::call::{CallError, Exchange};
use unplug::api::error::{Failure, PlatformMessage};
use unplug::api::provider::Provider;
use unplug::components::card::Card;
use unplug::components::confirm_dialog::ConfirmDialog;
use unplug::components::impact::Impact;
use unplug::components::outcome::Outcome;
use unplug::finding::filter::Row;
use unplug::model::{Field, Integration, Kind, LastActivity, Platform, Status};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_host() -> web_sys::HtmlElement {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let host = document.create_element("div").expect("div").unchecked_into::<web_sys::HtmlElement>();
    document.body().expect("body").append_child(&host).expect("appended");
    host
}

fn query(host: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    host.query_selector(selector).expect("valid selector").unwrap_or_else(|| panic!("{selector} is rendered"))
}

fn exchange(status: u16, body: &str) -> Exchange {
    Exchange {
        request_line: "POST http://h/api/v1/integrations.remove".into(),
        status: Some(status),
        body: body.into(),
        rate_limit: None,
    }
}

#[wasm_bindgen_test]
fn a_card_is_an_article_named_after_its_integration_with_its_logo_facts_and_a_disconnect_button() {
    let host = fresh_host();
    let item = Integration {
        connection_id: "rc".into(),
        platform: Platform::Rocketchat,
        id: "oNLthAt9RwMw39N2B".into(),
        name: "GitHub pushes".into(),
        kind: Kind::IncomingWebhook,
        status: Status::Active,
        status_word: "enabled".into(),
        created_by: Some("graywolf336".into()),
        created_at: Some("2017-01-06T13:42:14.143Z".into()),
        fields: vec![
            Field::fact("Channel", "#dev"),
            Field::id("Integration id", "oNLthAt9RwMw39N2B"),
            Field::new("Posts as", "rocket.cat"),
        ],
        after_disconnect: None,
        listed_by: Default::default(),
        last_activity: LastActivity::NotReadYet,
    };
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        let row = std::sync::Arc::new(Row::new(item.clone(), "Rocket.Chat (sandbox)".to_owned()));
        view! { <Card row /> }
    });

    let article = query(&host, "article");
    let title_id = article.get_attribute("aria-labelledby").expect("labelled");
    let title = host.query_selector(&format!("#{title_id}")).expect("selector").expect("the title exists");
    assert_eq!(title.text_content().as_deref(), Some("GitHub pushes"));
    assert_eq!(article.get_attribute("data-status").as_deref(), Some("active"));
    let text = article.text_content().unwrap_or_default();
    for expected in ["Rocket.Chat (sandbox)", "Incoming webhook", "Active", "Channel", "#dev"] {
        assert!(text.contains(expected), "{expected} missing from {text}");
    }
    // The rest waits in the detail panel, and nothing is said twice.
    for absent in ["graywolf336", "oNLthAt9RwMw39N2B", "rocket.cat", "(enabled)", "·"] {
        assert!(!text.contains(absent), "{absent} is on the card: {text}");
    }
    let logo = query(&host, "[role=img][aria-label='Rocket.Chat'][data-platform=rocketchat]");
    assert_eq!(logo.text_content().as_deref(), Some("R"), "the letters on the shape style/main.css draws");
    let button = query(&host, ".unplug-card__actions button");
    assert_eq!(button.text_content().as_deref(), Some("Disconnect"));
    assert!(
        host.query_selector("dialog").expect("selector").is_none(),
        "the inventory owns the one confirmation dialog"
    );
}

#[wasm_bindgen_test]
async fn a_failure_is_an_alert_with_the_platform_words_and_a_hidden_raw_body() {
    let host = fresh_host();
    let failure = Failure::Platform {
        status: 400,
        said: PlatformMessage {
            message: Some("Invalid integration [error-invalid-integration]".into()),
            error_type: Some("error-invalid-integration".into()),
        },
    };
    let result = Err(CallError { failure, exchange: exchange(400, "{\"success\": false}") });
    let _mounted = leptos::mount::mount_to(host.clone(), move || view! { <Outcome result=result.clone() /> });

    let alert = query(&host, "[role=alert]");
    let text = alert.text_content().unwrap_or_default();
    assert!(text.contains("HTTP 400"), "{text}");
    assert!(text.contains("Invalid integration [error-invalid-integration]"), "{text}");
    assert!(text.contains("error-invalid-integration"), "{text}");
    assert!(host.query_selector("pre").expect("selector").is_none(), "the raw body starts hidden");
    let toggle = query(&host, ".unplug-raw__toggle").unchecked_into::<web_sys::HtmlElement>();
    toggle.click();
    tick().await;
    assert_eq!(query(&host, "pre").text_content().as_deref(), Some("{\"success\": false}"));
}

#[wasm_bindgen_test]
fn already_gone_is_a_polite_status_not_an_alert() {
    let host = fresh_host();
    let result = Ok(Done::AlreadyGone(exchange(404, "{}")));
    let _mounted = leptos::mount::mount_to(host.clone(), move || view! { <Outcome result=result.clone() /> });
    assert!(query(&host, "[role=status]").text_content().unwrap_or_default().contains("Already disconnected"));
    assert!(host.query_selector("[role=alert]").expect("selector").is_none());
}

#[wasm_bindgen_test]
fn every_failure_kind_reads_as_its_own_sentence_in_an_alert() {
    let said = PlatformMessage { message: Some("Rate limit exceeded. Try again later.".into()), error_type: None };
    let cases = [
        (Failure::Unreachable { origin: "http://127.0.0.1:8787".into() }, "does not allow this page's origin (CORS)"),
        (Failure::TimedOut { after_ms: 15_000 }, "No answer within 15 seconds"),
        (Failure::RateLimited { wait_secs: Some(30), said: said.clone() }, "wait 30 s"),
        (Failure::Unauthorized { status: 401, said: said.clone() }, "Not signed in (HTTP 401)"),
        (
            Failure::NotJson { status: 502, content_type: Some("text/html".into()) },
            "HTTP 502 with a text/html body instead of JSON",
        ),
        (Failure::EmptyBody { status: 200 }, "empty body"),
        (Failure::Truncated { status: 200 }, "stops before its end"),
        (Failure::Malformed { status: 200, detail: "key must be a string".into() }, "not valid JSON"),
        (Failure::UnexpectedShape { status: 200, detail: "missing field `total`".into() }, "missing field `total`"),
    ];
    for (failure, expected) in cases {
        let host = fresh_host();
        let next_step = failure.next_step();
        let result = Err(CallError { failure, exchange: exchange(200, "") });
        let _mounted = leptos::mount::mount_to(host.clone(), move || view! { <Outcome result=result.clone() /> });
        let text = query(&host, "[role=alert]").text_content().unwrap_or_default();
        assert!(text.contains(expected), "{expected} missing from {text}");
        assert!(text.contains(next_step), "the next step is said: {text}");
    }
}

#[wasm_bindgen_test]
fn a_removal_is_a_status_with_its_http_code() {
    let host = fresh_host();
    let result = Ok(Done::Removed(exchange(200, "{}")));
    let _mounted = leptos::mount::mount_to(host.clone(), move || view! { <Outcome result=result.clone() /> });
    assert_eq!(query(&host, "[role=status] p").text_content().as_deref(), Some("Disconnected (HTTP 200)"));
}

#[wasm_bindgen_test]
fn the_confirmation_names_the_platform_connection_and_the_documented_webhook() {
    let host = fresh_host();
    let item = Integration {
        connection_id: "alt".into(),
        platform: Platform::Altegio,
        id: "1050".into(),
        name: "La Visage".into(),
        kind: Kind::AppOnLocation,
        status: Status::Active,
        status_word: "active".into(),
        created_by: None,
        created_at: None,
        fields: Vec::new(),
        after_disconnect: Some(unplug::api::altegio::convert::disable_webhook(1050, 1)),
        listed_by: Default::default(),
        last_activity: LastActivity::NotReadYet,
    };
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let what_it_does = unplug::api::altegio::Altegio::default().what_disconnect_does();
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <ConfirmDialog
                item=std::sync::Arc::new(item.clone())
                connection_label="Altegio (sandbox)".to_owned()
                what_it_does
                dialog
                impact=Impact::Read(vec![("Connection status", "active".into()), ("Payments", "1".into())])
                on_confirm=|()| {}
            />
        }
    });
    let element = query(&host, "dialog");
    let title_id = element.get_attribute("aria-labelledby").expect("labelled");
    let title = host.query_selector(&format!("#{title_id}")).expect("selector").expect("title");
    assert_eq!(title.text_content().as_deref(), Some("Disconnect La Visage?"));
    let text = element.text_content().unwrap_or_default();
    assert!(text.contains("App on location on Altegio — connection Altegio (sandbox)."), "{text}");
    assert!(text.contains("Altegio documents this disable webhook"), "{text}");
    assert!(text.contains("\"event\": \"uninstall\"") && text.contains("\"salon_id\": 1050"), "{text}");
    assert!(text.contains("\"partner_token\": \"••••••\""), "the token is masked: {text}");
    let impact = query(&host, ".unplug-impact dl").text_content().unwrap_or_default();
    assert_eq!(impact, "Connection statusactivePayments1", "the impact lines, label then value");
    let buttons: Vec<String> = (0..2)
        .map(|index| {
            query(&host, &format!(".unplug-dialog__actions button:nth-child({})", index + 1))
                .text_content()
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(buttons, ["Cancel", "Disconnect"]);
    // showModal() focuses the first focusable element: nothing focusable may come before Cancel.
    let first =
        query(&host, "dialog button, dialog input, dialog select, dialog textarea, dialog a[href], dialog [tabindex]");
    assert_eq!(first.text_content().as_deref(), Some("Cancel"), "Cancel is focused first");
}

/// Every wait runs on the timer worker where it starts (issue 11: a hidden tab's own chained
/// timers wake about once a minute). The test runner does not serve public/, so the worker's own
/// file is started from a Blob URL.
#[wasm_bindgen_test]
async fn waits_are_woken_by_the_timer_worker_where_it_runs() {
    use unplug::time::{now_ms, sleep, worker};
    let parts = js_sys::Array::of1(&include_str!("../public/timer-worker.js").into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).expect("a blob");
    worker::start(Some(web_sys::Url::create_object_url_with_blob(&blob).expect("a blob URL")));
    // The page's backstop timer may end a wait first; the worker answers within a few waits.
    for _ in 0..20 {
        let started = now_ms();
        sleep(25.0).await;
        assert!(now_ms() - started >= 24.0, "a wait never ends early");
        if worker::worker_runs() {
            break;
        }
    }
    assert!(worker::worker_runs(), "the worker ended a wait");
}

/// Where no worker can start (a script mount from another origin), the page's own timer ends
/// each wait.
#[wasm_bindgen_test]
async fn without_a_worker_the_page_s_own_timer_ends_each_wait() {
    use unplug::time::{now_ms, sleep, worker};
    worker::start(None);
    let started = now_ms();
    sleep(30.0).await;
    let took = now_ms() - started;
    assert!((29.0..2_000.0).contains(&took), "{took} ms");
    assert!(!worker::worker_runs());
}
