//! `rapport answers …` and `rapport touchpoint add --promise`, by running the built binary.

mod common;

use common::*;

#[test]
fn house_answers_are_listed_changed_and_removed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    assert!(ok(data, &["answers", "list"]).contains("No house answers yet"));
    let hours = json(
        data,
        &[
            "answers",
            "add",
            "--topic",
            "Opening hours",
            "--answer",
            "Tue–Sat 8–6\nSun 9–1",
        ],
    );
    let id = hours["id"].as_i64().unwrap().to_string();
    ok(
        data,
        &[
            "answers",
            "add",
            "--topic",
            "Returns",
            "--answer",
            "A refund within 14 days",
            "--promise",
        ],
    );
    let listed = ok(data, &["answers", "list"]);
    assert!(
        listed.contains("Opening hours\n     Tue–Sat 8–6\n     Sun 9–1"),
        "{listed}"
    );
    assert!(listed.contains("Returns (a promise)"), "{listed}");

    // Only the fields given change.
    let changed = json(data, &["answers", "edit", &id, "--answer", "Tue–Sun 8–6"]);
    assert_eq!(changed["topic"], "Opening hours");
    assert_eq!(changed["answer"], "Tue–Sun 8–6");
    assert_eq!(changed["isPromise"], false);

    // Bad input: one clear line, nothing changed.
    let message = fails(data, &["answers", "edit", &id, "--topic", "  "]);
    assert!(message.contains("topic"), "{message}");
    let message = fails(data, &["answers", "remove", "999"]);
    assert!(message.contains("999"), "{message}");
    assert_eq!(
        json(data, &["answers", "list"]).as_array().unwrap().len(),
        2
    );

    ok(data, &["answers", "remove", &id]);
    let left = json(data, &["answers", "list"]);
    assert_eq!(left.as_array().unwrap().len(), 1);
    assert_eq!(left[0]["topic"], "Returns");
}

#[test]
fn a_promise_logged_from_the_command_line_is_on_the_customer_s_page() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let id = ok(data, &["contacts", "add", "--first-name", "Zoë"])
        .trim()
        .to_string();
    let logged = json(
        data,
        &[
            "touchpoint",
            "add",
            &id,
            "--kind",
            "complaint",
            "--note",
            "The cake was dry",
            "--by",
            "Kim",
            "--promise",
            "A new cake by Friday",
        ],
    );
    let page = json(data, &["contacts", "show", &id]);
    assert_eq!(page["promises"][0]["promise"], "A new cake by Friday");
    assert_eq!(page["promises"][0]["madeBy"], "Kim");
    assert_eq!(page["promises"][0]["touchpointId"], logged["id"]);
    let shown = ok(data, &["contacts", "show", &id]);
    assert!(
        shown.contains("last promise: A new cake by Friday ("),
        "{shown}"
    );

    // A promise too long: refused, and the entry is not logged either.
    let long = "x".repeat(501);
    let message = fails(
        data,
        &[
            "touchpoint",
            "add",
            &id,
            "--kind",
            "call",
            "--promise",
            &long,
        ],
    );
    assert!(message.contains("promise"), "{message}");
    let page = json(data, &["contacts", "show", &id]);
    assert_eq!(page["timeline"].as_array().unwrap().len(), 1);
}
