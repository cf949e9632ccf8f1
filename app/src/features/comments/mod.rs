//! Comments on ideas: threaded three levels deep (a comment, a reply, a
//! reply to that), with an optional stance (for, against, neutral) that is
//! shown and counted. Authors may change a comment for 15 minutes (it is
//! marked edited) and delete it at any time; a deleted comment stays as a
//! tombstone so the replies under it keep their place. Long threads are
//! paged: the idea page shows a page of comments with the first replies of
//! each, and every comment has its own page with all of its replies.
pub mod api;
pub mod components;
pub mod input;
#[cfg(feature = "ssr")]
pub mod page;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
