//! Labelled fields as the rows of a description list: a card's facts, a detail panel's details.

use leptos::prelude::*;

use super::copy_button::CopyButton;
use crate::i18n::t;
use crate::model::{Field, FieldRole};

/// One `dt`/`dd` pair per field, for the caller's `dl`; ids get a copy button.
#[component]
pub fn FieldRows(fields: Vec<Field>) -> impl IntoView {
    fields
        .into_iter()
        .map(|Field { label, value, role }| {
            let copy = (role == FieldRole::Id).then(|| view! { <CopyButton value=value.clone() label /> });
            view! { <dt>{move || t(label)}</dt><dd>{value}{copy}</dd> }
        })
        .collect_view()
}
