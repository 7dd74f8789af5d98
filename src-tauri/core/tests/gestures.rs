//! Gestures beyond the welcome and the complaint-to-forgiveness loop, through the book's API;
//! drafts read back by a mail parser that is not ours.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use common::smtp::{unused_port, use_server, SmtpServer};
use common::*;
use mail_parser::MessageParser;
use rapport_core::cards::FontSet;
use rapport_core::contacts::{NewTouchpoint, TouchpointKind};
use rapport_core::gestures::{
    Delivery, GesturePhoto, GestureRequest, LoopStage, LoopStep, Outcome,
};
use rapport_core::Book;

fn log(book: &mut Book, id: i64, kind: TouchpointKind, note: &str, by: &str) -> i64 {
    book.log_touchpoint(
        id,
        NewTouchpoint {
            kind,
            happened_on: today(),
            note: note.into(),
            handled_by: by.into(),
        },
        today(),
    )
    .unwrap()
    .id
}

fn set_up(book: &mut Book) -> i64 {
    book.set_setting("business_name", "Tulip & Co").unwrap();
    book.set_setting("signature", "Ann").unwrap();
    book.set_setting("from_email", "ann@tulip.example").unwrap();
    add(book, with_email(person("Zoë", "Ødegård"), "zoe@example.no"))
}

#[test]
fn a_thank_you_after_a_purchase_names_it_and_is_recorded_with_undo() {
    let (dir, mut book) = new_book();
    let id = set_up(&mut book);
    log(
        &mut book,
        id,
        TouchpointKind::Purchase,
        "wedding bouquet",
        "Bo",
    );
    let mut req = GestureRequest::new("thank-you", id);
    req.photo = GesturePhoto::None;
    let preview = book.gesture_preview(&req, today()).unwrap();
    assert_eq!(preview.subject, "Thank you, Zoë!");
    assert!(
        preview.text.contains("enjoy the wedding bouquet"),
        "{}",
        preview.text
    );
    let path = dir.path().join("thanks.eml");
    let done = book
        .give_gesture(
            &req,
            &Delivery::Eml {
                path: Some(path.display().to_string()),
            },
            FontSet::shared(),
            today(),
        )
        .unwrap();
    let raw = std::fs::read(&path).unwrap();
    let parsed = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(parsed.subject(), Some("Thank you, Zoë!"));
    assert!(parsed.body_text(0).unwrap().contains("wedding bouquet"));
    assert_eq!(done.touchpoint.kind, TouchpointKind::GestureSent);
    assert!(done.touchpoint.note.starts_with("Thank-you sent"));
    let count = |book: &Book| book.contact(id).unwrap().timeline.len();
    assert_eq!(count(&book), 2);
    book.delete_touchpoint(done.touchpoint.id).unwrap();
    assert_eq!(count(&book), 1, "Undo removes exactly the entry it made");
}

#[test]
fn a_thank_you_over_smtp_arrives_and_the_book_is_free_while_it_goes() {
    let server = SmtpServer::start(None);
    let (_dir, mut book) = new_book();
    let id = set_up(&mut book);
    use_server(&mut book, server.port);
    log(&mut book, id, TouchpointKind::Purchase, "tulips", "Bo");
    let count = |book: &Book| book.contact(id).unwrap().timeline.len();
    let mut req = GestureRequest::new("thank-you", id);
    req.photo = GesturePhoto::None;
    // Gathered with the book held; the book is then free for other work while the mail goes.
    let run = book
        .prepare_gesture(&req, &Delivery::Smtp, today())
        .unwrap();
    let other = add(&mut book, person("Bo", "Lindqvist"));
    let delivered = run.deliver(FontSet::shared()).unwrap();
    assert_eq!(
        count(&book),
        1,
        "nothing is recorded until the mail has gone"
    );
    let done = book.record_gesture_given(delivered, today()).unwrap();

    let received = server.received.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].0, ["<zoe@example.no>"]);
    let parsed = MessageParser::default()
        .parse(received[0].1.as_bytes())
        .unwrap();
    assert_eq!(parsed.subject(), Some("Thank you, Zoë!"));
    assert!(parsed.body_text(0).unwrap().contains("tulips"));
    assert_eq!(
        parsed.message_id().map(|m| format!("<{m}>")),
        done.message_id
    );
    assert_eq!(done.delivery, "smtp");
    assert!(
        done.touchpoint.note.contains("sent by email"),
        "{}",
        done.touchpoint.note
    );
    assert_eq!(count(&book), 2);
    assert!(book.contact(other).unwrap().timeline.is_empty());
}

#[test]
fn a_gesture_the_mail_server_does_not_take_records_nothing_and_says_why() {
    let (_dir, mut book) = new_book();
    let id = set_up(&mut book);
    let mut req = GestureRequest::new("check-in", id);
    req.photo = GesturePhoto::None;
    // No mail server set: refused before anything is drawn or sent.
    let refused = book
        .give_gesture(&req, &Delivery::Smtp, FontSet::shared(), today())
        .unwrap_err()
        .to_string();
    assert!(refused.contains("smtp_host"), "{refused}");
    // A server that is not there: the mail fails, nothing lands on the timeline.
    use_server(&mut book, unused_port());
    let failed = book
        .give_gesture(&req, &Delivery::Smtp, FontSet::shared(), today())
        .unwrap_err()
        .to_string();
    assert!(
        failed.contains("did not take") && failed.contains("Nothing was recorded"),
        "{failed}"
    );
    assert!(book.contact(id).unwrap().timeline.is_empty());
}

#[test]
fn the_composer_may_change_the_words_of_one_message_checked_as_a_template() {
    let (_dir, mut book) = new_book();
    let id = set_up(&mut book);
    log(&mut book, id, TouchpointKind::Purchase, "tulips", "Bo");
    let mut req = GestureRequest::new("thank-you", id);
    req.photo = GesturePhoto::None;
    req.subject = Some("For the {last_purchase}, {first_name}\r\n".into());
    req.text = Some("Dear {first_name},\r\n\r\nthank you.".into());
    let preview = book.gesture_preview(&req, today()).unwrap();
    assert_eq!(preview.subject, "For the tulips, Zoë");
    assert!(
        preview.text.starts_with("Dear Zoë,\n\nthank you."),
        "{}",
        preview.text
    );
    // The kind's template is unchanged.
    assert_eq!(
        book.gesture_kind("thank-you").unwrap().subject,
        "Thank you, {first_name}!"
    );
    req.text = Some("Thanks {shoe_size}".into());
    let refused = book.gesture_preview(&req, today()).unwrap_err().to_string();
    assert!(
        refused.contains("{shoe_size}") && refused.contains("{last_purchase}"),
        "{refused}"
    );
}

#[test]
fn unknown_fields_and_kinds_are_refused_with_the_known_ones_listed() {
    let (_dir, mut book) = new_book();
    set_up(&mut book);
    let error = book
        .set_gesture_template("thank-you", "Hi {frist_name}", "Thanks")
        .err()
        .unwrap();
    let text = error.to_string();
    assert!(
        text.contains("{frist_name}") && text.contains("{last_purchase}"),
        "{text}"
    );
    let error = book.gesture_kind("hug").err().unwrap().to_string();
    assert!(
        error.contains("thank-you") && error.contains("apology"),
        "{error}"
    );
    let own = book
        .add_gesture_kind(
            "Get well soon",
            "Get well, {first_name}",
            "Thinking of you.",
        )
        .unwrap();
    assert_eq!(own.kind, "get-well-soon");
    assert!(book
        .gesture_kinds()
        .unwrap()
        .iter()
        .any(|k| k.kind == own.kind));
}

#[test]
fn a_complaint_goes_round_the_loop_and_today_shows_the_next_step_when_due() {
    let (_dir, mut book) = new_book();
    let id = set_up(&mut book);
    let complaint = log(
        &mut book,
        id,
        TouchpointKind::Complaint,
        "the cake was late",
        "Bo",
    );
    let loops = book.open_loops(today()).unwrap();
    assert_eq!(loops.len(), 1);
    assert_eq!(loops[0].next_step, "Apologise");
    // The apology, done by phone, is the loop's first step.
    let mut req = GestureRequest::new("apology", id);
    req.photo = GesturePhoto::None;
    let preview = book.gesture_preview(&req, today()).unwrap();
    assert!(
        preview.text.contains("sorry about the cake was late"),
        "{}",
        preview.text
    );
    book.give_gesture(&req, &Delivery::InPerson, FontSet::shared(), today())
        .unwrap();
    assert_eq!(
        book.complaint_loop(complaint).unwrap().stage,
        LoopStage::Apologised
    );
    let error = book
        .complaint_step(
            complaint,
            &LoopStep::CheckedBack {
                outcome: Outcome::Happy,
                by: String::new(),
            },
            today(),
        )
        .err()
        .unwrap();
    assert_eq!(error.code(), rapport_core::ErrorCode::Conflict);
    let put_right = book
        .complaint_step(
            complaint,
            &LoopStep::PutRight {
                what: "baked a new one".into(),
                by: "Bo".into(),
            },
            today(),
        )
        .unwrap();
    assert!(book
        .contact(id)
        .unwrap()
        .timeline
        .iter()
        .any(|t| t.id == complaint && t.resolved));
    let loops = book.open_loops(today()).unwrap();
    assert_eq!(loops[0].next_step, "Check back");
    assert_eq!(loops[0].due_on, day(2026, 11, 30));
    assert!(!loops[0].due);
    assert!(book.open_loops(day(2026, 11, 30)).unwrap()[0].due);
    // Undo the step: the loop goes back, the complaint is open again.
    book.delete_touchpoint(put_right.id).unwrap();
    assert_eq!(
        book.complaint_loop(complaint).unwrap().stage,
        LoopStage::Apologised
    );
    assert!(book
        .contact(id)
        .unwrap()
        .timeline
        .iter()
        .any(|t| t.id == complaint && !t.resolved));
    book.complaint_step(
        complaint,
        &LoopStep::PutRight {
            what: "baked a new one".into(),
            by: "Bo".into(),
        },
        today(),
    )
    .unwrap();
    book.complaint_step(
        complaint,
        &LoopStep::CheckedBack {
            outcome: Outcome::Happy,
            by: "Ann".into(),
        },
        today(),
    )
    .unwrap();
    assert!(book.open_loops(today()).unwrap().is_empty());
    let count = book.complaints_ended_this_quarter(today()).unwrap();
    assert_eq!((count.happy, count.closed), (1, 1));
}

#[test]
fn a_customer_with_two_open_complaints_has_both_loops_under_their_own_name() {
    let (_dir, mut book) = new_book();
    let ann = add(&mut book, person("Ann", "Lee"));
    let bo = add(&mut book, person("Bo", "Ek"));
    let complain = |book: &mut Book, id: i64, on: chrono::NaiveDate, note: &str| {
        book.log_touchpoint(
            id,
            NewTouchpoint {
                kind: TouchpointKind::Complaint,
                happened_on: on,
                note: note.into(),
                handled_by: String::new(),
            },
            today(),
        )
        .unwrap()
        .id
    };
    complain(&mut book, ann, day(2026, 11, 1), "late cake");
    complain(&mut book, ann, day(2026, 11, 2), "wrong icing");
    let third = complain(&mut book, bo, day(2026, 11, 3), "cold coffee");
    book.complaint_step(third, &LoopStep::Apologised { by: String::new() }, today())
        .unwrap();

    let loops = book.open_loops(today()).unwrap();
    let seen: Vec<(&str, &str)> = loops
        .iter()
        .map(|l| (l.contact.display_name.as_str(), l.complaint.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("Ann Lee", "late cake"),
            ("Ann Lee", "wrong icing"),
            ("Bo Ek", "cold coffee")
        ],
        "oldest first, each under its own customer"
    );
    assert_eq!(loops[2].stage, LoopStage::Apologised);
    let first = book.open_loops_first(today(), 2).unwrap();
    assert_eq!(first.total, 3, "counted in all");
    assert_eq!(first.loops.len(), 2);
}

#[test]
fn an_apology_never_names_an_empty_person_as_looking_after_it() {
    let (_dir, mut book) = new_book();
    let id = add(&mut book, person("Olga", "Lind"));
    let complaint = log(
        &mut book,
        id,
        TouchpointKind::Complaint,
        "lilies wilted",
        "",
    );
    let mut apology = GestureRequest::new("apology", id);
    apology.about = Some(complaint);
    apology.photo = GesturePhoto::None;
    let text = |book: &Book| book.gesture_preview(&apology, today()).unwrap().text;
    assert!(
        text(&book).contains("Our team is looking after it"),
        "{}",
        text(&book)
    );
    book.set_setting("business_name", "Tulip & Co").unwrap();
    assert!(
        text(&book).contains("Tulip & Co is looking after it"),
        "{}",
        text(&book)
    );
    book.set_setting("signature", "Ann\nTulip & Co").unwrap();
    assert!(
        text(&book).contains("Ann is looking after it"),
        "{}",
        text(&book)
    );
}
