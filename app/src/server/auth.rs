//! Who is asking: helpers every server function and page starts with.
//! The viewer is looked up once per request by the server's session
//! middleware and travels in the request's extensions.

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use leptos::prelude::*;

use crate::error::AppError;
use crate::features::accounts::types::{Role, Viewer};

/// The session token of this request, as the middleware found it.
#[derive(Clone, Debug)]
pub struct SessionToken(pub String);

pub fn viewer() -> Option<Viewer> {
    use_context::<http::request::Parts>()?
        .extensions
        .get::<Viewer>()
        .cloned()
}

pub fn require_viewer() -> Result<Viewer, AppError> {
    viewer().ok_or(AppError::Unauthorized)
}

pub fn require_role(role: Role) -> Result<Viewer, AppError> {
    let viewer = require_viewer()?;
    if viewer.has_role(role) {
        Ok(viewer)
    } else {
        Err(AppError::Forbidden)
    }
}

pub fn session_token() -> Option<String> {
    use_context::<http::request::Parts>()?
        .extensions
        .get::<SessionToken>()
        .map(|token| token.0.clone())
}

/// The client's address as the server's middleware worked it out (behind
/// a trusted load balancer: the address it forwarded; see `TRUSTED_PROXIES`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

/// The address the request came from: the client's, or the TCP peer's.
pub fn client_ip() -> IpAddr {
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .extensions
                .get::<ClientIp>()
                .map(|client| client.0)
                .or_else(|| {
                    parts
                        .extensions
                        .get::<ConnectInfo<SocketAddr>>()
                        .map(|info| info.0.ip())
                })
        })
        .unwrap_or(IpAddr::from([0, 0, 0, 0]))
}
