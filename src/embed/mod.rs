//! Living inside someone else's page: `?embed=1` in an iframe, or `Unplug.mount` from a script.
//! The host may set the theme and hand over credentials by `postMessage`, only from origins
//! config.json allows; Unplug tells the host what it disconnected, never a secret.

pub mod bridge;
pub mod messages;
pub mod theme;
