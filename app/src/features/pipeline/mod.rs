//! The innovation pipeline: how an idea moves from published to put to use
//! (nytt – nyttig – nyttiggjort), checked against one transition table, and
//! the public timeline of every move; and the staff's work on the way:
//! triage, owner departments, shared goals, scorecards, internal notes and
//! the board;
//! and the municipality's official responses, which staff publish at any
//! public stage, with a move or on their own.
pub mod api;
#[cfg(feature = "ssr")]
pub mod board;
pub mod components;
#[cfg(feature = "ssr")]
pub mod evaluation;
#[cfg(feature = "ssr")]
pub mod goals;
#[cfg(feature = "ssr")]
pub mod notes;
#[cfg(feature = "ssr")]
pub mod owners;
#[cfg(feature = "ssr")]
pub mod responses;
pub mod scorecards;
#[cfg(feature = "ssr")]
pub mod service;
pub mod staff_panel;
#[cfg(feature = "ssr")]
pub mod timeline;
pub mod types;
#[cfg(feature = "ssr")]
pub mod work;
