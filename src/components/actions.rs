//! What a card or a table row asks of the inventory around it: confirm a disconnect in the one
//! shared dialog, open the one shared detail panel. Only the rows on screen are mounted, so
//! neither can live inside a card.

use std::sync::Arc;

use leptos::html::Dialog;
use leptos::prelude::*;

use crate::components::modal;
use crate::finding::filter::Row;
use crate::state::url::{Step, ViewState};

#[derive(Clone, Copy)]
pub struct CardActions {
    /// The integration the confirmation dialog asks about.
    pub confirming: RwSignal<Option<Arc<Row>>>,
    pub confirm_dialog: NodeRef<Dialog>,
    /// What the filter shows, in order: where a shift-click range runs.
    pub order: Memo<Vec<Arc<Row>>>,
    view: ViewState,
}

impl CardActions {
    pub fn new(view: ViewState, order: Memo<Vec<Arc<Row>>>) -> Self {
        CardActions { confirming: RwSignal::new(None), confirm_dialog: NodeRef::new(), order, view }
    }

    /// Opens the confirmation for `row` once it has rendered.
    pub fn ask_to_disconnect(self, row: Arc<Row>) {
        self.confirming.set(Some(row));
        request_animation_frame(move || modal::open(self.confirm_dialog));
    }

    /// Opens the detail panel; the URL's `detail` names it, so Back closes it.
    pub fn open_details(self, key: String) {
        self.view.change(Step::Push, |query| query.detail = Some(key));
    }

    /// Closing replaces the step, so Back does not reopen what was just closed.
    pub fn close_details(self) {
        self.view.change(Step::Replace, |query| query.detail = None);
    }
}
