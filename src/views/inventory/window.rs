//! Which slice of a long list is on screen: only those rows are rendered, with the space of
//! the others kept as padding, so 10,000 cards cost what a screenful does.

/// Up to this many items everything is rendered: the page's own find (Ctrl+F) then sees every
/// card, and cards keep their natural heights. Kept to a few screens: a search narrowing ten
/// thousand items to a hundred would otherwise build a hundred cards in one keystroke.
pub const RENDER_ALL_UP_TO: usize = 40;

/// Rows rendered beyond each edge of the screen, so scrolling does not show blanks; each more
/// costs a screen's width of cards to build on every keystroke of a search.
const OVERSCAN_ROWS: usize = 1;

/// The list's geometry as measured in the browser.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// The list's top edge relative to the top of the viewport (negative once scrolled past).
    pub top: f64,
    pub viewport_height: f64,
    pub columns: usize,
    /// One row's height plus the gap to the next.
    pub row_pitch: f64,
    /// The list's own rule: up to this many items it is rendered whole.
    pub whole_up_to: usize,
}

/// The items to render and the padding that stands for the rest.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Slice {
    pub start: usize,
    pub end: usize,
    pub before_px: f64,
    pub after_px: f64,
    /// Items per row, as measured: a windowed grid sets it rather than reading layout again.
    pub columns: usize,
}

impl Slice {
    pub fn all(count: usize) -> Self {
        Slice { start: 0, end: count, before_px: 0.0, after_px: 0.0, columns: 1 }
    }

    pub fn is_windowed(&self, count: usize) -> bool {
        count > RENDER_ALL_UP_TO
    }
}

pub fn visible(count: usize, geometry: Geometry) -> Slice {
    if count <= geometry.whole_up_to || geometry.row_pitch <= 0.0 {
        return Slice::all(count);
    }
    let columns = geometry.columns.max(1);
    let rows = count.div_ceil(columns);
    let scrolled = (-geometry.top).max(0.0);
    let first_visible = (scrolled / geometry.row_pitch).floor() as usize;
    let last_visible = ((scrolled + geometry.viewport_height.max(0.0)) / geometry.row_pitch).ceil() as usize;
    let start_row = first_visible.saturating_sub(OVERSCAN_ROWS).min(rows);
    let end_row = (last_visible + OVERSCAN_ROWS).min(rows).max(start_row);
    Slice {
        start: (start_row * columns).min(count),
        end: (end_row * columns).min(count),
        before_px: start_row as f64 * geometry.row_pitch,
        after_px: (rows - end_row) as f64 * geometry.row_pitch,
        columns,
    }
}

/// Columns of at least `min_width` that fit in `width`, with `gap` between them.
pub fn columns(width: f64, min_width: f64, gap: f64) -> usize {
    if width <= 0.0 || min_width <= 0.0 {
        return 1;
    }
    (((width + gap) / (min_width + gap)).floor() as usize).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GEOMETRY: Geometry =
        Geometry { top: 0.0, viewport_height: 1000.0, columns: 4, row_pitch: 300.0, whole_up_to: RENDER_ALL_UP_TO };

    #[test]
    fn small_lists_render_whole() {
        assert_eq!(visible(RENDER_ALL_UP_TO, GEOMETRY), Slice::all(RENDER_ALL_UP_TO));
    }

    #[test]
    fn at_the_top_renders_the_screen_and_the_overscan() {
        let slice = visible(10_000, GEOMETRY);
        // 1000 px shows rows 0..4; one more below.
        assert_eq!((slice.start, slice.end, slice.before_px), (0, 20, 0.0));
        assert_eq!(slice.after_px, (2_500 - 5) as f64 * 300.0);
    }

    #[test]
    fn scrolled_down_the_padding_keeps_every_row_in_place() {
        let slice = visible(10_000, Geometry { top: -30_000.0, ..GEOMETRY });
        assert_eq!((slice.start, slice.end), (99 * 4, 105 * 4));
        let rendered_rows = (slice.end - slice.start) / 4;
        assert_eq!(slice.before_px + rendered_rows as f64 * 300.0 + slice.after_px, 2_500.0 * 300.0);
    }

    #[test]
    fn past_the_end_renders_the_last_rows_and_never_overruns() {
        let slice = visible(10_001, Geometry { top: -10_000_000.0, ..GEOMETRY });
        assert_eq!(slice.end, 10_001);
        assert!(slice.start <= slice.end);
        assert_eq!(slice.after_px, 0.0);
    }

    #[test]
    fn columns_fit_the_width() {
        assert_eq!(columns(1248.0, 288.0, 16.0), 4);
        assert_eq!(columns(300.0, 288.0, 16.0), 1);
        assert_eq!(columns(0.0, 288.0, 16.0), 1);
    }
}
