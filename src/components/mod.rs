//! Reusable pieces of the console.

pub mod actions;
pub mod card;
pub mod confirm_dialog;
pub mod copy_button;
pub mod detail_panel;
pub mod download;
pub mod element_id;
pub mod last_activity;
pub mod modal;
pub mod outcome;
pub mod undo;
