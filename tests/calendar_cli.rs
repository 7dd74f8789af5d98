//! `rapport calendar --out FILE` and the `rapport.ics` kept current in the data folder, read
//! back by Python's `icalendar` (and its recurrences expanded by `dateutil`): a parser that is
//! not ours. Names in several scripts, with commas, semicolons and backslashes.

mod common;

use common::*;

use std::path::Path;

use serde_json::Value;

/// Reads an .ics file with Python's icalendar and prints each event as JSON, with the
/// birthdays' and anniversaries' dates in 2027–2029 as dateutil expands their rule.
const READ_BACK: &str = r#"
import json, sys, datetime
from icalendar import Calendar
from dateutil.rrule import rrulestr
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = {"name": str(cal.get('x-wr-calname')), "version": str(cal.get('version')), "events": []}
for ev in cal.walk('VEVENT'):
    start = ev.decoded('dtstart')
    item = {
        "uid": str(ev.get('uid')),
        "summary": str(ev.get('summary')),
        "description": str(ev.get('description', '')),
        "start": start.isoformat(),
        "allDay": not isinstance(start, datetime.datetime),
        "end": ev.decoded('dtend').isoformat(),
        "stamp": ev.decoded('dtstamp').isoformat(),
        "category": ev.get('categories').to_ical().decode() if ev.get('categories') else "",
    }
    rule = ev.get('rrule')
    if rule:
        text = rule.to_ical().decode()
        item["rrule"] = ";".join(sorted(text.split(";")))
        first = datetime.datetime.combine(start, datetime.time())
        dates = rrulestr(text, dtstart=first).between(
            datetime.datetime(2027, 1, 1), datetime.datetime(2029, 12, 31), inc=True)
        item["dates"] = [d.date().isoformat() for d in dates]
    out["events"].append(item)
print(json.dumps(out))
"#;

fn read_back(file: &Path) -> Value {
    // The system's Python: setup.sh installs Debian's python3-icalendar for it.
    let printed = tool(
        "/usr/bin/python3",
        &["-c", READ_BACK, file.to_str().unwrap()],
    );
    serde_json::from_str(&printed).expect("JSON from the reader")
}

fn event<'a>(calendar: &'a Value, uid: &str) -> &'a Value {
    calendar["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["uid"] == uid)
        .unwrap_or_else(|| panic!("no event {uid} in {calendar:#}"))
}

fn add(book: &Path, args: &[&str]) -> String {
    let mut all = vec!["contacts", "add"];
    all.extend_from_slice(args);
    ok(book, &all).trim().to_string()
}

#[test]
fn the_calendar_reads_back_with_every_name_date_and_rule() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    let book = book.as_path();
    let leap = add(
        book,
        &[
            "--first-name",
            "Zoë",
            "--last-name",
            "Ødegård",
            "--company",
            "Lee, Smith; Partners \\ Co",
            "--birthday",
            "--02-29",
            "--customer-since",
            "2024-02-29",
        ],
    );
    let chinese = add(
        book,
        &[
            "--first-name",
            "小明",
            "--last-name",
            "王",
            "--birthday",
            "1980-05-17",
        ],
    );
    let arabic = add(
        book,
        &[
            "--first-name",
            "فاطمة",
            "--last-name",
            "الزهراء",
            "--customer-since",
            "2026-10-01",
            "--keep-in-touch-days",
            "30",
        ],
    );
    let long = "Γιώργος-Αλέξανδρος Παπαδόπουλος-Καραγιάννης του Κωνσταντίνου";
    let greek = add(book, &["--first-name", long, "--birthday", "1975-12-31"]);
    let nobody = add(book, &["--first-name", "No", "--last-name", "Dates"]);
    let archived = add(book, &["--first-name", "Gone", "--birthday", "1990-01-01"]);
    ok(book, &["contacts", "archive", &archived]);
    ok(
        book,
        &["settings", "set", "business_name", "Ann's Bakery, York"],
    );

    let out_file = dir.path().join("exports").join("rapport.ics");
    let written = json(book, &["calendar", "--out", out_file.to_str().unwrap()]);
    assert_eq!(written["birthdays"], 3);
    assert_eq!(written["anniversaries"], 2);
    assert_eq!(written["followUps"], 1);

    // The octets themselves: CRLF everywhere, no line longer than 75 octets.
    let bytes = std::fs::read(&out_file).unwrap();
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "a bare LF");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(text.contains("\r\n "), "the long Greek name is folded");
    assert!(text.contains("\r\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1\r\n"));

    let cal = read_back(&out_file);
    assert_eq!(cal["version"], "2.0");
    assert_eq!(cal["name"], "Rapport: Ann's Bakery, York");

    // 29 February: a yearly event on the last day of February.
    let b = event(&cal, &format!("rapport-birthday-{leap}@rapport.local"));
    assert_eq!(
        b["summary"],
        "Birthday: Zoë Ødegård (Lee, Smith; Partners \\ Co)"
    );
    assert_eq!(b["allDay"], true);
    assert_eq!(b["start"], "2000-02-29");
    assert_eq!(b["end"], "2000-03-01");
    assert_eq!(b["rrule"], "BYMONTH=2;BYMONTHDAY=-1;FREQ=YEARLY");
    assert_eq!(
        b["dates"],
        serde_json::json!(["2027-02-28", "2028-02-29", "2029-02-28"])
    );
    assert_eq!(b["category"], "Birthday");

    let a = event(&cal, &format!("rapport-anniversary-{leap}@rapport.local"));
    assert_eq!(
        a["summary"],
        "Customer anniversary: Zoë Ødegård (Lee, Smith; Partners \\ Co)"
    );
    assert_eq!(a["start"], "2025-02-28", "the first full year");
    assert_eq!(
        a["dates"],
        serde_json::json!(["2027-02-28", "2028-02-29", "2029-02-28"])
    );
    assert_eq!(a["description"], "Customer since 2024-02-29.");

    let c = event(&cal, &format!("rapport-birthday-{chinese}@rapport.local"));
    assert_eq!(c["summary"], "Birthday: 王小明");
    assert_eq!(c["start"], "1980-05-17");
    assert_eq!(c["rrule"], "FREQ=YEARLY");
    assert_eq!(
        c["dates"],
        serde_json::json!(["2027-05-17", "2028-05-17", "2029-05-17"])
    );
    assert_eq!(c["description"], "Born 1980.");

    let g = event(&cal, &format!("rapport-birthday-{greek}@rapport.local"));
    assert_eq!(g["summary"], format!("Birthday: {long}"));

    // The keep-in-touch follow-up: due 30 days after they became a customer.
    let f = event(
        &cal,
        &format!("rapport-keep-in-touch-{arabic}@rapport.local"),
    );
    assert_eq!(f["summary"], "Get in touch: فاطمة الزهراء");
    assert_eq!(f["start"], "2026-10-31");
    assert_eq!(f["description"], "Keep in touch every 30 days.");
    assert!(f.get("rrule").is_none());

    // Card occasions of this year and the next two, Easter-based ones included.
    let christmas: Vec<&str> = cal["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["uid"]
                .as_str()
                .unwrap()
                .starts_with("rapport-occasion-christmas")
        })
        .map(|e| e["start"].as_str().unwrap())
        .collect();
    assert_eq!(
        christmas,
        ["2026-12-25", "2027-12-25", "2028-12-25"],
        "{cal:#}"
    );
    let mothering = event(
        &cal,
        "rapport-occasion-mothering-sunday-uk-2027@rapport.local",
    );
    assert_eq!(
        mothering["start"], "2027-03-07",
        "three weeks before Easter 2027"
    );
    assert_eq!(mothering["summary"], "Cards: Mothering Sunday (UK)");
    let us = event(&cal, "rapport-occasion-mothers-day-us-2027@rapport.local");
    assert_eq!(us["summary"], "Cards: Mother's Day (US, Canada)");
    assert_eq!(us["start"], "2027-05-09");

    let uids: Vec<&str> = cal["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["uid"].as_str().unwrap())
        .collect();
    let unique: std::collections::HashSet<_> = uids.iter().collect();
    assert_eq!(unique.len(), uids.len(), "one UID per event");
    assert!(!uids.iter().any(|u| u.contains(&format!("-{nobody}@"))));
    assert!(
        !uids.iter().any(|u| u.contains(&format!("-{archived}@"))),
        "archived contacts are left out"
    );
    for e in cal["events"].as_array().unwrap() {
        assert!(
            e["stamp"].as_str().unwrap().ends_with("+00:00"),
            "DTSTAMP in UTC: {e}"
        );
    }
}

#[test]
fn the_file_in_the_data_folder_follows_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path();
    let kept = book.join("rapport.ics");
    let id = add(book, &["--first-name", "Ann", "--birthday", "1980-05-17"]);
    let cal = read_back(&kept);
    let uid = format!("rapport-birthday-{id}@rapport.local");
    assert_eq!(event(&cal, &uid)["start"], "1980-05-17");

    // A birthday changed from the command line is in the file when the command returns.
    ok(
        book,
        &[
            "contacts",
            "edit",
            &id,
            "--birthday",
            "--02-29",
            "--last-name",
            "Lee",
        ],
    );
    let cal = read_back(&kept);
    assert_eq!(event(&cal, &uid)["summary"], "Birthday: Ann Lee");
    assert_eq!(
        event(&cal, &uid)["rrule"],
        "BYMONTH=2;BYMONTHDAY=-1;FREQ=YEARLY"
    );

    // A command that changes nothing leaves the file as it was.
    let before = std::fs::metadata(&kept).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(50));
    ok(book, &["contacts", "list"]);
    assert_eq!(
        std::fs::metadata(&kept).unwrap().modified().unwrap(),
        before
    );

    // Deleted, the birthday leaves the calendar.
    ok(book, &["contacts", "delete", &id, "--yes"]);
    let cal = read_back(&kept);
    assert!(!cal["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["uid"] == uid.as_str()));

    // The calendar goes through the output guard: never over the book.
    let refused = fails(
        book,
        &[
            "calendar",
            "--out",
            book.join("rapport.db").to_str().unwrap(),
        ],
    );
    assert!(refused.contains("customer book"), "{refused}");
}

/// Waits for the background rewrite to show `wanted` in the kept file (a rewrite of a large
/// book's calendar runs on after the command returned).
fn wait_for(file: &Path, wanted: &str) -> String {
    for _ in 0..1200 {
        if let Ok(text) = std::fs::read_to_string(file) {
            if text.contains(wanted) {
                return text;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("{wanted} never reached {}", file.display());
}

#[test]
fn a_large_books_calendar_is_rewritten_in_the_background_and_a_failure_is_said_next_time() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path();
    let kept = book.join("rapport.ics");
    // Enough customers that the file passes 4 MB; the first write is made at once.
    ok(book, &["demo", "--contacts", "9000"]);
    let size = std::fs::metadata(&kept).unwrap().len();
    assert!(size > 4 * 1024 * 1024, "{size} bytes");

    // A failure left by an earlier background rewrite is said by the next command, which
    // starts another; its success clears it.
    let failed = book.join(".rapport.ics.failed");
    std::fs::write(&failed, "the disk was full").unwrap();
    let out = rapport(
        book,
        &[
            "contacts",
            "add",
            "--first-name",
            "Zoë",
            "--birthday",
            "1990-03-04",
        ],
    );
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("could not be updated last time (the disk was full); trying again"),
        "{said}"
    );
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let uid = format!("rapport-birthday-{id}@rapport.local");
    wait_for(&kept, &uid);
    for _ in 0..600 {
        if !failed.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(!failed.exists(), "a rewrite that worked clears the failure");

    // The file read back whole by the other parser, with the new birthday in it.
    let cal = read_back(&kept);
    assert_eq!(event(&cal, &uid)["summary"], "Birthday: Zoë");
    // And by hand: current now, nothing to do.
    let again = ok(book, &["calendar", "--refresh"]);
    assert!(again.starts_with("Nothing to do"), "{again}");
}

#[test]
fn a_refresh_that_fails_says_why_and_leaves_a_note_until_one_works() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path();
    let kept = book.join("rapport.ics");
    let note = book.join(".rapport.ics.failed");
    add(book, &["--first-name", "Ann", "--birthday", "1980-05-17"]);
    // Something else took the calendar's name: a folder cannot be written over.
    std::fs::remove_file(&kept).unwrap();
    std::fs::create_dir(&kept).unwrap();
    let out = rapport(book, &["contacts", "add", "--first-name", "Bo"]);
    assert!(out.status.success(), "the command itself was done");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("calendar file could not be updated"),
        "{said}"
    );

    let refused = fails(book, &["calendar", "--refresh"]);
    assert!(refused.contains("is a folder"), "{refused}");
    let noted = std::fs::read_to_string(&note).unwrap();
    assert!(noted.contains("is a folder"), "{noted}");

    std::fs::remove_dir(&kept).unwrap();
    let wrote = ok(book, &["calendar", "--refresh"]);
    assert!(wrote.starts_with("Wrote "), "{wrote}");
    assert!(!note.exists(), "a rewrite that worked clears the note");
    assert!(std::fs::read_to_string(&kept)
        .unwrap()
        .contains("Birthday: Ann"));
}
