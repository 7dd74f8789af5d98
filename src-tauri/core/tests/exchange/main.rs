//! Exchange through the public API on real database files: exports read back with parsers that
//! are not ours, imports of real address-book files, duplicates, and backups.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "../common/mod.rs"]
mod common;

mod backups;
mod duplicates;
mod exports;
mod imports;
mod imports_big;
mod imports_hard;

use std::path::{Path, PathBuf};

use common::{add, new_book, person, today, with_email};
use rapport_core::contacts::{Birthday, ContactInput, LabeledValue, PostalAddress};
use rapport_core::exchange::duplicates::{FieldPick, MergeField};
use rapport_core::exchange::import::{self, ImportFormat, ImportOptions, OnDuplicate};
use rapport_core::exchange::{self, Column, ExportFormat, ExportOptions, Profile, VcardVersion};
use rapport_core::exchange::{backup, recovery};
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
    book.all_contacts(None)
        .expect("read contacts")
        .into_iter()
        .find(|c| c.fields.emails.iter().any(|e| e.value == email))
        .unwrap_or_else(|| panic!("{email} not imported"))
        .fields
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
        .all_contacts(None)
        .unwrap()
        .into_iter()
        .map(|c| c.fields)
        .collect();
    (report, contacts)
}

/// A book of `n` people in `dir`, then scribbled over in the middle as a failing disk would.
fn damaged_book(dir: &Path, n: usize) -> Vec<u8> {
    {
        let mut book = Book::open(dir).unwrap();
        let people: Vec<_> = (0..n)
            .map(|i| person(&format!("Person {i}"), "Damaged"))
            .collect();
        book.add_contacts(people.clone(), rapport_core::clock::today())
            .unwrap();
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
    book.backup(Some(&out)).unwrap();
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

fn many_rows(n: usize) -> String {
    let mut text = String::from("First Name,Last Name,Email\n");
    for i in 0..n {
        text.push_str(&format!("Row{i},Import,row{i}@example.com\n"));
    }
    text
}
