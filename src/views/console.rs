//! The console: connections, a status strip per connection, and one grid of cards.

use crate::i18n::{Lang, expect_language, lang, t, tf};
use leptos::prelude::*;

use crate::components::element_id::element_id;

use super::activity::ActivityView;
use super::connections::ConnectionsView;
use super::inventory::Inventory;
use crate::embed::theme::{Appearance, Theme};
use crate::state::items::provide_items;
use crate::state::navigation::{Navigation, Tab};
use crate::state::url::provide_view_state;

#[component]
pub fn Console() -> impl IntoView {
    let navigation = Navigation(RwSignal::new(Tab::Integrations));
    provide_context(navigation);
    provide_view_state();
    provide_items();
    let tab = navigation.0;
    let language = expect_language();
    let appearance = use_context::<Appearance>().unwrap_or(Appearance { embedded: false, theme: RwSignal::new(None) });
    let theme = appearance.theme;
    let theme_label = move || match theme.get() {
        None => t("Theme: system"),
        Some(Theme::Light) => t("Theme: light"),
        Some(Theme::Dark) => t("Theme: dark"),
    };
    // System → light → dark → system.
    let next_theme = move |_| {
        theme.update(|theme| {
            *theme = match theme {
                None => Some(Theme::Light),
                Some(Theme::Light) => Some(Theme::Dark),
                Some(Theme::Dark) => None,
            }
        })
    };
    view! {
        <div
            class="unplug"
            lang=move || lang().tag()
            class:unplug--embedded=appearance.embedded
            data-theme=move || theme.get().map(Theme::slug)
        >
            <header class="unplug-header">
                // Embedded, the host's page has the title; the views and the theme stay.
                <Show when=move || !appearance.embedded>
                    <h1 class="unplug-header__title">{move || t("Unplug")}</h1>
                </Show>
                {crate::state::idle::expect_idle().map(|idle| move || idle.after_minutes.get().map(|minutes| {
                    let minutes = crate::i18n::number(minutes.ceil() as usize);
                    view! {
                        <p class="unplug-outcome unplug-idle" role="status">
                            {tf("Signed out after {minutes} min without a click or key press: every token was forgotten. Sign in again on Connections.", &[("minutes", &minutes)])}
                        </p>
                    }
                }))}
                <nav class="unplug-tabs" role="tablist" aria-label=move || t("Views")>
                    {Tab::ALL
                        .into_iter()
                        .map(|each| view! {
                            <button
                                type="button"
                                role="tab"
                                class="unplug-tabs__tab"
                                id=element_id(&format!("tab-{}", each.slug()))
                                aria-selected=move || (tab.get() == each).to_string()
                                on:click=move |_| tab.set(each)
                            >
                                {move || each.label()}
                            </button>
                        })
                        .collect_view()}
                </nav>
                <label class="unplug-lang">
                    <span class="unplug-visually-hidden">{move || t("Language")}</span>
                    <select
                        prop:value=move || lang().tag()
                        on:change=move |event| {
                            if let Some(lang) = Lang::parse(&event_target_value(&event)) {
                                language.set(lang);
                            }
                        }
                    >
                        {Lang::ALL.into_iter().map(|lang| view! { <option value=lang.tag() lang=lang.tag() selected=move || self::lang() == lang>{lang.name()}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" class="unplug-theme" on:click=next_theme>{theme_label}</button>
            </header>
            // Every view stays mounted and only the open one shows: switching views must not
            // forget a card's outcome (a disconnected card would read as connected again) or
            // a half-typed sign-in form.
            <main class="unplug-main" role="tabpanel" aria-label=move || tab.get().label()>
                <div class="unplug-view" hidden=move || tab.get() != Tab::Integrations><Inventory /></div>
                <div class="unplug-view" hidden=move || tab.get() != Tab::Connections><ConnectionsView /></div>
                <div class="unplug-view" hidden=move || tab.get() != Tab::Activity><ActivityView /></div>
            </main>
        </div>
    }
}
