//! Keeping a connection's requests under its platform's rate limit, and backing off after a 429.
//! Pure arithmetic over millisecond timestamps, so it is tested natively.
//!
//! Two ways to keep the pace. Where the platform's answers let the page read
//! `X-RateLimit-Remaining` and `X-RateLimit-Reset` (RyzeAPI by default; Rocket.Chat only behind a
//! same-origin proxy, or a proxy that exposes them), the pacer follows them to the limit: while
//! the window has room it sends, at zero it waits until the reset. Elsewhere (Altegio, which sends
//! none, and Rocket.Chat's own CORS, which exposes none) a sliding log of what was sent keeps every
//! window of the limit, plus a small margin, within the allowed count.

use std::collections::VecDeque;

use crate::config::RateLimit;
use crate::slim::parse_f64;

/// Extra spacing after a window ends before the next request goes: what separates the moment a
/// request leaves here from the moment the server counts it (network jitter), and the server's
/// clock from this one when it names the reset instant. A fixed time, not a share of the
/// window: the jitter does not grow with the window.
pub const MARGIN_MS: f64 = 100.0;

/// Longest wait a backoff without any hint from the platform grows to.
const MAX_BACKOFF_MS: f64 = 60_000.0;

/// The furthest reset a pacer believes: a window ending later than this (ten minutes, the
/// longest 429 wait taken too) is a sign the headers mean something else, and are not followed.
const FURTHEST_RESET_MS: f64 = 600_000.0;

/// What one answer's `X-RateLimit-Remaining` and `X-RateLimit-Reset` said, where the page could
/// read both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimitHeaders {
    /// Requests the server's window still allows after the answered one.
    pub remaining: u32,
    /// When the window restarts, in milliseconds since the epoch on the server's clock.
    pub reset_at_ms: u64,
}

impl RateLimitHeaders {
    /// Reads the two header values as the page received them; `None` when either is missing
    /// or not a number. Whether the reset is believable is the pacer's to judge.
    pub fn read(remaining: Option<&str>, reset: Option<&str>) -> Option<Self> {
        let remaining = remaining?.trim().parse::<u32>().ok()?;
        let reset = parse_f64(reset?.trim()).filter(|reset| reset.is_finite() && *reset >= 0.0)?;
        Some(Self { remaining, reset_at_ms: reset_instant_ms(reset) as u64 })
    }
}

/// A reset header's instant in epoch milliseconds: Rocket.Chat writes epoch milliseconds
/// (`new Date().getTime() + timeToReset`), RyzeAPI epoch seconds.
pub fn reset_instant_ms(reset: f64) -> f64 {
    if reset > 1e11 { reset } else { reset * 1000.0 }
}

/// The platform's last word on its window, and which request it answered.
#[derive(Clone, Copy, Debug)]
struct Following {
    /// The number of the answered request (see [`Pacer::record`]).
    answered: u64,
    headers: RateLimitHeaders,
}

/// Paces one connection (or one route of it). No window of `per_ms` (plus [`MARGIN_MS`]) ever
/// holds more than `requests`, whatever window the server counts in; while the platform's
/// headers are readable, they decide instead.
#[derive(Clone, Debug)]
pub struct Pacer {
    limit: RateLimit,
    /// When the last `requests` requests left, oldest first.
    sent: VecDeque<f64>,
    /// Requests recorded so far: the next one is number `recorded + 1`.
    recorded: u64,
    /// Requests sent after the one `following` answered, each with its number and time; the
    /// server counted them after the headers were written.
    unanswered: VecDeque<(u64, f64)>,
    /// The latest readable headers; `None` where the last answer carried none.
    following: Option<Following>,
    /// A 429 came although the headers said the window had room: this server's clock or count
    /// cannot be followed from here, and the sliding log decides for the rest of the session.
    headers_distrusted: bool,
    /// Set by a 429: nothing goes out before this.
    held_until: f64,
    /// 429s in a row without a wait from the platform.
    backoffs: u32,
}

impl Pacer {
    pub fn new(limit: RateLimit) -> Self {
        Pacer {
            limit,
            sent: VecDeque::new(),
            recorded: 0,
            unanswered: VecDeque::new(),
            following: None,
            headers_distrusted: false,
            held_until: 0.0,
            backoffs: 0,
        }
    }

    fn window_ms(&self) -> f64 {
        self.limit.per_ms as f64 + MARGIN_MS
    }

    /// Milliseconds to wait before the next request may go.
    pub fn delay(&self, now: f64) -> f64 {
        let hold = (self.held_until - now).max(0.0);
        hold.max(self.headers_delay(now).unwrap_or_else(|| self.log_delay(now)))
    }

    /// What the sliding log allows: the next request waits until the oldest of the last
    /// `requests` is a window (plus margin) old.
    fn log_delay(&self, now: f64) -> f64 {
        let full = self.sent.len() >= self.limit.requests as usize;
        match self.sent.front() {
            Some(oldest) if full => (oldest + self.window_ms() - now).max(0.0),
            _ => 0.0,
        }
    }

    /// What the platform's headers allow, while they are followed: `None` leaves it to the log.
    fn headers_delay(&self, now: f64) -> Option<f64> {
        let following = self.following.filter(|_| !self.headers_distrusted)?;
        let reset = following.headers.reset_at_ms as f64 + MARGIN_MS;
        if now < reset {
            // Within the window the headers describe: what they left, less what went since.
            let room = u64::from(following.headers.remaining) > self.unanswered.len() as u64;
            return Some(if room { 0.0 } else { reset - now });
        }
        // The window has restarted with its whole allowance: one request goes and its answer
        // tells the new count. Should more go before an answer comes (the answer had no
        // headers, or went elsewhere), the log decides.
        let since_reset = self.unanswered.iter().filter(|(_, at)| *at >= reset).count();
        (since_reset == 0).then_some(0.0)
    }

    /// Notes a request sent at `now`, and returns its number, for [`Pacer::answered`].
    pub fn record(&mut self, now: f64) -> u64 {
        let window = self.window_ms();
        while self.sent.front().is_some_and(|at| now - at >= window) {
            self.sent.pop_front();
        }
        // Only the last `requests` sends decide the next slot.
        while self.sent.len() >= self.limit.requests as usize {
            self.sent.pop_front();
        }
        self.sent.push_back(now);
        self.recorded += 1;
        self.unanswered.push_back((self.recorded, now));
        // Answers that never come (a request abandoned midway) must not hold this forever:
        // far more than a window's worth unanswered means the headers are stale.
        if self.unanswered.len() > 1_000 {
            self.unanswered.pop_front();
        }
        self.recorded
    }

    /// The answer to request number `request` came at `now`, with the platform's rate-limit
    /// headers where the page could read them. An answer older than the last one followed
    /// changes nothing; one without readable headers (or with a reset in the past or absurdly
    /// far) hands the pace back to the log.
    pub fn answered(&mut self, request: u64, headers: Option<RateLimitHeaders>, now: f64) {
        if self.following.is_some_and(|following| following.answered > request) {
            return;
        }
        while self.unanswered.front().is_some_and(|(number, _)| *number <= request) {
            self.unanswered.pop_front();
        }
        let believable = |headers: &RateLimitHeaders| {
            (now - 1_000.0..=now + FURTHEST_RESET_MS).contains(&(headers.reset_at_ms as f64))
        };
        self.following = headers.filter(believable).map(|headers| Following { answered: request, headers });
    }

    /// Whether the platform's headers decide the pace now (else the sliding log does).
    pub fn follows_headers(&self) -> bool {
        self.following.is_some() && !self.headers_distrusted
    }

    /// A request went through: the next 429 starts its backoff afresh.
    pub fn succeeded(&mut self) {
        self.backoffs = 0;
    }

    /// After a 429: hold for the platform's wait when it gave one, else for an exponential
    /// backoff with jitter (`random` in 0..1), and return how long. A 429 while the headers
    /// were followed means they cannot be: the log takes over.
    pub fn rate_limited(&mut self, now: f64, wait_secs: Option<u16>, random: f64) -> f64 {
        if self.follows_headers() {
            self.headers_distrusted = true;
        }
        let wait = match wait_secs {
            // The platform rounds its wait up to whole seconds already.
            Some(secs) => secs as f64 * 1000.0 + MARGIN_MS,
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
    fn the_margin_is_a_fixed_hundred_milliseconds_whatever_the_window() {
        // Ten per 10 s, 35 requests: four bursts, each a window and 100 ms after the last.
        let times = schedule(&mut Pacer::new(RateLimit { requests: 10, per_ms: 10_000 }), 35);
        assert_eq!(times[10], 10_100.0);
        assert_eq!(times[34], 3.0 * 10_100.0);
        // Against the 30 s the limit allows, 1 % more.
        assert!(times[34] / 30_000.0 <= 1.011);
    }

    /// A fixed-window limiter as Rocket.Chat's and RyzeAPI's (and the sandbox's): the window
    /// starts at the first call after the last one ended.
    struct Server {
        limit: u32,
        window_ms: f64,
        started: f64,
        calls: u32,
        refused: u32,
    }

    impl Server {
        fn new(limit: u32, window_ms: f64) -> Self {
            Server { limit, window_ms, started: f64::NEG_INFINITY, calls: 0, refused: 0 }
        }

        /// Counts a call arriving at `at`: the headers it answers with, or `None` for a 429.
        fn hit(&mut self, at: f64) -> (bool, RateLimitHeaders) {
            if at - self.started >= self.window_ms {
                self.started = at;
                self.calls = 0;
            }
            self.calls += 1;
            let allowed = self.calls <= self.limit;
            self.refused += u32::from(!allowed);
            let headers = RateLimitHeaders {
                remaining: self.limit.saturating_sub(self.calls),
                reset_at_ms: (self.started + self.window_ms) as u64,
            };
            (allowed, headers)
        }
    }

    /// One request after another, each sent when the pacer allows and answered `rtt` later, with
    /// its headers passed on when `readable`; returns when the last answer came.
    fn run(pacer: &mut Pacer, server: &mut Server, count: usize, rtt: f64, readable: bool) -> f64 {
        let mut now = 1_000_000.0;
        let mut done = 0;
        while done < count {
            now += pacer.delay(now);
            let number = pacer.record(now);
            let (allowed, headers) = server.hit(now + rtt / 2.0);
            now += rtt;
            if allowed {
                done += 1;
            } else {
                let wait = (headers.reset_at_ms as f64 - now).max(0.0) / 1000.0;
                pacer.rate_limited(now, Some(wait.ceil() as u16), 0.5);
            }
            pacer.answered(number, readable.then_some(headers), now);
        }
        now - 1_000_000.0
    }

    #[test]
    fn readable_headers_are_followed_to_the_limit_with_no_429() {
        let limit = RateLimit { requests: 10, per_ms: 10_000 };
        let mut server = Server::new(10, 10_000.0);
        let mut pacer = Pacer::new(limit);
        let took = run(&mut pacer, &mut server, 45, 20.0, true);
        assert_eq!(server.refused, 0);
        assert!(pacer.follows_headers());
        // Four waits for a reset, each a window after the window's first call plus the margin.
        assert!((40_000.0..=40_000.0 + 4.0 * (MARGIN_MS + 20.0) + 200.0).contains(&took), "{took}");
    }

    #[test]
    fn the_server_s_count_is_followed_where_it_differs_from_the_configured_limit() {
        // Configured 10 per window; the server allows 25, and says so.
        let mut pacer = Pacer::new(RateLimit { requests: 10, per_ms: 10_000 });
        let mut server = Server::new(25, 10_000.0);
        let took = run(&mut pacer, &mut server, 50, 10.0, true);
        assert_eq!(server.refused, 0);
        assert!(took < 11_000.0, "two windows of 25, not five of 10: {took}");
        // And one that allows fewer than configured is not run into.
        let mut pacer = Pacer::new(RateLimit { requests: 10, per_ms: 10_000 });
        let mut server = Server::new(4, 10_000.0);
        run(&mut pacer, &mut server, 12, 10.0, true);
        assert_eq!(server.refused, 0);
    }

    #[test]
    fn unreadable_headers_leave_the_log_in_charge_with_no_429() {
        let limit = RateLimit { requests: 10, per_ms: 10_000 };
        let mut server = Server::new(10, 10_000.0);
        let mut pacer = Pacer::new(limit);
        let took = run(&mut pacer, &mut server, 45, 20.0, false);
        assert_eq!(server.refused, 0);
        assert!(!pacer.follows_headers());
        assert!(took <= 4.0 * 10_100.0 + 200.0, "{took}");
    }

    #[test]
    fn remaining_gives_room_and_zero_waits_for_the_reset_plus_the_margin() {
        let mut pacer = Pacer::new(RateLimit { requests: 10, per_ms: 60_000 });
        let first = pacer.record(0.0);
        pacer.answered(first, Some(RateLimitHeaders { remaining: 1, reset_at_ms: 60_000 }), 50.0);
        assert_eq!(pacer.delay(50.0), 0.0);
        let second = pacer.record(50.0);
        assert_eq!(pacer.delay(60.0), 60_000.0 + MARGIN_MS - 60.0, "the one left went: wait for the reset");
        pacer.answered(second, Some(RateLimitHeaders { remaining: 0, reset_at_ms: 60_000 }), 100.0);
        assert_eq!(pacer.delay(100.0), 60_000.0 + MARGIN_MS - 100.0);
        // After the reset one request goes; while its answer is out, the log decides.
        assert_eq!(pacer.delay(60_100.0), 0.0);
        pacer.record(60_100.0);
        assert_eq!(pacer.delay(60_101.0), 0.0, "the log holds two of ten");
    }

    #[test]
    fn an_older_answer_changes_nothing_and_one_without_headers_hands_back_to_the_log() {
        let mut pacer = Pacer::new(RateLimit { requests: 2, per_ms: 60_000 });
        let first = pacer.record(0.0);
        let second = pacer.record(1.0);
        pacer.answered(second, Some(RateLimitHeaders { remaining: 5, reset_at_ms: 60_000 }), 10.0);
        pacer.answered(first, None, 20.0);
        assert!(pacer.follows_headers(), "the first answer is older than the one followed");
        assert_eq!(pacer.delay(20.0), 0.0, "five left, though the log is full");
        let third = pacer.record(20.0);
        pacer.answered(third, None, 30.0);
        assert!(!pacer.follows_headers());
        assert_eq!(pacer.delay(30.0), 1.0 + 60_000.0 + MARGIN_MS - 30.0, "the log: two within the window");
    }

    #[test]
    fn a_reset_in_the_past_or_too_far_is_not_followed() {
        let mut pacer = Pacer::new(RateLimit { requests: 10, per_ms: 60_000 });
        let now = 1_700_000_000_000.0;
        let request = pacer.record(now);
        pacer.answered(request, Some(RateLimitHeaders { remaining: 0, reset_at_ms: 1_000 }), now);
        assert!(!pacer.follows_headers());
        let request = pacer.record(now);
        let far = (now + 2.0 * FURTHEST_RESET_MS) as u64;
        pacer.answered(request, Some(RateLimitHeaders { remaining: 0, reset_at_ms: far }), now);
        assert!(!pacer.follows_headers());
        assert_eq!(pacer.delay(now), 0.0);
    }

    #[test]
    fn a_429_while_following_the_headers_gives_the_pace_to_the_log_for_good() {
        // The page's clock runs two seconds ahead of the server's: it sends before the reset.
        let mut pacer = Pacer::new(RateLimit { requests: 10, per_ms: 10_000 });
        let mut server = Server::new(10, 10_000.0);
        let skew = 2_000.0;
        let mut now = 0.0;
        let mut refused = 0;
        for _ in 0..30 {
            now += pacer.delay(now);
            let number = pacer.record(now);
            // The server's clock, and so the reset it names, is behind the page's.
            let (allowed, headers) = server.hit(now - skew);
            if !allowed {
                refused += 1;
                pacer.rate_limited(now, Some(10), 0.5);
            }
            pacer.answered(number, Some(headers), now + 10.0);
            now += 10.0;
        }
        assert!(!pacer.follows_headers());
        assert_eq!(refused, 1, "one 429 (sent before the real reset), then the log");
    }

    #[test]
    fn headers_are_read_in_each_platform_s_units() {
        let read = RateLimitHeaders::read;
        let at = |ms: u64| Some(RateLimitHeaders { remaining: 3, reset_at_ms: ms });
        assert_eq!(read(Some("3"), Some("1700000005000")), at(1_700_000_005_000), "Rocket.Chat: epoch ms");
        assert_eq!(read(Some(" 3 "), Some("1700000005")), at(1_700_000_005_000), "RyzeAPI: epoch s");
        for (remaining, reset) in
            [(None, Some("5")), (Some("3"), None), (Some("-1"), Some("5")), (Some("3"), Some("soon"))]
        {
            assert_eq!(read(remaining, reset), None, "{remaining:?} {reset:?}");
        }
        assert_eq!(read(Some("3"), Some("inf")), None);
        assert_eq!(read(Some("3"), Some("-5")), None);
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
