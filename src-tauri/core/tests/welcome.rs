//! The welcome message: templates, the .eml draft read back by a mail parser that is not ours,
//! SMTP delivery to a real server on 127.0.0.1, batches cut short and retried, the whiteboard.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;
mod pictures;

use common::smtp::{unused_port, use_server, SmtpServer};
use common::*;
use mail_parser::{MessageParser, MimeHeaders};
use pictures::*;
use rapport_core::cards::{CardFormat, FontSet};
use rapport_core::contacts::{ContactInput, TouchpointKind};
use rapport_core::photos::{BoardArea, PhotoKind};
use rapport_core::welcome::{self, PhotoChoice};
use rapport_core::Book;

fn customer(book: &mut Book, given: &str, family: &str, company: &str, email: &str) -> i64 {
    let input = ContactInput {
        company: company.into(),
        customer_since: Some(day(2026, 11, 20)),
        ..with_email(person(given, family), email)
    };
    add(book, input)
}

fn set_up(book: &mut Book) -> i64 {
    book.set_setting("business_name", "Tulip & Co").unwrap();
    book.set_setting("signature", "Ann Berg\nTulip & Co")
        .unwrap();
    book.set_setting("from_email", "ann@tulip.example").unwrap();
    book.add_staff("Ann", "Owner", None).unwrap();
    book.add_staff("Bo", "Florist", None).unwrap();
    let team = book
        .import_photo(&png_of(640, 480), PhotoKind::Team, None, "Team")
        .unwrap();
    book.set_setting("default_photo", &team.id.to_string())
        .unwrap();
    team.id
}

fn welcomes(book: &Book, id: i64) -> usize {
    book.contact(id)
        .unwrap()
        .timeline
        .iter()
        .filter(|t| t.kind == TouchpointKind::WelcomeSent)
        .count()
}

#[test]
fn the_default_template_reads_warmly_with_every_field_filled() {
    let (_dir, mut book) = new_book();
    set_up(&mut book);
    let id = customer(&mut book, "Zoë", "Ødegård", "Zoë's Café", "zoe@example.no");
    let message = book
        .compose_welcome(id, &PhotoChoice::None, today())
        .unwrap();
    assert_eq!(message.subject, "Welcome to Tulip & Co, Zoë!");
    assert!(message
        .text
        .starts_with("Dear Zoë,\n\nThank you for choosing Tulip & Co."));
    assert!(message
        .text
        .contains("All of us here — Ann and Bo — are so glad"));
    assert!(message
        .text
        .ends_with("Warm regards,\nAnn Berg\nTulip & Co"));
    assert!(!message.text.contains('{'));
    assert!(message.html.contains("Tulip &amp; Co"));
    assert_eq!(message.photo_jpeg, None);
}

#[test]
fn a_template_with_an_unknown_field_is_refused_and_the_stored_one_kept() {
    let (_dir, mut book) = new_book();
    let error = book
        .set_setting("welcome_subject", "Hi {frist_name}")
        .err()
        .unwrap();
    assert_eq!(error.code(), "invalid");
    assert!(error.to_string().contains("{frist_name}"), "{error}");
    assert_eq!(
        book.setting("welcome_subject").unwrap(),
        rapport_core::settings::DEFAULT_SUBJECT
    );
    let error = book.set_setting("smtp_prot", "25").err().unwrap();
    assert!(error.to_string().contains("smtp_port"), "{error}");
}

#[test]
fn the_eml_draft_is_read_back_exactly_by_another_mail_parser() {
    let (dir, mut book) = new_book();
    let photo = set_up(&mut book);
    book.set_setting("welcome_subject", "Bienvenue {first_name} 🌷 — {company}")
        .unwrap();
    let id = customer(
        &mut book,
        "Zoë",
        "Ødegård",
        "Café Ünïcode",
        "zoe@example.no",
    );
    let path = dir.path().join("welcome.eml");
    let choice = PhotoChoice::Photo {
        id: photo,
        whiteboard: false,
    };
    let saved = book
        .save_welcome_draft(id, &choice, today(), Some(&path))
        .unwrap();
    let raw = std::fs::read(&path).unwrap();
    assert!(
        raw.is_ascii(),
        "headers and bodies are encoded for transport"
    );
    let parsed = MessageParser::default().parse(&raw).expect("parses");
    assert_eq!(parsed.subject(), Some("Bienvenue Zoë 🌷 — Café Ünïcode"));
    let to = parsed.to().unwrap().as_list().unwrap();
    assert_eq!(to.len(), 1);
    assert_eq!(to[0].address(), Some("zoe@example.no"));
    assert_eq!(to[0].name(), Some("Zoë Ødegård"));
    assert_eq!(parsed.header_raw("X-Unsent").map(str::trim), Some("1"));
    assert!(parsed.body_text(0).unwrap().contains("Dear Zoë,"));
    let html = parsed.body_html(0).unwrap();
    assert!(html.contains("cid:welcome-photo"), "{html}");
    let attachments: Vec<_> = parsed.attachments().collect();
    assert_eq!(attachments.len(), 1);
    let ct = attachments[0].content_type().unwrap();
    assert_eq!((ct.ctype(), ct.subtype()), ("image", Some("jpeg")));
    assert_eq!(attachments[0].content_id(), Some("welcome-photo"));
    let image = image::load_from_memory(attachments[0].contents()).unwrap();
    assert_eq!((image.width(), image.height()), (640, 480));
    assert!(!saved.message_id.is_empty());
    // Saving the draft is the welcome: it is on the timeline and Today no longer asks for it.
    assert_eq!(welcomes(&book, id), 1);
    assert!(book.today(today()).unwrap().new_customers.is_empty());
}

#[test]
fn a_name_with_a_line_break_cannot_add_a_recipient() {
    let (dir, mut book) = new_book();
    set_up(&mut book);
    let id = customer(&mut book, "Eve", "Smith", "", "eve@example.com");
    // Stored names are cleaned already; build a message as if one slipped through.
    let mut message = book
        .compose_welcome(id, &PhotoChoice::None, today())
        .unwrap();
    message.to_name = "Eve\r\nBcc: x@example.com".into();
    message.subject = "Hello\r\nBcc: y@example.com".into();
    let from = "Tulip <ann@tulip.example>".parse().unwrap();
    let built = welcome::build_message(&message, from, false).unwrap();
    assert_eq!(built.envelope().to().len(), 1);
    assert_eq!(built.envelope().to()[0].to_string(), "eve@example.com");
    let raw = built.formatted();
    let parsed = MessageParser::default().parse(&raw).unwrap();
    assert!(parsed.bcc().is_none());
    assert_eq!(parsed.to().unwrap().as_list().unwrap().len(), 1);
    let text = String::from_utf8_lossy(&raw);
    assert!(
        !text
            .lines()
            .any(|l| l.to_ascii_lowercase().starts_with("bcc:")),
        "{text}"
    );
    drop(dir);
}

#[test]
fn new_customers_not_yet_welcomed_are_listed_on_today() {
    let (_dir, mut book) = new_book();
    let fresh = customer(&mut book, "Ann", "New", "", "ann@example.com");
    let old = add(
        &mut book,
        ContactInput {
            customer_since: Some(day(2025, 1, 5)),
            ..person("Old", "Timer")
        },
    );
    let view = book.today(today()).unwrap();
    let ids: Vec<i64> = view.new_customers.iter().map(|n| n.contact.id).collect();
    assert!(ids.contains(&fresh));
    assert!(!ids.contains(&old));
    assert_eq!(view.new_customers[0].since, day(2026, 11, 20));
    assert_eq!(view.new_customer_count as usize, ids.len());
}

#[test]
fn a_printed_card_welcomes_an_arabic_name_and_undoing_it_lists_them_again() {
    let (dir, mut book) = new_book();
    let team = set_up(&mut book);
    // No email address: a card needs none.
    let id = add(
        &mut book,
        ContactInput {
            company: "مخبز النور".into(),
            customer_since: Some(day(2026, 11, 20)),
            ..person("ليلى", "حداد")
        },
    );
    let choice = PhotoChoice::Photo {
        id: team,
        whiteboard: true,
    };
    let card = book
        .welcome_card(id, &choice, today(), CardFormat::A6)
        .unwrap();
    assert_eq!(card.job.recipients.len(), 1);
    assert!(card.photo_jpeg.is_some());
    assert_eq!(card.subject, "Welcome to Tulip & Co, ليلى!");
    // The closing of the default template is the card's signature, not part of the message.
    assert!(card.job.design.signature.starts_with("Warm regards,"));
    assert!(card.job.design.signature.contains("Ann Berg"));
    assert!(!card.job.design.message.contains("Warm regards"));

    let to = welcome::CardOutput {
        format: CardFormat::A6,
        path: None,
    };
    let printed = book
        .print_welcome_card(id, &choice, today(), to, FontSet::shared())
        .unwrap();
    assert!(printed
        .path
        .ends_with(&format!("cards/welcome-{id}-20261123.pdf")));
    let pdf = std::fs::read(&printed.path).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(welcomes(&book, id), 1);
    let waiting = |book: &Book| {
        book.today(today())
            .unwrap()
            .new_customers
            .iter()
            .any(|n| n.contact.id == id)
    };
    assert!(!waiting(&book), "welcomed: no longer on Today");
    book.delete_touchpoint(printed.touchpoint_id).unwrap();
    assert_eq!(welcomes(&book, id), 0);
    assert!(waiting(&book), "undone: on Today again");

    // Only files Rapport wrote may be opened from the window.
    let data = dir.path();
    assert!(book.saved_welcome_file(&printed.path).is_ok());
    assert!(book.saved_welcome_file("/etc/passwd").is_err());
    std::fs::write(data.join("cards/notes.txt"), "x").unwrap();
    let other = data.join("cards/notes.txt");
    assert!(book.saved_welcome_file(other.to_str().unwrap()).is_err());
    let sneaky = data.join("cards/../cards/../../etc/passwd");
    assert!(book.saved_welcome_file(sneaky.to_str().unwrap()).is_err());
}

// ----- SMTP -----

#[test]
fn a_welcome_sent_over_smtp_arrives_with_its_photo_and_is_on_the_timeline() {
    let server = SmtpServer::start(None);
    let (_dir, mut book) = new_book();
    set_up(&mut book);
    use_server(&mut book, server.port);
    let id = customer(
        &mut book,
        "Ann",
        "Lee",
        "Ann's Bakery",
        "ann@bakery.example",
    );
    let report = book
        .send_welcomes(&[id], &PhotoChoice::Default, today())
        .unwrap();
    assert_eq!((report.sent, report.failed), (1, 0));
    assert!(!report.results[0].message_id.is_empty());
    let received = server.received.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].0, ["<ann@bakery.example>"]);
    let parsed = MessageParser::default()
        .parse(received[0].1.as_bytes())
        .unwrap();
    assert_eq!(parsed.subject(), Some("Welcome to Tulip & Co, Ann!"));
    assert!(
        parsed.header_raw("X-Unsent").is_none(),
        "only drafts are unsent"
    );
    let photo = parsed.attachments().next().expect("photo attached");
    assert!(photo.is_content_type("image", "jpeg"));
    assert_eq!(welcomes(&book, id), 1);
}

#[test]
fn a_failed_send_records_nothing_and_says_why() {
    let port = unused_port();
    let (_dir, mut book) = new_book();
    set_up(&mut book);
    use_server(&mut book, port);
    let id = customer(&mut book, "Ann", "Lee", "", "ann@bakery.example");
    let report = book
        .send_welcomes(&[id], &PhotoChoice::None, today())
        .unwrap();
    assert_eq!((report.sent, report.failed), (0, 1));
    assert!(
        report.results[0].error.contains("mail server did not take"),
        "{:?}",
        report.results[0]
    );
    assert_eq!(welcomes(&book, id), 0);
}

#[test]
fn sending_unencrypted_to_another_machine_is_refused_before_anything_is_queued() {
    let (_dir, mut book) = new_book();
    set_up(&mut book);
    book.set_setting("smtp_host", "smtp.example.com").unwrap();
    book.set_setting("smtp_security", "plain").unwrap();
    let id = customer(&mut book, "Ann", "Lee", "", "ann@bakery.example");
    let error = book
        .send_welcomes(&[id], &PhotoChoice::None, today())
        .err()
        .unwrap();
    assert_eq!(error.code(), "settings");
    assert!(error.to_string().contains("starttls or tls"), "{error}");
}

#[test]
fn a_connection_dropped_after_three_of_ten_leaves_three_sent_and_a_retry_sends_the_other_seven() {
    let server = SmtpServer::start(Some(3));
    let (_dir, mut book) = new_book();
    set_up(&mut book);
    use_server(&mut book, server.port);
    let ids: Vec<i64> = (0..10)
        .map(|i| {
            customer(
                &mut book,
                &format!("Person{i}"),
                "Test",
                "",
                &format!("p{i}@example.com"),
            )
        })
        .collect();
    let report = book
        .send_welcomes(&ids, &PhotoChoice::None, today())
        .unwrap();
    assert_eq!((report.sent, report.failed), (3, 7));
    let sent: Vec<i64> = report
        .results
        .iter()
        .filter(|r| r.status == "sent")
        .map(|r| r.contact_id)
        .collect();
    assert_eq!(sent, ids[..3]);
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(welcomes(&book, *id), usize::from(i < 3), "contact {i}");
    }
    assert_eq!(server.received.lock().unwrap().len(), 3);

    server.recover();
    let retried = book
        .retry_welcome_batch(report.batch, &PhotoChoice::None, today())
        .unwrap();
    assert_eq!((retried.sent, retried.failed), (10, 0));
    let received = server.received.lock().unwrap().clone();
    assert_eq!(received.len(), 10, "exactly the other seven were sent");
    let mut recipients: Vec<String> = received.iter().map(|r| r.0[0].clone()).collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), 10, "nobody got two");
    for id in &ids {
        assert_eq!(welcomes(&book, *id), 1);
    }
}

// ----- the whiteboard -----

fn whiteboard_png(first: &str, company: &str) -> image::RgbImage {
    let base = image::RgbImage::from_fn(480, 320, |x, y| {
        image::Rgb([(60 + x / 8) as u8, (90 + y / 8) as u8, 70])
    });
    let area = BoardArea {
        x: 40,
        y: 150,
        width: 400,
        height: 140,
    };
    let text = welcome::whiteboard_text(first, company);
    rapport_core::whiteboard::write_on_photo(&image::DynamicImage::ImageRgb8(base), area, &text)
        .to_rgb8()
}

fn compare_with_reference(name: &str, image: &image::RgbImage) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/welcome")
        .join(name);
    if std::env::var_os("UPDATE_REFERENCES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        image.save(&path).unwrap();
    }
    let reference = image::open(&path)
        .expect("reference PNG (UPDATE_REFERENCES=1 writes it)")
        .to_rgb8();
    assert_eq!(reference.dimensions(), image.dimensions());
    let differing = reference
        .pixels()
        .zip(image.pixels())
        .filter(|(a, b)| a.0.iter().zip(b.0).any(|(x, y)| x.abs_diff(y) > 48))
        .count();
    let share = differing as f64 / f64::from(image.width() * image.height());
    assert!(
        share < 0.01,
        "{name}: {:.2}% of pixels differ",
        share * 100.0
    );
}

fn ink_pixels(image: &image::RgbImage) -> usize {
    image
        .pixels()
        .filter(|p| p[0] < 100 && p[2] > p[0] + 30 && p[1] < 120)
        .count()
}

#[test]
fn a_long_name_is_shrunk_to_fit_the_board() {
    let short = whiteboard_png("Ann", "Ann's Bakery");
    let long = whiteboard_png(
        "Maximiliana-Alexandrina",
        "Konditorei und Feinbäckerei Großmann-Schwarzenberger GmbH",
    );
    // Ink stays on the board: nothing is written above it or outside it.
    for (x, y, p) in long.enumerate_pixels() {
        let on_board = (40..440).contains(&x) && (150..290).contains(&y);
        if !on_board {
            assert_eq!(
                *p,
                image::Rgb([(60 + x / 8) as u8, (90 + y / 8) as u8, 70]),
                "({x}, {y})"
            );
        }
    }
    assert!(ink_pixels(&short) > 500);
    assert!(ink_pixels(&long) > 500);
    compare_with_reference("whiteboard-long-name.png", &long);
    compare_with_reference("whiteboard-short-name.png", &short);
}

#[test]
fn an_arabic_name_is_written_joined_right_to_left() {
    let arabic = whiteboard_png("فاطمة", "مخبز الزهراء");
    assert!(ink_pixels(&arabic) > 500, "text drawn");
    compare_with_reference("whiteboard-arabic.png", &arabic);
}
