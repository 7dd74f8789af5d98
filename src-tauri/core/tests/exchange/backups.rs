//! Backups, the daily backup and its retention, restore, and recovery of a damaged book.

use super::*;

#[test]
fn backup_is_an_intact_copy_and_restore_brings_it_back_keeping_the_current_book() {
    let (dir, mut book) = book_with(tricky_contacts());
    let out = dir.path().join("copy.db");
    let info = book.backup(Some(&out)).unwrap();
    assert!(info.bytes > 0);
    assert_eq!(
        rapport_core::store::check_database_file(&out).unwrap(),
        rapport_core::store::SCHEMA_VERSION
    );
    assert_eq!(
        rapport_core::store::check_own_copy(&out).unwrap(),
        rapport_core::store::SCHEMA_VERSION
    );
    add(&mut book, person("After", "Backup"));
    assert_eq!(book.contact_count().unwrap(), 9);
    let restored = backup::restore(&mut book, dir.path(), &out).unwrap();
    assert_eq!(restored.contacts, 8);
    assert_eq!(book.contact_count().unwrap(), 8);
    assert_eq!(book.integrity_check().unwrap(), "ok");
    assert!(Path::new(&restored.previous_saved_to).exists());
    drop(book);
    let reopened = Book::open(dir.path()).unwrap();
    assert_eq!(reopened.contact_count().unwrap(), 8);
}

#[test]
fn restore_refuses_files_that_are_not_rapport_books() {
    let (dir, mut book) = book_with(vec![person("Keep", "Me")]);
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "just text, not a database at all........").unwrap();
    assert!(backup::restore(&mut book, dir.path(), &text).is_err());
    let other = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 1;")
            .unwrap();
    }
    assert_eq!(
        backup::restore(&mut book, dir.path(), &other)
            .unwrap_err()
            .code(),
        "corrupt"
    );
    let newer = dir.path().join("newer.db");
    book.backup(Some(&newer)).unwrap();
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.execute_batch("PRAGMA user_version = 999;").unwrap();
    }
    assert_eq!(
        backup::restore(&mut book, dir.path(), &newer)
            .unwrap_err()
            .code(),
        "tooNew"
    );
    assert_eq!(book.contact_count().unwrap(), 1);
}

#[test]
fn daily_backup_runs_once_a_day_and_keeps_7_daily_and_4_weekly() {
    let (dir, book) = book_with(vec![person("Ann", "Lee")]);
    let start = common::day(2026, 1, 1);
    for n in 0..60 {
        let day = start + chrono::Days::new(n);
        assert!(backup::daily_backup(&book, dir.path(), day)
            .unwrap()
            .is_some());
        assert!(backup::daily_backup(&book, dir.path(), day)
            .unwrap()
            .is_none());
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 11, "{names:?}");
    assert!(names.contains(&"rapport-2026-03-01.db".to_string()));
    assert!(names.contains(&"rapport-2026-02-23.db".to_string()));
    assert!(!names.contains(&"rapport-2026-01-01.db".to_string()));
}

#[test]
fn the_daily_backup_reads_the_file_beside_a_writer_and_copies_what_is_committed() {
    let (dir, book) = book_with(vec![person("Ann", "Lee"), person("Bob", "Ray")]);
    let file = book.book_file().to_path_buf();
    // Another connection is in the middle of a write, as the window may be.
    let writer = rusqlite::Connection::open(&file).unwrap();
    writer
        .execute_batch(
            "BEGIN IMMEDIATE;
             UPDATE contacts SET given_name = 'Changed';",
        )
        .unwrap();
    let info =
        backup::daily_backup_of_file(&file, dir.path(), today(), backup::Retention::default())
            .unwrap()
            .expect("today's backup");
    writer.execute_batch("COMMIT").unwrap();

    let copy = rapport_core::store::Store::open(Path::new(&info.path)).unwrap();
    let names: Vec<String> = copy
        .all_contacts(None)
        .unwrap()
        .into_iter()
        .map(|c| c.fields.given_name)
        .collect();
    assert_eq!(
        names,
        ["Ann", "Bob"],
        "the committed book, not the write in flight"
    );
    assert!(
        backup::daily_backup_of_file(&file, dir.path(), today(), backup::Retention::default())
            .unwrap()
            .is_none()
    );
}

#[test]
fn the_daily_backup_clears_half_written_copies_a_killed_program_left() {
    let (dir, book) = book_with(vec![person("Ann", "Lee")]);
    let folder = dir.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    let old = folder.join(".rapport-2026-11-20.db.4242-0.part");
    let fresh = folder.join(".rapport-backup.db.4243-0.part");
    for file in [&old, &fresh] {
        std::fs::write(file, b"half").unwrap();
    }
    let hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3 * 60 * 60);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(hours_ago)
        .unwrap();
    backup::daily_backup(&book, dir.path(), today()).unwrap();
    assert!(!old.exists(), "a copy left hours ago is removed");
    assert!(fresh.exists(), "one that may be being written is not");
}

#[test]
fn retention_keeps_the_dailies_then_one_backup_for_each_older_week_whatever_the_weekday() {
    use chrono::Datelike;
    let retention = backup::Retention {
        daily: 7,
        weekly: 4,
    };
    // Sixty days of backups ending on each day of one week, Monday to Sunday.
    for last in 0..7 {
        let dir = tempfile::tempdir().unwrap();
        let today = common::day(2026, 3, 2) + chrono::Days::new(last);
        for n in 0..60 {
            let day = today - chrono::Days::new(n);
            std::fs::write(dir.path().join(format!("rapport-{day}.db")), b"x").unwrap();
        }
        std::fs::write(dir.path().join("before-restore-1.db"), b"x").unwrap();
        backup::prune(dir.path(), retention).unwrap();
        let days = backup_days(dir.path());
        assert_eq!(days.len(), 11, "{today}: {days:?}");
        let dailies: Vec<_> = (0..7).rev().map(|n| today - chrono::Days::new(n)).collect();
        assert_eq!(days[4..], dailies[..], "{today}");
        // The weeklies: the Sunday (last backup) of each of the four weeks before the week the
        // oldest daily falls in.
        let oldest_daily_week_start =
            dailies[0] - chrono::Days::new(u64::from(dailies[0].weekday().num_days_from_monday()));
        let sundays: Vec<_> = (1..=4)
            .rev()
            .map(|w| oldest_daily_week_start - chrono::Days::new(7 * (w - 1) + 1))
            .collect();
        assert_eq!(days[..4], sundays[..], "{today}");
        assert!(dir.path().join("before-restore-1.db").exists());
    }
    // A month with the computer off: the weeks before it still count.
    let dir = tempfile::tempdir().unwrap();
    let today = common::day(2026, 6, 10);
    for n in (0..3).chain(40..100) {
        let day = today - chrono::Days::new(n);
        std::fs::write(dir.path().join(format!("rapport-{day}.db")), b"x").unwrap();
    }
    backup::prune(dir.path(), retention).unwrap();
    let days = backup_days(dir.path());
    assert_eq!(days.len(), 11, "{days:?}");
    let weeks: std::collections::BTreeSet<_> =
        days[..4].iter().map(|d| d.iso_week().week()).collect();
    assert_eq!(weeks.len(), 4, "{days:?}");
}

#[test]
fn backups_are_listed_newest_first_and_marked_automatic() {
    let (dir, mut book) = new_book();
    add(&mut book, person("Ann", "Lee"));
    assert!(backup::list_backups(dir.path()).unwrap().is_empty());
    backup::daily_backup(&book, dir.path(), today()).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let manual = dir
        .path()
        .join(backup::BACKUP_FOLDER)
        .join("rapport-backup-manual.db");
    book.backup(Some(&manual)).unwrap();
    let list = backup::list_backups(dir.path()).unwrap();
    let names: Vec<(&str, bool)> = list
        .iter()
        .map(|b| (b.name.as_str(), b.automatic))
        .collect();
    assert_eq!(
        names,
        [
            ("rapport-backup-manual.db", false),
            ("rapport-2026-11-23.db", true)
        ]
    );
    assert!(list.iter().all(|b| b.bytes > 0));
    drop(dir);
}

#[test]
fn a_damaged_book_is_set_aside_unchanged_and_the_backup_opens_in_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let damaged = damaged_book(&data, 2000);
    let good = good_backup(&data);
    let problem = rapport_core::AppError::from(Book::open(&data).err().unwrap());
    let offer = recovery::recovery(&data, &problem);
    assert!(offer.can_restore);
    assert_eq!(offer.backups.len(), 1);
    assert_eq!(offer.backups[0].contacts, Some(3));
    assert_eq!(offer.backups[0].problem, None);

    let (book, info) = recovery::recover(&data, &good).unwrap();
    assert_eq!(info.contacts, 3);
    assert_eq!(book.contact_count().unwrap(), 3);
    assert_eq!(book.integrity_check().unwrap(), "ok");
    let aside = damaged_files(&data);
    assert_eq!(aside, vec![PathBuf::from(&info.previous_saved_to)]);
    assert_eq!(std::fs::read(&aside[0]).unwrap(), damaged, "byte for byte");
    drop(book);
    let reopened = Book::open(&data).unwrap();
    assert_eq!(reopened.contact_count().unwrap(), 3);
    assert!(std::fs::read_dir(&data).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with(".part")));
}

#[test]
fn a_damaged_backup_is_refused_for_recovery_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let damaged = damaged_book(&data, 2000);
    // A backup damaged in the same way: another big book, scribbled over.
    let other = dir.path().join("other");
    let bad_bytes = damaged_book(&other, 2000);
    let bad = data
        .join(backup::BACKUP_FOLDER)
        .join("rapport-2026-11-21.db");
    std::fs::create_dir_all(bad.parent().unwrap()).unwrap();
    std::fs::write(&bad, &bad_bytes).unwrap();
    let text = data.join(backup::BACKUP_FOLDER).join("notes.db");
    std::fs::write(&text, "just text, not a database at all........").unwrap();

    let problem = rapport_core::AppError::from(Book::open(&data).err().unwrap());
    let offer = recovery::recovery(&data, &problem);
    assert_eq!(offer.backups.len(), 2);
    assert!(offer
        .backups
        .iter()
        .all(|b| b.problem.is_some() && b.contacts.is_none()));

    for file in [&bad, &text] {
        let error = recovery::recover(&data, file).err().expect("refused");
        assert_eq!(error.code(), "corrupt", "{error}");
    }
    let db = data.join(rapport_core::store::DATABASE_FILE);
    assert_eq!(std::fs::read(&db).unwrap(), damaged);
    assert!(damaged_files(&data).is_empty());
    assert_eq!(std::fs::read(&bad).unwrap(), bad_bytes);
}

#[test]
fn recovery_refuses_to_replace_a_book_that_is_not_damaged() {
    let (dir, book) = book_with(vec![person("Keep", "Me")]);
    drop(book);
    let good = good_backup(dir.path());
    let error = recovery::recover(dir.path(), &good).err().expect("refused");
    assert_eq!(error.code(), "conflict", "{error}");
    let book = Book::open(dir.path()).unwrap();
    assert_eq!(book.contact_count().unwrap(), 1);
    let problem = rapport_core::AppError {
        code: rapport_core::ErrorCode::Locked,
        message: "in use".into(),
        fields: Vec::new(),
    };
    let offer = recovery::recovery(dir.path(), &problem);
    assert!(!offer.can_restore && offer.backups.is_empty());
}

#[test]
fn restore_in_folder_restores_over_a_good_book_and_recovers_a_damaged_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let good = good_backup(&data);
    {
        let mut book = Book::open(&data).unwrap();
        add(&mut book, person("Current", "Book"));
    }
    let info = recovery::restore_in_folder(&data, &good).unwrap();
    assert_eq!(info.contacts, 3);
    assert!(info.previous_saved_to.contains("before-restore-"));
    std::fs::remove_file(data.join(rapport_core::store::DATABASE_FILE)).unwrap();
    let damaged = damaged_book(&data, 2000);
    let info = recovery::restore_in_folder(&data, &good).unwrap();
    assert_eq!(info.contacts, 3);
    assert_eq!(std::fs::read(&info.previous_saved_to).unwrap(), damaged);
}

#[test]
fn a_damaged_copy_fails_the_check_whether_read_or_mapped() {
    let dir = tempfile::tempdir().unwrap();
    damaged_book(dir.path(), 2000);
    let path = dir.path().join(rapport_core::store::DATABASE_FILE);
    for check in [
        rapport_core::store::check_database_file,
        rapport_core::store::check_own_copy,
    ] {
        let error = check(&path).unwrap_err();
        assert_eq!(error.code(), "corrupt", "{error}");
    }
}
