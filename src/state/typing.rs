//! When the person last typed in Search or Inactive-days. Background updates that sort and
//! filter every card again (completed statuses) wait for a pause in typing, so that their long
//! task (about 50 ms at 50,000 cards) does not land on a keystroke.

use std::cell::Cell;

use crate::time::now_ms;

/// A pause this long ends typing.
const PAUSE_MS: f64 = 600.0;

thread_local! {
    static LAST_KEY_MS: Cell<f64> = const { Cell::new(f64::NEG_INFINITY) };
}

/// Called on every input event of the Search and Inactive-days boxes.
pub fn note_key() {
    LAST_KEY_MS.with(|last| last.set(now_ms()));
}

/// Whether the person is typing: a key within the last [`PAUSE_MS`].
pub fn is_typing() -> bool {
    LAST_KEY_MS.with(|last| now_ms() - last.get() < PAUSE_MS)
}
