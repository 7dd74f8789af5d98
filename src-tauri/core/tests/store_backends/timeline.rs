//! The timeline and what hangs on it, on both backends: Today, settings, cards, staff, welcomes, gestures, loops.

use super::*;
use chrono::Datelike;

on_both!(
    the_timeline_keeps_last_contacted,
    today_lists_complaints_overdue_new_customers_and_birthdays,
    settings_are_kept,
    the_next_birthday_of_anyone_wraps_round_the_year,
    the_next_customer_anniversary_of_anyone,
    cards_sent_and_undeliverable_addresses,
    staff_and_their_photos,
    welcome_batches_are_queued_failed_and_sent,
    gestures_are_recorded_and_complaints_go_round_their_loop,
    timeline_entries_are_corrected_and_the_calendar_lists_the_dates,
    a_staff_page_lists_what_customers_said_about_them,
);

fn the_timeline_keeps_last_contacted(book: &mut Book) {
    let id = book.create_contact(ann(), today()).expect("add").contact.id;
    let call = book
        .log_touchpoint(
            id,
            touch(TouchpointKind::Call, day(2026, 11, 10), "Sam"),
            today(),
        )
        .expect("call");
    book.log_touchpoint(
        id,
        touch(TouchpointKind::Note, day(2026, 11, 20), "Sam"),
        today(),
    )
    .expect("note");
    let complaint = book
        .log_touchpoint(
            id,
            touch(TouchpointKind::Complaint, day(2026, 11, 5), "Kim"),
            today(),
        )
        .expect("complaint");
    let detail = book.contact(id).expect("read");
    assert_eq!(
        detail.contact.last_contacted,
        Some(day(2026, 11, 10)),
        "a note is not being in touch"
    );
    let days: Vec<_> = detail.timeline.iter().map(|t| t.happened_on).collect();
    assert_eq!(
        days,
        vec![day(2026, 11, 20), day(2026, 11, 10), day(2026, 11, 5)],
        "newest first"
    );
    let resolved = book
        .set_complaint_resolved(complaint.id, true)
        .expect("resolve");
    assert!(resolved.resolved);
    assert_eq!(
        code_of(book.set_complaint_resolved(call.id, true)),
        ErrorCode::NotFound,
        "only a complaint is resolved"
    );
    assert_eq!(book.staff_names().expect("names"), vec!["Sam", "Kim"]);
    book.delete_touchpoint(call.id).expect("delete");
    assert_eq!(
        book.contact(id).expect("read").contact.last_contacted,
        Some(day(2026, 11, 5))
    );
    assert_eq!(
        code_of(book.delete_touchpoint(call.id)),
        ErrorCode::NotFound
    );
    assert_eq!(
        code_of(book.log_touchpoint(id + 99, touch(TouchpointKind::Call, today(), ""), today())),
        ErrorCode::NotFound
    );
}

fn today_lists_complaints_overdue_new_customers_and_birthdays(book: &mut Book) {
    let ann = book.create_contact(ann(), today()).expect("add").contact.id;
    book.log_touchpoint(
        ann,
        touch(TouchpointKind::Call, today() - chrono::Days::new(60), "Sam"),
        today(),
    )
    .expect("old call");
    let newcomer = book
        .create_contact(
            ContactInput {
                customer_since: Some(today() - chrono::Days::new(2)),
                birthday: Some(Birthday {
                    month: 11,
                    day: 26,
                    year: Some(1990),
                }),
                ..person("Nina", "New")
            },
            today(),
        )
        .expect("add")
        .contact
        .id;
    book.log_touchpoint(
        newcomer,
        touch(
            TouchpointKind::Complaint,
            today() - chrono::Days::new(3),
            "Kim",
        ),
        today(),
    )
    .expect("complaint");
    let view = book.today(today()).expect("today");
    assert_eq!(view.contact_count, 2);
    assert_eq!(view.open_complaint_count, 1);
    assert_eq!(view.open_complaints[0].contact.display_name, "Nina New");
    assert_eq!(view.open_complaints[0].days_open, 3);
    assert_eq!(view.overdue_count, 1);
    assert_eq!(view.overdue[0].contact.display_name, "Ann Lee");
    assert_eq!(view.overdue[0].days_overdue, 30);
    assert_eq!(view.new_customer_count, 1);
    assert_eq!(view.new_customers[0].contact.display_name, "Nina New");
    let birthdays: Vec<(String, u32, Option<u32>)> = view
        .birthdays
        .iter()
        .map(|b| (b.contact.display_name.clone(), b.in_days, b.turning))
        .collect();
    assert_eq!(birthdays, vec![("Nina New".to_string(), 3, Some(36))]);
    assert_eq!(view.birthdays[0].greeted_on, None);

    // A birthday greeting sent marks the birthday greeted; an older one (last year's) does not.
    let mut greeting = GestureRequest::new("birthday", newcomer);
    greeting.photo = GesturePhoto::None;
    let last_year = today() - chrono::Days::new(365);
    book.give_gesture(&greeting, &Delivery::InPerson, FontSet::shared(), last_year)
        .expect("last year's greeting");
    assert_eq!(
        book.today(today()).expect("today").birthdays[0].greeted_on,
        None
    );
    book.give_gesture(&greeting, &Delivery::InPerson, FontSet::shared(), today())
        .expect("greeting");
    assert_eq!(
        book.today(today()).expect("today").birthdays[0].greeted_on,
        Some(today())
    );
}

fn settings_are_kept(book: &mut Book) {
    book.set_setting("business_name", "Rye & Co").expect("set");
    assert_eq!(book.setting("business_name").expect("read"), "Rye & Co");
    book.set_setting("business_name", "Rye and Co")
        .expect("set again");
    assert_eq!(book.business_name().expect("read"), "Rye and Co");

    // Saved from what the window showed: stored when nobody changed it meanwhile (tidied as
    // stored), refused with both values when somebody did, and nothing written.
    use rapport_core::settings::SettingSave;
    assert_eq!(
        book.save_setting("business_name", "Rye and Co", "  Rye  Bakery ")
            .expect("save"),
        SettingSave::Saved {
            value: "Rye Bakery".into()
        }
    );
    let SettingSave::Conflict {
        key, theirs, mine, ..
    } = book
        .save_setting("business_name", "Rye and Co", "Rye & Sons")
        .expect("a stale save")
    else {
        panic!("a save from a value changed since is a conflict");
    };
    assert_eq!(
        (key.as_str(), theirs.as_str(), mine.as_str()),
        ("business_name", "Rye Bakery", "Rye & Sons")
    );
    assert_eq!(book.business_name().expect("read"), "Rye Bakery");
    // Keep mine: saved again from theirs. The same value both ways is no conflict.
    assert!(matches!(
        book.save_setting("business_name", &theirs, &mine),
        Ok(SettingSave::Saved { .. })
    ));
    assert!(matches!(
        book.save_setting("business_name", "anything old", "Rye & Sons"),
        Ok(SettingSave::Saved { .. })
    ));
    // A setting never set is compared with its default.
    let subject = book.setting("welcome_subject").expect("default");
    assert!(matches!(
        book.save_setting("welcome_subject", &subject, "Hello {first_name}"),
        Ok(SettingSave::Saved { .. })
    ));
    assert!(matches!(
        book.save_setting("signature", "was set", "Ann"),
        Ok(SettingSave::Conflict { .. })
    ));
    assert_eq!(book.setting("signature").expect("unset"), "");
}

fn cards_sent_and_undeliverable_addresses(book: &mut Book) {
    let a = book.create_contact(ann(), today()).expect("add").contact.id;
    let b = book
        .create_contact(person("Bob", "Stone"), today())
        .expect("add")
        .contact
        .id;
    let recorded = book
        .record_cards_sent(&[a, b, a], "Christmas", day(2026, 11, 20), today())
        .expect("record");
    assert_eq!(recorded.recorded, 2, "each recipient once");
    for id in [a, b] {
        let detail = book.contact(id).expect("read");
        assert_eq!(detail.timeline.len(), 1);
        assert_eq!(detail.timeline[0].kind, TouchpointKind::CardSent);
        assert_eq!(detail.timeline[0].note, "Christmas");
        assert_eq!(detail.contact.last_contacted, Some(day(2026, 11, 20)));
    }
    assert_eq!(
        code_of(book.record_cards_sent(&[a, b + 100], "Easter", today(), today())),
        ErrorCode::NotFound
    );
    assert_eq!(
        book.contact(a).expect("read").timeline.len(),
        1,
        "all or none"
    );
    assert_eq!(book.address_undeliverable(a).expect("read"), None);
    book.set_address_undeliverable(a, true, today())
        .expect("mark");
    assert_eq!(book.address_undeliverable(a).expect("read"), Some(today()));
    assert_eq!(book.today(today()).expect("today").contact_count, 2);
    book.set_address_undeliverable(a, false, today())
        .expect("clear");
    assert_eq!(book.address_undeliverable(a).expect("read"), None);
    assert_eq!(
        code_of(book.address_undeliverable(b + 100)),
        ErrorCode::NotFound
    );
}

fn staff_and_their_photos(book: &mut Book) {
    // A server book already lists its people with logins (the owner here): count from them.
    let before = book.staff().expect("staff").len();
    let bo = book
        .add_staff("bo", "Florist", Some(&pictures::jpeg_two_halves(400, 500)))
        .expect("add");
    assert!(bo.photo_id.is_some(), "the portrait is stored with them");
    let ann = book.add_staff("Ann", "Owner", None).expect("add");
    let names: Vec<String> = book
        .staff()
        .expect("staff")
        .into_iter()
        .filter(|m| m.id == bo.id || m.id == ann.id)
        .map(|m| m.name)
        .collect();
    assert_eq!(names, vec!["Ann", "bo"], "by name, case aside");
    let away = book.set_staff_active(ann.id, false).expect("away");
    assert!(!away.active);
    let staff = book.staff().expect("staff");
    assert_eq!(staff.len(), before + 2);
    assert_eq!(
        staff.last().map(|m| m.id),
        Some(ann.id),
        "those away come last"
    );
    assert_eq!(
        code_of(book.set_staff_active(ann.id + 100, true)),
        ErrorCode::NotFound
    );

    let team = book
        .import_photo(&pictures::png_of(640, 480), PhotoKind::Team, None, "Team")
        .expect("team photo");
    assert_eq!((team.width, team.height), (640, 480));
    assert!(team.board.is_none());
    let area = BoardArea {
        x: 10,
        y: 20,
        width: 200,
        height: 100,
    };
    assert_eq!(
        book.set_photo_board(team.id, area).expect("board").board,
        Some(area)
    );
    assert_eq!(book.photo(team.id).expect("photo").board, Some(area));
    let jpeg = book.photo_jpeg(team.id, false).expect("jpeg");
    assert_eq!(i64::try_from(jpeg.len()).ok(), Some(team.bytes));
    assert!(book.photo_jpeg(team.id, true).expect("thumb").len() < jpeg.len());
    let kinds: Vec<PhotoKind> = book
        .photos()
        .expect("photos")
        .into_iter()
        .map(|p| p.kind)
        .collect();
    assert_eq!(kinds, vec![PhotoKind::Team, PhotoKind::Staff]);
    book.delete_photo(team.id).expect("delete");
    assert_eq!(code_of(book.photo(team.id)), ErrorCode::NotFound);
    assert_eq!(code_of(book.delete_photo(team.id)), ErrorCode::NotFound);
}

/// A mail server on 127.0.0.1 that takes every message, for `count` connections.
fn accept_mail(count: usize) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(count).flatten() {
            let Ok(mut writer) = stream.try_clone() else {
                continue;
            };
            let mut reader = BufReader::new(stream);
            let mut say = |text: &str| writer.write_all(format!("{text}\r\n").as_bytes()).is_ok();
            say("220 test.local ESMTP");
            let mut line = String::new();
            let mut in_data = false;
            while reader.read_line(&mut line).unwrap_or(0) > 0 {
                let command = line.trim_end().to_ascii_uppercase();
                if in_data {
                    if line == ".\r\n" {
                        in_data = false;
                        say("250 queued");
                    }
                } else if command.starts_with("EHLO") {
                    say("250-test.local\r\n250 8BITMIME");
                } else if command == "DATA" {
                    in_data = true;
                    say("354 go on");
                } else if command == "QUIT" {
                    say("221 bye");
                    break;
                } else {
                    say("250 OK");
                }
                line.clear();
            }
        }
    });
    port
}

fn welcome_batches_are_queued_failed_and_sent(book: &mut Book) {
    book.set_setting("business_name", "Tulip & Co")
        .expect("set");
    book.set_setting("from_email", "ann@tulip.example")
        .expect("set");
    book.set_setting("smtp_host", "127.0.0.1").expect("set");
    book.set_setting("smtp_security", "plain").expect("set");
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("address")
        .port();
    book.set_setting("smtp_port", &closed.to_string())
        .expect("set");
    let ann = book
        .create_contact(
            ContactInput {
                emails: labeled("ann@bakery.example"),
                ..person("Ann", "Lee")
            },
            today(),
        )
        .expect("add")
        .contact
        .id;
    let failed = book
        .send_welcomes(&[ann], &PhotoChoice::None, today())
        .expect("send");
    assert_eq!((failed.sent, failed.failed), (0, 1));
    assert!(!failed.results[0].error.is_empty());
    assert!(book.contact(ann).expect("read").timeline.is_empty());

    book.set_setting("smtp_port", &accept_mail(1).to_string())
        .expect("set");
    let retried = book
        .retry_welcome_batch(failed.batch, &PhotoChoice::None, today())
        .expect("retry");
    assert_eq!(retried.batch, failed.batch);
    assert_eq!((retried.sent, retried.failed), (1, 0));
    let timeline = book.contact(ann).expect("read").timeline;
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0].kind, TouchpointKind::WelcomeSent);
    let report = book.welcome_report(failed.batch).expect("report");
    assert_eq!((report.sent, report.failed), (1, 0));
    assert_eq!(
        code_of(book.send_welcomes(&[ann + 100], &PhotoChoice::None, today())),
        ErrorCode::NotFound
    );
}

fn gestures_are_recorded_and_complaints_go_round_their_loop(book: &mut Book) {
    book.set_setting("business_name", "Tulip & Co")
        .expect("setting");
    let id = book.create_contact(ann(), today()).expect("add").contact.id;
    book.log_touchpoint(
        id,
        NewTouchpoint {
            note: "wedding bouquet".into(),
            ..touch(TouchpointKind::Purchase, today(), "Bo")
        },
        today(),
    )
    .expect("purchase");

    // The owner's words for a kind are kept, and a kind of their own sits beside the built-in ones.
    book.set_gesture_template(
        "thank-you",
        "Thanks, {first_name}!",
        "Enjoy the {last_purchase}.",
    )
    .expect("template");
    let own = book
        .add_gesture_kind(
            "Get well",
            "Get well soon, {first_name}",
            "Thinking of you.",
        )
        .expect("own kind");
    let kinds = book.gesture_kinds().expect("kinds");
    assert!(kinds
        .iter()
        .any(|k| k.kind == own.kind && k.label == "Get well"));

    let mut thanks = GestureRequest::new("thank-you", id);
    thanks.photo = GesturePhoto::None;
    let preview = book.gesture_preview(&thanks, today()).expect("preview");
    assert_eq!(preview.subject, "Thanks, Ann!");
    assert!(
        preview.text.contains("Enjoy the wedding bouquet."),
        "{}",
        preview.text
    );
    let given = book
        .give_gesture(&thanks, &Delivery::InPerson, FontSet::shared(), today())
        .expect("thank you");
    assert_eq!(given.touchpoint.kind, TouchpointKind::GestureSent);
    book.reset_gesture_kind("thank-you").expect("reset");
    assert_ne!(
        book.gesture_preview(&thanks, today())
            .expect("preview")
            .subject,
        "Thanks, Ann!",
        "reset brings back the default words"
    );

    // A complaint: apology (a gesture that is the loop's first step), put right, undo, again,
    // checked back happy.
    let complaint = book
        .log_touchpoint(
            id,
            NewTouchpoint {
                note: "the cake was late".into(),
                ..touch(TouchpointKind::Complaint, today(), "Bo")
            },
            today(),
        )
        .expect("complaint")
        .id;
    let loops = book.open_loops(today()).expect("loops");
    assert_eq!(loops.len(), 1);
    assert_eq!(loops[0].next_step, "Apologise");
    let mut apology = GestureRequest::new("apology", id);
    apology.photo = GesturePhoto::None;
    book.give_gesture(&apology, &Delivery::InPerson, FontSet::shared(), today())
        .expect("apology");
    assert_eq!(
        book.complaint_loop(complaint).expect("loop").stage,
        LoopStage::Apologised
    );
    let put_right = LoopStep::PutRight {
        what: "baked a new one".into(),
        by: "Bo".into(),
    };
    let step = book
        .complaint_step(complaint, &put_right, today())
        .expect("put right");
    let resolved = |book: &Book| {
        book.contact(id)
            .expect("read")
            .timeline
            .iter()
            .any(|t| t.id == complaint && t.resolved)
    };
    assert!(resolved(book), "putting it right resolves the complaint");
    book.delete_touchpoint(step.id).expect("undo");
    assert!(!resolved(book), "undoing the step opens it again");
    assert_eq!(
        book.complaint_loop(complaint).expect("loop").stage,
        LoopStage::Apologised
    );
    book.complaint_step(complaint, &put_right, today())
        .expect("put right again");
    assert_eq!(
        book.open_loops(today()).expect("loops")[0].next_step,
        "Check back"
    );
    book.complaint_step(
        complaint,
        &LoopStep::CheckedBack {
            outcome: Outcome::Happy,
            by: "Ann".into(),
        },
        today(),
    )
    .expect("checked back");
    assert!(book.open_loops(today()).expect("loops").is_empty());
    let count = book.complaints_ended_this_quarter(today()).expect("count");
    assert_eq!((count.happy, count.closed), (1, 1));
    // Every gesture and step is on the timeline: purchase, thanks, complaint, apology, two
    // steps (one undone) and the check-back.
    assert_eq!(book.contact(id).expect("read").timeline.len(), 6);
}

fn timeline_entries_are_corrected_and_the_calendar_lists_the_dates(book: &mut Book) {
    let id = book.create_contact(ann(), today()).expect("add").contact.id;
    let call = book
        .log_touchpoint(
            id,
            touch(TouchpointKind::Call, day(2026, 11, 10), "Sam"),
            today(),
        )
        .expect("call");
    let edited = book
        .edit_touchpoint(
            call.id,
            NewTouchpoint {
                note: "  asked about rye  ".into(),
                ..touch(TouchpointKind::Meeting, day(2026, 11, 12), "Kim")
            },
            today(),
        )
        .expect("edit");
    assert_eq!(edited.kind, TouchpointKind::Meeting);
    assert_eq!(edited.note, "asked about rye");
    assert_eq!(edited.handled_by, "Kim");
    assert_eq!(
        book.contact(id).expect("read").contact.last_contacted,
        Some(day(2026, 11, 12)),
        "last contacted follows the corrected day"
    );
    assert_eq!(
        code_of(book.edit_touchpoint(
            call.id + 99,
            touch(TouchpointKind::Call, today(), ""),
            today()
        )),
        ErrorCode::NotFound
    );

    let (text, counts) = book
        .calendar_ics(today(), chrono::Utc::now())
        .expect("calendar");
    assert_eq!(counts.birthdays, 1);
    assert_eq!(counts.anniversaries, 1);
    assert_eq!(counts.follow_ups, 1);
    assert!(text.contains("BEGIN:VCALENDAR"));
    assert!(text.contains("Ann Lee"), "{text}");
}

fn a_staff_page_lists_what_customers_said_about_them(book: &mut Book) {
    let maja = book.add_staff("Maja", "Baker", None).expect("staff").id;
    let ann = book.create_contact(ann(), today()).expect("add").contact.id;
    let bea = book
        .create_contact(person("Bea", "Moss"), today())
        .expect("add")
        .contact
        .id;
    let log = |book: &mut Book, id, kind, on, by: &str, note: &str| {
        book.log_touchpoint(
            id,
            NewTouchpoint {
                note: note.into(),
                ..touch(kind, on, by)
            },
            today(),
        )
        .expect("log");
    };
    log(
        book,
        ann,
        TouchpointKind::Compliment,
        day(2026, 11, 2),
        "maja",
        "lovely sourdough",
    );
    log(
        book,
        bea,
        TouchpointKind::Compliment,
        day(2026, 11, 20),
        "Maja",
        "remembered my order",
    );
    log(
        book,
        bea,
        TouchpointKind::Complaint,
        day(2026, 11, 21),
        "Maja",
        "the cake was late",
    );
    log(
        book,
        ann,
        TouchpointKind::Call,
        day(2026, 11, 22),
        "Maja",
        "not feedback",
    );
    log(
        book,
        ann,
        TouchpointKind::Compliment,
        day(2026, 11, 22),
        "Bo",
        "someone else's",
    );

    let page = book.staff_feedback(maja).expect("page");
    assert_eq!(page.member.name, "Maja");
    assert_eq!(page.compliment_count, 2, "her name in any case");
    let compliments: Vec<(&str, &str)> = page
        .compliments
        .iter()
        .map(|f| (f.customer.as_str(), f.touchpoint.note.as_str()))
        .collect();
    assert_eq!(
        compliments,
        vec![
            ("Bea Moss", "remembered my order"),
            ("Ann Lee", "lovely sourdough")
        ],
        "newest first"
    );
    assert_eq!(page.complaint_count, 1);
    assert_eq!(page.complaints[0].touchpoint.note, "the cake was late");
    let error = book
        .staff_feedback(maja + 1000)
        .expect_err("no such member");
    assert!(error.to_string().contains("not found"), "{error}");
}

fn the_next_birthday_of_anyone_wraps_round_the_year(book: &mut Book) {
    let next_birthday = |book: &Book| {
        book.occasions(today())
            .expect("occasions")
            .into_iter()
            .find(|o| o.occasion.id == "birthday")
            .expect("the birthday occasion")
            .next
    };
    assert_eq!(next_birthday(book), None, "nobody has a birthday yet");
    let born = |name: &str, month: u32, dd: u32| {
        let mut input = person(name, "Birth");
        input.birthday = Some(Birthday {
            month,
            day: dd,
            year: None,
        });
        input
    };
    book.create_contact(born("March", 3, 1), today())
        .expect("add");
    let december = book
        .create_contact(born("December", 12, 10), today())
        .expect("add")
        .contact
        .id;
    assert_eq!(next_birthday(book), Some(day(2026, 12, 10)));
    // Archived: after New Year, the first birthday of the year.
    book.set_archived(&[december], true).expect("archive");
    assert_eq!(next_birthday(book), Some(day(2027, 3, 1)));
    // Born on 29 February: celebrated on the 28th in a common year, before March.
    book.create_contact(born("Leap", 2, 29), today())
        .expect("add");
    assert_eq!(next_birthday(book), Some(day(2027, 2, 28)));
    // Today's own birthday is the next one.
    book.create_contact(born("Today", today().month(), today().day()), today())
        .expect("add");
    assert_eq!(next_birthday(book), Some(today()));
}

fn the_next_customer_anniversary_of_anyone(book: &mut Book) {
    let next_anniversary = |book: &Book| {
        book.occasions(today())
            .expect("occasions")
            .into_iter()
            .find(|o| o.occasion.rule == rapport_core::occasions::OccasionRule::CustomerAnniversary)
            .expect("the anniversary occasion")
            .next
    };
    assert_eq!(next_anniversary(book), None, "no customer has a date yet");
    let won = |name: &str, on: chrono::NaiveDate| ContactInput {
        customer_since: Some(on),
        ..person(name, "Won")
    };
    // Won this year: the first anniversary is next year.
    book.create_contact(won("Recent", day(2026, 6, 1)), today())
        .expect("add");
    assert_eq!(next_anniversary(book), Some(day(2027, 6, 1)));
    // Won in March years ago: next March.
    book.create_contact(won("March", day(2019, 3, 5)), today())
        .expect("add");
    assert_eq!(next_anniversary(book), Some(day(2027, 3, 5)));
    // Won on 29 February: celebrated on the 28th in 2027, sooner than March.
    book.create_contact(won("Leap", day(2020, 2, 29)), today())
        .expect("add");
    assert_eq!(next_anniversary(book), Some(day(2027, 2, 28)));
    // Won on a day in December, later than a month from today: found past the first month.
    let december = book
        .create_contact(won("December", day(2015, 12, 28)), today())
        .expect("add")
        .contact
        .id;
    assert_eq!(next_anniversary(book), Some(day(2026, 12, 28)));
    book.set_archived(&[december], true).expect("archive");
    assert_eq!(next_anniversary(book), Some(day(2027, 2, 28)));
}
