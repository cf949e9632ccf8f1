//! Moderation: reports from participants, content hidden by reports or by a
//! moderator (with the reason shown in its place), ideas and comments held
//! for approval, warnings, suspensions and bans, and merging duplicate
//! ideas. Every decision notifies the author and is written to the audit log.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod decisions;
#[cfg(feature = "ssr")]
pub mod facts;
#[cfg(feature = "ssr")]
pub mod merge;
#[cfg(feature = "ssr")]
pub mod queue;
#[cfg(feature = "ssr")]
pub mod reports;
#[cfg(feature = "ssr")]
pub mod sanctions;
pub mod types;
