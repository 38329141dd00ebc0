//! Fixed-window request counters, keyed however each platform documents its limit.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::clock;

#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: HashMap<String, Window>,
}

#[derive(Debug)]
struct Window {
    started: Instant,
    calls: u32,
}

/// The counter after one call, ready to be turned into headers.
#[derive(Debug, Clone, Copy)]
pub struct Verdict {
    pub limit: u32,
    pub remaining: u32,
    /// Time until the window restarts.
    pub reset_in: Duration,
    pub allowed: bool,
}

impl Verdict {
    /// When the window restarts, in milliseconds since the epoch.
    pub fn reset_epoch_ms(&self) -> u64 {
        clock::epoch_ms_after(self.reset_in)
    }

    /// The three `X-RateLimit-*` headers; each platform spells the reset instant its own way.
    pub fn headers(&self, reset: u64) -> Vec<(String, String)> {
        vec![
            ("X-RateLimit-Limit".to_owned(), self.limit.to_string()),
            ("X-RateLimit-Remaining".to_owned(), self.remaining.to_string()),
            ("X-RateLimit-Reset".to_owned(), reset.to_string()),
        ]
    }

    /// Whole seconds to wait, rounded up as both platforms do.
    pub fn wait_seconds(&self) -> u64 {
        self.reset_in.as_millis().div_ceil(1000).try_into().unwrap_or(u64::MAX)
    }
}

impl RateLimiter {
    /// Counts one call against `key`; the window starts at the key's first call.
    pub fn hit(&mut self, key: String, limit: u32, window: Duration) -> Verdict {
        let now = Instant::now();
        let entry = self.windows.entry(key).or_insert(Window { started: now, calls: 0 });
        if now.duration_since(entry.started) >= window {
            *entry = Window { started: now, calls: 0 };
        }
        entry.calls = entry.calls.saturating_add(1);
        Verdict {
            limit,
            remaining: limit.saturating_sub(entry.calls),
            reset_in: window.saturating_sub(now.duration_since(entry.started)),
            allowed: entry.calls <= limit,
        }
    }

    pub fn clear(&mut self) {
        self.windows.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::RateLimiter;
    use std::time::Duration;

    #[test]
    fn refuses_after_the_limit_and_recovers_in_a_new_window() {
        let mut limiter = RateLimiter::default();
        let window = Duration::from_millis(50);
        let verdicts: Vec<_> = (0..3).map(|_| limiter.hit("k".into(), 2, window)).collect();
        assert_eq!(verdicts.iter().map(|v| v.allowed).collect::<Vec<_>>(), [true, true, false]);
        assert_eq!(verdicts[0].remaining, 1);
        assert_eq!(verdicts[2].remaining, 0);
        assert!(limiter.hit("other".into(), 2, window).allowed);
        std::thread::sleep(window);
        assert!(limiter.hit("k".into(), 2, window).allowed);
    }
}
