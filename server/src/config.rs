//! Configuration from environment variables. Every value is checked at start;
//! a bad one stops the server with one line that names the variable.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use app::server::mail::Mailbox;

use url::Url;

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub data_dir: PathBuf,
    pub site_addr: SocketAddr,
    /// The address residents use; links in emails point here.
    pub public_url: Url,
    pub mail: MailDelivery,
    /// The sender of every email.
    pub mail_from: Mailbox,
    /// The wait before an email that could not be sent is tried again; it
    /// doubles with each further attempt, up to an hour.
    pub mail_retry: Duration,
    /// Where cargo-leptos put the compiled browser bundle, CSS and public files.
    pub site_root: PathBuf,
    /// Load balancers and proxies in front of Samskap: from these the
    /// client's address is read from `X-Forwarded-For` (see `client_ip.rs`).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// How many requests one address may make to the open data API a
    /// minute (per instance).
    pub api_requests_per_minute: std::num::NonZeroU32,
    /// `METRICS_TOKEN`: a scraper sends it as a bearer token to read
    /// `/metrics` from elsewhere; without it only this machine may.
    pub metrics_token: Option<MetricsToken>,
    /// Where photos are kept: the data folder (the default), or an
    /// S3-compatible bucket (`PHOTO_STORE=s3://bucket/prefix`).
    pub photo_store: PhotoStoreConfig,
    /// `DATABASE_REPLICA_URL`: a PostgreSQL streaming replica that answers
    /// the public pages' reads; writes and a person's own pages stay on
    /// `DATABASE_URL`.
    pub database_replica_url: Option<String>,
}

/// Where photos are kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhotoStoreConfig {
    /// `DATA_DIR/photos`: one machine.
    Files,
    /// An S3-compatible bucket, for several machines. `settings` are the
    /// usual `AWS_*` variables that were set (endpoint, region, keys).
    S3 {
        bucket: String,
        prefix: String,
        settings: AwsSettings,
    },
}

/// The `AWS_*` variables, kept out of debug output (they hold the secret key).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct AwsSettings(pub Vec<(String, String)>);

impl std::fmt::Debug for AwsSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(name, _)| name))
            .finish()
    }
}

/// The S3 settings read from the environment, by their usual names.
const AWS_VARIABLES: [&str; 8] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT",
    "AWS_ALLOW_HTTP",
];

/// The `/metrics` token, kept out of debug output and logs.
#[derive(Clone)]
pub struct MetricsToken(pub std::sync::Arc<str>);

impl std::fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MetricsToken(..)")
    }
}

/// How outgoing email leaves the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailDelivery {
    Smtp(Url),
    /// The embedded default: each email becomes an `.eml` file in this folder.
    Files(PathBuf),
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid {variable}={value:?}: {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub value: String,
    pub problem: &'static str,
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup`; an empty value counts as unset.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());

        let data_dir = PathBuf::from(get("DATA_DIR").unwrap_or_else(|| "./data".to_owned()));
        let database_url = match get("DATABASE_URL") {
            Some(url) => parse_database_url(url)?,
            None => format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("samskap.db").display()
            ),
        };
        let site_addr = match get("LEPTOS_SITE_ADDR") {
            Some(value) => value.parse().map_err(|_| ConfigError {
                variable: "LEPTOS_SITE_ADDR",
                value,
                problem: "expected an address and port such as 127.0.0.1:3000",
            })?,
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
        };
        let public_url = match get("PUBLIC_URL") {
            Some(value) => parse_public_url(value)?,
            None => Url::parse(&format!("http://{site_addr}")).map_err(|_| ConfigError {
                variable: "LEPTOS_SITE_ADDR",
                value: site_addr.to_string(),
                problem: "cannot form a public address from it; set PUBLIC_URL",
            })?,
        };
        let mail = match get("SMTP_URL") {
            Some(value) => MailDelivery::Smtp(parse_smtp_url(value)?),
            None => MailDelivery::Files(data_dir.join("outbox")),
        };
        let mail_from =
            parse_mail_from(get("MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.to_owned()))?;
        let mail_retry = match get("MAIL_RETRY_SECONDS") {
            Some(value) => parse_mail_retry(value)?,
            None => Duration::from_secs(30),
        };
        let site_root =
            PathBuf::from(get("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_owned()));
        let trusted_proxies = match get("TRUSTED_PROXIES") {
            Some(value) => parse_trusted_proxies(value)?,
            None => Vec::new(),
        };

        let api_requests_per_minute = match get("API_REQUESTS_PER_MINUTE") {
            Some(value) => parse_api_limit(value)?,
            None => std::num::NonZeroU32::new(DEFAULT_API_REQUESTS_PER_MINUTE)
                .unwrap_or(std::num::NonZeroU32::MIN),
        };

        let metrics_token = get("METRICS_TOKEN").map(|token| MetricsToken(token.into()));
        let photo_store = match get("PHOTO_STORE") {
            None => PhotoStoreConfig::Files,
            Some(value) => parse_photo_store(value, &get)?,
        };
        let database_replica_url = match get("DATABASE_REPLICA_URL") {
            None => None,
            Some(value) if value.starts_with("postgres") => Some(parse_database_url(value)?),
            Some(value) => {
                return Err(ConfigError {
                    variable: "DATABASE_REPLICA_URL",
                    value: redact_password(&value),
                    problem: "expected a postgres:// URL (a replica of DATABASE_URL)",
                });
            }
        };

        Ok(Self {
            database_url,
            data_dir,
            site_addr,
            public_url,
            mail,
            mail_from,
            mail_retry,
            site_root,
            trusted_proxies,
            api_requests_per_minute,
            metrics_token,
            photo_store,
            database_replica_url,
        })
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }
}

/// Enough for a program that pages through the whole data set at a steady
/// pace; a burst of this many is let through at once.
const DEFAULT_API_REQUESTS_PER_MINUTE: u32 = 600;

/// `file` (the default), or `s3://bucket` with an optional prefix.
fn parse_photo_store(
    value: String,
    get: &impl Fn(&str) -> Option<String>,
) -> Result<PhotoStoreConfig, ConfigError> {
    if value.trim() == "file" {
        return Ok(PhotoStoreConfig::Files);
    }
    let bucket_and_prefix = value.trim().strip_prefix("s3://").unwrap_or_default();
    let (bucket, prefix) = bucket_and_prefix
        .split_once('/')
        .unwrap_or((bucket_and_prefix, ""));
    let valid_bucket = (3..=63).contains(&bucket.len())
        && bucket
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
    if !valid_bucket {
        return Err(ConfigError {
            variable: "PHOTO_STORE",
            value,
            problem: "expected file or s3://bucket (optionally s3://bucket/prefix)",
        });
    }
    let settings = AWS_VARIABLES
        .iter()
        .filter_map(|name| get(name).map(|value| ((*name).to_owned(), value)))
        .collect();
    Ok(PhotoStoreConfig::S3 {
        bucket: bucket.to_owned(),
        prefix: prefix.trim_matches('/').to_owned(),
        settings: AwsSettings(settings),
    })
}

fn parse_api_limit(value: String) -> Result<std::num::NonZeroU32, ConfigError> {
    value.trim().parse().map_err(|_| ConfigError {
        variable: "API_REQUESTS_PER_MINUTE",
        value,
        problem: "expected a whole number of requests a minute, at least 1",
    })
}

fn parse_database_url(value: String) -> Result<String, ConfigError> {
    let supported = ["sqlite:", "postgres://", "postgresql://"];
    if supported.iter().any(|prefix| value.starts_with(prefix)) && Url::parse(&value).is_ok() {
        Ok(value)
    } else {
        Err(ConfigError {
            variable: "DATABASE_URL",
            value: redact_password(&value),
            problem: "expected sqlite://FILE or postgres://USER@HOST/DATABASE",
        })
    }
}

/// `10.0.0.5, 10.1.0.0/16, ::1`: addresses or networks, comma-separated.
fn parse_trusted_proxies(value: String) -> Result<Vec<ipnet::IpNet>, ConfigError> {
    value
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            entry
                .parse::<ipnet::IpNet>()
                .or_else(|_| entry.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        })
        .collect::<Result<_, _>>()
        .map_err(|_| ConfigError {
            variable: "TRUSTED_PROXIES",
            value,
            problem: "expected addresses or networks such as 10.0.0.5, 10.1.0.0/16",
        })
}

fn parse_public_url(value: String) -> Result<Url, ConfigError> {
    match Url::parse(&value) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => Ok(url),
        _ => Err(ConfigError {
            variable: "PUBLIC_URL",
            value,
            problem: "expected an http:// or https:// address such as https://samskap.example.no",
        }),
    }
}

fn parse_smtp_url(value: String) -> Result<Url, ConfigError> {
    match Url::parse(&value) {
        Ok(url) if matches!(url.scheme(), "smtp" | "smtps") && url.has_host() => Ok(url),
        _ => Err(ConfigError {
            variable: "SMTP_URL",
            value: redact_password(&value),
            problem: "expected smtp://HOST:PORT or smtps://USER:PASSWORD@HOST:PORT",
        }),
    }
}

const DEFAULT_MAIL_FROM: &str = "Samskap <samskap@localhost>";

fn parse_mail_from(value: String) -> Result<Mailbox, ConfigError> {
    value.parse().map_err(|_| ConfigError {
        variable: "MAIL_FROM",
        value,
        problem: "expected a sender such as Samskap <samskap@kommune.no>",
    })
}

/// The back-off never grows past an hour, so a longer first wait makes no sense.
fn parse_mail_retry(value: String) -> Result<Duration, ConfigError> {
    match value.trim().parse::<u64>() {
        Ok(seconds) if seconds <= 3600 => Ok(Duration::from_secs(seconds)),
        _ => Err(ConfigError {
            variable: "MAIL_RETRY_SECONDS",
            value,
            problem: "expected whole seconds from 0 to 3600, such as 30",
        }),
    }
}

/// Keeps secrets out of error messages and logs.
fn redact_password(value: &str) -> String {
    match Url::parse(value) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("****"));
            url.to_string()
        }
        _ => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn photos_go_to_a_bucket_with_the_aws_settings_and_the_secret_stays_out_of_logs()
    -> Result<(), ConfigError> {
        assert_eq!(config(&[])?.photo_store, PhotoStoreConfig::Files);
        let config = config(&[
            ("PHOTO_STORE", "s3://samskap-bilder/baerum/"),
            ("AWS_REGION", "eu-north-1"),
            ("AWS_SECRET_ACCESS_KEY", "hemmelig-nokkel"),
        ])?;
        let PhotoStoreConfig::S3 {
            bucket,
            prefix,
            settings,
        } = &config.photo_store
        else {
            panic!("a bucket: {:?}", config.photo_store);
        };
        assert_eq!(
            (bucket.as_str(), prefix.as_str()),
            ("samskap-bilder", "baerum")
        );
        assert_eq!(settings.0.len(), 2);
        assert!(!format!("{config:?}").contains("hemmelig"));
        Ok(())
    }

    #[test]
    fn a_replica_must_be_postgresql() -> Result<(), ConfigError> {
        assert_eq!(config(&[])?.database_replica_url, None);
        let replica = "postgres://samskap@replika:5432/samskap";
        assert_eq!(
            config(&[("DATABASE_REPLICA_URL", replica)])?
                .database_replica_url
                .as_deref(),
            Some(replica)
        );
        let refused = config(&[("DATABASE_REPLICA_URL", "sqlite://kopi.db")]);
        assert!(refused.is_err_and(|error| error.variable == "DATABASE_REPLICA_URL"));
        Ok(())
    }

    #[test]
    fn defaults_are_the_embedded_setup() -> Result<(), ConfigError> {
        let config = config(&[])?;
        assert_eq!(config.database_url, "sqlite://./data/samskap.db?mode=rwc");
        assert_eq!(config.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.public_url.as_str(), "http://127.0.0.1:3000/");
        assert_eq!(
            config.mail,
            MailDelivery::Files(PathBuf::from("./data/outbox"))
        );
        Ok(())
    }

    #[test]
    fn data_dir_moves_the_database_and_the_outbox() -> Result<(), ConfigError> {
        let config = config(&[("DATA_DIR", "/srv/samskap")])?;
        assert_eq!(
            config.database_url,
            "sqlite:///srv/samskap/samskap.db?mode=rwc"
        );
        assert_eq!(
            config.mail,
            MailDelivery::Files(PathBuf::from("/srv/samskap/outbox"))
        );
        Ok(())
    }

    #[test]
    fn trusted_proxies_are_addresses_or_networks() -> Result<(), ConfigError> {
        assert!(config(&[])?.trusted_proxies.is_empty());
        let proxies =
            config(&[("TRUSTED_PROXIES", " 10.0.0.5, 10.1.0.0/16,::1 ")])?.trusted_proxies;
        let shown: Vec<String> = proxies.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["10.0.0.5/32", "10.1.0.0/16", "::1/128"]);
        Ok(())
    }

    #[test]
    fn the_api_limit_has_a_default_and_may_be_raised() -> Result<(), ConfigError> {
        assert_eq!(config(&[])?.api_requests_per_minute.get(), 600);
        assert_eq!(
            config(&[("API_REQUESTS_PER_MINUTE", " 100000 ")])?
                .api_requests_per_minute
                .get(),
            100_000
        );
        Ok(())
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        let cases = [
            ("DATABASE_URL", "mysql://localhost/samskap"),
            ("LEPTOS_SITE_ADDR", "localhost"),
            ("PUBLIC_URL", "samskap.example.no"),
            ("PUBLIC_URL", "ftp://samskap.example.no"),
            ("SMTP_URL", "http://mail.example.no"),
            ("MAIL_FROM", "Samskap"),
            ("MAIL_FROM", "Samskap <samskap@>"),
            ("MAIL_RETRY_SECONDS", "-1"),
            ("MAIL_RETRY_SECONDS", "half a minute"),
            ("MAIL_RETRY_SECONDS", "86400"),
            ("TRUSTED_PROXIES", "10.0.0.5, the balancer"),
            ("TRUSTED_PROXIES", "10.0.0.0/33"),
            ("API_REQUESTS_PER_MINUTE", "0"),
            ("API_REQUESTS_PER_MINUTE", "many"),
        ];
        for (variable, value) in cases {
            let error = config(&[(variable, value)]).err();
            assert_eq!(
                error.map(|e| e.variable),
                Some(variable),
                "{variable}={value}"
            );
        }
    }

    #[test]
    fn mail_is_from_samskap_and_retried_after_half_a_minute_by_default() -> Result<(), ConfigError>
    {
        let defaults = config(&[])?;
        assert_eq!(
            defaults.mail_from.to_string(),
            "Samskap <samskap@localhost>"
        );
        assert_eq!(defaults.mail_retry, Duration::from_secs(30));
        let chosen = config(&[
            ("MAIL_FROM", "Bærum kommune <samskap@baerum.kommune.no>"),
            ("MAIL_RETRY_SECONDS", "0"),
        ])?;
        assert_eq!(chosen.mail_from.email.domain(), "baerum.kommune.no");
        assert_eq!(chosen.mail_from.name.as_deref(), Some("Bærum kommune"));
        assert_eq!(chosen.mail_retry, Duration::ZERO);
        Ok(())
    }

    #[test]
    fn passwords_never_reach_the_message() {
        let error = config(&[("SMTP_URL", "ftp://mailer:hunter2@mail.example.no")]).err();
        let message = error.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.contains("SMTP_URL") && !message.contains("hunter2"),
            "{message}"
        );
    }
}
