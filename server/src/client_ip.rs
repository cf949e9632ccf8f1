//! Who is asking, by address: the TCP peer, or behind a trusted load
//! balancer the address it forwarded. Per-address rate limits count this.
//!
//! `X-Forwarded-For` is read only when the peer is a trusted proxy, and
//! from the right: each trusted proxy appends the address it was reached
//! from, so the first untrusted address from the right is the client. What
//! a client writes into the header itself stays on the left and is never
//! believed.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use app::server::auth::ClientIp;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::HeaderMap;
use ipnet::IpNet;

/// The trusted proxies, shared by every request.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(pub Arc<Vec<IpNet>>);

impl TrustedProxies {
    fn trust(&self, address: IpAddr) -> bool {
        self.0.iter().any(|network| network.contains(&address))
    }

    /// The client's address for a request from `peer` with `headers`.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trust(peer) {
            return peer;
        }
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .filter_map(|entry| entry.trim().parse().ok())
            .collect();
        forwarded
            .iter()
            .rev()
            .copied()
            .find(|address| !self.trust(*address))
            // Every hop trusted: the one furthest from us.
            .or_else(|| forwarded.first().copied())
            .unwrap_or(peer)
    }
}

/// Puts the client's address into the request for `auth::client_ip`.
pub async fn attach_client_ip(
    State(proxies): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    if let Some(peer) = peer {
        let client = proxies.client(peer, request.headers());
        request.extensions_mut().insert(ClientIp(client));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies(Arc::new(
            list.iter().filter_map(|entry| entry.parse().ok()).collect(),
        ))
    }

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(value) = value.parse() {
            headers.insert("x-forwarded-for", value);
        }
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let none = proxies(&[]);
        assert_eq!(
            none.client(ip("203.0.113.9"), &forwarded("198.51.100.1")),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_forwarded_client_counts() {
        let balancer = proxies(&["10.0.0.0/8"]);
        assert_eq!(
            balancer.client(ip("10.0.0.5"), &forwarded("198.51.100.1")),
            ip("198.51.100.1")
        );
        // What the client wrote itself is on the left, and not believed.
        assert_eq!(
            balancer.client(
                ip("10.0.0.5"),
                &forwarded("1.2.3.4, 198.51.100.1, 10.0.0.7")
            ),
            ip("198.51.100.1")
        );
        // A request that did not come through the proxy is its own client.
        assert_eq!(
            balancer.client(ip("203.0.113.9"), &forwarded("1.2.3.4")),
            ip("203.0.113.9")
        );
        // No header, or nonsense in it: the proxy itself.
        assert_eq!(
            balancer.client(ip("10.0.0.5"), &HeaderMap::new()),
            ip("10.0.0.5")
        );
        assert_eq!(
            balancer.client(ip("10.0.0.5"), &forwarded("unknown")),
            ip("10.0.0.5")
        );
    }
}
