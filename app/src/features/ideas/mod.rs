//! Ideas: what residents, businesses, researchers, volunteers and staff
//! post. Drafts, publishing, the author's edit window, photos, the lists
//! with their filters and search, and "steal first" suggestions. The rules
//! live in `service.rs`; every change of status goes through
//! `lifecycle.rs`, checked against `transitions.rs`.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod feed;
pub mod input;
#[cfg(feature = "ssr")]
pub mod lifecycle;
pub mod listing;
#[cfg(feature = "ssr")]
pub mod lists;
#[cfg(feature = "ssr")]
pub mod page;
#[cfg(feature = "ssr")]
pub mod photos;
#[cfg(feature = "ssr")]
pub mod ranking;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod service;
pub mod status;
pub mod transitions;
pub mod types;
