//! `rapport followup …` and the touchpoint kind "question", tested by running the built binary
//! (the date is pinned to Monday 2026-11-23).

mod common;

use common::*;

fn customer(data: &std::path::Path) -> String {
    ok(
        data,
        &[
            "contacts",
            "add",
            "--first-name",
            "Zoë",
            "--last-name",
            "Berg",
        ],
    )
    .trim()
    .to_string()
}

#[test]
fn a_follow_up_is_added_listed_done_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let id = customer(data);
    ok(data, &["staff", "add", "--name", "Maja Berg"]);
    let added = json(
        data,
        &[
            "followup",
            "add",
            &id,
            "--on",
            "tuesday",
            "--note",
            "Call back about the cake order",
            "--staff",
            "maja berg",
        ],
    );
    assert_eq!(added["dueOn"], "2026-11-24", "the next Tuesday");
    assert_eq!(added["assignedTo"], "Maja Berg");
    let overdue = json(
        data,
        &[
            "followup",
            "add",
            &id,
            "--on",
            "2026-11-20",
            "--note",
            "Send the quote",
        ],
    );
    let overdue_id = overdue["id"].as_i64().unwrap().to_string();

    let due = json(data, &["followup", "list", "--due"]);
    assert_eq!(due.as_array().unwrap().len(), 1, "{due}");
    assert_eq!(due[0]["daysOverdue"], 3);
    assert_eq!(due[0]["contact"]["displayName"], "Zoë Berg");
    let all = ok(data, &["followup", "list"]);
    assert!(
        all.contains("3 days overdue") && all.contains("tomorrow"),
        "{all}"
    );
    assert!(all.contains("[Maja Berg]"), "{all}");
    let mine = json(data, &["followup", "list", "--staff", "Maja Berg"]);
    assert_eq!(mine.as_array().unwrap().len(), 1);

    let today = json(data, &["today"]);
    assert_eq!(today["followUpCount"], 1);
    assert_eq!(today["followUps"][0]["followUp"]["note"], "Send the quote");
    assert!(ok(data, &["today"]).contains("Follow-ups due (1):"));

    let logged = json(
        data,
        &["followup", "done", &overdue_id, "--note", "Quote mailed"],
    );
    assert_eq!(logged["kind"], "call");
    assert_eq!(logged["note"], "Quote mailed");
    assert_eq!(json(data, &["today"])["followUpCount"], 0);
    let again = fails(data, &["followup", "done", &overdue_id]);
    assert!(again.contains("already done"), "{again}");

    // Undo: removing the entry it logged opens it again.
    let entry = logged["id"].as_i64().unwrap().to_string();
    ok(data, &["touchpoint", "delete", &entry]);
    assert_eq!(json(data, &["today"])["followUpCount"], 1);

    let moved = json(data, &["followup", "move", &overdue_id, "--on", "+7"]);
    assert_eq!(moved["dueOn"], "2026-11-30");
    assert_eq!(json(data, &["today"])["followUpCount"], 0);
    ok(data, &["followup", "delete", &overdue_id]);
    assert_eq!(
        json(data, &["followup", "list"]).as_array().unwrap().len(),
        1
    );

    let calendar = data.join("out.ics");
    ok(data, &["calendar", "--out", calendar.to_str().unwrap()]);
    let ics = std::fs::read_to_string(&calendar).unwrap();
    assert!(ics.contains("SUMMARY:Follow up: Zoë Berg"), "{ics}");
}

#[test]
fn bad_follow_ups_are_refused_in_one_line_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let id = customer(data);
    for (args, says) in [
        (
            vec!["followup", "add", &id, "--on", "someday", "--note", "x"],
            "\"someday\"",
        ),
        (
            vec!["followup", "add", &id, "--on", "today", "--note", "  "],
            "follow up on",
        ),
        (
            vec![
                "followup", "add", &id, "--on", "today", "--note", "x", "--staff", "Bo",
            ],
            "no staff",
        ),
        (
            vec!["followup", "add", "999", "--on", "today", "--note", "x"],
            "999",
        ),
        (vec!["followup", "done", "42"], "Follow-up 42"),
        (
            vec!["followup", "done", "1", "--kind", "telegram"],
            "telegram",
        ),
    ] {
        let message = fails(data, &args);
        assert!(message.contains(says), "{args:?}: {message}");
    }
    assert_eq!(
        json(data, &["followup", "list"]).as_array().unwrap().len(),
        0
    );
    let page = json(data, &["contacts", "show", &id]);
    assert_eq!(page["timeline"].as_array().unwrap().len(), 0, "{page}");
}

#[test]
fn a_question_is_a_kind_of_touchpoint() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let id = customer(data);
    let asked = json(
        data,
        &[
            "touchpoint",
            "add",
            &id,
            "--kind",
            "question",
            "--note",
            "Nut-free cakes?",
        ],
    );
    assert_eq!(asked["kind"], "question");
    let page = json(data, &["contacts", "show", &id]);
    assert_eq!(page["timeline"][0]["kind"], "question");
}
