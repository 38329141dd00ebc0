//! Whole views of the console.

pub mod connections;
pub mod console;
