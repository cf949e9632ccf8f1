//! One error type for every server function. It crosses the wire as JSON, maps
//! to an HTTP status, and carries translation keys rather than sentences, so the
//! reader sees it in their own language. Internal causes are logged on the
//! server and never shown.

use http::StatusCode;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid value for {field}: {problem:?}")]
    Validation { field: String, problem: Problem },
    #[error("conflict")]
    Conflict,
    #[error("rate limited")]
    RateLimited,
    #[error("malformed request")]
    BadRequest,
    #[error("internal error")]
    Internal,
}

/// What is wrong with one field: each variant has a message in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong,
    UnknownChoice,
}

impl AppError {
    pub fn invalid(field: &str, problem: Problem) -> Self {
        Self::Validation {
            field: field.to_owned(),
            problem,
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Conflict => StatusCode::CONFLICT,
            Self::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Self::BadRequest => StatusCode::BAD_REQUEST,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The field this error belongs next to, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Validation { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The request itself was malformed: a missing or unparsable argument.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => Self::BadRequest,
            _ => Self::Internal,
        }
    }

    /// Every server function error passes through here on its way out, so this
    /// is where its HTTP status is set (server functions otherwise answer 500
    /// for every error). A plain HTML form post is redirected back to the form
    /// with the error in the URL instead, which needs a 303.
    fn ser(&self) -> bytes::Bytes {
        #[cfg(feature = "ssr")]
        crate::server::responses::set_error_status(self);
        <JsonEncoding as server_fn::Encodes<Self>>::encode(self).unwrap_or_default()
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        if matches!(
            error.sql_err(),
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
        ) {
            return Self::Conflict;
        }
        tracing::error!(%error, "database error");
        Self::Internal
    }
}
