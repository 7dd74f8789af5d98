//! The store's functions on both backends: every test body below runs twice, on a fresh book
//! file (SQLite) and on a fresh team book on the test PostgreSQL server, with the same
//! assertions, so the two arms of the store give the same answers.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "../common/mod.rs"]
mod common;
#[path = "../pictures/mod.rs"]
mod pictures;

mod contacts;
mod house_answers;
mod team;
mod timeline;

use std::sync::Arc;

use common::pg::fresh_book;
use common::{day, person, today};
use rapport_core::cards::FontSet;
use rapport_core::contacts::{
    ArchiveFilter, Birthday, ContactDetail, ContactEdit, ContactInput, ContactSave, LabeledValue,
    ListQuery, NewTouchpoint, PostalAddress, SortKey, TouchpointKind,
};
use rapport_core::error::ErrorCode;
use rapport_core::gestures::{
    Delivery, GesturePhoto, GestureRequest, LoopStage, LoopStep, Outcome,
};
use rapport_core::photos::{BoardArea, PhotoKind};
use rapport_core::search_text::fold;
use rapport_core::store::postgres::ServerBook;
use rapport_core::store::{NewContact, Store};
use rapport_core::welcome::PhotoChoice;
use rapport_core::Book;

use common::{file_book, on_both, server_book};

fn labeled(value: &str) -> Vec<LabeledValue> {
    vec![LabeledValue {
        label: "work".into(),
        value: value.into(),
    }]
}

fn ann() -> ContactInput {
    ContactInput {
        company: "Acme".into(),
        job_title: "Baker".into(),
        emails: labeled("ann@example.com"),
        phones: labeled("(555) 123-4567"),
        addresses: vec![PostalAddress {
            label: "home".into(),
            street: "1 Rye Lane\nFlat 2".into(),
            city: "Leeds".into(),
            region: String::new(),
            postal_code: "LS1 1AA".into(),
            country: "GB".into(),
        }],
        tags: vec!["VIP".into(), "Regulars".into()],
        birthday: Some(Birthday {
            month: 3,
            day: 14,
            year: Some(1980),
        }),
        customer_since: Some(day(2020, 1, 5)),
        keep_in_touch_days: Some(30),
        notes: "likes rye\tbread \\ crusts".into(),
        ..person("Ann", "Lee")
    }
}

fn code_of(result: rapport_core::Result<impl std::fmt::Debug>) -> ErrorCode {
    result.expect_err("an error").code()
}

fn names(book: &Book, query: &ListQuery) -> Vec<String> {
    book.list(query)
        .expect("list")
        .rows
        .into_iter()
        .map(|r| r.display_name)
        .collect()
}

fn search(book: &Book, text: &str) -> Vec<String> {
    names(
        book,
        &ListQuery {
            search: text.into(),
            limit: 50,
            ..ListQuery::default()
        },
    )
}

fn touch(kind: TouchpointKind, on: chrono::NaiveDate, by: &str) -> NewTouchpoint {
    NewTouchpoint {
        kind,
        happened_on: on,
        note: format!("{kind:?} note"),
        handled_by: by.into(),
    }
}

fn edit_from(read: &ContactDetail, input: ContactInput) -> ContactEdit {
    ContactEdit {
        base: read.contact.fields.clone(),
        base_version: read.version,
        input,
    }
}
