//! An email as Samskap writes it, and the MIME message a stored one becomes.

use std::time::SystemTime;

use lettre::Message;
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};

use crate::entities::outbox;

/// A rendered email, ready for [`super::enqueue`]. Made by
/// [`super::render`]; features add headers of their own with
/// [`OutgoingEmail::with_header`] (e.g. `List-Unsubscribe`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingEmail {
    to: String,
    template: &'static str,
    subject: String,
    text: String,
    html: String,
    headers: Vec<(String, String)>,
}

impl OutgoingEmail {
    pub(super) fn new(
        to: &str,
        template: &'static str,
        subject: String,
        text: String,
        html: String,
    ) -> Self {
        Self {
            to: to.trim().to_owned(),
            template,
            subject,
            text,
            html,
            headers: Vec::new(),
        }
    }

    /// Adds a header. Names are the code's own constants; values are encoded
    /// on the way out, so a line break in one cannot start another header.
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    pub fn to(&self) -> &str {
        &self.to
    }

    pub fn template(&self) -> &'static str {
        self.template
    }

    pub fn subject(&self) -> &str {
        &self.subject
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn html(&self) -> &str {
        &self.html
    }

    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }
}

/// Why a stored email cannot become a message. Enqueueing checks the same
/// things, so this means the row was changed by hand or the code has a bug.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Unsendable(String);

/// The MIME message for a stored email. Its Message-ID and Date come from the
/// row, so every attempt sends the same message.
pub(super) fn compose(email: &outbox::Model, from: &Mailbox) -> Result<Message, Unsendable> {
    let to: lettre::Address = email
        .recipient
        .parse()
        .map_err(|error| Unsendable(format!("recipient: {error}")))?;
    let mut builder = Message::builder()
        .message_id(Some(message_id_header(&email.message_id, from)))
        .date(SystemTime::from(email.created_at))
        .from(from.clone())
        .to(Mailbox::new(None, to))
        .subject(email.subject.clone())
        // Tells vacation responders and the like not to answer (RFC 3834).
        .raw_header(header("Auto-Submitted", "auto-generated".to_owned())?);
    for (name, value) in stored_headers(&email.headers)? {
        builder = builder.raw_header(header(&name, value)?);
    }
    builder
        .multipart(
            MultiPart::alternative()
                .singlepart(part(ContentType::TEXT_PLAIN, &email.body_text)?)
                .singlepart(part(ContentType::TEXT_HTML, &email.body_html)?),
        )
        .map_err(|error| Unsendable(format!("message: {error}")))
}

/// Always quoted-printable: Norwegian text stays readable in the raw message
/// (and in the `.eml` files), where base64 would hide it.
fn part(content_type: ContentType, content: &str) -> Result<SinglePart, Unsendable> {
    let body =
        Body::new_with_encoding(content.to_owned(), ContentTransferEncoding::QuotedPrintable)
            .map_err(|_| Unsendable("body: cannot be quoted-printable".to_owned()))?;
    Ok(SinglePart::builder().header(content_type).body(body))
}

/// `<unique part@the sender's domain>`, as RFC 5322 asks.
pub fn message_id_header(unique_part: &str, from: &Mailbox) -> String {
    format!("<{unique_part}@{}>", from.email.domain())
}

/// Checks what [`compose`] will need, so a bad email is refused when it is
/// queued rather than failing in the worker later.
pub(super) fn check(email: &OutgoingEmail) -> Result<(), Unsendable> {
    email
        .to
        .parse::<lettre::Address>()
        .map_err(|error| Unsendable(format!("recipient {:?}: {error}", email.to)))?;
    for (name, value) in &email.headers {
        header(name, value.clone())?;
    }
    Ok(())
}

pub(super) fn encode_headers(headers: &[(String, String)]) -> Result<String, Unsendable> {
    serde_json::to_string(headers).map_err(|error| Unsendable(format!("headers: {error}")))
}

fn stored_headers(json: &str) -> Result<Vec<(String, String)>, Unsendable> {
    serde_json::from_str(json).map_err(|error| Unsendable(format!("headers: {error}")))
}

fn header(name: &str, value: String) -> Result<HeaderValue, Unsendable> {
    let name = HeaderName::new_from_ascii(name.to_owned())
        .map_err(|_| Unsendable(format!("header name {name:?}")))?;
    Ok(HeaderValue::new(name, value))
}
