//! Finding integrations among thousands: the URL's view state, search, filters, sorting,
//! status counts and export.

pub mod export;
pub mod filter;
pub mod query;
