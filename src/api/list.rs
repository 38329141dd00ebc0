//! What every paged list shares: a bound on pages, waiting out a 429 and pacing after it, and
//! the failures a list can end with.

use serde::de::DeserializeOwned;

use super::call::{CallError, Exchange};
use super::decode::ReadEnvelope;
use super::error::Failure;
use super::http::HttpRequest;
use super::pacing::Pacer;
use super::provider::{ListProgress, Server};
use crate::config::RateLimit;
use crate::time::{now_ms, sleep};

/// No list reads more pages than this, whatever the server answers.
pub const MAX_PAGES: usize = 1_000;

pub use super::decode::MAX_RATE_LIMIT_WAIT_SECS;

/// A list, or an item of a bulk run, that meets this many 429s in a row gives up with the last.
pub const MAX_RATE_LIMITS_IN_A_ROW: u32 = 5;

/// Counts pages and ends a list that would not end.
#[derive(Debug, Default)]
pub struct PageGuard {
    pages: usize,
}

impl PageGuard {
    pub fn count_one(&mut self) -> Result<(), CallError> {
        self.pages += 1;
        if self.pages > MAX_PAGES {
            return Err(CallError::before_sending(Failure::UnexpectedShape {
                status: 0,
                detail: format!("the list did not end after {MAX_PAGES} pages"),
            }));
        }
        Ok(())
    }
}

/// List reads that go as fast as the server answers until it answers 429; then they wait the
/// time it gives (capped) and keep `limit`'s pace from there on.
#[derive(Debug)]
pub struct Paced {
    limit: RateLimit,
    pacer: Option<Pacer>,
    limited_in_a_row: u32,
}

impl Paced {
    pub fn after_rate_limit(limit: RateLimit) -> Self {
        Self { limit, pacer: None, limited_in_a_row: 0 }
    }

    /// Sends one page's request. `Ok(None)` after a 429 that was waited out: send it again.
    pub async fn call<T: DeserializeOwned>(
        &mut self,
        server: Server<'_>,
        request: HttpRequest,
        read_envelope: ReadEnvelope,
        read: usize,
        progress: &dyn Fn(ListProgress),
    ) -> Result<Option<(T, Exchange)>, CallError> {
        if let Some(pacer) = &mut self.pacer {
            loop {
                let delay = pacer.delay(now_ms());
                if delay <= 0.0 {
                    break;
                }
                sleep(delay).await;
            }
            pacer.record(now_ms());
        }
        match server.call::<T>(request, read_envelope).await {
            Ok(answer) => {
                self.limited_in_a_row = 0;
                Ok(Some(answer))
            }
            Err(CallError { failure: Failure::RateLimited { wait_secs, .. }, .. })
                if self.limited_in_a_row + 1 < MAX_RATE_LIMITS_IN_A_ROW =>
            {
                self.limited_in_a_row += 1;
                let window_secs = u16::try_from(self.limit.per_ms.div_ceil(1000)).unwrap_or(u16::MAX);
                let secs = wait_secs.unwrap_or(window_secs).min(MAX_RATE_LIMIT_WAIT_SECS);
                progress(ListProgress { read, total: None, waiting_secs: Some(secs.into()) });
                sleep(secs as f64 * 1000.0).await;
                self.pacer.get_or_insert_with(|| Pacer::new(self.limit));
                Ok(None)
            }
            Err(error) => Err(error),
        }
    }
}

/// A list whose pages ran out before its total.
pub fn cut_short(exchange: Exchange, received: usize, total: u64) -> CallError {
    CallError {
        failure: Failure::UnexpectedShape {
            status: exchange.status.unwrap_or_default(),
            detail: format!("the list stopped after {received} of {total} items"),
        },
        exchange,
    }
}

/// A 2xx answer whose `success` is not true: not the documented success, whatever the status.
pub fn not_success(exchange: Exchange) -> CallError {
    CallError {
        failure: Failure::UnexpectedShape {
            status: exchange.status.unwrap_or_default(),
            detail: "`success` is not true".into(),
        },
        exchange,
    }
}
