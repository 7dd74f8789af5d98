//! Exports: CSV and XLSX for the accountant, the programs' profiles, vCard; a cancelled export leaves no file.

use super::*;

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
            .all_contacts(None)
            .unwrap()
            .iter()
            .map(|c| comparable(&c.fields))
            .collect();
        let mut after: Vec<ContactInput> = other
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
            .all_contacts(Some("VIP"))
            .unwrap()
            .iter()
            .map(|c| comparable(&c.fields))
            .collect();
        let mut after: Vec<ContactInput> = other
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
    book.add_contacts(people.clone(), rapport_core::clock::today())
        .unwrap();
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
