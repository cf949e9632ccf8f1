//! Challenges (utfordringer): problems the municipality, a business, a
//! volunteer group or a research team invites ideas for. Staff publish them
//! or approve participants' proposals; co-creators join their team. The
//! rules live in `service.rs`; the challenge page's read model, which also
//! lists the challenge's ideas, in `page.rs`.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod page;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
