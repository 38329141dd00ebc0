//! A platform's logo: a simple shape in its brand colour with its initial, drawn here rather than
//! copied from the brand's artwork. The colours are custom properties in style/main.css.

use leptos::prelude::*;

use crate::model::Platform;

/// One platform's mark, drawn on a 32 × 32 grid.
struct Mark {
    outline: &'static str,
    letters: &'static str,
    /// Where the letters' middle sits: a speech bubble's body is above its tail.
    middle: &'static str,
}

fn mark(platform: Platform) -> Mark {
    match platform {
        // A speech bubble.
        Platform::Rocketchat => Mark {
            outline: "M7 3h18a5 5 0 0 1 5 5v12a5 5 0 0 1-5 5H15l-7 5v-5H7a5 5 0 0 1-5-5V8a5 5 0 0 1 5-5z",
            letters: "R",
            middle: "14",
        },
        // A hexagon.
        Platform::Ryze => Mark { outline: "M16 1.5l13 7.5v14l-13 7.5-13-7.5V9z", letters: "Ry", middle: "16" },
        // A rounded square.
        Platform::Altegio => Mark {
            outline: "M10 2h12a8 8 0 0 1 8 8v12a8 8 0 0 1-8 8H10a8 8 0 0 1-8-8V10a8 8 0 0 1 8-8z",
            letters: "A",
            middle: "16",
        },
    }
}

/// The logo as an image named after the platform; the drawing itself is hidden from assistive
/// technology, which hears the name instead.
#[component]
pub fn Logo(platform: Platform) -> impl IntoView {
    let Mark { outline, letters, middle } = mark(platform);
    view! {
        <span class="unplug-logo" role="img" aria-label=platform.label() data-platform=platform.slug()>
            <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
                <path class="unplug-logo__shape" d=outline />
                <text class="unplug-logo__letters" x="16" y=middle text-anchor="middle" dominant-baseline="central">
                    {letters}
                </text>
            </svg>
        </span>
    }
}
