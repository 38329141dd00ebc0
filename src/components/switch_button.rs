//! Disable or Enable, where the platform documents a switch (Rocket.Chat webhooks): Disable
//! while the integration is on, Enable while it is off, whoever turned it off. Where there is
//! no switch, nothing is drawn (not a greyed button).

use leptos::prelude::*;

use super::row_controls::RowControls;
use crate::api::Action;
use crate::i18n::t;
use crate::state::items::Phase;

#[component]
pub fn SwitchButton(controls: RowControls) -> impl IntoView {
    let action = controls.switch_action()?;
    let phase = controls.state.phase;
    let working = move || phase.with(|phase| *phase == Phase::Working) && controls.state.action.get() == action;
    let label = move || match (action, working()) {
        (Action::Disable, false) => t("Disable"),
        (Action::Disable, true) => t("Disabling…"),
        (_, false) => t("Enable"),
        (_, true) => t("Enabling…"),
    };
    let switch = controls.on(RowControls::switch);
    Some(view! {
        <button type="button" class="unplug-switch" on:click=switch disabled=move || phase.with(|phase| phase.is_busy() || phase.is_gone())>
            {label}
        </button>
    })
}
