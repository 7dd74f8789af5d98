//! Imports of the usual files: CSV from Google, Outlook and spreadsheets in their encodings,
//! vCard 2.1 to 4.0 (awkward files are in imports_hard.rs, big ones in imports_big.rs).

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
