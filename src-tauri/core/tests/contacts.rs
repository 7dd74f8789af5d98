//! The contact book through its public API, on a real database file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use common::*;
use rapport_core::contacts::{
    ArchiveFilter, Birthday, ContactInput, LabeledValue, ListQuery, NewTouchpoint, PostalAddress,
    SortKey, TouchpointKind,
};
use rapport_core::{Book, Error};

fn full_contact() -> ContactInput {
    ContactInput {
        given_name: "Ann".into(),
        family_name: "O'Brien".into(),
        prefix: "Dr.".into(),
        company: "Ann's Bakery".into(),
        job_title: "Owner".into(),
        emails: vec![
            LabeledValue {
                label: "work".into(),
                value: "ann@bakery.example".into(),
            },
            LabeledValue {
                label: "home".into(),
                value: "ann@home.example".into(),
            },
        ],
        phones: vec![LabeledValue {
            label: "mobile".into(),
            value: "+44 20 7946 0958".into(),
        }],
        addresses: vec![PostalAddress {
            label: "work".into(),
            street: "1 Mill Lane".into(),
            city: "Boston".into(),
            region: "MA".into(),
            postal_code: "02108".into(),
            country: "US".into(),
        }],
        birthday: Some(Birthday {
            year: None,
            month: 2,
            day: 29,
        }),
        customer_since: Some(day(2019, 5, 1)),
        family: "Husband Tom, daughter Mia (7)".into(),
        interests: "Sourdough, sailing".into(),
        talking_points: "Mia started school".into(),
        notes: "=HYPERLINK(\"x\") stays text".into(),
        tags: vec!["VIP".into(), "regular".into()],
        keep_in_touch_days: Some(60),
        ..ContactInput::default()
    }
}

#[test]
fn a_contact_is_stored_and_read_back_whole() {
    let (_dir, mut book) = new_book();
    let created = book.create_contact(full_contact(), today()).unwrap();
    let read = book.contact(created.contact.id).unwrap();
    assert_eq!(read, created);
    assert_eq!(read.contact.display_name, "Dr. Ann O'Brien");
    let mut expected = full_contact();
    expected.tags = vec!["regular".into(), "VIP".into()];
    assert_eq!(read.contact.fields, expected);
}

#[test]
fn contacts_of_one_company_share_the_company_record() {
    let (_dir, mut book) = new_book();
    let mut a = person("Ann", "Lee");
    a.company = "Acme".into();
    let mut b = person("Bo", "Ek");
    b.company = "ACME".into();
    let a = book.create_contact(a, today()).unwrap().contact;
    let b = book.create_contact(b, today()).unwrap().contact;
    assert_eq!(a.company_id, b.company_id);
    let companies = book.companies().unwrap();
    assert_eq!(companies.len(), 1);
    assert_eq!(companies[0].contact_count, 2);
}

#[test]
fn invalid_input_is_refused_with_every_field_named_and_nothing_stored() {
    let (_dir, mut book) = new_book();
    let mut input = person("", "");
    input.emails.push(LabeledValue {
        label: "".into(),
        value: "not an email".into(),
    });
    input.given_name = String::new();
    input.birthday = Some(Birthday {
        year: Some(2021),
        month: 2,
        day: 31,
    });
    input.family_name = "x".repeat(10_000);
    let Err(Error::Invalid(fields)) = book.create_contact(input, today()) else {
        panic!("expected a validation error");
    };
    let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(names, ["familyName", "emails.0", "birthday"]);
    assert_eq!(book.contact_count().unwrap(), 0);
}

#[test]
fn logging_a_touchpoint_sets_last_contacted_and_restarts_the_keep_in_touch_clock() {
    let (_dir, mut book) = new_book();
    let mut input = person("Kai", "Berg");
    input.customer_since = Some(day(2026, 1, 1));
    input.keep_in_touch_days = Some(30);
    let id = add(&mut book, input);
    assert_eq!(book.today(today()).unwrap().overdue.len(), 1);

    let note = NewTouchpoint {
        kind: TouchpointKind::Note,
        happened_on: day(2026, 11, 20),
        note: "Saw him in town".into(),
        handled_by: "".into(),
    };
    book.log_touchpoint(id, note, today()).unwrap();
    assert_eq!(
        book.contact(id).unwrap().contact.last_contacted,
        None,
        "a note is not being in touch"
    );

    let call = NewTouchpoint {
        kind: TouchpointKind::Call,
        happened_on: day(2026, 11, 2),
        note: "Asked about the new rye".into(),
        handled_by: "Maria".into(),
    };
    book.log_touchpoint(id, call, today()).unwrap();
    let detail = book.contact(id).unwrap();
    assert_eq!(detail.contact.last_contacted, Some(day(2026, 11, 2)));
    assert_eq!(detail.timeline.len(), 2);
    assert_eq!(
        detail.timeline[0].kind,
        TouchpointKind::Note,
        "newest first"
    );
    assert!(book.today(today()).unwrap().overdue.is_empty());
    let later = day(2026, 12, 5);
    let overdue = book.today(later).unwrap().overdue;
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0].days_overdue, 3);

    let older = NewTouchpoint {
        kind: TouchpointKind::Email,
        happened_on: day(2026, 10, 1),
        note: String::new(),
        handled_by: String::new(),
    };
    book.log_touchpoint(id, older, today()).unwrap();
    assert_eq!(
        book.contact(id).unwrap().contact.last_contacted,
        Some(day(2026, 11, 2)),
        "an older entry does not move it back"
    );
}

#[test]
fn a_touchpoint_in_the_future_or_on_a_missing_contact_is_refused() {
    let (_dir, mut book) = new_book();
    let id = add(&mut book, person("Kai", "Berg"));
    let future = NewTouchpoint {
        kind: TouchpointKind::Call,
        happened_on: day(2027, 1, 1),
        note: String::new(),
        handled_by: String::new(),
    };
    assert!(matches!(
        book.log_touchpoint(id, future.clone(), today()),
        Err(Error::Invalid(_))
    ));
    let ok = NewTouchpoint {
        happened_on: today(),
        ..future
    };
    assert!(matches!(
        book.log_touchpoint(id + 100, ok, today()),
        Err(Error::NotFound { .. })
    ));
    assert!(book.contact(id).unwrap().timeline.is_empty());
}

#[test]
fn complaints_stay_on_today_until_resolved() {
    let (_dir, mut book) = new_book();
    let id = add(&mut book, person("Lea", "Vogt"));
    let complaint = book
        .log_touchpoint(
            id,
            NewTouchpoint {
                kind: TouchpointKind::Complaint,
                happened_on: day(2026, 11, 13),
                note: "Cake arrived late".into(),
                handled_by: "Tom".into(),
            },
            today(),
        )
        .unwrap();
    let view = book.today(today()).unwrap();
    assert_eq!(view.open_complaint_count, 1);
    assert_eq!(view.open_complaints[0].days_open, 10);
    assert_eq!(view.open_complaints[0].contact.display_name, "Lea Vogt");
    book.set_complaint_resolved(complaint.id, true).unwrap();
    assert_eq!(book.today(today()).unwrap().open_complaint_count, 0);
}

#[test]
fn birthdays_in_the_next_14_days_include_leap_day_birthdays_in_common_years() {
    let (_dir, mut book) = new_book();
    let mut leapling = person("Leap", "Ling");
    leapling.birthday = Some(Birthday {
        year: Some(1996),
        month: 2,
        day: 29,
    });
    add(&mut book, leapling);
    let mut soon = person("Soon", "Er");
    soon.birthday = Some(Birthday {
        year: None,
        month: 3,
        day: 2,
    });
    add(&mut book, soon);
    let mut far = person("Far", "Away");
    far.birthday = Some(Birthday {
        year: None,
        month: 6,
        day: 1,
    });
    add(&mut book, far);

    let view = book.today(day(2027, 2, 20)).unwrap();
    let names: Vec<(&str, u32, Option<u32>)> = view
        .birthdays
        .iter()
        .map(|b| (b.contact.display_name.as_str(), b.in_days, b.turning))
        .collect();
    assert_eq!(names, [("Leap Ling", 8, Some(31)), ("Soon Er", 10, None)]);
    assert_eq!(view.birthdays[0].date, day(2027, 2, 28));

    let leap_year = book.today(day(2028, 2, 20)).unwrap();
    assert_eq!(leap_year.birthdays[0].date, day(2028, 2, 29));
}

#[test]
fn archiving_hides_and_restoring_shows_again() {
    let (_dir, mut book) = new_book();
    let ids: Vec<i64> = ["A", "B", "C"]
        .iter()
        .map(|n| add(&mut book, person(n, "Test")))
        .collect();
    assert_eq!(book.set_archived(&ids[..2], true).unwrap(), 2);
    let active = book
        .list(&ListQuery {
            limit: 10,
            ..ListQuery::default()
        })
        .unwrap();
    assert_eq!(
        active.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        [ids[2]]
    );
    let archived = book
        .list(&ListQuery {
            limit: 10,
            archive: ArchiveFilter::Archived,
            ..ListQuery::default()
        })
        .unwrap();
    assert_eq!(archived.total, 2);
    book.set_archived(&[ids[0]], false).unwrap();
    assert_eq!(
        book.list(&ListQuery {
            limit: 10,
            ..ListQuery::default()
        })
        .unwrap()
        .total,
        2
    );
}

#[test]
fn bulk_tag_and_untag_many_contacts() {
    let (_dir, mut book) = new_book();
    let ids: Vec<i64> = (0..5)
        .map(|i| add(&mut book, person(&format!("P{i}"), "Bulk")))
        .collect();
    assert_eq!(book.tag(&ids, "Holiday cards").unwrap(), 5);
    assert_eq!(
        book.tag(&ids[..2], "holiday cards").unwrap(),
        0,
        "already tagged, ignoring case"
    );
    assert_eq!(book.untag(&ids[..3], "Holiday Cards").unwrap(), 3);
    let tags = book.tags().unwrap();
    assert_eq!(tags.len(), 1);
    assert_eq!((tags[0].name.as_str(), tags[0].count), ("Holiday cards", 2));
    assert!(matches!(book.tag(&[], "x"), Err(Error::Invalid(_))));
    assert!(matches!(book.tag(&ids, " "), Err(Error::Invalid(_))));
}

#[test]
fn a_deleted_contact_comes_back_whole_with_undo() {
    let (_dir, mut book) = new_book();
    let id = add(&mut book, full_contact());
    book.log_touchpoint(
        id,
        NewTouchpoint {
            kind: TouchpointKind::Purchase,
            happened_on: day(2026, 11, 1),
            note: "Wedding cake".into(),
            handled_by: "Maria".into(),
        },
        today(),
    )
    .unwrap();
    let before = book.contact(id).unwrap();
    let deleted = book.delete_contact(id).unwrap();
    assert!(matches!(book.contact(id), Err(Error::NotFound { .. })));
    add(&mut book, person("New", "Person"));
    let restored = book.undo_delete(&deleted).unwrap();
    assert_eq!(restored, before);
    assert_eq!(search(&book, "obrien"), ["Dr. Ann O'Brien"]);
    assert!(matches!(
        book.undo_delete(&deleted),
        Err(Error::Conflict(_))
    ));
}

#[test]
fn the_list_sorts_by_name_last_contacted_and_customer_since() {
    let (_dir, mut book) = new_book();
    let mut zoe = person("Zoë", "Adams");
    zoe.customer_since = Some(day(2020, 1, 1));
    let zoe = add(&mut book, zoe);
    let mut adam = person("Adam", "Zorn");
    adam.customer_since = Some(day(2024, 1, 1));
    let adam = add(&mut book, adam);
    let eve = add(&mut book, person("Eve", "Moss"));
    book.log_touchpoint(
        zoe,
        NewTouchpoint {
            kind: TouchpointKind::Call,
            happened_on: day(2026, 11, 1),
            note: String::new(),
            handled_by: String::new(),
        },
        today(),
    )
    .unwrap();
    book.log_touchpoint(
        adam,
        NewTouchpoint {
            kind: TouchpointKind::Call,
            happened_on: day(2026, 1, 1),
            note: String::new(),
            handled_by: String::new(),
        },
        today(),
    )
    .unwrap();
    let order = |sort| -> Vec<i64> {
        book.list(&ListQuery {
            sort,
            limit: 10,
            ..ListQuery::default()
        })
        .unwrap()
        .rows
        .iter()
        .map(|r| r.id)
        .collect()
    };
    assert_eq!(order(SortKey::Name), [adam, eve, zoe]);
    assert_eq!(
        order(SortKey::LastContacted),
        [eve, adam, zoe],
        "never contacted, then longest ago"
    );
    assert_eq!(
        order(SortKey::CustomerSince),
        [adam, zoe, eve],
        "newest customers first"
    );
}

#[test]
fn a_long_list_pages_through_every_contact_once() {
    let (_dir, mut book) = new_book();
    let inputs: Vec<ContactInput> = (0..1234)
        .map(|i| person(&format!("Person{i:04}"), "Page"))
        .collect();
    book.add_contacts(inputs.clone(), rapport_core::clock::today())
        .unwrap();
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let page = book
            .list(&ListQuery {
                offset,
                limit: 500,
                ..ListQuery::default()
            })
            .unwrap();
        assert_eq!(page.total, 1234);
        if page.rows.is_empty() {
            break;
        }
        offset += page.rows.len() as u32;
        seen.extend(page.rows.into_iter().map(|r| r.display_name));
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted);
    assert_eq!(seen.len(), 1234);
}

#[test]
fn the_book_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let mut book = Book::open(dir.path()).unwrap();
        add(&mut book, full_contact())
    };
    let book = Book::open(dir.path()).unwrap();
    assert_eq!(
        book.contact(id).unwrap().contact.display_name,
        "Dr. Ann O'Brien"
    );
}

/// The list's total and Today's count come from counts the database keeps by triggers; after
/// every kind of change they must still be what counting the rows says.
#[test]
fn the_counts_stay_true_through_adding_archiving_merging_deleting_and_undoing() {
    let (dir, mut book) = new_book();
    let file = dir.path().join(rapport_core::store::DATABASE_FILE);
    let check = |book: &Book, step: &str| {
        let conn = rusqlite::Connection::open(&file).unwrap();
        let rows = |archived: i64| -> u32 {
            conn.query_row(
                "SELECT count(*) FROM contacts WHERE archived = ?1",
                [archived],
                |row| row.get(0),
            )
            .unwrap()
        };
        let listed = |archive: ArchiveFilter| {
            book.list(&ListQuery {
                archive,
                ..Default::default()
            })
            .unwrap()
            .total
        };
        assert_eq!(listed(ArchiveFilter::Active), rows(0), "active, {step}");
        assert_eq!(listed(ArchiveFilter::Archived), rows(1), "archived, {step}");
        assert_eq!(listed(ArchiveFilter::All), rows(0) + rows(1), "all, {step}");
        assert_eq!(
            book.today(today()).unwrap().contact_count,
            i64::from(rows(0)),
            "Today, {step}"
        );
    };
    check(&book, "an empty book");
    let ann = add(&mut book, person("Ann", "Lee"));
    let bob = add(&mut book, person("Bob", "Lee"));
    let ids = book
        .add_contacts(
            vec![person("Cy", "Ma"), person("Di", "Ma"), person("Ed", "Ma")],
            today(),
        )
        .unwrap();
    check(&book, "after adding five");
    book.set_archived(&ids[..2], true).unwrap();
    book.set_archived(&ids[..1], true).unwrap(); // already archived: no change
    check(&book, "after archiving two");
    book.set_archived(&ids[..1], false).unwrap();
    check(&book, "after restoring one");
    book.merge_contacts(ann, bob, &[], today()).unwrap();
    check(&book, "after a merge");
    let deleted = book.delete_contact(ids[1]).unwrap(); // an archived one
    check(&book, "after deleting an archived contact");
    book.undo_delete(&deleted).unwrap();
    check(&book, "after undoing the delete");
    book.add_sample_customers(40, 7, today()).unwrap();
    check(&book, "after a little sample data");
    // A big write sets the counting aside and counts once at the end.
    book.add_sample_customers(1_200, 8, today()).unwrap();
    check(&book, "after a big write");
    book.set_archived(&ids[2..], true).unwrap();
    check(&book, "archiving after a big write");
}
