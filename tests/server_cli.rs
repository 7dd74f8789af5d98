//! `rapport server init|join` and `rapport staff login …` through the binary, on the test server.

mod common;
#[path = "../src-tauri/core/tests/common/pg.rs"]
#[allow(dead_code)]
mod pg;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{fails, json, ok};
use rapport_core::store::postgres::hex;

/// Runs `rapport ARGS --data-dir DIR` with `input` on standard input and `env` set.
fn rapport_with(data_dir: &Path, args: &[&str], input: &str, env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("RAPPORT_DATA_DIR")
        .env_remove("RAPPORT_SERVER_PASSWORD")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run rapport");
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input.as_bytes());
    }
    child.wait_with_output().expect("rapport finished")
}

#[test]
fn an_owner_sets_up_the_server_book_and_a_desk_joins_it() {
    let server = pg::server();
    let database = format!("cli{}", std::process::id());
    let admin = &server.admin;
    let url = format!(
        "postgres://{}:{}@{}:{}/{database}?fingerprint={}",
        admin.credentials.login,
        admin.credentials.password,
        admin.address.host,
        admin.address.port,
        hex(&server.fingerprint)
    );
    // The owner has worked alone so far: their book file moves onto the server at init.
    let owner_dir = tempfile::tempdir().expect("dir");
    let rosa = json(
        owner_dir.path(),
        &[
            "contacts",
            "add",
            "--first-name",
            "Rosa",
            "--last-name",
            "Moreno",
        ],
    )["contact"]["id"]
        .as_i64()
        .expect("Rosa's id");
    let owner_login = format!("{database}_olivia");
    let report = json(
        owner_dir.path(),
        &[
            "server",
            "init",
            "--url",
            &url,
            "--owner",
            "Olivia Owner",
            "--owner-login",
            &owner_login,
            "--public-host",
            "127.0.0.1",
        ],
    );
    let code = report["joinCode"].as_str().expect("join code").to_string();
    let password = report["ownerLogin"]["password"]
        .as_str()
        .expect("one-time password")
        .to_string();
    assert_eq!(report["ownerLogin"]["login"], owner_login.as_str());
    assert_eq!(report["moved"]["contacts"], 1, "{report}");

    // A join code typed wrong: one clear line, nothing written, no password asked.
    let desk = tempfile::tempdir().expect("dir");
    let mut typo: Vec<char> = code.chars().collect();
    typo[0] = if typo[0] == 'Z' { 'Y' } else { 'Z' };
    let typo: String = typo.into_iter().collect();
    let message = fails(
        desk.path(),
        &["server", "join", &typo, "--login", &owner_login],
    );
    assert!(message.contains("typing mistake"), "{message}");
    assert_eq!(std::fs::read_dir(desk.path()).expect("dir").count(), 0);

    // The right code, the password on standard input.
    let out = rapport_with(
        desk.path(),
        &["server", "join", &code, "--login", &owner_login],
        &format!("{password}\n"),
        &[],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "join: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("(an owner)"), "{stdout}");
    assert!(desk.path().join("server.json").exists());

    // The owner gives Sam a login; Sam's password is printed once.
    let env = [("RAPPORT_SERVER_PASSWORD", password.as_str())];
    let sam_login = format!("{database}_sam");
    let out = rapport_with(
        desk.path(),
        &[
            "staff",
            "login",
            "add",
            "Sam Staff",
            "--login",
            &sam_login,
            "--json",
        ],
        "",
        &env,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let made: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let sam_password = made["password"].as_str().expect("password").to_string();

    // Sam joins from another desk.
    let sams_desk = tempfile::tempdir().expect("dir");
    let out = rapport_with(
        sams_desk.path(),
        &["server", "join", &code, "--login", &sam_login, "--json"],
        &format!("{sam_password}\n"),
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let joined: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(joined["owner"], false);

    // Every subcommand works on the team's book: Sam adds a customer at the counter, the
    // owner's desk finds her, and a backup there is an ordinary book file.
    let sam_env = [("RAPPORT_SERVER_PASSWORD", sam_password.as_str())];
    let out = rapport_with(
        sams_desk.path(),
        &[
            "contacts",
            "add",
            "--first-name",
            "Olga",
            "--last-name",
            "Petrova",
            "--phone",
            "+44 7700 900123",
        ],
        "",
        &sam_env,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = rapport_with(
        desk.path(),
        &["contacts", "search", "900123", "--json"],
        "",
        &env,
    );
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(found[0]["displayName"], "Olga Petrova", "{found}");
    // The customer moved from the owner's file is on the team's book, with her id.
    let out = rapport_with(
        desk.path(),
        &["contacts", "search", "moreno", "--json"],
        "",
        &env,
    );
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(found[0]["displayName"], "Rosa Moreno", "{found}");
    assert_eq!(found[0]["id"], rosa, "{found}");
    let backup = desk.path().join("team.db");
    let out = rapport_with(
        desk.path(),
        &["backup", "--out", backup.to_str().expect("path")],
        "",
        &env,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = tempfile::tempdir().expect("dir");
    std::fs::copy(&backup, file.path().join("rapport.db")).expect("copy");
    let found = json(file.path(), &["contacts", "search", "olga"]);
    assert_eq!(found[0]["displayName"], "Olga Petrova", "{found}");
    assert!(
        !desk.path().join("rapport.db").exists(),
        "the desk has no book file"
    );

    // The timer's backup: today's dated copy, once a day, an ordinary book file.
    let out = rapport_with(desk.path(), &["server", "backup", "--json"], "", &env);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let made: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(made["made"], true, "{made}");
    let dated = std::path::PathBuf::from(made["path"].as_str().expect("path"));
    assert_eq!(dated.parent(), Some(desk.path().join("backups").as_path()));
    let copy = tempfile::tempdir().expect("dir");
    std::fs::copy(&dated, copy.path().join("rapport.db")).expect("copy");
    let found = json(copy.path(), &["contacts", "search", "olga"]);
    assert_eq!(found[0]["displayName"], "Olga Petrova", "{found}");
    let out = rapport_with(desk.path(), &["server", "backup"], "", &env);
    let again = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && again.contains("made already"),
        "{again}"
    );

    let out = rapport_with(desk.path(), &["staff", "login", "list"], "", &env);
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(listed.contains(&sam_login), "{listed}");
    assert!(
        listed.contains(&format!("{owner_login}  (owner)")),
        "{listed}"
    );

    // Sam may not make logins.
    let out = rapport_with(
        sams_desk.path(),
        &[
            "staff",
            "login",
            "add",
            "Eve",
            "--login",
            &format!("{database}_eve"),
        ],
        "",
        &sam_env,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("may not"));

    // Removed, Sam can no longer sign in.
    let out = rapport_with(
        desk.path(),
        &["staff", "login", "remove", &sam_login],
        "",
        &env,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = rapport_with(sams_desk.path(), &["staff", "login", "list"], "", &sam_env);
    assert!(!out.status.success());
}

#[test]
fn logins_need_a_server_book() {
    let dir = tempfile::tempdir().expect("dir");
    ok(dir.path(), &["contacts", "list"]);
    let message = fails(dir.path(), &["staff", "login", "list"]);
    assert!(message.contains("is a file on this computer"), "{message}");
    let message = fails(dir.path(), &["server", "backup"]);
    assert!(message.contains("is a file on this computer"), "{message}");
    assert!(message.contains("rapport backup"), "{message}");
}
