//! Per-platform counters read at `GET /__sandbox/stats`: API requests answered and 429s sent, so a
//! benchmark can tell how often a client ran into the rate limits; and Rocket.Chat's
//! `integrations.update` calls and their 400s, so a test can tell that no update was refused.

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{Map, Value, json};

use crate::http::Outcome;
use crate::platform::Platform;

#[derive(Debug, Default)]
pub struct Stats {
    /// Every platform request except preflights, whatever its answer (faults and refusals too).
    requests: [AtomicU64; Platform::ALL.len()],
    /// Of those, the ones answered `429 Too Many Requests`.
    rate_limited: [AtomicU64; Platform::ALL.len()],
    /// `PUT integrations.update` calls that reached Rocket.Chat's handler (past sign-in and the
    /// rate limit), and of those the ones answered 400.
    updates: AtomicU64,
    updates_refused: AtomicU64,
}

impl Stats {
    /// Counts one answered platform request.
    pub fn record(&self, platform: Platform, outcome: &Outcome) {
        let index = platform.index();
        self.requests[index].fetch_add(1, Ordering::Relaxed);
        if outcome.status() == Some(429) {
            self.rate_limited[index].fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Counts one answered Rocket.Chat update.
    pub fn record_update(&self, status: u16) {
        self.updates.fetch_add(1, Ordering::Relaxed);
        if status == 400 {
            self.updates_refused.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub fn clear(&self) {
        let updates = [&self.updates, &self.updates_refused];
        for counter in self.requests.iter().chain(&self.rate_limited).chain(updates) {
            counter.store(0, Ordering::Relaxed);
        }
    }

    /// `{"rateLimited": {"rocketchat": n, "ryze": n, "altegio": n}, "requests": {...}, "updates":
    /// {"rocketchat": n}, "updatesRefused": {"rocketchat": n}}`: only Rocket.Chat has an update.
    pub fn to_json(&self) -> Value {
        let by_platform = |counters: &[AtomicU64]| {
            Platform::ALL
                .into_iter()
                .map(|platform| {
                    let count = counters[platform.index()].load(Ordering::Relaxed);
                    (platform.name().to_owned(), json!(count))
                })
                .collect::<Map<String, Value>>()
        };
        let rocket_chat = |counter: &AtomicU64| json!({ Platform::RocketChat.name(): counter.load(Ordering::Relaxed) });
        json!({
            "rateLimited": by_platform(&self.rate_limited),
            "requests": by_platform(&self.requests),
            "updates": rocket_chat(&self.updates),
            "updatesRefused": rocket_chat(&self.updates_refused),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Stats;
    use crate::http::{Outcome, Response};
    use crate::platform::Platform;
    use serde_json::json;

    #[test]
    fn counts_requests_and_429s_per_platform_until_cleared() {
        let stats = Stats::default();
        stats.record(Platform::Ryze, &Outcome::Respond(Response::empty(200)));
        stats.record(Platform::Ryze, &Outcome::Respond(Response::empty(429)));
        stats.record(Platform::Altegio, &Outcome::Drop);
        stats.record_update(200);
        stats.record_update(400);
        assert_eq!(
            stats.to_json(),
            json!({
                "rateLimited": {"rocketchat": 0, "ryze": 1, "altegio": 0},
                "requests": {"rocketchat": 0, "ryze": 2, "altegio": 1},
                "updates": {"rocketchat": 2},
                "updatesRefused": {"rocketchat": 1},
            })
        );
        stats.clear();
        assert_eq!(stats.to_json()["requests"]["ryze"], 0);
        assert_eq!(stats.to_json()["updatesRefused"]["rocketchat"], 0);
    }
}
