//! `rapport import --dry-run` shows where each column goes; `--map "Firma=company,…"` sends
//! columns elsewhere, and a column or field that does not exist fails with one line, nothing
//! written. Through the built binary, on the German sheet of issue 14.

mod common;

use common::*;

use std::path::{Path, PathBuf};

/// The sheet a German owner saved from Excel: semicolons, Windows-1252.
fn german_sheet(dir: &Path) -> PathBuf {
    let file = dir.join("kunden.csv");
    let text = "Name;Firma;E-Mail;Telefon;Straße;PLZ;Ort;Land;Notizen intern\r\n\
                Hans Müller;Bäckerei Müller GmbH;hans@mueller.example;+49 30 1234567;Hauptstraße 5;10115;Berlin;Deutschland;x\r\n";
    std::fs::write(&file, windows_1252(text)).unwrap();
    file
}

/// Windows-1252 for the few letters the sheet has beyond ASCII.
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'ü' => 0xFC,
            'ä' => 0xE4,
            'ß' => 0xDF,
            c if c.is_ascii() => c as u8,
            c => panic!("{c} is not in this test's Windows-1252 table"),
        })
        .collect()
}

fn count(data_dir: &Path) -> usize {
    json(data_dir, &["contacts", "list"])
        .as_array()
        .expect("array")
        .len()
}

#[test]
fn a_dry_run_shows_where_each_column_goes() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    let file = german_sheet(dir.path());
    let out = ok(&book, &["import", file.to_str().unwrap(), "--dry-run"]);
    for line in [
        "  Name → name (split into first and last name)",
        "  Firma → company",
        "  E-Mail → email",
        "  Telefon → phone",
        "  Straße → street",
        "  PLZ → postal code",
        "  Ort → city",
        "  Land → country",
        "  Notizen intern → not imported",
    ] {
        assert!(out.lines().any(|l| l == line), "{line:?} in:\n{out}");
    }
    assert_eq!(count(&book), 0, "a dry run stores nothing");

    let report = json(&book, &["import", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(report["mapping"][1]["header"], "Firma");
    assert_eq!(report["mapping"][1]["target"], "company");
}

#[test]
fn map_sends_columns_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    let file = german_sheet(dir.path());
    let dry = ok(
        &book,
        &[
            "import",
            file.to_str().unwrap(),
            "--dry-run",
            "--map",
            "notizen intern=notes, Ort=region",
        ],
    );
    assert!(dry.contains("  Notizen intern → notes"), "{dry}");
    assert!(dry.contains("  Ort → region"), "{dry}");
    let report = json(
        &book,
        &[
            "import",
            file.to_str().unwrap(),
            "--map",
            "notizen intern=notes, Ort=region",
        ],
    );
    assert_eq!(report["added"], 1);
    let contact = json(&book, &["contacts", "show", "1"]);
    let fields = &contact["contact"];
    assert_eq!(fields["givenName"], "Hans");
    assert_eq!(fields["familyName"], "Müller");
    assert_eq!(fields["company"], "Bäckerei Müller GmbH");
    assert_eq!(fields["phones"][0]["value"], "+49 30 1234567");
    assert_eq!(fields["addresses"][0]["street"], "Hauptstraße 5");
    assert_eq!(fields["addresses"][0]["postalCode"], "10115");
    assert_eq!(fields["addresses"][0]["region"], "Berlin");
    assert_eq!(fields["addresses"][0]["city"], "");
    assert_eq!(fields["notes"], "x");
}

#[test]
fn map_refuses_an_unknown_column_or_field_in_one_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    let file = german_sheet(dir.path());
    let field = fails(
        &book,
        &["import", file.to_str().unwrap(), "--map", "Firma=firm"],
    );
    assert!(
        field.contains("--map: \"firm\" is not a field")
            && field.contains("company")
            && field.contains("postal_code"),
        "{field}"
    );
    let column = fails(
        &book,
        &["import", file.to_str().unwrap(), "--map", "Stadt=city"],
    );
    assert!(
        column.contains("no column \"Stadt\"") && column.contains("Name, Firma, E-Mail"),
        "{column}"
    );
    let shape = fails(&book, &["import", file.to_str().unwrap(), "--map", "Firma"]);
    assert!(shape.contains("COLUMN=field"), "{shape}");
    assert!(
        !book.join("rapport.db").exists() || count(&book) == 0,
        "nothing was imported"
    );
}
