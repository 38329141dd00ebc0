//! Every call made this session, for the Activity panel.

use leptos::prelude::*;

use crate::api::call::{CallRecord, observe_calls};

/// The session's calls, oldest first (views show them newest first).
#[derive(Clone, Copy)]
pub struct Activity(pub RwSignal<Vec<CallRecord>>);

/// Installs the Activity log and subscribes it to every API call.
pub fn provide_activity() -> Activity {
    let activity = Activity(RwSignal::new(Vec::new()));
    observe_calls(move |record| activity.0.update(|records| records.push(record)));
    provide_context(activity);
    activity
}

pub fn expect_activity() -> Activity {
    expect_context::<Activity>()
}
