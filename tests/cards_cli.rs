//! `rapport cards`, `rapport labels` and `rapport envelopes`: print-ready PDFs from the command
//! line, read back with poppler (pdftotext, pdfinfo, pdftoppm) and checked with qpdf.

mod common;

use std::path::Path;

use common::*;

fn pdf_text(pdf: &Path) -> String {
    tool("pdftotext", &["-layout", &pdf.display().to_string(), "-"])
}

fn page_count(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[&pdf.display().to_string()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the page count")
}

fn add(dir: &Path, args: &[&str]) -> i64 {
    let mut all = vec!["contacts", "add"];
    all.extend_from_slice(args);
    json(dir, &all)["contact"]["id"].as_i64().expect("id")
}

/// A small book: three customers with a tag, personal notes, addresses in three countries, and
/// one without any address.
fn book(dir: &Path) -> Vec<i64> {
    ok(dir, &["settings", "set", "business_name", "Ann's Bakery"]);
    ok(
        dir,
        &[
            "settings",
            "set",
            "business_address",
            "1 Mill Lane\nYork YO1 7HH\nUnited Kingdom",
        ],
    );
    vec![
        add(
            dir,
            &[
                "--first-name",
                "Zoë",
                "--last-name",
                "Müller",
                "--tag",
                "regulars",
                "--interests",
                "Loves sourdough; cycling",
                "--street",
                "Hauptstraße 5",
                "--city",
                "Berlin",
                "--postal-code",
                "10115",
                "--country",
                "DE",
            ],
        ),
        add(
            dir,
            &[
                "--first-name",
                "محمد",
                "--last-name",
                "علي",
                "--tag",
                "regulars",
                "--talked-about",
                "Planning a trip to Kyoto in spring",
                "--street",
                "350 Fifth Avenue",
                "--city",
                "New York",
                "--region",
                "NY",
                "--postal-code",
                "10118",
                "--country",
                "US",
            ],
        ),
        add(
            dir,
            &[
                "--first-name",
                "美咲",
                "--last-name",
                "佐藤",
                "--tag",
                "regulars",
                "--street",
                "丸の内1-1",
                "--city",
                "千代田区",
                "--region",
                "東京都",
                "--postal-code",
                "100-0005",
                "--country",
                "JP",
            ],
        ),
        add(
            dir,
            &[
                "--first-name",
                "Nobody",
                "--last-name",
                "Homeless",
                "--tag",
                "regulars",
            ],
        ),
    ]
}

#[test]
fn a_thanksgiving_batch_for_a_tag_prints_every_name_and_its_personal_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    book(dir.path());
    let out = dir.path().join("thanksgiving.pdf");
    let written = json(
        dir.path(),
        &[
            "cards",
            "--occasion",
            "thanksgiving-us",
            "--tag",
            "regulars",
            "--format",
            "a6",
            "--out",
            &out.display().to_string(),
        ],
    );
    assert_eq!(written["pages"], 4);
    assert_eq!(page_count(&out), 4, "one page per card");
    let text = pdf_text(&out);
    for name in ["Zoë", "محمد", "美咲", "Nobody"] {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
    assert!(
        text.contains("Ann's Bakery") || text.contains("Ann’s Bakery"),
        "{text}"
    );
    // The lines suggested from what the book knows about each person.
    assert!(text.contains("loves sourdough"), "{text}");
    assert!(text.contains("planning a trip to"), "{text}");
    tool("qpdf", &["--check", &out.display().to_string()]);
}

#[test]
fn every_format_renders_and_folded_sheets_hold_one_card_each() {
    let dir = tempfile::tempdir().expect("temp dir");
    book(dir.path());
    for format in ["a6", "a7", "5x7", "4x6", "folded-a4", "folded-letter"] {
        let out = dir.path().join(format!("{format}.pdf"));
        ok(
            dir.path(),
            &[
                "cards",
                "--occasion",
                "birthday",
                "--tag",
                "regulars",
                "--format",
                format,
                "--out",
                &out.display().to_string(),
            ],
        );
        assert_eq!(page_count(&out), 4, "{format}: one page or sheet per card");
        let prefix = dir.path().join(format);
        tool(
            "pdftoppm",
            &[
                "-r",
                "20",
                "-png",
                &out.display().to_string(),
                &prefix.display().to_string(),
            ],
        );
        let rendered = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with(&format!("{format}-")) && name.ends_with(".png")
            })
            .count();
        assert_eq!(rendered, 4, "{format}: poppler renders every page");
    }
}

#[test]
fn occasions_are_looked_up_by_id_and_unknown_ones_or_designs_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    book(dir.path());
    let out = dir.path().join("x.pdf").display().to_string();
    let unknown = fails(
        dir.path(),
        &["cards", "--occasion", "arbor-day", "--all", "--out", &out],
    );
    assert!(unknown.contains("no occasion \"arbor-day\""), "{unknown}");
    assert!(unknown.contains("rapport occasions"), "{unknown}");
    let design = fails(
        dir.path(),
        &[
            "cards",
            "--occasion",
            "halloween",
            "--all",
            "--design",
            "Nope",
            "--out",
            &out,
        ],
    );
    assert!(
        design.contains("no design \"Nope\" for Halloween"),
        "{design}"
    );
    assert!(!Path::new(&out).exists(), "nothing is written on a refusal");
    // An occasion of the owner's own is found by its id.
    let own = json(
        dir.path(),
        &[
            "occasions",
            "add",
            "--name",
            "Shop birthday",
            "--date",
            "12-05",
        ],
    );
    let id = own["id"].as_str().expect("id").to_string();
    ok(
        dir.path(),
        &["cards", "--occasion", &id, "--all", "--out", &out],
    );
    assert_eq!(page_count(Path::new(&out)), 4);
}

#[test]
fn cards_are_not_printed_unsigned_when_no_business_name_is_set() {
    let dir = tempfile::tempdir().expect("temp dir");
    add(dir.path(), &["--first-name", "Ann"]);
    let out = dir.path().join("x.pdf");
    let refused = fails(
        dir.path(),
        &[
            "cards",
            "--occasion",
            "new-year",
            "--all",
            "--out",
            &out.display().to_string(),
        ],
    );
    assert!(
        refused.contains("rapport settings set business_name"),
        "{refused}"
    );
    assert!(!out.exists());
}

#[test]
fn labels_list_who_has_no_address_and_print_the_others_in_their_countrys_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    book(dir.path());
    for sheet in ["avery-5160", "l7160"] {
        let out = dir.path().join(format!("{sheet}.pdf"));
        let written = json(
            dir.path(),
            &[
                "labels",
                "--sheet",
                sheet,
                "--tag",
                "regulars",
                "--offset-mm",
                "0.5,-1",
                "--out",
                &out.display().to_string(),
            ],
        );
        assert_eq!(written["pages"], 1);
        let skipped = written["skipped"].as_array().expect("skipped");
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0]["displayName"], "Nobody Homeless");
        let text = pdf_text(&out);
        assert!(text.contains("10115 Berlin"), "German order: {text}");
        assert!(
            text.lines()
                .any(|l| l.contains("New York, NY") && l.contains("10118")),
            "US order: {text}"
        );
        assert!(text.contains("〒100-0005"), "Japanese postal mark: {text}");
        assert!(
            !text.contains("Homeless"),
            "no blank or partial label: {text}"
        );
    }
    let bad = fails(
        dir.path(),
        &[
            "labels",
            "--sheet",
            "l7160",
            "--all",
            "--offset-mm",
            "left",
            "--out",
            "x.pdf",
        ],
    );
    assert!(bad.contains("millimetres"), "{bad}");
}

#[test]
fn envelopes_carry_the_return_address_and_each_recipient() {
    let dir = tempfile::tempdir().expect("temp dir");
    book(dir.path());
    for size in ["dl", "c6", "us10", "a7"] {
        let out = dir.path().join(format!("{size}.pdf"));
        let written = json(
            dir.path(),
            &[
                "envelopes",
                "--size",
                size,
                "--all",
                "--out",
                &out.display().to_string(),
            ],
        );
        assert_eq!(
            written["pages"], 3,
            "{size}: the one without an address is left out"
        );
        assert_eq!(page_count(&out), 3);
        let text = pdf_text(&out);
        assert!(text.contains("1 Mill Lane"), "return address: {text}");
        assert!(text.contains("Hauptstraße 5"), "{text}");
        assert!(
            text.contains("GERMANY") || text.contains("Germany"),
            "{text}"
        );
        tool("qpdf", &["--check", &out.display().to_string()]);
    }
    let bad = fails(
        dir.path(),
        &["envelopes", "--size", "b5", "--all", "--out", "x.pdf"],
    );
    assert!(bad.contains("dl"), "{bad}");
}

#[test]
fn mail_to_the_owners_own_country_leaves_the_country_line_off() {
    let dir = tempfile::tempdir().expect("temp dir");
    book(dir.path());
    let envelopes = |name: &str| {
        let out = dir.path().join(name);
        json(
            dir.path(),
            &[
                "envelopes",
                "--size",
                "dl",
                "--all",
                "--out",
                &out.display().to_string(),
            ],
        );
        pdf_text(&out)
    };
    // The business address ends with "United Kingdom": posted from there, every country
    // of the book's addresses is named.
    let from_uk = envelopes("uk.pdf");
    for country in ["GERMANY", "UNITED STATES", "JAPAN"] {
        assert!(from_uk.contains(country), "{country}: {from_uk}");
    }
    // Posted from Germany (as the owner writes it): the Berlin address has no country line,
    // the others keep theirs.
    ok(
        dir.path(),
        &["settings", "set", "home_country", "Deutschland"],
    );
    let from_germany = envelopes("de.pdf");
    assert!(from_germany.contains("10115 Berlin"), "{from_germany}");
    assert!(!from_germany.contains("GERMANY"), "{from_germany}");
    assert!(from_germany.contains("UNITED STATES"), "{from_germany}");
    // Labels follow the same rule.
    let labels = dir.path().join("labels.pdf");
    json(
        dir.path(),
        &[
            "labels",
            "--sheet",
            "l7160",
            "--all",
            "--out",
            &labels.display().to_string(),
        ],
    );
    let label_text = pdf_text(&labels);
    assert!(
        label_text.contains("10115 Berlin") && !label_text.contains("GERMANY"),
        "{label_text}"
    );
    // A country Rapport does not know is refused, and the setting stays as it was.
    let bad = fails(dir.path(), &["settings", "set", "home_country", "Germny"]);
    assert!(bad.contains("not a country Rapport knows"), "{bad}");
    assert!(!envelopes("still-de.pdf").contains("GERMANY"));
}

#[test]
fn a_team_photo_from_the_book_goes_on_the_front_as_a_jpeg() {
    let dir = tempfile::tempdir().expect("temp dir");
    book(dir.path());
    let picture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src-tauri/core/tests/fixtures/cards/front.jpg")
        .display()
        .to_string();
    let photo = json(dir.path(), &["photos", "add", &picture, "--team"]);
    let id = photo["id"].as_i64().expect("photo id").to_string();
    let out = dir.path().join("photo.pdf");
    ok(
        dir.path(),
        &[
            "cards",
            "--occasion",
            "new-year",
            "--tag",
            "regulars",
            "--photo-id",
            &id,
            "--out",
            &out.display().to_string(),
        ],
    );
    let images = tool("pdfimages", &["-list", &out.display().to_string()]);
    let jpegs: Vec<&str> = images.lines().filter(|l| l.contains(" jpeg ")).collect();
    assert!(!jpegs.is_empty(), "a JPEG on the front: {images}");
    assert!(
        jpegs[0].contains("1280") && jpegs[0].contains("720"),
        "{images}"
    );
    assert_eq!(jpegs.len(), 4, "one front per card: {images}");
    // Columns: page num type width height color comp bpc enc interp object generation …
    let objects: std::collections::BTreeSet<&str> = jpegs
        .iter()
        .filter_map(|l| l.split_whitespace().nth(10))
        .collect();
    assert_eq!(
        objects.len(),
        1,
        "the photo is stored once, not once per card: {images}"
    );
    let missing = fails(
        dir.path(),
        &[
            "cards",
            "--occasion",
            "new-year",
            "--all",
            "--photo-id",
            "999",
            "--out",
            "x.pdf",
        ],
    );
    assert!(
        missing.contains("999") || missing.to_lowercase().contains("photo"),
        "{missing}"
    );
}

/// `rapport cards` on a machine whose only fonts are Rapport's own (Latin, Greek, Cyrillic):
/// fontconfig, which the renderer asks for other scripts, is given an empty fonts folder.
fn rapport_without_system_fonts(dir: &Path, fonts: &Path, args: &[&str]) -> std::process::Output {
    let empty = fonts.join("fonts");
    std::fs::create_dir_all(&empty).expect("fonts folder");
    let conf = fonts.join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir><cachedir>{}</cachedir></fontconfig>\n",
            empty.display(),
            fonts.join("cache").display()
        ),
    )
    .expect("fonts.conf");
    std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .env_remove("RAPPORT_DATA_DIR")
        .env("RAPPORT_TODAY", "2026-11-23")
        .env("FONTCONFIG_FILE", &conf)
        .output()
        .expect("run rapport")
}

#[test]
fn a_name_no_font_can_print_is_left_out_and_every_other_card_printed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fonts = tempfile::tempdir().expect("fonts dir");
    ok(
        dir.path(),
        &["settings", "set", "business_name", "Ann's Bakery"],
    );
    let ann = add(dir.path(), &["--first-name", "Ann", "--last-name", "Lee"]);
    let chef = add(
        dir.path(),
        &["--first-name", "Bob 🧑‍🍳", "--last-name", "Stone"],
    );
    let olga = add(
        dir.path(),
        &["--first-name", "Ольга", "--last-name", "Ivanova"],
    );
    let wei = add(dir.path(), &["--first-name", "王伟", "--last-name", "Wang"]);
    let out = dir.path().join("cards.pdf");
    let out_arg = out.display().to_string();
    let ids = [ann, chef, olga, wei].map(|id| id.to_string());
    let mut args = vec!["cards", "--occasion", "birthday", "--out", &out_arg];
    for id in &ids {
        args.extend(["--contact", id.as_str()]);
    }

    let text_run = rapport_without_system_fonts(dir.path(), fonts.path(), &args);
    assert!(text_run.status.success(), "{text_run:?}");
    let said = String::from_utf8(text_run.stdout).expect("utf-8");
    assert!(said.contains("(2 pages)"), "{said}");
    assert!(
        said.contains(&format!(
            "Left out Bob 🧑‍🍳 Stone (#{chef}): no installed font can print \"🧑🍳\""
        )),
        "{said}"
    );
    assert!(
        said.contains(&format!("Left out 王伟 Wang (#{wei})")),
        "{said}"
    );
    let text = pdf_text(&out);
    assert!(
        text.contains("Dear Ann") && text.contains("Dear Ольга"),
        "{text}"
    );
    assert_eq!(text.matches("Dear ").count(), 2, "{text}");

    let mut with_json = args.clone();
    with_json.push("--json");
    let json_run = rapport_without_system_fonts(dir.path(), fonts.path(), &with_json);
    assert!(json_run.status.success());
    let written: serde_json::Value = serde_json::from_slice(&json_run.stdout).expect("json");
    assert_eq!(written["pages"], 2);
    assert_eq!(written["leftOut"][0]["contactId"], chef);
    assert_eq!(written["leftOut"][0]["missing"], "🧑🍳");
    assert_eq!(written["leftOut"][0]["printableName"], "Bob Stone");
    assert_eq!(written["leftOut"][1]["contactId"], wei);

    // With the missing characters dropped, everyone is printed.
    let mut dropping = args.clone();
    dropping.push("--drop-missing-characters");
    let dropped = rapport_without_system_fonts(dir.path(), fonts.path(), &dropping);
    assert!(dropped.status.success());
    assert!(!String::from_utf8_lossy(&dropped.stdout).contains("Left out"));
    assert_eq!(page_count(&out), 4);
    assert!(pdf_text(&out).contains("Dear Bob,"));

    // Nobody printable: a status of its own, and no file.
    let none = dir.path().join("none.pdf");
    let none_arg = none.display().to_string();
    let wei_arg = wei.to_string();
    let nothing = rapport_without_system_fonts(
        dir.path(),
        fonts.path(),
        &[
            "cards",
            "--occasion",
            "birthday",
            "--out",
            &none_arg,
            "--contact",
            &wei_arg,
        ],
    );
    assert_eq!(nothing.status.code(), Some(3));
    let message = String::from_utf8_lossy(&nothing.stderr);
    assert!(
        message.contains("Nothing was printed: 王伟 Wang"),
        "{message}"
    );
    assert!(!none.exists());
}
