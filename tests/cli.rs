//! The headless command line, tested by running the built binary on a real data folder.

mod common;

use common::*;

use std::process::Command;

use serde_json::Value;

fn names(rows: &Value) -> Vec<String> {
    rows.as_array()
        .expect("array")
        .iter()
        .map(|r| r["displayName"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn add_search_show_and_log_a_call() {
    let dir = tempfile::tempdir().unwrap();
    let id = ok(
        dir.path(),
        &[
            "contacts",
            "add",
            "--first-name",
            "José",
            "--last-name",
            "Ødegård",
            "--company",
            "Ann's Bakery",
            "--email",
            "jose@bakery.example",
            "--phone",
            "+47 22 33 44 55",
            "--birthday",
            "--02-29",
            "--tag",
            "VIP",
        ],
    );
    let id = id.trim();
    assert!(id.parse::<i64>().is_ok(), "prints the new id, got {id:?}");

    assert_eq!(
        names(&json(dir.path(), &["contacts", "search", "jose odeg"])),
        ["José Ødegård"]
    );
    assert_eq!(
        names(&json(dir.path(), &["contacts", "search", "334455"])),
        ["José Ødegård"]
    );
    assert_eq!(
        names(&json(dir.path(), &["contacts", "list", "--tag", "vip"])),
        ["José Ødegård"]
    );

    let logged = json(
        dir.path(),
        &[
            "touchpoint",
            "add",
            id,
            "--kind",
            "call",
            "--note",
            "Asked about rye",
            "--by",
            "Maria",
        ],
    );
    assert_eq!(logged["kind"], "call");
    assert_eq!(logged["happenedOn"], "2026-11-23");

    let shown = json(dir.path(), &["contacts", "show", id]);
    assert_eq!(shown["contact"]["company"], "Ann's Bakery");
    assert_eq!(shown["contact"]["birthday"]["month"], 2);
    assert_eq!(shown["contact"]["birthday"]["year"], Value::Null);
    assert_eq!(shown["contact"]["lastContacted"], "2026-11-23");
    assert_eq!(shown["timeline"][0]["note"], "Asked about rye");
    assert_eq!(shown["timeline"][0]["handledBy"], "Maria");

    let text = ok(dir.path(), &["contacts", "show", id]);
    assert!(
        text.contains("José Ødegård") && text.contains("call (Maria)  Asked about rye"),
        "{text}"
    );
}

#[test]
fn bad_arguments_give_one_line_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let message = fails(
        dir.path(),
        &[
            "contacts",
            "add",
            "--first-name",
            "Ann",
            "--birthday",
            "2021-02-31",
        ],
    );
    assert!(
        message.contains("2021-02-31") && message.contains("not a date"),
        "{message}"
    );
    let message = fails(
        dir.path(),
        &[
            "contacts",
            "add",
            "--first-name",
            "Ann",
            "--email",
            "ann-at-example",
        ],
    );
    assert!(
        message.contains("--email") && message.contains("not an email"),
        "{message}"
    );
    let message = fails(
        dir.path(),
        &["contacts", "add", "--first-name", "", "--last-name", ""],
    );
    assert!(message.contains("first name"), "{message}");
    fails(dir.path(), &["contacts", "add", "--last-name", "NoFirst"]);
    fails(dir.path(), &["contacts", "show", "not-a-number"]);
    assert_eq!(
        json(dir.path(), &["contacts", "list"]),
        Value::Array(vec![]),
        "nothing was stored"
    );

    let id = ok(dir.path(), &["contacts", "add", "--first-name", "Ann"]);
    let message = fails(
        dir.path(),
        &["touchpoint", "add", id.trim(), "--kind", "telegram"],
    );
    assert!(message.contains("call, email, meeting"), "{message}");
    let message = fails(
        dir.path(),
        &[
            "touchpoint",
            "add",
            id.trim(),
            "--kind",
            "call",
            "--date",
            "2026-02-30",
        ],
    );
    assert!(message.contains("not a date"), "{message}");
    let message = fails(dir.path(), &["touchpoint", "add", "999", "--kind", "call"]);
    assert!(message.contains("not found"), "{message}");
    assert_eq!(
        json(dir.path(), &["contacts", "show", id.trim()])["timeline"],
        Value::Array(vec![])
    );
}

#[test]
fn demo_fills_the_data_folder_with_sample_customers() {
    let dir = tempfile::tempdir().unwrap();
    let summary = json(dir.path(), &["demo", "--contacts", "120"]);
    assert_eq!(summary["contacts"], 120);
    assert!(summary["touchpoints"].as_u64().unwrap_or(0) > 0);
    let all = json(dir.path(), &["contacts", "list"]);
    assert_eq!(all.as_array().map(Vec::len), Some(120));
    assert!(dir.path().join("rapport.db").exists());
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["demo", "--contacts", "600"]);
    // `rapport contacts list | head -1`: the reader closes the pipe long before the list (far
    // more than a pipe holds) is written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["contacts", "list", "--json", "--data-dir"])
        .arg(dir.path())
        .env_remove("RAPPORT_DATA_DIR")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn the_data_folder_comes_from_the_environment_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["contacts", "add", "--first-name", "Env"])
        .env("RAPPORT_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(dir.path().join("rapport.db").exists());
    assert_eq!(
        names(&json(dir.path(), &["contacts", "search", "env"])),
        ["Env"]
    );
}

#[test]
fn a_damaged_database_is_reported_and_not_touched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rapport.db");
    std::fs::write(&db, b"PK\x03\x04 this is a zip file, not a database").unwrap();
    let before = std::fs::read(&db).unwrap();
    let message = fails(dir.path(), &["contacts", "list"]);
    assert!(message.contains("not a Rapport database"), "{message}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
