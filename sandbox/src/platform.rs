//! The three imitated platforms: their URL names, route templates and the rate limits the sandbox
//! enforces on them. Knows nothing of how they answer (that is the router's and their modules').

use crate::routes;

/// `API_Enable_Rate_Limiter_Limit_Calls_Default`: Rocket.Chat's calls per window, per client IP +
/// route + method (contracts 2.6).
pub const ROCKET_CHAT_RATE_LIMIT: u32 = 10;
/// RyzeAPI's requests a minute per token (contracts 3.2).
pub const RYZE_RATE_LIMIT: u32 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    RocketChat,
    Ryze,
    Altegio,
}

impl Platform {
    pub const ALL: [Self; 3] = [Self::RocketChat, Self::Ryze, Self::Altegio];

    /// The name used in URLs and in fault requests.
    pub fn name(self) -> &'static str {
        match self {
            Self::RocketChat => "rocketchat",
            Self::Ryze => "ryze",
            Self::Altegio => "altegio",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|platform| platform.name() == name)
    }

    /// Route templates, written after the platform prefix; faults name them.
    pub fn routes(self) -> &'static [&'static str] {
        match self {
            Self::RocketChat => routes::ROCKET_CHAT,
            Self::Ryze => routes::RYZE,
            Self::Altegio => routes::ALTEGIO,
        }
    }

    /// Calls per window the sandbox enforces on this platform; `None` where it enforces none.
    pub fn enforced_limit(self) -> Option<u32> {
        match self {
            Self::RocketChat => Some(ROCKET_CHAT_RATE_LIMIT),
            Self::Ryze => Some(RYZE_RATE_LIMIT),
            Self::Altegio => None,
        }
    }

    /// Position in `ALL`, for per-platform counters.
    pub fn index(self) -> usize {
        match self {
            Self::RocketChat => 0,
            Self::Ryze => 1,
            Self::Altegio => 2,
        }
    }
}
