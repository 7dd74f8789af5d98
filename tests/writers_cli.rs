//! Writers wait their turn: several Rapport processes writing to one book at once, and one
//! backing it up, for a while (20 s; `RAPPORT_WRITERS_SECONDS` changes it). Two processes keep
//! the book open the way the window does (this test binary run again as a child, writing
//! through `Book`), one is a loop of `rapport` commands, one a loop of `rapport backup`.
//!
//! Every operation either succeeds or, past the busy timeout, says Rapport is busy (exit status
//! 75 on the command line, code `busy` from the core). At the end the book is checked against
//! each process's log of what was confirmed: nothing confirmed is lost, nothing refused is
//! stored, and SQLite's integrity check says ok. No wall-clock time is asserted.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;
use rapport_core::contacts::{ContactInput, NewTouchpoint, TouchpointKind};
use rapport_core::{Book, ErrorCode};

const CHILD_DIR: &str = "RAPPORT_WRITERS_CHILD_DIR";
const CHILD_LOG: &str = "RAPPORT_WRITERS_CHILD_LOG";
const CHILD_NAME: &str = "RAPPORT_WRITERS_CHILD_NAME";

fn run_for() -> Duration {
    let seconds = std::env::var("RAPPORT_WRITERS_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    Duration::from_secs(seconds)
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
}

/// One line of a writer's log: `ok add N ID`, `busy edit N ID`, …
fn log_line(log: &mut std::fs::File, line: &str) {
    writeln!(log, "{line}").expect("write the log");
    log.flush().expect("flush the log");
}

/// The child: keeps the book open like the window and adds, edits and logs until the time is
/// up, writing what each operation answered. Does nothing when run as an ordinary test.
#[test]
fn writer_child() {
    let (Ok(dir), Ok(log), Ok(name)) = (
        std::env::var(CHILD_DIR),
        std::env::var(CHILD_LOG),
        std::env::var(CHILD_NAME),
    ) else {
        return;
    };
    let mut log = std::fs::File::create(log).expect("create the log");
    let mut book = Book::open(Path::new(&dir)).expect("open the book");
    let until = Instant::now() + run_for();
    let mut n = 0u32;
    let answer = |result: Result<String, rapport_core::Error>| match result {
        Ok(what) => format!("ok {what}"),
        Err(e) if e.code() == ErrorCode::Busy => {
            assert!(e.to_string().starts_with("Rapport is busy"), "{e}");
            "busy".to_string()
        }
        Err(e) => format!("error {:?} {e}", e.code()),
    };
    while Instant::now() < until {
        n += 1;
        let input = ContactInput {
            given_name: format!("{name}-{n}"),
            ..Default::default()
        };
        let added = book.create_contact(input.clone(), today());
        let id = added.as_ref().ok().map(|d| d.contact.id);
        log_line(
            &mut log,
            &format!(
                "add {n} {}",
                answer(added.map(|d| d.contact.id.to_string()))
            ),
        );
        let Some(id) = id else { continue };
        let edited = ContactInput {
            notes: format!("edit {n}"),
            ..input
        };
        let result = book
            .update_contact(id, edited, today())
            .map(|_| String::new());
        log_line(&mut log, &format!("edit {n} {id} {}", answer(result)));
        let touchpoint = NewTouchpoint {
            kind: TouchpointKind::Call,
            happened_on: today(),
            note: format!("{name} call {n}"),
            handled_by: String::new(),
        };
        let result = book
            .log_touchpoint(id, touchpoint, today())
            .map(|_| String::new());
        log_line(&mut log, &format!("touch {n} {id} {}", answer(result)));
    }
}

/// Per contact of a window: its last confirmed notes, its confirmed calls, its refused calls.
type Seen = (Option<String>, Vec<String>, Vec<String>);

/// Starts this test binary again as a writer child named `name`.
fn spawn_child(data: &Path, log: &Path, name: &str) -> std::process::Child {
    Command::new(std::env::current_exe().expect("the test binary"))
        .args(["--exact", "writer_child", "--test-threads=1", "--nocapture"])
        .env(CHILD_DIR, data)
        .env(CHILD_LOG, log)
        .env(CHILD_NAME, name)
        .spawn()
        .expect("start a writer")
}

/// What one `rapport` command answered: its stdout, `Err(true)` when it said busy.
fn cli(data: &Path, args: &[&str]) -> Result<String, bool> {
    let out = rapport(data, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).trim().to_string());
    }
    let busy = out.status.code() == Some(75);
    if busy {
        assert!(
            stderr.starts_with("rapport: Rapport is busy"),
            "busy in the owner's words: {stderr}"
        );
    } else {
        panic!("rapport {args:?} failed other than busy: {stderr}");
    }
    Err(true)
}

/// What a loop of commands confirmed and what was refused.
#[derive(Default)]
struct CliLog {
    added: BTreeMap<u32, i64>,
    refused_adds: Vec<u32>,
    touched: BTreeMap<u32, i64>,
    refused_touches: Vec<(u32, i64)>,
    /// The last business name a `settings set` confirmed, and the refused ones.
    last_setting: Option<String>,
    refused_settings: Vec<String>,
    busy: u32,
}

fn cli_loop(data: &Path, until: Instant) -> CliLog {
    let mut log = CliLog::default();
    let mut n = 0u32;
    while Instant::now() < until {
        n += 1;
        let name = format!("cli-{n}");
        match cli(data, &["contacts", "add", "--first-name", &name]) {
            Ok(id) => {
                let id: i64 = id.parse().expect("an id");
                log.added.insert(n, id);
                let note = format!("cli note {n}");
                match cli(
                    data,
                    &[
                        "touchpoint",
                        "add",
                        &id.to_string(),
                        "--kind",
                        "note",
                        "--note",
                        &note,
                    ],
                ) {
                    Ok(_) => {
                        log.touched.insert(n, id);
                    }
                    Err(_) => {
                        log.busy += 1;
                        log.refused_touches.push((n, id));
                    }
                }
            }
            Err(_) => {
                log.busy += 1;
                log.refused_adds.push(n);
            }
        }
        let value = format!("Shop {n}");
        match cli(data, &["settings", "set", "business_name", &value]) {
            Ok(_) => log.last_setting = Some(value),
            Err(_) => {
                log.busy += 1;
                log.refused_settings.push(value);
            }
        }
    }
    log
}

fn backup_loop(data: &Path, out: &Path, until: Instant) -> (Vec<PathBuf>, u32) {
    let mut made = Vec::new();
    let mut busy = 0;
    let mut n = 0;
    while Instant::now() < until {
        n += 1;
        let file = out.join(format!("b{n}.db"));
        match cli(data, &["backup", "--out", file.to_str().expect("utf-8")]) {
            Ok(_) => made.push(file),
            Err(_) => busy += 1,
        }
    }
    (made, busy)
}

#[test]
fn three_writers_and_a_backup_never_lose_a_confirmed_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).expect("backups folder");
    ok(&data, &["contacts", "add", "--first-name", "Seed"]);

    let until = Instant::now() + run_for();
    let logs: Vec<PathBuf> = ["a", "b"]
        .iter()
        .map(|n| dir.path().join(format!("{n}.log")))
        .collect();
    let mut children: Vec<_> = ["a", "b"]
        .iter()
        .zip(&logs)
        .map(|(name, log)| spawn_child(&data, log, &format!("win{name}")))
        .collect();
    let (cli_log, (made, backup_busy)) = std::thread::scope(|s| {
        let cli = s.spawn(|| cli_loop(&data, until));
        let backup = s.spawn(|| backup_loop(&data, &backups, until));
        (
            cli.join().expect("the command loop"),
            backup.join().expect("the backup loop"),
        )
    });
    for child in &mut children {
        assert!(
            child.wait().expect("a writer ends").success(),
            "a writer failed"
        );
    }

    let book = Book::open(&data).expect("open the book after");
    assert_eq!(book.integrity_check().expect("check"), "ok");

    // The windows: every confirmed add is there with its last confirmed edit and its confirmed
    // calls; no refused add, edit or call is.
    let mut confirmed = 0;
    let mut refused = 0;
    for (name, log) in ["wina", "winb"].iter().zip(&logs) {
        let text = std::fs::read_to_string(log).expect("read a writer's log");
        let mut by_id: BTreeMap<i64, Seen> = BTreeMap::new();
        let mut refused_names = Vec::new();
        for line in text.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["add", n, "ok", id] => {
                    confirmed += 1;
                    let id: i64 = id.parse().expect("id");
                    let contact = book.contact(id).expect("a confirmed add is stored");
                    assert_eq!(contact.contact.fields.given_name, format!("{name}-{n}"));
                    by_id.entry(id).or_default();
                }
                ["add", n, "busy"] => {
                    refused += 1;
                    refused_names.push(format!("{name}-{n}"));
                }
                ["edit", n, id, "ok"] => {
                    confirmed += 1;
                    by_id.entry(id.parse().expect("id")).or_default().0 = Some(format!("edit {n}"));
                }
                ["edit", _, _, "busy"] => refused += 1,
                ["touch", n, id, "ok"] => {
                    confirmed += 1;
                    let entry = by_id.entry(id.parse().expect("id")).or_default();
                    entry.1.push(format!("{name} call {n}"));
                }
                ["touch", n, id, "busy"] => {
                    refused += 1;
                    let entry = by_id.entry(id.parse().expect("id")).or_default();
                    entry.2.push(format!("{name} call {n}"));
                }
                _ => panic!("{name}: an operation failed other than busy: {line}"),
            }
        }
        for (id, (notes, calls, refused_calls)) in &by_id {
            let detail = book.contact(*id).expect("stored");
            assert_eq!(
                detail.contact.fields.notes,
                notes.clone().unwrap_or_default()
            );
            let stored: Vec<&str> = detail.timeline.iter().map(|t| t.note.as_str()).collect();
            for call in calls {
                assert!(stored.contains(&call.as_str()), "{call} confirmed but lost");
            }
            for call in refused_calls {
                assert!(
                    !stored.contains(&call.as_str()),
                    "{call} refused but stored"
                );
            }
        }
        let all = book.all_contacts(None).expect("all contacts");
        for refused_name in &refused_names {
            assert!(
                !all.iter().any(|c| &c.fields.given_name == refused_name),
                "{refused_name} was refused but stored"
            );
        }
        assert!(!by_id.is_empty(), "{name} confirmed nothing");
    }

    // The command loop.
    for (n, id) in &cli_log.added {
        let detail = book.contact(*id).expect("a confirmed add is stored");
        assert_eq!(detail.contact.fields.given_name, format!("cli-{n}"));
        let has_note = detail
            .timeline
            .iter()
            .any(|t| t.note == format!("cli note {n}"));
        assert_eq!(has_note, cli_log.touched.contains_key(n), "cli note {n}");
    }
    let all = book.all_contacts(None).expect("all contacts");
    for n in &cli_log.refused_adds {
        let name = format!("cli-{n}");
        assert!(!all.iter().any(|c| c.fields.given_name == name), "{name}");
    }
    for (n, id) in &cli_log.refused_touches {
        let detail = book.contact(*id).expect("stored");
        assert!(!detail
            .timeline
            .iter()
            .any(|t| t.note == format!("cli note {n}")));
    }
    if let Some(value) = &cli_log.last_setting {
        assert_eq!(&book.setting("business_name").expect("setting"), value);
    }
    assert!(
        !cli_log.added.is_empty(),
        "the command loop confirmed nothing"
    );

    // Every backup that was confirmed is a whole, readable book.
    assert!(!made.is_empty(), "no backup was made");
    for file in &made {
        let copy =
            rusqlite::Connection::open_with_flags(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .expect("open a backup");
        let verdict: String = copy
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .expect("check a backup");
        assert_eq!(verdict, "ok", "{}", file.display());
    }

    eprintln!(
        "writers: {confirmed} confirmed and {refused} busy in the windows; the command loop added {} ({} busy); {} backups ({backup_busy} busy)",
        cli_log.added.len(),
        cli_log.busy,
        made.len()
    );
}

/// Holds the book's write lock from another connection, as a long write in another process
/// does, until dropped.
fn hold_write_lock(data: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(data.join("rapport.db")).expect("open the book");
    conn.execute_batch("BEGIN IMMEDIATE")
        .expect("take the write lock");
    conn
}

#[test]
fn a_write_held_up_past_the_timeout_says_rapport_is_busy_not_locked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    ok(&data, &["contacts", "add", "--first-name", "Ann"]);

    // Another Rapport writing something short that takes too long.
    let holder = hold_write_lock(&data);
    let out = rapport(&data, &["contacts", "add", "--first-name", "Bo"]);
    let message = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(75), "{message}");
    assert!(
        message.starts_with("rapport: Rapport is busy:"),
        "{message}"
    );
    assert!(message.contains("Try again in a moment"), "{message}");
    assert!(!message.contains("in use by another program"), "{message}");
    assert!(!message.contains("database is locked"), "{message}");

    // An import in another window says so in the file beside the book, which it holds locked.
    let marker_path = data.join("rapport.db.busy");
    let mut marker = std::fs::File::create(&marker_path).expect("marker");
    marker.lock().expect("lock the marker");
    marker.write_all(b"an import").expect("write the marker");
    let out = rapport(&data, &["touchpoint", "add", "1", "--kind", "call"]);
    let message = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(75), "{message}");
    assert!(
        message.starts_with("rapport: Rapport is busy with an import in another window"),
        "{message}"
    );
    drop(holder);
    drop(marker);

    // Over: the marker still says "an import", but no one holds it, so it is not believed.
    let holder = hold_write_lock(&data);
    let out = rapport(&data, &["contacts", "add", "--first-name", "Cy"]);
    let message = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        message.starts_with("rapport: Rapport is busy:"),
        "{message}"
    );
    drop(holder);

    let names = ok(&data, &["contacts", "list"]);
    assert!(names.contains("Ann") && !names.contains("Bo") && !names.contains("Cy"));
    let detail = json(&data, &["contacts", "show", "1"]);
    assert_eq!(
        detail["timeline"].as_array().map(Vec::len),
        Some(0),
        "{detail}"
    );
}

#[test]
fn an_import_marks_the_book_busy_while_it_writes_and_not_after() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    ok(&data, &["contacts", "add", "--first-name", "Ann"]);
    let csv = dir.path().join("big.csv");
    let mut text = String::from("First name,Last name,Email\n");
    for i in 0..20_000 {
        text.push_str(&format!("P{i},F{i},p{i}@example.com\n"));
    }
    std::fs::write(&csv, text).expect("write the csv");
    let marker_path = data.join("rapport.db.busy");
    let held = |path: &Path| {
        std::fs::File::open(path)
            .is_ok_and(|f| matches!(f.try_lock_shared(), Err(std::fs::TryLockError::WouldBlock)))
    };

    let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["import", csv.to_str().expect("utf-8"), "--data-dir"])
        .arg(&data)
        .env_remove("RAPPORT_DATA_DIR")
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start the import");
    let mut seen = None;
    while child.try_wait().expect("wait").is_none() {
        if held(&marker_path) {
            // Read until its words are in (they are written just after it is locked).
            seen = std::fs::read_to_string(&marker_path)
                .ok()
                .filter(|words| !words.is_empty());
            if seen.is_some() {
                break;
            }
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    assert!(child.wait().expect("the import ends").success());
    assert_eq!(
        seen.as_deref(),
        Some("an import"),
        "the marker while importing"
    );
    assert!(!held(&marker_path), "the marker is let go after the import");
    let book = Book::open(&data).expect("open");
    assert_eq!(book.contact_count().expect("count"), 20_001);
}
