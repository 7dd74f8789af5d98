//! The calendar file kept in the data folder: read with the book held, written without it, and
//! never current by mistake when the book changed while it was being written; rewrites take
//! turns, at most one writing and one waiting.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use std::sync::mpsc;

use common::*;
use rapport_core::contacts::{Birthday, ContactInput};
use rapport_core::ical::CalendarTurn;
use rapport_core::Book;

fn born(given: &str, month: u32, day: u32) -> ContactInput {
    ContactInput {
        birthday: Some(Birthday {
            year: None,
            month,
            day,
        }),
        ..person(given, "Lee")
    }
}

on_both!(the_kept_calendar_follows_every_write_even_one_made_while_it_is_written);

/// On a book file and on a team's book alike (where no file's time could tell): the kept file is
/// current until the next write, and a write made between reading the book and writing the file
/// leaves it stale.
fn the_kept_calendar_follows_every_write_even_one_made_while_it_is_written(book: &mut Book) {
    add(book, born("Ann", 5, 17));
    assert!(!book.calendar_is_current(today()), "never written yet");
    let written = book
        .refresh_calendar_file(today())
        .unwrap()
        .expect("written");
    assert_eq!(written.birthdays, 1);
    assert!(book.calendar_is_current(today()));
    assert_eq!(
        book.refresh_calendar_file(today()).unwrap(),
        None,
        "nothing to do"
    );
    assert!(
        !book.calendar_is_current(today().succ_opt().unwrap()),
        "a new day rewrites it (this year's occasions, the keep-in-touch dates)"
    );

    // Read with the book held; meanwhile the book takes a new customer; then written.
    add(book, born("Cy", 7, 2));
    let run = book
        .prepare_calendar_refresh(today())
        .unwrap()
        .expect("stale, so gathered");
    let bo = add(book, born("Bo", 6, 1));
    run.write().unwrap();
    let text = std::fs::read_to_string(book.calendar_file()).unwrap();
    assert!(text.contains("Birthday: Cy Lee") && !text.contains("Bo Lee"));
    assert!(
        !book.calendar_is_current(today()),
        "Bo came after the book was read: the file must not pass for current"
    );

    let written = book
        .refresh_calendar_file(today())
        .unwrap()
        .expect("rewritten");
    assert_eq!(written.birthdays, 3);
    let text = std::fs::read_to_string(&written.path).unwrap();
    assert!(text.contains(&format!("rapport-birthday-{bo}@rapport.local")));
    assert!(book.calendar_is_current(today()));
    assert!(book.calendar_file_size() > 0);
}

#[test]
fn rewrites_take_turns_one_writing_one_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_path_buf();
    let writing = CalendarTurn::take(&folder)
        .unwrap()
        .expect("the first writes");

    // Four more refreshers while the first writes: one waits for its turn, the other three stop
    // at once (the waiting one reads the book after the writer, so it takes their changes).
    let (report, outcomes) = mpsc::channel();
    let refreshers: Vec<_> = (0..4)
        .map(|_| {
            let (folder, report) = (folder.clone(), report.clone());
            std::thread::spawn(move || {
                let turn = CalendarTurn::take(&folder).unwrap();
                report.send(turn.is_some()).unwrap();
                drop(turn);
            })
        })
        .collect();
    let stopped: Vec<bool> = (0..3).map(|_| outcomes.recv().unwrap()).collect();
    assert_eq!(stopped, [false, false, false], "three stop while one waits");
    drop(writing);
    assert!(outcomes.recv().unwrap(), "the one waiting takes its turn");
    for refresher in refreshers {
        refresher.join().unwrap();
    }
    assert!(CalendarTurn::take(&folder).unwrap().is_some(), "free again");
}
