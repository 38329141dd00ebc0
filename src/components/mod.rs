//! Reusable pieces of the console.

pub mod card;
pub mod confirm_dialog;
pub mod outcome;
