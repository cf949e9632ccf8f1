//! `/metrics` in Prometheus's text format (the `prometheus-client` crate):
//! requests and their latency by route, database statements and their
//! time (so a benchmark can tell the statements a page costs), the
//! database pool in use, the outbox's depth and the age of its oldest unsent email, and the job
//! worker's lag (the oldest notification still waiting to be emailed).
//!
//! Routes are the router's own patterns (`/ideas/{id}`), never the address
//! asked for, so the number of series stays fixed whatever is requested.
//! Counts are per instance; Prometheus adds the instances up.
//!
//! Who may read it: a request with `Authorization: Bearer $METRICS_TOKEN`
//! when that is set, else only a client on this machine (a scraper beside
//! it, or the proxy's own health checks), so a visitor cannot map the site.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use app::server::auth::ClientIp;
use subtle::ConstantTimeEq as _;

use crate::config::MetricsToken;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: String,
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

type Seconds = Gauge<f64, AtomicU64>;

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    statements: Counter,
    statement_time: Histogram,
    pool_connections: Gauge,
    pool_idle: Gauge,
    outbox_waiting: Gauge,
    outbox_oldest: Seconds,
    notifications_waiting: Gauge,
    job_lag: Seconds,
}

/// Latency buckets: 1 ms to about 8 s, doubling.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 14))
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("samskap");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "Requests answered, by route, method and status",
            requests.clone(),
        );
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(
            latency_histogram as fn() -> Histogram,
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer a request, by route",
            latency.clone(),
        );
        let statements = Counter::default();
        registry.register(
            "db_statements",
            "Database statements run (primary and replica)",
            statements.clone(),
        );
        let statement_time = latency_histogram();
        registry.register(
            "db_statement_duration_seconds",
            "Time the database took for a statement",
            statement_time.clone(),
        );
        let metrics = Self {
            registry,
            requests,
            latency,
            statements,
            statement_time,
            pool_connections: Gauge::default(),
            pool_idle: Gauge::default(),
            outbox_waiting: Gauge::default(),
            outbox_oldest: Seconds::default(),
            notifications_waiting: Gauge::default(),
            job_lag: Seconds::default(),
        };
        metrics.register_gauges()
    }

    fn register_gauges(mut self) -> Self {
        let registry = &mut self.registry;
        registry.register(
            "db_pool_connections",
            "Open database connections of this instance",
            self.pool_connections.clone(),
        );
        registry.register(
            "db_pool_idle_connections",
            "Open database connections not in use",
            self.pool_idle.clone(),
        );
        registry.register(
            "outbox_waiting_emails",
            "Emails neither sent nor given up on",
            self.outbox_waiting.clone(),
        );
        registry.register(
            "outbox_oldest_waiting_seconds",
            "Age of the oldest email not yet sent (0 when none waits)",
            self.outbox_oldest.clone(),
        );
        registry.register(
            "jobs_notifications_waiting",
            "Notifications waiting for the job worker to email them",
            self.notifications_waiting.clone(),
        );
        registry.register(
            "jobs_lag_seconds",
            "Age of the oldest notification waiting to be emailed (0 when none waits)",
            self.job_lag.clone(),
        );
        self
    }

    /// Counts and times every statement `db` runs from now on.
    pub fn count_statements_of(self: &Arc<Self>, db: &mut DatabaseConnection) {
        let metrics = Arc::clone(self);
        db.set_metric_callback(move |info| {
            metrics.statements.inc();
            metrics.statement_time.observe(info.elapsed.as_secs_f64());
        });
    }

    fn observe(&self, route: String, method: String, status: StatusCode, seconds: f64) {
        self.latency
            .get_or_create(&RouteLabels {
                route: route.clone(),
            })
            .observe(seconds);
        self.requests
            .get_or_create(&RequestLabels {
                route,
                method,
                status: status.as_u16().to_string(),
            })
            .inc();
    }

    /// Reads what is measured from the database, then writes it all out.
    async fn render(&self, db: &DatabaseConnection) -> anyhow::Result<String> {
        let (open, idle) = pool_use(db);
        self.pool_connections.set(open);
        self.pool_idle.set(idle);
        let now = Utc::now();
        let (emails, oldest_email) = waiting(
            db,
            "SELECT COUNT(*) AS waiting, MIN(created_at) AS oldest FROM outbox \
             WHERE sent_at IS NULL AND failed_at IS NULL",
        )
        .await?;
        self.outbox_waiting.set(emails);
        self.outbox_oldest.set(age(now, oldest_email));
        let (notifications, oldest_notification) = waiting(
            db,
            "SELECT COUNT(*) AS waiting, MIN(created_at) AS oldest FROM notification \
             WHERE email_due = 'now'",
        )
        .await?;
        self.notifications_waiting.set(notifications);
        self.job_lag.set(age(now, oldest_notification));
        let mut text = String::new();
        encode(&mut text, &self.registry)?;
        Ok(text)
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

fn age(now: DateTime<Utc>, since: Option<DateTime<Utc>>) -> f64 {
    since.map_or(0.0, |since| {
        (now - since).num_milliseconds().max(0) as f64 / 1000.0
    })
}

/// Open and idle connections of the pool sea-orm keeps.
fn pool_use(db: &DatabaseConnection) -> (i64, i64) {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (i64::from(pool.size()), pool.num_idle() as i64)
        }
        _ => {
            let pool = db.get_sqlite_connection_pool();
            (i64::from(pool.size()), pool.num_idle() as i64)
        }
    }
}

async fn waiting(
    db: &DatabaseConnection,
    sql: &str,
) -> Result<(i64, Option<DateTime<Utc>>), sea_orm::DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    let Some(row) = row else {
        return Ok((0, None));
    };
    Ok((row.try_get("", "waiting")?, row.try_get("", "oldest")?))
}

/// Counts and times every request by the route that answered it.
pub async fn record(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |path| path.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let response = next.run(request).await;
    metrics.observe(
        route,
        method,
        response.status(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// What `/metrics` needs: the numbers, the database, and who may read.
#[derive(Clone)]
pub struct MetricsEndpoint {
    pub metrics: Arc<Metrics>,
    pub db: DatabaseConnection,
    pub token: Option<MetricsToken>,
}

pub async fn serve(
    State(endpoint): State<MetricsEndpoint>,
    client: Option<axum::Extension<ClientIp>>,
    headers: HeaderMap,
) -> Response {
    let allowed = match &endpoint.token {
        Some(MetricsToken(token)) => bearer(&headers)
            .is_some_and(|given| bool::from(given.as_bytes().ct_eq(token.as_bytes()))),
        None => client.is_some_and(|axum::Extension(ClientIp(ip))| ip.is_loopback()),
    };
    if !allowed {
        return StatusCode::NOT_FOUND.into_response();
    }
    match endpoint.metrics.render(&endpoint.db).await {
        Ok(text) => (
            [(
                header::CONTENT_TYPE,
                "application/openmetrics-text; version=1.0.0; charset=utf-8",
            )],
            text,
        )
            .into_response(),
        Err(error) => {
            tracing::warn!(%error, "cannot read the numbers for /metrics");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
}
