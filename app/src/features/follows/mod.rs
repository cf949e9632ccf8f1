//! Following ideas and challenges: who hears about what happens to them.
//! People follow what they take part in (their own idea, an idea they
//! support or comment on, a challenge they propose, join or post to) and
//! may unfollow anything; an unfollow sticks even if they take part again.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
