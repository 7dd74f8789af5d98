//! `rapport today` for scripts and `rapport digest --send` for a timer: Today printed, and
//! mailed to the owner through a real SMTP conversation with a small server on 127.0.0.1.

mod common;

use common::*;

use std::path::Path;

use common::smtp::{unused_port, SmtpServer};

/// A book with one of each thing Today lists (the date is pinned to 2026-11-23).
fn shop(book: &Path) {
    let add = |args: &[&str]| -> String {
        let mut all = vec!["contacts", "add"];
        all.extend_from_slice(args);
        ok(book, &all).trim().to_string()
    };
    add(&[
        "--first-name",
        "Zoë",
        "--last-name",
        "Ødegård",
        "--birthday",
        "1980-11-25",
        "--customer-since",
        "2015-01-01",
    ]);
    add(&[
        "--first-name",
        "小明",
        "--last-name",
        "王",
        "--customer-since",
        "2026-11-20",
    ]);
    let grumpy = add(&[
        "--first-name",
        "Bob",
        "--last-name",
        "Smith",
        "--customer-since",
        "2020-01-01",
    ]);
    ok(
        book,
        &[
            "touchpoint",
            "add",
            &grumpy,
            "--kind",
            "complaint",
            "--note",
            "Bread was stale",
            "--date",
            "2026-11-10",
        ],
    );
    ok(book, &["settings", "set", "business_name", "Ann's Bakery"]);
}

#[test]
fn today_prints_the_windows_rows_for_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path();
    shop(book);
    let view = json(book, &["today"]);
    assert_eq!(view["date"], "2026-11-23");
    assert_eq!(view["birthdayCount"], 1);
    assert_eq!(
        view["birthdays"][0]["contact"]["displayName"],
        "Zoë Ødegård"
    );
    assert_eq!(view["birthdays"][0]["inDays"], 2);
    assert_eq!(view["birthdays"][0]["turning"], 46);
    assert_eq!(view["newCustomerCount"], 1);
    assert_eq!(view["openComplaintCount"], 1);
    assert_eq!(
        view["openComplaints"][0]["complaint"]["note"],
        "Bread was stale"
    );
    assert_eq!(view["contactCount"], 3);
    // The complaint's loop, with its next step, and the quarter's count.
    assert_eq!(view["openLoops"][0]["contact"]["displayName"], "Bob Smith");
    assert_eq!(view["openLoops"][0]["nextStep"], "Apologise");
    assert_eq!(view["openLoops"][0]["due"], true);
    assert_eq!(view["complaintsThisQuarter"]["closed"], 0);

    let text = ok(book, &["today"]);
    assert!(
        text.starts_with("Today, Monday 23 November 2026: 1 birthday, 1 customer to welcome, 1 complaint to check back on."),
        "{text}"
    );
    assert!(
        text.contains("Zoë Ødegård (1), turns 46: Wed 25 Nov, in 2 days"),
        "{text}"
    );
    assert!(
        text.contains("王小明 (2), customer since 2026-11-20"),
        "{text}"
    );
    assert!(
        text.contains(
            "Bob Smith (3), complained 10 Nov — next: Apologise, due now (complaint 1): Bread was stale"
        ),
        "{text}"
    );

    // An empty book says so.
    let empty = tempfile::tempdir().unwrap();
    let text = ok(empty.path(), &["today"]);
    assert!(text.contains("nothing needs you today"), "{text}");
}

#[test]
fn the_digest_is_mailed_to_the_owner_and_the_daily_one_goes_once_when_turned_on() {
    let server = SmtpServer::start(None);
    let (port, inbox) = (server.port, server.received.clone());
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path();
    shop(book);

    // Refused, with what to do, until the mail settings are there.
    let refused = fails(book, &["digest", "--send"]);
    assert!(refused.contains("smtp_host"), "{refused}");
    ok(book, &["settings", "set", "smtp_host", "127.0.0.1"]);
    ok(book, &["settings", "set", "smtp_port", &port.to_string()]);
    ok(book, &["settings", "set", "smtp_security", "plain"]);
    let refused = fails(book, &["digest", "--send"]);
    assert!(refused.contains("from_email"), "{refused}");
    ok(
        book,
        &["settings", "set", "from_email", "ann@bakery.example"],
    );
    assert!(inbox.lock().unwrap().is_empty());

    let report = json(book, &["digest", "--send"]);
    assert_eq!(report["sent"], true);
    assert_eq!(report["detail"], "ann@bakery.example");
    let mail = inbox.lock().unwrap().clone();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].0, ["<ann@bakery.example>"]);
    let parsed = mail_parser::MessageParser::default()
        .parse(mail[0].1.as_bytes())
        .expect("a mail message");
    assert_eq!(
        parsed.subject(),
        Some(
            "Rapport, 23 November: 1 birthday, 1 customer to welcome, 1 complaint to check back on"
        )
    );
    let from = parsed.from().and_then(|f| f.first()).expect("a sender");
    assert_eq!(from.address(), Some("ann@bakery.example"));
    assert_eq!(from.name(), Some("Ann's Bakery"));
    let body = parsed.body_text(0).expect("a text body");
    assert!(body.contains("Zoë Ødegård (1), turns 46"), "{body}");
    assert!(body.contains("王小明 (2)"), "{body}");
    assert!(body.contains("Bread was stale"), "{body}");

    // The timer's run: nothing while the setting is off, then once a day.
    let off = ok(book, &["digest", "--send", "--daily"]);
    assert!(
        off.contains("Nothing sent: the daily digest is off"),
        "{off}"
    );
    let bad = fails(book, &["settings", "set", "daily_digest", "sometimes"]);
    assert!(bad.contains("yes or no"), "{bad}");
    ok(book, &["settings", "set", "daily_digest", "yes"]);
    let sent = ok(book, &["digest", "--send", "--daily"]);
    assert!(sent.starts_with("Sent \"Rapport, 23 November"), "{sent}");
    let again = json(book, &["digest", "--send", "--daily"]);
    assert_eq!(again["sent"], false);
    assert_eq!(again["detail"], "today's digest was sent already");
    assert_eq!(inbox.lock().unwrap().len(), 2);

    // Without --send the digest is printed, not mailed.
    let printed = ok(book, &["digest"]);
    assert!(
        printed.starts_with("Today, Monday 23 November 2026"),
        "{printed}"
    );
    assert_eq!(inbox.lock().unwrap().len(), 2);
}

#[test]
fn a_mail_server_that_is_not_there_is_said_in_one_line() {
    let port = unused_port();
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path();
    for (key, value) in [
        ("smtp_host", "127.0.0.1"),
        ("smtp_port", &port.to_string()),
        ("smtp_security", "plain"),
        ("from_email", "ann@bakery.example"),
        ("daily_digest", "yes"),
    ] {
        ok(book, &["settings", "set", key, value]);
    }
    let failed = fails(book, &["digest", "--send", "--daily"]);
    assert!(
        failed.contains("The mail server did not take the digest"),
        "{failed}"
    );
    // Not recorded as sent: the next run tries again.
    let failed = fails(book, &["digest", "--send", "--daily"]);
    assert!(failed.contains("did not take the digest"), "{failed}");
}
