//! Light or dark: the browser's preference unless the URL, the host or the person says otherwise,
//! the latest of them winning.

use leptos::prelude::*;

use crate::finding::query::ViewQuery;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// How the page is shown: embedded (no header of its own) and which theme (`None` follows the
/// browser).
#[derive(Clone, Copy)]
pub struct Appearance {
    pub embedded: bool,
    pub theme: RwSignal<Option<Theme>>,
}

/// Reads `embed` and `theme` from the URL's parameters that are not the inventory's own.
pub fn from_query(query: &ViewQuery) -> (bool, Option<Theme>) {
    let param = |name: &str| query.foreign.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str());
    (param("embed") == Some("1"), param("theme").and_then(Theme::parse))
}

pub fn provide_appearance(query: &ViewQuery) -> Appearance {
    let (embedded, theme) = from_query(query);
    let appearance = Appearance { embedded, theme: RwSignal::new(theme) };
    provide_context(appearance);
    appearance
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_and_theme_come_from_the_url() {
        assert_eq!(from_query(&ViewQuery::parse("?embed=1&theme=dark&q=x")), (true, Some(Theme::Dark)));
        assert_eq!(from_query(&ViewQuery::parse("?embed=0&theme=purple")), (false, None));
        assert_eq!(from_query(&ViewQuery::parse("")), (false, None));
    }
}
