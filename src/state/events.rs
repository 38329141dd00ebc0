//! What the console tells whoever listens (the host page, when embedded): state publishes,
//! a subscriber installed at start decides where it goes, so state never knows about embedding.

use std::cell::RefCell;

use crate::model::{Integration, Platform};

/// Something the console did, with ids, platform and counts only, never a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Disconnected { platform: Platform, connection: String, id: String },
    DisconnectFailed { platform: Platform, connection: String, id: String },
    BulkFinished { total: usize, removed: usize, failed: usize },
}

impl Event {
    /// How one removal ended.
    pub fn of_disconnect(item: &Integration, removed: bool) -> Self {
        let (platform, connection, id) = (item.platform, item.connection_id.clone(), item.id.clone());
        if removed {
            Event::Disconnected { platform, connection, id }
        } else {
            Event::DisconnectFailed { platform, connection, id }
        }
    }
}

type Subscriber = Box<dyn Fn(&Event)>;

thread_local! {
    // The browser runs the app on one thread; the app installs its subscribers at start.
    static SUBSCRIBERS: RefCell<Vec<Subscriber>> = const { RefCell::new(Vec::new()) };
}

/// Adds a function told about every event from now on.
pub fn subscribe(subscriber: impl Fn(&Event) + 'static) {
    SUBSCRIBERS.with(|all| all.borrow_mut().push(Box::new(subscriber)));
}

pub fn publish(event: &Event) {
    SUBSCRIBERS.with(|all| all.borrow().iter().for_each(|subscriber| subscriber(event)));
}
