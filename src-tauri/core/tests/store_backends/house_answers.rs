//! House answers and the promises made to customers, on both backends.

use super::*;
use rapport_core::contacts::{HouseAnswerInput, MAX_HOUSE_ANSWERS};

on_both!(
    house_answers_are_kept_by_topic_and_checked,
    a_promise_rides_on_its_entry_and_the_last_one_is_shown,
);

fn answer(topic: &str, text: &str, is_promise: bool) -> HouseAnswerInput {
    HouseAnswerInput {
        topic: topic.into(),
        answer: text.into(),
        is_promise,
    }
}

fn house_answers_are_kept_by_topic_and_checked(book: &mut Book) {
    assert!(book.house_answers().expect("none yet").is_empty());
    let hours = book
        .add_house_answer(answer(" Opening hours ", "Tue–Sat 8–6\nSun 9–1", false))
        .expect("hours");
    assert_eq!(hours.topic, "Opening hours");
    let refund = book
        .add_house_answer(answer("Returns", "A refund within 14 days", true))
        .expect("returns");
    book.add_house_answer(answer("allergens", "Nuts in the praline only", false))
        .expect("allergens");
    let topics: Vec<String> = book
        .house_answers()
        .expect("list")
        .into_iter()
        .map(|a| a.topic)
        .collect();
    assert_eq!(
        topics,
        ["allergens", "Opening hours", "Returns"],
        "by topic, any case"
    );

    let changed = book
        .edit_house_answer(
            refund.id,
            answer("Returns", "A refund within 30 days", true),
        )
        .expect("edit");
    assert_eq!(changed.answer, "A refund within 30 days");
    assert!(changed.is_promise);
    assert_eq!(
        code_of(book.edit_house_answer(hours.id, answer("", "", false))),
        ErrorCode::Invalid
    );
    assert_eq!(
        code_of(book.edit_house_answer(9999, answer("Parking", "Behind the shop", false))),
        ErrorCode::NotFound
    );
    let removed = book.remove_house_answer(hours.id).expect("remove");
    assert_eq!(removed.topic, "Opening hours");
    assert_eq!(
        code_of(book.remove_house_answer(hours.id)),
        ErrorCode::NotFound
    );
    assert_eq!(book.house_answers().expect("list").len(), 2);

    // A short list: one past the limit is refused, and nothing is added.
    for n in 2..MAX_HOUSE_ANSWERS {
        book.add_house_answer(answer(&format!("Topic {n:03}"), "Yes", false))
            .expect("within the limit");
    }
    assert_eq!(
        code_of(book.add_house_answer(answer("One too many", "No", false))),
        ErrorCode::Invalid
    );
    assert_eq!(book.house_answers().expect("list").len(), MAX_HOUSE_ANSWERS);
}

fn a_promise_rides_on_its_entry_and_the_last_one_is_shown(book: &mut Book) {
    let ann = book.create_contact(ann(), today()).expect("add").contact.id;
    let complaint = book
        .log_promise(
            ann,
            touch(TouchpointKind::Complaint, day(2026, 11, 10), "Kim"),
            " A new cake\nby Friday ",
            today(),
        )
        .expect("complaint with a promise");
    let call = book
        .log_promise(
            ann,
            touch(TouchpointKind::Call, day(2026, 11, 12), "Sam"),
            "A refund within 14 days",
            today(),
        )
        .expect("call with a promise");
    // No promise typed: an ordinary entry.
    book.log_promise(
        ann,
        touch(TouchpointKind::Note, day(2026, 11, 13), "Sam"),
        "  ",
        today(),
    )
    .expect("a note");
    let page = book.contact(ann).expect("page");
    assert_eq!(page.timeline.len(), 3);
    let promises: Vec<(i64, &str, &str)> = page
        .promises
        .iter()
        .map(|p| (p.touchpoint_id, p.promise.as_str(), p.made_by.as_str()))
        .collect();
    assert_eq!(
        promises,
        [
            (call.id, "A refund within 14 days", "Sam"),
            (complaint.id, "A new cake by Friday", "Kim"),
        ],
        "newest first"
    );
    assert_eq!(page.promises[0].made_on, day(2026, 11, 12));

    // A promise too long is refused and the entry is not logged either.
    assert_eq!(
        code_of(book.log_promise(
            ann,
            touch(TouchpointKind::Call, today(), "Sam"),
            &"x".repeat(501),
            today(),
        )),
        ErrorCode::Invalid
    );
    assert_eq!(book.contact(ann).expect("page").timeline.len(), 3);

    // Deleting the entry takes its promise; deleting the contact and undoing brings all back.
    book.delete_touchpoint(call.id).expect("undo the call");
    assert_eq!(book.contact(ann).expect("page").promises.len(), 1);
    let deleted = book.delete_contact(ann).expect("delete");
    book.undo_delete(&deleted).expect("undo");
    let back = book.contact(ann).expect("back");
    assert_eq!(back.promises.len(), 1);
    assert_eq!(back.promises[0].promise, "A new cake by Friday");
}
