//! Finding integrations among thousands: the URL's view state, search, filters, sorting,
//! status counts.

pub mod filter;
pub mod query;
