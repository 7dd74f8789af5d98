//! Search on the server finds the same people as on the SQLite book: the same contacts added to
//! both, the same queries asked of both books' contact lists.

mod common;

use std::collections::BTreeSet;

use common::pg::fresh_book;
use common::{add, new_book, person, search};
use rapport_core::contacts::{ContactInput, LabeledValue};

fn labeled(value: &str) -> Vec<LabeledValue> {
    vec![LabeledValue {
        label: "work".into(),
        value: value.into(),
    }]
}

fn people() -> Vec<ContactInput> {
    let mut list = Vec::new();
    let mut jose = person("José", "García");
    jose.company = "Café Olé".into();
    jose.emails = labeled("jose@example.com");
    jose.phones = labeled("+34 612 345 678");
    jose.tags = vec!["VIP".into()];
    jose.notes = "likes churros".into();
    list.push(jose);
    let mut ann = person("Ann", "Lee");
    ann.notes = "talked about rye bread".into();
    ann.phones = labeled("(555) 123-4567");
    list.push(ann);
    let mut mark = person("Mark", "Smith");
    mark.notes = "met Lee at the market".into();
    mark.emails = labeled("mark@bakery.example");
    list.push(mark);
    list.push(person("Łukasz", "Nowak"));
    list.push(person("Ingrid", "Ødegård"));
    list.push(person("Νίκος", "Παπαδόπουλος"));
    list.push(person("小明", "王"));
    list.push(person("محمد", "علي"));
    list.push(person("Seán", "O'Brien"));
    let mut zoe = person("Zoë", "Müller");
    zoe.company = "Müller & Söhne".into();
    zoe.emails = labeled("zoe@mueller.de");
    zoe.tags = vec!["Regulars".into(), "VIP".into()];
    zoe.phones = labeled("+49 30 1234 5678");
    list.push(zoe);
    let mut bread = person("Bree", "Baker");
    bread.nickname = "Breadie".into();
    bread.company = "Leeds Bread Co".into();
    list.push(bread);
    list
}

const QUERIES: &[&str] = &[
    "jose",
    "JOSÉ gar",
    "garcia",
    "cafe",
    "ole",
    "odeg",
    "lukasz",
    "νικ",
    "παπαδ",
    "王",
    "小明",
    "محمد",
    "obrien",
    "o'brien",
    "brien",
    "lee",
    "le",
    "rye",
    "vip",
    "regulars",
    "example",
    "bakery",
    "muller",
    "mueller",
    "sohne",
    "612 345",
    "5678",
    "+34",
    "555-12",
    "4567",
    "mu",
    "bre",
    "breadie",
    "leeds",
    "zz",
    "churros likes",
    "ann lee",
    "mark market",
];

#[test]
fn the_server_finds_the_same_people_as_the_file() {
    let (_dir, mut file_book) = new_book();
    let server_book = fresh_book();
    let desk_dir = tempfile::tempdir().expect("temp dir");
    let mut desk = server_book.desk(&server_book.owner, desk_dir.path());
    for input in people() {
        add(&mut file_book, input.clone());
        add(&mut desk, input);
    }
    let mut found_any = 0;
    for query in QUERIES {
        let on_file = search(&file_book, query);
        let on_server = search(&desk, query);
        let file_set: BTreeSet<&String> = on_file.iter().collect();
        let server_set: BTreeSet<&String> = on_server.iter().collect();
        assert_eq!(file_set, server_set, "query {query:?}");
        // The best match comes first on both (a name before a mention in the notes).
        assert_eq!(on_file.first(), on_server.first(), "first for {query:?}");
        if !on_file.is_empty() {
            found_any += 1;
        }
    }
    assert!(found_any >= QUERIES.len() - 2, "the queries find people");
    assert_eq!(
        search(&file_book, "lee").first().map(String::as_str),
        Some("Ann Lee")
    );
}
