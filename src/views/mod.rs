//! Whole views of the console.

pub mod activity;
pub mod connections;
pub mod console;
pub mod inventory;
pub mod windowed;
