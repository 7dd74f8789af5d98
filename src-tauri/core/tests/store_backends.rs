//! The store's functions on both backends: every test body below runs twice, on a fresh book
//! file (SQLite) and on a fresh team book on the test PostgreSQL server, with the same
//! assertions, so the two arms of the store give the same answers.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;
mod pictures;

use std::sync::Arc;

use common::pg::fresh_book;
use common::{day, person, today};
use rapport_core::cards::FontSet;
use rapport_core::contacts::{
    ArchiveFilter, Birthday, ContactDetail, ContactEdit, ContactInput, ContactSave, LabeledValue,
    ListQuery, NewTouchpoint, PostalAddress, SortKey, TouchpointKind,
};
use rapport_core::error::ErrorCode;
use rapport_core::gestures::{
    Delivery, GesturePhoto, GestureRequest, LoopStage, LoopStep, Outcome,
};
use rapport_core::photos::{BoardArea, PhotoKind};
use rapport_core::search_text::fold;
use rapport_core::store::postgres::ServerBook;
use rapport_core::store::{NewContact, Store};
use rapport_core::welcome::PhotoChoice;
use rapport_core::Book;

use common::{file_book, on_both, server_book};

on_both!(
    contacts_are_added_read_changed_archived_deleted_and_put_back,
    list_and_search_find_the_same_people_in_the_same_order,
    tags_and_companies,
    the_timeline_keeps_last_contacted,
    today_lists_complaints_overdue_new_customers_and_birthdays,
    settings_are_kept,
    bulk_writes_store_every_row,
    an_import_adds_the_file_s_contacts,
    contact_photos_are_kept_and_removed,
    merging_joins_two_contacts_and_their_timelines,
    cards_sent_and_undeliverable_addresses,
    staff_and_their_photos,
    welcome_batches_are_queued_failed_and_sent,
    gestures_are_recorded_and_complaints_go_round_their_loop,
    timeline_entries_are_corrected_and_the_calendar_lists_the_dates,
    the_last_change_is_named_on_the_team_book,
    two_edits_of_one_contact_are_merged_and_a_field_both_changed_is_settled,
    a_staff_page_lists_what_customers_said_about_them,
);

fn labeled(value: &str) -> Vec<LabeledValue> {
    vec![LabeledValue {
        label: "work".into(),
        value: value.into(),
    }]
}

fn ann() -> ContactInput {
    ContactInput {
        company: "Acme".into(),
        job_title: "Baker".into(),
        emails: labeled("ann@example.com"),
        phones: labeled("(555) 123-4567"),
        addresses: vec![PostalAddress {
            label: "home".into(),
            street: "1 Rye Lane\nFlat 2".into(),
            city: "Leeds".into(),
            region: String::new(),
            postal_code: "LS1 1AA".into(),
            country: "GB".into(),
        }],
        tags: vec!["VIP".into(), "Regulars".into()],
        birthday: Some(Birthday {
            month: 3,
            day: 14,
            year: Some(1980),
        }),
        customer_since: Some(day(2020, 1, 5)),
        keep_in_touch_days: Some(30),
        notes: "likes rye\tbread \\ crusts".into(),
        ..person("Ann", "Lee")
    }
}

fn code_of(result: rapport_core::Result<impl std::fmt::Debug>) -> ErrorCode {
    result.expect_err("an error").code()
}

fn names(book: &Book, query: &ListQuery) -> Vec<String> {
    book.list(query)
        .expect("list")
        .rows
        .into_iter()
        .map(|r| r.display_name)
        .collect()
}

fn search(book: &Book, text: &str) -> Vec<String> {
    names(
        book,
        &ListQuery {
            search: text.into(),
            limit: 50,
            ..ListQuery::default()
        },
    )
}

fn contacts_are_added_read_changed_archived_deleted_and_put_back(book: &mut Book) {
    let detail = book.create_contact(ann(), today()).expect("add");
    let id = detail.contact.id;
    assert_eq!(detail.contact.display_name, "Ann Lee");
    let stored = book.contact(id).expect("read").contact;
    let mut expected = ann();
    expected.tags = vec!["Regulars".into(), "VIP".into()];
    assert_eq!(stored.fields, expected, "every field comes back as written");
    assert!(stored.company_id.is_some());
    assert!(!stored.archived);
    assert_eq!(stored.created_at.len(), 20, "{}", stored.created_at);
    assert!(stored.created_at.ends_with('Z'));
    assert_eq!(book.contact_count().expect("count"), 1);

    let mut changed = ann();
    changed.company = "Beta Bakery".into();
    changed.phones.clear();
    changed.tags = vec!["VIP".into()];
    changed.notes = "moved to Beta".into();
    let updated = book.update_contact(id, changed, today()).expect("update");
    assert_eq!(updated.contact.fields.company, "Beta Bakery");
    assert!(updated.contact.fields.phones.is_empty());
    assert_eq!(updated.contact.fields.tags, vec!["VIP".to_string()]);
    assert_eq!(search(book, "beta"), vec!["Ann Lee"]);
    assert!(
        search(book, "acme").is_empty(),
        "the old company is no longer found"
    );
    assert!(search(book, "555 123").is_empty(), "nor the removed phone");
    assert_eq!(
        code_of(book.update_contact(id + 1000, ann(), today())),
        ErrorCode::NotFound
    );

    assert_eq!(book.set_archived(&[id], true).expect("archive"), 1);
    assert_eq!(book.set_archived(&[id], true).expect("again"), 0);
    assert_eq!(book.contact_count().expect("count"), 0);
    assert!(search(book, "ann").is_empty());
    let archived = ListQuery {
        archive: ArchiveFilter::Archived,
        limit: 10,
        ..ListQuery::default()
    };
    assert_eq!(names(book, &archived), vec!["Ann Lee"]);
    assert_eq!(book.set_archived(&[id], false).expect("restore"), 1);

    book.log_touchpoint(
        id,
        NewTouchpoint {
            kind: TouchpointKind::Call,
            happened_on: day(2026, 11, 20),
            note: "asked about rye".into(),
            handled_by: "Sam".into(),
        },
        today(),
    )
    .expect("log");
    let before = book.contact(id).expect("read");
    let deleted = book.delete_contact(id).expect("delete");
    assert_eq!(deleted.timeline.len(), 1);
    assert_eq!(code_of(book.contact(id)), ErrorCode::NotFound);
    assert!(search(book, "ann").is_empty());
    assert_eq!(book.contact_count().expect("count"), 0);

    let back = book.undo_delete(&deleted).expect("undo");
    assert_eq!(
        back.contact, before.contact,
        "the same id, fields and dates"
    );
    assert_eq!(back.timeline, before.timeline);
    assert_eq!(search(book, "ann"), vec!["Ann Lee"]);
    assert_eq!(
        code_of(book.undo_delete(&deleted)),
        ErrorCode::Conflict,
        "putting it back twice is refused"
    );
}

fn search_people() -> Vec<ContactInput> {
    let mut jose = person("José", "García");
    jose.company = "Café Olé".into();
    jose.emails = labeled("jose@example.com");
    jose.phones = labeled("+34 612 345 678");
    jose.notes = "likes churros".into();
    let mut ann = person("Ann", "Lee");
    ann.notes = "talked about rye bread".into();
    ann.phones = labeled("(555) 123-4567");
    let mut mark = person("Mark", "Smith");
    mark.notes = "met Lee at the market".into();
    let mut bree = person("Bree", "Baker");
    bree.company = "Leeds Bread Co".into();
    vec![
        jose,
        ann,
        mark,
        bree,
        person("Łukasz", "Nowak"),
        person("Ingrid", "Ødegård"),
        person("Seán", "O'Brien"),
        person("小明", "王"),
        person("Zoë", "Müller"),
    ]
}

fn list_and_search_find_the_same_people_in_the_same_order(book: &mut Book) {
    let mut added = Vec::new();
    for input in search_people() {
        added.push(book.create_contact(input, today()).expect("add").contact);
    }
    // The name match first, then the company, then the notes.
    assert_eq!(
        search(book, "lee"),
        vec!["Ann Lee", "Bree Baker", "Mark Smith"]
    );
    assert_eq!(search(book, "jose garc"), vec!["José García"]);
    assert_eq!(search(book, "cafe"), vec!["José García"]);
    assert_eq!(search(book, "odegard"), vec!["Ingrid Ødegård"]);
    assert_eq!(search(book, "obrien"), vec!["Seán O'Brien"]);
    assert_eq!(search(book, "555-123"), vec!["Ann Lee"]);
    assert_eq!(search(book, "4567"), vec!["Ann Lee"]);
    assert_eq!(search(book, "612 345"), vec!["José García"]);
    assert!(search(book, "nobody").is_empty());
    assert!(search(book, " -- ").is_empty());

    // The whole book by name, in the order of the folded names (byte order on both).
    let mut by_name: Vec<(String, String)> = added
        .iter()
        .map(|c| (fold(&c.display_name), c.display_name.clone()))
        .collect();
    by_name.sort();
    let expected: Vec<String> = by_name.into_iter().map(|(_, n)| n).collect();
    let all = ListQuery {
        limit: 100,
        ..ListQuery::default()
    };
    assert_eq!(names(book, &all), expected);
    let page = book
        .list(&ListQuery {
            offset: 2,
            limit: 3,
            ..ListQuery::default()
        })
        .expect("page");
    assert_eq!(page.total, 9);
    let page_names: Vec<String> = page.rows.into_iter().map(|r| r.display_name).collect();
    assert_eq!(page_names, expected[2..5].to_vec());

    // Customer since, newest first, those without a date last.
    book.update_contact(
        added[1].id,
        ContactInput {
            customer_since: Some(day(2024, 5, 1)),
            ..added[1].fields.clone()
        },
        today(),
    )
    .expect("update");
    book.update_contact(
        added[2].id,
        ContactInput {
            customer_since: Some(day(2025, 5, 1)),
            ..added[2].fields.clone()
        },
        today(),
    )
    .expect("update");
    let since = names(
        book,
        &ListQuery {
            sort: SortKey::CustomerSince,
            limit: 3,
            ..ListQuery::default()
        },
    );
    assert_eq!(
        since[..2],
        ["Mark Smith".to_string(), "Ann Lee".to_string()]
    );
    let summary = &book
        .list(&ListQuery {
            search: "ann".into(),
            limit: 5,
            ..ListQuery::default()
        })
        .expect("list")
        .rows[0];
    assert_eq!(summary.phone, "(555) 123-4567");
    assert_eq!(summary.customer_since, Some(day(2024, 5, 1)));
}

fn tags_and_companies(book: &mut Book) {
    let a = book.create_contact(ann(), today()).expect("add").contact.id;
    let b = book
        .create_contact(
            ContactInput {
                company: "ACME".into(),
                ..person("Bob", "Stone")
            },
            today(),
        )
        .expect("add")
        .contact
        .id;
    assert_eq!(book.tag(&[a, b], "Gold").expect("tag"), 2);
    assert_eq!(
        book.tag(&[a, b], "gold").expect("tag again"),
        0,
        "one tag, any case"
    );
    // Both carry the word; the shorter card ranks first (as bm25 and ts_rank both weigh it).
    assert_eq!(search(book, "gold"), vec!["Bob Stone", "Ann Lee"]);
    let tags: Vec<(String, i64)> = book
        .tags()
        .expect("tags")
        .into_iter()
        .map(|t| (t.name, t.count))
        .collect();
    assert_eq!(
        tags,
        vec![
            ("Gold".to_string(), 2),
            ("Regulars".to_string(), 1),
            ("VIP".to_string(), 1)
        ]
    );
    let gold = ListQuery {
        tag: Some("GOLD".into()),
        limit: 10,
        ..ListQuery::default()
    };
    assert_eq!(names(book, &gold), vec!["Ann Lee", "Bob Stone"]);
    assert_eq!(book.untag(&[a], "Gold").expect("untag"), 1);
    assert_eq!(book.untag(&[a], "Gold").expect("untag again"), 0);
    assert_eq!(search(book, "gold"), vec!["Bob Stone"]);
    assert_eq!(names(book, &gold), vec!["Bob Stone"]);
    let companies: Vec<(String, i64)> = book
        .companies()
        .expect("companies")
        .into_iter()
        .map(|c| (c.name, c.contact_count))
        .collect();
    assert_eq!(companies, vec![("Acme".to_string(), 2)], "ACME is Acme");
}

fn touch(kind: TouchpointKind, on: chrono::NaiveDate, by: &str) -> NewTouchpoint {
    NewTouchpoint {
        kind,
        happened_on: on,
        note: format!("{kind:?} note"),
        handled_by: by.into(),
    }
}

fn the_timeline_keeps_last_contacted(book: &mut Book) {
    let id = book.create_contact(ann(), today()).expect("add").contact.id;
    let call = book
        .log_touchpoint(
            id,
            touch(TouchpointKind::Call, day(2026, 11, 10), "Sam"),
            today(),
        )
        .expect("call");
    book.log_touchpoint(
        id,
        touch(TouchpointKind::Note, day(2026, 11, 20), "Sam"),
        today(),
    )
    .expect("note");
    let complaint = book
        .log_touchpoint(
            id,
            touch(TouchpointKind::Complaint, day(2026, 11, 5), "Kim"),
            today(),
        )
        .expect("complaint");
    let detail = book.contact(id).expect("read");
    assert_eq!(
        detail.contact.last_contacted,
        Some(day(2026, 11, 10)),
        "a note is not being in touch"
    );
    let days: Vec<_> = detail.timeline.iter().map(|t| t.happened_on).collect();
    assert_eq!(
        days,
        vec![day(2026, 11, 20), day(2026, 11, 10), day(2026, 11, 5)],
        "newest first"
    );
    let resolved = book
        .set_complaint_resolved(complaint.id, true)
        .expect("resolve");
    assert!(resolved.resolved);
    assert_eq!(
        code_of(book.set_complaint_resolved(call.id, true)),
        ErrorCode::NotFound,
        "only a complaint is resolved"
    );
    assert_eq!(book.staff_names().expect("names"), vec!["Sam", "Kim"]);
    book.delete_touchpoint(call.id).expect("delete");
    assert_eq!(
        book.contact(id).expect("read").contact.last_contacted,
        Some(day(2026, 11, 5))
    );
    assert_eq!(
        code_of(book.delete_touchpoint(call.id)),
        ErrorCode::NotFound
    );
    assert_eq!(
        code_of(book.log_touchpoint(id + 99, touch(TouchpointKind::Call, today(), ""), today())),
        ErrorCode::NotFound
    );
}

fn today_lists_complaints_overdue_new_customers_and_birthdays(book: &mut Book) {
    let ann = book.create_contact(ann(), today()).expect("add").contact.id;
    book.log_touchpoint(
        ann,
        touch(TouchpointKind::Call, today() - chrono::Days::new(60), "Sam"),
        today(),
    )
    .expect("old call");
    let newcomer = book
        .create_contact(
            ContactInput {
                customer_since: Some(today() - chrono::Days::new(2)),
                birthday: Some(Birthday {
                    month: 11,
                    day: 26,
                    year: Some(1990),
                }),
                ..person("Nina", "New")
            },
            today(),
        )
        .expect("add")
        .contact
        .id;
    book.log_touchpoint(
        newcomer,
        touch(
            TouchpointKind::Complaint,
            today() - chrono::Days::new(3),
            "Kim",
        ),
        today(),
    )
    .expect("complaint");
    let view = book.today(today()).expect("today");
    assert_eq!(view.contact_count, 2);
    assert_eq!(view.open_complaint_count, 1);
    assert_eq!(view.open_complaints[0].contact.display_name, "Nina New");
    assert_eq!(view.open_complaints[0].days_open, 3);
    assert_eq!(view.overdue_count, 1);
    assert_eq!(view.overdue[0].contact.display_name, "Ann Lee");
    assert_eq!(view.overdue[0].days_overdue, 30);
    assert_eq!(view.new_customer_count, 1);
    assert_eq!(view.new_customers[0].contact.display_name, "Nina New");
    let birthdays: Vec<(String, u32, Option<u32>)> = view
        .birthdays
        .iter()
        .map(|b| (b.contact.display_name.clone(), b.in_days, b.turning))
        .collect();
    assert_eq!(birthdays, vec![("Nina New".to_string(), 3, Some(36))]);
    assert_eq!(view.birthdays[0].greeted_on, None);

    // A birthday greeting sent marks the birthday greeted; an older one (last year's) does not.
    let mut greeting = GestureRequest::new("birthday", newcomer);
    greeting.photo = GesturePhoto::None;
    let last_year = today() - chrono::Days::new(365);
    book.give_gesture(&greeting, &Delivery::InPerson, FontSet::shared(), last_year)
        .expect("last year's greeting");
    assert_eq!(
        book.today(today()).expect("today").birthdays[0].greeted_on,
        None
    );
    book.give_gesture(&greeting, &Delivery::InPerson, FontSet::shared(), today())
        .expect("greeting");
    assert_eq!(
        book.today(today()).expect("today").birthdays[0].greeted_on,
        Some(today())
    );
}

fn settings_are_kept(book: &mut Book) {
    book.set_setting("business_name", "Rye & Co").expect("set");
    assert_eq!(book.setting("business_name").expect("read"), "Rye & Co");
    book.set_setting("business_name", "Rye and Co")
        .expect("set again");
    assert_eq!(book.business_name().expect("read"), "Rye and Co");
}

fn bulk_writes_store_every_row(book: &mut Book) {
    let people: Vec<_> = (0..1200)
        .map(|i| {
            let mut input = person(&format!("Person{i:04}"), "Bulk");
            input.emails = labeled(&format!("p{i}@example.com"));
            input.phones = labeled(&format!("+1 555 {i:04}"));
            input.tags = vec![if i % 2 == 0 { "Even" } else { "Odd" }.into()];
            input.company = format!("Company {}", i % 7);
            input.keep_in_touch_days = Some(90);
            input.notes = "tab\there, a backslash \\ and\na new line".into();
            let timeline = vec![
                (
                    touch(TouchpointKind::Purchase, day(2026, 10, 1), "Sam"),
                    false,
                ),
                (
                    touch(TouchpointKind::Complaint, day(2026, 9, 1), "Kim"),
                    i % 100 == 0,
                ),
            ];
            Ok((NewContact::new(Arc::new(input), None), timeline))
        })
        .collect();
    let ids = book.add_contacts_with_history(1200, people).expect("bulk");
    assert_eq!(ids.len(), 1200);
    assert_eq!(book.contact_count().expect("count"), 1200);
    let one = book.contact(ids[42]).expect("read");
    assert_eq!(one.contact.display_name, "Person0042 Bulk");
    assert_eq!(
        one.contact.fields.notes,
        "tab\there, a backslash \\ and\na new line"
    );
    assert_eq!(one.contact.fields.tags, vec!["Even"]);
    assert_eq!(one.contact.last_contacted, Some(day(2026, 10, 1)));
    assert_eq!(one.timeline.len(), 2);
    assert_eq!(search(book, "person0042"), vec!["Person0042 Bulk"]);
    assert_eq!(search(book, "555 0042"), vec!["Person0042 Bulk"]);
    let tags: Vec<(String, i64)> = book
        .tags()
        .expect("tags")
        .into_iter()
        .map(|t| (t.name, t.count))
        .collect();
    assert_eq!(tags, vec![("Even".into(), 600), ("Odd".into(), 600)]);
    assert_eq!(book.companies().expect("companies").len(), 7);
    let view = book.today(today()).expect("today");
    assert_eq!(view.open_complaint_count, 1200 - 12);
    assert_eq!(view.overdue_count, 0, "due on 30 December");
    let all = book.all_contacts(Some("odd")).expect("all");
    assert_eq!(all.len(), 600);
    assert_eq!(all[0].display_name, "Person0001 Bulk");
    assert_eq!(all[0].fields.emails, labeled("p1@example.com"));

    let more = book
        .add_contacts(vec![person("Zed", "Last"), person("Amy", "First")], today())
        .expect("add two");
    assert_eq!(more.len(), 2);
    assert_eq!(search(book, "zed"), vec!["Zed Last"]);
}

fn an_import_adds_the_file_s_contacts(book: &mut Book) {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("people.csv");
    std::fs::write(
        &file,
        "First Name,Last Name,E-mail Address,Mobile Phone,Company,Notes\n\
         Olga,Petrova,olga@example.com,+44 7700 900123,Rye & Co,\"likes \"\"dark\"\" rye\"\n\
         Tom,Ng,tom@example.com,,,\n",
    )
    .expect("write the file");
    let report = rapport_core::exchange::import::import(
        book,
        &file,
        &rapport_core::exchange::import::ImportOptions::default(),
        today(),
        &mut |_, _| {},
    )
    .expect("import");
    assert_eq!(report.added, 2);
    assert_eq!(search(book, "olga"), vec!["Olga Petrova"]);
    assert_eq!(search(book, "900123"), vec!["Olga Petrova"]);
    let olga = book.all_contacts(None).expect("all");
    assert_eq!(olga[0].display_name, "Olga Petrova");
    assert_eq!(olga[0].fields.notes, "likes \"dark\" rye");
    assert_eq!(olga[0].fields.company, "Rye & Co");
    // The same file again: both are found as the people already in the book.
    let again = rapport_core::exchange::import::import(
        book,
        &file,
        &rapport_core::exchange::import::ImportOptions::default(),
        today(),
        &mut |_, _| {},
    )
    .expect("import again");
    assert_eq!(again.added, 0);
    assert_eq!(book.contact_count().expect("count"), 2);
}

fn contact_photos_are_kept_and_removed(book: &mut Book) {
    let id = book.create_contact(ann(), today()).expect("add").contact.id;
    let picture = pictures::jpeg_two_halves(900, 600);
    book.set_contact_photo(id, &picture).expect("photo");
    let stored = book
        .contact_photo(id, false)
        .expect("read")
        .expect("a photo");
    assert_eq!(&stored[..2], &[0xFF, 0xD8], "a JPEG");
    let thumb = book
        .contact_photo(id, true)
        .expect("read")
        .expect("a thumbnail");
    assert!(thumb.len() < stored.len());
    assert_eq!(book.contact_photos(&[id, id + 1]).expect("photos").len(), 1);
    let deleted = book.delete_contact(id).expect("delete");
    book.undo_delete(&deleted).expect("undo");
    assert_eq!(book.contact_photo(id, false).expect("read"), Some(stored));
    assert!(book.remove_contact_photo(id).expect("remove"));
    assert!(!book.remove_contact_photo(id).expect("remove again"));
    assert_eq!(book.contact_photo(id, false).expect("read"), None);
}

/// What only a book file can do is refused on a server book, saying why; nothing is changed.
#[test]
fn file_only_operations_are_refused_on_a_server_book() {
    let (_dir, mut book) = server_book();
    book.create_contact(ann(), today()).expect("add");
    let check = book.integrity_check().expect_err("refused");
    assert!(
        check.to_string().contains("works on a book kept as a file"),
        "{check}"
    );
    let (_file_dir, file) = file_book();
    let backup = file.backup(None).expect("a backup of a book file");
    let restore = book
        .restore(std::path::Path::new(&backup.path))
        .expect_err("refused");
    assert!(
        restore
            .to_string()
            .contains("works on a book kept as a file"),
        "{restore}"
    );
    assert_eq!(restore.code(), ErrorCode::Failed);
    assert_eq!(
        book.contact_count().expect("count"),
        1,
        "nothing was changed"
    );
}

/// A data folder that joined a shared book opens it: what one desk writes, another reads.
#[test]
fn a_joined_data_folder_opens_the_team_book() {
    let team = fresh_book();
    let dir = tempfile::tempdir().expect("dir");
    rapport_core::server::join(
        dir.path(),
        &rapport_core::server::JoinTarget::Url(format!(
            "postgres://{}@{}:{}/{}?fingerprint={}",
            team.owner.credentials.login,
            team.owner.address.host,
            team.owner.address.port,
            team.owner.address.database,
            rapport_core::store::postgres::hex(&common::pg::server().fingerprint),
        )),
        None,
        Some(&team.owner.credentials.password),
        false,
    )
    .expect("join");
    let mut desk = Book::open_shared(dir.path(), &team.owner.credentials.password).expect("open");
    assert!(desk.is_shared());
    assert_eq!(desk.book_file(), dir.path().join("rapport.db"));
    let id = desk.create_contact(ann(), today()).expect("add").contact.id;
    let other = Book::from_store(Store::Postgres(Box::new(ServerBook::new(
        team.owner_store(),
        dir.path(),
    ))));
    assert_eq!(
        other.contact(id).expect("read").contact.display_name,
        "Ann Lee"
    );
    assert!(
        !dir.path().join("rapport.db").exists(),
        "no book file was made"
    );
    let wrong = Book::open_shared(dir.path(), "wrong")
        .err()
        .map(|e| e.to_string());
    assert!(
        wrong
            .as_deref()
            .unwrap_or_default()
            .contains("did not accept the password"),
        "{wrong:?}"
    );
}

/// "Back up" on a server book writes an ordinary book file: opened on its own, it holds the
/// same contacts (same ids, fields, dates, archive state), timelines, photos and settings.
#[test]
fn a_server_book_backs_up_to_an_ordinary_book_file() {
    let (dir, mut book) = server_book();
    let ann = book.create_contact(ann(), today()).expect("add").contact.id;
    let bob = book
        .create_contact(person("Bob", "Stone"), today())
        .expect("add")
        .contact
        .id;
    book.log_touchpoint(
        ann,
        touch(TouchpointKind::Call, day(2026, 11, 10), "Sam"),
        today(),
    )
    .expect("call");
    book.log_touchpoint(
        bob,
        touch(TouchpointKind::Complaint, day(2026, 11, 12), "Kim"),
        today(),
    )
    .expect("complaint");
    book.set_archived(&[bob], true).expect("archive");
    book.set_contact_photo(ann, &pictures::jpeg_two_halves(640, 480))
        .expect("photo");
    book.set_setting("business_name", "Rye & Co")
        .expect("setting");
    // A complaint part-way round its loop, and a kind of gesture of the owner's own.
    let complaint = book
        .log_touchpoint(
            ann,
            touch(TouchpointKind::Complaint, day(2026, 11, 14), "Kim"),
            today(),
        )
        .expect("complaint")
        .id;
    let mut apology = GestureRequest::new("apology", ann);
    apology.photo = GesturePhoto::None;
    book.give_gesture(&apology, &Delivery::InPerson, FontSet::shared(), today())
        .expect("apology");
    book.complaint_step(
        complaint,
        &LoopStep::PutRight {
            what: "a new cake".into(),
            by: "Kim".into(),
        },
        today(),
    )
    .expect("put right");
    book.add_gesture_kind("Get well", "Get well soon", "Thinking of you.")
        .expect("own kind");
    // A follow-up, a referral and a compliment kept as a testimonial.
    book.add_follow_up(
        ann,
        rapport_core::follow_ups::NewFollowUp {
            due_on: day(2026, 11, 30),
            note: "Ask about the party".into(),
            assigned_to: String::new(),
        },
        today(),
    )
    .expect("follow-up");
    book.set_referrer(bob, Some(ann), today())
        .expect("referral");
    let praise = book
        .log_touchpoint(
            ann,
            touch(TouchpointKind::Compliment, day(2026, 11, 15), "Sam"),
            today(),
        )
        .expect("compliment");
    book.mark_testimonial(
        praise.id,
        Some(rapport_core::testimonials::TestimonialTerms {
            may_quote: rapport_core::testimonials::MayQuote::Yes,
            takes_calls: true,
        }),
        today(),
    )
    .expect("testimonial");

    let info = book.backup(None).expect("back up");
    assert!(info.path.ends_with(".db"), "{}", info.path);
    assert!(
        !dir.path().join("rapport.db").exists(),
        "never over the book's place"
    );
    let restored_dir = tempfile::tempdir().expect("dir");
    std::fs::copy(&info.path, restored_dir.path().join("rapport.db")).expect("copy");
    let file = Book::open(restored_dir.path()).expect("open the backup");
    assert!(!file.is_shared());
    assert_eq!(file.integrity_check().expect("check"), "ok");
    for id in [ann, bob] {
        let on_server = book.contact(id).expect("server");
        let in_file = file.contact(id).expect("file");
        assert_eq!(in_file.contact, on_server.contact);
        assert_eq!(in_file.timeline, on_server.timeline);
        assert_eq!(in_file.follow_ups, on_server.follow_ups);
        assert_eq!(in_file.referred_by, on_server.referred_by);
        assert_eq!(in_file.referred, on_server.referred);
        assert_eq!(in_file.testimonials, on_server.testimonials);
    }
    assert_eq!(file.contact(ann).expect("Ann").follow_ups.len(), 1);
    assert_eq!(
        file.contact(bob).expect("Bob").referred_by.map(|p| p.id),
        Some(ann)
    );
    assert_eq!(file.contact(ann).expect("Ann").testimonials.len(), 1);
    assert_eq!(
        file.contact_photo(ann, false).expect("photo"),
        book.contact_photo(ann, false).expect("photo")
    );
    assert_eq!(file.business_name().expect("setting"), "Rye & Co");
    let in_file = file.complaint_loop(complaint).expect("loop in the file");
    assert_eq!(in_file.stage, LoopStage::PutRight);
    assert_eq!(in_file, book.complaint_loop(complaint).expect("loop"));
    assert!(file
        .gesture_kinds()
        .expect("kinds")
        .iter()
        .any(|k| k.label == "Get well"));
    assert_eq!(search(&file, "ann"), vec!["Ann Lee"]);
    assert_eq!(search(&file, "555 123"), vec!["Ann Lee"]);

    // The daily backup of a server book goes the same way, once a day.
    let daily = book.daily_backup(today()).expect("daily").expect("made");
    assert!(
        daily.path.ends_with("rapport-2026-11-23.db"),
        "{}",
        daily.path
    );
    assert!(book.daily_backup(today()).expect("again").is_none());
}

fn merging_joins_two_contacts_and_their_timelines(book: &mut Book) {
    let keep = book.create_contact(ann(), today()).expect("add").contact.id;
    let other = book
        .create_contact(
            ContactInput {
                emails: labeled("ann.lee@home.example"),
                ..person("Ann", "Lee")
            },
            today(),
        )
        .expect("add")
        .contact
        .id;
    book.log_touchpoint(
        keep,
        touch(TouchpointKind::Call, day(2026, 11, 1), "Sam"),
        today(),
    )
    .expect("call");
    book.log_touchpoint(
        other,
        touch(TouchpointKind::Purchase, day(2026, 11, 15), "Kim"),
        today(),
    )
    .expect("purchase");
    book.set_contact_photo(other, &pictures::jpeg_two_halves(300, 300))
        .expect("photo");
    let merged = book
        .merge_contacts(keep, other, &[], today())
        .expect("merge");
    assert_eq!(merged.contact.id, keep);
    let emails: Vec<&str> = merged
        .contact
        .fields
        .emails
        .iter()
        .map(|e| e.value.as_str())
        .collect();
    assert_eq!(emails, vec!["ann@example.com", "ann.lee@home.example"]);
    assert_eq!(merged.timeline.len(), 2);
    assert_eq!(merged.contact.last_contacted, Some(day(2026, 11, 15)));
    assert!(book.contact_photo(keep, false).expect("photo").is_some());
    assert_eq!(code_of(book.contact(other)), ErrorCode::NotFound);
    assert_eq!(book.contact_count().expect("count"), 1);
    assert_eq!(search(book, "home"), vec!["Ann Lee"]);
    assert_eq!(
        code_of(book.merge_contacts(keep, other, &[], today())),
        ErrorCode::NotFound
    );
}

fn cards_sent_and_undeliverable_addresses(book: &mut Book) {
    let a = book.create_contact(ann(), today()).expect("add").contact.id;
    let b = book
        .create_contact(person("Bob", "Stone"), today())
        .expect("add")
        .contact
        .id;
    let recorded = book
        .record_cards_sent(&[a, b, a], "Christmas", day(2026, 11, 20), today())
        .expect("record");
    assert_eq!(recorded.recorded, 2, "each recipient once");
    for id in [a, b] {
        let detail = book.contact(id).expect("read");
        assert_eq!(detail.timeline.len(), 1);
        assert_eq!(detail.timeline[0].kind, TouchpointKind::CardSent);
        assert_eq!(detail.timeline[0].note, "Christmas");
        assert_eq!(detail.contact.last_contacted, Some(day(2026, 11, 20)));
    }
    assert_eq!(
        code_of(book.record_cards_sent(&[a, b + 100], "Easter", today(), today())),
        ErrorCode::NotFound
    );
    assert_eq!(
        book.contact(a).expect("read").timeline.len(),
        1,
        "all or none"
    );
    assert_eq!(book.address_undeliverable(a).expect("read"), None);
    book.set_address_undeliverable(a, true, today())
        .expect("mark");
    assert_eq!(book.address_undeliverable(a).expect("read"), Some(today()));
    assert_eq!(book.today(today()).expect("today").contact_count, 2);
    book.set_address_undeliverable(a, false, today())
        .expect("clear");
    assert_eq!(book.address_undeliverable(a).expect("read"), None);
    assert_eq!(
        code_of(book.address_undeliverable(b + 100)),
        ErrorCode::NotFound
    );
}

/// The server book records who created and last changed each contact and touchpoint (the
/// person's own login); a book file records none.
#[test]
fn a_server_book_records_who_created_and_changed_a_row() {
    let team = fresh_book();
    let kim = team.staff("Kim");
    let dir = tempfile::tempdir().expect("dir");
    let open = |spec| {
        Book::from_store(Store::Postgres(Box::new(ServerBook::new(
            team.open(spec),
            dir.path(),
        ))))
    };
    let mut at_counter = open(&kim);
    let mut in_office = open(&team.owner);
    let id = at_counter
        .create_contact(ann(), today())
        .expect("add")
        .contact
        .id;
    let call = at_counter
        .log_touchpoint(id, touch(TouchpointKind::Call, today(), "Kim"), today())
        .expect("call");
    let stamp = in_office
        .contact_stamp(id)
        .expect("stamp")
        .expect("recorded");
    assert_eq!(
        stamp.created_by.as_deref(),
        Some(kim.credentials.login.as_str())
    );
    let mut changed = ann();
    changed.notes = "prefers email".into();
    in_office
        .update_contact(id, changed, today())
        .expect("update");
    let stamp = at_counter
        .contact_stamp(id)
        .expect("stamp")
        .expect("recorded");
    assert_eq!(
        stamp.created_by.as_deref(),
        Some(kim.credentials.login.as_str())
    );
    assert_eq!(
        stamp.changed_by.as_deref(),
        Some(team.owner.credentials.login.as_str())
    );
    assert!(stamp.changed_at.ends_with('Z'));
    in_office
        .set_complaint_resolved(call.id, true)
        .expect_err("a call is not a complaint");
    let stamps = in_office.touchpoint_stamps(id).expect("stamps");
    assert_eq!(stamps.len(), 1);
    assert_eq!(stamps[0].0, call.id);
    assert_eq!(
        stamps[0].1.created_by.as_deref(),
        Some(kim.credentials.login.as_str())
    );

    // An entry logged without a name is handled by whoever is signed in, named as the team
    // knows them (the staff member with that login); a name given stays.
    let unnamed = at_counter
        .log_touchpoint(id, touch(TouchpointKind::Call, today(), "  "), today())
        .expect("call");
    assert_eq!(
        unnamed.handled_by, "Kim",
        "signed in as {}",
        kim.credentials.login
    );
    let named = in_office
        .log_touchpoint(id, touch(TouchpointKind::Call, today(), "Sam"), today())
        .expect("call");
    assert_eq!(named.handled_by, "Sam");
    assert_eq!(
        at_counter.window_title(),
        format!("Rapport — Shared book — {}", kim.credentials.login)
    );

    let (_file_dir, mut file) = file_book();
    assert_eq!(file.contact_stamp(1).expect("stamp"), None);
    assert_eq!(file.window_title(), "Rapport");
    let id = file.create_contact(ann(), today()).expect("add").contact.id;
    let unnamed = file
        .log_touchpoint(id, touch(TouchpointKind::Call, today(), ""), today())
        .expect("call");
    assert_eq!(unnamed.handled_by, "", "a book file has no sign-in to name");
}

fn staff_and_their_photos(book: &mut Book) {
    // A server book already lists its people with logins (the owner here): count from them.
    let before = book.staff().expect("staff").len();
    let bo = book
        .add_staff("bo", "Florist", Some(&pictures::jpeg_two_halves(400, 500)))
        .expect("add");
    assert!(bo.photo_id.is_some(), "the portrait is stored with them");
    let ann = book.add_staff("Ann", "Owner", None).expect("add");
    let names: Vec<String> = book
        .staff()
        .expect("staff")
        .into_iter()
        .filter(|m| m.id == bo.id || m.id == ann.id)
        .map(|m| m.name)
        .collect();
    assert_eq!(names, vec!["Ann", "bo"], "by name, case aside");
    let away = book.set_staff_active(ann.id, false).expect("away");
    assert!(!away.active);
    let staff = book.staff().expect("staff");
    assert_eq!(staff.len(), before + 2);
    assert_eq!(
        staff.last().map(|m| m.id),
        Some(ann.id),
        "those away come last"
    );
    assert_eq!(
        code_of(book.set_staff_active(ann.id + 100, true)),
        ErrorCode::NotFound
    );

    let team = book
        .import_photo(&pictures::png_of(640, 480), PhotoKind::Team, None, "Team")
        .expect("team photo");
    assert_eq!((team.width, team.height), (640, 480));
    assert!(team.board.is_none());
    let area = BoardArea {
        x: 10,
        y: 20,
        width: 200,
        height: 100,
    };
    assert_eq!(
        book.set_photo_board(team.id, area).expect("board").board,
        Some(area)
    );
    assert_eq!(book.photo(team.id).expect("photo").board, Some(area));
    let jpeg = book.photo_jpeg(team.id, false).expect("jpeg");
    assert_eq!(i64::try_from(jpeg.len()).ok(), Some(team.bytes));
    assert!(book.photo_jpeg(team.id, true).expect("thumb").len() < jpeg.len());
    let kinds: Vec<PhotoKind> = book
        .photos()
        .expect("photos")
        .into_iter()
        .map(|p| p.kind)
        .collect();
    assert_eq!(kinds, vec![PhotoKind::Team, PhotoKind::Staff]);
    book.delete_photo(team.id).expect("delete");
    assert_eq!(code_of(book.photo(team.id)), ErrorCode::NotFound);
    assert_eq!(code_of(book.delete_photo(team.id)), ErrorCode::NotFound);
}

/// A mail server on 127.0.0.1 that takes every message, for `count` connections.
fn accept_mail(count: usize) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(count).flatten() {
            let Ok(mut writer) = stream.try_clone() else {
                continue;
            };
            let mut reader = BufReader::new(stream);
            let mut say = |text: &str| writer.write_all(format!("{text}\r\n").as_bytes()).is_ok();
            say("220 test.local ESMTP");
            let mut line = String::new();
            let mut in_data = false;
            while reader.read_line(&mut line).unwrap_or(0) > 0 {
                let command = line.trim_end().to_ascii_uppercase();
                if in_data {
                    if line == ".\r\n" {
                        in_data = false;
                        say("250 queued");
                    }
                } else if command.starts_with("EHLO") {
                    say("250-test.local\r\n250 8BITMIME");
                } else if command == "DATA" {
                    in_data = true;
                    say("354 go on");
                } else if command == "QUIT" {
                    say("221 bye");
                    break;
                } else {
                    say("250 OK");
                }
                line.clear();
            }
        }
    });
    port
}

fn welcome_batches_are_queued_failed_and_sent(book: &mut Book) {
    book.set_setting("business_name", "Tulip & Co")
        .expect("set");
    book.set_setting("from_email", "ann@tulip.example")
        .expect("set");
    book.set_setting("smtp_host", "127.0.0.1").expect("set");
    book.set_setting("smtp_security", "plain").expect("set");
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("address")
        .port();
    book.set_setting("smtp_port", &closed.to_string())
        .expect("set");
    let ann = book
        .create_contact(
            ContactInput {
                emails: labeled("ann@bakery.example"),
                ..person("Ann", "Lee")
            },
            today(),
        )
        .expect("add")
        .contact
        .id;
    let failed = book
        .send_welcomes(&[ann], &PhotoChoice::None, today())
        .expect("send");
    assert_eq!((failed.sent, failed.failed), (0, 1));
    assert!(!failed.results[0].error.is_empty());
    assert!(book.contact(ann).expect("read").timeline.is_empty());

    book.set_setting("smtp_port", &accept_mail(1).to_string())
        .expect("set");
    let retried = book
        .retry_welcome_batch(failed.batch, &PhotoChoice::None, today())
        .expect("retry");
    assert_eq!(retried.batch, failed.batch);
    assert_eq!((retried.sent, retried.failed), (1, 0));
    let timeline = book.contact(ann).expect("read").timeline;
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0].kind, TouchpointKind::WelcomeSent);
    let report = book.welcome_report(failed.batch).expect("report");
    assert_eq!((report.sent, report.failed), (1, 0));
    assert_eq!(
        code_of(book.send_welcomes(&[ann + 100], &PhotoChoice::None, today())),
        ErrorCode::NotFound
    );
}

fn gestures_are_recorded_and_complaints_go_round_their_loop(book: &mut Book) {
    book.set_setting("business_name", "Tulip & Co")
        .expect("setting");
    let id = book.create_contact(ann(), today()).expect("add").contact.id;
    book.log_touchpoint(
        id,
        NewTouchpoint {
            note: "wedding bouquet".into(),
            ..touch(TouchpointKind::Purchase, today(), "Bo")
        },
        today(),
    )
    .expect("purchase");

    // The owner's words for a kind are kept, and a kind of their own sits beside the built-in ones.
    book.set_gesture_template(
        "thank-you",
        "Thanks, {first_name}!",
        "Enjoy the {last_purchase}.",
    )
    .expect("template");
    let own = book
        .add_gesture_kind(
            "Get well",
            "Get well soon, {first_name}",
            "Thinking of you.",
        )
        .expect("own kind");
    let kinds = book.gesture_kinds().expect("kinds");
    assert!(kinds
        .iter()
        .any(|k| k.kind == own.kind && k.label == "Get well"));

    let mut thanks = GestureRequest::new("thank-you", id);
    thanks.photo = GesturePhoto::None;
    let preview = book.gesture_preview(&thanks, today()).expect("preview");
    assert_eq!(preview.subject, "Thanks, Ann!");
    assert!(
        preview.text.contains("Enjoy the wedding bouquet."),
        "{}",
        preview.text
    );
    let given = book
        .give_gesture(&thanks, &Delivery::InPerson, FontSet::shared(), today())
        .expect("thank you");
    assert_eq!(given.touchpoint.kind, TouchpointKind::GestureSent);
    book.reset_gesture_kind("thank-you").expect("reset");
    assert_ne!(
        book.gesture_preview(&thanks, today())
            .expect("preview")
            .subject,
        "Thanks, Ann!",
        "reset brings back the default words"
    );

    // A complaint: apology (a gesture that is the loop's first step), put right, undo, again,
    // checked back happy.
    let complaint = book
        .log_touchpoint(
            id,
            NewTouchpoint {
                note: "the cake was late".into(),
                ..touch(TouchpointKind::Complaint, today(), "Bo")
            },
            today(),
        )
        .expect("complaint")
        .id;
    let loops = book.open_loops(today()).expect("loops");
    assert_eq!(loops.len(), 1);
    assert_eq!(loops[0].next_step, "Apologise");
    let mut apology = GestureRequest::new("apology", id);
    apology.photo = GesturePhoto::None;
    book.give_gesture(&apology, &Delivery::InPerson, FontSet::shared(), today())
        .expect("apology");
    assert_eq!(
        book.complaint_loop(complaint).expect("loop").stage,
        LoopStage::Apologised
    );
    let put_right = LoopStep::PutRight {
        what: "baked a new one".into(),
        by: "Bo".into(),
    };
    let step = book
        .complaint_step(complaint, &put_right, today())
        .expect("put right");
    let resolved = |book: &Book| {
        book.contact(id)
            .expect("read")
            .timeline
            .iter()
            .any(|t| t.id == complaint && t.resolved)
    };
    assert!(resolved(book), "putting it right resolves the complaint");
    book.delete_touchpoint(step.id).expect("undo");
    assert!(!resolved(book), "undoing the step opens it again");
    assert_eq!(
        book.complaint_loop(complaint).expect("loop").stage,
        LoopStage::Apologised
    );
    book.complaint_step(complaint, &put_right, today())
        .expect("put right again");
    assert_eq!(
        book.open_loops(today()).expect("loops")[0].next_step,
        "Check back"
    );
    book.complaint_step(
        complaint,
        &LoopStep::CheckedBack {
            outcome: Outcome::Happy,
            by: "Ann".into(),
        },
        today(),
    )
    .expect("checked back");
    assert!(book.open_loops(today()).expect("loops").is_empty());
    let count = book.complaints_ended_this_quarter(today()).expect("count");
    assert_eq!((count.happy, count.closed), (1, 1));
    // Every gesture and step is on the timeline: purchase, thanks, complaint, apology, two
    // steps (one undone) and the check-back.
    assert_eq!(book.contact(id).expect("read").timeline.len(), 6);
}

fn timeline_entries_are_corrected_and_the_calendar_lists_the_dates(book: &mut Book) {
    let id = book.create_contact(ann(), today()).expect("add").contact.id;
    let call = book
        .log_touchpoint(
            id,
            touch(TouchpointKind::Call, day(2026, 11, 10), "Sam"),
            today(),
        )
        .expect("call");
    let edited = book
        .edit_touchpoint(
            call.id,
            NewTouchpoint {
                note: "  asked about rye  ".into(),
                ..touch(TouchpointKind::Meeting, day(2026, 11, 12), "Kim")
            },
            today(),
        )
        .expect("edit");
    assert_eq!(edited.kind, TouchpointKind::Meeting);
    assert_eq!(edited.note, "asked about rye");
    assert_eq!(edited.handled_by, "Kim");
    assert_eq!(
        book.contact(id).expect("read").contact.last_contacted,
        Some(day(2026, 11, 12)),
        "last contacted follows the corrected day"
    );
    assert_eq!(
        code_of(book.edit_touchpoint(
            call.id + 99,
            touch(TouchpointKind::Call, today(), ""),
            today()
        )),
        ErrorCode::NotFound
    );

    let (text, counts) = book
        .calendar_ics(today(), chrono::Utc::now())
        .expect("calendar");
    assert_eq!(counts.birthdays, 1);
    assert_eq!(counts.anniversaries, 1);
    assert_eq!(counts.follow_ups, 1);
    assert!(text.contains("BEGIN:VCALENDAR"));
    assert!(text.contains("Ann Lee"), "{text}");
}

fn the_last_change_is_named_on_the_team_book(book: &mut Book) {
    let id = book.create_contact(ann(), today()).expect("add").contact.id;
    let detail = book.contact(id).expect("read");
    match book.signed_in().map(str::to_string) {
        None => assert_eq!(detail.last_change, None, "a book file has one person"),
        Some(login) => {
            let change = detail.last_change.expect("who changed it");
            // The owner's login belongs to the staff member "Olivia Owner" (tests/common/pg.rs):
            // named as the team knows her, not by her login.
            assert_eq!(change.by, "Olivia Owner", "signed in as {login}");
            assert_eq!(
                change.at.len(),
                "2026-11-23T08:30:00Z".len(),
                "{}",
                change.at
            );
            assert!(change.at.ends_with('Z'), "{}", change.at);
        }
    }
}

fn edit_from(read: &ContactDetail, input: ContactInput) -> ContactEdit {
    ContactEdit {
        base: read.contact.fields.clone(),
        base_version: read.version,
        input,
    }
}

fn two_edits_of_one_contact_are_merged_and_a_field_both_changed_is_settled(book: &mut Book) {
    let id = book.create_contact(ann(), today()).expect("add").contact.id;
    let read = book.contact(id).expect("read");

    // Someone else saves first (another desk, the command line): job title and talking points.
    let mut theirs = read.contact.fields.clone();
    theirs.job_title = "Head baker".into();
    theirs.talking_points = "asked about sourdough".into();
    let saved = book
        .save_contact_edit(id, edit_from(&read, theirs), today())
        .expect("their save");
    assert!(
        matches!(&saved, ContactSave::Saved { taken_from_them, .. } if taken_from_them.is_empty()),
        "{saved:?}"
    );
    let after_theirs = book.contact(id).expect("read");
    assert!(
        after_theirs.version > read.version,
        "an edit raises the version"
    );

    // My edit, made from the old read: notes and talking points. Talking points were changed by
    // both: nothing is saved, the field comes back to be settled.
    let mut mine = read.contact.fields.clone();
    mine.notes = "prefers mornings".into();
    mine.talking_points = "the wedding went well".into();
    let ContactSave::Conflict { conflict } = book
        .save_contact_edit(id, edit_from(&read, mine), today())
        .expect("my save")
    else {
        panic!("a field both changed is a conflict");
    };
    let fields: Vec<&str> = conflict.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, vec!["talkingPoints"]);
    assert_eq!(conflict.fields[0].theirs, "asked about sourdough");
    assert_eq!(conflict.fields[0].mine, "the wedding went well");
    assert_eq!(conflict.version, after_theirs.version);
    assert_eq!(conflict.merged.job_title, "Head baker", "theirs kept");
    assert_eq!(conflict.merged.notes, "prefers mornings", "mine kept");
    let unchanged = book.contact(id).expect("read");
    assert_eq!(
        unchanged.contact.fields, after_theirs.contact.fields,
        "nothing saved"
    );
    assert_eq!(unchanged.version, after_theirs.version);

    // Settled (mine for talking points), saved from the version the conflict named.
    let saved = book
        .save_contact_edit(
            id,
            ContactEdit {
                base: conflict.theirs.clone(),
                base_version: conflict.version,
                input: conflict.merged.clone(),
            },
            today(),
        )
        .expect("settled save");
    assert!(matches!(saved, ContactSave::Saved { .. }), "{saved:?}");
    let now = book.contact(id).expect("read").contact.fields;
    assert_eq!(now.job_title, "Head baker");
    assert_eq!(now.notes, "prefers mornings");
    assert_eq!(now.talking_points, "the wedding went well");

    // An edit that touches only what the other did not: merged, naming what was kept of theirs.
    let read = book.contact(id).expect("read");
    let mut theirs = read.contact.fields.clone();
    theirs.phones = labeled("555 0100");
    book.save_contact_edit(id, edit_from(&read, theirs), today())
        .expect("their save");
    let mut mine = read.contact.fields.clone();
    mine.interests = "jazz".into();
    let ContactSave::Saved {
        detail,
        taken_from_them,
    } = book
        .save_contact_edit(id, edit_from(&read, mine), today())
        .expect("my save")
    else {
        panic!("no field was changed by both");
    };
    assert_eq!(taken_from_them, vec!["phone numbers".to_string()]);
    assert_eq!(detail.contact.fields.interests, "jazz");
    assert_eq!(detail.contact.fields.phones[0].value, "555 0100");

    // A stale save of a contact deleted meanwhile says so.
    let gone = book.contact(id).expect("read");
    book.delete_contact(id).expect("delete");
    let error = book
        .save_contact_edit(id, edit_from(&gone, gone.contact.fields.clone()), today())
        .expect_err("deleted");
    assert!(error.to_string().contains("not found"), "{error}");
}

fn a_staff_page_lists_what_customers_said_about_them(book: &mut Book) {
    let maja = book.add_staff("Maja", "Baker", None).expect("staff").id;
    let ann = book.create_contact(ann(), today()).expect("add").contact.id;
    let bea = book
        .create_contact(person("Bea", "Moss"), today())
        .expect("add")
        .contact
        .id;
    let log = |book: &mut Book, id, kind, on, by: &str, note: &str| {
        book.log_touchpoint(
            id,
            NewTouchpoint {
                note: note.into(),
                ..touch(kind, on, by)
            },
            today(),
        )
        .expect("log");
    };
    log(
        book,
        ann,
        TouchpointKind::Compliment,
        day(2026, 11, 2),
        "maja",
        "lovely sourdough",
    );
    log(
        book,
        bea,
        TouchpointKind::Compliment,
        day(2026, 11, 20),
        "Maja",
        "remembered my order",
    );
    log(
        book,
        bea,
        TouchpointKind::Complaint,
        day(2026, 11, 21),
        "Maja",
        "the cake was late",
    );
    log(
        book,
        ann,
        TouchpointKind::Call,
        day(2026, 11, 22),
        "Maja",
        "not feedback",
    );
    log(
        book,
        ann,
        TouchpointKind::Compliment,
        day(2026, 11, 22),
        "Bo",
        "someone else's",
    );

    let page = book.staff_feedback(maja).expect("page");
    assert_eq!(page.member.name, "Maja");
    assert_eq!(page.compliment_count, 2, "her name in any case");
    let compliments: Vec<(&str, &str)> = page
        .compliments
        .iter()
        .map(|f| (f.customer.as_str(), f.touchpoint.note.as_str()))
        .collect();
    assert_eq!(
        compliments,
        vec![
            ("Bea Moss", "remembered my order"),
            ("Ann Lee", "lovely sourdough")
        ],
        "newest first"
    );
    assert_eq!(page.complaint_count, 1);
    assert_eq!(page.complaints[0].touchpoint.note, "the cake was late");
    let error = book
        .staff_feedback(maja + 1000)
        .expect_err("no such member");
    assert!(error.to_string().contains("not found"), "{error}");
}
