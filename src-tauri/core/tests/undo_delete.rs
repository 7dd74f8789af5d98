//! Deleting a contact and undoing it puts back everything about them, on both kinds of book:
//! the timeline, which gesture each "sent" entry was, where each complaint's loop stands, the
//! follow-ups and the referrals.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use common::{on_both, person, today};
use rapport_core::cards::FontSet;
use rapport_core::contacts::{NewTouchpoint, TouchpointKind};
use rapport_core::gestures::{Delivery, GestureRequest, LoopStage, LoopStep};
use rapport_core::Book;

on_both!(undo_puts_back_the_gestures_and_the_complaint_loops);

fn undo_puts_back_the_gestures_and_the_complaint_loops(book: &mut Book) {
    let ann = common::add(book, person("Ann", "Lee"));
    let complaint = book
        .log_touchpoint(
            ann,
            NewTouchpoint {
                kind: TouchpointKind::Complaint,
                happened_on: today(),
                note: "cake was late".into(),
                handled_by: String::new(),
            },
            today(),
        )
        .expect("complaint")
        .id;
    let mut apology = GestureRequest::new("apology", ann);
    apology.about = Some(complaint);
    book.give_gesture(&apology, &Delivery::InPerson, FontSet::shared(), today())
        .expect("apologised");
    book.complaint_step(
        complaint,
        &LoopStep::PutRight {
            what: "a new cake".into(),
            by: "Bo".into(),
        },
        today(),
    )
    .expect("put right");
    let before = book.complaint_loop(complaint).expect("loop");
    assert_eq!(before.stage, LoopStage::PutRight);
    // Ann sent us Bo and was thanked for it: Today asks for nothing.
    let bo = common::add(book, person("Bo", "Ek"));
    book.set_referrer(bo, Some(ann), today()).expect("referral");
    let thanks = GestureRequest::new("referral-thanks", ann);
    book.give_gesture(&thanks, &Delivery::InPerson, FontSet::shared(), today())
        .expect("thanked");
    assert_eq!(book.today(today()).expect("today").referral_thanks_count, 0);

    let deleted = book.delete_contact(ann).expect("delete");
    book.undo_delete(&deleted).expect("undo");

    let after = book.complaint_loop(complaint).expect("loop after undo");
    assert_eq!(after, before, "the loop stands where it stood");
    let timeline = book.contact(ann).expect("Ann").timeline;
    assert!(timeline.iter().any(|t| t.id == complaint && t.resolved));
    // The thank-you entry still knows it was one: Today does not ask for it again.
    assert_eq!(
        book.today(today()).expect("today").referral_thanks_count,
        0,
        "the referral is back, and so is the record of its thank-you"
    );
}
