//! `rapport occasions`: the calendar with next dates, adding and removing own occasions.

mod common;

use common::*;

use serde_json::Value;

fn next_of(list: &Value, id: &str) -> String {
    list.as_array()
        .expect("array")
        .iter()
        .find(|o| o["occasion"]["id"] == id)
        .unwrap_or_else(|| panic!("{id} not listed"))["next"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn occasions_lists_the_calendar_soonest_first_with_next_dates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let list = json(dir.path(), &["occasions"]);
    assert_eq!(list[0]["occasion"]["id"], "thanksgiving-us");
    assert_eq!(list[0]["next"], "2026-11-26");
    assert_eq!(list[0]["inDays"], 3);
    assert_eq!(next_of(&list, "thanksgiving-ca"), "2027-10-11");
    assert_eq!(next_of(&list, "mothering-sunday-uk"), "2027-03-07");
    let in_2030 = json(dir.path(), &["occasions", "--year", "2030"]);
    assert_eq!(next_of(&in_2030, "thanksgiving-us"), "2030-11-28");
    assert_eq!(in_2030[0]["occasion"]["id"], "new-year");
}

#[test]
fn own_occasions_are_added_and_removed_and_bad_ones_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let shop = json(
        dir.path(),
        &[
            "occasions",
            "add",
            "--name",
            "Shop birthday",
            "--date",
            "03-14",
        ],
    );
    let id = shop["id"].as_str().expect("id").to_string();
    assert!(id.starts_with("custom-"));
    let sale = json(
        dir.path(),
        &[
            "occasions",
            "add",
            "--name",
            "Harvest sale",
            "--nth",
            "last",
            "--weekday",
            "fri",
            "--month",
            "9",
        ],
    );
    assert_eq!(sale["description"], "last Friday of September");
    let once = json(
        dir.path(),
        &[
            "occasions",
            "add",
            "--name",
            "Reopening",
            "--on",
            "2027-01-09",
        ],
    );
    let list = json(dir.path(), &["occasions"]);
    assert_eq!(next_of(&list, &id), "2027-03-14");
    assert_eq!(
        next_of(&list, sale["id"].as_str().expect("id")),
        "2027-09-24"
    );
    assert_eq!(
        next_of(&list, once["id"].as_str().expect("id")),
        "2027-01-09"
    );
    let count = list.as_array().expect("array").len();

    fails(
        dir.path(),
        &["occasions", "add", "--name", "X", "--date", "02-31"],
    );
    fails(
        dir.path(),
        &["occasions", "add", "--name", "X", "--date", "tomorrow"],
    );
    fails(
        dir.path(),
        &[
            "occasions",
            "add",
            "--name",
            "X",
            "--nth",
            "5",
            "--weekday",
            "mon",
            "--month",
            "1",
        ],
    );
    fails(
        dir.path(),
        &[
            "occasions",
            "add",
            "--name",
            "X",
            "--nth",
            "2",
            "--weekday",
            "funday",
            "--month",
            "1",
        ],
    );
    fails(dir.path(), &["occasions", "add", "--name", "X"]);
    fails(
        dir.path(),
        &["occasions", "add", "--name", "", "--date", "01-02"],
    );
    fails(
        dir.path(),
        &["occasions", "add", "--name", "X", "--on", "2027-02-30"],
    );
    fails(dir.path(), &["occasions", "remove", "thanksgiving-us"]);
    fails(dir.path(), &["occasions", "remove", "custom-999"]);
    assert_eq!(
        json(dir.path(), &["occasions"])
            .as_array()
            .expect("array")
            .len(),
        count,
        "nothing written by the refused commands"
    );

    json(dir.path(), &["occasions", "remove", &id]);
    let after = json(dir.path(), &["occasions"]);
    assert_eq!(after.as_array().expect("array").len(), count - 1);
    assert!(after
        .as_array()
        .expect("array")
        .iter()
        .all(|o| o["occasion"]["id"] != id.as_str()));
}
