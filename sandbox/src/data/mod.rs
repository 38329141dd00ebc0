//! What each platform stores: the hand-written default data, or N generated integrations.

pub mod altegio;
pub mod rocket_chat;
pub mod ryze;

/// Where a run's data comes from; kept so `/__sandbox/reset` can rebuild the same data.
#[derive(Debug, Clone, Copy)]
pub enum Seed {
    Default,
    Generated(usize),
}

#[derive(Debug)]
pub struct Data {
    pub rocket_chat: rocket_chat::Store,
    pub ryze: ryze::Store,
    pub altegio: altegio::Store,
}

impl Data {
    pub fn new(seed: Seed) -> Self {
        match seed {
            Seed::Default => Self {
                rocket_chat: rocket_chat::Store::defaults(),
                ryze: ryze::Store::defaults(),
                altegio: altegio::Store::defaults(),
            },
            Seed::Generated(total) => {
                // A third each; the remainder goes to Rocket.Chat first, then RyzeAPI.
                let third = total / 3;
                Self {
                    rocket_chat: rocket_chat::Store::generated(third + usize::from(total % 3 > 0)),
                    ryze: ryze::Store::generated(third + usize::from(total % 3 > 1)),
                    altegio: altegio::Store::generated(third),
                }
            }
        }
    }
}
