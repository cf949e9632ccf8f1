//! The municipality's shared goals (focus area 3 of the innovation
//! strategy, "felles innsats mot samme mål"): a short list, named and
//! described in bokmål, nynorsk and English, that challenges and ideas in
//! review or later work towards, so departments see where they pull the
//! same way.
//!
//! Admins add, edit, retire and restore them under `/admin/goals`. A goal
//! is never deleted: a retired one stays on what it is linked to (marked
//! retired for staff, left out for the public) and is no longer offered;
//! a server function refuses it when it is sent by hand.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
