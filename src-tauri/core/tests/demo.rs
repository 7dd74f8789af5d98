//! Sample data through the public API, on a real database file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use chrono::NaiveDate;
use rapport_core::contacts::{display_name, ContactInput, ContactPage, ListQuery};
use rapport_core::search_text::fold;
use rapport_core::{demo, Book};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

fn search(book: &Book, text: &str) -> ContactPage {
    book.list(&ListQuery {
        search: text.into(),
        limit: 50,
        ..Default::default()
    })
    .expect("search")
}

fn names(page: &ContactPage) -> Vec<&str> {
    page.rows
        .iter()
        .map(|row| row.display_name.as_str())
        .collect()
}

const SEED: u64 = 11;

#[test]
fn a_filled_book_can_be_searched_in_every_script_and_shows_today() {
    let today = day(2026, 3, 15);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut book = Book::open(dir.path()).expect("open");
    let summary = demo::fill(&mut book, 300, SEED, today).expect("fill");
    assert_eq!(summary.contacts, 300);
    assert!(
        summary.touchpoints > 300,
        "{} touchpoints",
        summary.touchpoints
    );
    assert_eq!(book.today(today).expect("today").contact_count, 300);
    assert!(dir.path().join("rapport.db").exists());

    let samples = demo::sample_contacts(300, SEED, today);

    // Typed without accents, an accented name is found.
    let accented = samples
        .iter()
        .find(|c| {
            c.given_name.chars().any(|ch| "éóíáúñçüöłøåś".contains(ch)) && !c.family_name.is_empty()
        })
        .expect("an accented given name");
    let typed = format!(
        "{} {}",
        fold(&accented.given_name),
        fold(&accented.family_name)
    );
    let page = search(&book, &typed);
    assert!(
        names(&page).contains(&display_name(accented).as_str()),
        "{typed:?} did not find {}",
        display_name(accented)
    );

    // A Chinese family name finds a Chinese contact.
    let chinese = chinese_contact(&samples);
    let family_prefix: String = chinese.family_name.chars().take(1).collect();
    let page = search(&book, &family_prefix);
    assert!(
        names(&page).contains(&display_name(chinese).as_str()),
        "{family_prefix} did not find {}",
        display_name(chinese)
    );
    assert!(
        page.rows
            .iter()
            .all(|row| row.display_name.contains(&family_prefix)
                || row.company.contains(&family_prefix)),
        "{:?}",
        names(&page)
    );

    // Today has birthdays coming up and customers overdue for a call.
    let view = book.today(today).expect("today");
    assert!(
        !view.birthdays.is_empty(),
        "no birthdays in the next two weeks"
    );
    assert!(view.overdue_count > 0, "nobody overdue");
    assert!(view.birthdays.iter().all(|b| b.in_days < 14));
}

#[test]
fn sample_timelines_set_last_contacted_and_the_keep_in_touch_clock() {
    let today = day(2026, 3, 15);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut book = Book::open(dir.path()).expect("open");
    demo::fill(&mut book, 150, SEED, today).expect("fill");
    let page = book
        .list(&ListQuery {
            limit: 500,
            ..Default::default()
        })
        .expect("list");
    let mut with_timeline = 0;
    for row in &page.rows {
        let detail = book.contact(row.id).expect("contact");
        let newest = detail
            .timeline
            .iter()
            .filter(|t| t.kind.counts_as_contact())
            .map(|t| t.happened_on)
            .max();
        assert_eq!(
            detail.contact.last_contacted, newest,
            "{}",
            row.display_name
        );
        with_timeline += usize::from(!detail.timeline.is_empty());
        for touchpoint in &detail.timeline {
            assert!(touchpoint.happened_on <= today);
            assert!(!touchpoint.handled_by.is_empty());
        }
    }
    assert!(
        with_timeline > 100,
        "{with_timeline} contacts with a timeline"
    );
    let view = book.today(today).expect("today");
    for overdue in &view.overdue {
        let since = overdue.last_contacted.or(book
            .contact(overdue.contact.id)
            .expect("contact")
            .contact
            .fields
            .customer_since);
        let due =
            since.expect("a start") + chrono::Days::new(u64::from(overdue.keep_in_touch_days));
        assert_eq!(
            i64::from(overdue.days_overdue),
            (today - due).num_days(),
            "{}",
            overdue.contact.display_name
        );
    }
}

fn chinese_contact(samples: &[ContactInput]) -> &ContactInput {
    samples
        .iter()
        .find(|c| {
            c.family_name.chars().count() == 1
                && c.family_name
                    .chars()
                    .all(|ch| ('\u{4E00}'..='\u{9FFF}').contains(&ch))
                && c.emails.iter().all(|e| !e.value.contains("sato"))
        })
        .expect("a Chinese contact")
}

#[test]
fn the_same_seed_gives_the_same_book() {
    let today = day(2026, 3, 15);
    let pages: Vec<(ContactPage, usize)> = (0..2)
        .map(|_| {
            let dir = tempfile::tempdir().expect("temp dir");
            let mut book = Book::open(dir.path()).expect("open");
            let summary = demo::fill(&mut book, 120, SEED, today).expect("fill");
            let page = book
                .list(&ListQuery {
                    limit: 500,
                    ..Default::default()
                })
                .expect("list");
            (page, summary.touchpoints)
        })
        .collect();
    assert_eq!(pages[0], pages[1]);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut book = Book::open(dir.path()).expect("open");
    demo::fill(&mut book, 120, SEED + 1, today).expect("fill");
    let other = book
        .list(&ListQuery {
            limit: 500,
            ..Default::default()
        })
        .expect("list");
    assert_ne!(names(&other), names(&pages[0].0));
}
