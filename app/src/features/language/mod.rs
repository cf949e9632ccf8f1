//! The reader's choice of language: bokmål, nynorsk or English.
pub mod api;
