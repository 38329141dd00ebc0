//! Altegio locations ("salons" on the wire) where the partner's application is connected.

use serde_json::{Value, json};

use crate::clock;

pub const PARTNER_TOKEN: &str = "sandbox-partner-token";
/// The only application the sandbox's partner token owns.
pub const APPLICATION_ID: u64 = 1;

/// The documented first item of the location list: location 1050 is this item exactly.
const SALONS_FIXTURE: &str = fixture!("altegio/salons_ok.json");
/// The documented status answer: location 1050's status is this `data` exactly.
const STATUS_FIXTURE: &str = fixture!("altegio/status_ok.json");

#[derive(Debug)]
pub struct Location {
    pub id: u64,
    /// The object listed by `/marketplace/application/{app}/salons`.
    pub salon: Value,
    /// The `data` of the status call: `logs`, `payments`, `connection_status`.
    pub status: Value,
}

impl Location {
    pub fn state(&self) -> &str {
        self.status["connection_status"]["status"].as_str().unwrap_or_default()
    }

    /// Uninstalled locations are kept (their log survives) but no longer listed or reachable.
    pub fn connected(&self) -> bool {
        self.state() != "uninstalled"
    }
}

#[derive(Debug)]
pub struct Store {
    pub locations: Vec<Location>,
}

impl Store {
    pub fn defaults() -> Self {
        let salons = crate::parse_fixture(SALONS_FIXTURE);
        let status = crate::parse_fixture(STATUS_FIXTURE);
        let la_visage = Location { id: 1050, salon: salons["data"][0].clone(), status: status["data"].clone() };
        Self {
            locations: vec![
                la_visage,
                location(1051, "Barber Bros", "Chicago", -6, "America/Chicago", "pending", 0),
                location(1052, "Nail Studio Luna", "Miami", -5, "America/New_York", "freezed", 1),
                location(1053, "Serenity Spa", "Los Angeles", -8, "America/Los_Angeles", "active", 2),
            ],
        }
    }

    /// `count` locations from id 20001, statuses rotating through active, pending, freezed.
    pub fn generated(count: usize) -> Self {
        const STATES: [&str; 3] = ["active", "pending", "freezed"];
        let locations = (0..count)
            .map(|index| {
                let id = 20_001 + u64::try_from(index).unwrap_or(u64::MAX - 20_001);
                let title = format!("Location {:04}", index + 1);
                location(id, &title, "New York", -5, "America/New_York", STATES[index % 3], index)
            })
            .collect();
        Self { locations }
    }
}

fn location(id: u64, title: &str, city: &str, timezone: i32, timezone_name: &str, state: &str, age: usize) -> Location {
    let salons = crate::parse_fixture(SALONS_FIXTURE);
    let mut salon = salons["data"][0].clone();
    salon["id"] = json!(id);
    salon["title"] = json!(title);
    salon["public_title"] = json!(title);
    salon["short_descr"] = json!("Beauty saloon");
    salon["phone"] = json!(format!("+1315555{:04}", id % 10_000));
    salon["city"] = json!(city);
    salon["timezone"] = json!(timezone);
    salon["timezone_name"] = json!(timezone_name);
    salon["address"] = json!(format!("{city}, {} Main Street", 100 + id % 900));
    Location { id, salon, status: status_history(id, state, age) }
}

/// The log a location in `state` would have: installed, activated, then frozen for non-payment.
fn status_history(id: u64, state: &str, age: usize) -> Value {
    const DAY_MS: u64 = 86_400_000;
    let installed_ms = 1_735_725_600_000 + DAY_MS * u64::try_from(age).unwrap_or(0); // 2025-01-01
    let at = |offset_ms: u64| clock::altegio_datetime(installed_ms + offset_ms);
    let entry = |offset_ms, from: &str, to: &str, source: &str| json!({"changed_at": at(offset_ms), "status_from": from, "status_to": to, "source": source});
    let mut logs = vec![entry(0, "uninstalled", "pending", "marketplace")];
    let mut payments = Vec::new();
    if state != "pending" {
        logs.push(entry(120_000, "pending", "active", "partner_api"));
        payments.push(json!({
            "id": id * 10 + 1,
            "payment_sum": 49.0,
            "payment_date": at(120_000),
            "is_refunded": false,
            "period_from": clock::altegio_datetime(installed_ms - installed_ms % DAY_MS),
            "period_to": clock::altegio_datetime(installed_ms - installed_ms % DAY_MS + 30 * DAY_MS),
        }));
    }
    if state == "freezed" {
        logs.push(entry(31 * DAY_MS, "active", "freezed", "marketplace"));
    }
    json!({
        "logs": logs,
        "payments": payments,
        "connection_status": { "status": state, "created_at": at(0) },
    })
}
