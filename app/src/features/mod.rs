//! One folder per feature: its wire types, its rules (service, server only)
//! and its server functions live together.
pub mod accounts;
pub mod admin;
pub mod audit;
pub mod challenges;
pub mod comments;
pub mod departments;
pub mod focus_area;
pub mod follows;
pub mod ideas;
pub mod language;
pub mod moderation;
pub mod notifications;
pub mod overview;
#[cfg(feature = "ssr")]
pub mod photos;
pub mod pipeline;
pub mod settings;
pub mod supports;
