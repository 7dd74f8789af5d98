//! "Referred by" on both kinds of book: noted, shown on both pages, suggested for a thank-you on
//! Today until one is given (whose words name the friend), and kept through delete, undo and
//! merge.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use common::{on_both, person, today};
use rapport_core::cards::FontSet;
use rapport_core::error::ErrorCode;
use rapport_core::gestures::{Delivery, GestureRequest};
use rapport_core::Book;

on_both!(
    a_referral_is_shown_on_both_pages_and_thanked_from_today,
    referrals_go_with_their_customers,
);

fn names(people: &[rapport_core::contacts::ContactSummary]) -> Vec<&str> {
    people.iter().map(|p| p.display_name.as_str()).collect()
}

fn a_referral_is_shown_on_both_pages_and_thanked_from_today(book: &mut Book) {
    let ann = common::add(book, person("Ann", "Lee"));
    let bo = common::add(book, person("Bo", "Ek"));
    book.set_referrer(bo, Some(ann), today()).expect("refer");
    let bo_page = book.contact(bo).expect("Bo");
    assert_eq!(
        bo_page
            .referred_by
            .as_ref()
            .map(|p| p.display_name.as_str()),
        Some("Ann Lee")
    );
    assert_eq!(names(&book.contact(ann).expect("Ann").referred), ["Bo Ek"]);

    let view = book.today(today()).expect("today");
    assert_eq!(view.referral_thanks_count, 1);
    assert_eq!(view.referral_thanks[0].referrer.display_name, "Ann Lee");
    assert_eq!(view.referral_thanks[0].referred.display_name, "Bo Ek");

    // The thank-you names the friend without being told.
    let thanks = GestureRequest::new("referral-thanks", ann);
    let preview = book.gesture_preview(&thanks, today()).expect("preview");
    assert!(preview.subject.contains("Bo Ek"), "{}", preview.subject);
    book.give_gesture(&thanks, &Delivery::InPerson, FontSet::shared(), today())
        .expect("thanked");
    assert_eq!(book.today(today()).expect("today").referral_thanks_count, 0);

    // Refusals, and nothing changed by them.
    let refused = book
        .set_referrer(ann, Some(ann), today())
        .expect_err("self");
    assert_eq!(refused.code(), ErrorCode::Invalid);
    let refused = book
        .set_referrer(bo, Some(bo + 99), today())
        .expect_err("missing");
    assert_eq!(refused.code(), ErrorCode::NotFound);
    assert_eq!(
        book.contact(bo).expect("Bo").referred_by.map(|p| p.id),
        Some(ann)
    );
    book.set_referrer(bo, None, today()).expect("cleared");
    assert!(book.contact(bo).expect("Bo").referred_by.is_none());
    assert!(book.contact(ann).expect("Ann").referred.is_empty());
}

fn referrals_go_with_their_customers(book: &mut Book) {
    let ann = common::add(book, person("Ann", "Lee"));
    let bo = common::add(book, person("Bo", "Ek"));
    let cy = common::add(book, person("Cy", "Ra"));
    book.set_referrer(bo, Some(ann), today())
        .expect("Ann sent Bo");
    book.set_referrer(ann, Some(cy), today())
        .expect("Cy sent Ann");

    // Ann deleted and put back: both of her referrals come back.
    let deleted = book.delete_contact(ann).expect("delete");
    assert_eq!(deleted.referrals.len(), 2);
    assert!(book.contact(bo).expect("Bo").referred_by.is_none());
    book.undo_delete(&deleted).expect("undo");
    assert_eq!(
        book.contact(bo).expect("Bo").referred_by.map(|p| p.id),
        Some(ann)
    );
    assert_eq!(
        book.contact(ann).expect("Ann").referred_by.map(|p| p.id),
        Some(cy)
    );

    // Cy merged into Ann: the referral between them goes; Ann still sent Bo.
    book.merge_contacts(ann, cy, &[], today()).expect("merge");
    let page = book.contact(ann).expect("Ann");
    assert!(page.referred_by.is_none(), "nobody sends us themselves");
    assert_eq!(names(&page.referred), ["Bo Ek"]);

    // Archived referrers are not suggested for a thank-you.
    book.set_archived(&[ann], true).expect("archive");
    assert_eq!(book.today(today()).expect("today").referral_thanks_count, 0);
}
