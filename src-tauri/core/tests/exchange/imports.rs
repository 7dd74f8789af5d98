//! Imports: CSV from Google, Outlook, Apple and spreadsheets in any encoding, vCard 2.1 to 4.0, refused rows, big and cancelled imports.

use super::*;

#[test]
fn google_csv_new_headers_with_multi_values_and_yearless_birthdays() {
    let (_d, mut book) = new_book();
    let report = import_fixture(&mut book, "google_new_utf8_bom.csv", false);
    assert_eq!(report.format, ImportFormat::Google);
    assert_eq!(report.encoding, "UTF-8 with BOM");
    assert_eq!(report.added, 3);
    assert_eq!(report.refused.len(), 1);
    assert_eq!(report.refused[0].line, 6, "Ann's notes span lines 2 and 3");
    assert!(report.refused[0].reason.contains("not a date"));
    let ann = find(&book, "ann@leebakery.example");
    assert_eq!(ann.emails.len(), 2);
    assert_eq!(ann.emails[0].label, "work");
    assert_eq!(ann.company, "Lee & Sons, Bakery");
    assert_eq!(
        ann.birthday,
        Some(Birthday {
            year: None,
            month: 3,
            day: 15
        })
    );
    assert_eq!(ann.tags, ["VIP", "Wholesale"]);
    assert_eq!(ann.addresses[0].postal_code, "01234");
    assert_eq!(ann.notes, "Likes rye bread.\nAsk about the dog.");
    let wang = find(&book, "wang@example.cn");
    assert_eq!(wang.family_name, "王");
}

#[test]
fn google_csv_old_headers_in_utf16() {
    let (_d, mut book) = new_book();
    let report = import_fixture(&mut book, "google_old_utf16le_bom.csv", false);
    assert_eq!(report.encoding, "UTF-16LE");
    assert_eq!(report.format, ImportFormat::Google);
    assert_eq!(report.added, 2, "{:?}", report.refused);
    let asa = find(&book, "asa@example.no");
    assert_eq!(asa.given_name, "Åsa");
    assert_eq!(asa.company, "Fjord Kafé");
    assert_eq!(asa.job_title, "Manager");
    assert_eq!(asa.phones.len(), 2);
    assert_eq!(asa.phones[1].label, "work");
    assert_eq!(asa.addresses[0].postal_code, "0155");
    assert_eq!(asa.tags, ["Regulars"]);
    assert_eq!(asa.interests, "Skiing");
}

#[test]
fn outlook_csv_in_windows_1252() {
    let (_d, mut book) = new_book();
    let report = import_fixture(&mut book, "outlook_windows1252.csv", false);
    assert_eq!(report.encoding, "Windows-1252");
    assert_eq!(report.format, ImportFormat::Outlook);
    assert_eq!(report.added, 2, "{:?}", report.refused);
    let j = find(&book, "juergen@baeckerei-mueller.example");
    assert_eq!(j.family_name, "Müller");
    assert_eq!(j.prefix, "Dr.");
    assert_eq!(j.addresses[0].city, "München");
    assert_eq!(j.addresses[0].label, "work");
    assert_eq!(j.birthday, Some(Birthday::new(Some(1975), 5, 17).unwrap()));
    assert_eq!(j.tags, ["Lieferant", "VIP"]);
    assert_eq!(j.family, "Anna");
    let f = find(&book, "francois@cafe.example");
    assert_eq!(f.birthday, None);
    assert_eq!(f.addresses[0].label, "home");
}

#[test]
fn spreadsheets_with_semicolons_and_tabs_are_detected() {
    let (_d, mut book) = new_book();
    let report = import_fixture(&mut book, "spreadsheet_semicolon.csv", false);
    assert_eq!(report.delimiter.as_deref(), Some("semicolon"));
    assert_eq!(report.added, 2);
    assert_eq!(report.refused.len(), 1, "{:?}", report.refused);
    assert_eq!(report.refused[0].line, 4, "{:?}", report.refused);
    let maria = find(&book, "maria@rossi.example");
    assert_eq!(maria.addresses[0].postal_code, "00184");
    assert_eq!(maria.tags, ["Export", "VIP"]);
    let report = import_fixture(&mut book, "spreadsheet_tab.tsv", false);
    assert_eq!(report.delimiter.as_deref(), Some("tab"));
    assert_eq!(report.added, 2);
    let sara = find(&book, "sara@example.il");
    assert_eq!(sara.birthday, Some(Birthday::new(None, 2, 29).unwrap()));
    assert_eq!(sara.customer_since, Some(common::day(2019, 11, 11)));
}

#[test]
fn apple_vcard_with_folded_lines_related_names_anniversary_and_a_photo() {
    let (_d, mut book) = new_book();
    let report = import_fixture(&mut book, "apple_v30.vcf", false);
    assert_eq!(report.format, ImportFormat::Vcard);
    assert_eq!(report.added, 2, "{:?}", report.refused);
    // The card's inline photo (a hand-made 1 × 1 JPEG) goes through the photo checks, which
    // find it damaged: it is skipped with a note, the contact comes in.
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.starts_with("The photo of the card on line 1 was skipped")),
        "{:?}",
        report.notes
    );
    let chidi = find(&book, "chidi@okafor-imports.example");
    assert_eq!(chidi.company, "Okafor Imports");
    assert_eq!(chidi.birthday, Some(Birthday::new(None, 6, 12).unwrap()));
    assert_eq!(chidi.family, "Spouse: Ngozi");
    assert!(chidi.notes.contains("Anniversary: 2015-09-01"));
    assert!(chidi
        .notes
        .contains("after 10am, never on Sundays.\nVery loyal."));
    assert_eq!(chidi.tags, ["VIP", "Wholesale"]);
    assert_eq!(chidi.phones[0].label, "mobile");
    assert_eq!(chidi.addresses[0].postal_code, "101001");
    find(
        &book,
        "mette.sorensen.with.a.rather.long.address@a-long-domain-name-for-folding.example",
    );
}

#[test]
fn vcard_21_quoted_printable_and_yearless_birthdays() {
    let (_d, mut book) = new_book();
    let report = import_fixture(&mut book, "vcard21_quoted_printable.vcf", false);
    assert_eq!(report.added, 2);
    assert_eq!(report.refused.len(), 1);
    assert_eq!(report.refused[0].line, 19);
    let j = find(&book, "joerg@example.de");
    assert_eq!(j.given_name, "Jörg");
    assert_eq!(j.family_name, "Müller");
    assert_eq!(j.addresses[0].street, "Große Straße 7");
    assert_eq!(j.addresses[0].country, "Deutschland");
    assert_eq!(j.notes, "First line\r\nSecond line".replace("\r\n", "\n"));
    assert_eq!(j.phones[0].label, "mobile");
    let report = import_fixture(&mut book, "vcard40.vcf", false);
    assert_eq!(report.added, 1);
}

#[test]
fn vcards_in_latin_1_with_base64_photos_and_anniversaries_of_every_version() {
    let (dir, mut book) = new_book();
    let photo = jpeg_in_base64(200, 160);
    // vCard 2.1 folds base64 with a leading space per line and ends it with an empty line.
    let folded: Vec<String> = photo
        .as_bytes()
        .chunks(72)
        .map(|line| format!(" {}", String::from_utf8_lossy(line)))
        .collect();
    let mut text: Vec<u8> = Vec::new();
    text.extend_from_slice(b"BEGIN:VCARD\r\nVERSION:2.1\r\n");
    // ISO-8859-1 bytes escaped as quoted-printable; the soft break is followed by a space
    // that belongs to the text.
    text.extend_from_slice(
        b"N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Lef=E8vre;Fran=E7ois;;;\r\n\
          NOTE;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Pr=E9f=E8re le caf=E9 cr=E8me=\r\n\
          \x20et les croissants\r\n\
          EMAIL;INTERNET:francois@cafe.example\r\n\
          X-ANNIVERSARY:2012-05-19\r\n\
          PHOTO;JPEG;ENCODING=BASE64:\r\n",
    );
    text.extend_from_slice(folded.join("\r\n").as_bytes());
    text.extend_from_slice(b"\r\n\r\nEND:VCARD\r\n");
    let file = dir.path().join("old-phone.vcf");
    std::fs::write(&file, &text).unwrap();
    let report = import_default(&mut book, &file);
    assert_eq!(report.added, 1, "{report:?}");
    assert!(report.notes.is_empty(), "{:?}", report.notes);
    let contact = book.all_contacts(None).unwrap().into_iter().next().unwrap();
    assert_eq!(contact.fields.given_name, "François");
    assert_eq!(contact.fields.family_name, "Lefèvre");
    assert!(
        contact
            .fields
            .notes
            .contains("Préfère le café crème et les croissants"),
        "{}",
        contact.fields.notes
    );
    assert!(contact.fields.notes.contains("Anniversary: 2012-05-19"));
    let stored = book.contact_photo(contact.id, false).unwrap().unwrap();
    assert!(!stored.is_empty(), "the 2.1 photo was stored");

    // vCard 4.0's ANNIVERSARY, written without dashes, is kept as a readable date.
    import_fixture(&mut book, "vcard40.vcf", false);
    let minji = find(&book, "minji@example.kr");
    assert!(
        minji.notes.contains("Anniversary: 2010-06-12"),
        "{}",
        minji.notes
    );
}

#[test]
fn refused_rows_are_reported_with_line_and_reason_and_garbage_is_refused_whole() {
    let (dir, mut book) = new_book();
    let file = dir.path().join("bad.csv");
    let long = "x".repeat(10_000);
    std::fs::write(
        &file,
        format!("Name,Email,Birthday\nOk Person,ok@example.com,\n{long},a@b.com,\nFeb Thirty,c@d.com,2020-02-31\n"),
    )
    .unwrap();
    let report = import_default(&mut book, &file);
    assert_eq!(report.added, 1);
    let lines: Vec<u64> = report.refused.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 4]);
    assert!(report.refused[0].reason.contains("too long"));

    let garbage = dir.path().join("garbage.csv");
    std::fs::write(&garbage, [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    let error = import::import(
        &mut book,
        &garbage,
        &ImportOptions::default(),
        today(),
        &mut |_, _| {},
    )
    .unwrap_err();
    assert_eq!(error.code(), "unreadable");
    assert_eq!(book.contact_count().unwrap(), 1);

    // A quote never closed would swallow the rest of the file into one name: refused whole,
    // naming the line.
    let broken = dir.path().join("broken.csv");
    std::fs::write(
        &broken,
        "Name,Email\nAnn,ann@x.com\n\"Bob,bob@x.com\nCy,cy@x.com\n",
    )
    .unwrap();
    let error = import::import(
        &mut book,
        &broken,
        &ImportOptions::default(),
        today(),
        &mut |_, _| {},
    )
    .unwrap_err();
    assert_eq!(error.code(), "unreadable");
    assert!(
        error
            .to_string()
            .contains("starts on line 3 is never closed"),
        "{error}"
    );
    assert_eq!(book.contact_count().unwrap(), 1);
}

#[test]
fn google_outlook_and_apple_files_read_the_same_in_every_encoding() {
    let fixtures = [
        ("google_new_utf8_bom.csv", ImportFormat::Google),
        ("google_old_utf16le_bom.csv", ImportFormat::Google),
        ("outlook_windows1252.csv", ImportFormat::Outlook),
        ("apple_v30.vcf", ImportFormat::Vcard),
    ];
    for (name, format) in fixtures {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let (native, _) = import_bytes(name, &bytes);
        let text = match native.encoding.as_str() {
            "UTF-8" | "UTF-8 with BOM" => String::from_utf8(bytes).unwrap(),
            "UTF-16LE" => encoding_rs::UTF_16LE
                .decode_with_bom_removal(&bytes)
                .0
                .into(),
            "Windows-1252" => encoding_rs::WINDOWS_1252.decode(&bytes).0.into(),
            other => panic!("{name} read as {other}"),
        };
        let text = text.trim_start_matches('\u{feff}');
        for encoding in [
            "UTF-8",
            "UTF-8 with BOM",
            "UTF-16LE",
            "UTF-16BE",
            "Windows-1252",
        ] {
            // Windows-1252 cannot hold Greek or Chinese: those letters become '?' in both files.
            let text: String = if encoding == "Windows-1252" {
                text.chars()
                    .map(|c| {
                        let mut buffer = [0; 4];
                        let one = c.encode_utf8(&mut buffer);
                        if encoding_rs::WINDOWS_1252.encode(one).2 {
                            '?'
                        } else {
                            c
                        }
                    })
                    .collect()
            } else {
                text.to_string()
            };
            let (expected_report, expected) = import_bytes(name, text.as_bytes());
            let (report, contacts) = import_bytes(name, &encode(&text, encoding));
            assert_eq!(report.encoding, encoding, "{name}");
            assert_eq!(report.format, format, "{name} in {encoding}");
            assert_eq!(
                (report.added, report.refused.len()),
                (expected_report.added, expected_report.refused.len()),
                "{name} in {encoding}"
            );
            assert!(report.added >= 2, "{name} in {encoding}: {report:?}");
            assert_eq!(contacts, expected, "{name} in {encoding}");
        }
    }
}

#[test]
fn second_street_lines_labels_with_commas_and_european_birthdays_come_in_whole() {
    let (dir, mut book) = new_book();
    let google = "First Name,Last Name,Labels,E-mail 1 - Value,Address 1 - Street,Address 1 - Extended Address,Address 1 - PO Box,Address 1 - City\n\
        Ann,Lee,\"Bakers, Paris ::: * myContacts ::: VIP\",ann@example.com,12 Rue Cler,Apt 4,BP 77,Paris\n";
    let report = import_text(&mut book, dir.path(), google, ImportOptions::default());
    assert_eq!(report.format, ImportFormat::Google);
    assert_eq!(report.added, 1, "{report:?}");
    let ann = find(&book, "ann@example.com");
    assert_eq!(ann.addresses[0].street, "12 Rue Cler\nApt 4\nBP 77");
    let mut tags = ann.tags.clone();
    tags.sort();
    assert_eq!(tags, ["Bakers", "Paris", "VIP"]);

    let outlook = "First Name,Last Name,E-mail Address,Business Street,Business Street 2,Business Street 3,Business City,Home Street,Home Street 2,Birthday,Categories\n\
        Jürgen,Müller,juergen@example.de,Hauptstraße 5,Hinterhaus,3. OG,München,Am Bach 1,,17.05.1975,Lieferant;VIP\n\
        Sophie,Martin,sophie@example.fr,,,,,2 Rue Haute,Bât. B,17/05/1980,\n\
        Bob,Ray,bob@example.com,,,,,,,5/17/1975,\n";
    let report = import_text(&mut book, dir.path(), outlook, ImportOptions::default());
    assert_eq!(report.format, ImportFormat::Outlook);
    assert_eq!((report.added, report.refused.len()), (3, 0), "{report:?}");
    let juergen = find(&book, "juergen@example.de");
    assert_eq!(
        juergen.addresses[0].street,
        "Hauptstraße 5\nHinterhaus\n3. OG"
    );
    assert_eq!(juergen.addresses[0].label, "work");
    assert_eq!(juergen.addresses[1].street, "Am Bach 1");
    assert_eq!(
        juergen.birthday,
        Some(Birthday::new(Some(1975), 5, 17).unwrap())
    );
    let mut tags = juergen.tags.clone();
    tags.sort();
    assert_eq!(tags, ["Lieferant", "VIP"]);
    let sophie = find(&book, "sophie@example.fr");
    assert_eq!(sophie.addresses[0].street, "2 Rue Haute\nBât. B");
    assert_eq!(
        sophie.birthday,
        Some(Birthday::new(Some(1980), 5, 17).unwrap())
    );
    let bob = find(&book, "bob@example.com");
    assert_eq!(
        bob.birthday,
        Some(Birthday::new(Some(1975), 5, 17).unwrap())
    );
}

#[test]
fn a_file_writing_dates_day_first_is_read_day_first_throughout() {
    let (dir, mut book) = new_book();
    let uk = "First Name,Last Name,E-mail Address,Birthday\n\
        Ann,Lee,ann@example.co.uk,03/04/1975\n\
        Bob,Ray,bob@example.co.uk,25/12/1980\n";
    let report = import_text(&mut book, dir.path(), uk, ImportOptions::default());
    assert_eq!(report.added, 2, "{report:?}");
    assert!(
        report.notes.iter().any(|n| n.contains("day first")),
        "{:?}",
        report.notes
    );
    let ann = find(&book, "ann@example.co.uk");
    assert_eq!(ann.birthday, Some(Birthday::new(Some(1975), 4, 3).unwrap()));

    // A US file stays month first, and says nothing about it.
    let us = "First Name,Last Name,E-mail Address,Birthday\n\
        Cy,Moe,cy@example.com,03/04/1975\n\
        Di,Lu,di@example.com,12/25/1980\n";
    let report = import_text(&mut book, dir.path(), us, ImportOptions::default());
    assert!(report.notes.is_empty(), "{:?}", report.notes);
    let cy = find(&book, "cy@example.com");
    assert_eq!(cy.birthday, Some(Birthday::new(Some(1975), 3, 4).unwrap()));
}

#[test]
fn broken_vcard_photos_are_skipped_with_a_note_naming_the_cards_and_the_contacts_still_come_in() {
    let (dir, mut book) = new_book();
    // A large inline photo (folded base64, as phones write it) and one that is not base64 at all.
    let big: String = "/9j/4AAQSkZJRgABAQ".repeat(200_000);
    let folded: Vec<String> = big
        .as_bytes()
        .chunks(74)
        .map(|c| format!(" {}", String::from_utf8_lossy(c)))
        .collect();
    let text = format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Ann;;;\r\nFN:Ann Lee\r\nEMAIL:ann@example.com\r\n\
         PHOTO;ENCODING=b;TYPE=JPEG:\r\n{}\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bo Berg\r\nN:Berg;Bo;;;\r\nPHOTO:data:image/png;base64,<script>\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Cy Chan\r\nN:Chan;Cy;;;\r\nEND:VCARD\r\n",
        folded.join("\r\n")
    );
    let file = dir.path().join("phone.vcf");
    std::fs::write(&file, text).unwrap();
    let report = import_default(&mut book, &file);
    assert_eq!(report.added, 3, "{:?}", report.refused);
    let bo_line = 8 + folded.len(); // after BEGIN…PHOTO (6 lines), the folded photo and END
    let notes: Vec<&String> = report
        .notes
        .iter()
        .filter(|n| n.contains("photo"))
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(
        notes[0].starts_with("The photo of the card on line 1 was skipped"),
        "{}",
        notes[0]
    );
    assert!(notes[0].contains("picture"), "{}", notes[0]);
    assert!(
        notes[1].starts_with(&format!(
            "The photo of the card on line {bo_line} was skipped"
        )),
        "{}",
        notes[1]
    );
    assert!(notes[1].contains("not valid base64"), "{}", notes[1]);
    let ids: Vec<i64> = book
        .all_contacts(None)
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert!(book.contact_photos(&ids).unwrap().is_empty());
    assert!(book
        .all_contacts(None)
        .unwrap()
        .iter()
        .all(|c| !c.fields.notes.contains("base64")));
}

#[test]
fn a_spreadsheet_with_unknown_headers_is_previewed_for_mapping_by_hand_but_not_imported_unmapped() {
    use rapport_core::exchange::csv_import::{ColumnMapping, Target};
    let (dir, mut book) = new_book();
    let file = dir.path().join("kunden.csv");
    std::fs::write(
        &file,
        "Feld 1;Feld 2;Feld 3\nAnna;Schmidt;Bäckerei Schmidt\n",
    )
    .unwrap();
    let preview = import::preview(&file, ImportFormat::Auto, None, today()).unwrap();
    assert_eq!(preview.headers, ["Feld 1", "Feld 2", "Feld 3"]);
    assert!(
        preview.notes[0].contains("choose below"),
        "{:?}",
        preview.notes
    );
    let error = import::import(
        &mut book,
        &file,
        &ImportOptions::default(),
        today(),
        &mut |_, _| {},
    )
    .unwrap_err();
    assert_eq!(error.code(), "unreadable");

    let by_hand: Vec<ColumnMapping> = [Target::GivenName, Target::FamilyName, Target::Company]
        .into_iter()
        .zip(&preview.headers)
        .map(|(target, header)| ColumnMapping {
            header: header.clone(),
            target,
            slot: 1,
            label: String::new(),
        })
        .collect();
    let preview =
        import::preview(&file, ImportFormat::Auto, Some(by_hand.clone()), today()).unwrap();
    assert_eq!(preview.rows[0].display_name, "Anna Schmidt");
    let options = ImportOptions {
        mapping: Some(by_hand),
        ..ImportOptions::default()
    };
    let report = import::import(&mut book, &file, &options, today(), &mut |_, _| {}).unwrap();
    assert_eq!(report.added, 1);
    assert_eq!(
        book.all_contacts(None).unwrap()[0].fields.company,
        "Bäckerei Schmidt"
    );
}

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
