//! Duplicates found by the check and the import alike, and merging two contacts field by field.

use super::*;

#[test]
fn duplicates_are_skipped_merged_or_kept_as_asked() {
    let (dir, mut book) = new_book();
    let mut ann = with_email(person("Ann", "Lee"), "ann@leebakery.example");
    ann.company = "Lee & Sons, Bakery".into();
    let id = add(&mut book, ann);
    let file = fixture("google_new_utf8_bom.csv");

    let dry = import::import(
        &mut book,
        &file,
        &ImportOptions {
            dry_run: true,
            on_duplicate: OnDuplicate::Merge,
            ..ImportOptions::default()
        },
        today(),
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!((dry.added, dry.merged, dry.refused.len()), (2, 1, 1));
    assert_eq!(dry.duplicates[0].existing_id, Some(id));
    assert_eq!(book.contact_count().unwrap(), 1, "dry run stores nothing");

    let skip = import_default(&mut book, &file);
    assert_eq!((skip.added, skip.skipped), (2, 1));
    assert!(book.contact(id).unwrap().contact.fields.tags.is_empty());

    let merge = import::import(
        &mut book,
        &file,
        &ImportOptions {
            on_duplicate: OnDuplicate::Merge,
            ..ImportOptions::default()
        },
        today(),
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(merge.added, 0, "the others are duplicates now too");
    let merged = book.contact(id).unwrap().contact.fields;
    assert_eq!(merged.emails.len(), 2);
    assert_eq!(merged.tags, ["VIP", "Wholesale"]);
    assert_eq!(merged.phones[0].value, "+1 555-0100");

    let keep = import::import(
        &mut book,
        &file,
        &ImportOptions {
            on_duplicate: OnDuplicate::Keep,
            ..ImportOptions::default()
        },
        today(),
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(keep.added, 3);
    assert_eq!(book.contact_count().unwrap(), 6);
    drop(dir);
}

#[test]
fn the_check_finds_the_same_duplicates_as_the_import_whatever_is_chosen() {
    let (dir, mut book) = book_with(vec![with_email(person("Ann", "Lee"), "ann@example.com")]);
    // Row 2 is Ann with a second address; row 3 someone using that second address.
    let text = "First Name,Last Name,Email,E-mail 2 Address\n\
        Ann,Lee,ann@example.com,lee.family@example.com\n\
        Bob,Lee,lee.family@example.com,\n";
    let check = |book: &mut Book, on_duplicate, dry_run| {
        import_text(
            book,
            dir.path(),
            text,
            ImportOptions {
                on_duplicate,
                dry_run,
                ..ImportOptions::default()
            },
        )
    };
    let checked = check(&mut book, OnDuplicate::Skip, true);
    let lines: Vec<u64> = checked.duplicates.iter().map(|d| d.line).collect();
    assert_eq!((checked.added, lines), (0, vec![2, 3]));
    let merged = check(&mut book, OnDuplicate::Merge, false);
    assert_eq!((merged.added, merged.merged), (0, 2));
    assert_eq!(book.contact_count().unwrap(), 1);
}

#[test]
fn an_archived_contact_is_found_as_a_duplicate_and_stays_archived_when_merged() {
    let (dir, mut book) = book_with(vec![with_email(person("Old", "Friend"), "old@example.com")]);
    let id = book.all_contacts(None).unwrap()[0].id;
    book.set_archived(&[id], true).unwrap();
    let text = "First Name,Last Name,Email,Phone\nOld,Friend,old@example.com,+1 555 0142\n";
    let dry_run = import_text(
        &mut book,
        dir.path(),
        text,
        ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    );
    assert_eq!(dry_run.added, 0);
    assert_eq!(dry_run.duplicates.len(), 1);
    assert_eq!(dry_run.duplicates[0].existing_id, Some(id));
    assert!(dry_run.duplicates[0].existing_archived);

    let merged = import_text(
        &mut book,
        dir.path(),
        text,
        ImportOptions {
            on_duplicate: OnDuplicate::Merge,
            ..ImportOptions::default()
        },
    );
    assert_eq!((merged.added, merged.merged), (0, 1));
    let contact = book.contact(id).unwrap().contact;
    assert!(contact.archived, "still archived");
    assert_eq!(contact.fields.phones[0].value, "+1 555 0142");
    assert!(book.all_contacts(None).unwrap().is_empty());
}

#[test]
fn namesakes_at_one_company_count_as_duplicates_only_when_nothing_tells_them_apart() {
    let (dir, mut book) = new_book();
    let mut maria = with_email(person("Maria", "Garcia"), "maria.garcia@example.com");
    maria.company = "Garden Centre".into();
    maria.phones.push(LabeledValue {
        label: "mobile".into(),
        value: "+34 600 111 222".into(),
    });
    let id = add(&mut book, maria);
    let text = "First Name,Last Name,Company,Email,Phone\n\
        Maria,Garcia,Garden Centre,m.garcia.other@example.com,\n\
        Maria,Garcia,Garden Centre,,\n\
        María,García,garden centre,,+34 600 999 999\n\
        Maria,Garcia,Garden Centre,m.garcia.other@example.com,+34 600 111 222\n";
    let report = import_text(
        &mut book,
        dir.path(),
        text,
        ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    );
    let reasons: Vec<(u64, &str)> = report
        .duplicates
        .iter()
        .map(|d| (d.line, d.reason.as_str()))
        .collect();
    // Line 2 has an email the stored Maria does not have: someone else, added. Line 3 has
    // nothing that contradicts: the same person. Line 4's phone differs: someone else.
    // Line 5 shares the stored phone (and line 2's email): a duplicate.
    assert_eq!(
        reasons,
        [(3, "same name and company"), (5, "same email")],
        "{report:?}"
    );
    assert_eq!(report.added, 2);
    assert_eq!(report.duplicates[0].existing_id, Some(id));
    drop(dir);
}

#[test]
fn a_merge_takes_each_field_from_the_side_the_owner_picked() {
    let (dir, mut book) = new_book();
    let mut ann = with_email(person("Ann", "Lee"), "ann@example.com");
    ann.job_title = "Baker".into();
    ann.notes = "Likes rye".into();
    ann.interests = "Cycling".into();
    let id = add(&mut book, ann);
    let text = "First Name,Last Name,Email,Job Title,Notes,Interests,Tags\n\
        Ann,Lee,ann@example.com,Head baker,Prefers spelt,,VIP\n";
    let choice = |line: u64, picks: Vec<FieldPick>| import::DuplicateChoice {
        line,
        action: OnDuplicate::Merge,
        picks,
    };
    let report = import_text(
        &mut book,
        dir.path(),
        text,
        ImportOptions {
            choices: vec![choice(
                2,
                vec![
                    FieldPick {
                        field: MergeField::JobTitle,
                        incoming: true,
                    },
                    FieldPick {
                        field: MergeField::Notes,
                        incoming: false,
                    },
                    // The owner may clear a field by picking the empty side.
                    FieldPick {
                        field: MergeField::Interests,
                        incoming: true,
                    },
                ],
            )],
            ..ImportOptions::default()
        },
    );
    assert_eq!((report.merged, report.added), (1, 0));
    let fields = book.contact(id).unwrap().contact.fields;
    assert_eq!(fields.job_title, "Head baker");
    assert_eq!(fields.notes, "Likes rye");
    assert_eq!(fields.interests, "");
    assert_eq!(fields.tags, ["VIP"], "lists are always combined");
    drop(dir);
}

#[test]
fn merging_two_contacts_keeps_one_with_both_timelines_and_every_email() {
    let (dir, mut book) = new_book();
    let mut keep = with_email(person("Ann", "Lee"), "ann@example.com");
    keep.job_title = "Baker".into();
    let keep = add(&mut book, keep);
    let mut other = with_email(person("Annie", "Lee"), "annie@home.example");
    other.job_title = "Owner".into();
    other.birthday = Some(Birthday::new(None, 3, 14).unwrap());
    let other = add(&mut book, other);
    for (id, note) in [(keep, "Bought bread"), (other, "Called about a cake")] {
        let touchpoint = rapport_core::contacts::NewTouchpoint {
            kind: rapport_core::contacts::TouchpointKind::Note,
            happened_on: common::day(2026, 11, 20),
            note: note.into(),
            handled_by: String::new(),
        };
        book.log_touchpoint(id, touchpoint, today()).unwrap();
    }

    let picks = [FieldPick {
        field: MergeField::JobTitle,
        incoming: true,
    }];
    let merged = book.merge_contacts(keep, other, &picks, today()).unwrap();
    let fields = &merged.contact.fields;
    assert_eq!(fields.given_name, "Ann", "unpicked fields stay");
    assert_eq!(fields.job_title, "Owner");
    assert_eq!(
        fields.birthday,
        Some(Birthday::new(None, 3, 14).unwrap()),
        "empty fields are filled"
    );
    assert_eq!(fields.emails.len(), 2);
    assert_eq!(merged.timeline.len(), 2);
    assert!(book.contact(other).is_err(), "the other contact is gone");
    assert_eq!(book.contact_count().unwrap(), 1);
    assert_eq!(
        common::search(&book, "annie@home"),
        ["Ann Lee"],
        "one search entry"
    );
    assert!(book.merge_contacts(keep, keep, &[], today()).is_err());
    assert!(
        book.merge_contacts(keep, other, &[], today()).is_err(),
        "already merged"
    );
    drop(dir);
}
