//! Every request Samskap makes to another server: partner catalogues,
//! imported cards, adoption pings and the pages they point at. Only hosts
//! an admin listed as partners are ever contacted; the caller passes them.
//! Each request has a time limit and a size limit, follows a redirect only
//! on the same host, and connects to no loopback, private or link-local
//! address unless the admin listed that very address (an IP literal): a
//! listed name that resolves to one is refused, so a partner's DNS cannot
//! point Samskap at the inside of the network.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::Url;

/// Why a fetch gave nothing.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    #[error("the host is not a listed partner")]
    NotListed,
    #[error("the address is inside the network")]
    Inside,
    #[error("no answer in time, or no connection")]
    Unreachable,
    #[error("the answer was {0}")]
    Status(u16),
    #[error("the answer was larger than allowed")]
    TooLarge,
    #[error("the answer could not be read")]
    Unreadable,
}

/// What a request may take.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub time: Duration,
    pub bytes: usize,
}

/// For a partner's catalogue, card or page: a short wait, a modest size.
pub const PARTNER: Limits = Limits {
    time: Duration::from_millis(1_500),
    bytes: 1024 * 1024,
};

/// The scheme, host and port of `url`, as partners are listed:
/// `https://samskap.asker.kommune.no` (a default port left out).
pub fn origin_of(url: &Url) -> Option<String> {
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let origin = url.origin();
    origin.is_tuple().then(|| origin.ascii_serialization())
}

/// Whether `address` is inside a network rather than on the internet.
pub fn is_inside(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                // Shared address space (carrier-grade NAT), 100.64.0.0/10.
                || (a == 100 && (64..128).contains(&b))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_inside(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                // Unique local fc00::/7 and link-local fe80::/10.
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
        }
    }
}

/// A resolver that drops addresses inside the network: a name is only
/// ever reached on the internet.
struct OutsideOnly;

impl Resolve for OutsideOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let found = tokio::net::lookup_host((name.as_str(), 0)).await?;
            let outside: Vec<SocketAddr> = found.filter(|addr| !is_inside(addr.ip())).collect();
            if outside.is_empty() {
                return Err(Box::new(std::io::Error::other(
                    "the name resolves only to addresses inside the network",
                ))
                    as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(outside.into_iter()) as Addrs)
        })
    }
}

/// The one client every fetch shares (its connection pool and TLS set-up
/// made once): names resolved outside the network only, a redirect
/// followed only to the host the request started on, two at the most.
/// Each request sets its own time limit.
static CLIENT: LazyLock<Result<reqwest::Client, reqwest::Error>> = LazyLock::new(|| {
    reqwest::Client::builder()
        .connect_timeout(PARTNER.time)
        .dns_resolver(Arc::new(OutsideOnly))
        .redirect(reqwest::redirect::Policy::custom(|attempt| {
            let started_on = attempt.previous().first().and_then(Url::host_str);
            if attempt.previous().len() < 3 && attempt.url().host_str() == started_on {
                attempt.follow()
            } else {
                attempt.stop()
            }
        }))
        .user_agent("Samskap (https://github.com/samskap)")
        .build()
});

/// Fetches `url` from one of the `listed` partner origins and returns its
/// body as text. `form` makes it a POST of those fields.
pub async fn fetch(
    url: &Url,
    listed: &[String],
    limits: Limits,
    form: Option<&[(&str, &str)]>,
) -> Result<String, FetchError> {
    let origin = origin_of(url).ok_or(FetchError::NotListed)?;
    if !listed.contains(&origin) {
        return Err(FetchError::NotListed);
    }
    // An address typed as the partner's host (an IP literal) was listed
    // by the admin as it is and is connected to directly; a name goes
    // through `OutsideOnly`, so it must resolve outside the network.
    let client = CLIENT.as_ref().map_err(|_| FetchError::Unreachable)?;
    let request = match form {
        Some(fields) => client.post(url.clone()).form(fields),
        None => client.get(url.clone()),
    }
    .timeout(limits.time);
    let mut answer = tokio::time::timeout(limits.time, request.send())
        .await
        .map_err(|_| FetchError::Unreachable)?
        .map_err(|error| {
            if error.is_connect() && error.to_string().contains("inside the network") {
                FetchError::Inside
            } else {
                FetchError::Unreachable
            }
        })?;
    let status = answer.status();
    if !status.is_success() {
        return Err(FetchError::Status(status.as_u16()));
    }
    if answer
        .content_length()
        .is_some_and(|length| length > limits.bytes as u64)
    {
        return Err(FetchError::TooLarge);
    }
    let mut body = Vec::new();
    let reading = async {
        while let Some(chunk) = answer.chunk().await.map_err(|_| FetchError::Unreadable)? {
            body.extend_from_slice(&chunk);
            if body.len() > limits.bytes {
                return Err(FetchError::TooLarge);
            }
        }
        Ok(())
    };
    tokio::time::timeout(limits.time, reading)
        .await
        .map_err(|_| FetchError::Unreachable)??;
    String::from_utf8(body).map_err(|_| FetchError::Unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_inside_the_network_are_known() {
        for inside in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:10.0.0.1",
        ] {
            let address: IpAddr = inside.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]));
            assert!(is_inside(address), "{inside}");
        }
        for outside in ["193.69.7.10", "8.8.8.8", "2001:4860:4860::8888"] {
            let address: IpAddr = outside.parse().unwrap_or(IpAddr::from([127, 0, 0, 1]));
            assert!(!is_inside(address), "{outside}");
        }
    }

    #[test]
    fn an_origin_is_scheme_host_and_port() -> Result<(), url::ParseError> {
        let origin = |text: &str| Url::parse(text).map(|url| origin_of(&url));
        assert_eq!(
            origin("https://samskap.asker.kommune.no/solutions/3?x=1")?,
            Some("https://samskap.asker.kommune.no".to_owned())
        );
        assert_eq!(
            origin("http://127.0.0.1:4001/")?,
            Some("http://127.0.0.1:4001".to_owned())
        );
        assert_eq!(origin("ftp://example.no/")?, None);
        Ok(())
    }
}
