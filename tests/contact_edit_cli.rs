//! Every change the window makes to a contact, from the command line: edit, tag, untag,
//! archive, restore, delete, merge, and correcting or resolving a touchpoint. Through the built
//! binary; refusals print one line, exit non-zero and change nothing.

mod common;

use common::*;

use std::path::Path;

fn add(book: &Path, args: &[&str]) -> i64 {
    let mut all = vec!["contacts", "add"];
    all.extend_from_slice(args);
    ok(book, &all).trim().parse().expect("an id")
}

fn show(book: &Path, id: i64) -> serde_json::Value {
    json(book, &["contacts", "show", &id.to_string()])
}

#[test]
fn edit_changes_only_the_given_fields_with_the_windows_checks() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path();
    let id = add(
        book,
        &[
            "--first-name",
            "Ann",
            "--last-name",
            "Lee",
            "--email",
            "ann@example.com",
            "--birthday",
            "1980-05-17",
            "--tag",
            "VIP",
            "--city",
            "York",
        ],
    );
    let sid = id.to_string();
    let out = ok(
        book,
        &[
            "contacts",
            "edit",
            &sid,
            "--company",
            "Ann's Bakery",
            "--birthday",
            "--02-29",
            "--phone",
            "+44 20 7946 0123",
            "--postal-code",
            "YO1 7HH",
        ],
    );
    assert_eq!(out.trim(), format!("Saved Ann Lee (#{id})."));
    let c = &show(book, id)["contact"];
    assert_eq!(c["company"], "Ann's Bakery");
    assert_eq!(c["birthday"]["month"], 2);
    assert_eq!(c["birthday"]["day"], 29);
    assert!(c["birthday"]["year"].is_null());
    assert_eq!(c["emails"][0]["value"], "ann@example.com", "untouched");
    assert_eq!(c["phones"][0]["value"], "+44 20 7946 0123");
    assert_eq!(c["tags"][0], "VIP", "untouched");
    assert_eq!(c["addresses"][0]["city"], "York");
    assert_eq!(c["addresses"][0]["postalCode"], "YO1 7HH");

    // An empty value clears a field; --json prints the saved contact.
    let saved = json(book, &["contacts", "edit", &sid, "--birthday", ""]);
    assert!(saved["contact"]["birthday"].is_null());

    // The window's checks and messages: a bad email, a name emptied, a date that is not one.
    let bad = fails(book, &["contacts", "edit", &sid, "--email", "not-an-email"]);
    assert!(bad.contains("--email"), "{bad}");
    let bad = fails(
        book,
        &[
            "contacts",
            "edit",
            &sid,
            "--first-name",
            "",
            "--last-name",
            "",
            "--company",
            "",
        ],
    );
    assert!(bad.starts_with("rapport: --first-name: "), "{bad}");
    let bad = fails(
        book,
        &["contacts", "edit", &sid, "--birthday", "1980-02-30"],
    );
    assert!(bad.contains("not a date"), "{bad}");
    let bad = fails(book, &["contacts", "edit", "999", "--company", "X"]);
    assert!(bad.contains("Contact 999 was not found"), "{bad}");
    let c = &show(book, id)["contact"];
    assert_eq!(c["givenName"], "Ann", "refusals change nothing");
    assert_eq!(c["emails"][0]["value"], "ann@example.com");
}

#[test]
fn tag_untag_archive_restore_several_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path();
    let a = add(book, &["--first-name", "Ann"]).to_string();
    let b = add(book, &["--first-name", "Bob"]).to_string();
    let c = add(book, &["--first-name", "Cy", "--tag", "Regulars"]).to_string();

    assert_eq!(
        ok(book, &["contacts", "tag", &a, &b, &c, "--tag", "Regulars"]).trim(),
        "Tagged 2 contacts Regulars."
    );
    let listed = json(book, &["contacts", "list", "--tag", "Regulars"]);
    assert_eq!(listed.as_array().unwrap().len(), 3);
    let untag = json(book, &["contacts", "untag", &b, "--tag", "Regulars"]);
    assert_eq!(untag["changed"], 1);
    assert_eq!(untag["action"], "untag");

    let bad = fails(book, &["contacts", "tag", &a, "--tag", "a,b"]);
    assert!(bad.contains("--tag"), "{bad}");
    let bad = fails(book, &["contacts", "tag", &a, "12345", "--tag", "New"]);
    assert!(bad.contains("Contact 12345 was not found"), "{bad}");
    assert!(
        json(book, &["contacts", "list", "--tag", "New"])
            .as_array()
            .unwrap()
            .is_empty(),
        "an unknown id tags nobody"
    );

    assert_eq!(
        ok(book, &["contacts", "archive", &a, &b]).trim(),
        "Archived 2 contacts."
    );
    assert_eq!(
        json(book, &["contacts", "list"]).as_array().unwrap().len(),
        1
    );
    assert_eq!(show(book, a.parse().unwrap())["contact"]["archived"], true);
    let restored = json(book, &["contacts", "restore", &a]);
    assert_eq!(restored["changed"], 1);
    assert_eq!(
        json(book, &["contacts", "list"]).as_array().unwrap().len(),
        2
    );
    // clap refuses a command without ids.
    let out = rapport(book, &["contacts", "archive"]);
    assert!(!out.status.success());
}

#[test]
fn delete_asks_for_yes_and_then_removes_the_timeline_too() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path();
    let id = add(book, &["--first-name", "Ann", "--last-name", "Lee"]).to_string();
    ok(book, &["touchpoint", "add", &id, "--kind", "call"]);
    let refused = fails(book, &["contacts", "delete", &id]);
    assert!(refused.contains("--yes"), "{refused}");
    assert!(refused.contains("contacts archive"), "{refused}");
    show(book, id.parse().unwrap());

    let deleted = json(book, &["contacts", "delete", &id, "--yes"]);
    assert_eq!(deleted["displayName"], "Ann Lee");
    assert_eq!(deleted["touchpoints"], 1);
    let gone = fails(book, &["contacts", "show", &id]);
    assert!(gone.contains("was not found"), "{gone}");
    let again = fails(book, &["contacts", "delete", &id, "--yes"]);
    assert!(again.contains("was not found"), "{again}");
}

#[test]
fn merge_takes_the_preferred_fields_and_joins_the_timelines() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path();
    let keep = add(
        book,
        &[
            "--first-name",
            "Ann",
            "--last-name",
            "Lee",
            "--company",
            "Old Name Ltd",
            "--email",
            "ann@example.com",
            "--notes",
            "keep these notes",
        ],
    );
    let other = add(
        book,
        &[
            "--first-name",
            "Annie",
            "--last-name",
            "Lee",
            "--company",
            "Ann's Bakery",
            "--email",
            "annie@bakery.example",
            "--birthday",
            "1975-02-28",
            "--notes",
            "other notes",
        ],
    );
    let (k, o) = (keep.to_string(), other.to_string());
    ok(book, &["touchpoint", "add", &k, "--kind", "call"]);
    ok(book, &["touchpoint", "add", &o, "--kind", "complaint"]);

    let bad = fails(
        book,
        &["contacts", "merge", &k, &o, "--prefer", "other:shoe-size"],
    );
    assert!(
        bad.contains("shoe-size") && bad.contains("birthday"),
        "{bad}"
    );
    let bad = fails(
        book,
        &["contacts", "merge", &k, &o, "--prefer", "theirs:company"],
    );
    assert!(bad.contains("other or keep"), "{bad}");
    let bad = fails(book, &["contacts", "merge", &k, &k]);
    assert!(bad.contains("different contact"), "{bad}");
    show(book, other); // still there after the refusals

    let out = ok(
        book,
        &[
            "contacts",
            "merge",
            &k,
            &o,
            "--prefer",
            "other:company,keep:notes",
        ],
    );
    assert!(
        out.contains(&format!("Merged Annie Lee (#{o}) into Ann Lee (#{k})")),
        "{out}"
    );
    let c = show(book, keep);
    assert_eq!(
        c["contact"]["company"], "Ann's Bakery",
        "preferred from the other"
    );
    assert_eq!(c["contact"]["notes"], "keep these notes");
    assert_eq!(c["contact"]["givenName"], "Ann", "keep's value by default");
    assert_eq!(
        c["contact"]["birthday"]["day"], 28,
        "filled where keep had none"
    );
    let emails: Vec<&str> = c["contact"]["emails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["value"].as_str().unwrap())
        .collect();
    assert_eq!(emails, ["ann@example.com", "annie@bakery.example"]);
    assert_eq!(c["timeline"].as_array().unwrap().len(), 2);
    fails(book, &["contacts", "show", &o]);
}

#[test]
fn touchpoints_are_resolved_and_corrected() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path();
    let id = add(book, &["--first-name", "Ann", "--keep-in-touch-days", "30"]).to_string();
    let complaint = json(
        book,
        &[
            "touchpoint",
            "add",
            &id,
            "--kind",
            "complaint",
            "--date",
            "2026-11-01",
        ],
    );
    let tid = complaint["id"].as_i64().unwrap().to_string();
    let call = json(
        book,
        &[
            "touchpoint",
            "add",
            &id,
            "--kind",
            "call",
            "--date",
            "2026-11-20",
        ],
    );
    let cid = call["id"].as_i64().unwrap().to_string();

    let today = json(book, &["today"]);
    assert_eq!(today["openComplaintCount"], 1);
    assert_eq!(
        ok(book, &["touchpoint", "resolve", &tid]).trim(),
        format!("Complaint {tid} is resolved.")
    );
    assert_eq!(json(book, &["today"])["openComplaintCount"], 0);
    let reopened = json(book, &["touchpoint", "resolve", &tid, "--reopen"]);
    assert_eq!(reopened["resolved"], false);
    let not_complaint = fails(book, &["touchpoint", "resolve", &cid]);
    assert!(
        not_complaint.contains(&format!("Complaint {cid} was not found")),
        "{not_complaint}"
    );

    // Correcting the call's date moves "last contacted" with it.
    let edited = json(
        book,
        &[
            "touchpoint",
            "edit",
            &cid,
            "--date",
            "2026-11-10",
            "--note",
            "Asked about rye",
            "--by",
            "Maria",
        ],
    );
    assert_eq!(edited["happenedOn"], "2026-11-10");
    assert_eq!(edited["note"], "Asked about rye");
    assert_eq!(edited["handledBy"], "Maria");
    assert_eq!(
        show(book, id.parse().unwrap())["contact"]["lastContacted"],
        "2026-11-10"
    );
    // A call turned into a note no longer counts as being in touch.
    ok(book, &["touchpoint", "edit", &cid, "--kind", "note"]);
    assert_eq!(
        show(book, id.parse().unwrap())["contact"]["lastContacted"],
        "2026-11-01"
    );

    let bad = fails(book, &["touchpoint", "edit", &cid, "--date", "2027-06-01"]);
    assert!(bad.contains("--date: this date is in the future"), "{bad}");
    let bad = fails(book, &["touchpoint", "edit", &cid, "--kind", "party"]);
    assert!(bad.contains("not a kind of touchpoint"), "{bad}");
    let bad = fails(book, &["touchpoint", "edit", "4040", "--note", "x"]);
    assert!(bad.contains("Touchpoint 4040 was not found"), "{bad}");
    assert_eq!(
        show(book, id.parse().unwrap())["timeline"][0]["note"],
        "Asked about rye"
    );
}
