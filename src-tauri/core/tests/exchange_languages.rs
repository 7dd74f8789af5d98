//! Imports in the owner's language: Outlook's CSV export as its German, French, Spanish,
//! Italian, Dutch and Portuguese versions name the columns, and spreadsheets as people make
//! them in each language, imported into real books and checked field by field. The fixtures
//! (tests/fixtures/exchange/languages) carry Outlook's own header names, in its order, with
//! the columns Rapport must leave out (fax, e-mail type and display name, gender, location,
//! wedding anniversary) among them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use std::path::{Path, PathBuf};

use common::{new_book, today};
use rapport_core::contacts::{Birthday, ContactInput, LabeledValue, PostalAddress};
use rapport_core::exchange::csv_import::Target;
use rapport_core::exchange::import::{self, ImportFormat, ImportOptions, ImportReport};
use rapport_core::Book;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/exchange/languages")
        .join(name)
}

fn import_file(book: &mut Book, name: &str) -> ImportReport {
    import::import(
        book,
        &fixture(name),
        &ImportOptions::default(),
        today(),
        &mut |_, _| {},
    )
    .unwrap()
}

/// The stored contacts, in the file's order (they were added in it).
fn stored(book: &Book) -> Vec<ContactInput> {
    let mut contacts = book.all_contacts(None).unwrap();
    contacts.sort_by_key(|c| c.id);
    contacts
        .into_iter()
        .map(|c| {
            let mut fields = c.fields;
            fields.tags.sort();
            fields
        })
        .collect()
}

fn labeled(label: &str, value: &str) -> LabeledValue {
    LabeledValue {
        label: label.into(),
        value: value.into(),
    }
}

fn address(
    label: &str,
    street: &str,
    postal: &str,
    city: &str,
    region: &str,
    country: &str,
) -> PostalAddress {
    PostalAddress {
        label: label.into(),
        street: street.into(),
        city: city.into(),
        region: region.into(),
        postal_code: postal.into(),
        country: country.into(),
    }
}

fn born(year: i32, month: u32, day: u32) -> Option<Birthday> {
    Some(Birthday::new(Some(year), month, day).unwrap())
}

/// What every Outlook fixture holds, whatever its language: Dr. Hans Peter Müller with work
/// and home addresses, three phones, two emails, a birthday, categories, notes over two lines
/// and his wife; Café Luna, a company alone without a birthday (Outlook's zeros); and Zoë
/// O'Brien, born on 3 April (a day that reads either way, decided by the file's first date).
fn outlook_people(country: &str) -> Vec<ContactInput> {
    let hans = ContactInput {
        prefix: "Dr.".into(),
        given_name: "Hans Peter".into(),
        family_name: "Müller".into(),
        company: "Bäckerei Müller GmbH".into(),
        job_title: "Inhaber".into(),
        emails: vec![
            labeled("home", "hans@mueller.example"),
            labeled("home", "hans.privat@example.de"),
        ],
        phones: vec![
            labeled("work", "+49 30 1234567"),
            labeled("home", "+49 331 765432"),
            labeled("mobile", "+49 171 2345678"),
        ],
        addresses: vec![
            address(
                "work",
                "Hauptstraße 5\nHinterhaus",
                "10115",
                "Berlin",
                "Berlin",
                country,
            ),
            address("home", "Lindenweg 2", "14467", "Potsdam", "", country),
        ],
        birthday: born(1975, 5, 17),
        tags: vec!["Kunden".into(), "VIP".into()],
        notes: "Mag Roggenbrot, \"ohne\" Kümmel\r\nZweite Zeile".into(),
        family: "Maria".into(),
        ..ContactInput::default()
    };
    let cafe = ContactInput {
        company: "Café Luna".into(),
        emails: vec![labeled("home", "info@cafe-luna.example")],
        phones: vec![labeled("work", "+49 30 999888")],
        tags: vec!["Lieferant".into()],
        ..ContactInput::default()
    };
    let zoe = ContactInput {
        given_name: "Zoë".into(),
        family_name: "O'Brien".into(),
        emails: vec![labeled("home", "zoe@example.ie")],
        birthday: born(1980, 4, 3),
        ..ContactInput::default()
    };
    vec![hans, cafe, zoe]
}

fn assert_people(got: &[ContactInput], expected: &[ContactInput], file: &str) {
    assert_eq!(got.len(), expected.len(), "{file}: {got:#?}");
    for (got, expected) in got.iter().zip(expected) {
        // Field by field, so a failure names the field.
        let who = format!("{file}: {} {}", expected.given_name, expected.company);
        assert_eq!(got.prefix, expected.prefix, "{who}: prefix");
        assert_eq!(got.given_name, expected.given_name, "{who}: first name");
        assert_eq!(got.family_name, expected.family_name, "{who}: last name");
        assert_eq!(got.nickname, expected.nickname, "{who}: nickname");
        assert_eq!(got.company, expected.company, "{who}: company");
        assert_eq!(got.job_title, expected.job_title, "{who}: job title");
        assert_eq!(got.emails, expected.emails, "{who}: emails");
        assert_eq!(got.phones, expected.phones, "{who}: phones");
        assert_eq!(got.addresses, expected.addresses, "{who}: addresses");
        assert_eq!(got.birthday, expected.birthday, "{who}: birthday");
        assert_eq!(got.tags, expected.tags, "{who}: tags");
        assert_eq!(got.notes, expected.notes, "{who}: notes");
        assert_eq!(got.family, expected.family, "{who}: family");
        assert_eq!(got.interests, expected.interests, "{who}: interests");
        assert_eq!(
            got.customer_since, expected.customer_since,
            "{who}: customer since"
        );
    }
}

#[test]
fn outlook_exports_in_seven_languages_import_every_field() {
    for (file, country) in [
        ("outlook_en.csv", "Germany"),
        ("outlook_de.csv", "Deutschland"),
        ("outlook_fr.csv", "Allemagne"),
        ("outlook_es.csv", "Alemania"),
        ("outlook_it.csv", "Germania"),
        ("outlook_nl.csv", "Duitsland"),
        ("outlook_pt-br.csv", "Alemanha"),
        ("outlook_pt-pt.csv", "Alemanha"),
    ] {
        let (_dir, mut book) = new_book();
        let report = import_file(&mut book, file);
        assert_eq!(report.format, ImportFormat::Outlook, "{file}");
        assert_eq!(report.encoding, "Windows-1252", "{file}");
        assert_eq!(
            (report.added, report.refused.len()),
            (3, 0),
            "{file}: {:?}",
            report.refused
        );
        assert_people(&stored(&book), &outlook_people(country), file);
        // What must be left out is: fax, e-mail type and display name, gender, location.
        let kept: Vec<&str> = report
            .mapping
            .iter()
            .filter(|m| m.target != Target::Ignore)
            .map(|m| m.header.as_str())
            .collect();
        assert_eq!(kept.len(), 26, "{file}: {kept:?}");
    }
}

#[test]
fn french_outlook_s_two_titre_columns_are_the_title_then_the_job_title() {
    let (_dir, mut book) = new_book();
    let report = import_file(&mut book, "outlook_fr.csv");
    let titles: Vec<Target> = report
        .mapping
        .iter()
        .filter(|m| m.header == "Titre")
        .map(|m| m.target)
        .collect();
    assert_eq!(titles, [Target::Prefix, Target::JobTitle]);
    let nom = report.mapping.iter().find(|m| m.header == "Nom").unwrap();
    assert_eq!(nom.target, Target::FamilyName, "Nom beside Prénom");
}

#[test]
fn the_german_sheet_from_the_issue_keeps_company_phone_and_address() {
    let (_dir, mut book) = new_book();
    let report = import_file(&mut book, "sheet_de.csv");
    assert_eq!(report.format, ImportFormat::Csv);
    assert_eq!(report.encoding, "Windows-1252");
    assert_eq!(report.delimiter.as_deref(), Some("semicolon"));
    assert!(
        report.mapping.iter().all(|m| m.target != Target::Ignore),
        "every column is imported: {:?}",
        report.mapping
    );
    assert!(
        report.notes.iter().all(|n| !n.contains("not imported")),
        "{:?}",
        report.notes
    );
    let expected = vec![
        ContactInput {
            given_name: "Hans".into(),
            family_name: "Müller".into(),
            company: "Bäckerei Müller GmbH".into(),
            emails: vec![labeled("home", "hans@mueller.example")],
            phones: vec![labeled("mobile", "+49 30 1234567")],
            addresses: vec![address(
                "home",
                "Hauptstraße 5",
                "10115",
                "Berlin",
                "",
                "Deutschland",
            )],
            ..ContactInput::default()
        },
        ContactInput {
            given_name: "Anna".into(),
            family_name: "Schmidt".into(),
            emails: vec![labeled("home", "anna@schmidt.example")],
            phones: vec![labeled("mobile", "030 555 12")],
            addresses: vec![address(
                "home",
                "Lindenweg 2",
                "80331",
                "München",
                "",
                "Deutschland",
            )],
            ..ContactInput::default()
        },
        ContactInput {
            company: "Café Luna".into(),
            emails: vec![labeled("home", "info@cafe-luna.example")],
            addresses: vec![address(
                "home",
                "Oranienstraße 1",
                "10999",
                "Berlin",
                "",
                "",
            )],
            ..ContactInput::default()
        },
    ];
    assert_people(&stored(&book), &expected, "sheet_de.csv");
}

#[test]
fn a_german_sheet_with_vorname_and_name_and_the_house_number_apart() {
    let (_dir, mut book) = new_book();
    let report = import_file(&mut book, "sheet_de_vorname.csv");
    let name = report.mapping.iter().find(|m| m.header == "Name").unwrap();
    assert_eq!(name.target, Target::FamilyName, "Name beside Vorname");
    let expected = vec![ContactInput {
        prefix: "Frau".into(),
        given_name: "Anna".into(),
        family_name: "Schmidt".into(),
        emails: vec![labeled("home", "anna@schmidt.example")],
        phones: vec![
            labeled("mobile", "089 123456"),
            labeled("mobile", "0171 2345678"),
        ],
        addresses: vec![address("home", "Lindenweg 2a", "80331", "München", "", "")],
        birthday: born(1980, 4, 3),
        notes: "Kommt freitags".into(),
        ..ContactInput::default()
    }];
    assert_people(&stored(&book), &expected, "sheet_de_vorname.csv");
}

#[test]
fn a_french_sheet() {
    let (_dir, mut book) = new_book();
    import_file(&mut book, "sheet_fr.csv");
    let expected = vec![
        ContactInput {
            prefix: "Mme".into(),
            given_name: "Élodie".into(),
            family_name: "Lefèvre".into(),
            company: "Boulangerie Lefèvre".into(),
            emails: vec![labeled("home", "elodie@lefevre.example")],
            phones: vec![
                labeled("mobile", "01 42 00 00 00"),
                labeled("mobile", "06 12 34 56 78"),
            ],
            addresses: vec![address(
                "home",
                "12 rue de la Paix",
                "75002",
                "Paris",
                "",
                "France",
            )],
            birthday: born(1975, 5, 17),
            notes: "Aime les croissants".into(),
            ..ContactInput::default()
        },
        ContactInput {
            prefix: "M.".into(),
            given_name: "Jean-Luc".into(),
            family_name: "de La Fontaine".into(),
            emails: vec![labeled("home", "jl@fontaine.example")],
            phones: vec![labeled("mobile", "06 98 76 54 32")],
            addresses: vec![address(
                "home",
                "3 place Bellecour",
                "69002",
                "Lyon",
                "",
                "France",
            )],
            birthday: born(1980, 4, 3),
            ..ContactInput::default()
        },
    ];
    assert_people(&stored(&book), &expected, "sheet_fr.csv");
}

#[test]
fn a_spanish_sheet_with_one_name_column_and_two_surnames() {
    let (_dir, mut book) = new_book();
    let report = import_file(&mut book, "sheet_es.csv");
    let nombre = report
        .mapping
        .iter()
        .find(|m| m.header == "Nombre")
        .unwrap();
    assert_eq!(
        nombre.target,
        Target::FullName,
        "Nombre alone is the whole name"
    );
    let expected = vec![
        ContactInput {
            given_name: "Ana".into(),
            family_name: "García López".into(),
            company: "Panadería García".into(),
            emails: vec![labeled("home", "ana@garcia.example")],
            phones: vec![
                labeled("mobile", "91 123 45 67"),
                labeled("mobile", "612 345 678"),
            ],
            addresses: vec![address(
                "home",
                "Calle Mayor 5",
                "28013",
                "Madrid",
                "Madrid",
                "España",
            )],
            ..ContactInput::default()
        },
        ContactInput {
            given_name: "José".into(),
            family_name: "Pérez".into(),
            emails: vec![labeled("home", "jose@perez.example")],
            phones: vec![labeled("mobile", "600 111 222")],
            addresses: vec![address("home", "", "", "Sevilla", "", "")],
            ..ContactInput::default()
        },
    ];
    assert_people(&stored(&book), &expected, "sheet_es.csv");
}

#[test]
fn an_italian_sheet() {
    let (_dir, mut book) = new_book();
    import_file(&mut book, "sheet_it.csv");
    let expected = vec![ContactInput {
        given_name: "Giulia".into(),
        family_name: "Bianchi".into(),
        company: "Panificio Bianchi".into(),
        emails: vec![labeled("home", "giulia@bianchi.example")],
        phones: vec![
            labeled("mobile", "06 1234567"),
            labeled("mobile", "333 1234567"),
        ],
        addresses: vec![address("home", "Via Roma 10", "00184", "Roma", "RM", "")],
        birthday: born(1975, 5, 17),
        notes: "Cliente storica".into(),
        ..ContactInput::default()
    }];
    assert_people(&stored(&book), &expected, "sheet_it.csv");
}

#[test]
fn a_dutch_sheet_with_tussenvoegsel_and_huisnummer() {
    let (_dir, mut book) = new_book();
    import_file(&mut book, "sheet_nl.csv");
    let expected = vec![ContactInput {
        given_name: "Jan".into(),
        family_name: "van Dijk".into(),
        company: "Bakkerij Van Dijk".into(),
        emails: vec![labeled("home", "jan@vandijk.example")],
        phones: vec![
            labeled("mobile", "020 123 4567"),
            labeled("mobile", "06 12345678"),
        ],
        addresses: vec![address(
            "home",
            "Kerkstraat 12a",
            "1017 GC",
            "Amsterdam",
            "",
            "",
        )],
        birthday: born(1975, 5, 17),
        notes: "Vaste klant".into(),
        ..ContactInput::default()
    }];
    assert_people(&stored(&book), &expected, "sheet_nl.csv");
}

#[test]
fn a_portuguese_sheet() {
    let (_dir, mut book) = new_book();
    let report = import_file(&mut book, "sheet_pt.csv");
    assert_eq!(report.encoding, "UTF-8 with BOM");
    let expected = vec![ContactInput {
        given_name: "João".into(),
        family_name: "da Silva Santos".into(),
        company: "Padaria Santos".into(),
        emails: vec![labeled("home", "joao@santos.example")],
        phones: vec![
            labeled("mobile", "(11) 3123-4567"),
            labeled("mobile", "(11) 91234-5678"),
        ],
        addresses: vec![address(
            "home",
            "Rua Augusta 1500\nApto 12",
            "01304-001",
            "São Paulo",
            "SP",
            "",
        )],
        birthday: born(1975, 5, 17),
        notes: "Prefere pão de queijo".into(),
        ..ContactInput::default()
    }];
    assert_people(&stored(&book), &expected, "sheet_pt.csv");
}

#[test]
fn an_english_sheet_with_one_name_column_of_every_kind() {
    let (_dir, mut book) = new_book();
    import_file(&mut book, "sheet_en.csv");
    let expected = vec![
        ContactInput {
            given_name: "Ann".into(),
            family_name: "Lee".into(),
            emails: vec![labeled("home", "ann@lee.example")],
            phones: vec![
                labeled("mobile", "+1 555 0100"),
                labeled("mobile", "+1 555 0101"),
            ],
            addresses: vec![address(
                "home",
                "1 Main St",
                "62701",
                "Springfield",
                "IL",
                "USA",
            )],
            birthday: born(1975, 5, 17),
            ..ContactInput::default()
        },
        ContactInput {
            given_name: "小明".into(),
            family_name: "王".into(),
            company: "北京茶庄".into(),
            emails: vec![labeled("home", "xiaoming@example.cn")],
            phones: vec![labeled("mobile", "+86 10 1234 5678")],
            addresses: vec![address("home", "", "100000", "北京", "", "China")],
            ..ContactInput::default()
        },
        ContactInput {
            given_name: "Madonna".into(),
            emails: vec![labeled("home", "m@example.com")],
            ..ContactInput::default()
        },
        ContactInput {
            company: "Acme Ltd".into(),
            emails: vec![labeled("home", "orders@acme.example")],
            phones: vec![labeled("mobile", "+44 20 7946 0000")],
            addresses: vec![address("home", "", "", "London", "", "UK")],
            ..ContactInput::default()
        },
    ];
    assert_people(&stored(&book), &expected, "sheet_en.csv");
}

#[test]
fn columns_sent_elsewhere_by_hand_and_a_column_the_file_lacks() {
    use rapport_core::exchange::mapping::{parse_choices, ColumnChoice};
    let (_dir, mut book) = new_book();
    let choices = parse_choices("ort=region, Telefon=ignore,\"E-MAIL\"=notes").unwrap();
    assert_eq!(
        choices[0],
        ColumnChoice {
            column: "ort".into(),
            target: Target::Region
        }
    );
    let options = ImportOptions {
        column_choices: Some(choices),
        ..ImportOptions::default()
    };
    let report = import::import(
        &mut book,
        &fixture("sheet_de.csv"),
        &options,
        today(),
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(report.added, 3);
    let hans = &stored(&book)[0];
    assert_eq!(hans.addresses[0].region, "Berlin");
    assert_eq!(hans.addresses[0].city, "");
    assert!(hans.phones.is_empty());
    assert!(hans.emails.is_empty());
    assert_eq!(hans.notes, "hans@mueller.example");

    // A column the file does not have: refused, with the file's columns, and nothing stored.
    let (_dir, mut book) = new_book();
    let options = ImportOptions {
        column_choices: Some(parse_choices("Plz=postal_code,Stadt=city").unwrap()),
        ..ImportOptions::default()
    };
    let error = import::import(
        &mut book,
        &fixture("sheet_de.csv"),
        &options,
        today(),
        &mut |_, _| {},
    )
    .unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("\"Stadt\"")
            && message.contains("Name, Firma, E-Mail, Telefon, Straße, PLZ, Ort, Land"),
        "{message}"
    );
    assert!(book.all_contacts(None).unwrap().is_empty());

    // A field Rapport does not have: refused before the file is read, listing every field.
    let unknown = parse_choices("Firma=firm").unwrap_err();
    assert!(
        unknown.contains("\"firm\" is not a field") && unknown.contains("postal_code"),
        "{unknown}"
    );
    assert!(parse_choices("Firma").is_err());
}
