//! Keeping a long list's on-screen slice current in the browser: the card grid, the inventory
//! table and Activity all render only what is on screen (see `inventory::window` for the
//! arithmetic).

use leptos::ev;
use leptos::prelude::*;

use super::inventory::window::{Geometry, Slice, visible};
use crate::slim::parse_f64;

/// The root element's font size in pixels (what `rem` is here).
pub fn root_font_px() -> f64 {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
        .and_then(|root| web_sys::window()?.get_computed_style(&root).ok().flatten())
        .and_then(|style| style.get_property_value("font-size").ok())
        .and_then(|size| parse_f64(size.trim_end_matches("px")))
        .unwrap_or(16.0)
}

/// The slice of `count` items to render. `measure` reads the list's geometry (`None` while
/// there is nothing to measure); it runs on every window scroll and resize, and after a frame
/// whenever `count` or what `remeasure` reads changes. `guess` serves until the first reading,
/// and renders a screenful, never everything.
pub fn use_windowed_slice(
    count: Signal<usize>,
    measure: impl Fn() -> Option<Geometry> + Copy + 'static,
    remeasure: impl Fn() + 'static,
    guess: Geometry,
) -> Memo<Slice> {
    let geometry = RwSignal::new(None::<Geometry>);
    let update = move || {
        // A list short enough to render whole needs no geometry; reading it would lay the page
        // out before its first paint for nothing.
        if count.try_get_untracked().is_none_or(|count| count <= guess.whole_up_to) {
            return;
        }
        let Some(next) = measure() else { return };
        if geometry.try_get_untracked().is_some_and(|current| current != Some(next)) {
            geometry.try_set(Some(next));
        }
    };
    let scroll = window_event_listener(ev::scroll, move |_| update());
    let resize = window_event_listener(ev::resize, move |_| update());
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
    });
    Effect::new(move |_| {
        count.track();
        remeasure();
        request_animation_frame(update);
    });
    Memo::new(move |_| visible(count.get(), geometry.get().unwrap_or(guess)))
}
