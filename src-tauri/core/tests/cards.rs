//! Cards, envelopes and labels through the public API; the PDFs are checked with poppler and
//! qpdf (installed by `tests/run`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use rapport_core::cards::*;
use rapport_core::contacts::PostalAddress;

fn recipient(id: i64, first: &str, address: Option<PostalAddress>) -> CardRecipient {
    let mut values = BTreeMap::new();
    values.insert("first_name".to_string(), first.to_string());
    values.insert("years_as_customer".to_string(), "3".to_string());
    CardRecipient {
        contact_id: id,
        display_name: first.to_string(),
        values,
        address,
        personal_line: None,
    }
}

fn job(names: &[&str], format: CardFormat) -> CardJob {
    let mut design = built_in_designs("birthday").remove(0);
    design.format = format;
    design.message = "Dear {first_name}, thank you for {years_as_customer} good years.".into();
    CardJob {
        design,
        recipients: names
            .iter()
            .enumerate()
            .map(|(i, n)| recipient(i as i64 + 1, n, None))
            .collect(),
        business_name: "Ann's Bakery".into(),
    }
}

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed for this test ({e}); run tests/run"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn write_pdf(dir: &Path, name: &str, pdf: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    path
}

fn pages(path: &Path) -> usize {
    run("pdfinfo", &[path.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

const LONG_NAME_UNIT: &str = "Maximiliana ";

fn many_scripts() -> Vec<String> {
    let long: String = LONG_NAME_UNIT.repeat(25).trim_end().to_string();
    assert!(long.chars().count() >= 290);
    [
        "Zoë Ångström-Núñez",
        "Αλέξανδρος",
        "Ёлка Пушкина",
        "محمد",
        "שרה",
        "王小明",
        "さくら",
        "김민준",
        "अनन्या",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([long])
    .collect()
}

#[test]
fn names_in_many_scripts_print_one_page_each_embedded_subset_and_copyable() {
    let dir = tempfile::tempdir().unwrap();
    let names = many_scripts();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let job = job(&refs, CardFormat::A6);
    let fonts = FontSet::shared();
    let check = check_job(&job, fonts);
    assert!(check.is_ready(), "{check:?}");

    let mut seen = Vec::new();
    let pdf = render_cards(
        &job,
        fonts,
        &mut |done, total| seen.push((done, total)),
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(seen.last(), Some(&(names.len(), names.len())));
    let path = write_pdf(dir.path(), "cards.pdf", &pdf);
    let file = path.to_str().unwrap();

    assert_eq!(pages(&path), names.len());
    run("qpdf", &["--check", file]);

    let text = squash(&run("pdftotext", &[file, "-"]));
    for name in &names {
        assert!(text.contains(&squash(name)), "pdftotext lost {name:?}");
    }

    let fonts_table = run("pdffonts", &[file]);
    let rows: Vec<&str> = fonts_table.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        let name = row.split_whitespace().next().unwrap();
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "font not subset: {row}"
        );
        assert!(
            row.contains(" yes yes "),
            "font not embedded and subset: {row}"
        );
    }

    let prefix = dir.path().join("page");
    run(
        "pdftoppm",
        &["-png", "-r", "30", file, prefix.to_str().unwrap()],
    );
    let rendered = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "png")
        })
        .count();
    assert_eq!(rendered, names.len());
}

#[test]
fn arabic_inside_an_english_sentence_comes_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let job = job(&["محمد"], CardFormat::FoldedA4);
    let pdf = render_cards(
        &job,
        FontSet::shared(),
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    let path = write_pdf(dir.path(), "folded.pdf", &pdf);
    assert_eq!(pages(&path), 1);
    let text = run("pdftotext", &[path.to_str().unwrap(), "-"]);
    assert!(text.contains("محمد"), "{text}");
}

#[test]
fn characters_no_font_has_are_reported_before_printing() {
    let job = job(&["Ann", "Bob \u{10FFFD}"], CardFormat::A6);
    let check = check_job(&job, FontSet::shared());
    assert_eq!(check.unprintable.len(), 1);
    assert_eq!(check.unprintable[0].contact_id, 2);
    assert_eq!(check.unprintable[0].missing, "\u{10FFFD}");
}

#[test]
fn unknown_merge_fields_are_reported_and_refused() {
    let mut job = job(&["Ann"], CardFormat::A6);
    job.design.message = "Dear {frist_name}".into();
    let check = check_job(&job, FontSet::shared());
    assert_eq!(check.unknown_fields[0].name, "frist_name");
    let err = render_cards(
        &job,
        FontSet::shared(),
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap_err();
    assert!(matches!(err, CardError::UnknownFields(_)));
}

#[test]
fn a_cancelled_run_stops_with_cancelled() {
    let job = job(&["Ann", "Bob"], CardFormat::A6);
    let err = render_cards(
        &job,
        FontSet::shared(),
        &mut |_, _| {},
        &AtomicBool::new(true),
    )
    .unwrap_err();
    assert!(matches!(err, CardError::Cancelled));
}

#[test]
fn every_occasion_kind_has_designs_that_use_only_known_fields() {
    for kind in [
        "birthday",
        "anniversary",
        "thanksgiving",
        "valentines",
        "new-year",
        "generic",
        "something-else",
    ] {
        let designs = built_in_designs(kind);
        assert!(!designs.is_empty(), "{kind}");
        for d in designs {
            let job = CardJob {
                design: d,
                recipients: vec![],
                business_name: String::new(),
            };
            assert!(check_job(&job, FontSet::shared()).unknown_fields.is_empty());
        }
    }
}

fn address(street: &str, city: &str, region: &str, postal: &str, country: &str) -> PostalAddress {
    PostalAddress {
        label: "home".into(),
        street: street.into(),
        city: city.into(),
        region: region.into(),
        postal_code: postal.into(),
        country: country.into(),
    }
}

#[test]
fn addresses_follow_the_order_of_the_recipients_country() {
    let us = address_lines(
        "Ann Lee",
        &address("1 Main St", "Springfield", "IL", "62701", "US"),
        "",
    );
    assert_eq!(
        us,
        [
            "Ann Lee",
            "1 Main St",
            "Springfield, IL  62701",
            "UNITED STATES"
        ]
    );
    let de = address_lines(
        "Jörg Weiß",
        &address("Hauptstr. 5", "Berlin", "", "10115", "Germany"),
        "",
    );
    assert_eq!(de, ["Jörg Weiß", "Hauptstr. 5", "10115 Berlin", "GERMANY"]);
    let fr = address_lines(
        "Amélie",
        &address("3 rue de la Paix", "Paris", "", "75002", "FR"),
        "",
    );
    assert_eq!(fr[2], "75002 PARIS");
    let uk = address_lines(
        "Tom",
        &address("10 High St", "London", "", "sw1a 1aa", "UK"),
        "",
    );
    assert_eq!(uk[2..], ["LONDON", "SW1A 1AA", "UNITED KINGDOM"]);
    let ca = address_lines(
        "Léa",
        &address("5 Rue Ste-Catherine", "Montréal", "QC", "H2X 1Y4", "Canada"),
        "",
    );
    assert_eq!(ca[2], "Montréal, QC  H2X 1Y4");
    let tokyo = address("千代田1-1", "千代田区", "東京都", "100-0001", "日本");
    let jp = address_lines("山田太郎", &tokyo, "Japan");
    assert_eq!(jp, ["〒100-0001", "東京都千代田区千代田1-1", "山田太郎 様"]);
    // From abroad, the country in Latin letters under the Japanese lines.
    let from_abroad = address_lines("山田太郎", &tokyo, "");
    assert_eq!(from_abroad[3..], ["JAPAN"]);
}

#[test]
fn mail_at_home_leaves_the_country_off_and_mail_abroad_names_it_in_full() {
    let stockholm = address("Strandvägen 12", "Stockholm", "", "114 56", "SE");
    // Posted in Sweden, however the owner wrote it: no country line.
    for home in ["SE", "Sweden", "sverige", "SWE"] {
        assert_eq!(
            address_lines("Ada Lindqvist", &stockholm, home),
            ["Ada Lindqvist", "Strandvägen 12", "114 56 Stockholm"],
            "posted from {home}"
        );
    }
    // Posted from Germany or not known: the country by name, not the code the owner typed.
    for home in ["DE", ""] {
        assert_eq!(
            address_lines("Ada Lindqvist", &stockholm, home)
                .last()
                .map(String::as_str),
            Some("SWEDEN"),
            "posted from {home:?}"
        );
    }
    // A country Rapport does not know is printed as written, in capitals, even at home.
    let elsewhere = address("1 Shore Rd", "Port", "", "99", "Atlantis");
    assert_eq!(
        address_lines("Kai", &elsewhere, "Atlantis")
            .last()
            .map(String::as_str),
        Some("ATLANTIS")
    );
    // No country written: none printed.
    let plain = address("1 Main St", "Springfield", "IL", "62701", "");
    assert_eq!(
        address_lines("Ann", &plain, "US"),
        ["Ann", "1 Main St", "62701 Springfield", "IL"]
    );
}

#[test]
fn labels_list_people_without_an_address_instead_of_printing_them_blank() {
    let dir = tempfile::tempdir().unwrap();
    let mut people: Vec<CardRecipient> = (0..25)
        .map(|i| {
            recipient(
                i,
                &format!("Person {i}"),
                Some(address("1 Main St", "Springfield", "IL", "62701", "US")),
            )
        })
        .collect();
    people.push(recipient(99, "Nobody Home", None));
    let printed = render_labels(
        &people,
        LabelSheet::L7160,
        (0.5, -0.5),
        "",
        FontSet::shared(),
    )
    .unwrap();
    assert_eq!(printed.skipped.len(), 1);
    assert_eq!(printed.skipped[0].contact_id, 99);
    let path = write_pdf(dir.path(), "labels.pdf", &printed.pdf);
    assert_eq!(pages(&path), 2); // 25 on sheets of 21
    let text = run("pdftotext", &[path.to_str().unwrap(), "-"]);
    assert!(text.contains("Person 24") && !text.contains("Nobody Home"));
    assert!(render_labels(
        &people,
        LabelSheet::Avery5160,
        (20.0, 0.0),
        "",
        FontSet::shared()
    )
    .is_err());
}

#[test]
fn envelopes_carry_recipient_and_return_address() {
    let dir = tempfile::tempdir().unwrap();
    let people = vec![
        recipient(
            1,
            "Jörg Weiß",
            Some(address("Hauptstr. 5", "Berlin", "", "10115", "DE")),
        ),
        recipient(2, "No Address", None),
    ];
    let from = ReturnAddress {
        business_name: "Ann's Bakery".into(),
        address: "1 Baker Lane\nLeeds LS1 1AA".into(),
    };
    for size in EnvelopeSize::ALL {
        let printed = render_envelopes(
            &people,
            size,
            &from,
            "",
            FontSet::shared(),
            &mut |_, _| {},
            &AtomicBool::new(false),
        )
        .unwrap();
        assert_eq!(printed.skipped.len(), 1);
        let path = write_pdf(dir.path(), "env.pdf", &printed.pdf);
        assert_eq!(pages(&path), 1);
        let text = run("pdftotext", &[path.to_str().unwrap(), "-"]);
        assert!(
            text.contains("10115 Berlin") && text.contains("Ann's Bakery"),
            "{text}"
        );
    }
}

#[test]
fn a_card_signed_with_an_unset_business_name_is_not_ready() {
    let mut job = job(&["Ann"], CardFormat::A6);
    assert!(job.design.signature.contains("{business_name}"));
    job.business_name = "  ".into();
    let check = check_job(&job, FontSet::shared());
    assert!(check.missing_business_name);
    assert!(!check.is_ready());
    job.design.signature = "Warmly, Ann".into();
    assert!(check_job(&job, FontSet::shared()).is_ready());
}

/// Renders page 1 of `pdf` at 50 dpi and compares it with `tests/fixtures/cards/NAME`
/// (`UPDATE_REFERENCES=1` rewrites it): under 1% of pixels may differ by more than 48 levels.
fn compare_with_reference(dir: &Path, name: &str, pdf: &[u8]) {
    let pdf_path = write_pdf(dir, "reference.pdf", pdf);
    let prefix = dir.join("rendered");
    run(
        "pdftoppm",
        &[
            "-r",
            "50",
            "-png",
            "-singlefile",
            pdf_path.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let rendered = image::open(prefix.with_extension("png")).unwrap().to_rgb8();
    let reference_path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cards")
        .join(name);
    if std::env::var_os("UPDATE_REFERENCES").is_some() {
        std::fs::create_dir_all(reference_path.parent().unwrap()).unwrap();
        rendered.save(&reference_path).unwrap();
    }
    let reference = image::open(&reference_path)
        .expect("reference PNG (UPDATE_REFERENCES=1 writes it)")
        .to_rgb8();
    assert_eq!(
        reference.dimensions(),
        rendered.dimensions(),
        "{name}: page size"
    );
    let differing = reference
        .pixels()
        .zip(rendered.pixels())
        .filter(|(a, b)| a.0.iter().zip(b.0).any(|(x, y)| x.abs_diff(y) > 48))
        .count();
    let share = differing as f64 / f64::from(rendered.width() * rendered.height());
    assert!(
        share < 0.01,
        "{name}: {:.2}% of pixels differ",
        share * 100.0
    );
}

fn reference_job(format: CardFormat) -> CardJob {
    let mut job = job(&["Zoë"], format);
    job.recipients[0].personal_line = Some("P.S. Say hello to محمد and Biscuit from us!".into());
    job
}

#[test]
fn a_flat_card_looks_like_its_reference() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render_cards(
        &reference_job(CardFormat::A6),
        FontSet::shared(),
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    compare_with_reference(dir.path(), "a6-birthday.png", &pdf);
}

#[test]
fn a_folded_card_looks_like_its_reference() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render_cards(
        &reference_job(CardFormat::FoldedA4),
        FontSet::shared(),
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    compare_with_reference(dir.path(), "folded-a4-birthday.png", &pdf);
}
