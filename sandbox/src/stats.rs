//! Per-platform counters read at `GET /__sandbox/stats`: API requests answered and 429s sent, so a
//! benchmark can tell how often a client ran into the rate limits.

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

    pub fn clear(&self) {
        for counter in self.requests.iter().chain(&self.rate_limited) {
            counter.store(0, Ordering::Relaxed);
        }
    }

    /// `{"rateLimited": {"rocketchat": n, "ryze": n, "altegio": n}, "requests": {...}}`.
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
        json!({
            "rateLimited": by_platform(&self.rate_limited),
            "requests": by_platform(&self.requests),
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
        assert_eq!(
            stats.to_json(),
            json!({
                "rateLimited": {"rocketchat": 0, "ryze": 1, "altegio": 0},
                "requests": {"rocketchat": 0, "ryze": 2, "altegio": 1},
            })
        );
        stats.clear();
        assert_eq!(stats.to_json()["requests"]["ryze"], 0);
    }
}
