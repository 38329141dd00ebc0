//! Keeping a connection's requests under its platform's rate limit, and backing off after a 429.
//! Pure arithmetic over millisecond timestamps, so it is tested natively.

use std::collections::VecDeque;

use crate::config::RateLimit;

/// Extra spacing on top of the window, for the difference between when a request leaves
/// here and when the server counts it.
fn margin_ms(per_ms: u64) -> f64 {
    per_ms as f64 / 20.0 + 50.0
}

/// Longest wait a backoff without any hint from the platform grows to.
const MAX_BACKOFF_MS: f64 = 60_000.0;

/// A sliding log of what was sent: no window of `per_ms` (plus margin) ever holds more than
/// `requests`, whatever window the server counts in.
#[derive(Clone, Debug)]
pub struct Pacer {
    limit: RateLimit,
    sent: VecDeque<f64>,
    /// Set by a 429: nothing goes out before this.
    held_until: f64,
    /// 429s in a row without a wait from the platform.
    backoffs: u32,
}

impl Pacer {
    pub fn new(limit: RateLimit) -> Self {
        Pacer { limit, sent: VecDeque::new(), held_until: 0.0, backoffs: 0 }
    }

    fn window_ms(&self) -> f64 {
        self.limit.per_ms as f64 + margin_ms(self.limit.per_ms)
    }

    /// Milliseconds to wait before the next request may go.
    pub fn delay(&self, now: f64) -> f64 {
        let hold = (self.held_until - now).max(0.0);
        let full = self.sent.len() >= self.limit.requests as usize;
        let window = match self.sent.front() {
            Some(oldest) if full => (oldest + self.window_ms() - now).max(0.0),
            _ => 0.0,
        };
        hold.max(window)
    }

    /// Notes a request sent at `now`.
    pub fn record(&mut self, now: f64) {
        let window = self.window_ms();
        while self.sent.front().is_some_and(|at| now - at >= window) {
            self.sent.pop_front();
        }
        // Only the last `requests` sends decide the next slot.
        while self.sent.len() >= self.limit.requests as usize {
            self.sent.pop_front();
        }
        self.sent.push_back(now);
    }

    /// A request went through: the next 429 starts its backoff afresh.
    pub fn succeeded(&mut self) {
        self.backoffs = 0;
    }

    /// After a 429: hold for the platform's wait when it gave one, else for an exponential
    /// backoff with jitter (`random` in 0..1), and return how long.
    pub fn rate_limited(&mut self, now: f64, wait_secs: Option<u64>, random: f64) -> f64 {
        let wait = match wait_secs {
            // The platform rounds its wait up to whole seconds already.
            Some(secs) => secs as f64 * 1000.0 + 100.0,
            None => {
                let slot = self.window_ms() / f64::from(self.limit.requests.max(1));
                let base = slot.max(500.0) * 2f64.powi(self.backoffs.min(16) as i32);
                self.backoffs += 1;
                (base * (0.5 + random.clamp(0.0, 1.0))).min(MAX_BACKOFF_MS)
            }
        };
        self.held_until = self.held_until.max(now + wait);
        wait
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sends as fast as the pacer allows and returns the send times.
    fn schedule(pacer: &mut Pacer, count: usize) -> Vec<f64> {
        let mut now = 0.0;
        (0..count)
            .map(|_| {
                now += pacer.delay(now);
                pacer.record(now);
                now
            })
            .collect()
    }

    #[test]
    fn no_window_of_the_limit_ever_holds_more_than_allowed() {
        let limit = RateLimit { requests: 10, per_ms: 1_000 };
        let times = schedule(&mut Pacer::new(limit), 95);
        for (index, at) in times.iter().enumerate() {
            let in_window = times[index..].iter().take_while(|later| **later - at < 1_000.0).count();
            assert!(in_window <= 10, "{in_window} requests within 1 s of {at}");
        }
        // Bursts of ten, a window (plus margin) apart: 95 requests need nine more windows.
        assert_eq!(times[9], 0.0);
        assert_eq!(times[10], 1_100.0);
        assert_eq!(times[94], 9.0 * 1_100.0);
    }

    #[test]
    fn a_platform_wait_holds_every_request_until_it_passes() {
        let mut pacer = Pacer::new(RateLimit { requests: 100, per_ms: 60_000 });
        let waited = pacer.rate_limited(1_000.0, Some(3), 0.5);
        assert_eq!(waited, 3_100.0);
        assert_eq!(pacer.delay(1_000.0), waited);
        assert_eq!(pacer.delay(1_000.0 + waited), 0.0);
    }

    #[test]
    fn without_a_wait_the_backoff_grows_with_jitter_and_resets_on_success() {
        let mut pacer = Pacer::new(RateLimit { requests: 5, per_ms: 1_000 });
        let first = pacer.rate_limited(0.0, None, 0.5);
        let second = pacer.rate_limited(0.0, None, 0.5);
        assert_eq!(first, 500.0);
        assert_eq!(second, 1_000.0);
        assert_eq!(pacer.rate_limited(0.0, None, 0.0), 1_000.0, "jitter halves at worst");
        pacer.succeeded();
        assert_eq!(pacer.rate_limited(0.0, None, 1.0), 750.0, "and adds half at most");
        for _ in 0..30 {
            assert!(pacer.rate_limited(0.0, None, 1.0) <= MAX_BACKOFF_MS);
        }
    }
}
