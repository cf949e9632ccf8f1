//! Who is asking: helpers every server function and page starts with.
//! The viewer is looked up once per request by the server's session
//! middleware and travels in the request's extensions.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::extract::ConnectInfo;
use leptos::prelude::*;

use crate::error::{AppError, Problem};
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

/// The signed-in person, for a read or a write. A suspended or banned
/// person reads (GET and HEAD: pages and `GetUrl` server functions) but
/// writes nothing, whatever their role. The rule lives here, where every
/// server function that acts for someone starts, so no form can forget it.
pub fn require_viewer() -> Result<Viewer, AppError> {
    refuse_restricted_writes(require_viewer_even_if_restricted()?)
}

/// The signed-in person even when suspended or banned. Only for what a
/// restriction leaves open: reading, deleting one's own data and leaving
/// (the account, notification emails, the password, follows, one's own
/// comments, a challenge's team). Anything else uses [`require_viewer`].
pub fn require_viewer_even_if_restricted() -> Result<Viewer, AppError> {
    viewer().ok_or(AppError::Unauthorized)
}

/// Someone with `role`; restricted, they read only, as with [`require_viewer`].
pub fn require_role(role: Role) -> Result<Viewer, AppError> {
    let viewer = require_viewer_even_if_restricted()?;
    if !viewer.has_role(role) {
        return Err(AppError::Forbidden);
    }
    refuse_restricted_writes(viewer)
}

/// A restriction limits every write. The message points to the
/// notification that gives the reason, as `Viewer::require_participant`'s does.
fn refuse_restricted_writes(viewer: Viewer) -> Result<Viewer, AppError> {
    if viewer.restriction.is_some() && request_writes() {
        return Err(AppError::invalid("account", Problem::AccountRestricted));
    }
    Ok(viewer)
}

/// Anything but GET and HEAD may change something. Without a request in
/// sight, assume it may.
fn request_writes() -> bool {
    use_context::<http::request::Parts>()
        .is_none_or(|parts| !matches!(parts.method, http::Method::GET | http::Method::HEAD))
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

/// The key this request's per-address rate limits count under: every
/// limit "per address" keys on this, never on `client_ip()` itself.
pub fn client_address_key() -> String {
    address_key(client_ip())
}

/// An IPv4 address counts as itself, also when it arrives IPv4-mapped
/// (`::ffff:a.b.c.d`). An IPv6 address counts as its /64: a home or a phone
/// gets a whole /64 and may use any address in it, so counting addresses
/// one by one would give one client 2^64 allowances.
fn address_key(address: IpAddr) -> String {
    match address.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let network = u128::from(v6) & !u128::from(u64::MAX);
            format!("{}/64", Ipv6Addr::from(network))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> String {
        text.parse::<IpAddr>()
            .map(address_key)
            .unwrap_or_else(|error| format!("{text}: {error}"))
    }

    #[test]
    fn an_ipv4_address_counts_as_itself() {
        assert_eq!(key("198.51.100.7"), "198.51.100.7");
        assert_ne!(key("198.51.100.7"), key("198.51.100.8"));
    }

    #[test]
    fn an_ipv4_mapped_address_counts_as_its_ipv4_address() {
        assert_eq!(key("::ffff:198.51.100.7"), "198.51.100.7");
    }

    #[test]
    fn an_ipv6_address_counts_as_its_64_network() {
        assert_eq!(key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
        assert_eq!(key("2001:db8:1:2::1"), key("2001:db8:1:2:ffff::9"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::1"), "::/64");
    }
}
