//! `rapport staff|photos|settings|welcome`, tested by running the built binary.

mod common;

use common::*;

/// A 1 × 1 PNG.
const TINY_PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0,
    0, 0, 31, 21, 196, 137, 0, 0, 0, 13, 73, 68, 65, 84, 120, 218, 99, 100, 248, 207, 80, 15, 0, 3,
    134, 1, 128, 90, 52, 125, 107, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

#[test]
fn staff_photos_settings_and_a_welcome_draft_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let png = dir.path().join("ann.png");
    std::fs::write(&png, TINY_PNG).unwrap();
    let ann = json(
        &data,
        &[
            "staff",
            "add",
            "--name",
            "Ann",
            "--role",
            "Owner",
            "--photo",
            png.to_str().unwrap(),
        ],
    );
    assert_eq!(ann["name"], "Ann");
    assert!(ann["photoId"].as_i64().is_some());
    let team = json(&data, &["photos", "add", png.to_str().unwrap(), "--team"]);
    let team_id = team["id"].as_i64().unwrap().to_string();
    let photos = json(&data, &["photos", "list"]);
    assert_eq!(photos.as_array().unwrap().len(), 2);
    let staff = json(&data, &["staff", "list"]);
    assert_eq!(staff[0]["name"], "Ann");

    ok(&data, &["settings", "set", "business_name", "Tulip & Co"]);
    ok(
        &data,
        &["settings", "set", "from_email", "ann@tulip.example"],
    );
    assert_eq!(
        ok(&data, &["settings", "get", "business_name"]).trim(),
        "Tulip & Co"
    );
    let id = ok(
        &data,
        &[
            "contacts",
            "add",
            "--first-name",
            "Zoë",
            "--email",
            "zoe@example.no",
            "--customer-since",
            "2026-11-20",
        ],
    );
    let id = id.trim().to_string();
    let eml = dir.path().join("welcome.eml");
    let saved = json(
        &data,
        &[
            "welcome",
            &id,
            "--eml",
            eml.to_str().unwrap(),
            "--photo",
            &team_id,
        ],
    );
    assert_eq!(saved["path"], eml.to_str().unwrap());
    let raw = std::fs::read_to_string(&eml).unwrap();
    assert!(raw.contains("X-Unsent: 1"));
    assert!(raw.contains("image/jpeg"));
    let shown = json(&data, &["contacts", "show", &id]);
    assert_eq!(shown["timeline"][0]["kind"], "welcomeSent");
}

#[test]
fn bad_welcome_arguments_fail_in_one_line_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let html = dir.path().join("photo.jpg");
    std::fs::write(&html, "<html><body>not a photo</body></html>").unwrap();
    let message = fails(&data, &["photos", "add", html.to_str().unwrap(), "--team"]);
    assert!(message.contains("not a JPEG, PNG or WebP"), "{message}");
    let message = fails(
        &data,
        &["settings", "set", "welcome_body", "Hi {frist_name}"],
    );
    assert!(message.contains("{frist_name}"), "{message}");
    let message = fails(&data, &["settings", "set", "colour", "blue"]);
    assert!(message.contains("no setting"), "{message}");
    let message = fails(&data, &["welcome", "1", "--eml", "x.eml", "--whiteboard"]);
    assert!(message.contains("--whiteboard needs --photo"), "{message}");
    let photos = json(&data, &["photos", "list"]);
    assert_eq!(photos.as_array().unwrap().len(), 0);
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn a_printed_welcome_card_carries_the_name_the_photo_and_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let front = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src-tauri/core/tests/fixtures/cards/front.jpg"
    );
    let team = json(&data, &["photos", "add", front, "--team"]);
    let team_id = team["id"].as_i64().unwrap().to_string();
    ok(&data, &["settings", "set", "business_name", "Tulip & Co"]);
    ok(&data, &["settings", "set", "signature", "Ann and the team"]);
    ok(
        &data,
        &[
            "settings",
            "set",
            "welcome_subject",
            "Welcome, {first_name} {company}",
        ],
    );
    // No email is needed for a card; braces in a company's name stay as written.
    let people = [
        ("Zoë", "Brøndum {Ltd}", "a6"),
        ("王芳", "", "folded-a4"),
        ("Ζωή", "Αθήνα ΑΕ", "folded-letter"),
    ];
    for (i, (name, company, format)) in people.iter().enumerate() {
        let id = ok(
            &data,
            &[
                "contacts",
                "add",
                "--first-name",
                name,
                "--company",
                company,
                "--customer-since",
                "2026-11-20",
            ],
        );
        let id = id.trim().to_string();
        let pdf = dir.path().join(format!("welcome-{i}.pdf"));
        let file = pdf.to_str().unwrap();
        let printed = json(
            &data,
            &[
                "welcome",
                &id,
                "--pdf",
                file,
                "--photo",
                &team_id,
                "--whiteboard",
                "--format",
                format,
            ],
        );
        assert_eq!(printed["path"], file);
        assert!(printed["bytes"].as_i64().unwrap() > 10_000);

        let text = squash(&tool("pdftotext", &[file, "-"]));
        assert!(
            text.contains(&squash(name)),
            "pdftotext lost {name:?}: {text}"
        );
        assert!(text.contains(&squash(company)), "lost {company:?}: {text}");
        assert!(text.contains("Tulip&Co"), "{text}");
        assert!(text.contains("Annandtheteam"), "{text}");
        assert_eq!(
            text.matches("Warmregards").count(),
            1,
            "closing twice: {text}"
        );
        // The whiteboard picture, once, on the front.
        let images = tool("pdfimages", &["-list", file]);
        assert_eq!(images.lines().skip(2).count(), 1, "{images}");
        let prefix = dir.path().join(format!("page-{i}"));
        tool(
            "pdftoppm",
            &["-png", "-r", "40", file, prefix.to_str().unwrap()],
        );
        let page = dir.path().join(format!("page-{i}-1.png"));
        assert!(std::fs::metadata(&page).unwrap().len() > 1000);

        let shown = json(&data, &["contacts", "show", &id]);
        assert_eq!(shown["timeline"][0]["kind"], "welcomeSent");
        let note = shown["timeline"][0]["note"].as_str().unwrap();
        assert!(note.starts_with("Welcome card printed"), "{note}");
    }
}

#[test]
fn a_welcome_card_without_a_picture_and_bad_card_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = ok(&data, &["contacts", "add", "--first-name", "Bo"]);
    let id = id.trim().to_string();
    let pdf = dir.path().join("bo.pdf");
    let file = pdf.to_str().unwrap();
    ok(&data, &["welcome", &id, "--pdf", file, "--no-photo"]);
    assert!(squash(&tool("pdftotext", &[file, "-"])).contains("Bo"));
    let message = fails(&data, &["welcome", &id, "--pdf", file, "--format", "a5"]);
    assert!(message.contains("not a card format"), "{message}");
    let message = fails(&data, &["welcome", &id, "2", "--pdf", file]);
    assert!(message.contains("one card"), "{message}");
    let message = fails(&data, &["welcome", &id, "--pdf", file, "--photo", "99"]);
    assert!(message.contains("not found"), "{message}");
}
