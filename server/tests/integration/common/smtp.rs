//! A small but real SMTP server for the tests: it speaks enough of RFC 5321
//! for lettre (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps every
//! message it accepts, refuses recipients whose address contains "refused",
//! and can be stopped and started again on the same port, as an outage would.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use anyhow::Context;
use base64::Engine;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

pub struct SmtpServer {
    address: SocketAddr,
    received: Arc<Mutex<Vec<ReceivedEmail>>>,
    running: Option<JoinHandle<()>>,
    /// While stopped, the port stays bound without listening. Released, it
    /// could go to another test's listener or become a client's own
    /// ephemeral port (a TCP self-connect), and a send would then hang for
    /// the whole SMTP timeout instead of being refused.
    held_port: Option<TcpSocket>,
}

/// One accepted message, as it arrived.
#[derive(Clone, Debug)]
pub struct ReceivedEmail {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    pub data: String,
}

impl SmtpServer {
    /// Listens on a free port of 127.0.0.1.
    pub async fn start() -> anyhow::Result<Self> {
        let listener = listen(SocketAddr::from(([127, 0, 0, 1], 0)))?;
        let address = listener.local_addr()?;
        let received = Arc::new(Mutex::new(Vec::new()));
        let running = Some(tokio::spawn(accept(listener, received.clone())));
        Ok(Self {
            address,
            received,
            running,
            held_port: None,
        })
    }

    /// `SMTP_URL` for this server.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.address)
    }

    /// Closes every open connection and stops listening: clients now get
    /// "connection refused".
    pub async fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            running.abort();
            let _ = running.await;
        }
        if self.held_port.is_none() {
            self.held_port = bind(self.address).ok();
        }
    }

    /// Listens again on the same port.
    pub async fn restart(&mut self) -> anyhow::Result<()> {
        self.stop().await;
        let socket =
            bind(self.address).with_context(|| format!("cannot bind {} again", self.address))?;
        self.held_port = None;
        let listener = socket
            .listen(64)
            .with_context(|| format!("cannot listen on {} again", self.address))?;
        self.running = Some(tokio::spawn(accept(listener, self.received.clone())));
        Ok(())
    }

    pub fn received(&self) -> Vec<ReceivedEmail> {
        self.received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Waits until at least `count` messages have arrived.
    pub async fn wait_for(&self, count: usize) -> anyhow::Result<Vec<ReceivedEmail>> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            let received = self.received();
            if received.len() >= count {
                return Ok(received);
            }
            anyhow::ensure!(
                tokio::time::Instant::now() < deadline,
                "{} of {count} emails arrived in time",
                received.len()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

/// A listener that may take the port of one stopped a moment ago.
fn listen(address: SocketAddr) -> anyhow::Result<TcpListener> {
    Ok(bind(address)?.listen(64)?)
}

/// A socket bound to `address`; other sockets may bind it too as long as
/// none of them listens, which lets a restart take over the held port.
fn bind(address: SocketAddr) -> anyhow::Result<TcpSocket> {
    let socket = TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(address)?;
    Ok(socket)
}

/// Serves until aborted; aborting drops the sessions with it.
async fn accept(listener: TcpListener, received: Arc<Mutex<Vec<ReceivedEmail>>>) {
    let mut sessions = JoinSet::new();
    while let Ok((stream, _)) = listener.accept().await {
        sessions.spawn(session(stream, received.clone()));
        while sessions.try_join_next().is_some() {}
    }
}

async fn session(
    stream: TcpStream,
    received: Arc<Mutex<Vec<ReceivedEmail>>>,
) -> std::io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader);
    writer
        .write_all(b"220 localhost Samskap test SMTP\r\n")
        .await?;
    let mut mail_from = String::new();
    let mut rcpt_to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" | "HELO" => b"250 localhost\r\n",
            "MAIL" => {
                mail_from = address_in(&command);
                rcpt_to.clear();
                b"250 OK\r\n"
            }
            "RCPT" => {
                let recipient = address_in(&command);
                if recipient.contains("refused") {
                    b"550 5.1.1 No such mailbox here\r\n"
                } else {
                    rcpt_to.push(recipient);
                    b"250 OK\r\n"
                }
            }
            "DATA" => {
                writer
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let data = read_data(&mut lines).await?;
                received
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(ReceivedEmail {
                        mail_from: mail_from.clone(),
                        rcpt_to: std::mem::take(&mut rcpt_to),
                        data,
                    });
                b"250 OK queued\r\n"
            }
            "RSET" => {
                rcpt_to.clear();
                b"250 OK\r\n"
            }
            "NOOP" => b"250 OK\r\n",
            "QUIT" => {
                writer.write_all(b"221 Bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 Command not implemented\r\n",
        };
        writer.write_all(reply).await?;
    }
}

fn address_in(command: &str) -> String {
    command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(address, _)| address.to_owned())
        .unwrap_or_default()
}

/// The message up to the lone dot, with dot-stuffing undone.
async fn read_data(
    lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
) -> std::io::Result<String> {
    let mut data = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(data);
        }
        if line == ".\r\n" || line == ".\n" {
            return Ok(data);
        }
        data.push_str(line.strip_prefix('.').unwrap_or(&line));
    }
}

impl ReceivedEmail {
    /// Reads a message as the file transport wrote it.
    pub fn from_raw(data: String) -> Self {
        Self {
            mail_from: String::new(),
            rcpt_to: Vec::new(),
            data,
        }
    }

    /// A top-level header, unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        header_in(headers_of(&self.data), name)
    }

    /// Every header of that name (to see that one appears once).
    pub fn header_count(&self, name: &str) -> usize {
        unfolded(headers_of(&self.data))
            .iter()
            .filter(|(key, _)| key.eq_ignore_ascii_case(name))
            .count()
    }

    /// The decoded body of the part with this content type (e.g. `text/plain`).
    pub fn part(&self, content_type: &str) -> Option<String> {
        let top_type = self.header("Content-Type")?;
        let boundary = top_type
            .split("boundary=")
            .nth(1)?
            .trim_matches('"')
            .split('"')
            .next()?
            .to_owned();
        let delimiter = format!("--{boundary}");
        self.data.split(&delimiter).find_map(|part| {
            let part = part.trim_start_matches(['\r', '\n']);
            let headers = headers_of(part);
            let kind = header_in(headers, "Content-Type")?;
            if !kind.to_ascii_lowercase().starts_with(content_type) {
                return None;
            }
            let body = body_of(part);
            let encoding = header_in(headers, "Content-Transfer-Encoding")
                .unwrap_or_default()
                .to_ascii_lowercase();
            Some(match encoding.as_str() {
                "base64" => decode_base64(body),
                "quoted-printable" => decode_quoted_printable(body),
                _ => body.replace("\r\n", "\n"),
            })
        })
    }
}

fn headers_of(message: &str) -> &str {
    message
        .split_once("\r\n\r\n")
        .or_else(|| message.split_once("\n\n"))
        .map_or(message, |(headers, _)| headers)
}

fn body_of(message: &str) -> &str {
    message
        .split_once("\r\n\r\n")
        .or_else(|| message.split_once("\n\n"))
        .map_or("", |(_, body)| body)
}

fn unfolded(headers: &str) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in headers.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = fields.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            fields.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    fields
}

fn header_in(headers: &str, name: &str) -> Option<String> {
    unfolded(headers)
        .into_iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value)
}

fn decode_base64(body: &str) -> String {
    let compact: String = body.split_whitespace().collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(compact)
        .unwrap_or_default();
    String::from_utf8_lossy(&bytes).replace("\r\n", "\n")
}

fn decode_quoted_printable(body: &str) -> String {
    let joined = body.replace("=\r\n", "").replace("=\n", "");
    let mut bytes = Vec::with_capacity(joined.len());
    let raw = joined.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let hex = raw
            .get(i + 1..i + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (raw[i], hex) {
            (b'=', Some(byte)) => {
                bytes.push(byte);
                i += 3;
            }
            (other, _) => {
                bytes.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&bytes).replace("\r\n", "\n")
}
