//! Live screens: a window hears of what changed in its book elsewhere — another program on the
//! book file, another desk on the team's book — and not of what it changed itself. On the team's
//! book a desk whose listening connection dropped catches up from the change records.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use std::time::{Duration, Instant};

use common::pg::fresh_book;
use common::{add, person, today};
use rapport_core::contacts::{NewTouchpoint, TouchpointKind};
use rapport_core::live::{BookChanged, DeskWatch};
use rapport_core::store::postgres::{PgStore, ServerBook};
use rapport_core::store::Store;
use rapport_core::Book;

fn call(book: &mut Book, contact: i64, note: &str) {
    book.log_touchpoint(
        contact,
        NewTouchpoint {
            kind: TouchpointKind::Call,
            happened_on: today(),
            note: note.into(),
            handled_by: String::new(),
        },
        today(),
    )
    .expect("log a call");
}

#[test]
fn a_book_file_hears_of_another_program_s_commits_and_not_of_its_own() {
    let (dir, mut window) = common::new_book();
    let ann = add(&mut window, person("Ann", "Lee"));
    assert_eq!(
        window.changed_elsewhere().expect("look"),
        None,
        "the first look notes where the book stands"
    );

    call(&mut window, ann, "the window's own call");
    assert_eq!(
        window.changed_elsewhere().expect("look"),
        None,
        "its own commit is not news"
    );

    let mut command_line = Book::open(dir.path()).expect("a second program on the book");
    call(&mut command_line, ann, "logged from a script");
    let heard = window.changed_elsewhere().expect("look");
    assert_eq!(
        heard,
        Some(BookChanged {
            contact_ids: Vec::new(),
            everything: true,
            reopened: false,
        }),
        "another program's commit: re-read the screen"
    );
    assert_eq!(window.changed_elsewhere().expect("look"), None, "told once");

    // A read elsewhere is not a change.
    command_line.contact(ann).expect("read");
    assert_eq!(window.changed_elsewhere().expect("look"), None);
    assert_eq!(command_line.changed_elsewhere().expect("look"), None);
    call(&mut window, ann, "and the window again");
    assert!(command_line.changed_elsewhere().expect("look").is_some());
}

/// A desk on the team's book: its book, and its own connection's server process.
fn desk(store: PgStore) -> (tempfile::TempDir, Book, i32) {
    let dir = tempfile::tempdir().expect("temp dir");
    let pid = store.session_pid();
    let book = Book::from_store(Store::Postgres(Box::new(ServerBook::new(
        store,
        dir.path(),
    ))));
    (dir, book, pid)
}

/// The changes `watch` hears within `within` (connection errors are retried: a dropped
/// connection is reopened by the next call).
fn heard(watch: &mut DeskWatch, within: Duration) -> Vec<BookChanged> {
    let until = Instant::now() + within;
    let mut heard = Vec::new();
    while Instant::now() < until {
        match watch.next(Duration::from_millis(200)) {
            Ok(Some(change)) => heard.push(change),
            Ok(None) => {}
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    heard
}

/// Waits until `watch` hears of `contact`; the time it took.
fn hears_of(watch: &mut DeskWatch, contact: i64) -> Duration {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        match watch.next(Duration::from_millis(200)) {
            Ok(Some(change)) if change.everything || change.contact_ids.contains(&contact) => {
                return start.elapsed()
            }
            Ok(_) => {}
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    panic!("contact {contact}'s change was not heard in 10 s");
}

#[test]
fn a_desk_hears_another_desk_s_change_and_catches_up_after_a_drop() {
    let book = fresh_book();
    let (_a_dir, mut counter, counter_pid) = desk(book.owner_store());
    let (_b_dir, mut office, office_pid) = desk(book.open(&book.staff("Maja")));
    assert!(counter.watch_other_desks().expect("watch").is_some());
    assert_eq!(
        counter.changed_elsewhere().expect("look"),
        None,
        "the server book's desks are told by notices"
    );
    let mut watch = office
        .watch_other_desks()
        .expect("watch")
        .expect("a server book");
    assert!(heard(&mut watch, Duration::from_millis(300)).is_empty());
    assert!(watch.is_connected());

    // A call logged at the counter reaches the office, naming the contact.
    let ann = add(&mut counter, person("Ann", "Lee"));
    assert!(hears_of(&mut watch, ann) < Duration::from_secs(2));
    call(&mut counter, ann, "asked about the spring order");
    let change = heard(&mut watch, Duration::from_millis(500));
    assert_eq!(
        change,
        vec![BookChanged {
            contact_ids: vec![ann],
            everything: false,
            reopened: false,
        }]
    );

    // The office's own change is not news to the office.
    call(&mut office, ann, "called back");
    assert_eq!(heard(&mut watch, Duration::from_millis(500)), Vec::new());

    // The network drops the office's listening connection; meanwhile the counter logs a call.
    let mut admin = rapport_core::store::postgres::connect(&book.admin)
        .expect("admin")
        .client;
    let dropped = admin
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid()
               AND pid <> ALL($1)",
            &[&vec![counter_pid, office_pid]],
        )
        .expect("drop the listening connection");
    assert_eq!(dropped, 1, "the office's listening connection");
    let bea = add(&mut counter, person("Bea", "Moss"));
    call(&mut counter, bea, "while the office was away");
    assert!(hears_of(&mut watch, bea) < Duration::from_secs(10));
    assert!(watch.is_connected(), "connected again");
    // And it listens again: the next change comes as a notice.
    call(&mut counter, ann, "after the drop");
    hears_of(&mut watch, ann);
}

#[test]
fn a_desk_keeps_a_copy_of_the_team_book_and_reads_it_when_the_server_is_away() {
    let book = fresh_book();
    let (dir, mut desk_book, _) = desk(book.owner_store());
    let ann = add(&mut desk_book, person("Ann", "Lee"));
    call(&mut desk_book, ann, "asked about tulips");

    // Today's copy, over a connection of its own; once a day.
    let made = desk_book.desk_copy(today()).expect("copy").expect("made");
    assert!(std::path::Path::new(&made.path).starts_with(dir.path().join("backups")));
    assert!(
        desk_book.desk_copy(today()).expect("again").is_none(),
        "once a day"
    );

    // Offline: the copy opens to read only, with the customer and the timeline.
    let (offline, as_of) = Book::open_offline(dir.path()).expect("offline book");
    assert_eq!(as_of.len(), "2026-11-23 10:32".len(), "{as_of}");
    let detail = offline.contact(ann).expect("read");
    assert_eq!(detail.contact.display_name, "Ann Lee");
    assert_eq!(detail.timeline[0].note, "asked about tulips");
    let mut offline = offline;
    let Err(refused) = offline.create_contact(person("Bea", "Moss"), today()) else {
        panic!("changes are off");
    };
    assert_eq!(
        rapport_core::AppError::from(refused).code,
        rapport_core::ErrorCode::ReadOnly,
        "a write to the copy is refused as read only (the window says why)"
    );
    assert!(!offline.is_shared());

    // A book file keeps its daily backup beside the window, not as a desk copy; a desk with no
    // copy says so.
    let (file_dir, file_book) = common::new_book();
    assert!(file_book.desk_copy(today()).expect("file").is_none());
    let Err(error) = Book::open_offline(file_dir.path()) else {
        panic!("no copy");
    };
    assert!(
        error.to_string().contains("copy of the team's book"),
        "{error}"
    );
}
