//! Opening and closing the native `<dialog>`s the card uses.

use leptos::html::Dialog;
use leptos::prelude::*;

/// Opens as a modal: focus moves in, the page behind turns inert, Escape closes it.
pub fn open(dialog: NodeRef<Dialog>) {
    if let Some(dialog) = dialog.get() {
        let _ = dialog.show_modal();
    }
}

/// Closes it; the browser returns focus to what opened it.
pub fn close(dialog: NodeRef<Dialog>) {
    if let Some(dialog) = dialog.get() {
        dialog.close();
    }
}
