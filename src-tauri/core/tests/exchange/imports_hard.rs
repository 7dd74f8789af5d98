//! Imports of awkward files: refused rows named, mixed encodings, second street lines,
//! day-first dates, broken photos, unknown headers.

use super::*;

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
