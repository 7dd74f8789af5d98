//! The morning nudge: what the desktop notification says when Rapport opens for the first time
//! in a day, and that it says it once a day.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use chrono::Days;
use common::*;
use rapport_core::contacts::{Birthday, ContactInput, NewTouchpoint, TouchpointKind};
use rapport_core::Book;

/// Someone whose birthday is in three days (Today lists birthdays a week ahead).
fn birthday_in_three_days(book: &mut Book, given: &str) -> i64 {
    let on = today() + Days::new(3);
    add(
        book,
        ContactInput {
            birthday: Some(Birthday {
                month: chrono::Datelike::month(&on),
                day: chrono::Datelike::day(&on),
                year: None,
            }),
            ..person(given, "Birthday")
        },
    )
}

/// A customer since two days ago, not welcomed yet.
fn new_customer(book: &mut Book, given: &str) -> i64 {
    add(
        book,
        ContactInput {
            customer_since: Some(today() - Days::new(2)),
            ..person(given, "New")
        },
    )
}

fn complaint(book: &mut Book, id: i64) {
    book.log_touchpoint(
        id,
        NewTouchpoint {
            kind: TouchpointKind::Complaint,
            happened_on: today() - Days::new(1),
            note: "The cake came late".into(),
            handled_by: String::new(),
        },
        today(),
    )
    .unwrap();
}

#[test]
fn the_first_opening_of_a_day_nudges_with_what_today_has_in_plurals() {
    let (_dir, mut book) = new_book();
    let ann = birthday_in_three_days(&mut book, "Ann");
    birthday_in_three_days(&mut book, "Bea");
    birthday_in_three_days(&mut book, "Cem");
    new_customer(&mut book, "Dan");
    new_customer(&mut book, "Eva");
    complaint(&mut book, ann);

    let nudge = book.morning_nudge(today()).unwrap().expect("a nudge");
    assert_eq!(
        nudge.body,
        "3 birthdays, 2 customers to welcome, 1 complaint to check back on"
    );
    assert_eq!(nudge.title, "Rapport: today");
}

#[test]
fn one_of_each_is_said_in_the_singular() {
    let (_dir, mut book) = new_book();
    let ann = birthday_in_three_days(&mut book, "Ann");
    let dan = new_customer(&mut book, "Dan");
    complaint(&mut book, dan);
    let _ = ann;
    let nudge = book.morning_nudge(today()).unwrap().expect("a nudge");
    assert_eq!(
        nudge.body,
        "1 birthday, 1 customer to welcome, 1 complaint to check back on"
    );
}

#[test]
fn a_day_is_nudged_once_however_often_rapport_opens() {
    let (dir, mut book) = new_book();
    birthday_in_three_days(&mut book, "Ann");
    assert!(book.morning_nudge(today()).unwrap().is_some());
    assert_eq!(book.morning_nudge(today()).unwrap(), None);
    // The day is kept in the book: opening it again (another start of the window) is not new.
    drop(book);
    let mut book = Book::open(dir.path()).unwrap();
    assert_eq!(book.morning_nudge(today()).unwrap(), None);
    // The next morning nudges again.
    let tomorrow = today() + Days::new(1);
    let nudge = book
        .morning_nudge(tomorrow)
        .unwrap()
        .expect("tomorrow's nudge");
    assert_eq!(nudge.body, "1 birthday");
}

#[test]
fn an_empty_day_gives_no_nudge() {
    let (_dir, mut book) = new_book();
    add(&mut book, person("Quiet", "Customer"));
    assert_eq!(book.morning_nudge(today()).unwrap(), None);
    // The day still counts as nudged: something added later that day waits for tomorrow.
    new_customer(&mut book, "Late");
    assert_eq!(book.morning_nudge(today()).unwrap(), None);
    assert_eq!(
        book.morning_nudge(today() + Days::new(1))
            .unwrap()
            .expect("tomorrow's nudge")
            .body,
        "1 customer to welcome"
    );
}
