//! `samskap`: the server and the operator's command line.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use server::config::Config;

/// See server/Cargo.toml: measured against glibc's malloc in README
/// "Performance at scale".
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "samskap",
    about = "Samskap: ideas and co-creation for the municipality"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default).
    Serve,
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Print every page route of the application as JSON, one path each.
    Routes,
    /// Load the demo data set (Bærum's) into a new database; a database
    /// that is already set up is left as it is.
    Demo,
    /// Add a large made-up data set for benchmarks (never on a real site).
    Generate {
        /// How many ideas to add (most published, some in every other
        /// status), with people, challenges, supports and comments.
        #[arg(long, default_value_t = 100_000)]
        ideas: u64,
        /// The same seed gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The day the generated decade ends (every time lies before it);
        /// today unless given, as YYYY-MM-DD.
        #[arg(long)]
        until: Option<chrono::NaiveDate>,
    },
    /// Write every public idea, challenge and solution card as one JSON
    /// file: what `/api/v1/open-data.json` serves.
    ExportOpenData {
        /// The file to write.
        #[arg(long, default_value = "samskap-open-data.json")]
        output: std::path::PathBuf,
    },
    /// Create the first admin (or make an existing account admin). The
    /// password is read from the first line of standard input, so it never
    /// shows in the shell history or the process list.
    CreateAdmin {
        /// The admin's email address.
        #[arg(long)]
        email: String,
        /// The name shown for the admin.
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
}

fn main() -> ExitCode {
    match server::observability::LogFormat::parse(std::env::var("LOG_FORMAT").ok().as_deref()) {
        Ok(format) => server::observability::init_logging(format),
        Err(problem) => {
            eprintln!("samskap: {problem}");
            return ExitCode::from(2);
        }
    }
    let cli = Cli::parse();

    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("samskap: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(Command::Routes) = cli.command {
        // Rendering the route table needs the runtime, but no configuration.
        return runtime.block_on(async { print_routes() });
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("samskap: {error}");
            return ExitCode::from(2);
        }
    };
    let outcome = runtime.block_on(async {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Migrate => migrate(&config).await,
            Command::Demo => demo(&config).await,
            Command::Generate { ideas, seed, until } => generate(&config, ideas, seed, until).await,
            Command::CreateAdmin { email, name } => create_admin(&config, &email, name).await,
            Command::ExportOpenData { output } => export_open_data(&config, output).await,
            Command::Serve | Command::Routes => serve(&config).await,
        }
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("samskap: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn migrate(config: &Config) -> anyhow::Result<()> {
    let db = server::db::connect(config).await?;
    server::db::migrate(&db).await?;
    tracing::info!("the database schema is up to date");
    Ok(())
}

async fn demo(config: &Config) -> anyhow::Result<()> {
    let db = server::db::connect(config).await?;
    server::db::migrate(&db).await?;
    if server::demo::load(&db).await? {
        println!("loaded the demo data set: Bærum kommune");
    } else {
        println!("the municipality is already set up; the demo data set was not loaded");
    }
    Ok(())
}

async fn generate(
    config: &Config,
    ideas: u64,
    seed: u64,
    until: Option<chrono::NaiveDate>,
) -> anyhow::Result<()> {
    let db = server::db::connect(config).await?;
    server::db::migrate(&db).await?;
    let until = until
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
        .and_time(chrono::NaiveTime::MIN)
        .and_utc();
    let plan = server::generate::Plan { ideas, seed, until };
    let started = std::time::Instant::now();
    let made = server::generate::run(&db, &plan).await?;
    println!(
        "added {ideas} made-up ideas by {} people, {} challenges, in {:.1} s; \
         idea {} has {} comments, idea {} has {}",
        made.people,
        made.challenges,
        started.elapsed().as_secs_f64(),
        made.first_idea,
        server::generate::LONGEST_THREAD,
        made.first_idea + 1,
        server::generate::LONG_THREAD,
    );
    Ok(())
}

async fn export_open_data(config: &Config, output: std::path::PathBuf) -> anyhow::Result<()> {
    let db = server::db::connect(config).await?;
    server::db::migrate(&db).await?;
    let file = tokio::fs::File::create(&output).await?;
    let mut out = tokio::io::BufWriter::new(file);
    server::open_data::write(&db, config.public_url.as_str(), &mut out).await?;
    println!("wrote the open data set to {}", output.display());
    Ok(())
}

async fn create_admin(config: &Config, email: &str, name: String) -> anyhow::Result<()> {
    use app::features::accounts::{service, types};

    let email = types::EmailAddress::parse("email", email)
        .map_err(|_| anyhow::anyhow!("--email is not a valid email address"))?;
    let name = types::parse_display_name(&name)
        .map_err(|_| anyhow::anyhow!("--name must be 1 to 80 characters"))?;
    let mut password = String::new();
    std::io::stdin().read_line(&mut password)?;
    let password = password.trim_end_matches(['\r', '\n']);
    let db = server::db::connect(config).await?;
    server::db::migrate(&db).await?;
    let created = service::create_admin(&db, &email, name, password).await.map_err(|error| match error {
        app::error::AppError::Validation { .. } => {
            anyhow::anyhow!("the password on standard input is too short or too easy to guess (at least 10 characters)")
        }
        other => anyhow::anyhow!("cannot create the admin: {other}"),
    })?;
    if created {
        println!("created the admin account {}", email.as_str());
    } else {
        println!(
            "{} already had an account; it is now an admin",
            email.as_str()
        );
    }
    Ok(())
}

async fn serve(config: &Config) -> anyhow::Result<()> {
    let built = server::build(config).await?;
    let listener = tokio::net::TcpListener::bind(config.site_addr)
        .await
        .map_err(|error| anyhow::anyhow!("cannot listen on {}: {error}", config.site_addr))?;
    tracing::info!(
        address = %config.site_addr,
        public_url = %config.public_url,
        "Samskap is listening; {}",
        server::describe_mail(config)
    );
    let served = server::serve(listener, built.router).await;
    built.job_worker.stop().await;
    built.mail_worker.stop().await;
    Ok(served?)
}

fn print_routes() -> ExitCode {
    let paths: Vec<String> = server::router::page_routes()
        .iter()
        .map(|route| route.path().to_owned())
        .collect();
    match serde_json::to_string_pretty(&paths) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("samskap: {error}");
            ExitCode::FAILURE
        }
    }
}
