//! Where email leaves Samskap: an SMTP server in production, `.eml` files in
//! a folder in the embedded default.

use std::path::Path;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::message::{Unsendable, compose};
use crate::entities::outbox;

/// Long enough for a slow mail server, short enough that a hung one does not
/// hold an email past its lease.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Clone)]
pub enum Transport {
    /// Pooled connections to the server in `SMTP_URL`.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Each email becomes `<uuid>.eml` in the folder.
    Files(AsyncFileTransport<Tokio1Executor>),
}

impl Transport {
    /// `smtp://host:port` (plain, or STARTTLS with `?tls=required`) or
    /// `smtps://user:password@host:port`, as lettre reads them.
    pub fn smtp(url: &str) -> Result<Self, lettre::transport::smtp::Error> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        Ok(Self::Smtp(transport))
    }

    /// Writes into `folder`, which must exist.
    pub fn files(folder: &Path) -> Self {
        Self::Files(AsyncFileTransport::new(folder))
    }

    async fn send(&self, message: Message) -> Result<(), DeliveryError> {
        match self {
            Self::Smtp(smtp) => smtp.send(message).await.map(drop).map_err(|error| {
                if error.is_permanent() {
                    DeliveryError::Refused(error.to_string())
                } else {
                    DeliveryError::Unreachable(error.to_string())
                }
            }),
            Self::Files(files) => files
                .send(message)
                .await
                .map(drop)
                .map_err(|error| DeliveryError::Unreachable(error.to_string())),
        }
    }

    async fn shutdown(&self) {
        match self {
            Self::Smtp(smtp) => smtp.shutdown().await,
            Self::Files(_) => {}
        }
    }
}

/// Why an email did not go out this time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeliveryError {
    /// The server could not be reached, timed out or said "try later" (4xx):
    /// the email waits and is tried again, however long that takes.
    #[error("mail server unavailable: {0}")]
    Unreachable(String),
    /// The server refused this email (5xx). Tried again for a while, in case
    /// the refusal came from a passing misconfiguration, then set aside.
    #[error("mail server refused the email: {0}")]
    Refused(String),
    /// The stored email does not make a message; trying again cannot help.
    #[error("the email cannot be sent as stored: {0}")]
    Unsendable(String),
}

impl From<Unsendable> for DeliveryError {
    fn from(error: Unsendable) -> Self {
        Self::Unsendable(error.to_string())
    }
}

/// How this instance sends: the transport, the sender and the retry policy.
#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    retry_base: Duration,
}

impl Mailer {
    /// `retry_base` is the wait after the first failed attempt; it doubles
    /// with each further attempt (see [`super::outbox::retry_delay`]).
    pub fn new(transport: Transport, from: Mailbox, retry_base: Duration) -> Self {
        Self {
            transport,
            from,
            retry_base,
        }
    }

    pub fn from(&self) -> &Mailbox {
        &self.from
    }

    pub fn retry_base(&self) -> Duration {
        self.retry_base
    }

    /// Sends one stored email. Marking it sent or failed is the caller's job
    /// (the worker's), so a test can play a worker that dies in between.
    pub async fn deliver(&self, email: &outbox::Model) -> Result<(), DeliveryError> {
        let message = compose(email, &self.from)?;
        self.transport.send(message).await
    }

    /// Closes pooled connections politely.
    pub async fn shutdown(&self) {
        self.transport.shutdown().await;
    }
}
