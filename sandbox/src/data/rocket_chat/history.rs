//! Seeded runs of outgoing integrations, as `integrations.history` lists them: each is the
//! document the server's trigger handler leaves behind (`updateHistory`, `triggerHandler.ts`),
//! dated back from when the data is built, so "idle for N days" holds against a real clock.

use serde_json::{Value, json};

use super::{Direction, USERS};
use crate::clock;
use crate::ids::{SplitMix, seeded_by};

const MINUTE_MS: u64 = 60_000;
const DAY_MS: u64 = 1_440 * MINUTE_MS;

/// How an outgoing integration has been running, which decides its seeded runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activity {
    /// A run every 9 days for four months, the newest 2 to 3 hours ago; one old run failed.
    Busy,
    /// Monthly runs that stopped 120 days ago.
    Idle,
    /// Runs up to 3 days ago; the newest failed (HTTP 500), and an older one's script threw.
    Failing,
    /// Never ran: no history at all.
    Silent,
}

impl Activity {
    pub const ALL: [Self; 4] = [Self::Busy, Self::Idle, Self::Failing, Self::Silent];

    /// Each run's age and how it ended, newest first.
    fn plan(self) -> Vec<(u64, Outcome)> {
        match self {
            Self::Busy => (0..14)
                .map(|run| {
                    let outcome = if run == 9 { Outcome::NotFound } else { Outcome::Replied };
                    (2 * 60 * MINUTE_MS + run * 9 * DAY_MS, outcome)
                })
                .collect(),
            Self::Idle => (0..6)
                .map(|run| {
                    let outcome = if run == 3 { Outcome::ServerError } else { Outcome::Replied };
                    ((120 + run * 30) * DAY_MS, outcome)
                })
                .collect(),
            Self::Failing => (0..8)
                .map(|run| {
                    let outcome = match run {
                        0 => Outcome::ServerError,
                        4 => Outcome::ScriptThrew,
                        _ => Outcome::Replied,
                    };
                    ((3 + run * 12) * DAY_MS, outcome)
                })
                .collect(),
            Self::Silent => Vec::new(),
        }
    }
}

/// Where a run stopped, with the step and flags the trigger handler writes for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// The endpoint answered 200 with a `text`, posted back to the room.
    Replied,
    /// 500: `after-process-http-status-500`, `error: true`.
    ServerError,
    /// 404 with no retries configured: `failed-and-not-configured-to-retry`, `error: true`.
    NotFound,
    /// The integration's prepare script threw; no HTTP call was made.
    ScriptThrew,
}

/// The runs of `integration`, newest first; none for an incoming one (only outgoing ones run).
pub fn runs(integration: &Value, activity: Activity, now_ms: u64) -> Vec<Value> {
    if Direction::of(integration) != Some(Direction::Outgoing) {
        return Vec::new();
    }
    let mut rng = seeded_by(integration["_id"].as_str().unwrap_or_default());
    activity
        .plan()
        .into_iter()
        .enumerate()
        .map(|(index, (age_ms, outcome))| {
            // Up to an hour earlier than planned, so runs do not fall on the minute.
            let at_ms = now_ms.saturating_sub(age_ms + rng.next_u64() % (60 * MINUTE_MS));
            run(integration, at_ms, outcome, index, &mut rng)
        })
        .collect()
}

/// One run's document. `integration` is the whole trigger as it was (the server stores it so),
/// and `data` is what was posted to the URL: it carries the integration's `token`.
fn run(integration: &Value, at_ms: u64, outcome: Outcome, index: usize, rng: &mut SplitMix) -> Value {
    let user = &USERS[index % 2];
    let trigger_word = integration["triggerWords"][0].as_str();
    let channel = integration["channel"][0].as_str().unwrap_or("#general");
    let text = format!("{} status please", trigger_word.unwrap_or("hello")).trim().to_owned();
    let mut data = json!({
        "token": integration["token"],
        "bot": false,
        "channel_id": seeded_by(channel).meteor_id(),
        "channel_name": channel.trim_start_matches(['#', '@']),
        "message_id": rng.meteor_id(),
        "timestamp": clock::iso8601(at_ms.saturating_sub(40)),
        "user_id": user.id,
        "user_name": user.username,
        "text": text,
        "siteUrl": "http://localhost:3000",
    });
    let mut snapshot = integration.clone();
    let mut document = json!({
        "_id": rng.meteor_id(),
        "type": "outgoing-webhook",
        "event": integration["event"],
        "_createdAt": clock::iso8601(at_ms),
        "_updatedAt": clock::iso8601(at_ms + 100 + rng.next_u64() % 900),
        "ranPrepareScript": true,
    });
    if let Some(word) = trigger_word {
        data["trigger_word"] = json!(word);
        document["triggerWord"] = json!(word);
    }
    match outcome {
        Outcome::ScriptThrew => {
            // The script that threw was switched off after this run; the snapshot still has it.
            snapshot["scriptEnabled"] = json!(true);
            snapshot["script"] = json!(THROWING_SCRIPT);
            document["step"] = json!("after-prepare-no-opts");
            document["finished"] = json!(true);
            document["error"] = json!(true);
            // `err.stack` with every line indented by two spaces, as the script engine writes it.
            document["errorStack"] = json!(SCRIPT_STACK);
        }
        Outcome::Replied | Outcome::ServerError | Outcome::NotFound => {
            document["url"] = integration["urls"][0].clone();
            document["httpCallData"] = data.clone();
            let (step, body) = match outcome {
                Outcome::ServerError => ("after-process-http-status-500", "Internal Server Error".to_owned()),
                Outcome::NotFound => ("failed-and-not-configured-to-retry", "Not Found".to_owned()),
                _ => ("url-response-sent-message", json!({ "text": format!("Done: {text}") }).to_string()),
            };
            document["step"] = json!(step);
            // `JSON.stringify` of the body text, so a string inside a string.
            document["httpResult"] = json!(json!(body).to_string());
            if outcome == Outcome::Replied {
                document["finished"] = json!(true);
            } else {
                document["error"] = json!(true);
            }
        }
    }
    document["integration"] = snapshot;
    document["data"] = data;
    document
}

const THROWING_SCRIPT: &str = "class Script {\n  prepare_outgoing_request({ request }) {\n    return { url: request.url, method: 'POST', data: { q: request.data.message.msg } };\n  }\n}\n";

const SCRIPT_STACK: &str = "  TypeError: Cannot read properties of undefined (reading 'msg')\n      at Script.prepare_outgoing_request (script.js:3:74)";

#[cfg(test)]
mod tests {
    use super::{Activity, DAY_MS, MINUTE_MS, runs};
    use crate::clock::iso8601;
    use crate::data::rocket_chat::Store;
    use serde_json::Value;

    const NOW_MS: u64 = 1_796_000_000_000;

    fn seeded(name: &str, activity: Activity) -> Vec<Value> {
        let store = Store::defaults();
        let integration = store.integrations.iter().find(|i| i["name"] == name).expect("seeded");
        runs(integration, activity, NOW_MS)
    }

    /// ISO dates of one spelling sort as the instants do.
    fn newest(runs: &[Value]) -> &str {
        runs[0]["_createdAt"].as_str().expect("date")
    }

    #[test]
    fn activities_date_runs_back_from_now_newest_first() {
        let busy = seeded("Giphy bot", Activity::Busy);
        assert_eq!(busy.len(), 14);
        assert!(newest(&busy) > iso8601(NOW_MS - 3 * 60 * MINUTE_MS).as_str());
        assert!(
            busy.last().is_some_and(|run| run["_createdAt"].as_str() < Some(iso8601(NOW_MS - 100 * DAY_MS).as_str()))
        );
        assert!(busy.windows(2).all(|pair| pair[0]["_createdAt"].as_str() > pair[1]["_createdAt"].as_str()));

        let idle = seeded("Standup reminder", Activity::Idle);
        assert!(newest(&idle) < iso8601(NOW_MS - 120 * DAY_MS).as_str());
        assert!(newest(&idle) > iso8601(NOW_MS - 121 * DAY_MS).as_str());

        let failing = seeded("Translate bot", Activity::Failing);
        assert_eq!(
            (&failing[0]["error"], &failing[0]["step"]),
            (&Value::Bool(true), &Value::from("after-process-http-status-500"))
        );
        assert!(failing[0].get("finished").is_none(), "the server writes no `finished` on a failed call");
        assert!(failing.iter().any(|run| run["errorStack"].is_string()));

        assert!(seeded("CRM sync", Activity::Silent).is_empty());
        assert!(seeded("GitHub pushes", Activity::Busy).is_empty(), "incoming integrations never run");
    }

    #[test]
    fn each_run_carries_the_integration_and_its_token_in_data() {
        let store = Store::defaults();
        let integration = store.integrations.iter().find(|i| i["name"] == "Giphy bot").expect("seeded");
        for run in runs(integration, Activity::Busy, NOW_MS) {
            assert_eq!(run["data"]["token"], integration["token"]);
            assert_eq!(run["integration"]["_id"], integration["_id"]);
            assert_eq!(run["triggerWord"], "!gif");
            assert_eq!(run["type"], "outgoing-webhook");
        }
        assert_eq!(runs(integration, Activity::Busy, NOW_MS), runs(integration, Activity::Busy, NOW_MS));
    }
}
