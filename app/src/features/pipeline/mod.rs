//! The innovation pipeline: how an idea moves from published to put to use
//! (nytt – nyttig – nyttiggjort), checked against one transition table, and
//! the public timeline of every move.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod timeline;
pub mod transitions;
pub mod types;
