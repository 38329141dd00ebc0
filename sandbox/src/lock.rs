//! Locking shared state without giving up after a panic.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Locks even after a handler thread panicked: the sandbox keeps serving what state it has.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
