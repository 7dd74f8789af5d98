//! Killed half-way (SIGKILL: no chance to clean up), a card batch leaves no partial PDF at the
//! destination name, and a restore leaves the old book or the new one, never a mix; the book
//! opens and passes SQLite's integrity check either way.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// Starts `rapport ARGS --data-dir DATA` in the background.
fn start(data: &Path, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env_remove("RAPPORT_DATA_DIR")
        .env("RAPPORT_TODAY", "2026-11-23")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start rapport")
}

/// Kills `child` as soon as `started` says its work is under way; says whether it was seen.
fn kill_when(child: &mut std::process::Child, started: impl Fn() -> bool) -> bool {
    let since = Instant::now();
    let mut seen = false;
    while !seen && since.elapsed() < Duration::from_secs(120) {
        seen = started();
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let _ = child.kill();
    let _ = child.wait();
    seen
}

fn integrity(book_file: &Path) -> String {
    let conn = rusqlite::Connection::open(book_file).expect("open the book");
    conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("check")
}

/// The names of the hidden temporary files (`.NAME.PID-N.part`) in `folder`.
fn parts(folder: &Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .expect("read the folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect()
}

#[test]
fn a_killed_card_batch_leaves_no_partial_pdf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    ok(&data, &["demo", "--contacts", "1500", "--seed", "7"]);
    ok(&data, &["settings", "set", "business_name", "Ann's Bakery"]);
    let out_dir = dir.path().join("out");
    std::fs::create_dir_all(&out_dir).expect("out folder");
    let out = out_dir.join("cards.pdf");
    let out_text = out.display().to_string();
    let args = [
        "cards",
        "--occasion",
        "thanksgiving-us",
        "--all",
        "--out",
        &out_text,
    ];

    let mut child = start(&data, &args);
    // Killed once the batch is writing its temporary file.
    let seen = kill_when(&mut child, || !parts(&out_dir).is_empty());
    assert!(seen, "the batch was seen writing before it ended");
    assert!(!out.exists(), "a partial PDF was left at {out_text}");
    assert_eq!(integrity(&data.join("rapport.db")), "ok");

    // The same batch again is whole, and the killed one's temporary file does not stop it.
    ok(&data, &args);
    let info = tool("qpdf", &["--check", &out_text]);
    assert!(
        info.contains("No syntax or stream encoding errors"),
        "{info}"
    );
}

#[test]
fn a_killed_restore_leaves_the_old_book_or_the_new_never_a_mix() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The backup to restore: a big book.
    let source = dir.path().join("source");
    ok(&source, &["demo", "--contacts", "20000", "--seed", "3"]);
    let backup = dir.path().join("big.db");
    ok(
        &source,
        &["backup", "--out", backup.to_str().expect("utf-8")],
    );
    // The book it replaces: one contact.
    let data = dir.path().join("data");
    ok(&data, &["contacts", "add", "--first-name", "Old"]);
    let book_file = data.join("rapport.db");
    let wal = data.join("rapport.db-wal");
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let before = size(&book_file);

    let mut child = start(&data, &["restore", backup.to_str().expect("utf-8")]);
    // Killed once the new pages are going in: the log or the file growing past the old book.
    let seen = kill_when(&mut child, || {
        size(&wal) > 64 * 1024 || size(&book_file) > before + 64 * 1024
    });
    assert!(seen, "the restore was seen writing before it ended");

    assert_eq!(integrity(&book_file), "ok");
    let book = rapport_core::Book::open(&data).expect("the book opens after the kill");
    let count = book.contact_count().expect("count");
    let names = ok(&data, &["contacts", "search", "Old"]);
    if count == 1 {
        assert!(names.contains("Old"), "the old book: {names}");
    } else {
        assert_eq!(count, 20_000, "the new book whole");
        assert!(
            !names.contains("Old"),
            "no contact of the old book in the new: {names}"
        );
    }
    assert_eq!(book.integrity_check().expect("check"), "ok");
    eprintln!("restore killed: the book holds {count} contacts");
}
