//! Reusable pieces of the console.

pub mod actions;
pub mod card;
pub mod confirm_dialog;
pub mod copy_button;
pub mod detail_panel;
pub mod download;
pub mod element_id;
pub mod fields;
pub mod impact;
pub mod last_activity;
pub mod logo;
pub mod modal;
pub mod outcome;
pub mod receipt_buttons;
pub mod row_controls;
pub mod switch_button;
pub mod undo;
