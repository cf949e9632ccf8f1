//! The Samskap server: configuration, start-up, the HTTP router and the
//! operator's command line. The application itself lives in the `app` crate.

pub mod config;
pub mod db;
mod health;
pub mod router;
mod security;

use std::io;

use anyhow::Context;
use tokio::net::TcpListener;

use crate::config::{Config, MailDelivery};

/// Connects, migrates and builds the whole application for `config`.
pub async fn build(config: &Config) -> anyhow::Result<router::Built> {
    let db = db::connect(config)
        .await
        .context("cannot connect to the database")?;
    db::migrate(&db)
        .await
        .context("cannot bring the database schema up to date")?;
    Ok(router::build(config, db))
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
