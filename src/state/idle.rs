//! Idle sign-out: after `idleSignOutMinutes` without a click or a key press, every secret the
//! console holds, in memory or remembered in the tab, is forgotten, and a notice says why.

use leptos::ev;
use leptos::prelude::*;

use crate::state::connections::Connections;
use crate::time::now_ms;

/// Whether the console signed everyone out for idleness, and after how many minutes.
#[derive(Clone, Copy)]
pub struct IdleSignOut {
    pub after_minutes: RwSignal<Option<f64>>,
}

pub fn expect_idle() -> Option<IdleSignOut> {
    use_context::<IdleSignOut>()
}

/// Watches for idleness; `minutes` 0 watches nothing.
pub fn watch(minutes: f64, connections: Connections) {
    let idle = IdleSignOut { after_minutes: RwSignal::new(None) };
    provide_context(idle);
    if minutes <= 0.0 {
        return;
    }
    // Signing in again ends the notice.
    Effect::new(move |_| {
        if connections.all().into_iter().any(|state| state.holds_secret()) {
            idle.after_minutes.set(None);
        }
    });
    let limit_ms = minutes * 60_000.0;
    let last_input = StoredValue::new(now_ms());
    let pointer = window_event_listener(ev::pointerdown, move |_| last_input.set_value(now_ms()));
    let keys = window_event_listener(ev::keydown, move |_| last_input.set_value(now_ms()));
    // Often enough that a short limit (tests) is kept to within a quarter of it.
    let every = std::time::Duration::from_millis((limit_ms / 4.0).clamp(250.0, 30_000.0) as u64);
    let timer = set_interval_with_handle(
        move || {
            if now_ms() - last_input.get_value() < limit_ms {
                return;
            }
            let signed_out: Vec<_> = connections.all().into_iter().filter(|state| state.holds_secret()).collect();
            if signed_out.is_empty() {
                return;
            }
            signed_out.into_iter().for_each(|state| state.sign_out());
            idle.after_minutes.set(Some(minutes));
        },
        every,
    )
    .ok();
    on_cleanup(move || {
        pointer.remove();
        keys.remove();
        if let Some(timer) = timer {
            timer.clear();
        }
    });
}
