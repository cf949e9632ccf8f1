//! Server-only parts of the application: state shared by every request, and
//! helpers that server functions and pages use to shape their responses.
pub mod idempotency;
pub mod locale;
pub mod responses;
pub mod security;
mod state;

pub use state::{AppState, app_state};
