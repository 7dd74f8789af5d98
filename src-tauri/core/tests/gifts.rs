//! Gifts and vouchers on both kinds of book: given, on the timeline and in the goodwill ledger,
//! refused when they make no sense, and kept through delete and undo.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use common::{day, on_both, person, today};
use rapport_core::contacts::{NewGift, TouchpointKind};
use rapport_core::error::ErrorCode;
use rapport_core::Book;

on_both!(a_gift_is_on_the_timeline_and_in_the_ledger_and_survives_undo);

fn gift(what: &str, cents: Option<i64>, occasion: &str) -> NewGift {
    NewGift {
        what: what.into(),
        value_cents: cents,
        occasion: occasion.into(),
        given_on: None,
    }
}

fn a_gift_is_on_the_timeline_and_in_the_ledger_and_survives_undo(book: &mut Book) {
    let ann = common::add(book, person("Ann", "Lee"));
    let logged = book
        .give_gift(
            ann,
            gift("  A bunch of tulips ", Some(1250), "birthday"),
            today(),
        )
        .expect("gift");
    assert_eq!(logged.kind, TouchpointKind::Gift);
    assert_eq!(
        logged.note,
        "A bunch of tulips \u{2014} birthday (value 12.50)"
    );
    book.give_gift(
        ann,
        NewGift {
            given_on: Some(day(2026, 11, 1)),
            ..gift("Coffee voucher", Some(300), "")
        },
        today(),
    )
    .expect("voucher");
    let ledger = book.goodwill(ann, today()).expect("ledger");
    assert_eq!((ledger.gifts, ledger.gift_value_cents), (2, 1550));
    assert!(
        ledger.summary.contains("2 gifts (worth 15.50)"),
        "{}",
        ledger.summary
    );
    assert_eq!(
        book.contact(ann).expect("Ann").contact.last_contacted,
        Some(today()),
        "a gift counts as being in touch"
    );

    for (bad, field) in [
        (gift("   ", None, ""), "what"),
        (gift("tulips", Some(-5), ""), "valueCents"),
        (gift(&"x".repeat(501), None, ""), "what"),
    ] {
        let refused = book.give_gift(ann, bad, today()).expect_err(field);
        assert_eq!(refused.code(), ErrorCode::Invalid);
        assert!(
            refused.field_errors().iter().any(|f| f.field == field),
            "{refused}"
        );
    }
    assert_eq!(
        book.give_gift(ann + 99, gift("tulips", None, ""), today())
            .expect_err("missing")
            .code(),
        ErrorCode::NotFound
    );

    let deleted = book.delete_contact(ann).expect("delete");
    book.undo_delete(&deleted).expect("undo");
    let ledger = book.goodwill(ann, today()).expect("ledger after undo");
    assert_eq!(
        (ledger.gifts, ledger.gift_value_cents),
        (2, 1550),
        "values kept"
    );

    // Undo of one gift (deleting its entry) takes its value with it.
    book.delete_touchpoint(logged.id).expect("undo the gift");
    assert_eq!(
        book.goodwill(ann, today())
            .expect("ledger")
            .gift_value_cents,
        300
    );
}
