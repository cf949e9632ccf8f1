//! One folder per feature: its wire types, its rules (service, server only)
//! and its server functions live together. Features depend on each other
//! one way only, in the order README.md gives ("Features, lowest first");
//! `order.rs` checks it.
#[cfg(feature = "ssr")]
pub mod account_deletion;
pub mod accounts;
pub mod admin;
pub mod audit;
pub mod challenges;
pub mod comments;
pub mod departments;
pub mod focus_area;
pub mod follows;
pub mod gains;
pub mod goals;
pub mod guides;
pub mod ideas;
pub mod language;
pub mod moderation;
pub mod notifications;
pub mod open_data;
#[cfg(test)]
mod order;
pub mod overview;
pub mod partners;
#[cfg(feature = "ssr")]
pub mod photos;
pub mod pipeline;
pub mod settings;
pub mod solutions;
pub mod supports;
