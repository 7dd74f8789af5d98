//! Writes of many contacts at once (sample data, imports): one transaction that may set the
//! book's indexes aside and build them again, and must leave the book whole either way.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use std::path::Path;
use std::sync::Arc;

use common::*;
use rapport_core::contacts::{ContactInput, LabeledValue, NewTouchpoint, TouchpointKind};
use rapport_core::store::{NewContact, DATABASE_FILE};
use rapport_core::{Book, Error};

/// Every index of the database, by name, with the SQL that made it.
fn indexes(path: &Path) -> Vec<(String, Option<String>)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name")
        .unwrap();
    stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn customer_input(i: usize) -> (ContactInput, Vec<(NewTouchpoint, bool)>) {
    let mut input = person(&format!("Customer{i:04}"), "Bulk");
    input.phones.push(LabeledValue {
        label: "mobile".into(),
        value: format!("+44 7700 9{i:05}"),
    });
    input
        .tags
        .push(if i.is_multiple_of(2) { "even" } else { "odd" }.into());
    input.keep_in_touch_days = Some(30);
    let call = NewTouchpoint {
        kind: TouchpointKind::Call,
        happened_on: day(2026, 10, 1 + (i % 28) as u32),
        note: format!("Call {i}"),
        handled_by: "Maria".into(),
    };
    (input, vec![(call, false)])
}

/// As the bulk write takes it.
fn customer(i: usize) -> (NewContact, Vec<(NewTouchpoint, bool)>) {
    let (input, timeline) = customer_input(i);
    (NewContact::new(Arc::new(input), None), timeline)
}

#[test]
fn many_contacts_into_an_empty_book_leave_every_index_and_check_as_before() {
    let (dir, mut book) = new_book();
    let path = dir.path().join(DATABASE_FILE);
    let before = indexes(&path);
    assert!(before.iter().any(|(name, _)| name == "contacts_by_name"));

    let ids = book
        .add_contacts_with_history(3_000, (0..3_000).map(|i| Ok(customer(i))))
        .unwrap();
    assert_eq!(ids.len(), 3_000);

    assert_eq!(
        indexes(&path),
        before,
        "the same indexes, made by the same SQL"
    );
    let settings = book.connection_settings().unwrap();
    assert!(settings.foreign_keys, "foreign keys are checked again");
    assert_eq!(book.integrity_check().unwrap(), "ok");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let orphans: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert_eq!(orphans, 0);
    drop(conn);
    // The write went through a rollback journal, and the book is back on its log after it.
    assert_eq!(settings.journal_mode, "wal");
    assert!(!dir.path().join(format!("{DATABASE_FILE}-journal")).exists());
    let wal =
        std::fs::metadata(dir.path().join(format!("{DATABASE_FILE}-wal"))).map_or(0, |m| m.len());
    assert!(wal < 1_000_000, "write-ahead log left at {wal} bytes");

    // The rebuilt indexes answer: name order, tags, phones, the timeline and keep-in-touch.
    let first = book
        .list(&rapport_core::contacts::ListQuery {
            limit: 2,
            ..Default::default()
        })
        .unwrap();
    let names: Vec<&str> = first.rows.iter().map(|r| r.display_name.as_str()).collect();
    assert_eq!(names, ["Customer0000 Bulk", "Customer0001 Bulk"]);
    assert_eq!(first.total, 3_000);
    assert_eq!(search(&book, "7700 900042"), ["Customer0042 Bulk"]);
    let odd = book
        .list(&rapport_core::contacts::ListQuery {
            tag: Some("odd".into()),
            limit: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(odd.total, 1_500);
    let detail = book.contact(ids[5]).unwrap();
    assert_eq!(detail.timeline[0].note, "Call 5");
    assert_eq!(
        detail.contact.last_contacted,
        Some(day(2026, 10, 6)),
        "last contacted comes from the timeline written with it"
    );
}

#[test]
fn a_bulk_write_that_fails_halfway_leaves_the_book_as_it_was() {
    let (dir, mut book) = new_book();
    let path = dir.path().join(DATABASE_FILE);
    let kept = add(&mut book, person("Already", "Here"));
    let before = indexes(&path);

    let people = (0..2_500).map(|i| {
        if i == 1_800 {
            Err(Error::not_found("the 1,801st row"))
        } else {
            Ok(customer(i))
        }
    });
    let error = book.add_contacts_with_history(2_500, people).unwrap_err();
    assert!(error.to_string().contains("1,801st"), "{error}");

    assert_eq!(book.contact_count().unwrap(), 1);
    assert_eq!(indexes(&path), before, "the set-aside indexes are back");
    assert!(book.connection_settings().unwrap().foreign_keys);
    assert_eq!(search(&book, "already"), ["Already Here"]);
    assert!(search(&book, "customer").is_empty());
    assert_eq!(
        book.contact(kept).unwrap().contact.display_name,
        "Already Here"
    );
    // The book takes writes as before.
    add(&mut book, person("After", "Wards"));
    assert_eq!(book.contact_count().unwrap(), 2);
    drop(book);
    let reopened = Book::open(dir.path()).unwrap();
    assert_eq!(reopened.integrity_check().unwrap(), "ok");
}

#[test]
fn a_big_write_while_another_connection_reads_goes_through_the_log() {
    let (dir, mut book) = new_book();
    let path = dir.path().join(DATABASE_FILE);
    // Another program (the window, a second command) has the book open.
    let other = rusqlite::Connection::open(&path).unwrap();
    let mode: String = other
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");

    let ids = book
        .add_contacts_with_history(2_000, (0..2_000).map(|i| Ok(customer(i))))
        .unwrap();
    assert_eq!(ids.len(), 2_000);

    let seen: i64 = other
        .query_row("SELECT count(*) FROM contacts", [], |row| row.get(0))
        .unwrap();
    assert_eq!(seen, 2_000, "the other connection sees the committed write");
    assert_eq!(book.connection_settings().unwrap().journal_mode, "wal");
    assert_eq!(search(&book, "customer0042"), ["Customer0042 Bulk"]);
    drop(other);
    assert_eq!(book.integrity_check().unwrap(), "ok");
}

/// Set in the child process of the test below: the folder whose book it writes to until it
/// kills itself.
const CUT_OFF_IN: &str = "RAPPORT_TEST_CUT_OFF_IN";

#[test]
fn a_big_write_cut_off_by_a_dying_process_is_undone_when_the_book_is_next_opened() {
    if let Some(folder) = std::env::var_os(CUT_OFF_IN) {
        write_until_the_file_grows_then_die(Path::new(&folder));
    }
    let (dir, mut book) = new_book();
    let path = dir.path().join(DATABASE_FILE);
    add(&mut book, person("Already", "Here"));
    drop(book);
    let size_before = std::fs::metadata(&path).unwrap().len();

    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "a_big_write_cut_off_by_a_dying_process_is_undone_when_the_book_is_next_opened",
            "--exact",
            "--nocapture",
        ])
        .env(CUT_OFF_IN, dir.path())
        .status()
        .unwrap();
    assert!(!status.success(), "the writer died: {status}");
    // The cut-off write had already put pages into the file, so only its journal can undo it.
    let journal = dir.path().join(format!("{DATABASE_FILE}-journal"));
    assert!(std::fs::metadata(&journal).unwrap().len() > 0);
    assert!(std::fs::metadata(&path).unwrap().len() > size_before + 4_000_000);

    let book = Book::open(dir.path()).unwrap();
    assert_eq!(book.contact_count().unwrap(), 1);
    assert_eq!(search(&book, "already"), ["Already Here"]);
    assert!(search(&book, "customer").is_empty());
    assert_eq!(book.integrity_check().unwrap(), "ok");
    assert_eq!(book.connection_settings().unwrap().journal_mode, "wal");
    assert!(!journal.exists(), "the journal was played back");
}

/// Writes customers with long notes in one bulk write and aborts the process in the middle of
/// it, once the write has spilled pages into the database file.
fn write_until_the_file_grows_then_die(folder: &Path) -> ! {
    let path = folder.join(DATABASE_FILE);
    let start = std::fs::metadata(&path).unwrap().len();
    let mut book = Book::open(folder).unwrap();
    let people = (0..200_000).map(|i| {
        let grown = std::fs::metadata(&path).map_or(0, |m| m.len());
        if grown > start + 5_000_000 || i == 199_999 {
            std::process::abort();
        }
        let (mut input, timeline) = customer_input(i);
        input.notes = (0..200).map(|w| format!("note{i}x{w} ")).collect();
        Ok((NewContact::new(Arc::new(input), None), timeline))
    });
    let _ = book.add_contacts_with_history(200_000, people);
    std::process::abort();
}
