//! Cross-feature UI: the page frame and small building blocks.
pub mod error_message;
pub mod forms;
pub mod language_switch;
pub mod layout;
