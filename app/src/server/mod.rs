//! Server-only parts of the application: state shared by every request, and
//! helpers that server functions and pages use to shape their responses.
pub mod anti_abuse;
pub mod auth;
pub mod background;
pub mod form_echo;
pub mod idempotency;
pub mod jobs;
pub mod locale;
pub mod mail;
pub mod outgoing;
pub mod rate_limit;
pub mod responses;
pub mod rollup_cache;
pub mod security;
pub mod session;
mod state;
pub mod tokens;
pub mod transactions;

pub use state::{AppState, app_state};
