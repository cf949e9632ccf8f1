//! Supports ("I support this"): one per person per idea or comment, taken
//! back at will. The rows are the truth; the counts on ideas and comments
//! change in the same transaction as the rows, only when a row really was
//! added or removed, so they stay exact however requests race. Crossing the
//! support threshold moves an idea to "threshold reached" once.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
