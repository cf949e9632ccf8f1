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

/// How many notifications the signed-in person has not read, for the count
/// in the header. Counted by the server's middleware for page requests only
/// (server functions never draw the header); 0 elsewhere and in the browser.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UnreadNotifications(pub i64);

pub fn unread_in_request() -> i64 {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<UnreadNotifications>().copied())
            .map_or(0, |unread| unread.0)
    }
    #[cfg(not(feature = "ssr"))]
    {
        0
    }
}
