//! Every test's database is a copy of one migrated database, made once per
//! set of migrations rather than migrating each test's own.
//!
//! The template is named after a hash of the migrations crate and
//! `Cargo.lock` (`samskap_template_<hash>` on PostgreSQL,
//! `<temp dir>/samskap-test-templates/<hash>.sqlite` for SQLite), so a
//! changed or added migration, or another sea-orm, makes a new one; the
//! server's own `db::migrate` builds it, and the server migrates the copy
//! again at start, which finds nothing left to do. Whoever makes a new
//! template removes the others, so at most one of each stays between runs
//! (two, briefly, while checkouts with different migrations take turns).
//!
//! nextest runs each test in a process of its own, so the processes agree
//! through PostgreSQL (an advisory lock, shared while copying, exclusive
//! while making a template) and through the file system (a finished SQLite
//! template appears by an atomic rename, complete or not at all).

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

use anyhow::Context;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement};

/// The advisory lock every test process takes to make or copy the
/// PostgreSQL template ("SAMSTEMP"; the server's own lock is another).
const TEMPLATE_LOCK: i64 = 0x5341_4D53_5445_4D50;

const POSTGRES_PREFIX: &str = "samskap_template_";

/// A hash of what decides the migrated schema: the migrations this binary
/// runs, the migrations crate's files and the locked versions of every
/// crate (sea-orm writes the SQL). The names compiled in count as well as
/// the files: a binary built before a migration was added, run once the
/// file is there, must not make the new migrations' template without it.
fn migrations_key() -> anyhow::Result<String> {
    use sea_orm_migration::MigratorTrait;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = vec![root.join("Cargo.lock"), root.join("migrations/Cargo.toml")];
    let mut folders = vec![root.join("migrations/src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)
            .with_context(|| format!("cannot read {}", folder.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    // SipHash with fixed keys: the same in every process of this build.
    let mut hasher = DefaultHasher::new();
    for migration in migrations::Migrator::migrations() {
        hasher.write(migration.name().as_bytes());
    }
    for file in &files {
        let relative = file.strip_prefix(&root).unwrap_or(file);
        hasher.write(relative.to_string_lossy().as_bytes());
        let contents =
            std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
        hasher.write_usize(contents.len());
        hasher.write(&contents);
    }
    Ok(format!("{:016x}", hasher.finish()))
}

/// Creates the database `name` on the server of `admin_url` as a copy of
/// the migrated template, making the template first if it is missing.
///
/// Copies run side by side under the advisory lock taken shared; making a
/// template and dropping the old ones takes it exclusively, so no template
/// is dropped while it is being copied or found missing half-way.
pub async fn create_postgres_database(admin_url: &str, name: &str) -> anyhow::Result<()> {
    let template = format!("{POSTGRES_PREFIX}{}", migrations_key()?);
    // One connection, so the session's advisory lock is held where it was taken.
    let mut options = ConnectOptions::new(admin_url.to_owned());
    options
        .max_connections(1)
        .min_connections(1)
        .sqlx_logging(false);
    let admin = Database::connect(options)
        .await
        .with_context(|| format!("PostgreSQL must answer at {admin_url} (TEST_POSTGRES_URL)"))?;
    let created = copy_template(&admin, admin_url, &template, name).await;
    // Closing the connection releases the lock too, held or not.
    let _ = admin.close().await;
    created
}

async fn copy_template(
    admin: &DatabaseConnection,
    admin_url: &str,
    template: &str,
    name: &str,
) -> anyhow::Result<()> {
    let lock = |how: &str| format!("SELECT {how}({TEMPLATE_LOCK})");
    admin
        .execute_unprepared(&lock("pg_advisory_lock_shared"))
        .await?;
    if !postgres_database_exists(admin, template).await? {
        admin
            .execute_unprepared(&lock("pg_advisory_unlock_shared"))
            .await?;
        admin.execute_unprepared(&lock("pg_advisory_lock")).await?;
        // Another process may have made it while we waited.
        if !postgres_database_exists(admin, template).await? {
            make_postgres_template(admin, admin_url, template).await?;
            drop_other_postgres_templates(admin, template).await?;
        }
        admin
            .execute_unprepared(&lock("pg_advisory_lock_shared"))
            .await?;
        admin
            .execute_unprepared(&lock("pg_advisory_unlock"))
            .await?;
    }
    admin
        .execute_unprepared(&format!(
            "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"{}",
            copy_strategy(admin).await?
        ))
        .await
        .with_context(|| format!("cannot copy {template} to {name}"))?;
    admin
        .execute_unprepared(&lock("pg_advisory_unlock_shared"))
        .await?;
    // A commit need not wait for its WAL to reach the disk: what other
    // connections see, and when, is the same; only a crash of PostgreSQL
    // itself could lose the last commits of a test database.
    admin
        .execute_unprepared(&format!(
            "ALTER DATABASE \"{name}\" SET synchronous_commit = off"
        ))
        .await?;
    Ok(())
}

/// PostgreSQL 15 and later copy a database through the write-ahead log by
/// default, writing the whole template to it for every test; copying its
/// files is cheaper for a small template (a tenth fewer seconds of the
/// server's CPU over the suite). Older servers only copy files.
async fn copy_strategy(admin: &DatabaseConnection) -> anyhow::Result<&'static str> {
    let version = admin
        .query_one_raw(Statement::from_string(
            admin.get_database_backend(),
            "SELECT current_setting('server_version_num')::int AS version",
        ))
        .await?
        .context("the server's version")?
        .try_get::<i32>("", "version")?;
    Ok(if version >= 150_000 {
        " STRATEGY FILE_COPY"
    } else {
        ""
    })
}

async fn postgres_database_exists(admin: &DatabaseConnection, name: &str) -> anyhow::Result<bool> {
    let found = admin
        .query_one_raw(Statement::from_sql_and_values(
            admin.get_database_backend(),
            "SELECT 1 AS found FROM pg_database WHERE datname = $1",
            [name.into()],
        ))
        .await?;
    Ok(found.is_some())
}

/// Migrates a new database under a passing name and renames it to
/// `template` once complete, so no test ever copies a half-migrated one;
/// nobody may connect to it afterwards, since `CREATE DATABASE … TEMPLATE`
/// refuses a source with connections.
async fn make_postgres_template(
    admin: &DatabaseConnection,
    admin_url: &str,
    template: &str,
) -> anyhow::Result<()> {
    let building = format!("{template}_new");
    // Left over from a process that died while making it (we hold the lock).
    admin
        .execute_unprepared(&format!(
            "DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)"
        ))
        .await?;
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{building}\""))
        .await?;
    let db = Database::connect(super::database_url_named(admin_url, &building)?).await?;
    let migrated = server::db::migrate(&db).await;
    let dictionary = has_norwegian_dictionary(&db).await;
    db.close().await?;
    migrated.context("cannot migrate the template database")?;
    if !dictionary? {
        // Kept, it would outlive the fix: the migrations fall back to the
        // stemmer alone, and the template's name cannot tell.
        admin
            .execute_unprepared(&format!("DROP DATABASE \"{building}\""))
            .await?;
        anyhow::bail!(
            "PostgreSQL could not load the Norwegian hunspell dictionary that search uses: \
             install it with server/scripts/services.sh (Debian's hunspell-no)"
        );
    }
    admin
        .execute_unprepared(&format!(
            "ALTER DATABASE \"{building}\" RENAME TO \"{template}\""
        ))
        .await?;
    admin
        .execute_unprepared(&format!(
            "ALTER DATABASE \"{template}\" WITH ALLOW_CONNECTIONS false"
        ))
        .await?;
    Ok(())
}

/// Whether the migrations found the dictionary files (they skip the
/// dictionary, and search uses the stemmer alone, where they are missing).
async fn has_norwegian_dictionary(db: &DatabaseConnection) -> anyhow::Result<bool> {
    let found = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT 1 AS found FROM pg_ts_dict WHERE dictname = 'samskap_nb_ispell'",
        ))
        .await?;
    Ok(found.is_some())
}

/// Drops the templates of other migrations (a checkout on another branch
/// makes its own again when it next runs). Under the exclusive lock nobody
/// is copying one; should a drop fail all the same, the next template made
/// tries again.
async fn drop_other_postgres_templates(
    admin: &DatabaseConnection,
    keep: &str,
) -> anyhow::Result<()> {
    let others = admin
        .query_all_raw(Statement::from_sql_and_values(
            admin.get_database_backend(),
            "SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname <> $2",
            [format!("{POSTGRES_PREFIX}%").into(), keep.into()],
        ))
        .await?;
    for other in others {
        let name: String = other.try_get("", "datname")?;
        if let Err(error) = admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\""))
            .await
        {
            eprintln!("the old template {name} stays for now: {error}");
        }
    }
    Ok(())
}

/// Writes a copy of the migrated SQLite template to `path`, making the
/// template first if it is missing.
pub async fn create_sqlite_database(path: &Path) -> anyhow::Result<()> {
    let folder = std::env::temp_dir().join("samskap-test-templates");
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("cannot create {}", folder.display()))?;
    let template = folder.join(format!("{}.sqlite", migrations_key()?));
    if !template.exists() {
        make_sqlite_template(&folder, &template).await?;
    }
    match std::fs::copy(&template, path) {
        Ok(_) => Ok(()),
        // Removed by a run with other migrations since we looked: make it again.
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            make_sqlite_template(&folder, &template).await?;
            std::fs::copy(&template, path)?;
            Ok(())
        }
        Err(error) => Err(error).with_context(|| format!("cannot copy {}", template.display())),
    }
}

/// Migrates a database of its own in a scratch folder, the way the server
/// opens and migrates one, writes it out whole (`VACUUM INTO`, so nothing is
/// left behind in a write-ahead log) and renames that into place. Processes
/// racing to make it each rename a complete file; the last one stays.
async fn make_sqlite_template(folder: &Path, template: &PathBuf) -> anyhow::Result<()> {
    let scratch = tempfile::tempdir_in(folder)?;
    let url = format!(
        "sqlite://{}?mode=rwc",
        scratch.path().join("samskap.db").display()
    );
    let data_dir = scratch.path().to_string_lossy().into_owned();
    let config = server::config::Config::from_lookup(|name| match name {
        "DATABASE_URL" => Some(url.clone()),
        "DATA_DIR" => Some(data_dir.clone()),
        _ => None,
    })?;
    let db = server::db::connect(&config).await?;
    server::db::migrate(&db)
        .await
        .context("cannot migrate the template database")?;
    let whole = scratch.path().join("template.sqlite");
    db.execute_unprepared(&format!(
        "VACUUM INTO '{}'",
        whole.to_string_lossy().replace('\'', "''")
    ))
    .await?;
    db.close().await?;
    std::fs::rename(&whole, template)?;
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path != *template && path.extension().is_some_and(|ext| ext == "sqlite") {
            let _ = std::fs::remove_file(path);
        }
    }
    Ok(())
}
