//! Email: every email Samskap sends is written to the outbox table first,
//! in the transaction of the change it reports, and a background worker
//! delivers it with retries. A mail server outage delays email; it never
//! loses it. Each email keeps one Message-ID through all its attempts, so
//! the rare copy sent twice (a worker that died between sending and
//! recording it) is recognisable as the same message.
//!
//! ```ignore
//! let email = mail::render(
//!     EmailTemplate::VerifyEmail { name: &account.display_name, link: link.as_str(), hours: 24 },
//!     locale,
//!     &account.email,
//! );
//! mail::enqueue(&transaction, email).await?;
//! ```
mod message;
pub mod outbox;
mod templates;
mod transport;
mod worker;

pub use lettre::message::Mailbox;
pub use message::{OutgoingEmail, message_id_header};
pub use outbox::enqueue;
pub use templates::{DigestItem, EmailTemplate, render};
pub use transport::{DeliveryError, Mailer, Transport};
pub use worker::{MailWorker, spawn as spawn_worker};
