//! The output guard refuses the book however its path is spelled, and looking at a path never
//! disturbs the book: SQLite's locks are POSIX locks that a process loses when any descriptor
//! of the file is closed, so the guard must never open the book's files beside the window.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use std::path::Path;

use common::*;
use rapport_core::paths::{OutputError, OutputKind};
use rapport_core::store::DATABASE_FILE;

/// Set in the child process of the test below: the book it tries to start writing to.
const TRY_WRITE_TO: &str = "RAPPORT_TEST_TRY_WRITE_TO";

/// In the child: can another program start a write while the parent holds one?
fn try_to_start_a_write(book: &Path) -> ! {
    let conn = rusqlite::Connection::open(book).unwrap();
    conn.busy_timeout(std::time::Duration::ZERO).unwrap();
    let started = conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK;");
    // Exit 0: the write could start, so the parent's lock was gone.
    std::process::exit(if started.is_ok() { 0 } else { 3 });
}

#[test]
fn checking_a_link_to_the_book_keeps_the_books_write_lock() {
    if let Some(book) = std::env::var_os(TRY_WRITE_TO) {
        try_to_start_a_write(Path::new(&book));
    }
    let (dir, mut book) = new_book();
    add(&mut book, person("Ann", "Lee"));
    let file = dir.path().join(DATABASE_FILE);
    // The window is in the middle of a write.
    let writer = rusqlite::Connection::open(&file).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let other_program = || {
        std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "checking_a_link_to_the_book_keeps_the_books_write_lock",
                "--exact",
            ])
            .env(TRY_WRITE_TO, &file)
            .status()
            .unwrap()
    };
    assert_eq!(
        other_program().code(),
        Some(3),
        "the lock is held to begin with"
    );

    let hard = dir.path().join("cards.pdf");
    std::fs::hard_link(&file, &hard).unwrap();
    let guard = book.output_guard();
    for path in [
        hard.clone(),
        file.clone(),
        dir.path().join(format!("{DATABASE_FILE}-wal")),
        dir.path().join(format!("{DATABASE_FILE}-shm")),
    ] {
        let refused = guard.check(&path, OutputKind::Document).unwrap_err();
        assert!(
            matches!(refused, OutputError::IsTheBook { .. }),
            "{refused}"
        );
    }
    assert_eq!(
        other_program().code(),
        Some(3),
        "looking at the paths left the window's lock in place"
    );
    writer.execute_batch("ROLLBACK").unwrap();
    assert_eq!(book.integrity_check().unwrap(), "ok");
}
