//! `rapport send`, `rapport complaint` and `rapport gestures`, tested by running the built binary.

mod common;

use common::*;

/// A customer with an email address, a purchase and a complaint; returns (contact, purchase,
/// complaint) ids.
fn customer(data: &std::path::Path) -> (String, String, String) {
    ok(
        data,
        &["settings", "set", "from_email", "ann@tulip.example"],
    );
    let id = ok(
        data,
        &[
            "contacts",
            "add",
            "--first-name",
            "Zoë",
            "--last-name",
            "Berg",
            "--email",
            "zoe@example.no",
        ],
    )
    .trim()
    .to_string();
    let purchase = json(
        data,
        &[
            "touchpoint",
            "add",
            &id,
            "--kind",
            "purchase",
            "--note",
            "wedding cake",
            "--date",
            "2026-11-20",
            "--by",
            "Ann",
        ],
    );
    let complaint = json(
        data,
        &[
            "touchpoint",
            "add",
            &id,
            "--kind",
            "complaint",
            "--note",
            "the icing had melted",
            "--date",
            "2026-11-21",
            "--by",
            "Ann",
        ],
    );
    (
        id,
        purchase["id"].as_i64().unwrap().to_string(),
        complaint["id"].as_i64().unwrap().to_string(),
    )
}

fn timeline_notes(data: &std::path::Path, id: &str) -> Vec<String> {
    let detail = json(data, &["contacts", "show", id]);
    detail["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["note"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_thank_you_in_person_is_recorded_on_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (id, purchase, _) = customer(&data);
    let done = json(
        &data,
        &[
            "send",
            "thank-you",
            &id,
            "--in-person",
            "--about",
            &purchase,
            "--field",
            "staff_name=Ann",
        ],
    );
    assert_eq!(done["kind"], "thank-you");
    assert_eq!(done["delivery"], "in_person");
    assert!(done["path"].is_null());
    let notes = timeline_notes(&data, &id);
    assert!(
        notes[0].starts_with("Thank-you sent (in person / by phone)"),
        "{notes:?}"
    );
    let text = ok(&data, &["send", "check-in", &id, "--done"]);
    assert!(text.contains("Check-in sent"), "{text}");
}

#[test]
fn a_preview_shows_the_words_and_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (id, _, _) = customer(&data);
    let before = timeline_notes(&data, &id).len();
    let preview = json(
        &data,
        &[
            "send",
            "thank-you",
            &id,
            "--preview",
            "--subject",
            "Thank you for the {last_purchase} order, {first_name}",
        ],
    );
    assert_eq!(
        preview["subject"],
        "Thank you for the wedding cake order, Zoë"
    );
    assert_eq!(preview["label"], "Thank-you");
    assert!(preview["to"].as_str().unwrap().contains("zoe@example.no"));
    assert_eq!(timeline_notes(&data, &id).len(), before);
}

#[test]
fn a_thank_you_draft_is_written_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (id, _, _) = customer(&data);
    let eml = dir.path().join("thanks.eml");
    let done = json(
        &data,
        &[
            "send",
            "thank-you",
            &id,
            "--eml",
            eml.to_str().unwrap(),
            "--photo",
            "none",
            "--subject",
            "Thanks for the {last_purchase}",
            "--text",
            "Dear {first_name},\n\nthank you for choosing us.",
        ],
    );
    assert_eq!(done["path"], eml.to_str().unwrap());
    assert!(done["messageId"].as_str().is_some());
    let raw = std::fs::read_to_string(&eml).unwrap();
    assert!(raw.contains("X-Unsent: 1"), "{raw}");
    assert!(
        raw.contains("Subject: Thanks for the wedding cake"),
        "{raw}"
    );
    assert!(raw.contains("zoe@example.no"), "{raw}");
    assert!(raw.contains("thank you for choosing us"), "{raw}");
    let notes = timeline_notes(&data, &id);
    assert!(
        notes[0].starts_with("Thank-you sent (draft saved)"),
        "{notes:?}"
    );
}

#[test]
fn an_apology_sent_over_smtp_arrives_and_moves_the_loop_on() {
    let server = common::smtp::SmtpServer::start(None);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (id, _, complaint) = customer(&data);
    let before = timeline_notes(&data, &id).len();
    // The mail server is not set yet: one line, nothing recorded.
    let refused = fails(
        &data,
        &["send", "apology", &id, "--send", "--photo", "none"],
    );
    assert!(refused.contains("smtp_host"), "{refused}");
    assert_eq!(timeline_notes(&data, &id).len(), before);

    for (key, value) in [
        ("smtp_host", "127.0.0.1"),
        ("smtp_port", &server.port.to_string()),
        ("smtp_security", "plain"),
    ] {
        ok(&data, &["settings", "set", key, value]);
    }
    let done = json(
        &data,
        &["send", "apology", &id, "--send", "--photo", "none"],
    );
    assert_eq!(done["delivery"], "smtp");
    let mail = server.received.lock().unwrap().clone();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].0, ["<zoe@example.no>"]);
    let parsed = mail_parser::MessageParser::default()
        .parse(mail[0].1.as_bytes())
        .expect("a mail message");
    assert_eq!(
        parsed.message_id().map(|m| format!("<{m}>")).as_deref(),
        done["messageId"].as_str()
    );
    assert!(parsed.header_raw("X-Unsent").is_none(), "sent, not a draft");
    let notes = timeline_notes(&data, &id);
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("Apology sent (sent by email)")),
        "{notes:?}"
    );
    let state = json(&data, &["complaint", "steps", &complaint]);
    assert_eq!(state["stage"], "apologised", "{state}");
}

#[test]
fn unknown_merge_fields_are_refused_with_the_known_ones_and_nothing_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (id, _, _) = customer(&data);
    let before = timeline_notes(&data, &id).len();
    let refused = fails(
        &data,
        &[
            "send",
            "thank-you",
            &id,
            "--in-person",
            "--subject",
            "Thanks {shoe_size}",
        ],
    );
    assert!(refused.contains("{shoe_size}"), "{refused}");
    assert!(refused.contains("Known fields for it:"), "{refused}");
    assert!(refused.contains("{last_purchase}"), "{refused}");
    let refused = fails(
        &data,
        &["send", "thank-you", &id, "--in-person", "--field", "mood=x"],
    );
    assert!(refused.contains("staff_name, referred_name"), "{refused}");
    let refused = fails(
        &data,
        &[
            "gestures",
            "template",
            "apology",
            "--subject",
            "Sorry",
            "--text",
            "We {oops}",
        ],
    );
    assert!(refused.contains("{oops}") && refused.contains("{complaint}"));
    let refused = fails(&data, &["send", "thanks-a-lot", &id, "--in-person"]);
    assert!(refused.contains("thank-you, apology"), "{refused}");
    assert_eq!(timeline_notes(&data, &id).len(), before);
}

#[test]
fn a_complaint_loop_walked_to_happy_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (id, _, complaint) = customer(&data);

    let open = json(&data, &["complaint", "open"]);
    assert_eq!(open["openLoops"][0]["nextStep"], "Apologise");
    assert_eq!(open["quarter"]["happy"], 0);

    // Out of order: checking back before putting it right is refused.
    let refused = fails(
        &data,
        &["complaint", "check-back", &complaint, "--outcome", "happy"],
    );
    assert!(
        refused.contains("Put the complaint right first"),
        "{refused}"
    );

    // The apology sent in person is the loop's first step.
    ok(&data, &["send", "apology", &id, "--in-person"]);
    let state = json(&data, &["complaint", "steps", &complaint]);
    assert_eq!(state["stage"], "apologised");

    let put = json(
        &data,
        &[
            "complaint",
            "put-right",
            &complaint,
            "--what",
            "baked a new cake",
            "--by",
            "Ann",
        ],
    );
    assert!(put["note"]
        .as_str()
        .unwrap()
        .starts_with("Put right: baked a new cake"));
    let open = json(&data, &["complaint", "open"]);
    assert_eq!(open["openLoops"][0]["nextStep"], "Check back");
    assert_eq!(open["openLoops"][0]["dueOn"], "2026-11-30");

    let refused = fails(
        &data,
        &[
            "complaint",
            "check-back",
            &complaint,
            "--outcome",
            "thrilled",
        ],
    );
    assert!(refused.contains("happy, neutral or unhappy"), "{refused}");
    ok(
        &data,
        &[
            "complaint",
            "checked-back",
            &complaint,
            "--satisfied",
            "happy",
        ],
    );
    let steps = ok(&data, &["complaint", "steps", &complaint]);
    assert!(steps.contains("checked back 2026-11-23 — happy"), "{steps}");
    assert!(steps.contains("put right 2026-11-23: baked a new cake by Ann"));

    let open = json(&data, &["complaint", "open"]);
    assert_eq!(open["openLoops"].as_array().unwrap().len(), 0);
    assert_eq!(open["quarter"]["happy"], 1);
    assert_eq!(open["quarter"]["closed"], 1);
    let text = ok(&data, &["complaint", "open"]);
    assert!(
        text.contains("1 of 1 complaints ended happy this quarter."),
        "{text}"
    );
    // Today for scripts says the same.
    let today = json(&data, &["today"]);
    assert_eq!(today["openLoops"].as_array().unwrap().len(), 0);
    assert_eq!(today["complaintsThisQuarter"]["happy"], 1);
    let text = ok(&data, &["today"]);
    assert!(
        text.contains("1 of 1 complaints ended happy this quarter."),
        "{text}"
    );
    let notes = timeline_notes(&data, &id);
    assert!(notes[0].starts_with("Checked back: happy"), "{notes:?}");
}

#[test]
fn kinds_are_listed_and_a_template_is_changed_and_reset() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let kinds = json(&data, &["gestures", "kinds"]);
    let names: Vec<&str> = kinds
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kind"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"thank-you") && names.contains(&"apology"));
    let changed = json(
        &data,
        &[
            "gestures",
            "template",
            "check-in",
            "--subject",
            "How are you, {first_name}?",
            "--text",
            "We miss you.",
        ],
    );
    assert_eq!(changed["customized"], true);
    ok(&data, &["gestures", "reset", "check-in"]);
    let kinds = json(&data, &["gestures", "kinds"]);
    let check_in = kinds
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "check-in")
        .unwrap();
    assert_eq!(check_in["customized"], false);
}

#[test]
fn a_referral_is_noted_and_today_suggests_the_thank_you_until_it_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let ann = ok(
        data,
        &[
            "contacts",
            "add",
            "--first-name",
            "Ann",
            "--last-name",
            "Lee",
        ],
    )
    .trim()
    .to_string();
    let bo = ok(
        data,
        &["contacts", "add", "--first-name", "Bo", "--last-name", "Ek"],
    )
    .trim()
    .to_string();
    let said = ok(data, &["contacts", "refer", &bo, "--by", &ann]);
    assert!(said.contains("Bo Ek was sent to us by Ann Lee"), "{said}");
    let page = json(data, &["contacts", "show", &ann]);
    assert_eq!(page["referred"][0]["displayName"], "Bo Ek");

    let today = json(data, &["today"]);
    assert_eq!(today["referralThanksCount"], 1);
    assert!(
        ok(data, &["today"]).contains("Ann Lee ("),
        "listed in the text too"
    );
    let preview = ok(data, &["send", "referral-thanks", &ann, "--preview"]);
    assert!(preview.contains("Bo Ek"), "the friend is named: {preview}");
    ok(data, &["send", "referral-thanks", &ann, "--in-person"]);
    assert_eq!(json(data, &["today"])["referralThanksCount"], 0);

    let refused = fails(data, &["contacts", "refer", &ann, "--by", &ann]);
    assert!(refused.contains("themselves"), "{refused}");
    assert!(fails(data, &["contacts", "refer", &bo]).contains("--by"));
    ok(data, &["contacts", "refer", &bo, "--none"]);
    assert!(json(data, &["contacts", "show", &bo])["referredBy"].is_null());
}
