//! `rapport reply`, `rapport testimonial` and `rapport testimonials`, by running the built binary;
//! the CSV read back by Python's csv module and the PDF by pdftotext (parsers that are not ours).

mod common;

use common::*;

/// Zoë, thanked in person: (contact id, the thank-you's entry id).
fn thanked(data: &std::path::Path) -> (String, String) {
    let id = ok(
        data,
        &[
            "contacts",
            "add",
            "--first-name",
            "Zoë",
            "--last-name",
            "Ødegård",
            "--company",
            "=Bakery",
        ],
    )
    .trim()
    .to_string();
    let done = json(data, &["send", "thank-you", &id, "--in-person"]);
    (id, done["touchpoint"]["id"].as_i64().unwrap().to_string())
}

#[test]
fn a_reply_kept_as_a_testimonial_is_listed_and_exported_as_csv_and_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    ok(data, &["settings", "set", "business_name", "Tulip & Co"]);
    let (id, sent) = thanked(data);
    let logged = json(
        data,
        &[
            "reply",
            &sent,
            "--text",
            "=1+1 The tulips lasted two weeks — wunderbar!",
            "--testimonial",
            "--may-quote",
            "yes",
            "--takes-calls",
        ],
    );
    assert_eq!(logged["kind"], "compliment");
    let page = json(data, &["contacts", "show", &id]);
    assert_eq!(page["testimonials"][0]["terms"]["mayQuote"], "yes");
    assert_eq!(
        page["replies"][0]["replyTo"].as_i64().unwrap().to_string(),
        sent
    );

    let listed = ok(data, &["testimonials"]);
    assert!(
        listed.contains("Zoë Ødegård") && listed.contains("may be quoted"),
        "{listed}"
    );

    let csv = data.join("quotes.csv");
    ok(data, &["testimonials", "--out", csv.to_str().unwrap()]);
    let rows = tool(
        "python3",
        &[
            "-c",
            "import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig')))))",
            csv.to_str().unwrap(),
        ],
    );
    let rows: Vec<Vec<String>> = serde_json::from_str(&rows).unwrap();
    assert_eq!(rows[0][..4], ["Name", "Company", "Date", "Quote"]);
    assert_eq!(rows[1][0], "Zoë Ødegård");
    assert_eq!(rows[1][1], "'=Bakery", "no formula reaches a spreadsheet");
    assert!(rows[1][3].starts_with("'=1+1"), "{:?}", rows[1]);
    assert_eq!(rows[1][4], "may be quoted");
    assert_eq!(rows[1][5], "yes");

    let pdf = data.join("quotes.pdf");
    ok(data, &["testimonials", "--out", pdf.to_str().unwrap()]);
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("What our customers say"), "{text}");
    assert!(text.contains("The tulips lasted two weeks"), "{text}");
    assert!(text.contains("Zoë Ødegård"), "{text}");
    assert!(text.contains("Tulip & Co"), "{text}");

    // Not to be quoted any more: the page refuses to print, the CSV still lists it.
    ok(
        data,
        &[
            "testimonial",
            &logged["id"].as_i64().unwrap().to_string(),
            "--may-quote",
            "no",
        ],
    );
    let refused = fails(
        data,
        &[
            "testimonials",
            "--out",
            data.join("none.pdf").to_str().unwrap(),
        ],
    );
    assert!(refused.contains("may be quoted"), "{refused}");
    assert!(!data.join("none.pdf").exists(), "nothing written");
    assert!(ok(data, &["testimonials", "--all"]).contains("not to be quoted"));
}

#[test]
fn bad_replies_are_refused_in_one_line_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let (id, sent) = thanked(data);
    let long = "x".repeat(100_001);
    for (args, says) in [
        (vec!["reply", sent.as_str(), "--text", "  "], "paste"),
        (
            vec!["reply", sent.as_str(), "--text", long.as_str()],
            "at most",
        ),
        (
            vec!["reply", sent.as_str(), "--text", "hi", "--kind", "purchase"],
            "compliment",
        ),
        (
            vec![
                "reply",
                sent.as_str(),
                "--text",
                "hi",
                "--kind",
                "complaint",
                "--testimonial",
            ],
            "only a compliment",
        ),
        (vec!["reply", "999", "--text", "hi"], "999"),
        (
            vec![
                "reply",
                sent.as_str(),
                "--text",
                "hi",
                "--testimonial",
                "--may-quote",
                "maybe",
            ],
            "maybe",
        ),
        (vec!["testimonials", "--out", "quotes.txt"], ".csv"),
    ] {
        let message = fails(data, &args);
        assert!(message.contains(says), "{args:?}: {message}");
    }
    let page = json(data, &["contacts", "show", &id]);
    assert_eq!(
        page["timeline"].as_array().unwrap().len(),
        1,
        "only the thank-you"
    );
}

#[test]
fn the_month_s_page_prints_what_customers_said_with_who_handled_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let id = ok(
        data,
        &[
            "contacts",
            "add",
            "--first-name",
            "Ravi",
            "--last-name",
            "Menon",
        ],
    )
    .trim()
    .to_string();
    for (kind, note, date) in [
        ("compliment", "Loved the saffron buns", "2026-11-05"),
        ("complaint", "The order came an hour late", "2026-11-20"),
        ("compliment", "October praise", "2026-10-30"),
    ] {
        ok(
            data,
            &[
                "touchpoint",
                "add",
                &id,
                "--kind",
                kind,
                "--note",
                note,
                "--date",
                date,
                "--by",
                "Maja",
            ],
        );
    }
    let pdf = data.join("said.pdf");
    let said = json(
        data,
        &["said", "--month", "2026-11", "--out", pdf.to_str().unwrap()],
    );
    assert_eq!(said["count"], 2, "November's two, not October's");
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    for expected in [
        "What customers said",
        "What they loved",
        "Loved the saffron buns",
        "What we can do better",
        "The order came an hour late",
        "Maja handled it",
        "Ravi Menon",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    assert!(!text.contains("October praise"));
    let refused = fails(
        data,
        &[
            "said",
            "--month",
            "2026-09",
            "--out",
            data.join("empty.pdf").to_str().unwrap(),
        ],
    );
    assert!(refused.contains("September 2026"), "{refused}");
    assert!(fails(data, &["said", "--month", "Nov", "--out", "x.pdf"]).contains("YYYY-MM"));
}

#[test]
fn a_gift_is_logged_with_its_value_and_bad_values_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let id = ok(
        data,
        &[
            "contacts",
            "add",
            "--first-name",
            "Ravi",
            "--last-name",
            "Menon",
        ],
    )
    .trim()
    .to_string();
    let logged = json(
        data,
        &[
            "gift",
            &id,
            "--what",
            "Coffee voucher",
            "--value",
            "3,50",
            "--occasion",
            "sorry for the wait",
        ],
    );
    assert_eq!(logged["kind"], "gift");
    assert_eq!(
        logged["note"],
        "Coffee voucher \u{2014} sorry for the wait (value 3.50)"
    );
    assert!(fails(data, &["gift", &id, "--what", "x", "--value", "lots"]).contains("12.50"));
    assert!(fails(data, &["gift", &id, "--what", "  "]).contains("say what it was"));
    let page = json(data, &["contacts", "show", &id]);
    assert_eq!(
        page["timeline"].as_array().unwrap().len(),
        1,
        "only the one gift"
    );
}
