//! Solution cards ("stjæl og del", focus area 2 of the innovation
//! strategy): what the municipality put into practice, written up so that
//! other municipalities can take it, with its measured effects. Staff make
//! a card from an idea that was tried (prefilled from it) or from scratch,
//! edit it as a draft and publish it; from then on every save publishes a
//! new version and the old ones stay readable. Everyone searches the cards
//! at `/solutions`, and the idea form suggests matching ones before an
//! idea is posted.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod feed;
pub mod listing;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
