//! Challenges (utfordringer): problems the municipality, a business, a
//! volunteer group or a research team invites ideas for. Staff publish them
//! or approve participants' proposals; co-creators join their team. Every
//! rule lives in `service.rs`.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
