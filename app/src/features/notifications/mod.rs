//! Notifications: what happened to ideas and challenges a person follows,
//! replies to their comments and decisions on their content. Each is a row
//! in the person's in-app list (`/notifications`, the count in the header)
//! and, as they choose, an email at once, in a daily digest, or none.
//!
//! The way out is two steps, both in the database: an event inserts its
//! notifications in the transaction that made it happen (one statement,
//! however many followers), and the job worker's notification mailer turns
//! them into emails in the outbox, whose worker sends them. So a crash or a
//! mail outage delays an email and never loses it.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod digest;
#[cfg(feature = "ssr")]
pub mod mailer;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
