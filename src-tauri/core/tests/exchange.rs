//! Exchange through the public API on real database files: exports read back with parsers that
//! are not ours, imports of real address-book files, duplicates, and backups.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use std::path::{Path, PathBuf};

use common::{add, new_book, person, today, with_email};
use rapport_core::contacts::{Birthday, ContactInput, LabeledValue, PostalAddress};
use rapport_core::exchange::backup;
use rapport_core::exchange::duplicates::{FieldPick, MergeField};
use rapport_core::exchange::import::{self, ImportFormat, ImportOptions, OnDuplicate};
use rapport_core::exchange::{self, Column, ExportFormat, ExportOptions, Profile, VcardVersion};
use rapport_core::Book;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/exchange")
        .join(name)
}

fn tricky_contacts() -> Vec<ContactInput> {
    let mut list = Vec::new();
    let names = [
        ("Ann", "Lee, Jr.", "Quote \"Best\" Bakery"),
        ("=1+2", "@SUM(A1)", "+Plus Company"),
        ("-minus", "O'Brien", "Line\nbreak & Co"),
        ("小明", "王", "北京茶庄"),
        ("محمد", "العلي", "شركة"),
        ("Νίκος", "Παπαδόπουλος", ""),
        ("Иван", "Петров", "ООО \"Ромашка\""),
        ("शर्मा", "राज", ""),
    ];
    for (i, (given, family, company)) in names.iter().enumerate() {
        let mut input = with_email(person(given, family), &format!("p{i}@example.com"));
        input.company = company.to_string();
        input.phones.push(LabeledValue {
            label: "mobile".into(),
            value: format!("+49 30 000{i}"),
        });
        input.addresses.push(PostalAddress {
            label: "work".into(),
            street: format!("{i} Main St, Apt \"B\""),
            city: "Köln".into(),
            region: "NRW".into(),
            postal_code: format!("0{i}123"),
            country: "DE".into(),
        });
        input.tags = vec!["VIP".into(), format!("t{i}")];
        input.birthday = Some(Birthday {
            year: if i % 2 == 0 { Some(1980) } else { None },
            month: 2,
            day: 29,
        });
        input.customer_since = Some(common::day(2020, 1, 1 + i as u32));
        input.notes = "first line\nsecond, with a comma".into();
        list.push(input);
    }
    list
}

fn book_with(contacts: Vec<ContactInput>) -> (tempfile::TempDir, Book) {
    let (dir, mut book) = new_book();
    for input in contacts {
        add(&mut book, input);
    }
    (dir, book)
}

const ROUND_TRIP_COLUMNS: [Column; 17] = [
    Column::Prefix,
    Column::GivenName,
    Column::FamilyName,
    Column::Company,
    Column::JobTitle,
    Column::Email,
    Column::Email2,
    Column::Phone,
    Column::Phone2,
    Column::Street,
    Column::City,
    Column::Region,
    Column::PostalCode,
    Column::Country,
    Column::Birthday,
    Column::CustomerSince,
    Column::Tags,
];

fn comparable(input: &ContactInput) -> ContactInput {
    let mut input = input.clone();
    input.notes.clear();
    input.tags.sort();
    for v in input.emails.iter_mut().chain(input.phones.iter_mut()) {
        v.label.clear();
    }
    for a in input.addresses.iter_mut() {
        a.label.clear();
    }
    input
}

#[test]
fn csv_export_reimports_to_the_same_fields_and_no_cell_is_a_live_formula() {
    let (dir, book) = book_with(tricky_contacts());
    for delimiter in [",", ";", "\t"] {
        let out = dir.path().join(format!("export{}.csv", delimiter.len()));
        let options = ExportOptions {
            columns: ROUND_TRIP_COLUMNS.to_vec(),
            delimiter: delimiter.into(),
            ..ExportOptions::default()
        };
        let summary = exchange::export(&book, &options, &out, &mut |_, _| {}).unwrap();
        assert_eq!(summary.contacts, 8);
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM first");
        assert!(bytes.windows(2).any(|w| w == b"\r\n"), "CRLF line ends");

        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter.as_bytes()[0])
            .from_reader(&bytes[3..]);
        let headers = reader.headers().unwrap().clone();
        assert_eq!(headers.get(1), Some("First name"));
        let mut rows = 0;
        for record in reader.records() {
            let record = record.unwrap();
            rows += 1;
            for cell in record.iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']),
                    "live formula cell {cell:?}"
                );
            }
            let postal = record.get(12).unwrap();
            assert!(postal.starts_with('0'), "leading zero kept: {postal}");
        }
        assert_eq!(rows, 8);

        let (_dir2, mut other) = new_book();
        let report = import_default(&mut other, &out);
        assert!(report.refused.is_empty(), "{:?}", report.refused);
        assert_eq!(report.added, 8);
        let mut before: Vec<ContactInput> = book
            .store()
            .all_contacts(None)
            .unwrap()
            .iter()
            .map(|c| comparable(&c.fields))
            .collect();
        let mut after: Vec<ContactInput> = other
            .store()
            .all_contacts(None)
            .unwrap()
            .iter()
            .map(|c| comparable(&c.fields))
            .collect();
        before.sort_by(|a, b| a.emails[0].value.cmp(&b.emails[0].value));
        after.sort_by(|a, b| a.emails[0].value.cmp(&b.emails[0].value));
        assert_eq!(before, after);
    }
}

#[test]
fn xlsx_export_has_text_cells_a_header_and_no_formulas() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let (dir, book) = book_with(tricky_contacts());
    let out = dir.path().join("contacts.xlsx");
    let options = ExportOptions {
        format: ExportFormat::Xlsx,
        ..ExportOptions::default()
    };
    exchange::export(&book, &options, &out, &mut |_, _| {}).unwrap();
    let mut workbook: Xlsx<_> = open_workbook(&out).unwrap();
    let range = workbook.worksheet_range("Contacts").unwrap();
    let formulas = workbook.worksheet_formula("Contacts").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formulas"
    );
    let rows: Vec<_> = range.rows().collect();
    assert_eq!(rows.len(), 9);
    assert_eq!(rows[0][0], Data::String("Name".into()));
    let postal_col = Column::DEFAULT
        .iter()
        .position(|c| *c == Column::PostalCode)
        .unwrap();
    for row in &rows[1..] {
        match &row[postal_col] {
            Data::String(s) => assert!(s.starts_with('0')),
            other => panic!("postal code not text: {other:?}"),
        }
    }
    let names: Vec<String> = rows[1..].iter().map(|r| r[0].to_string()).collect();
    assert!(names.contains(&"=1+2 @SUM(A1)".to_string()));

    // The sheet as Excel reads it: the header row frozen, a filter over every column and row.
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    assert!(
        sheet.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "header frozen: {sheet}"
    );
    let last_column = (b'A' + Column::DEFAULT.len() as u8 - 1) as char;
    assert!(
        sheet.contains(&format!(r#"<autoFilter ref="A1:{last_column}9"/>"#)),
        "filter over the table: {sheet}"
    );
}

#[test]
fn profiles_use_the_programs_headers_and_limits() {
    let mut long = person(&"A".repeat(300), "B");
    long.emails.push(LabeledValue {
        label: "work".into(),
        value: "a@b.com".into(),
    });
    let (dir, book) = book_with(vec![long]);
    let out = dir.path().join("xero.csv");
    let options = ExportOptions {
        profile: Profile::Xero,
        ..ExportOptions::default()
    };
    let summary = exchange::export(&book, &options, &out, &mut |_, _| {}).unwrap();
    assert_eq!(summary.shortened_values, 1);
    let text = String::from_utf8(std::fs::read(&out).unwrap()).unwrap();
    assert!(text.starts_with("\u{feff}*ContactName,"));

    // Xero's contact is the organisation, with the person to the attention of; a private
    // customer is the contact by name.
    let (dir, mut book) = book_with(vec![person("Ann", "Lee")]);
    let mut at_work = person("Bruno", "Costa");
    at_work.company = "Costa Garden Centre".into();
    add(&mut book, at_work);
    add(
        &mut book,
        ContactInput {
            company: "Zenith Florists".into(),
            ..ContactInput::default()
        },
    );
    let out = dir.path().join("xero.csv");
    exchange::export(&book, &options, &out, &mut |_, _| {}).unwrap();
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
            .unwrap()
    };
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let pairs: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (&r[column("*ContactName")], &r[column("POAttentionTo")]))
        .collect();
    assert_eq!(
        pairs,
        [
            ("Ann Lee", ""),
            ("Costa Garden Centre", "Bruno Costa"),
            ("Zenith Florists", "")
        ]
    );
    // Read back, the organisation is the company again and the person the name. A contact
    // that is only a company comes back as a name: Xero's file cannot tell the two apart.
    let (_other_dir, mut other) = new_book();
    let report = import_default(&mut other, &out);
    assert_eq!(report.added, 3, "{report:?}");
    let mut people: Vec<(String, String, String)> = other
        .store()
        .all_contacts(None)
        .unwrap()
        .into_iter()
        .map(|c| (c.fields.given_name, c.fields.family_name, c.fields.company))
        .collect();
    people.sort();
    assert_eq!(
        people,
        [
            ("Ann".to_string(), "Lee".to_string(), String::new()),
            ("Bruno".into(), "Costa".into(), "Costa Garden Centre".into()),
            ("Zenith".into(), "Florists".into(), String::new()),
        ]
    );
    let out = dir.path().join("qbo.csv");
    let options = ExportOptions {
        profile: Profile::Quickbooks,
        ..ExportOptions::default()
    };
    exchange::export(&book, &options, &out, &mut |_, _| {}).unwrap();
    let text = String::from_utf8(std::fs::read(&out).unwrap()).unwrap();
    assert!(text.starts_with("\u{feff}Name,Company,Email,Phone,Street,City,State,ZIP"));
}

#[test]
fn vcard_export_round_trips_in_both_versions_and_follows_the_tag() {
    let (dir, mut book) = book_with(tricky_contacts());
    add(&mut book, person("Untagged", "Person"));
    for version in [VcardVersion::V3, VcardVersion::V4] {
        let out = dir.path().join(format!("all-{version:?}.vcf"));
        let options = ExportOptions {
            format: ExportFormat::Vcard,
            vcard_version: version,
            tag: Some("vip".into()),
            ..ExportOptions::default()
        };
        let summary = exchange::export(&book, &options, &out, &mut |_, _| {}).unwrap();
        assert_eq!(summary.contacts, 8);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.lines().all(|l| l.len() <= 75), "folded at 75 octets");
        let (_d, mut other) = new_book();
        let report = import_default(&mut other, &out);
        assert!(report.refused.is_empty(), "{:?}", report.refused);
        assert_eq!(report.added, 8);
        let mut before: Vec<ContactInput> = book
            .store()
            .all_contacts(Some("VIP"))
            .unwrap()
            .iter()
            .map(|c| comparable(&c.fields))
            .collect();
        let mut after: Vec<ContactInput> = other
            .store()
            .all_contacts(None)
            .unwrap()
            .iter()
            .map(|c| comparable(&c.fields))
            .collect();
        // vCard has no "customer since".
        for contact in before.iter_mut() {
            contact.customer_since = None;
        }
        before.sort_by(|a, b| a.emails[0].value.cmp(&b.emails[0].value));
        after.sort_by(|a, b| a.emails[0].value.cmp(&b.emails[0].value));
        assert_eq!(before, after);
    }
}

/// Imports `file` with the default options; the import must succeed.
fn import_default(book: &mut Book, file: &Path) -> import::ImportReport {
    import::import(
        book,
        file,
        &ImportOptions::default(),
        today(),
        &mut |_, _| {},
    )
    .expect("import the file")
}

fn import_fixture(book: &mut Book, name: &str, dry_run: bool) -> import::ImportReport {
    import::import(
        book,
        &fixture(name),
        &ImportOptions {
            dry_run,
            ..ImportOptions::default()
        },
        today(),
        &mut |_, _| {},
    )
    .expect("import the fixture")
}

fn find(book: &Book, email: &str) -> ContactInput {
    book.store()
        .all_contacts(None)
        .expect("read contacts")
        .into_iter()
        .find(|c| c.fields.emails.iter().any(|e| e.value == email))
        .unwrap_or_else(|| panic!("{email} not imported"))
        .fields
}

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

/// A `width` × `height` JPEG (a gradient) in base64, as a vCard carries a photo.
fn jpeg_in_base64(width: u32, height: u32) -> String {
    use base64::Engine;
    let mut jpeg = Vec::new();
    image::RgbImage::from_fn(width, height, |x, y| image::Rgb([x as u8, y as u8, 90]))
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    base64::engine::general_purpose::STANDARD.encode(&jpeg)
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
    let contact = book
        .store()
        .all_contacts(None)
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
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
    assert_eq!(
        book.store().contact_count().unwrap(),
        1,
        "dry run stores nothing"
    );

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
    assert_eq!(book.store().contact_count().unwrap(), 6);
    drop(dir);
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
    assert_eq!(book.store().contact_count().unwrap(), 1);

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
    assert_eq!(book.store().contact_count().unwrap(), 1);
}

#[test]
fn backup_is_an_intact_copy_and_restore_brings_it_back_keeping_the_current_book() {
    let (dir, mut book) = book_with(tricky_contacts());
    let out = dir.path().join("copy.db");
    let info = backup::backup_to(book.store(), &out).unwrap();
    assert!(info.bytes > 0);
    assert_eq!(
        rapport_core::store::check_database_file(&out).unwrap(),
        rapport_core::store::SCHEMA_VERSION
    );
    assert_eq!(
        rapport_core::store::check_own_copy(&out).unwrap(),
        rapport_core::store::SCHEMA_VERSION
    );
    add(&mut book, person("After", "Backup"));
    assert_eq!(book.store().contact_count().unwrap(), 9);
    let restored = backup::restore(&mut book, dir.path(), &out).unwrap();
    assert_eq!(restored.contacts, 8);
    assert_eq!(book.store().contact_count().unwrap(), 8);
    assert_eq!(book.store().integrity_check().unwrap(), "ok");
    assert!(Path::new(&restored.previous_saved_to).exists());
    drop(book);
    let reopened = Book::open(dir.path()).unwrap();
    assert_eq!(reopened.store().contact_count().unwrap(), 8);
}

#[test]
fn restore_refuses_files_that_are_not_rapport_books() {
    let (dir, mut book) = book_with(vec![person("Keep", "Me")]);
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "just text, not a database at all........").unwrap();
    assert!(backup::restore(&mut book, dir.path(), &text).is_err());
    let other = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 1;")
            .unwrap();
    }
    assert_eq!(
        backup::restore(&mut book, dir.path(), &other)
            .unwrap_err()
            .code(),
        "corrupt"
    );
    let newer = dir.path().join("newer.db");
    backup::backup_to(book.store(), &newer).unwrap();
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.execute_batch("PRAGMA user_version = 999;").unwrap();
    }
    assert_eq!(
        backup::restore(&mut book, dir.path(), &newer)
            .unwrap_err()
            .code(),
        "tooNew"
    );
    assert_eq!(book.store().contact_count().unwrap(), 1);
}

#[test]
fn daily_backup_runs_once_a_day_and_keeps_7_daily_and_4_weekly() {
    let (dir, book) = book_with(vec![person("Ann", "Lee")]);
    let start = common::day(2026, 1, 1);
    for n in 0..60 {
        let day = start + chrono::Days::new(n);
        assert!(backup::daily_backup(&book, dir.path(), day)
            .unwrap()
            .is_some());
        assert!(backup::daily_backup(&book, dir.path(), day)
            .unwrap()
            .is_none());
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 11, "{names:?}");
    assert!(names.contains(&"rapport-2026-03-01.db".to_string()));
    assert!(names.contains(&"rapport-2026-02-23.db".to_string()));
    assert!(!names.contains(&"rapport-2026-01-01.db".to_string()));
}

#[test]
fn the_daily_backup_reads_the_file_beside_a_writer_and_copies_what_is_committed() {
    let (dir, book) = book_with(vec![person("Ann", "Lee"), person("Bob", "Ray")]);
    let file = book.store().path().to_path_buf();
    // Another connection is in the middle of a write, as the window may be.
    let writer = rusqlite::Connection::open(&file).unwrap();
    writer
        .execute_batch(
            "BEGIN IMMEDIATE;
             UPDATE contacts SET given_name = 'Changed';",
        )
        .unwrap();
    let info =
        backup::daily_backup_of_file(&file, dir.path(), today(), backup::Retention::default())
            .unwrap()
            .expect("today's backup");
    writer.execute_batch("COMMIT").unwrap();

    let copy = rapport_core::store::Store::open(Path::new(&info.path)).unwrap();
    let names: Vec<String> = copy
        .all_contacts(None)
        .unwrap()
        .into_iter()
        .map(|c| c.fields.given_name)
        .collect();
    assert_eq!(
        names,
        ["Ann", "Bob"],
        "the committed book, not the write in flight"
    );
    assert!(
        backup::daily_backup_of_file(&file, dir.path(), today(), backup::Retention::default())
            .unwrap()
            .is_none()
    );
}

#[test]
fn the_daily_backup_clears_half_written_copies_a_killed_program_left() {
    let (dir, book) = book_with(vec![person("Ann", "Lee")]);
    let folder = dir.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    let old = folder.join(".rapport-2026-11-20.db.4242-0.part");
    let fresh = folder.join(".rapport-backup.db.4243-0.part");
    for file in [&old, &fresh] {
        std::fs::write(file, b"half").unwrap();
    }
    let hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3 * 60 * 60);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(hours_ago)
        .unwrap();
    backup::daily_backup(&book, dir.path(), today()).unwrap();
    assert!(!old.exists(), "a copy left hours ago is removed");
    assert!(fresh.exists(), "one that may be being written is not");
}

/// Names of the daily backups in `folder`, sorted.
fn backup_days(folder: &Path) -> Vec<chrono::NaiveDate> {
    let mut days: Vec<chrono::NaiveDate> = std::fs::read_dir(folder)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            let day = name
                .strip_prefix("rapport-")?
                .strip_suffix(".db")?
                .to_string();
            chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok()
        })
        .collect();
    days.sort();
    days
}

#[test]
fn retention_keeps_the_dailies_then_one_backup_for_each_older_week_whatever_the_weekday() {
    use chrono::Datelike;
    let retention = backup::Retention {
        daily: 7,
        weekly: 4,
    };
    // Sixty days of backups ending on each day of one week, Monday to Sunday.
    for last in 0..7 {
        let dir = tempfile::tempdir().unwrap();
        let today = common::day(2026, 3, 2) + chrono::Days::new(last);
        for n in 0..60 {
            let day = today - chrono::Days::new(n);
            std::fs::write(dir.path().join(format!("rapport-{day}.db")), b"x").unwrap();
        }
        std::fs::write(dir.path().join("before-restore-1.db"), b"x").unwrap();
        backup::prune(dir.path(), retention).unwrap();
        let days = backup_days(dir.path());
        assert_eq!(days.len(), 11, "{today}: {days:?}");
        let dailies: Vec<_> = (0..7).rev().map(|n| today - chrono::Days::new(n)).collect();
        assert_eq!(days[4..], dailies[..], "{today}");
        // The weeklies: the Sunday (last backup) of each of the four weeks before the week the
        // oldest daily falls in.
        let oldest_daily_week_start =
            dailies[0] - chrono::Days::new(u64::from(dailies[0].weekday().num_days_from_monday()));
        let sundays: Vec<_> = (1..=4)
            .rev()
            .map(|w| oldest_daily_week_start - chrono::Days::new(7 * (w - 1) + 1))
            .collect();
        assert_eq!(days[..4], sundays[..], "{today}");
        assert!(dir.path().join("before-restore-1.db").exists());
    }
    // A month with the computer off: the weeks before it still count.
    let dir = tempfile::tempdir().unwrap();
    let today = common::day(2026, 6, 10);
    for n in (0..3).chain(40..100) {
        let day = today - chrono::Days::new(n);
        std::fs::write(dir.path().join(format!("rapport-{day}.db")), b"x").unwrap();
    }
    backup::prune(dir.path(), retention).unwrap();
    let days = backup_days(dir.path());
    assert_eq!(days.len(), 11, "{days:?}");
    let weeks: std::collections::BTreeSet<_> =
        days[..4].iter().map(|d| d.iso_week().week()).collect();
    assert_eq!(weeks.len(), 4, "{days:?}");
}

fn import_text(
    book: &mut Book,
    dir: &Path,
    text: &str,
    options: ImportOptions,
) -> import::ImportReport {
    let file = dir.join("rows.csv");
    std::fs::write(&file, text).unwrap();
    import::import(book, &file, &options, today(), &mut |_, _| {}).unwrap()
}

/// `text` as a file in `encoding` would hold it (the names Rapport reports).
fn encode(text: &str, encoding: &str) -> Vec<u8> {
    let utf16 = |to_bytes: fn(u16) -> [u8; 2]| -> Vec<u8> {
        std::iter::once(0xFEFF)
            .chain(text.encode_utf16())
            .flat_map(to_bytes)
            .collect()
    };
    match encoding {
        "UTF-8" => text.as_bytes().to_vec(),
        "UTF-8 with BOM" => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        "UTF-16LE" => utf16(u16::to_le_bytes),
        "UTF-16BE" => utf16(u16::to_be_bytes),
        "Windows-1252" => {
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
            assert!(!unmappable, "{text}");
            bytes.into_owned()
        }
        other => panic!("no encoding {other}"),
    }
}

/// Imports `bytes` as the file `name` into a new book; returns the report and every contact.
fn import_bytes(name: &str, bytes: &[u8]) -> (import::ImportReport, Vec<ContactInput>) {
    let (dir, mut book) = new_book();
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    let report = import_default(&mut book, &file);
    let contacts = book
        .store()
        .all_contacts(None)
        .unwrap()
        .into_iter()
        .map(|c| c.fields)
        .collect();
    (report, contacts)
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
    assert_eq!(book.store().contact_count().unwrap(), 1);
}

#[test]
fn an_archived_contact_is_found_as_a_duplicate_and_stays_archived_when_merged() {
    let (dir, mut book) = book_with(vec![with_email(person("Old", "Friend"), "old@example.com")]);
    let id = book.store().all_contacts(None).unwrap()[0].id;
    book.store_mut().set_archived(&[id], true).unwrap();
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
    let contact = book.store().contact(id).unwrap();
    assert!(contact.archived, "still archived");
    assert_eq!(contact.fields.phones[0].value, "+1 555 0142");
    assert!(book.store().all_contacts(None).unwrap().is_empty());
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
    assert_eq!(book.store().contact_count().unwrap(), 1);
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

#[test]
fn backups_are_listed_newest_first_and_marked_automatic() {
    let (dir, mut book) = new_book();
    add(&mut book, person("Ann", "Lee"));
    assert!(backup::list_backups(dir.path()).unwrap().is_empty());
    backup::daily_backup(&book, dir.path(), today()).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let manual = dir
        .path()
        .join(backup::BACKUP_FOLDER)
        .join("rapport-backup-manual.db");
    backup::backup_to(book.store(), &manual).unwrap();
    let list = backup::list_backups(dir.path()).unwrap();
    let names: Vec<(&str, bool)> = list
        .iter()
        .map(|b| (b.name.as_str(), b.automatic))
        .collect();
    assert_eq!(
        names,
        [
            ("rapport-backup-manual.db", false),
            ("rapport-2026-11-23.db", true)
        ]
    );
    assert!(list.iter().all(|b| b.bytes > 0));
    drop(dir);
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
        .store()
        .all_contacts(None)
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert!(book.store().contact_photos_jpeg(&ids).unwrap().is_empty());
    assert!(book
        .store()
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
        "Vorname;Nachname;Firma\nAnna;Schmidt;Bäckerei Schmidt\n",
    )
    .unwrap();
    let preview = import::preview(&file, ImportFormat::Auto, None, today()).unwrap();
    assert_eq!(preview.headers, ["Vorname", "Nachname", "Firma"]);
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
        book.store().all_contacts(None).unwrap()[0].fields.company,
        "Bäckerei Schmidt"
    );
}

/// A book of `n` people in `dir`, then scribbled over in the middle as a failing disk would.
fn damaged_book(dir: &Path, n: usize) -> Vec<u8> {
    {
        let mut book = Book::open(dir).unwrap();
        let people: Vec<_> = (0..n)
            .map(|i| person(&format!("Person {i}"), "Damaged"))
            .collect();
        book.store_mut().insert_contacts(&people).unwrap();
    }
    let path = dir.join(rapport_core::store::DATABASE_FILE);
    let mut data = std::fs::read(&path).unwrap();
    assert!(data.len() > 40_000);
    for byte in &mut data[8192..40_000] {
        *byte = 0xA5;
    }
    std::fs::write(&path, &data).unwrap();
    assert_eq!(Book::open(dir).err().expect("damaged").code(), "corrupt");
    data
}

/// A good backup of three contacts in `<data>/backups/`.
fn good_backup(data: &Path) -> PathBuf {
    let other = tempfile::tempdir().unwrap();
    let mut book = Book::open(other.path()).unwrap();
    for name in ["Ana", "Bo", "Chen"] {
        add(&mut book, person(name, "Backup"));
    }
    let out = data
        .join(backup::BACKUP_FOLDER)
        .join("rapport-2026-11-20.db");
    backup::backup_to(book.store(), &out).unwrap();
    out
}

fn damaged_files(data: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("rapport-damaged-") && name.ends_with(".db")
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_damaged_book_is_set_aside_unchanged_and_the_backup_opens_in_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let damaged = damaged_book(&data, 2000);
    let good = good_backup(&data);
    let problem = rapport_core::AppError::from(Book::open(&data).err().unwrap());
    let offer = backup::recovery(&data, &problem);
    assert!(offer.can_restore);
    assert_eq!(offer.backups.len(), 1);
    assert_eq!(offer.backups[0].contacts, Some(3));
    assert_eq!(offer.backups[0].problem, None);

    let (book, info) = backup::recover(&data, &good).unwrap();
    assert_eq!(info.contacts, 3);
    assert_eq!(book.store().contact_count().unwrap(), 3);
    assert_eq!(book.store().integrity_check().unwrap(), "ok");
    let aside = damaged_files(&data);
    assert_eq!(aside, vec![PathBuf::from(&info.previous_saved_to)]);
    assert_eq!(std::fs::read(&aside[0]).unwrap(), damaged, "byte for byte");
    drop(book);
    let reopened = Book::open(&data).unwrap();
    assert_eq!(reopened.store().contact_count().unwrap(), 3);
    assert!(std::fs::read_dir(&data).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with(".part")));
}

#[test]
fn a_damaged_backup_is_refused_for_recovery_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let damaged = damaged_book(&data, 2000);
    // A backup damaged in the same way: another big book, scribbled over.
    let other = dir.path().join("other");
    let bad_bytes = damaged_book(&other, 2000);
    let bad = data
        .join(backup::BACKUP_FOLDER)
        .join("rapport-2026-11-21.db");
    std::fs::create_dir_all(bad.parent().unwrap()).unwrap();
    std::fs::write(&bad, &bad_bytes).unwrap();
    let text = data.join(backup::BACKUP_FOLDER).join("notes.db");
    std::fs::write(&text, "just text, not a database at all........").unwrap();

    let problem = rapport_core::AppError::from(Book::open(&data).err().unwrap());
    let offer = backup::recovery(&data, &problem);
    assert_eq!(offer.backups.len(), 2);
    assert!(offer
        .backups
        .iter()
        .all(|b| b.problem.is_some() && b.contacts.is_none()));

    for file in [&bad, &text] {
        let error = backup::recover(&data, file).err().expect("refused");
        assert_eq!(error.code(), "corrupt", "{error}");
    }
    let db = data.join(rapport_core::store::DATABASE_FILE);
    assert_eq!(std::fs::read(&db).unwrap(), damaged);
    assert!(damaged_files(&data).is_empty());
    assert_eq!(std::fs::read(&bad).unwrap(), bad_bytes);
}

#[test]
fn recovery_refuses_to_replace_a_book_that_is_not_damaged() {
    let (dir, book) = book_with(vec![person("Keep", "Me")]);
    drop(book);
    let good = good_backup(dir.path());
    let error = backup::recover(dir.path(), &good).err().expect("refused");
    assert_eq!(error.code(), "conflict", "{error}");
    let book = Book::open(dir.path()).unwrap();
    assert_eq!(book.store().contact_count().unwrap(), 1);
    let problem = rapport_core::AppError {
        code: "locked".into(),
        message: "in use".into(),
        fields: Vec::new(),
    };
    let offer = backup::recovery(dir.path(), &problem);
    assert!(!offer.can_restore && offer.backups.is_empty());
}

#[test]
fn restore_in_folder_restores_over_a_good_book_and_recovers_a_damaged_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let good = good_backup(&data);
    {
        let mut book = Book::open(&data).unwrap();
        add(&mut book, person("Current", "Book"));
    }
    let info = backup::restore_in_folder(&data, &good).unwrap();
    assert_eq!(info.contacts, 3);
    assert!(info.previous_saved_to.contains("before-restore-"));
    std::fs::remove_file(data.join(rapport_core::store::DATABASE_FILE)).unwrap();
    let damaged = damaged_book(&data, 2000);
    let info = backup::restore_in_folder(&data, &good).unwrap();
    assert_eq!(info.contacts, 3);
    assert_eq!(std::fs::read(&info.previous_saved_to).unwrap(), damaged);
}

fn many_rows(n: usize) -> String {
    let mut text = String::from("First Name,Last Name,Email\n");
    for i in 0..n {
        text.push_str(&format!("Row{i},Import,row{i}@example.com\n"));
    }
    text
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

    assert_eq!(book.store().contact_count().unwrap(), 3_001);
    let row0 = find(&book, "row0@example.com");
    assert_eq!(row0.phones[0].value, "+1 555 0199");
    assert_eq!(row0.addresses[0].city, "Leeds");
    let stored = find(&book, "stored@example.com");
    assert_eq!(stored.phones[0].value, "+44 20 7946 0123");
    assert_eq!(common::search(&book, "0199"), ["Row0 Import"]);
    assert_eq!(common::search(&book, "7946 0123"), ["Stored Before"]);
    assert_eq!(common::search(&book, "row2999"), ["Row2999 Import"]);
    assert_eq!(book.store().integrity_check().unwrap(), "ok");
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
    assert_eq!(book.store().contact_count().unwrap(), 1);
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
    assert_eq!(book.store().contact_count().unwrap(), 1);
    assert_eq!(book.store().integrity_check().unwrap(), "ok");
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
    assert_eq!(book.store().contact_count().unwrap(), 12_001);
}

#[test]
fn a_cancelled_export_leaves_no_file_in_any_format() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let (dir, mut book) = new_book();
    let people: Vec<_> = (0..12_000)
        .map(|i| {
            with_email(
                person(&format!("P{i}"), "Export"),
                &format!("p{i}@example.com"),
            )
        })
        .collect();
    book.store_mut().insert_contacts(&people).unwrap();
    for (format, name) in [
        (ExportFormat::Csv, "out.csv"),
        (ExportFormat::Xlsx, "out.xlsx"),
        (ExportFormat::Vcard, "out.vcf"),
    ] {
        let out = dir.path().join(name);
        let cancel = AtomicBool::new(false);
        let options = ExportOptions {
            format,
            ..ExportOptions::default()
        };
        let error = exchange::export_cancellable(
            &book,
            &options,
            &out,
            &mut |done, _| {
                if done >= 1000 {
                    cancel.store(true, Ordering::Relaxed);
                }
            },
            &cancel,
        )
        .unwrap_err();
        assert_eq!(error.code(), "cancelled", "{format:?}: {error}");
        assert!(!out.exists(), "{format:?} left {}", out.display());
        let leftovers: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".part") || n.starts_with("out."))
            .collect();
        assert!(leftovers.is_empty(), "{format:?} left {leftovers:?}");
    }
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
        .store()
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
    assert_eq!(book.store().contact_count().unwrap(), 2);

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

#[test]
fn a_damaged_copy_fails_the_check_whether_read_or_mapped() {
    let dir = tempfile::tempdir().unwrap();
    damaged_book(dir.path(), 2000);
    let path = dir.path().join(rapport_core::store::DATABASE_FILE);
    for check in [
        rapport_core::store::check_database_file,
        rapport_core::store::check_own_copy,
    ] {
        let error = check(&path).unwrap_err();
        assert_eq!(error.code(), "corrupt", "{error}");
    }
}
