//! Disconnecting many integrations at once, paced under each platform's rate limit.

pub mod plan;
pub mod queue;
pub mod receipt;
pub mod tab_lock;
pub mod undo;
