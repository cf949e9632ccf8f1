//! One folder per feature: its wire types, its rules (service, server only)
//! and its server functions live together.
pub mod accounts;
pub mod admin;
pub mod language;
pub mod settings;
