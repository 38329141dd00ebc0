//! Which top-level view is open: state any view may change ("open Connections").

use leptos::prelude::*;

use crate::i18n::t;

/// The console's top-level views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Integrations,
    Connections,
    Activity,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Integrations, Tab::Connections, Tab::Activity];

    pub fn slug(self) -> &'static str {
        match self {
            Tab::Integrations => "integrations",
            Tab::Connections => "connections",
            Tab::Activity => "activity",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tab::Integrations => t("Integrations"),
            Tab::Connections => t("Connections"),
            Tab::Activity => t("Activity"),
        }
    }
}

/// Which view is open; any view may switch it ("open Connections").
#[derive(Clone, Copy)]
pub struct Navigation(pub RwSignal<Tab>);

pub fn expect_navigation() -> Navigation {
    expect_context::<Navigation>()
}
