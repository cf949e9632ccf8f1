//! The open data API's limit per client address, kept in this instance's
//! memory: reading costs no write, and a program polling too fast gets 429
//! with `Retry-After`. Each of several instances keeps its own count, so
//! behind a load balancer the limit an address meets is per instance.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use app::server::auth::ClientIp;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

/// Addresses remembered before the idle ones are forgotten.
const REMEMBERED: usize = 10_000;

/// The limiter, shared by every request.
#[derive(Clone)]
pub struct ApiLimit(Arc<DefaultKeyedRateLimiter<IpAddr>>);

impl ApiLimit {
    /// `per_minute` requests a minute from one address, all of them at
    /// once if it has been quiet.
    pub fn per_minute(per_minute: NonZeroU32) -> Self {
        Self(Arc::new(DefaultKeyedRateLimiter::keyed(
            Quota::per_minute(per_minute).allow_burst(per_minute),
        )))
    }
}

pub async fn limit_per_address(
    State(limit): State<ApiLimit>,
    request: Request,
    next: Next,
) -> Response {
    let Some(ClientIp(address)) = request.extensions().get::<ClientIp>().copied() else {
        return next.run(request).await;
    };
    if limit.0.len() > REMEMBERED {
        limit.0.retain_recent();
    }
    match limit.0.check_key(&address) {
        Ok(()) => next.run(request).await,
        Err(not_until) => {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            let mut response = super::answer::error(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many requests from this address; wait as Retry-After says.",
            );
            if let Ok(seconds) = HeaderValue::from_str(&(wait.as_secs() + 1).to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, seconds);
            }
            response
        }
    }
}
