//! An item's last activity, as a card, a table row or the detail panel shows it. Being shown is
//! what asks for it: only what is on screen is mounted, so only that is read.

use std::sync::Arc;

use leptos::prelude::*;

use crate::model::Integration;
use crate::state::connections::Connections;

/// The text alone, kept current as the read answers.
#[component]
pub fn LastActivityText(item: Arc<Integration>) -> impl IntoView {
    let connection = use_context::<Connections>().and_then(|all| all.find(&item.connection_id));
    if let Some(connection) = connection {
        let asked = item.clone();
        Effect::new(move |_| connection.ask_last_activity(&asked));
    }
    move || connection.map_or_else(|| item.last_activity.clone(), |c| c.last_activity_of(&item)).text()
}
