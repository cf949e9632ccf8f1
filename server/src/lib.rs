//! The Samskap server: configuration, start-up, the HTTP router and the
//! operator's command line. The application itself lives in the `app` crate.

pub mod api;
mod audit_csv;
mod body_limit;
pub mod client_ip;
pub mod config;
mod csv_download;
pub mod db;
pub mod demo;
mod feeds;
mod form_echo;
mod gains_csv;
pub mod generate;
mod health;
mod ideas_csv;
mod language;
pub mod metrics;
pub mod observability;
pub mod open_data;
mod own_data;
mod photo_store;
mod photos;
mod reactive_owner;
pub mod router;
mod security;
mod session;
mod static_files;
mod theme;
mod unsubscribe;

use std::io;

use anyhow::Context;
use app::server::AppState;
use app::server::jobs::{self, JobWorker};
use app::server::mail::{MailWorker, Mailer, Transport, spawn_worker};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

use crate::config::{Config, MailDelivery};

/// Samskap assembled: the router to serve, the state its requests share, and
/// the workers already running beside it.
pub struct Samskap {
    pub router: axum::Router,
    pub state: AppState,
    /// Stop it after serving ends, so the email in hand is finished.
    pub mail_worker: MailWorker,
    /// Notification emails, the daily digest and other periodic jobs.
    pub job_worker: JobWorker,
}

/// Connects, migrates, builds the whole application for `config` and starts
/// its mail worker.
pub async fn build(config: &Config) -> anyhow::Result<Samskap> {
    let measured = std::sync::Arc::new(metrics::Metrics::new());
    let mut db = db::connect(config)
        .await
        .context("cannot connect to the database")?;
    measured.count_statements_of(&mut db);
    db::migrate(&db)
        .await
        .context("cannot bring the database schema up to date")?;
    let replica = match &config.database_replica_url {
        Some(url) => {
            let mut replica = db::connect_to(url)
                .await
                .context("cannot connect to the replica (DATABASE_REPLICA_URL)")?;
            measured.count_statements_of(&mut replica);
            Some(replica)
        }
        None => None,
    };
    let router::Built { router, state } = router::build(config, db, replica, measured)?;
    let mail_worker = start_mail_worker(config, state.db.clone())?;
    let job_worker = jobs::spawn(state.db.clone(), state.public_url.clone());
    Ok(Samskap {
        router,
        state,
        mail_worker,
        job_worker,
    })
}

/// Starts the worker that sends the outbox's email the way `config` says.
pub fn start_mail_worker(config: &Config, db: DatabaseConnection) -> anyhow::Result<MailWorker> {
    let transport = match &config.mail {
        MailDelivery::Smtp(url) => Transport::smtp(url.as_str()).context("cannot use SMTP_URL")?,
        MailDelivery::Files(folder) => {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("cannot create the email folder {}", folder.display()))?;
            Transport::files(folder)
        }
    };
    let mailer = Mailer::new(transport, config.mail_from.clone(), config.mail_retry);
    Ok(spawn_worker(db, mailer))
}

/// Serves until the process is told to stop (Ctrl-C or SIGTERM), then
/// finishes the requests in flight.
pub async fn serve(listener: TcpListener, app: axum::Router) -> io::Result<()> {
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
}

pub fn describe_mail(config: &Config) -> String {
    match &config.mail {
        MailDelivery::Smtp(url) => {
            format!("email is sent through {}", url.host_str().unwrap_or("?"))
        }
        MailDelivery::Files(dir) => format!("email is written as .eml files to {}", dir.display()),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
