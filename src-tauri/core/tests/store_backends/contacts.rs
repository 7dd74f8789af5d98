//! Contacts on both backends: added, listed, searched, tagged, merged, imported, edited by two.

use super::*;

on_both!(
    contacts_are_added_read_changed_archived_deleted_and_put_back,
    list_and_search_find_the_same_people_in_the_same_order,
    equally_relevant_matches_are_paged_in_name_order,
    tags_and_companies,
    bulk_writes_store_every_row,
    an_import_adds_the_file_s_contacts,
    contact_photos_are_kept_and_removed,
    merging_joins_two_contacts_and_their_timelines,
    two_edits_of_one_contact_are_merged_and_a_field_both_changed_is_settled,
);

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

    // A search counts the active contacts it finds: an archived match is left out of the
    // count too, for words and for phone digits alike.
    let counted = |book: &Book, typed: &str| {
        book.list(&ListQuery {
            search: typed.into(),
            limit: 1,
            ..ListQuery::default()
        })
        .expect("search")
        .total
    };
    let (ann_id, mark_id) = (added[1].id, added[2].id);
    assert_eq!((counted(book, "lee"), counted(book, "555")), (3, 1));
    book.set_archived(&[mark_id], true).expect("archive Mark");
    assert_eq!((counted(book, "lee"), counted(book, "555")), (2, 1));
    assert_eq!(search(book, "lee"), vec!["Ann Lee", "Bree Baker"]);
    book.set_archived(&[ann_id], true).expect("archive Ann");
    assert_eq!((counted(book, "lee"), counted(book, "555")), (1, 0));
    book.set_archived(&[ann_id, mark_id], false)
        .expect("restore both");

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

fn equally_relevant_matches_are_paged_in_name_order(book: &mut Book) {
    for family in ["Eke", "Dahl", "Cronqvist", "Berg", "Alm"] {
        book.create_contact(person("Tove", family), today())
            .expect("add");
    }
    let archived = book
        .create_contact(person("Tove", "Aaberg"), today())
        .expect("add")
        .contact
        .id;
    book.set_archived(&[archived], true).expect("archive");
    let tove_page = |book: &Book, offset| {
        book.list(&ListQuery {
            search: "tove".into(),
            offset,
            limit: 3,
            ..ListQuery::default()
        })
    };
    let page = tove_page(book, 1).expect("page");
    assert_eq!(page.total, 5);
    let names: Vec<&str> = page.rows.iter().map(|r| r.display_name.as_str()).collect();
    assert_eq!(names, ["Tove Berg", "Tove Cronqvist", "Tove Dahl"]);
    let past_the_end = tove_page(book, 5).expect("page past the end");
    assert_eq!(past_the_end.total, 5);
    assert!(past_the_end.rows.is_empty());
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

fn bulk_writes_store_every_row(book: &mut Book) {
    // A company and a tag stored before: the bulk write finds them, however it spells them.
    let before = book
        .create_contact(
            ContactInput {
                company: "Company 3".into(),
                tags: vec!["Even".into()],
                ..person("Early", "Bird")
            },
            today(),
        )
        .expect("add")
        .contact
        .id;
    let people: Vec<_> = (0..1200)
        .map(|i| {
            let mut input = person(&format!("Person{i:04}"), "Bulk");
            input.emails = labeled(&format!("p{i}@example.com"));
            input.phones = labeled(&format!("+1 555 {i:04}"));
            input.tags = vec![match i % 4 {
                0 => "Even",
                2 => "EVEN",
                1 => "Odd",
                _ => "odd",
            }
            .into()];
            input.company = if i % 14 == 3 {
                "company 3".into()
            } else {
                format!("Company {}", i % 7)
            };
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
    assert_eq!(book.contact_count().expect("count"), 1201);
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
    assert_eq!(
        tags,
        vec![("Even".into(), 601), ("Odd".into(), 600)],
        "one tag however spelled, written as first stored"
    );
    let companies: Vec<(String, i64)> = book
        .companies()
        .expect("companies")
        .into_iter()
        .map(|c| (c.name, c.contact_count))
        .collect();
    assert_eq!(companies.len(), 7, "{companies:?}");
    assert!(
        companies.contains(&("Company 3".into(), 1 + 1200 / 7)),
        "{companies:?}"
    );
    assert!(companies.contains(&("Company 6".into(), 1200 / 7)));
    assert_eq!(
        book.contact(before).expect("read").contact.fields.company,
        "Company 3"
    );
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
