//! Native tests of the one redaction module: every documented fixture, with secrets planted
//! under every key spelling and inside every URL shape, cut at every offset, never shows a
//! planted secret; escaped quotes never shift the masking; non-secret text stays as it was;
//! cards, search, the detail panel and exports never hold a URL's secret.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use proptest::prelude::*;
use serde_json::{Map, Value, json};
use unplug::api::details::non_secret_fields;
use unplug::api::mask::{MASK, is_secret_key, mask_json, mask_text, mask_urls, readable_body};
use unplug::api::{altegio, rocket_chat, ryze};
use unplug::export;
use unplug::finding::filter::{Row, as_listed, select};
use unplug::finding::query::ViewQuery;

/// Every JSON fixture under tests/fixtures, by path, read at test time so a new one is covered.
fn fixtures() -> Vec<(String, String)> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("tests/fixtures is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|ext| ext == "json") {
                found.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    walk(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures")), &mut paths);
    paths.sort();
    let fixtures: Vec<(String, String)> = paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a readable fixture");
            (path.display().to_string(), text)
        })
        .collect();
    assert!(fixtures.len() >= 50, "only {} fixtures found", fixtures.len());
    fixtures
}

/// Every key spelling the issue names; each must be masked wherever it stands.
const SPELLINGS: &[&str] = &[
    "token",
    "Token",
    "TOKEN",
    "access_token",
    "accessToken",
    "chatwootApiToken",
    "api-key",
    "apikey",
    "x-api-key",
    "client_secret",
    "Authorization",
    "set-cookie",
    "signature",
    "private_key",
    "password",
    "passwd",
    "script",
    "scriptCompiled",
    "scriptError",
];

/// Planted secret values: each starts and ends with `§`, which no fixture holds, so any piece
/// of one that shows carries a marker. Some hold quotes and backslashes, written `\"` and `\\`.
const VALUES: &[&str] = &[
    "§PLANTED-SECRET-1234§",
    "§PLANTED\"SECRET\"1234§",
    "§PLANTED\\\"SECRET\\\\§",
    "§PLANTED\\§",
    "§PLANTED: \"x\", \"token\": \"y§",
];

/// A non-secret string that looks like a secret pair, with escaped quotes: shown as it was.
const DECOY: &str = "say \"token\": \"kept\", a \\\"quoted\\\" word";

const MARKERS: &[&str] = &["§", "PLANTED", "SECRET"];

fn assert_hidden(shown: &str, context: &str) {
    for marker in MARKERS {
        assert!(!shown.contains(marker), "{marker} shows in {shown:?} ({context})");
    }
}

/// Every object of `value` gains a planted secret under the next spelling (the outermost under
/// all of them), a secret object and array under a secret key, and the decoy.
fn plant(value: &mut Value, count: &mut usize) {
    match value {
        Value::Object(map) => {
            for field in map.values_mut() {
                plant(field, count);
            }
            let spelling = SPELLINGS[*count % SPELLINGS.len()];
            map.insert(spelling.into(), json!(VALUES[*count % VALUES.len()]));
            map.insert("plantedNote".into(), json!(DECOY));
            map.insert("tokenExpiresIn".into(), json!(3600));
            if count.is_multiple_of(3) {
                map.insert("scriptError".into(), json!({"message": VALUES[0], "at": [1, VALUES[1]]}));
                map.insert("cookies".into(), json!([VALUES[2], {"v": VALUES[3]}]));
            }
            *count += 1;
        }
        Value::Array(items) => items.iter_mut().for_each(|item| plant(item, count)),
        _ => {}
    }
}

fn planted(fixture: &str) -> Value {
    let mut value: Value = serde_json::from_str(fixture).expect("fixtures are JSON");
    let mut count = 0;
    plant(&mut value, &mut count);
    let mut outer = Map::new();
    for (index, spelling) in SPELLINGS.iter().enumerate() {
        outer.insert((*spelling).into(), json!(VALUES[index % VALUES.len()]));
    }
    match value {
        Value::Object(map) => {
            outer.extend(map);
            Value::Object(outer)
        }
        other => {
            outer.insert("planted".into(), other);
            Value::Object(outer)
        }
    }
}

/// Every char boundary of `text`, from 0 to its length.
fn cuts(text: &str) -> impl Iterator<Item = &str> {
    (0..=text.len()).filter(|end| text.is_char_boundary(*end)).map(|end| &text[..end])
}

/// A body cut anywhere shows nothing of a planted secret, and shows the start of what the
/// whole body shows: a cut never unmasks, shifts or rewrites what comes before it.
fn check_every_cut(body: &str, context: &str) {
    let whole = mask_text(body);
    assert_hidden(&whole, context);
    for cut in cuts(body) {
        let shown = mask_text(cut);
        assert_hidden(&shown, context);
        assert!(
            whole.starts_with(&shown),
            "cut at {} of {context}: {shown:?} is not the start of {whole:?}",
            cut.len()
        );
    }
}

#[test]
fn fixtures_as_they_are_cut_anywhere_keep_their_secrets() {
    for (path, body) in fixtures() {
        let whole = mask_text(&body);
        let parsed = readable_body(&body);
        let mut secrets = Vec::new();
        collect_secrets(&serde_json::from_str(&body).expect("JSON"), false, &mut secrets);
        for secret in secrets.iter().filter(|secret| secret.len() >= 4) {
            assert!(!whole.contains(secret.as_str()) && !parsed.contains(secret.as_str()), "{secret} in {path}");
        }
        for cut in cuts(&body) {
            let shown = mask_text(cut);
            assert!(whole.starts_with(&shown), "cut at {} of {path}: {shown:?}", cut.len());
        }
    }
}

/// The string values a secret key holds, at any depth.
fn collect_secrets(value: &Value, under_secret: bool, found: &mut Vec<String>) {
    match value {
        Value::String(text) if under_secret => found.push(text.clone()),
        Value::Object(map) => {
            map.iter().for_each(|(key, field)| collect_secrets(field, under_secret || is_secret_key(key), found))
        }
        Value::Array(items) => items.iter().for_each(|item| collect_secrets(item, under_secret, found)),
        _ => {}
    }
}

#[test]
fn planted_secrets_under_every_spelling_never_show_at_any_cut() {
    for (path, fixture) in fixtures() {
        let document = planted(&fixture);
        let compact = document.to_string();
        check_every_cut(&compact, &path);
        let whole = mask_text(&compact);
        assert!(whole.contains(&serde_json::to_string(DECOY).expect("text")), "the decoy changed in {path}: {whole}");
        assert!(whole.contains("\"tokenExpiresIn\":3600"), "a number under a secret key changed in {path}");

        let pretty = serde_json::to_string_pretty(&document).expect("text");
        assert_hidden(&readable_body(&pretty), &path);
        assert_hidden(&readable_body(&compact), &path);
        assert!(readable_body(&pretty).contains(&serde_json::to_string(DECOY).expect("text")));
        let mut masked = document.clone();
        mask_json(&mut masked);
        assert_hidden(&masked.to_string(), &path);
        assert_eq!(masked["token"], MASK);
        let rows = non_secret_fields(&document);
        assert_hidden(&format!("{rows:?}"), &path);
        assert!(rows.iter().any(|(key, value)| key.ends_with("tokenExpiresIn") && value == "3600"));
    }
}

/// Non-secret-keyed values holding URLs whose secrets are planted, one shape per template.
const URLS: &[&str] = &[
    "https://unplug:§PLANTED-SECRET§@chat.example.com/x",
    "https://chat.example.com/hooks/6XyZ7tAbC/§PLANTED-SECRET§",
    "https://hooks.slack.com/services/T0001/B0002/§PLANTED-SECRET§",
    "https://discord.com/api/webhooks/1234567890/§PLANTED-SECRET§?wait=true",
    "https://discord.com/api/v10/webhooks/1234567890/§PLANTED-SECRET§",
    "https://h.example.com/cb?room=1&access_token=§PLANTED-SECRET§&x=2",
    "https://h.example.com/cb#state=s&code=§PLANTED-SECRET§",
    "/relative/hook?sig=§PLANTED-SECRET§",
    "https://h.example.com/?next=https%3A%2F%2Fk.example.com%2F%3Ftoken%3DPLANTED-SECRET",
    "two: https://h.example.com/?key=§PLANTED-SECRET§, https://u:§PLANTED-SECRET§@k.example.com/",
];

fn plant_urls(value: &mut Value, count: &mut usize) {
    match value {
        Value::Object(map) => {
            map.values_mut().for_each(|field| plant_urls(field, count));
            map.insert("plantedUrl".into(), json!(URLS[*count % URLS.len()]));
            map.insert("plantedUrls".into(), json!([URLS[(*count + 1) % URLS.len()], "https://example.com/ok"]));
            *count += 1;
        }
        Value::Array(items) => items.iter_mut().for_each(|item| plant_urls(item, count)),
        _ => {}
    }
}

#[test]
fn url_secrets_planted_in_fixtures_never_show_at_any_cut() {
    for (path, fixture) in fixtures() {
        let mut document: Value = serde_json::from_str(&fixture).expect("JSON");
        let mut count = 0;
        plant_urls(&mut document, &mut count);
        if count == 0 {
            continue;
        }
        let compact = document.to_string();
        // PHP's json_encode writes `/` as `\/`: the same document, as Altegio may send it.
        let escaped = compact.replace('/', "\\/");
        for body in [&compact, &escaped] {
            assert_hidden(&readable_body(body), &path);
            for cut in cuts(body) {
                assert_hidden(&mask_text(cut), &format!("{path} cut at {}", cut.len()));
            }
        }
        let mut masked = document.clone();
        mask_json(&mut masked);
        assert_hidden(&masked.to_string(), &path);
        assert!(masked.to_string().contains("https://example.com/ok"));
        assert_hidden(&format!("{:?}", non_secret_fields(&document)), &path);
    }
}

/// Each URL shape, in and out; `*` stands for the mask.
const URL_TABLE: &[(&str, &str)] = &[
    // User info.
    ("https://user:pass@host.example.com/x", "https://*@host.example.com/x"),
    ("https://ghp_abcdef@github.com/o/r.git", "https://*@github.com/o/r.git"),
    ("ftp://anonymous@files.example.com", "ftp://*@files.example.com"),
    // Query and fragment parameters by the key rule, and sig, key, auth, code.
    ("https://h/x?token=abc&room=1", "https://h/x?token=*&room=1"),
    ("https://h/x?Access-Token=abc", "https://h/x?Access-Token=*"),
    ("https://h/x?apiKey=abc&api_key=d&x-api-key=e", "https://h/x?apiKey=*&api_key=*&x-api-key=*"),
    (
        "https://h/x?client_secret=a&password=b&authorization=c",
        "https://h/x?client_secret=*&password=*&authorization=*",
    ),
    ("https://h/x?sig=a&key=b&auth=c&code=d&keyword=e", "https://h/x?sig=*&key=*&auth=*&code=*&keyword=e"),
    ("https://h/x?SIG=a&Key=b", "https://h/x?SIG=*&Key=*"),
    ("https://h/cb#access_token=abc&token_type=bearer", "https://h/cb#access_token=*&token_type=*"),
    ("https://h/#/route?code=abc&page=2", "https://h/#/route?code=*&page=2"),
    ("https://h/x?next=https%3A%2F%2Fk%2F%3Fsig%3Dabc&a=1", "https://h/x?next=*&a=1"),
    ("/api/v1/hook?token=abc", "/api/v1/hook?token=*"),
    // Rocket.Chat incoming webhooks.
    (
        "https://chat.example.com/hooks/6XyZ7tAbCdEfGhIjK/FbT2yd7xH3cQ9kWnLp8sRz4mVa6uE1jGo5iKs0NqXwYh",
        "https://chat.example.com/hooks/6XyZ7tAbCdEfGhIjK/*",
    ),
    ("https://chat.example.com/sub/hooks/id/tok?x=1", "https://chat.example.com/sub/hooks/id/*?x=1"),
    ("https://chat.example.com/hooks/id", "https://chat.example.com/hooks/id"),
    // Slack.
    (
        "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
        "https://hooks.slack.com/services/T00000000/B00000000/*",
    ),
    ("https://hooks.slack.com/workflows/T01/A02/123/abc", "https://hooks.slack.com/workflows/T01/A02/123/*"),
    ("https://proxy.example.com/services/T01/B02/abc", "https://proxy.example.com/services/T01/B02/*"),
    // Discord.
    ("https://discord.com/api/webhooks/123456/AbCdEf-gh_ij", "https://discord.com/api/webhooks/123456/*"),
    (
        "https://discord.com/api/v10/webhooks/123456/tok?wait=true",
        "https://discord.com/api/v10/webhooks/123456/*?wait=true",
    ),
    ("https://discordapp.com/api/webhooks/123456/tok/slack", "https://discordapp.com/api/webhooks/123456/*/slack"),
    // Readable URLs stay whole.
    ("https://github.githubassets.com/favicons/favicon.png", "https://github.githubassets.com/favicons/favicon.png"),
    (
        "http://127.0.0.1:8787/rc/api/v1/integrations.list?offset=0&count=100",
        "http://127.0.0.1:8787/rc/api/v1/integrations.list?offset=0&count=100",
    ),
    ("https://example.com/webhooks/123/abc", "https://example.com/webhooks/123/abc"),
    ("https://[::1]:8080/x?tokens=1", "https://[::1]:8080/x?tokens=*"),
    ("a@b.example.com and http://x.example.com.", "a@b.example.com and http://x.example.com."),
];

fn starred(text: &str) -> String {
    text.replace(MASK, "*")
}

#[test]
fn every_url_shape_in_and_out() {
    for (url, expected) in URL_TABLE {
        assert_eq!(starred(&mask_urls(url)), *expected, "free text");
        // The same URL as a parsed value, as an unparsed (cut) body's string, and on a card.
        let mut value = json!({"url": url, "urls": [url]});
        mask_json(&mut value);
        assert_eq!(starred(value["url"].as_str().expect("text")), *expected, "parsed JSON");
        assert_eq!(starred(value["urls"][0].as_str().expect("text")), *expected, "parsed JSON array");
        let body = format!("{{\"url\":{}", serde_json::to_string(url).expect("text"));
        let expected_body = format!("{{\"url\":{}", serde_json::to_string(expected).expect("text"));
        assert_eq!(starred(&mask_text(&body)), expected_body, "unparsed body");
        let rows = non_secret_fields(&json!({"target": url}));
        assert_eq!(starred(&rows[0].1), *expected, "detail panel");
    }
}

fn rocket_chat_card(urls: &[&str]) -> unplug::model::Integration {
    let wire: rocket_chat::wire::WireIntegration = serde_json::from_value(json!({
        "_id": "oNLthAt9RwMw39N2B", "type": "webhook-outgoing", "name": "Hook", "enabled": true,
        "urls": urls, "token": "§PLANTED-SECRET§", "scriptEnabled": true,
        "_createdBy": {"username": "admin"}
    }))
    .expect("a wire integration");
    rocket_chat::convert::integration("rc", wire)
}

#[test]
fn cards_search_and_exports_never_hold_a_url_secret() {
    let urls: Vec<&str> = URLS.to_vec();
    let card = rocket_chat_card(&urls);
    let field = |label: &str| card.fields.iter().find(|field| field.label == label).map(|field| field.value.clone());
    assert_eq!(field("Script").as_deref(), Some("enabled"), "scriptEnabled still reads on/off");
    let shown = field("URLs").expect("a URLs field");
    assert_hidden(&shown, "card");
    assert!(shown.contains("https://chat.example.com/hooks/6XyZ7tAbC/"), "{shown}");
    assert_hidden(&format!("{card:?}"), "card");

    let rows = vec![Arc::new(Row::new(card, "Main"))];
    for term in ["§", "planted", "secret"] {
        let found = select(&rows, &ViewQuery { search: term.into(), ..ViewQuery::default() }, 0.0, &as_listed);
        assert!(found.is_empty(), "searching {term} finds the card");
    }
    assert_eq!(
        select(&rows, &ViewQuery { search: "discord.com".into(), ..ViewQuery::default() }, 0.0, &as_listed).len(),
        1
    );
    assert_hidden(&export::integrations_csv(&rows), "CSV");
    assert_hidden(&export::integrations_json(&rows), "JSON");
    assert!(export::integrations_json(&rows).contains("\"Script\": \"enabled\""));
}

#[test]
fn every_platforms_cards_go_through_the_url_masking() {
    let secret_url = "https://u:§PLANTED§@h.example.com/hooks/a/§PLANTED§?token=§PLANTED§";
    let list: ryze::wire::InstanceList = serde_json::from_value(json!([{
        "instanceName": "suporte", "connection": {"state": secret_url}, "profile": {"name": secret_url},
        "chatwoot": {"enabled": true, "status": "active", "chatwoot_inbox_name": secret_url}
    }]))
    .expect("an instance");
    let instance = list.instances.into_iter().next().expect("one instance");
    let card = ryze::convert::integration("ryze", instance).expect("a card");
    let info: ryze::wire::ChatwootInfo = serde_json::from_value(json!({
        "status": "active", "chatwoot_inbox_name": secret_url, "bridge_integration_id": secret_url
    }))
    .expect("an info");
    assert_hidden(&format!("{card:?}"), "RyzeAPI card");
    assert_hidden(&format!("{:?}", ryze::convert::with_info(card, info)), "RyzeAPI card with info");

    let salon: altegio::wire::Salon = serde_json::from_value(json!({
        "id": 1050, "title": "La Visage", "public_title": secret_url, "address": secret_url
    }))
    .expect("a salon");
    let card = altegio::convert::integration("alt", 1, salon);
    assert_hidden(&format!("{card:?}"), "Altegio card");
    let status: altegio::wire::ConnectionStatus =
        serde_json::from_value(json!({"status": "active", "created_at": secret_url})).expect("a status");
    assert_hidden(&format!("{:?}", altegio::convert::with_status(card, Some(status))), "Altegio card with status");
}

/// Key spellings made at random: a secret word in any case, with `_` or `-` anywhere, after
/// and before other words.
fn secret_key() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "token",
        "secret",
        "password",
        "passwd",
        "apikey",
        "authorization",
        "cookie",
        "signature",
        "privatekey",
        "script",
        "scriptcompiled",
        "scripterror",
    ]);
    (words, "[a-z]{0,4}", prop::collection::vec((any::<bool>(), 0u8..6), 16)).prop_map(|(word, before, marks)| {
        let exact = word.starts_with("script");
        let mut key = if exact { String::new() } else { before };
        for (c, (upper, separator)) in word.chars().zip(marks) {
            match separator {
                0 => key.push('_'),
                1 => key.push('-'),
                _ => {}
            }
            key.push(if upper { c.to_ascii_uppercase() } else { c });
        }
        key
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_secrets_anywhere_never_show(
        fixture in 0usize..52,
        key in secret_key(),
        middle in "[a-z\"\\\\:,{}\\[\\] ]{0,24}",
        decoy in "[a-z\"\\\\:,{}\\[\\] ]{0,24}",
        target in 0usize..8,
        pretty in any::<bool>(),
    ) {
        let all = fixtures();
        let (path, text) = &all[fixture % all.len()];
        let mut document: Value = serde_json::from_str(text).expect("JSON");
        let secret = format!("§{middle}§");
        let mut objects = 0;
        insert_at(&mut document, target, &mut objects, &key, &secret, &decoy);
        if objects == 0 || target >= objects {
            let mut outer = Map::new();
            outer.insert("plantedDecoy".into(), json!(decoy));
            outer.insert(key.clone(), json!(secret));
            outer.insert("body".into(), document);
            document = Value::Object(outer);
        }
        prop_assert!(is_secret_key(&key), "{} is a secret spelling", key);
        let body = if pretty { serde_json::to_string_pretty(&document).expect("text") } else { document.to_string() };
        let whole = mask_text(&body);
        prop_assert!(!whole.contains('§'), "{} leaks in {}", secret, whole);
        prop_assert!(whole.contains(&serde_json::to_string(&decoy).expect("text")), "decoy changed in {}", whole);
        for cut in cuts(&body) {
            let shown = mask_text(cut);
            prop_assert!(!shown.contains('§'), "{} leaks at {} of {}: {}", secret, cut.len(), path, shown);
            prop_assert!(whole.starts_with(&shown), "cut at {} of {} shifts: {}", cut.len(), path, shown);
        }
        prop_assert!(!readable_body(&body).contains('§'));
    }
}

/// Puts the decoy and the secret into the `target`-th object (depth first) of `value`.
fn insert_at(value: &mut Value, target: usize, seen: &mut usize, key: &str, secret: &str, decoy: &str) {
    match value {
        Value::Object(map) => {
            if *seen == target {
                map.insert("plantedDecoy".into(), json!(decoy));
                map.insert(key.into(), json!(secret));
            }
            *seen += 1;
            map.values_mut().for_each(|field| insert_at(field, target, seen, key, secret, decoy));
        }
        Value::Array(items) => items.iter_mut().for_each(|item| insert_at(item, target, seen, key, secret, decoy)),
        _ => {}
    }
}
