//! Reading what stops for one row: its full record, loaded once (the detail panel shares it),
//! turned into its platform's impact lines.

use leptos::prelude::*;

use crate::components::impact::Impact;
use crate::finding::filter::Row;
use crate::state::connections::expect_connections;
use crate::state::items::{Details, use_items};

/// Starts reading `row`'s record, if not read yet, and follows it as impact lines.
pub fn read_impact(row: &Row) -> Option<Signal<Impact>> {
    let connection = expect_connections().find(&row.item.connection_id)?;
    let item_state = use_items().get(&row.key());
    item_state.load_details(connection, row.item.as_ref().clone());
    Some(Signal::derive(move || match item_state.details.get() {
        Details::NotLoaded | Details::Loading => Impact::Reading,
        Details::Loaded(record) => Impact::Read(connection.impact(&record)),
        Details::Failed(error) => Impact::Unreadable(error.failure.summary()),
    }))
}
