//! Big imports: duplicates within the file and with the book, a file imported twice,
//! cancelling at any point, cards merged into earlier ones.

use super::*;

#[test]
fn a_big_import_merges_late_rows_into_early_ones_and_into_the_book() {
    let (dir, mut book) = book_with(vec![with_email(
        person("Stored", "Before"),
        "stored@example.com",
    )]);
    let mut text = String::from("First Name,Last Name,Email,Phone,City\n");
    for i in 0..3_000 {
        text.push_str(&format!("Row{i},Import,row{i}@example.com,,\n"));
    }
    // Row 0 again, with a phone and a city, after thousands of others were stored…
    text.push_str("Row0,Import,row0@example.com,+1 555 0199,Leeds\n");
    // …and the stored contact, with a phone.
    text.push_str("Stored,Before,stored@example.com,+44 20 7946 0123,\n");
    let file = dir.path().join("rows.csv");
    std::fs::write(&file, text).unwrap();
    let options = ImportOptions {
        on_duplicate: OnDuplicate::Merge,
        ..ImportOptions::default()
    };
    let report = import::import(&mut book, &file, &options, today(), &mut |_, _| {}).unwrap();
    assert_eq!(
        (report.rows, report.added, report.merged),
        (3_002, 3_000, 2)
    );

    assert_eq!(book.contact_count().unwrap(), 3_001);
    let row0 = find(&book, "row0@example.com");
    assert_eq!(row0.phones[0].value, "+1 555 0199");
    assert_eq!(row0.addresses[0].city, "Leeds");
    let stored = find(&book, "stored@example.com");
    assert_eq!(stored.phones[0].value, "+44 20 7946 0123");
    assert_eq!(common::search(&book, "0199"), ["Row0 Import"]);
    assert_eq!(common::search(&book, "7946 0123"), ["Stored Before"]);
    assert_eq!(common::search(&book, "row2999"), ["Row2999 Import"]);
    assert_eq!(book.integrity_check().unwrap(), "ok");
}

#[test]
fn a_file_imported_again_reports_the_first_thousand_duplicates_and_counts_them_all() {
    let (dir, mut book) = new_book();
    let text = many_rows(1_005);
    import_text(&mut book, dir.path(), &text, ImportOptions::default());
    let again = import_text(
        &mut book,
        dir.path(),
        &text,
        ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    );
    assert_eq!(
        (again.added, again.skipped, again.duplicates_found),
        (0, 1_005, 1_005)
    );
    assert_eq!(again.duplicates.len(), import::REPORTED_DUPLICATES);
    assert_eq!(again.duplicates[0].line, 2);
    assert_eq!(again.duplicates[0].incoming.given_name, "Row0");
    assert_eq!(again.duplicates[0].existing.given_name, "Row0");
    // Merging all of them, the unlisted ones included, changes every contact.
    let merged = import_text(
        &mut book,
        dir.path(),
        &text
            .replace("Import,", "Import,+1 555 0100,")
            .replace("Last Name,", "Last Name,Phone,"),
        ImportOptions {
            on_duplicate: OnDuplicate::Merge,
            ..ImportOptions::default()
        },
    );
    assert_eq!((merged.merged, merged.duplicates_found), (1_005, 1_005));
    assert_eq!(find(&book, "row1004@example.com").phones.len(), 1);
}

#[test]
fn a_cancelled_import_changes_nothing_whether_halfway_late_or_in_a_dry_run() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let (dir, mut book) = book_with(vec![person("Already", "Here")]);
    let file = dir.path().join("rows.csv");
    std::fs::write(&file, many_rows(12_000)).unwrap();
    // Cancelled once half the file is read (and some of it stored)…
    let cancel = AtomicBool::new(false);
    let mut heard = Vec::new();
    let error = import::import_cancellable(
        &mut book,
        &file,
        &ImportOptions::default(),
        today(),
        &mut |done, total| {
            heard.push(done);
            if done * 2 >= total {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    )
    .unwrap_err();
    assert_eq!(error.code(), "cancelled", "{error}");
    assert!(
        heard.len() > 2,
        "progress is heard along the way: {heard:?}"
    );
    assert_eq!(book.contact_count().unwrap(), 1);
    // …once the whole file is read (the last rows stored or on their way), before the commit…
    let cancel = AtomicBool::new(false);
    let error = import::import_cancellable(
        &mut book,
        &file,
        &ImportOptions::default(),
        today(),
        &mut |done, total| {
            if done == total {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    )
    .unwrap_err();
    assert_eq!(error.code(), "cancelled", "{error}");
    assert_eq!(book.contact_count().unwrap(), 1);
    assert_eq!(book.integrity_check().unwrap(), "ok");
    // …or in a dry run.
    let cancel = AtomicBool::new(false);
    let dry_run = ImportOptions {
        dry_run: true,
        ..ImportOptions::default()
    };
    let error = import::import_cancellable(
        &mut book,
        &file,
        &dry_run,
        today(),
        &mut |done, _| {
            if done > 0 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    )
    .unwrap_err();
    assert_eq!(error.code(), "cancelled", "{error}");
    // Not cancelled, the same file goes in whole.
    let report = import_default(&mut book, &file);
    assert_eq!(report.added, 12_000);
    assert_eq!(book.contact_count().unwrap(), 12_001);
}

#[test]
fn cards_merged_into_an_earlier_card_of_the_same_file_are_stored_whole() {
    let (dir, mut book) = new_book();
    let photo = jpeg_in_base64(240, 240);
    let card = |lines: &str| format!("BEGIN:VCARD\r\nVERSION:3.0\r\n{lines}END:VCARD\r\n");
    let mut text =
        card("FN:Ann Lee\r\nN:Lee;Ann;;;\r\nEMAIL:ann@example.com\r\nTEL:+1 555 0100\r\n");
    text += &card("FN:Bob Ray\r\nN:Ray;Bob;;;\r\nEMAIL:bob@example.com\r\n");
    // The same Ann twice more: a second number, then a city and her photo.
    text +=
        &card("FN:Ann Lee\r\nN:Lee;Ann;;;\r\nEMAIL:ann@example.com\r\nTEL:+44 20 7946 0199\r\n");
    text += &card(&format!(
        "FN:Ann Lee\r\nN:Lee;Ann;;;\r\nEMAIL:ann@example.com\r\nADR;TYPE=home:;;1 High St;Leeds;;LS1 1AA;UK\r\nPHOTO;ENCODING=b;TYPE=JPEG:{photo}\r\n"
    ));
    let file = dir.path().join("cards.vcf");
    std::fs::write(&file, text).unwrap();
    let options = ImportOptions {
        on_duplicate: OnDuplicate::Merge,
        ..ImportOptions::default()
    };
    let report = import::import(&mut book, &file, &options, today(), &mut |_, _| {}).unwrap();
    assert_eq!((report.added, report.merged), (2, 2), "{report:?}");
    assert!(report.notes.is_empty(), "{:?}", report.notes);

    let ann = book
        .all_contacts(None)
        .unwrap()
        .into_iter()
        .find(|c| c.fields.given_name == "Ann")
        .unwrap();
    let phones: Vec<&str> = ann.fields.phones.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(phones, ["+1 555 0100", "+44 20 7946 0199"]);
    assert_eq!(ann.fields.addresses[0].city, "Leeds");
    assert!(book.contact_photo(ann.id, false).unwrap().is_some());
    assert_eq!(common::search(&book, "0199"), ["Ann Lee"]);
    assert_eq!(common::search(&book, "555 0100"), ["Ann Lee"]);
    assert_eq!(book.contact_count().unwrap(), 2);

    // Every phone tail belongs to a number the contact has: deleting her leaves none behind.
    book.delete_contact(ann.id).unwrap();
    assert!(common::search(&book, "0199").is_empty());
    let conn =
        rusqlite::Connection::open(dir.path().join(rapport_core::store::DATABASE_FILE)).unwrap();
    let stray: i64 = conn
        .query_row(
            "SELECT count(*) FROM contact_phone_tails WHERE contact_id NOT IN (SELECT id FROM contacts)",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(stray, 0);
}
