//! Property tests for the guard rails of importing: any file — arbitrary bytes, or CSV and
//! vCard built to be hostile (random headers, stray quotes, every encoding, huge fields,
//! folded and nested lines, bad dates) — gives a report or a clear refusal, never a panic, and
//! the book passes SQLite's integrity check after; contacts exported to CSV and imported into
//! an empty book come back the same; and the merge-field parser takes any template.
//!
//! Each property runs 64 cases by default so `tests/run` stays quick; for a longer hunt:
//! `PROPTEST_CASES=5000 cargo test -p rapport-core --release --test exchange_props`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use std::path::Path;

use common::{day, new_book, today};
use proptest::prelude::*;
use rapport_core::contacts::{ContactInput, LabeledValue, PostalAddress};
use rapport_core::exchange::csv_import::Target;
use rapport_core::exchange::import::{self, ImportOptions, OnDuplicate};
use rapport_core::exchange::mapping::ColumnChoice;
use rapport_core::exchange::{self, Column, ExportOptions};
use rapport_core::merge::{fill, unknown_fields, MergeValues};
use rapport_core::Book;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

/// Imports `bytes` as a file into `book`: a report, or an error with a message for the owner.
/// Either way the book is sound and holds what the report says was added, nothing more.
fn import_checked(book: &mut Book, dir: &Path, name: &str, bytes: &[u8], options: &ImportOptions) {
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    let before = book.all_contacts(None).unwrap().len() as u64;
    // The preview reads the same file the same way.
    if let Err(error) = import::preview(&file, options.format, None, today()) {
        assert!(!error.to_string().trim().is_empty());
    }
    match import::import(book, &file, options, today(), &mut |_, _| {}) {
        Ok(report) => {
            let after = book.all_contacts(None).unwrap().len() as u64;
            let expected = if options.dry_run {
                before
            } else {
                before + report.added
            };
            assert_eq!(after, expected, "the book holds what the report says");
            assert!(
                report.added + report.skipped + report.merged + report.refused.len() as u64
                    <= report.rows.max(1) * 2
            );
        }
        Err(error) => {
            let message = error.to_string();
            assert!(!message.trim().is_empty(), "a refusal says why");
            assert_eq!(
                book.all_contacts(None).unwrap().len() as u64,
                before,
                "a refused import stores nothing ({message})"
            );
        }
    }
    assert_eq!(book.integrity_check().unwrap(), "ok");
}

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────

const HEADERS: &[&str] = &[
    "Name",
    "First Name",
    "Last Name",
    "Company",
    "E-mail Address",
    "Email",
    "Phone",
    "Mobile",
    "Birthday",
    "Labels",
    "Notes",
    "Street",
    "City",
    "Postal Code",
    "Country",
    "Vorname",
    "Nachname",
    "Firma",
    "E-Mail",
    "Telefon",
    "Straße",
    "PLZ",
    "Ort",
    "Land",
    "Prénom",
    "Nom",
    "Société",
    "Titre",
    "Nombre",
    "Apellidos",
    "Nome",
    "Cognome",
    "Naam",
    "Tussenvoegsel",
    "Huisnummer",
    "Geburtstag",
    "Kategorien",
    "E-mail 1 - Value",
    "Phone 1 - Type",
    "Address 1 - Street",
    "Business Street",
    "Home Postal Code",
    "POAttentionTo",
    "*ContactName",
    "Customer since",
    "Tags",
    "Aniversário",
    "Data de nascimento",
    "Birth Month",
];

const TRICKY: &[&str] = &[
    "",
    " ",
    "\"",
    "\"\"",
    "a\"b",
    "\"unclosed",
    "x\r\ny",
    "\n",
    "\r",
    ";",
    ",",
    "\t",
    "'=1+1",
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "\u{FEFF}=1",
    "\u{200B}x",
    "＝1",
    "Lee, Ann",
    "王小明",
    "Café Luna",
    "Müller GmbH",
    "0/0/00",
    "31.02.1975",
    "2/30/1980",
    "13/13/1975",
    "99-99-9999",
    "--13-45",
    "1975-05-17",
    "5/17/1975",
    "17.5.1975",
    "0.0.00",
    "abc@",
    "a@b.c",
    "+49 30 1",
    "(((",
    " ::: ",
    "* myContacts ::: VIP",
    "Ludwig van Beethoven",
    "Dr.",
    "Jr.",
    "\u{0}",
    "é",
    "ß",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "👩‍👩‍👧",
];

fn cell() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        4 => prop::sample::select(TRICKY).prop_map(str::to_string),
        3 => "\\PC{0,24}",
        1 => "[a-z@.+ 0-9-]{0,30}",
        1 => (prop::sample::select(&["x", "é", "\"", "\n", "王"][..]), 1usize..200_000)
            .prop_map(|(s, n)| s.repeat(n)),
    ]
}

fn header() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(HEADERS).prop_map(str::to_string),
        1 => "\\PC{0,16}",
        1 => prop::sample::select(TRICKY).prop_map(str::to_string),
    ]
}

/// A CSV as a program might write it, or break it: any delimiter, fields quoted properly, raw,
/// or with a stray quote.
fn hostile_csv() -> impl Strategy<Value = (String, u8)> {
    (
        prop::sample::select(vec![b',', b';', b'\t']),
        prop::collection::vec(header(), 1..8),
        prop::collection::vec(prop::collection::vec((cell(), 0u8..4), 0..9), 0..12),
        prop::sample::select(vec!["\r\n", "\n", "\r"]),
    )
        .prop_map(|(delimiter, headers, rows, newline)| {
            let d = delimiter as char;
            let field = |value: &str, style: u8| match style {
                0 => format!("\"{}\"", value.replace('"', "\"\"")),
                1 => value.to_string(),
                2 => format!("\"{value}"),
                _ => {
                    if value.contains([d, '"', '\n', '\r']) {
                        format!("\"{}\"", value.replace('"', "\"\""))
                    } else {
                        value.to_string()
                    }
                }
            };
            let mut text = headers
                .iter()
                .map(|h| field(h, 3))
                .collect::<Vec<_>>()
                .join(&d.to_string());
            for row in rows {
                text.push_str(newline);
                let line: Vec<String> = row.iter().map(|(v, s)| field(v, *s)).collect();
                text.push_str(&line.join(&d.to_string()));
            }
            (text, delimiter)
        })
}

/// The text in one of the encodings address books write.
fn encoded(text: &str, encoding: u8) -> Vec<u8> {
    match encoding {
        0 => text.as_bytes().to_vec(),
        1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        2 => {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        }
        3 => {
            let mut bytes = vec![0xFE, 0xFF];
            bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            bytes
        }
        _ => encoding_rs::WINDOWS_1252.encode(text).0.into_owned(),
    }
}

fn vcard_line() -> impl Strategy<Value = String> {
    let value = cell().boxed();
    prop_oneof![
        value.clone().prop_map(|v| format!("FN:{v}")),
        (value.clone(), value.clone()).prop_map(|(a, b)| format!("N:{a};{b};;;")),
        (value.clone(), value.clone()).prop_map(|(t, v)| format!("EMAIL;TYPE={t}:{v}")),
        value.clone().prop_map(|v| format!("TEL;TYPE=cell:{v}")),
        (value.clone(), value.clone()).prop_map(|(a, b)| format!("ADR;TYPE=home:;;{a};{b};;;")),
        prop::sample::select(TRICKY).prop_map(|v| format!("BDAY:{v}")),
        prop::sample::select(TRICKY).prop_map(|v| format!("ANNIVERSARY:{v}")),
        value.clone().prop_map(|v| format!("ORG:{v}")),
        value.clone().prop_map(|v| format!("CATEGORIES:{v}")),
        "[=0-9A-F]{0,40}"
            .prop_map(|v| format!("NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:{v}=")),
        "[A-Za-z0-9+/=]{0,300}".prop_map(|v| format!("PHOTO;ENCODING=b;TYPE=JPEG:{v}")),
        "[A-Za-z0-9+/=]{0,80}".prop_map(|v| format!("PHOTO:data:image/png;base64,{v}")),
        value.clone().prop_map(|v| format!(" {v}")),
        value.clone().prop_map(|v| format!("\t{v}")),
        value.clone().prop_map(|v| format!("item1.EMAIL:{v}")),
        Just("BEGIN:VCARD".to_string()),
        Just("END:VCARD".to_string()),
        prop::sample::select(vec![
            "VERSION:2.1",
            "VERSION:3.0",
            "VERSION:4.0",
            "VERSION:9"
        ])
        .prop_map(str::to_string),
        value.prop_map(|v| format!("X-{v}:{v}")),
    ]
}

fn hostile_vcard() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(vcard_line(), 0..30),
        prop::sample::select(vec!["\r\n", "\n", "\r"]),
        any::<bool>(),
    )
        .prop_map(|(lines, newline, end)| {
            let mut text = format!("BEGIN:VCARD{newline}");
            for line in lines {
                text.push_str(&line);
                text.push_str(newline);
            }
            if end {
                text.push_str("END:VCARD");
                text.push_str(newline);
            }
            text
        })
}

fn options() -> impl Strategy<Value = ImportOptions> {
    (
        prop::sample::select(vec![
            OnDuplicate::Skip,
            OnDuplicate::Merge,
            OnDuplicate::Keep,
        ]),
        any::<bool>(),
    )
        .prop_map(|(on_duplicate, dry_run)| ImportOptions {
            on_duplicate,
            dry_run,
            ..ImportOptions::default()
        })
}

// ── Importers: any input, a result or a refusal ─────────────────────────────────────────────

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_bytes_import_or_are_refused(
        bytes in prop::collection::vec(any::<u8>(), 0..3000),
        prefix in prop::sample::select(vec!["", "BEGIN:VCARD\r\n", "\u{FEFF}Name,Email\n", "First Name;E-Mail\r\n"]),
        options in options(),
    ) {
        let (dir, mut book) = new_book();
        let bytes = [prefix.as_bytes(), &bytes].concat();
        import_checked(&mut book, dir.path(), "any.csv", &bytes, &options);
    }

    #[test]
    fn hostile_csv_imports_or_is_refused(
        (text, _) in hostile_csv(),
        encoding in 0u8..5,
        options in options(),
        choices in prop::collection::vec((prop::sample::select(HEADERS), prop::sample::select(Target::ALL.to_vec())), 0..3),
        twice in any::<bool>(),
    ) {
        let (dir, mut book) = new_book();
        let bytes = encoded(&text, encoding);
        import_checked(&mut book, dir.path(), "hostile.csv", &bytes, &options);
        // Again with columns sent elsewhere by hand (a header the file lacks is refused),
        // and into a book that already holds the first import's contacts.
        let options = ImportOptions {
            column_choices: Some(choices.into_iter().map(|(column, target)| ColumnChoice { column: column.to_string(), target }).collect()),
            ..options
        };
        if twice {
            import_checked(&mut book, dir.path(), "hostile.csv", &bytes, &options);
        }
    }

    #[test]
    fn hostile_vcards_import_or_are_refused(
        cards in prop::collection::vec(hostile_vcard(), 1..4),
        encoding in 0u8..5,
        options in options(),
    ) {
        let (dir, mut book) = new_book();
        let bytes = encoded(&cards.concat(), encoding);
        import_checked(&mut book, dir.path(), "hostile.vcf", &bytes, &options);
    }
}

// ── The CSV round trip ──────────────────────────────────────────────────────────────────────

fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::string::string_regex(&format!("\\PC{{0,{max}}}")).unwrap(),
        2 => prop::sample::select(TRICKY).prop_map(str::to_string),
        1 => Just(String::new()),
    ]
}

fn contact(i: usize) -> impl Strategy<Value = ContactInput> {
    (
        (text(12), text(12), text(6), text(10), text(16), text(10)),
        (text(20), text(12), text(8), text(8), text(8)),
        (text(40), text(20), text(20), text(20)),
        (
            prop::option::of((1900i32..2020, 1u32..13, 1u32..29)),
            prop::option::of((2000i32..2026, 1u32..13, 1u32..29)),
            prop::collection::vec("[A-Za-z0-9][A-Za-z0-9 ]{0,8}", 0..3),
            any::<bool>(),
        ),
    )
        .prop_map(
            move |(names, place, personal, (birthday, since, tags, two))| {
                let (given, family, prefix, nickname, company, job) = names;
                let (street, city, region, postal, country) = place;
                let (notes, family_text, interests, talking) = personal;
                let mut emails = vec![LabeledValue {
                    label: String::new(),
                    value: format!("p{i}@example.com"),
                }];
                let mut phones = vec![LabeledValue {
                    label: String::new(),
                    value: format!("+1 555 {i:04}"),
                }];
                if two {
                    emails.push(LabeledValue {
                        label: String::new(),
                        value: format!("q{i}@example.org"),
                    });
                    phones.push(LabeledValue {
                        label: String::new(),
                        value: format!("-44 20 {i:04}"),
                    });
                }
                ContactInput {
                    given_name: given,
                    family_name: family,
                    prefix,
                    nickname,
                    company,
                    job_title: job,
                    emails,
                    phones,
                    addresses: vec![PostalAddress {
                        label: String::new(),
                        street,
                        city,
                        region,
                        postal_code: postal,
                        country,
                    }],
                    birthday: birthday.and_then(|(y, m, d)| {
                        rapport_core::contacts::Birthday::new(Some(y), m, d).ok()
                    }),
                    customer_since: since.map(|(y, m, d)| day(y, m, d)),
                    notes,
                    family: family_text,
                    interests,
                    talking_points: talking,
                    tags,
                    keep_in_touch_days: None,
                }
            },
        )
}

fn contacts() -> impl Strategy<Value = Vec<ContactInput>> {
    (1usize..6).prop_flat_map(|n| (0..n).map(contact).collect::<Vec<_>>())
}

/// What a CSV of every column carries: labels are not in it.
fn comparable(book: &Book) -> Vec<ContactInput> {
    let mut contacts: Vec<ContactInput> = book
        .all_contacts(None)
        .unwrap()
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
        .collect();
    contacts.sort_by(|a, b| a.emails[0].value.cmp(&b.emails[0].value));
    contacts
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn contacts_exported_to_csv_come_back_the_same(
        inputs in contacts(),
        delimiter in prop::sample::select(vec![",", ";", "\t"]),
    ) {
        let (dir, mut book) = new_book();
        for input in inputs {
            // Inputs the book refuses (no name at all, a field too long…) are not stored.
            let _ = book.create_contact(input, today());
        }
        let before = comparable(&book);
        prop_assume!(!before.is_empty());
        let out = dir.path().join("round.csv");
        let options = ExportOptions {
            columns: Column::ALL.to_vec(),
            delimiter: delimiter.into(),
            ..ExportOptions::default()
        };
        exchange::export(&book, &options, &out, &mut |_, _| {}).unwrap();
        let (_empty_dir, mut empty) = new_book();
        let report = import::import(&mut empty, &out, &ImportOptions::default(), today(), &mut |_, _| {}).unwrap();
        prop_assert_eq!(report.refused.len(), 0, "{:?}", report.refused);
        prop_assert_eq!(comparable(&empty), before);
    }
}

// ── The merge-field parser ──────────────────────────────────────────────────────────────────

/// A piece of a template: text (its braces written doubled, as templates escape them) or a
/// field.
#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Field(String),
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        "\\PC{0,12}".prop_map(Piece::Text),
        "[a-z_][a-z0-9_]{0,12}".prop_map(Piece::Field),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_template_is_parsed_and_filled_without_panic(template in "\\PC{0,80}|[{}a-z_ ]{0,40}") {
        let known = ["first_name", "company"];
        let unknown = unknown_fields(&template, &known);
        for field in &unknown {
            // Each reported field names its place in the template.
            let written = format!("{{{}}}", field.name);
            prop_assert!(template[field.at..].starts_with(&written), "{:?} at {}", field.name, field.at);
            prop_assert!(!known.contains(&field.name.as_str()));
        }
        let mut values = MergeValues::new();
        values.set("first_name", "Ann").set("company", "Ann's Bakery");
        let filled = fill(&template, &values);
        // Text without a brace is never touched; an unmatched brace stays as it is written.
        if !template.contains(['{', '}']) {
            prop_assert_eq!(filled, template);
        } else if !template.contains('}') || !template.contains('{') {
            let expected = template.replace("{{", "{").replace("}}", "}");
            prop_assert_eq!(filled, expected);
        }
    }

    #[test]
    fn merging_keeps_all_text_outside_fields(pieces in prop::collection::vec(piece(), 0..12)) {
        let mut template = String::new();
        let mut values = MergeValues::new();
        for (i, piece) in pieces.iter().enumerate() {
            match piece {
                Piece::Text(text) => {
                    template.push_str(&text.replace('{', "{{").replace('}', "}}"));
                }
                Piece::Field(name) => {
                    // Values may hold braces and field names: they are never merged again.
                    values.set(name, format!("<{i}{{{name}}}>"));
                    template.push_str(&format!("{{{name}}}"));
                }
            }
        }
        // Every piece of text as written, each field as its (last set) value.
        let mut expected = String::new();
        for piece in &pieces {
            match piece {
                Piece::Text(text) => expected.push_str(text),
                Piece::Field(name) => expected.push_str(values.get(name).unwrap()),
            }
        }
        let names: Vec<&str> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Field(n) => Some(n.as_str()),
                Piece::Text(_) => None,
            })
            .collect();
        prop_assert!(unknown_fields(&template, &names).is_empty());
        prop_assert_eq!(fill(&template, &values), expected);
    }
}
