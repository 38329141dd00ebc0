//! Everything a running sandbox remembers, shared by all connection threads.

use std::sync::{Arc, Mutex};

use crate::config::Config;
use crate::data::{Data, Seed};
use crate::faults::Faults;
pub use crate::lock::lock;
use crate::rate_limit::RateLimiter;
use crate::stats::Stats;
use crate::webhook::WebhookLog;

#[derive(Debug)]
pub struct Sandbox {
    pub config: Config,
    pub allowed_origins: Vec<String>,
    seed: Seed,
    pub data: Mutex<Data>,
    pub faults: Mutex<Faults>,
    pub limiter: Mutex<RateLimiter>,
    /// Requests and 429s per platform, for `/__sandbox/stats`.
    pub stats: Stats,
    /// Shared with the threads that deliver webhooks after the response has gone.
    pub webhooks: Arc<Mutex<WebhookLog>>,
}

impl Sandbox {
    pub fn new(config: Config, allowed_origins: Vec<String>) -> Self {
        let seed = config.integrations.map_or(Seed::Default, Seed::Generated);
        Self {
            config,
            allowed_origins,
            seed,
            data: Mutex::new(Data::new(seed)),
            faults: Mutex::default(),
            limiter: Mutex::default(),
            stats: Stats::default(),
            webhooks: Arc::default(),
        }
    }

    /// Back to the starting data: no faults, no counters, no stats, no sessions, no webhook log.
    pub fn reset(&self) {
        *lock(&self.data) = Data::new(self.seed);
        lock(&self.faults).clear();
        lock(&self.limiter).clear();
        self.stats.clear();
        lock(&self.webhooks).clear();
    }
}
