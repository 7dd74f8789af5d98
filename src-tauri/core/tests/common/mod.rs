#![allow(dead_code)]

pub mod pg;
pub mod smtp;

use chrono::NaiveDate;
use rapport_core::contacts::{ContactInput, LabeledValue, ListQuery};
use rapport_core::Book;

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

pub const TODAY: (i32, u32, u32) = (2026, 11, 23);

pub fn today() -> NaiveDate {
    day(TODAY.0, TODAY.1, TODAY.2)
}

pub fn person(given: &str, family: &str) -> ContactInput {
    ContactInput {
        given_name: given.into(),
        family_name: family.into(),
        ..ContactInput::default()
    }
}

pub fn with_email(mut input: ContactInput, email: &str) -> ContactInput {
    input.emails.push(LabeledValue {
        label: "work".into(),
        value: email.into(),
    });
    input
}

pub fn new_book() -> (tempfile::TempDir, Book) {
    let dir = tempfile::tempdir().expect("temp dir");
    let book = Book::open(dir.path()).expect("open book");
    (dir, book)
}

pub fn add(book: &mut Book, input: ContactInput) -> i64 {
    book.create_contact(input, today())
        .expect("create contact")
        .contact
        .id
}

/// Display names found by a search, best first.
pub fn search(book: &Book, text: &str) -> Vec<String> {
    book.list(&ListQuery {
        search: text.into(),
        limit: 50,
        ..ListQuery::default()
    })
    .expect("search")
    .rows
    .into_iter()
    .map(|r| r.display_name)
    .collect()
}

/// A fresh book file in a folder of its own.
pub fn file_book() -> (tempfile::TempDir, Book) {
    new_book()
}

/// A fresh team book on the test server, signed in as its owner, for a data folder of its own.
pub fn server_book() -> (tempfile::TempDir, Book) {
    use rapport_core::store::postgres::ServerBook;
    use rapport_core::store::Store;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = pg::fresh_book().owner_store();
    let book = Book::from_store(Store::Postgres(Box::new(ServerBook::new(
        store,
        dir.path(),
    ))));
    assert!(book.is_shared());
    (dir, book)
}

/// Runs each named body on a book file and on a server book: `NAME::file` and `NAME::server`,
/// so the two arms of the store are held to the same assertions.
#[allow(unused_macros)]
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[test]
                fn file() {
                    let (_dir, mut book) = crate::common::file_book();
                    super::$name(&mut book);
                }

                #[test]
                fn server() {
                    let (_dir, mut book) = crate::common::server_book();
                    super::$name(&mut book);
                }
            }
        )*
    };
}
#[allow(unused_imports)]
pub(crate) use on_both;
