//! Search as you type: case, accents and scripts, prefixes, ranking, and an index kept in sync.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use common::*;
use rapport_core::contacts::{ContactInput, LabeledValue, ListQuery};

fn book_with_people() -> (tempfile::TempDir, rapport_core::Book) {
    let (dir, mut book) = new_book();
    for (given, family) in [
        ("José", "García"),
        ("Anna", "Müller"),
        ("Łukasz", "Wróbel"),
        ("Sigrid", "Ødegård"),
        ("Νίκος", "Παπαδόπουλος"),
        ("小明", "王"),
        ("محمد", "الأحمد"),
        ("Ann", "Lee"),
    ] {
        add(&mut book, person(given, family));
    }
    (dir, book)
}

#[test]
fn typing_without_accents_finds_names_with_them() {
    let (_dir, book) = book_with_people();
    assert_eq!(search(&book, "jose"), ["José García"]);
    assert_eq!(search(&book, "muller"), ["Anna Müller"]);
    assert_eq!(search(&book, "MÜLLER"), ["Anna Müller"]);
    assert_eq!(search(&book, "lukasz"), ["Łukasz Wróbel"]);
    assert_eq!(search(&book, "odegard"), ["Sigrid Ødegård"]);
    assert_eq!(search(&book, "wrobel"), ["Łukasz Wróbel"]);
}

#[test]
fn greek_without_accents_and_cjk_or_arabic_prefixes_find_their_names() {
    let (_dir, book) = book_with_people();
    assert_eq!(search(&book, "νικος"), ["Νίκος Παπαδόπουλος"]);
    assert_eq!(search(&book, "ΠΑΠΑΔ"), ["Νίκος Παπαδόπουλος"]);
    assert_eq!(search(&book, "王"), ["王小明"]);
    assert_eq!(search(&book, "王小"), ["王小明"]);
    assert_eq!(search(&book, "مح"), ["محمد الأحمد"]);
    assert_eq!(search(&book, "الاحمد"), ["محمد الأحمد"]);
}

#[test]
fn every_word_typed_must_match_the_start_of_a_word() {
    let (_dir, book) = book_with_people();
    assert_eq!(search(&book, "an"), ["Ann Lee", "Anna Müller"]);
    assert_eq!(search(&book, "ann mu"), ["Anna Müller"]);
    assert!(
        search(&book, "nna").is_empty(),
        "matches start at word boundaries"
    );
    assert!(search(&book, "\"").is_empty());
    assert!(
        search(&book, "OR AND NOT (").is_empty(),
        "FTS syntax in the query is taken literally"
    );
}

#[test]
fn finds_by_company_email_phone_tag_and_notes_with_names_ranked_first() {
    let (_dir, mut book) = new_book();
    add(
        &mut book,
        ContactInput {
            given_name: "Ruth".into(),
            company: "Bäckerei Sonnenschein".into(),
            emails: vec![LabeledValue {
                label: "work".into(),
                value: "ruth@sonnenschein.example".into(),
            }],
            phones: vec![LabeledValue {
                label: "work".into(),
                value: "+1 (555) 123-4567".into(),
            }],
            tags: vec!["Wholesale".into()],
            notes: "Prefers rye bread on Fridays".into(),
            ..ContactInput::default()
        },
    );
    add(
        &mut book,
        ContactInput {
            given_name: "Rye".into(),
            family_name: "Baker".into(),
            ..ContactInput::default()
        },
    );
    assert_eq!(search(&book, "backerei"), ["Ruth"]);
    assert_eq!(search(&book, "sonnensch"), ["Ruth"]);
    assert_eq!(search(&book, "ruth@sonn"), ["Ruth"]);
    assert_eq!(search(&book, "555-123"), ["Ruth"]);
    assert_eq!(search(&book, "4567"), ["Ruth"]);
    assert_eq!(search(&book, "wholes"), ["Ruth"]);
    assert_eq!(search(&book, "fridays"), ["Ruth"]);
    assert_eq!(
        search(&book, "rye"),
        ["Rye Baker", "Ruth"],
        "a name match ranks above a note match"
    );
}

#[test]
fn the_index_follows_every_change() {
    let (_dir, mut book) = new_book();
    let id = add(&mut book, person("Greta", "Olsen"));
    book.update_contact(id, person("Margit", "Olsen"), today())
        .unwrap();
    assert!(search(&book, "greta").is_empty());
    assert_eq!(search(&book, "margit"), ["Margit Olsen"]);

    book.tag(&[id], "Knitting club").unwrap();
    assert_eq!(search(&book, "knitt"), ["Margit Olsen"]);
    book.untag(&[id], "knitting club").unwrap();
    assert!(search(&book, "knitt").is_empty());

    book.delete_contact(id).unwrap();
    assert!(search(&book, "olsen").is_empty());
}

#[test]
fn search_respects_archive_and_tag_filters_and_reports_the_total() {
    let (_dir, mut book) = new_book();
    let a = add(&mut book, person("Pia", "Berg"));
    let b = add(&mut book, person("Pia", "Lund"));
    add(&mut book, person("Pia", "Holm"));
    book.tag(&[b], "VIP").unwrap();
    book.set_archived(&[a], true).unwrap();

    let page = book
        .list(&ListQuery {
            search: "pia".into(),
            limit: 1,
            ..ListQuery::default()
        })
        .unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(page.rows.len(), 1);
    let vip = book
        .list(&ListQuery {
            search: "pia".into(),
            tag: Some("vip".into()),
            limit: 10,
            ..ListQuery::default()
        })
        .unwrap();
    assert_eq!(vip.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [b]);
    let archived = book
        .list(&ListQuery {
            search: "pia".into(),
            archive: rapport_core::contacts::ArchiveFilter::Archived,
            limit: 10,
            ..ListQuery::default()
        })
        .unwrap();
    assert_eq!(archived.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [a]);
}

#[test]
fn a_search_matching_thousands_lists_them_by_name_without_archived_ones() {
    let (_dir, mut book) = new_book();
    let people: Vec<ContactInput> = (0..2600)
        .map(|i| person("Anders", &format!("Nr{:04}", 2600 - i)))
        .collect();
    let ids = book
        .add_contacts(people.clone(), rapport_core::clock::today())
        .unwrap();
    book.set_archived(&ids[..100], true).unwrap();
    add(&mut book, person("Zed", "Other"));

    let page = book
        .list(&ListQuery {
            search: "and".into(),
            limit: 3,
            ..ListQuery::default()
        })
        .unwrap();
    assert_eq!(page.total, 2500);
    let names: Vec<&str> = page.rows.iter().map(|r| r.display_name.as_str()).collect();
    assert_eq!(names, ["Anders Nr0001", "Anders Nr0002", "Anders Nr0003"]);
    let last = book
        .list(&ListQuery {
            search: "and".into(),
            offset: 2499,
            limit: 5,
            ..ListQuery::default()
        })
        .unwrap();
    assert_eq!(last.rows.len(), 1);
    assert_eq!(last.rows[0].display_name, "Anders Nr2500");
    assert!(last.rows.iter().all(|r| !r.archived));
}

/// The first page of a search matching thousands, as display names.
fn first_names_of_many(book: &rapport_core::Book, text: &str) -> (u32, Vec<String>) {
    let page = book
        .list(&ListQuery {
            search: text.into(),
            limit: 2,
            ..ListQuery::default()
        })
        .unwrap();
    let names = page.rows.into_iter().map(|r| r.display_name).collect();
    (page.total, names)
}

#[test]
fn a_search_matching_thousands_follows_renames_archiving_and_other_programs() {
    let (dir, mut book) = new_book();
    let people: Vec<ContactInput> = (0..2100)
        .map(|i| person("Birgit", &format!("Nr{i:04}")))
        .collect();
    let ids = book
        .add_contacts(people, rapport_core::clock::today())
        .unwrap();
    let first_two = |book: &rapport_core::Book| first_names_of_many(book, "birg");
    assert_eq!(
        first_two(&book),
        (2100, vec!["Birgit Nr0000".into(), "Birgit Nr0001".into()])
    );

    // A rename here moves the contact in name order at once.
    book.update_contact(ids[1500], person("Birgit", "Aalto"), today())
        .unwrap();
    assert_eq!(
        first_two(&book),
        (2100, vec!["Birgit Aalto".into(), "Birgit Nr0000".into()])
    );

    // Archived contacts leave the everyday search; restored, they come back.
    book.set_archived(&[ids[1500], ids[0]], true).unwrap();
    assert_eq!(
        first_two(&book),
        (2098, vec!["Birgit Nr0001".into(), "Birgit Nr0002".into()])
    );
    // A few equally relevant matches, paged in name order without the archived one.
    assert_eq!(
        first_names_of_many(&book, "nr000"),
        (9, vec!["Birgit Nr0001".into(), "Birgit Nr0002".into()])
    );
    book.set_archived(&[ids[0]], false).unwrap();
    assert_eq!(
        first_two(&book),
        (2099, vec!["Birgit Nr0000".into(), "Birgit Nr0001".into()])
    );

    // Another program writing to the same book (the command line beside the window).
    let mut other = rapport_core::Book::open(dir.path()).unwrap();
    add(&mut other, person("Birgit", "Aaberg"));
    other.delete_contact(ids[1]).unwrap();
    assert_eq!(
        first_two(&book),
        (2099, vec!["Birgit Aaberg".into(), "Birgit Nr0000".into()])
    );

    // A big import (as many new contacts as the book holds) is written in bulk (through the
    // write-ahead log, as the other program still has the book open).
    let more = (0..2200).map(|i| {
        let input = person("Birgit", &format!("A{i:04}")).validated(today())?;
        Ok((
            rapport_core::store::NewContact::new(input.into(), None),
            Vec::new(),
        ))
    });
    book.add_contacts_with_history(2200, more).unwrap();
    assert_eq!(
        first_two(&book),
        (4299, vec!["Birgit A0000".into(), "Birgit A0001".into()])
    );
    drop(other);
}

fn with_phones(given: &str, phones: &[&str]) -> ContactInput {
    ContactInput {
        given_name: given.into(),
        phones: phones
            .iter()
            .map(|p| LabeledValue {
                label: "mobile".into(),
                value: (*p).into(),
            })
            .collect(),
        ..ContactInput::default()
    }
}

#[test]
fn a_phone_fragment_finds_each_number_once_and_follows_every_change() {
    let (_dir, mut book) = new_book();
    let two = add(
        &mut book,
        with_phones("Two Numbers", &["+1 555 010 2030", "+1 555 010 9999"]),
    );
    let one = add(&mut book, with_phones("One Number", &["(555) 777-2030"]));
    add(&mut book, with_phones("Elsewhere", &["+49 30 1234567"]));

    // Both of one contact's numbers match "555 010": the contact is listed once.
    let page = book
        .list(&ListQuery {
            search: "555 010".into(),
            limit: 10,
            ..ListQuery::default()
        })
        .unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(search(&book, "555 010"), ["Two Numbers"]);
    // Numbers match by any group and by their last digits, listed by name.
    assert_eq!(search(&book, "2030"), ["One Number", "Two Numbers"]);
    assert_eq!(search(&book, "555"), ["One Number", "Two Numbers"]);
    assert_eq!(search(&book, "1234567"), ["Elsewhere"]);
    assert!(search(&book, "5010").is_empty(), "not from inside a group");

    // The tag and archive filters take the other query path: the same matches.
    book.tag(&[two], "Wholesale").unwrap();
    let tagged = book
        .list(&ListQuery {
            search: "2030".into(),
            tag: Some("wholesale".into()),
            limit: 10,
            ..ListQuery::default()
        })
        .unwrap();
    assert_eq!(tagged.total, 1);
    assert_eq!(tagged.rows[0].id, two);
    book.set_archived(&[one], true).unwrap();
    assert_eq!(search(&book, "2030"), ["Two Numbers"]);
    let archived = book
        .list(&ListQuery {
            search: "777".into(),
            archive: rapport_core::contacts::ArchiveFilter::Archived,
            limit: 10,
            ..ListQuery::default()
        })
        .unwrap();
    assert_eq!(
        archived.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        [one]
    );

    // A changed number is found by its new digits only; a deleted contact by none.
    book.update_contact(
        two,
        with_phones("Two Numbers", &["+1 555 444 1212"]),
        today(),
    )
    .unwrap();
    assert!(search(&book, "9999").is_empty());
    assert_eq!(search(&book, "444 12"), ["Two Numbers"]);
    let deleted = book.delete_contact(two).unwrap();
    assert!(search(&book, "1212").is_empty());
    assert_eq!(stray_tails(&book), 0);
    book.undo_delete(&deleted).unwrap();
    assert_eq!(search(&book, "444 12"), ["Two Numbers"]);

    // A merge keeps both contacts' numbers on the one kept; the other leaves no tails behind.
    let other = add(&mut book, with_phones("Other Self", &["+1 555 888 3434"]));
    book.merge_contacts(two, other, &[], today()).unwrap();
    assert_eq!(search(&book, "3434"), ["Two Numbers"]);
    assert_eq!(search(&book, "1212"), ["Two Numbers"]);
    assert_eq!(stray_tails(&book), 0);
}

/// Phone tails whose contact is gone (the store removes them itself: no foreign key does).
fn stray_tails(book: &rapport_core::Book) -> i64 {
    let conn = rusqlite::Connection::open(book.book_file()).unwrap();
    conn.query_row(
        "SELECT count(*) FROM contact_phone_tails
          WHERE contact_id NOT IN (SELECT id FROM contacts)",
        [],
        |row| row.get(0),
    )
    .unwrap()
}
