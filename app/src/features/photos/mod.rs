//! Photos: checking and re-encoding uploads, and where they are kept.
//! Server only; ideas use it for their photos.
pub mod process;
pub mod store;
