//! The CSV round trip keeps every value: values that look like formulas, or really begin with
//! an apostrophe, a byte-order mark, a zero-width character or a full-width formula sign, are
//! exported so no spreadsheet runs them (read back with the `csv` crate, not our reader), and
//! come back byte for byte when the file is imported into an empty book. The XLSX export
//! writes the same values as text cells, unchanged (read back with calamine).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use common::{add, day, new_book, today};
use rapport_core::contacts::{Birthday, ContactInput, LabeledValue, PostalAddress};
use rapport_core::exchange::import::{self, ImportOptions};
use rapport_core::exchange::{self, Column, ExportFormat, ExportOptions, FORMULA_TRIGGERS};
use rapport_core::Book;

/// Values a spreadsheet would run, or that lose a character on a naive round trip.
const NASTY: [&str; 22] = [
    "'=1+1",
    "'@home",
    "'",
    "''",
    "'plain",
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\u{FEFF}=1+1",
    "\u{200B}=HYPERLINK(\"http://x\")",
    "\u{2060}@x",
    "\u{FF1D}1+1",
    "\u{FF0B}1",
    "\u{FF0D}1",
    "\u{FF20}x",
    "'\u{FF1D}x",
    "\u{FEFF}",
    "a'b",
    "\u{2212}5",
    "''=x",
    "Ann",
];

fn nasty(i: usize) -> String {
    NASTY[i % NASTY.len()].to_string()
}

fn contacts() -> Vec<ContactInput> {
    (0..NASTY.len())
        .map(|i| ContactInput {
            prefix: nasty(i + 3),
            given_name: nasty(i),
            family_name: nasty(i + 1),
            nickname: nasty(i + 4),
            company: nasty(i + 2),
            job_title: nasty(i + 5),
            emails: vec![LabeledValue {
                label: "work".into(),
                value: format!("p{i}@example.com"),
            }],
            phones: vec![
                LabeledValue {
                    label: "mobile".into(),
                    value: format!("+49 30 {i:04}"),
                },
                LabeledValue {
                    label: "work".into(),
                    value: format!("-1 555 {i:04}"),
                },
            ],
            addresses: vec![PostalAddress {
                label: "home".into(),
                street: nasty(i + 6),
                city: nasty(i + 7),
                region: nasty(i + 8),
                postal_code: nasty(i + 9),
                country: nasty(i + 10),
            }],
            birthday: Some(Birthday::new(Some(1980), 2, 29).unwrap()),
            customer_since: Some(day(2020, 1, 2)),
            notes: format!("{}\nsecond line {}", nasty(i + 11), nasty(i + 12)),
            family: nasty(i + 13),
            interests: nasty(i + 14),
            talking_points: nasty(i + 15),
            tags: vec![format!("t{i}")],
            keep_in_touch_days: None,
        })
        .collect()
}

fn book_with_nasty_values() -> (tempfile::TempDir, Book) {
    let (dir, mut book) = new_book();
    for input in contacts() {
        add(&mut book, input);
    }
    (dir, book)
}

/// Every value a CSV of all columns carries, with the labels it does not carry cleared.
fn comparable(book: &Book) -> Vec<ContactInput> {
    let mut contacts = book.all_contacts(None).unwrap();
    contacts.sort_by(|a, b| a.fields.emails[0].value.cmp(&b.fields.emails[0].value));
    contacts
        .into_iter()
        .map(|c| {
            let mut f = c.fields;
            for v in f.emails.iter_mut().chain(f.phones.iter_mut()) {
                v.label.clear();
            }
            for a in f.addresses.iter_mut() {
                a.label.clear();
            }
            f.tags.sort();
            f
        })
        .collect()
}

#[test]
fn csv_round_trip_keeps_every_value_and_no_cell_starts_a_formula() {
    let (dir, book) = book_with_nasty_values();
    let before = comparable(&book);
    assert_eq!(before.len(), NASTY.len(), "every contact was stored");
    assert!(
        before.iter().any(|c| c.given_name == "'=1+1")
            && before.iter().any(|c| c.given_name == "\u{FEFF}"),
        "the store keeps the values as they are"
    );
    for delimiter in [",", ";", "\t"] {
        let out = dir.path().join(format!("nasty{}.csv", delimiter.len()));
        let options = ExportOptions {
            columns: Column::ALL.to_vec(),
            delimiter: delimiter.into(),
            ..ExportOptions::default()
        };
        exchange::export(&book, &options, &out, &mut |_, _| {}).unwrap();

        // A parser that is not ours: no cell starts with a formula trigger unless an
        // apostrophe goes first.
        let bytes = std::fs::read(&out).unwrap();
        let body = bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .expect("UTF-8 BOM first");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter.as_bytes()[0])
            .from_reader(body);
        let mut cells = 0;
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                cells += 1;
                if let Some(first) = cell.chars().next() {
                    assert!(
                        first == '\'' || !FORMULA_TRIGGERS.contains(&first),
                        "cell {cell:?} would start a formula"
                    );
                }
            }
        }
        assert_eq!(cells, NASTY.len() * Column::ALL.len());

        // Into an empty book: every value byte for byte.
        let (_empty_dir, mut empty) = new_book();
        let report = import::import(
            &mut empty,
            &out,
            &ImportOptions::default(),
            today(),
            &mut |_, _| {},
        )
        .unwrap();
        assert_eq!(
            (report.added, report.refused.len()),
            (NASTY.len() as u64, 0),
            "{:?}",
            report.refused
        );
        let after = comparable(&empty);
        for (before, after) in before.iter().zip(&after) {
            assert_eq!(after, before, "delimiter {delimiter:?}");
        }
    }
}

#[test]
fn xlsx_cells_hold_the_values_as_text_unchanged() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let (dir, book) = book_with_nasty_values();
    let out = dir.path().join("nasty.xlsx");
    let options = ExportOptions {
        format: ExportFormat::Xlsx,
        columns: vec![
            Column::GivenName,
            Column::FamilyName,
            Column::Company,
            Column::Notes,
        ],
        ..ExportOptions::default()
    };
    exchange::export(&book, &options, &out, &mut |_, _| {}).unwrap();
    let mut workbook: Xlsx<_> = open_workbook(&out).unwrap();
    let sheet = workbook.worksheet_range("Contacts").unwrap();
    let mut rows: Vec<Vec<String>> = sheet
        .rows()
        .skip(1)
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::String(text) => text.clone(),
                    Data::Empty => String::new(),
                    other => panic!("{other:?} is not a text cell"),
                })
                .collect()
        })
        .collect();
    rows.sort();
    let mut expected: Vec<Vec<String>> = book
        .all_contacts(None)
        .unwrap()
        .into_iter()
        .map(|c| {
            vec![
                c.fields.given_name,
                c.fields.family_name,
                c.fields.company,
                c.fields.notes,
            ]
        })
        .collect();
    expected.sort();
    assert_eq!(rows, expected, "no apostrophe added, nothing lost");
    let formulas = workbook.worksheet_formula("Contacts").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula in the workbook"
    );
}
