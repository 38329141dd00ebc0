//! What the console tells whoever listens (the host page, when embedded): state publishes,
//! a subscriber installed at start decides where it goes, so state never knows about embedding.

use leptos::prelude::*;

use crate::api::Action;
use crate::model::{Integration, Platform};

/// Something the console did, with ids, platform and counts only, never a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// How one action on one integration ended: done (`ok`), or failed.
    Acted { action: Action, ok: bool, platform: Platform, connection: String, id: String },
    /// A bulk run ended: `done` counts removals (with the already gone) or switches.
    BulkFinished { action: Action, total: usize, done: usize, failed: usize },
}

impl Event {
    pub fn of_action(item: &Integration, action: Action, ok: bool) -> Self {
        let (platform, connection, id) = (item.platform, item.connection_id.clone(), item.id.clone());
        Event::Acted { action, ok, platform, connection, id }
    }
}

type Subscriber = Box<dyn Fn(&Event)>;

/// One mount's listeners: two consoles on one page each tell their own host.
#[derive(Clone, Copy)]
pub struct Events(StoredValue<Vec<Subscriber>, LocalStorage>);

impl Events {
    /// Adds a function told about every event from now on.
    pub fn subscribe(self, subscriber: impl Fn(&Event) + 'static) {
        self.0.update_value(|all| all.push(Box::new(subscriber)));
    }

    pub fn publish(self, event: &Event) {
        self.0.with_value(|all| all.iter().for_each(|subscriber| subscriber(event)));
    }
}

/// Installs this mount's listeners (none yet).
pub fn provide_events() -> Events {
    let events = Events(StoredValue::new_local(Vec::new()));
    provide_context(events);
    events
}

pub fn expect_events() -> Events {
    expect_context::<Events>()
}
