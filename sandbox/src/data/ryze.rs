//! RyzeAPI instances and their Chatwoot integrations.

use serde_json::{Value, json};

use crate::clock;

/// Covers every instance of the account.
pub const ACCOUNT_TOKEN: &str = "sandbox-account-token";
/// Owns a single instance (`suporte` in the default data).
pub const INSTANCE_TOKEN: &str = "sandbox-instance-token";

/// Our choice of list item shape; the default `suporte` instance is this item exactly.
const LIST_FIXTURE: &str = fixture!("ryze/instance_list.json");
/// The documented `GET /api/chatwoot/list/suporte` answer; other instances are variations of it.
const INFO_FIXTURE: &str = fixture!("ryze/chatwoot_info.json");

#[derive(Debug)]
pub struct Instance {
    /// The `/api/instance/list` item without its `chatwoot` summary (derived from `chatwoot`).
    pub summary: Value,
    /// The `/api/chatwoot/list/:instance` body; `None` once deactivated or never set.
    pub chatwoot: Option<Value>,
    /// Delete answers 503 `integration gateway not configured`, as when the bridge is off.
    pub gateway_down: bool,
}

impl Instance {
    pub fn name(&self) -> &str {
        self.summary["instanceName"].as_str().unwrap_or_default()
    }
}

#[derive(Debug)]
pub struct Store {
    pub instances: Vec<Instance>,
    /// The instance that `INSTANCE_TOKEN` owns.
    pub instance_token_owner: String,
}

impl Store {
    pub fn defaults() -> Self {
        let suporte =
            Instance { summary: documented_summary(), chatwoot: Some(documented_info()), gateway_down: false };
        let instances = vec![
            suporte,
            Instance {
                summary: summary("vendas", "connected", 2, "Vendas Orion"),
                chatwoot: Some(info("vendas", "paused", 43, "")),
                gateway_down: false,
            },
            Instance {
                summary: summary("financeiro", "disconnected", 3, "Financeiro Orion"),
                chatwoot: Some(info(
                    "financeiro",
                    "error",
                    44,
                    "Chatwoot rejected the API token — verify chatwootApiToken. Detail: 401 Unauthorized",
                )),
                gateway_down: false,
            },
            Instance {
                summary: summary("marketing", "connected", 4, "Marketing Orion"),
                chatwoot: Some(info("marketing", "active", 45, "")),
                gateway_down: true,
            },
            Instance {
                summary: summary("sem-chatwoot", "connecting", 5, "Orion Sem Chatwoot"),
                chatwoot: None,
                gateway_down: false,
            },
        ];
        Self { instances, instance_token_owner: "suporte".to_owned() }
    }

    /// `count` instances `instance-0001`..., each with a Chatwoot integration, statuses rotating.
    pub fn generated(count: usize) -> Self {
        const STATES: [&str; 3] = ["connected", "connecting", "disconnected"];
        const STATUSES: [&str; 3] = ["active", "paused", "error"];
        let instances: Vec<Instance> = (0..count)
            .map(|index| {
                let name = format!("instance-{:04}", index + 1);
                let status = STATUSES[index % 3];
                let last_error = if status == "error" {
                    "Chatwoot account or endpoint not found — verify chatwootBaseUrl and chatwootAccountId. Detail: 404"
                } else {
                    ""
                };
                Instance {
                    summary: summary(&name, STATES[index / 3 % 3], index + 1, &name),
                    chatwoot: Some(info(&name, status, 100 + index, last_error)),
                    gateway_down: false,
                }
            })
            .collect();
        let instance_token_owner = instances.first().map(|instance| instance.name().to_owned()).unwrap_or_default();
        Self { instances, instance_token_owner }
    }
}

fn documented_summary() -> Value {
    let list = crate::parse_fixture(LIST_FIXTURE);
    let mut item = list["data"][0].clone();
    if let Some(object) = item.as_object_mut() {
        object.remove("chatwoot");
    }
    item
}

fn documented_info() -> Value {
    crate::parse_fixture(INFO_FIXTURE)
}

/// A list item like the documented one, for another instance and connection state.
fn summary(name: &str, state: &str, number: usize, profile_name: &str) -> Value {
    let connected = state == "connected";
    let mut item = documented_summary();
    item["instanceName"] = json!(name);
    item["connection"] = json!({
        "state": state,
        "numberJid": connected.then(|| format!("55119999900{number:02}@s.whatsapp.net")),
        "presenceStatus": if connected { "available" } else { "unavailable" },
        "displayStatus": capitalised(state),
    });
    item["profile"]["name"] = json!(profile_name);
    item["profile"]["pictureUrl"] = json!(format!("https://pps.whatsapp.net/v/t61/{name}.jpg"));
    item
}

/// A Chatwoot integration like the documented one, with its own inbox and status.
fn info(name: &str, status: &str, inbox_id: usize, last_error: &str) -> Value {
    let mut info = documented_info();
    info["instance_name"] = json!(name);
    info["status"] = json!(status);
    info["bridge_integration_id"] = json!(format!("int_{name}"));
    info["chatwoot_api_token"] = json!(format!("sk_live_{inbox_id}abc..."));
    info["chatwoot_inbox_id"] = json!(inbox_id);
    info["chatwoot_inbox_name"] = json!(format!("WhatsApp - {}", capitalised(name)));
    info["last_error"] = json!(last_error);
    let created_ms = 1_776_680_130_000 + 86_400_000 * u64::try_from(inbox_id).unwrap_or(0);
    let created_at = clock::iso8601(created_ms);
    // RyzeAPI writes second precision: 2026-04-20T10:15:30Z.
    info["created_at"] = json!(format!("{}Z", &created_at[..19]));
    info
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
