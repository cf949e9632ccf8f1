//! The audit log (`/admin/audit`): who did what to which item, when and
//! why, for every moderator and admin action. Rows are only ever added (the
//! database refuses anything else); the page filters them and exports CSV.
pub mod api;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
