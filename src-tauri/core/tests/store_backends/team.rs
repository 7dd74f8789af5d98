//! What only the team's book does: joining, backing up to a file, who changed what.

use super::*;

on_both!(the_last_change_is_named_on_the_team_book,);

/// What only a book file can do is refused on a server book, saying why; nothing is changed.
#[test]
fn file_only_operations_are_refused_on_a_server_book() {
    let (_dir, mut book) = server_book();
    book.create_contact(ann(), today()).expect("add");
    let check = book.integrity_check().expect_err("refused");
    assert!(
        check.to_string().contains("works on a book kept as a file"),
        "{check}"
    );
    let (_file_dir, file) = file_book();
    let backup = file.backup(None).expect("a backup of a book file");
    let restore = book
        .restore(std::path::Path::new(&backup.path))
        .expect_err("refused");
    assert!(
        restore
            .to_string()
            .contains("works on a book kept as a file"),
        "{restore}"
    );
    assert_eq!(restore.code(), ErrorCode::Failed);
    assert_eq!(
        book.contact_count().expect("count"),
        1,
        "nothing was changed"
    );
}

/// A data folder that joined a shared book opens it: what one desk writes, another reads.
#[test]
fn a_joined_data_folder_opens_the_team_book() {
    let team = fresh_book();
    let dir = tempfile::tempdir().expect("dir");
    rapport_core::server::join(
        dir.path(),
        &rapport_core::server::JoinTarget::Url(format!(
            "postgres://{}@{}:{}/{}?fingerprint={}",
            team.owner.credentials.login,
            team.owner.address.host,
            team.owner.address.port,
            team.owner.address.database,
            rapport_core::store::postgres::hex(&common::pg::server().fingerprint),
        )),
        None,
        Some(&team.owner.credentials.password),
        false,
    )
    .expect("join");
    let mut desk = Book::open_shared(dir.path(), &team.owner.credentials.password).expect("open");
    assert!(desk.is_shared());
    assert_eq!(desk.book_file(), dir.path().join("rapport.db"));
    let id = desk.create_contact(ann(), today()).expect("add").contact.id;
    let other = Book::from_store(Store::Postgres(Box::new(ServerBook::new(
        team.owner_store(),
        dir.path(),
    ))));
    assert_eq!(
        other.contact(id).expect("read").contact.display_name,
        "Ann Lee"
    );
    assert!(
        !dir.path().join("rapport.db").exists(),
        "no book file was made"
    );
    let wrong = Book::open_shared(dir.path(), "wrong")
        .err()
        .map(|e| e.to_string());
    assert!(
        wrong
            .as_deref()
            .unwrap_or_default()
            .contains("did not accept the password"),
        "{wrong:?}"
    );
}

/// "Back up" on a server book writes an ordinary book file: opened on its own, it holds the
/// same contacts (same ids, fields, dates, archive state), timelines, photos and settings.
#[test]
fn a_server_book_backs_up_to_an_ordinary_book_file() {
    let (dir, mut book) = server_book();
    let ann = book.create_contact(ann(), today()).expect("add").contact.id;
    let bob = book
        .create_contact(person("Bob", "Stone"), today())
        .expect("add")
        .contact
        .id;
    book.log_touchpoint(
        ann,
        touch(TouchpointKind::Call, day(2026, 11, 10), "Sam"),
        today(),
    )
    .expect("call");
    book.log_touchpoint(
        bob,
        touch(TouchpointKind::Complaint, day(2026, 11, 12), "Kim"),
        today(),
    )
    .expect("complaint");
    book.set_archived(&[bob], true).expect("archive");
    book.set_contact_photo(ann, &pictures::jpeg_two_halves(640, 480))
        .expect("photo");
    book.set_setting("business_name", "Rye & Co")
        .expect("setting");
    // A complaint part-way round its loop, and a kind of gesture of the owner's own.
    let complaint = book
        .log_touchpoint(
            ann,
            touch(TouchpointKind::Complaint, day(2026, 11, 14), "Kim"),
            today(),
        )
        .expect("complaint")
        .id;
    let mut apology = GestureRequest::new("apology", ann);
    apology.photo = GesturePhoto::None;
    book.give_gesture(&apology, &Delivery::InPerson, FontSet::shared(), today())
        .expect("apology");
    book.complaint_step(
        complaint,
        &LoopStep::PutRight {
            what: "a new cake".into(),
            by: "Kim".into(),
        },
        today(),
    )
    .expect("put right");
    book.add_gesture_kind("Get well", "Get well soon", "Thinking of you.")
        .expect("own kind");
    // A follow-up, a referral and a compliment kept as a testimonial.
    book.add_follow_up(
        ann,
        rapport_core::follow_ups::NewFollowUp {
            due_on: day(2026, 11, 30),
            note: "Ask about the party".into(),
            assigned_to: String::new(),
        },
        today(),
    )
    .expect("follow-up");
    book.set_referrer(bob, Some(ann), today())
        .expect("referral");
    let praise = book
        .log_touchpoint(
            ann,
            touch(TouchpointKind::Compliment, day(2026, 11, 15), "Sam"),
            today(),
        )
        .expect("compliment");
    book.mark_testimonial(
        praise.id,
        Some(rapport_core::testimonials::TestimonialTerms {
            may_quote: rapport_core::testimonials::MayQuote::Yes,
            takes_calls: true,
        }),
        today(),
    )
    .expect("testimonial");

    let info = book.backup(None).expect("back up");
    assert!(info.path.ends_with(".db"), "{}", info.path);
    assert!(
        !dir.path().join("rapport.db").exists(),
        "never over the book's place"
    );
    let restored_dir = tempfile::tempdir().expect("dir");
    std::fs::copy(&info.path, restored_dir.path().join("rapport.db")).expect("copy");
    let file = Book::open(restored_dir.path()).expect("open the backup");
    assert!(!file.is_shared());
    assert_eq!(file.integrity_check().expect("check"), "ok");
    for id in [ann, bob] {
        let on_server = book.contact(id).expect("server");
        let in_file = file.contact(id).expect("file");
        assert_eq!(in_file.contact, on_server.contact);
        assert_eq!(in_file.timeline, on_server.timeline);
        assert_eq!(in_file.follow_ups, on_server.follow_ups);
        assert_eq!(in_file.referred_by, on_server.referred_by);
        assert_eq!(in_file.referred, on_server.referred);
        assert_eq!(in_file.testimonials, on_server.testimonials);
    }
    assert_eq!(file.contact(ann).expect("Ann").follow_ups.len(), 1);
    assert_eq!(
        file.contact(bob).expect("Bob").referred_by.map(|p| p.id),
        Some(ann)
    );
    assert_eq!(file.contact(ann).expect("Ann").testimonials.len(), 1);
    assert_eq!(
        file.contact_photo(ann, false).expect("photo"),
        book.contact_photo(ann, false).expect("photo")
    );
    assert_eq!(file.business_name().expect("setting"), "Rye & Co");
    let in_file = file.complaint_loop(complaint).expect("loop in the file");
    assert_eq!(in_file.stage, LoopStage::PutRight);
    assert_eq!(in_file, book.complaint_loop(complaint).expect("loop"));
    assert!(file
        .gesture_kinds()
        .expect("kinds")
        .iter()
        .any(|k| k.label == "Get well"));
    assert_eq!(search(&file, "ann"), vec!["Ann Lee"]);
    assert_eq!(search(&file, "555 123"), vec!["Ann Lee"]);

    // The daily backup of a server book goes the same way, once a day.
    let daily = book.daily_backup(today()).expect("daily").expect("made");
    assert!(
        daily.path.ends_with("rapport-2026-11-23.db"),
        "{}",
        daily.path
    );
    assert!(book.daily_backup(today()).expect("again").is_none());
}

/// The server book records who created and last changed each contact and touchpoint (the
/// person's own login); a book file records none.
#[test]
fn a_server_book_records_who_created_and_changed_a_row() {
    let team = fresh_book();
    let kim = team.staff("Kim");
    let dir = tempfile::tempdir().expect("dir");
    let open = |spec| {
        Book::from_store(Store::Postgres(Box::new(ServerBook::new(
            team.open(spec),
            dir.path(),
        ))))
    };
    let mut at_counter = open(&kim);
    let mut in_office = open(&team.owner);
    let id = at_counter
        .create_contact(ann(), today())
        .expect("add")
        .contact
        .id;
    let call = at_counter
        .log_touchpoint(id, touch(TouchpointKind::Call, today(), "Kim"), today())
        .expect("call");
    let stamp = in_office
        .contact_stamp(id)
        .expect("stamp")
        .expect("recorded");
    assert_eq!(
        stamp.created_by.as_deref(),
        Some(kim.credentials.login.as_str())
    );
    let mut changed = ann();
    changed.notes = "prefers email".into();
    in_office
        .update_contact(id, changed, today())
        .expect("update");
    let stamp = at_counter
        .contact_stamp(id)
        .expect("stamp")
        .expect("recorded");
    assert_eq!(
        stamp.created_by.as_deref(),
        Some(kim.credentials.login.as_str())
    );
    assert_eq!(
        stamp.changed_by.as_deref(),
        Some(team.owner.credentials.login.as_str())
    );
    assert!(stamp.changed_at.ends_with('Z'));
    in_office
        .set_complaint_resolved(call.id, true)
        .expect_err("a call is not a complaint");
    let stamps = in_office.touchpoint_stamps(id).expect("stamps");
    assert_eq!(stamps.len(), 1);
    assert_eq!(stamps[0].0, call.id);
    assert_eq!(
        stamps[0].1.created_by.as_deref(),
        Some(kim.credentials.login.as_str())
    );

    // An entry logged without a name is handled by whoever is signed in, named as the team
    // knows them (the staff member with that login); a name given stays.
    let unnamed = at_counter
        .log_touchpoint(id, touch(TouchpointKind::Call, today(), "  "), today())
        .expect("call");
    assert_eq!(
        unnamed.handled_by, "Kim",
        "signed in as {}",
        kim.credentials.login
    );
    let named = in_office
        .log_touchpoint(id, touch(TouchpointKind::Call, today(), "Sam"), today())
        .expect("call");
    assert_eq!(named.handled_by, "Sam");
    assert_eq!(
        at_counter.window_title(),
        format!("Rapport — Shared book — {}", kim.credentials.login)
    );

    let (_file_dir, mut file) = file_book();
    assert_eq!(file.contact_stamp(1).expect("stamp"), None);
    assert_eq!(file.window_title(), "Rapport");
    let id = file.create_contact(ann(), today()).expect("add").contact.id;
    let unnamed = file
        .log_touchpoint(id, touch(TouchpointKind::Call, today(), ""), today())
        .expect("call");
    assert_eq!(unnamed.handled_by, "", "a book file has no sign-in to name");
}

fn the_last_change_is_named_on_the_team_book(book: &mut Book) {
    let id = book.create_contact(ann(), today()).expect("add").contact.id;
    let detail = book.contact(id).expect("read");
    match book.signed_in().map(str::to_string) {
        None => assert_eq!(detail.last_change, None, "a book file has one person"),
        Some(login) => {
            let change = detail.last_change.expect("who changed it");
            // The owner's login belongs to the staff member "Olivia Owner" (tests/common/pg.rs):
            // named as the team knows her, not by her login.
            assert_eq!(change.by, "Olivia Owner", "signed in as {login}");
            assert_eq!(
                change.at.len(),
                "2026-11-23T08:30:00Z".len(),
                "{}",
                change.at
            );
            assert!(change.at.ends_with('Z'), "{}", change.at);
        }
    }
}
