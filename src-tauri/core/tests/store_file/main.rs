//! Opening the database file: settings, migrations, and files that must be refused untouched.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "../common/mod.rs"]
mod common;
mod fixtures;
mod rebuilds;

use fixtures::FIXTURE_ROWS;

use std::path::Path;

use common::*;
use rapport_core::store::{Store, StoreError, DATABASE_FILE, SCHEMA_VERSION};
use rapport_core::{Book, Error};

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

#[test]
fn a_new_database_uses_wal_full_sync_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let settings = store.connection_settings().unwrap();
    assert_eq!(settings.journal_mode, "wal");
    assert_eq!(settings.synchronous, 2, "synchronous = FULL");
    assert!(settings.foreign_keys);
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn a_database_of_every_earlier_version_migrates_with_its_data() {
    for version in 1..SCHEMA_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DATABASE_FILE);
        {
            let old = Store::open_at(&path, version).unwrap();
            assert_eq!(old.schema_version().unwrap(), version);
        }
        // Rows written as that version's schema had them, by SQL of that time.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(FIXTURE_ROWS[version as usize - 1])
            .unwrap();
        drop(conn);
        let book = Book::open(dir.path()).unwrap();
        assert_eq!(
            book.schema_version().unwrap(),
            SCHEMA_VERSION,
            "from version {version}"
        );
        assert_eq!(book.contact_count().unwrap(), 1, "from version {version}");
        assert_eq!(
            search(&book, "odegard"),
            ["Sigrid Ødegård"],
            "index built from version {version}"
        );
        assert_eq!(search(&book, "sigrid@"), ["Sigrid Ødegård"]);
        assert_eq!(search(&book, "vip"), ["Sigrid Ødegård"]);
        let detail = book.contact(1).unwrap();
        assert_eq!(
            detail.version, 1,
            "a contact from before versions starts at 1"
        );
        assert_eq!(detail.timeline.len(), 1, "from version {version}");
        assert_eq!(detail.timeline[0].note, "Asked about tulips");
        assert_eq!(
            detail
                .contact
                .last_contacted
                .map(|d| d.to_string())
                .as_deref(),
            Some("2025-03-01")
        );
        if version >= 7 {
            // The migration gives the stored number its tails: any stretch of it finds it.
            for typed in ["33 44", "4455", "+47 22"] {
                assert_eq!(search(&book, typed), ["Sigrid Ødegård"], "{typed:?}");
            }
            assert!(search(&book, "3344 99").is_empty());
        }
        if version >= 3 {
            // Fixtures from version 3 on hold an address: Sigrid can be sent a card, unless a
            // card came back (versions 4 to 6 mark the address undeliverable).
            let returned = book.address_undeliverable(1).unwrap().is_some();
            assert_eq!(
                returned,
                (4..=6).contains(&version),
                "from version {version}"
            );
            let expected = if returned { 0 } else { 1 };
            assert_eq!(book.mailable_contact_count().unwrap(), expected);
        }
        assert_eq!(book.integrity_check().unwrap(), "ok");
    }
}

#[test]
fn every_earlier_version_has_a_fixture() {
    assert_eq!(FIXTURE_ROWS.len(), SCHEMA_VERSION as usize - 1);
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(DATABASE_FILE), b"").unwrap();
    let book = Book::open(dir.path()).unwrap();
    assert_eq!(book.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    {
        let mut store = Store::open(&path).unwrap();
        store.set_setting("probe", "1").unwrap();
    }
    // Simulate a newer Rapport having bumped the schema.
    bump_user_version(&path, SCHEMA_VERSION + 5);
    let before = bytes(&path);
    let error = Book::open(dir.path()).err().expect("refused");
    assert!(
        matches!(error, Error::Store(StoreError::TooNew { found, .. }) if found == SCHEMA_VERSION + 5)
    );
    assert!(
        error.to_string().contains("newer version of Rapport"),
        "{error}"
    );
    assert_eq!(bytes(&path), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    std::fs::write(
        &path,
        "<html>this is a web page, not a database</html>".repeat(100),
    )
    .unwrap();
    let before = bytes(&path);
    let error = Book::open(dir.path()).err().expect("refused");
    assert_eq!(error.code(), "corrupt", "{error}");
    assert!(error.to_string().contains("has not changed it"), "{error}");
    assert_eq!(bytes(&path), before);
    assert!(!dir.path().join(format!("{DATABASE_FILE}-wal")).exists());
}

#[test]
fn a_damaged_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    {
        let mut book = Book::open(dir.path()).unwrap();
        let people: Vec<_> = (0..2000)
            .map(|i| person(&format!("Person {i}"), "Damaged"))
            .collect();
        book.add_contacts(people.clone(), rapport_core::clock::today())
            .unwrap();
    }
    // Scribble over pages in the middle of the file, as a failing disk would.
    let mut data = bytes(&path);
    assert!(data.len() > 40_000);
    for byte in &mut data[8192..40_000] {
        *byte = 0xA5;
    }
    std::fs::write(&path, &data).unwrap();
    let error = Book::open(dir.path()).err().expect("refused");
    assert_eq!(error.code(), "corrupt", "{error}");
    assert_eq!(bytes(&path), data);
}

/// A book closed cleanly is noted beside it, and the next open skips the page-by-page check of a
/// file exactly as noted (it costs half a second at 100,000 contacts). The note is exact: a file
/// scribbled over but given back its size and time (which damage does not do) passes unread —
/// and a file changed in any noticeable way is checked again and refused.
#[test]
fn only_a_file_exactly_as_rapport_closed_it_skips_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    let note = dir.path().join(format!("{DATABASE_FILE}.checked"));
    {
        let mut book = Book::open(dir.path()).unwrap();
        let people: Vec<_> = (0..2000)
            .map(|i| person(&format!("Person {i}"), "Noted"))
            .collect();
        book.add_contacts(people, rapport_core::clock::today())
            .unwrap();
        assert!(!note.exists(), "no note while the book is open");
    }
    assert!(note.exists(), "a clean close notes the file");
    let noted = std::fs::metadata(&path).unwrap().modified().unwrap();

    // Damage that leaves size, time and file as they were goes unseen at open...
    let mut data = bytes(&path);
    for byte in &mut data[8192..40_000] {
        *byte = 0xA5;
    }
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    std::io::Write::write_all(&mut &file, &data).unwrap();
    file.set_modified(noted).unwrap();
    drop(file);
    let opened = Book::open(dir.path()).expect("exactly as noted: not read again");
    std::mem::forget(opened); // as if killed: no clean close, no new note

    // ...and any change of time makes the next open look at every page again.
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_modified(noted + std::time::Duration::from_secs(1))
        .unwrap();
    drop(file);
    let error = Book::open(dir.path()).err().expect("refused");
    assert_eq!(error.code(), "corrupt", "{error}");
}

#[test]
fn a_database_locked_by_another_program_gives_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    drop(Store::open(&path).unwrap());
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute_batch(
            "PRAGMA journal_mode = DELETE; PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;",
        )
        .unwrap_or(());
    other
        .execute_batch("BEGIN EXCLUSIVE; CREATE TABLE other_program (x);")
        .unwrap_or(());
    let error = Book::open(dir.path()).err().expect("refused while locked");
    assert_eq!(error.code(), "locked", "{error}");
    assert!(error.to_string().contains("Close that program"), "{error}");
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    assert!(
        Book::open(dir.path()).is_ok(),
        "opens once the other program lets go"
    );
}

#[test]
fn a_data_folder_that_cannot_be_created_gives_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let error = Book::open(&file.join("rapport")).err().expect("refused");
    assert_eq!(error.code(), "readOnly");
    assert!(error.to_string().contains("--data-dir"), "{error}");
}

fn bump_user_version(path: &Path, version: u32) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "user_version", version).unwrap();
}
