//! A platform's logo: a simple shape in its brand colour with its initial, drawn here rather than
//! copied from the brand's artwork. The shape (the colour clipped behind the letters) is in
//! style/main.css, so a card builds one element with its letters: an inline SVG tree cost each
//! card about 0.7 ms of a keystroke's frame, most of a search's rendering time (bench/keystroke.mjs).

use leptos::prelude::*;

use crate::model::Platform;

/// The letters on a platform's shape.
fn letters(platform: Platform) -> &'static str {
    match platform {
        Platform::Rocketchat => "R",
        Platform::Ryze => "Ry",
        Platform::Altegio => "A",
    }
}

/// The logo as an image named after the platform; assistive technology hears the name, not
/// the letters.
#[component]
pub fn Logo(platform: Platform) -> impl IntoView {
    view! {
        <span class="unplug-logo" role="img" aria-label=platform.label() data-platform=platform.slug()>
            {letters(platform)}
        </span>
    }
}
