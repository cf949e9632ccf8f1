//! The binary as an operator meets it: bad configuration stops it with one
//! clear line, and `samskap routes` lists the pages.
use std::process::Command;

fn samskap() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_samskap"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    command
}

#[test]
fn each_bad_configuration_value_stops_the_server_with_one_line() -> std::io::Result<()> {
    let cases = [
        ("DATABASE_URL", "mysql://localhost/samskap"),
        ("LEPTOS_SITE_ADDR", "everywhere"),
        ("PUBLIC_URL", "samskap.example.no"),
        ("SMTP_URL", "http://mail.example.no"),
    ];
    for (variable, value) in cases {
        let output = samskap().env(variable, value).output()?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{variable}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        assert!(stderr.contains(variable), "names {variable}: {stderr}");
    }
    Ok(())
}

#[test]
fn an_unreachable_database_stops_the_server_with_a_clear_message() -> std::io::Result<()> {
    let output = samskap()
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:9/nothing")
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .output()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot connect to the database"),
        "{stderr}"
    );
    Ok(())
}

#[test]
fn routes_lists_every_page_as_json() -> Result<(), Box<dyn std::error::Error>> {
    let output = samskap().arg("routes").output()?;
    assert!(output.status.success());
    let paths: Vec<String> = serde_json::from_slice(&output.stdout)?;
    for expected in ["/", "/privacy", "/accessibility"] {
        assert!(
            paths.iter().any(|path| path == expected),
            "{expected} in {paths:?}"
        );
    }
    Ok(())
}

#[test]
fn create_admin_makes_an_admin_once_and_refuses_a_weak_password()
-> Result<(), Box<dyn std::error::Error>> {
    use std::io::Write as _;
    use std::process::Stdio;

    let data = tempfile::tempdir()?;
    let run = |password: &str| -> std::io::Result<std::process::Output> {
        let mut child = samskap()
            .env("DATA_DIR", data.path())
            .args([
                "create-admin",
                "--email",
                "Admin@Baerum.Kommune.no",
                "--name",
                "Kari Admin",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        if let Some(mut stdin) = child.stdin.take() {
            writeln!(stdin, "{password}")?;
        }
        child.wait_with_output()
    };
    let weak = run("kort")?;
    assert_eq!(weak.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&weak.stderr).contains("password"));

    let created = run("en lang og god setning")?;
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(
        String::from_utf8_lossy(&created.stdout)
            .contains("created the admin account admin@baerum.kommune.no")
    );

    let again = run("en lang og god setning")?;
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("already had an account"));
    Ok(())
}

#[test]
fn demo_loads_baerum_once_and_never_over_an_existing_setup()
-> Result<(), Box<dyn std::error::Error>> {
    let data = tempfile::tempdir()?;
    let demo = || samskap().env("DATA_DIR", data.path()).arg("demo").output();
    let first = demo()?;
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(String::from_utf8_lossy(&first.stdout).contains("Bærum kommune"));
    let second = demo()?;
    assert!(second.status.success());
    assert!(String::from_utf8_lossy(&second.stdout).contains("already set up"));
    Ok(())
}
