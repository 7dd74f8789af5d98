//! `rapport export / import / backup / restore` through the built binary.

mod common;

use common::*;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn count(data_dir: &Path) -> usize {
    json(data_dir, &["contacts", "list"])
        .as_array()
        .expect("array")
        .len()
}

#[test]
fn export_import_round_trip_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    ok(&a, &["demo", "--contacts", "30"]);
    let csv = dir.path().join("out.csv");
    let summary = json(
        &a,
        &[
            "export",
            "csv",
            "--delimiter",
            ";",
            "--columns",
            "given_name,family_name,company,email,phone,postal_code,tags",
            "--out",
            csv.to_str().unwrap(),
        ],
    );
    assert_eq!(summary["contacts"], 30);
    let b = dir.path().join("b");
    let dry = json(&b, &["import", csv.to_str().unwrap(), "--dry-run"]);
    assert_eq!(dry["added"], 30);
    assert_eq!(dry["delimiter"], "semicolon");
    assert_eq!(count(&b), 0, "a dry run stores nothing");
    let report = json(&b, &["import", csv.to_str().unwrap()]);
    assert_eq!(report["added"], 30);
    let again = json(
        &b,
        &["import", csv.to_str().unwrap(), "--on-duplicate", "skip"],
    );
    assert_eq!(again["added"], 0);
    assert_eq!(again["skipped"], 30);
    assert_eq!(count(&b), 30);
    for format in ["xlsx", "vcard"] {
        let out = dir.path().join(format!("out.{format}"));
        ok(&a, &["export", format, "--out", out.to_str().unwrap()]);
        assert!(out.metadata().unwrap().len() > 100);
    }
}

#[test]
fn bad_arguments_fail_with_one_line_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.csv");
    for args in [
        vec!["export", "pdf", "--out", out.to_str().unwrap()],
        vec![
            "export",
            "csv",
            "--profile",
            "sage",
            "--out",
            out.to_str().unwrap(),
        ],
        vec![
            "export",
            "csv",
            "--columns",
            "shoe_size",
            "--out",
            out.to_str().unwrap(),
        ],
        vec![
            "export",
            "csv",
            "--delimiter",
            "|",
            "--out",
            out.to_str().unwrap(),
        ],
        vec!["import", "missing.csv"],
        vec!["import", "x.csv", "--on-duplicate", "maybe"],
    ] {
        let result = rapport(dir.path(), &args);
        assert!(!result.status.success(), "{args:?} should fail");
        let stderr = String::from_utf8(result.stderr).unwrap();
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    }
    assert!(!out.exists());
    assert!(!dir.path().join("rapport.db").exists(), "nothing opened");
}

#[test]
fn backup_and_restore_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["demo", "--contacts", "20"]);
    let copy = dir.path().join("copy.db");
    let info = json(&data, &["backup", "--out", copy.to_str().unwrap()]);
    assert!(info["bytes"].as_u64().unwrap() > 0);
    ok(&data, &["demo", "--contacts", "5", "--seed", "9"]);
    assert_eq!(count(&data), 25);
    let restored = json(&data, &["restore", copy.to_str().unwrap()]);
    assert_eq!(restored["contacts"], 20);
    assert_eq!(count(&data), 20);
    let fake = dir.path().join("fake.db");
    std::fs::write(&fake, b"not a database, just some bytes for the test").unwrap();
    assert!(!rapport(&data, &["restore", fake.to_str().unwrap()])
        .status
        .success());
    assert_eq!(count(&data), 20);
}

#[test]
fn restore_replaces_a_damaged_book_and_sets_the_damaged_file_aside() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["demo", "--contacts", "12"]);
    let copy = dir.path().join("copy.db");
    ok(&data, &["backup", "--out", copy.to_str().unwrap()]);
    ok(&data, &["demo", "--contacts", "2000", "--seed", "4"]);
    let db = data.join("rapport.db");
    let mut bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() > 40_000);
    for byte in &mut bytes[8192..40_000] {
        *byte = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    assert!(fails(&data, &["contacts", "list"]).contains("damaged"));
    let fake = dir.path().join("fake.db");
    std::fs::write(&fake, b"not a database, just some bytes for the test").unwrap();
    assert!(!rapport(&data, &["restore", fake.to_str().unwrap()])
        .status
        .success());
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "a bad backup changes nothing"
    );
    let restored = json(&data, &["restore", copy.to_str().unwrap()]);
    assert_eq!(restored["contacts"], 12);
    assert_eq!(count(&data), 12);
    let aside = restored["previousSavedTo"].as_str().unwrap();
    assert!(aside.contains("rapport-damaged-"), "{aside}");
    assert_eq!(std::fs::read(aside).unwrap(), bytes);
}

#[test]
fn a_killed_import_leaves_all_or_none_and_an_intact_database() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let csv = dir.path().join("big.csv");
    let mut text = String::from("First name,Last name,Email,Phone,City,Notes\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "Person{i},Family{i},p{i}@example.com,+1 555 {i:06},Town {i},\"Likes rye, asked about spelt {i}\"\n"
        ));
    }
    std::fs::write(&csv, text).unwrap();
    ok(&data, &["contacts", "add", "--first-name", "Existing"]);
    let db = data.join("rapport.db");
    let journal = data.join("rapport.db-journal");
    let wal = data.join("rapport.db-wal");
    let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len());
    let (db_before, wal_before) = (size(&db), size(&wal));

    let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["import", csv.to_str().unwrap()])
        .arg("--data-dir")
        .arg(&data)
        .env_remove("RAPPORT_DATA_DIR")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Killed (SIGKILL: no chance to clean up) as soon as the import's transaction is seen
    // writing: a rollback journal beside the book, or the book or its log growing.
    let started = std::time::Instant::now();
    let mut writing = false;
    while !writing && started.elapsed() < Duration::from_secs(60) {
        writing = journal.exists() || size(&db) > db_before || size(&wal) > wal_before;
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let _ = child.kill();
    let status = child.wait().unwrap();
    assert!(
        writing && !status.success(),
        "the import was killed while writing (writing seen: {writing}, {status})"
    );

    // The book as another program finds it: SQLite rolls the cut-off transaction back, and
    // the file passes its integrity check with none of the rows.
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let contacts: i64 = conn
            .query_row("SELECT count(*) FROM contacts", [], |row| row.get(0))
            .unwrap();
        assert_eq!(contacts, 1, "all or none of the import, and it was cut off");
    }

    // The same file imported again goes in whole.
    let report = json(&data, &["import", csv.to_str().unwrap()]);
    assert_eq!(report["added"], 10_000, "{report}");
    assert_eq!(count(&data), 10_001);
    assert!(!journal.exists(), "no journal is left behind");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn a_xero_export_over_its_per_file_limit_says_to_split_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(dir.path(), &["demo", "--contacts", "1001"]);
    let out = dir.path().join("xero.csv").display().to_string();
    let summary = json(
        dir.path(),
        &["export", "csv", "--profile", "xero", "--out", &out],
    );
    let notes = summary["notes"].to_string();
    assert!(
        notes.contains("up to 1000 contacts per import file"),
        "{summary}"
    );
    let plain = json(dir.path(), &["export", "csv", "--out", &out]);
    assert_eq!(plain["notes"].as_array().map(Vec::len), Some(0), "{plain}");
    let header = std::fs::read_to_string(&out).expect("csv");
    assert!(header.starts_with("\u{feff}"), "BOM");
}

#[test]
fn a_contact_photo_from_the_command_line_goes_out_in_the_vcard_and_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let id = ok(
        &a,
        &[
            "contacts",
            "add",
            "--first-name",
            "Ann",
            "--email",
            "ann@example.com",
        ],
    );
    let id = id.trim();
    let picture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src-tauri/core/tests/fixtures/photos/progressive.jpg");
    let said = ok(&a, &["contacts", "photo", id, picture.to_str().unwrap()]);
    assert!(said.contains("Photo of Ann saved"), "{said}");
    let html = dir.path().join("ann.jpg");
    std::fs::write(&html, "<html>not a photo</html>").unwrap();
    let message = fails(&a, &["contacts", "photo", id, html.to_str().unwrap()]);
    assert!(message.contains("not a JPEG, PNG or WebP"), "{message}");
    let message = fails(&a, &["contacts", "photo", "999", picture.to_str().unwrap()]);
    assert!(message.contains("not found"), "{message}");

    let out = dir.path().join("ann.vcf");
    ok(&a, &["export", "vcard", "--out", out.to_str().unwrap()]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("PHOTO:data:image/jpeg;base64,/9j/"), "{text}");
    let b = dir.path().join("b");
    let report = json(&b, &["import", out.to_str().unwrap()]);
    assert_eq!(report["added"], 1);
    let again = dir.path().join("again.vcf");
    ok(&b, &["export", "vcard", "--out", again.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&again)
        .unwrap()
        .contains("PHOTO:data:image/jpeg"));

    let said = ok(&a, &["contacts", "photo", id, "--remove"]);
    assert!(said.contains("Photo of Ann removed"), "{said}");
    let said = ok(&a, &["contacts", "photo", id, "--remove"]);
    assert!(said.contains("Ann has no photo"), "{said}");
    ok(&a, &["export", "vcard", "--out", out.to_str().unwrap()]);
    assert!(!std::fs::read_to_string(&out).unwrap().contains("PHOTO"));
}

#[test]
fn the_open_book_is_never_an_export_or_backup_target_or_a_restore_source() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["demo", "--contacts", "5"]);
    let db = data.join("rapport.db");
    let before = count(&data);
    let sneaky = data.join("backups/../rapport.db");
    std::fs::create_dir_all(data.join("backups")).unwrap();
    // Through a folder the backup would create first.
    let sneakier = data.join("not-yet/deeper/../../rapport.db");
    for target in [&db, &sneaky, &sneakier, &data.join("rapport.db-wal")] {
        let target = target.to_str().unwrap();
        for args in [
            vec!["backup", "--out", target],
            vec!["export", "csv", "--out", target],
            vec!["export", "xlsx", "--out", target],
        ] {
            let message = fails(&data, &args);
            assert!(
                message.contains("Rapport never writes over the book"),
                "{args:?}: {message}"
            );
        }
    }
    let message = fails(&data, &["restore", db.to_str().unwrap()]);
    assert!(
        message.contains("Rapport never writes over the book"),
        "{message}"
    );
    assert_eq!(count(&data), before, "the book is as it was");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}
