//! The undo window: a confirmed Disconnect (one card, or a whole run) waits before its first
//! request, and Undo within the wait keeps everything as it was. Nothing is stored: closing
//! the tab during the window sends nothing.

use crate::time::{now_ms, sleep};

/// How often a waiting disconnect looks whether it was undone.
const POLL_MS: f64 = 200.0;

/// config.json's `undoSeconds`, in milliseconds; 0 sends at once.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UndoWindow {
    ms: f64,
}

impl UndoWindow {
    pub fn from_seconds(seconds: f64) -> Self {
        Self { ms: (seconds * 1000.0).max(0.0) }
    }

    /// When a window opened now closes; `None` when there is no window.
    pub fn ends_at(self) -> Option<u64> {
        (self.ms > 0.0).then(|| (now_ms() + self.ms) as u64)
    }

    pub fn seconds(self) -> u64 {
        (self.ms / 1000.0).ceil() as u64
    }
}

/// Whole seconds left until `ends_at_ms`, counted up, so the count shows 10 … 1 and never 0.
pub fn seconds_left(ends_at_ms: u64, now_ms: f64) -> u64 {
    ((ends_at_ms as f64 - now_ms).max(0.0) / 1000.0).ceil() as u64
}

/// Waits until `ends_at_ms` while `still_open()` holds: `true` when the window ran out (send
/// now), `false` when it was undone.
pub async fn wait_out(ends_at_ms: u64, still_open: impl Fn() -> bool) -> bool {
    loop {
        if !still_open() {
            return false;
        }
        let left = ends_at_ms as f64 - now_ms();
        if left <= 0.0 {
            return true;
        }
        sleep(left.min(POLL_MS)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_goes_from_the_whole_window_down_to_one() {
        assert_eq!(seconds_left(10_000, 0.0), 10);
        assert_eq!(seconds_left(10_000, 1.0), 10);
        assert_eq!(seconds_left(10_000, 9_001.0), 1);
        assert_eq!(seconds_left(10_000, 10_000.0), 0);
        assert_eq!(seconds_left(10_000, 12_000.0), 0);
    }

    #[test]
    fn a_window_of_zero_is_none() {
        assert_eq!(UndoWindow::from_seconds(0.0).seconds(), 0);
        assert_eq!(UndoWindow::from_seconds(2.5).seconds(), 3);
    }
}
