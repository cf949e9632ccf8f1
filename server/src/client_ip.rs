//! Who is asking, by address: the TCP peer, or behind a trusted load
//! balancer the address it forwarded. Per-address rate limits count this.
//!
//! `X-Forwarded-For` is read only when the peer is a trusted proxy, and
//! from the right: each trusted proxy appends the address it was reached
//! from, so the first untrusted address from the right is the client. What
//! a client writes into the header itself stays on the left and is never
//! believed. Entries may carry a port (`ip:port`, `[v6]:port`), as some
//! balancers write them; IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, what
//! a dual-stack listener reports for an IPv4 peer) count as the IPv4
//! address, both for matching `TRUSTED_PROXIES` and as the client.

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
        // The address the nearest trusted hop vouches for, so far: the peer.
        let mut vouched = peer.to_canonical();
        if !self.trust(vouched) {
            return vouched;
        }
        for entry in forwarded_entries(headers).into_iter().rev() {
            // An entry that does not parse means the header cannot be believed
            // from here leftwards: the trusted hop to its right wrote it in a
            // way we do not understand, or something that is no trusted proxy
            // wrote it. Skipping it would let whatever a client put further
            // left pass as the client, so we stop, and the request counts as
            // coming from that trusted hop (or the peer): the furthest address
            // we can vouch for. Everyone behind it then shares its limits,
            // which errs on the safe side.
            let Some(address) = entry.and_then(parse_entry) else {
                return vouched;
            };
            if !self.trust(address) {
                return address;
            }
            vouched = address;
        }
        // Every hop trusted: the one furthest from us.
        vouched
    }
}

/// Every entry of every `X-Forwarded-For` line, in order; `None` for a line
/// that is not even text, so that it, too, stops the reading.
fn forwarded_entries(headers: &HeaderMap) -> Vec<Option<&str>> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .flat_map(|value| match value.to_str() {
            Ok(text) => text.split(',').map(Some).collect(),
            Err(_) => vec![None],
        })
        .collect()
}

/// One entry of `X-Forwarded-For`: `ip`, `ip:port`, `[v6]` or `[v6]:port`,
/// IPv4-mapped addresses as IPv4.
fn parse_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    let address = entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|socket| socket.ip()))
        .or_else(|| {
            entry
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|inner| inner.parse::<std::net::Ipv6Addr>().ok())
                .map(IpAddr::V6)
        })?;
    Some(address.to_canonical())
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

    #[test]
    fn an_entry_with_a_port_is_the_address_without_it() {
        let balancer = proxies(&["10.0.0.0/8"]);
        for (entry, client) in [
            ("198.51.100.1:4711", "198.51.100.1"),
            ("[2001:db8::7]:443", "2001:db8::7"),
            ("[2001:db8::7]", "2001:db8::7"),
            ("2001:db8::7", "2001:db8::7"),
        ] {
            assert_eq!(
                balancer.client(ip("10.0.0.5"), &forwarded(entry)),
                ip(client),
                "{entry}"
            );
        }
    }

    #[test]
    fn a_balancer_that_writes_ports_cannot_be_bypassed() {
        let balancer = proxies(&["10.0.0.0/8"]);
        // The client wrote 1.2.3.4; the balancer appended where it really came from, with its port.
        assert_eq!(
            balancer.client(ip("10.0.0.5"), &forwarded("1.2.3.4, 198.51.100.1:4711")),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn ipv4_mapped_addresses_are_ipv4() {
        let balancer = proxies(&["10.0.0.0/8"]);
        // A dual-stack listener sees the IPv4 balancer as ::ffff:10.0.0.5.
        assert_eq!(
            balancer.client(ip("::ffff:10.0.0.5"), &forwarded("198.51.100.1")),
            ip("198.51.100.1")
        );
        assert_eq!(
            balancer.client(ip("10.0.0.5"), &forwarded("::ffff:198.51.100.1")),
            ip("198.51.100.1")
        );
        // A mapped trusted hop is still trusted.
        assert_eq!(
            balancer.client(
                ip("10.0.0.5"),
                &forwarded("198.51.100.1, [::ffff:10.0.0.7]:80")
            ),
            ip("198.51.100.1")
        );
        // Not through the balancer: the peer itself, as IPv4.
        assert_eq!(
            balancer.client(ip("::ffff:203.0.113.9"), &forwarded("1.2.3.4")),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn reading_stops_at_an_entry_that_does_not_parse() {
        let balancer = proxies(&["10.0.0.0/8"]);
        // Left of the nonsense nothing can be believed: the trusted hop to its right saw the client.
        assert_eq!(
            balancer.client(ip("10.0.0.5"), &forwarded("1.2.3.4, garbage, 10.0.0.7")),
            ip("10.0.0.7")
        );
        assert_eq!(
            balancer.client(ip("10.0.0.5"), &forwarded("1.2.3.4, garbage")),
            ip("10.0.0.5")
        );
        assert_eq!(
            balancer.client(ip("10.0.0.5"), &forwarded("1.2.3.4, , 10.0.0.7")),
            ip("10.0.0.7")
        );
    }

    #[test]
    fn several_header_lines_read_as_one_list() -> Result<(), http::header::InvalidHeaderValue> {
        let balancer = proxies(&["10.0.0.0/8"]);
        let mut headers = HeaderMap::new();
        headers.append("x-forwarded-for", http::HeaderValue::from_static("1.2.3.4"));
        headers.append(
            "x-forwarded-for",
            http::HeaderValue::from_static("198.51.100.1:4711"),
        );
        assert_eq!(
            balancer.client(ip("10.0.0.5"), &headers),
            ip("198.51.100.1")
        );

        // A line that is not even text cannot be read, so nothing left of it is believed.
        let mut unreadable = HeaderMap::new();
        unreadable.append("x-forwarded-for", http::HeaderValue::from_static("1.2.3.4"));
        unreadable.append(
            "x-forwarded-for",
            http::HeaderValue::from_bytes(b"\xff198.51.100.1")?,
        );
        assert_eq!(balancer.client(ip("10.0.0.5"), &unreadable), ip("10.0.0.5"));
        Ok(())
    }
}
