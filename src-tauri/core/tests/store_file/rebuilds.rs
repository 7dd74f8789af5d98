//! The timeline table rebuilt by migrations 11, 14 and 17 (SQLite cannot alter a CHECK
//! constraint): ids never reused, and everything that refers to an entry kept.

use super::*;

#[test]
fn rebuilding_the_timeline_table_never_reuses_a_deleted_touchpoints_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    drop(Store::open_at(&path, 5).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(FIXTURE_ROWS[4]).unwrap();
    drop(conn);
    let mut book = Book::open(dir.path()).unwrap();
    let logged = book
        .log_touchpoint(
            1,
            rapport_core::contacts::NewTouchpoint {
                kind: rapport_core::contacts::TouchpointKind::Note,
                happened_on: chrono::NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(),
                note: "Came back for bulbs".into(),
                handled_by: String::new(),
            },
            chrono::NaiveDate::from_ymd_opt(2025, 4, 2).unwrap(),
        )
        .unwrap();
    assert_eq!(logged.id, 10, "id 9 was used before the upgrade");
    let bad_kind = rusqlite::Connection::open(&path).unwrap().execute(
        "INSERT INTO touchpoints (contact_id, kind, happened_on, created_at)
         VALUES (1, 'telegram', '2025-04-01', '2025-04-01T00:00:00Z')",
        [],
    );
    assert!(bad_kind.is_err(), "an unknown kind is still refused");
}

#[test]
fn the_timeline_rebuild_of_version_14_keeps_gestures_and_complaint_loops() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    drop(Store::open_at(&path, 13).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(FIXTURE_ROWS[12]).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, resolved, created_at)
             VALUES (20, 1, 'complaint', '2025-03-02', 'Tulips wilted', 0, '2025-03-02T10:00:00Z'),
                    (21, 1, 'complaint_step', '2025-03-03', 'Put right', 0, '2025-03-03T10:00:00Z'),
                    (22, 1, 'gesture_sent', '2025-03-03', 'Apology sent', 0, '2025-03-03T10:00:00Z');
         INSERT INTO complaint_steps (touchpoint_id, complaint_id, step, happened_on, what_we_did)
             VALUES (21, 20, 'put_right', '2025-03-03', 'New tulips');
         INSERT INTO gestures (touchpoint_id, kind, delivery, subject)
             VALUES (22, 'apology', 'eml', 'Sorry about the tulips');",
    )
    .unwrap();
    drop(conn);
    let mut book = Book::open(dir.path()).unwrap();
    assert_eq!(book.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(book.contact(1).unwrap().timeline.len(), 4);
    let state = book.complaint_loop(20).unwrap();
    assert_eq!(
        state.what_we_did, "New tulips",
        "the step survived the rebuild"
    );
    let complaint = |book: &Book| {
        book.contact(1)
            .unwrap()
            .timeline
            .into_iter()
            .find(|t| t.id == 20)
            .unwrap()
    };
    assert!(complaint(&book).resolved);
    // The triggers made again after the rebuild still keep "resolved" with the steps.
    book.delete_touchpoint(21).unwrap();
    assert!(
        !complaint(&book).resolved,
        "undoing the step opens it again"
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    let gestures: i64 = conn
        .query_row(
            "SELECT count(*) FROM gestures WHERE touchpoint_id = 22",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(gestures, 1, "the gesture's row survived the rebuild");
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    let question = conn.execute(
        "INSERT INTO touchpoints (contact_id, kind, happened_on, created_at)
         VALUES (1, 'question', '2025-04-01', '2025-04-01T00:00:00Z')",
        [],
    );
    assert!(question.is_ok(), "the new kind is allowed: {question:?}");
}

#[test]
fn the_second_timeline_rebuild_keeps_everything_that_refers_to_an_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    drop(Store::open_at(&path, 16).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(FIXTURE_ROWS[15]).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
             VALUES (30, 1, 'gesture_sent', '2025-03-02', 'Thank-you sent', '2025-03-02T10:00:00Z'),
                    (31, 1, 'compliment', '2025-03-03', 'Lovely tulips', '2025-03-03T10:00:00Z'),
                    (32, 1, 'call', '2025-03-04', 'Called back', '2025-03-04T10:00:00Z');
         INSERT INTO replies (touchpoint_id, reply_to) VALUES (31, 30);
         INSERT INTO testimonials (touchpoint_id, may_quote, takes_calls, marked_on)
             VALUES (31, 'yes', 1, '2025-03-03');
         INSERT INTO follow_ups (contact_id, due_on, note, done_by_touchpoint, created_at)
             VALUES (1, '2025-03-04', 'Call back', 32, '2025-03-01T10:00:00Z');",
    )
    .unwrap();
    drop(conn);
    let book = Book::open(dir.path()).unwrap();
    assert_eq!(book.schema_version().unwrap(), SCHEMA_VERSION);
    let page = book.contact(1).unwrap();
    assert_eq!(page.replies.len(), 1);
    assert_eq!(page.replies[0].reply_to, Some(30));
    assert_eq!(page.testimonials.len(), 1);
    assert_eq!(page.follow_ups[0].done_by_touchpoint, Some(32));
    let conn = rusqlite::Connection::open(&path).unwrap();
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    let gift = conn.execute(
        "INSERT INTO touchpoints (contact_id, kind, happened_on, created_at)
         VALUES (1, 'gift', '2025-04-01', '2025-04-01T00:00:00Z')",
        [],
    );
    assert!(gift.is_ok(), "the new kind is allowed: {gift:?}");
}
