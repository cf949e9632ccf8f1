//! Two `samskap serve` processes behind a local nginx, on the test's one
//! PostgreSQL database: how a bigger municipality runs Samskap. Each has
//! its own data folder, so nothing is shared but the database.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use anyhow::Context;
use tokio::process::{Child, Command};

use super::TestApp;

pub struct BehindNginx {
    /// The balancer's address: what residents use.
    pub balancer: String,
    /// Each instance's own address, for asking one of them directly.
    pub instances: [String; 2],
    processes: Vec<Child>,
    /// The instances' data folders and nginx's, removed when dropped.
    _folder: tempfile::TempDir,
}

/// A free port on loopback (taken and let go; the process takes it again).
pub fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

impl BehindNginx {
    /// Starts two instances on `app`'s database with `env`, and nginx in
    /// front of them, taking turns.
    pub async fn start(app: &TestApp, env: &[(&str, &str)]) -> anyhow::Result<Self> {
        let folder = tempfile::tempdir()?;
        let balancer_port = free_port()?;
        let balancer = format!("http://127.0.0.1:{balancer_port}");
        let mut processes = Vec::new();
        let mut instances = Vec::new();
        for name in ["a", "b"] {
            let port = free_port()?;
            let data_dir = folder.path().join(name);
            std::fs::create_dir_all(&data_dir)?;
            let process = Command::new(env!("CARGO_BIN_EXE_samskap"))
                .arg("serve")
                .env_clear()
                .env("PATH", std::env::var("PATH").unwrap_or_default())
                .env("DATABASE_URL", &app.config.database_url)
                .env("DATA_DIR", &data_dir)
                .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
                .env(
                    "LEPTOS_SITE_ROOT",
                    concat!(env!("CARGO_MANIFEST_DIR"), "/../public"),
                )
                .env("PUBLIC_URL", &balancer)
                .env("TRUSTED_PROXIES", "127.0.0.1/32")
                .env("RUST_LOG", "warn")
                .envs(env.iter().copied())
                .stdout(Stdio::null())
                .kill_on_drop(true)
                .spawn()
                .context("starting samskap serve")?;
            processes.push(process);
            instances.push(format!("http://127.0.0.1:{port}"));
        }
        let nginx = start_nginx(folder.path(), balancer_port, &instances)?;
        processes.push(nginx);
        let pair = Self {
            balancer,
            instances: [instances[0].clone(), instances[1].clone()],
            processes,
            _folder: folder,
        };
        for address in pair.instances.iter().chain([&pair.balancer]) {
            wait_until_ready(address).await?;
        }
        Ok(pair)
    }

    /// Whether every process still runs.
    pub fn all_running(&mut self) -> bool {
        self.processes
            .iter_mut()
            .all(|process| matches!(process.try_wait(), Ok(None)))
    }
}

impl Drop for BehindNginx {
    /// nginx is asked to stop (a kill would leave its worker process
    /// running); the instances are killed as they are dropped.
    fn drop(&mut self) {
        for process in &mut self.processes {
            if let Some(pid) = process.id() {
                let _ = std::process::Command::new("kill")
                    .args(["-TERM", &pid.to_string()])
                    .status();
            }
        }
        for process in &mut self.processes {
            for _ in 0..50 {
                if !matches!(process.try_wait(), Ok(None)) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

fn start_nginx(folder: &Path, port: u16, instances: &[String]) -> anyhow::Result<Child> {
    let upstreams: String = instances
        .iter()
        .map(|address| format!("server {};\n", address.trim_start_matches("http://")))
        .collect();
    let prefix = folder.join("nginx");
    std::fs::create_dir_all(prefix.join("logs"))?;
    let config = format!(
        "worker_processes 1;
         error_log {logs}/error.log warn;
         pid {logs}/nginx.pid;
         events {{ worker_connections 1024; }}
         http {{
           access_log off;
           client_body_temp_path {logs}/body;
           proxy_temp_path {logs}/proxy;
           fastcgi_temp_path {logs}/fastcgi;
           uwsgi_temp_path {logs}/uwsgi;
           scgi_temp_path {logs}/scgi;
           upstream samskap {{ {upstreams} keepalive 16; }}
           server {{
             listen 127.0.0.1:{port};
             location / {{
               proxy_pass http://samskap;
               proxy_http_version 1.1;
               proxy_set_header Connection \"\";
               proxy_set_header Host $http_host;
               proxy_set_header X-Forwarded-For $remote_addr;
               proxy_set_header X-Forwarded-Proto $scheme;
             }}
           }}
         }}",
        logs = prefix.join("logs").display(),
    );
    let config_file = prefix.join("nginx.conf");
    std::fs::write(&config_file, config)?;
    Command::new("nginx")
        .arg("-p")
        .arg(&prefix)
        .arg("-c")
        .arg(&config_file)
        .arg("-e")
        .arg(prefix.join("logs/error.log"))
        .args(["-g", "daemon off;"])
        .kill_on_drop(true)
        .spawn()
        .context("starting nginx (Debian's nginx-light; server/scripts/services.sh installs it)")
}

async fn wait_until_ready(address: &str) -> anyhow::Result<()> {
    let client = reqwest::Client::new();
    for _ in 0..150 {
        let answer = client.get(format!("{address}/readyz")).send().await;
        if answer.is_ok_and(|answer| answer.status().is_success()) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    anyhow::bail!("{address} did not become ready within 15 s")
}
