//! Follow-ups on both kinds of book: added, listed on Today, done (logging the touchpoint),
//! undone from the timeline, moved, removed; kept through archive, merge, delete and undo; in the
//! calendar and the digest. And the touchpoint kind "question".

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use chrono::Days;
use common::{day, on_both, person, today};
use rapport_core::contacts::{NewTouchpoint, TouchpointKind};
use rapport_core::error::ErrorCode;
use rapport_core::follow_ups::{FollowUpDone, NewFollowUp};
use rapport_core::Book;

on_both!(
    a_follow_up_is_listed_when_due_and_done_logs_the_touchpoint,
    follow_ups_are_checked_and_staff_named_as_the_team_knows_them,
    follow_ups_go_with_their_contact,
    follow_ups_are_in_the_calendar_and_the_digest,
    a_question_is_logged_and_counts_as_being_in_touch,
);

fn follow(on: chrono::NaiveDate, note: &str, staff: &str) -> NewFollowUp {
    NewFollowUp {
        due_on: on,
        note: note.into(),
        assigned_to: staff.into(),
    }
}

/// Everything an error says: its message and each field's.
fn said(error: &rapport_core::Error) -> String {
    let mut all = error.to_string();
    for field in error.field_errors() {
        all.push_str(&format!(" {}: {}", field.field, field.message));
    }
    all
}

fn ago(days: u64) -> chrono::NaiveDate {
    today() - Days::new(days)
}

fn a_follow_up_is_listed_when_due_and_done_logs_the_touchpoint(book: &mut Book) {
    book.add_staff("Maja Berg", "Counter", None).expect("staff");
    let ann = common::add(book, person("Ann", "Lee"));
    let overdue = book
        .add_follow_up(
            ann,
            follow(ago(2), "  Call back about the cake order  ", "maja berg"),
            today(),
        )
        .expect("add");
    assert_eq!(overdue.note, "Call back about the cake order");
    assert_eq!(
        overdue.assigned_to, "Maja Berg",
        "named as the team knows her"
    );
    assert!(overdue.is_open());
    let later = book
        .add_follow_up(
            ann,
            follow(today() + Days::new(1), "Ask how the party went", ""),
            today(),
        )
        .expect("add later");

    let view = book.today(today()).expect("today");
    assert_eq!(view.follow_up_count, 1, "only the one due is on Today");
    assert_eq!(view.follow_ups[0].follow_up.id, overdue.id);
    assert_eq!(view.follow_ups[0].days_overdue, 2);
    assert_eq!(view.follow_ups[0].contact.display_name, "Ann Lee");
    let (open, total) = book.open_follow_ups(today(), 50).expect("open");
    assert_eq!(total, 2);
    assert_eq!(
        open.iter().map(|f| f.follow_up.id).collect::<Vec<_>>(),
        [overdue.id, later.id],
        "soonest first"
    );
    let page = book.contact(ann).expect("page");
    assert_eq!(page.follow_ups.len(), 2);

    let logged = book
        .complete_follow_up(overdue.id, FollowUpDone::default(), today())
        .expect("done");
    assert_eq!(logged.kind, TouchpointKind::Call, "a call unless told");
    assert_eq!(logged.note, "Call back about the cake order");
    assert_eq!(logged.handled_by, "Maja Berg", "the one it was for did it");
    assert_eq!(logged.happened_on, today());
    assert_eq!(book.today(today()).expect("today").follow_up_count, 0);
    let page = book.contact(ann).expect("page");
    assert_eq!(page.contact.last_contacted, Some(today()));
    assert_eq!(page.timeline[0].id, logged.id);
    let done = page.follow_ups.iter().find(|f| f.id == overdue.id).unwrap();
    assert_eq!(done.done_by_touchpoint, Some(logged.id));
    assert_eq!(
        book.complete_follow_up(overdue.id, FollowUpDone::default(), today())
            .expect_err("twice")
            .code(),
        ErrorCode::Conflict,
        "a follow-up is done once"
    );

    // Undo on the timeline opens it again.
    book.delete_touchpoint(logged.id).expect("undo");
    assert!(book.follow_up(overdue.id).expect("read").is_open());
    assert_eq!(book.today(today()).expect("today").follow_up_count, 1);

    // Done as something else, by someone else, with its own words.
    let logged = book
        .complete_follow_up(
            overdue.id,
            FollowUpDone {
                kind: Some(TouchpointKind::Email),
                happened_on: Some(ago(1)),
                note: Some("Mailed the new price list".into()),
                handled_by: Some("Tom".into()),
            },
            today(),
        )
        .expect("done as an email");
    assert_eq!(
        (
            logged.kind,
            logged.happened_on,
            logged.note.as_str(),
            logged.handled_by.as_str()
        ),
        (
            TouchpointKind::Email,
            ago(1),
            "Mailed the new price list",
            "Tom"
        )
    );

    // Moved to another day, then removed.
    let moved = book
        .change_follow_up(
            later.id,
            follow(ago(1), "Ask how the party went", ""),
            today(),
        )
        .expect("move");
    assert_eq!(moved.due_on, ago(1));
    assert_eq!(book.today(today()).expect("today").follow_up_count, 1);
    book.delete_follow_up(later.id).expect("remove");
    assert_eq!(book.today(today()).expect("today").follow_up_count, 0);
    assert_eq!(
        book.delete_follow_up(later.id).expect_err("gone").code(),
        ErrorCode::NotFound
    );
}

fn follow_ups_are_checked_and_staff_named_as_the_team_knows_them(book: &mut Book) {
    let ann = common::add(book, person("Ann", "Lee"));
    let refused = book
        .add_follow_up(ann, follow(today(), "Call", "Maja"), today())
        .expect_err("no such staff member");
    assert_eq!(refused.code(), ErrorCode::Invalid);
    // The team's book has its owner on the staff from the start; a book file has nobody.
    if book.staff().expect("staff").is_empty() {
        assert!(said(&refused).contains("no staff yet"), "{refused}");
    }

    let maja = book.add_staff("Maja Berg", "", None).expect("staff");
    let by_number = book
        .add_follow_up(ann, follow(today(), "Call", &maja.id.to_string()), today())
        .expect("by number");
    assert_eq!(by_number.assigned_to, "Maja Berg");
    let unknown = book
        .add_follow_up(ann, follow(today(), "Call", "Bo"), today())
        .expect_err("unknown staff");
    assert!(
        said(&unknown).contains("Maja Berg"),
        "lists the staff: {unknown}"
    );

    for (new, field) in [
        (follow(today(), "   ", ""), "note"),
        (follow(today(), &"x".repeat(2_001), ""), "note"),
        (follow(day(1850, 1, 1), "Call", ""), "dueOn"),
        (follow(today() + Days::new(4_000), "Call", ""), "dueOn"),
    ] {
        let refused = book.add_follow_up(ann, new, today()).expect_err(field);
        assert_eq!(refused.code(), ErrorCode::Invalid);
        assert!(
            refused.field_errors().iter().any(|f| f.field == field),
            "{field}: {refused}"
        );
    }
    assert_eq!(
        book.add_follow_up(ann + 99, follow(today(), "Call", ""), today())
            .expect_err("no such contact")
            .code(),
        ErrorCode::NotFound
    );
    let refused = book
        .complete_follow_up(
            by_number.id,
            FollowUpDone {
                kind: Some(TouchpointKind::CardSent),
                ..FollowUpDone::default()
            },
            today(),
        )
        .expect_err("not a kind the owner logs");
    assert_eq!(refused.code(), ErrorCode::Invalid);
    assert!(
        book.follow_up(by_number.id).expect("read").is_open(),
        "nothing logged"
    );
    // Any script and a multi-line note are kept as typed.
    let words = "Rückruf wegen der Torte — 蛋糕\nשאלה על ההזמנה";
    let kept = book
        .add_follow_up(ann, follow(today(), words, ""), today())
        .expect("unicode");
    assert_eq!(kept.note, words);
}

fn follow_ups_go_with_their_contact(book: &mut Book) {
    let ann = common::add(book, person("Ann", "Lee"));
    let bo = common::add(book, person("Bo", "Ek"));
    let first = book
        .add_follow_up(ann, follow(ago(1), "Call about the order", ""), today())
        .expect("add");
    let done = book
        .add_follow_up(ann, follow(ago(3), "Send the quote", ""), today())
        .expect("add");
    let logged = book
        .complete_follow_up(done.id, FollowUpDone::default(), today())
        .expect("done");

    // Archived: off Today, back when restored.
    book.set_archived(&[ann], true).expect("archive");
    assert_eq!(book.today(today()).expect("today").follow_up_count, 0);
    book.set_archived(&[ann], false).expect("restore");
    assert_eq!(book.today(today()).expect("today").follow_up_count, 1);

    // Deleted and put back: both follow-ups, the done one still done by its entry.
    let deleted = book.delete_contact(ann).expect("delete");
    assert_eq!(deleted.follow_ups.len(), 2);
    assert_eq!(book.today(today()).expect("today").follow_up_count, 0);
    let back = book.undo_delete(&deleted).expect("undo");
    assert_eq!(back.follow_ups.len(), 2);
    assert_eq!(
        book.follow_up(done.id).expect("read").done_by_touchpoint,
        Some(logged.id)
    );
    assert_eq!(book.today(today()).expect("today").follow_up_count, 1);

    // Merged into Bo: the follow-ups move with the timeline.
    book.merge_contacts(bo, ann, &[], today()).expect("merge");
    let kept = book.follow_up(first.id).expect("read");
    assert_eq!(kept.contact_id, bo);
    assert_eq!(book.contact(bo).expect("page").follow_ups.len(), 2);
}

fn follow_ups_are_in_the_calendar_and_the_digest(book: &mut Book) {
    let ann = common::add(book, person("Ann", "Lee"));
    book.add_follow_up(
        ann,
        follow(today(), "Call back about the cake order", ""),
        today(),
    )
    .expect("add");
    book.add_follow_up(
        ann,
        follow(today() + Days::new(9), "Ask about the party", ""),
        today(),
    )
    .expect("add");
    let (ics, counts) = book
        .calendar_ics(today(), chrono::Utc::now())
        .expect("calendar");
    assert_eq!(counts.follow_ups, 2, "both dated follow-ups");
    assert!(ics.contains("SUMMARY:Follow up: Ann Lee"), "{ics}");
    assert!(ics.contains("Ask about the party"), "{ics}");
    let report = book.today_report(today()).expect("report");
    let text = rapport_core::digest::today_text(&report);
    assert!(text.contains("1 follow-up due"), "{text}");
    assert!(text.contains("Follow-ups due (1):"), "{text}");
    assert!(text.contains("Call back about the cake order"), "{text}");
}

fn a_question_is_logged_and_counts_as_being_in_touch(book: &mut Book) {
    let ann = common::add(book, person("Ann", "Lee"));
    let asked = book
        .log_touchpoint(
            ann,
            NewTouchpoint {
                kind: TouchpointKind::Question,
                happened_on: ago(1),
                note: "Are the cakes nut-free?".into(),
                handled_by: String::new(),
            },
            today(),
        )
        .expect("question");
    assert_eq!(asked.kind, TouchpointKind::Question);
    assert_eq!(
        TouchpointKind::parse("Question").expect("parse"),
        TouchpointKind::Question
    );
    let page = book.contact(ann).expect("page");
    assert_eq!(page.timeline[0].kind, TouchpointKind::Question);
    assert_eq!(page.contact.last_contacted, Some(ago(1)));
}
