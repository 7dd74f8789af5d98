//! Replies and testimonials on both kinds of book: a reply to something sent, logged as the
//! owner picks and kept as a testimonial with permission; the list, the marks on the contact's
//! page, Undo, and the refusals.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use common::{on_both, person, today};
use rapport_core::cards::FontSet;
use rapport_core::contacts::{NewTouchpoint, TouchpointKind};
use rapport_core::error::ErrorCode;
use rapport_core::gestures::{Delivery, GestureRequest};
use rapport_core::testimonials::{MayQuote, NewReply, TestimonialTerms, TestimonialsFormat};
use rapport_core::Book;

on_both!(
    a_reply_is_logged_and_kept_as_a_testimonial,
    replies_and_testimonials_are_refused_where_they_make_no_sense,
);

/// Ann, with a thank-you sent to her: (contact, the sent entry).
fn thanked_customer(book: &mut Book) -> (i64, i64) {
    let ann = common::add(book, person("Ann", "Lee"));
    let done = book
        .give_gesture(
            &GestureRequest::new("thank-you", ann),
            &Delivery::InPerson,
            FontSet::shared(),
            today(),
        )
        .expect("thank-you");
    (ann, done.touchpoint.id)
}

fn reply(to: i64, text: &str, kind: TouchpointKind, terms: Option<TestimonialTerms>) -> NewReply {
    NewReply {
        reply_to: to,
        text: text.into(),
        kind,
        happened_on: None,
        testimonial: terms,
    }
}

fn a_reply_is_logged_and_kept_as_a_testimonial(book: &mut Book) {
    let (ann, sent) = thanked_customer(book);
    let terms = TestimonialTerms {
        may_quote: MayQuote::Yes,
        takes_calls: true,
    };
    let words = "  The best bread in town — «и хлеб», 最高のパン. \u{202E}RTL too  ";
    let logged = book
        .log_reply(
            reply(sent, words, TouchpointKind::Compliment, Some(terms)),
            today(),
        )
        .expect("reply");
    assert_eq!(logged.kind, TouchpointKind::Compliment);
    assert_eq!(logged.note, words.trim(), "kept as written, trimmed");
    let page = book.contact(ann).expect("Ann");
    assert_eq!(page.replies.len(), 1);
    assert_eq!(page.replies[0].reply_to, Some(sent));
    assert_eq!(page.testimonials[0].terms, terms);

    let quotable = book.testimonials(true).expect("quotable");
    assert_eq!(quotable.len(), 1);
    assert_eq!(quotable[0].contact.display_name, "Ann Lee");
    assert_eq!(quotable[0].compliment.id, logged.id);

    // Not to be quoted: listed with all, not among those that may be quoted.
    book.mark_testimonial(
        logged.id,
        Some(TestimonialTerms {
            may_quote: MayQuote::No,
            takes_calls: false,
        }),
        today(),
    )
    .expect("no quoting");
    assert!(book.testimonials(true).expect("quotable").is_empty());
    assert_eq!(book.testimonials(false).expect("all").len(), 1);

    // A complaint in reply is logged as one, and is no testimonial.
    book.log_reply(
        reply(sent, "The loaf was stale", TouchpointKind::Complaint, None),
        today(),
    )
    .expect("complaint");
    assert_eq!(book.contact(ann).expect("Ann").replies.len(), 2);

    // An ordinary compliment can be marked too; unmarking leaves the compliment.
    let kind_words = book
        .log_touchpoint(
            ann,
            NewTouchpoint {
                kind: TouchpointKind::Compliment,
                happened_on: today(),
                note: "Lovely staff".into(),
                handled_by: String::new(),
            },
            today(),
        )
        .expect("compliment");
    book.mark_testimonial(kind_words.id, Some(terms), today())
        .expect("mark");
    assert_eq!(book.testimonials(true).expect("quotable").len(), 1);
    book.mark_testimonial(kind_words.id, None, today())
        .expect("unmark");
    assert!(book.testimonials(true).expect("quotable").is_empty());

    // Undo of the reply (deleting its entry) takes its testimonial with it.
    book.delete_touchpoint(logged.id).expect("undo");
    assert!(book.testimonials(false).expect("all").is_empty());
    assert_eq!(book.contact(ann).expect("Ann").replies.len(), 1);
}

fn replies_and_testimonials_are_refused_where_they_make_no_sense(book: &mut Book) {
    let (ann, sent) = thanked_customer(book);
    let call = book
        .log_touchpoint(
            ann,
            NewTouchpoint {
                kind: TouchpointKind::Call,
                happened_on: today(),
                note: String::new(),
                handled_by: String::new(),
            },
            today(),
        )
        .expect("call");
    let terms = TestimonialTerms {
        may_quote: MayQuote::Yes,
        takes_calls: false,
    };
    for (bad, field) in [
        (reply(sent, "   ", TouchpointKind::Compliment, None), "text"),
        (
            reply(sent, &"x".repeat(100_001), TouchpointKind::Compliment, None),
            "text",
        ),
        (reply(sent, "hi", TouchpointKind::Purchase, None), "kind"),
        (
            reply(sent, "bad", TouchpointKind::Complaint, Some(terms)),
            "testimonial",
        ),
        (reply(call.id, "hi", TouchpointKind::Note, None), "replyTo"),
    ] {
        let refused = book.log_reply(bad, today()).expect_err(field);
        assert_eq!(refused.code(), ErrorCode::Invalid, "{field}");
        assert!(
            refused.field_errors().iter().any(|f| f.field == field),
            "{field}: {refused}"
        );
    }
    assert_eq!(
        book.log_reply(reply(sent + 999, "hi", TouchpointKind::Note, None), today())
            .expect_err("missing")
            .code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        book.mark_testimonial(call.id, Some(terms), today())
            .expect_err("a call is no testimonial")
            .code(),
        ErrorCode::Invalid
    );
    let page = book.contact(ann).expect("Ann");
    assert_eq!(
        page.timeline.len(),
        2,
        "nothing was written by the refusals"
    );
    assert!(page.replies.is_empty() && page.testimonials.is_empty());
}

/// The window gathers the quotes with the book held and renders the page without it: what was
/// gathered is what is printed, and a path that would replace the book is refused before that.
#[test]
fn quotes_are_gathered_with_the_book_and_printed_without_it() {
    let (dir, mut book) = common::new_book();
    let (ann, sent) = thanked_customer(&mut book);
    let terms = TestimonialTerms {
        may_quote: MayQuote::Yes,
        takes_calls: false,
    };
    book.log_reply(
        reply(
            sent,
            "Lovely bread",
            TouchpointKind::Compliment,
            Some(terms),
        ),
        today(),
    )
    .expect("reply");

    let onto_book = book
        .prepare_testimonials(book.book_file(), TestimonialsFormat::Pdf, today())
        .err()
        .expect("the book's own file is refused");
    assert!(onto_book.to_string().contains("book"), "{onto_book}");
    let month_onto_book = book.prepare_month_page(today(), book.book_file());
    assert!(month_onto_book.is_err(), "refused for the month page too");

    let out = dir.path().join("quotes.pdf");
    let run = book
        .prepare_testimonials(&out, TestimonialsFormat::Pdf, today())
        .expect("gathered");
    assert!(!out.exists(), "nothing is written while gathering");
    // The book is free meanwhile: a second compliment lands after the gathering.
    book.log_reply(
        reply(
            sent,
            "And the cake",
            TouchpointKind::Compliment,
            Some(terms),
        ),
        today(),
    )
    .expect("second reply");
    let written = run.write(FontSet::shared()).expect("printed");
    assert_eq!(written.count, 1, "the page has what was gathered");
    assert!(std::fs::read(&out).expect("the page").starts_with(b"%PDF"));
    assert_eq!(book.contact(ann).expect("Ann").testimonials.len(), 2);

    let month = dir.path().join("month.pdf");
    let page = book.prepare_month_page(today(), &month).expect("gathered");
    assert_eq!(page.write(FontSet::shared()).expect("month").count, 2);
}
