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
    let rich = fill_rich_book(&mut book);
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
    assert_same_book(&file, &book, &rich);

    // The daily backup of a server book goes the same way, once a day.
    let daily = book.daily_backup(today()).expect("daily").expect("made");
    assert!(
        daily.path.ends_with("rapport-2026-11-23.db"),
        "{}",
        daily.path
    );
    assert!(book.daily_backup(today()).expect("again").is_none());
}

/// The owner's book file moves onto an empty server book whole (`rapport server init` does
/// it): same ids, timelines, records, photos, staff and settings, the same people found for the
/// same search; and back again into a file by Back up. A server book that holds anything is
/// refused, and nothing is written to it.
#[test]
fn a_book_file_moves_to_the_server_and_back_whole() {
    let (_dir, mut file) = file_book();
    let rich = fill_rich_book(&mut file);
    // The newest contact deleted: its id is never handed out again, on the server either.
    let gone = file
        .create_contact(person("Gone", "Away"), today())
        .expect("add")
        .contact
        .id;
    file.delete_contact(gone).expect("delete");

    // The owner is on the file's staff list; the server already has their login (which names
    // them on its own staff list): the two become one, with the file's id.
    file.add_staff("Olivia Owner", "Owner", None)
        .expect("owner");

    let (_server_dir, mut server) = server_book();
    assert!(server.is_empty_book().expect("empty"));
    let moved = file.copy_into(&server).expect("move");
    assert_eq!(moved.contacts, 2);
    assert_eq!(moved.staff, 2);
    assert_eq!(moved.photos, 2, "Ann's photo and the staff portrait");
    assert_eq!(
        moved.timeline_entries,
        file.contact(rich.ann).expect("Ann").timeline.len()
            + file.contact(rich.bob).expect("Bob").timeline.len()
    );
    assert_same_book(&server, &file, &rich);
    let next = server
        .create_contact(person("New", "Desk"), today())
        .expect("add on the server")
        .contact
        .id;
    assert!(next > gone, "{next} after {gone}");
    let by_owner = server
        .log_touchpoint(next, touch(TouchpointKind::Call, today(), ""), today())
        .expect("a call");
    assert_eq!(
        by_owner.handled_by, "Olivia Owner",
        "the login joined the moved staff"
    );

    // Moving again into a book that is no longer empty writes nothing.
    let before = server.contact_count().expect("count");
    assert!(!server.is_empty_book().expect("not empty"));
    let refused = file.copy_into(&server).expect_err("refused");
    assert!(refused.to_string().contains("already holds"), "{refused}");
    assert_eq!(server.contact_count().expect("count"), before);

    // And back into a file: the same book again.
    server.delete_contact(next).expect("delete the new one");
    let info = server.backup(None).expect("back up");
    let back_dir = tempfile::tempdir().expect("dir");
    std::fs::copy(&info.path, back_dir.path().join("rapport.db")).expect("copy");
    let back = Book::open(back_dir.path()).expect("open");
    assert_eq!(back.integrity_check().expect("check"), "ok");
    assert_same_book(&back, &file, &rich);
}

/// Staff already on the server (a login made before the move) stay, after the moved staff.
#[test]
fn staff_already_on_the_server_stay_when_a_book_moves_in() {
    let (_dir, mut file) = file_book();
    let ann = file.create_contact(ann(), today()).expect("add").contact.id;
    file.add_staff("Kim Baker", "Counter", None).expect("staff");
    let (_server_dir, mut server) = server_book();
    let moved = file.copy_into(&server).expect("move");
    assert_eq!((moved.contacts, moved.staff, moved.photos), (1, 1, 0));
    let names: Vec<(i64, String)> = server
        .staff()
        .expect("staff")
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let kim = file.staff().expect("staff")[0].id;
    assert!(names.contains(&(kim, "Kim Baker".to_string())), "{names:?}");
    assert!(
        names
            .iter()
            .any(|(id, name)| name == "Olivia Owner" && *id > kim),
        "{names:?}"
    );
    let call = server
        .log_touchpoint(ann, touch(TouchpointKind::Call, today(), ""), today())
        .expect("a call");
    assert_eq!(call.handled_by, "Olivia Owner");
}

/// The contacts and records of [`fill_rich_book`].
struct RichBook {
    ann: i64,
    bob: i64,
    complaint: i64,
}

/// A book with something of everything a copy must carry.
fn fill_rich_book(book: &mut Book) -> RichBook {
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
    book.set_address_undeliverable(bob, true, today())
        .expect("a card came back");
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

    book.give_gift(
        ann,
        rapport_core::contacts::NewGift {
            what: "A bunch of tulips".into(),
            value_cents: Some(1250),
            occasion: "Birthday".into(),
            given_on: None,
        },
        today(),
    )
    .expect("gift");
    book.add_house_answer(rapport_core::contacts::HouseAnswerInput {
        topic: "Delivery".into(),
        answer: "Free within 5 miles, next day".into(),
        is_promise: true,
    })
    .expect("house answer");
    book.log_promise(
        bob,
        touch(TouchpointKind::Call, day(2026, 11, 16), "Kim"),
        "Delivery on Saturday",
        today(),
    )
    .expect("promise");
    let kim = book
        .add_staff(
            "Kim Baker",
            "Counter",
            Some(&pictures::jpeg_two_halves(400, 500)),
        )
        .expect("staff");
    assert!(kim.photo_id.is_some());
    RichBook {
        ann,
        bob,
        complaint,
    }
}

/// `copy` holds what `original` holds.
fn assert_same_book(copy: &Book, original: &Book, rich: &RichBook) {
    let (ann, bob, complaint) = (rich.ann, rich.bob, rich.complaint);
    for id in [ann, bob] {
        let theirs = original.contact(id).expect("original");
        let ours = copy.contact(id).expect("copy");
        assert_eq!(ours.contact, theirs.contact);
        assert_eq!(ours.timeline, theirs.timeline);
        assert_eq!(ours.follow_ups, theirs.follow_ups);
        assert_eq!(ours.referred_by, theirs.referred_by);
        assert_eq!(ours.referred, theirs.referred);
        assert_eq!(ours.testimonials, theirs.testimonials);
        assert_eq!(ours.replies, theirs.replies);
        assert_eq!(ours.promises, theirs.promises);
        assert_eq!(
            copy.address_undeliverable(id).expect("mark"),
            original.address_undeliverable(id).expect("mark")
        );
        assert_eq!(
            copy.contact_photo(id, false).expect("photo"),
            original.contact_photo(id, false).expect("photo")
        );
    }
    assert_eq!(copy.contact(ann).expect("Ann").follow_ups.len(), 1);
    assert_eq!(
        copy.contact(bob).expect("Bob").referred_by.map(|p| p.id),
        Some(ann)
    );
    assert_eq!(copy.contact(ann).expect("Ann").testimonials.len(), 1);
    assert!(copy.contact_photo(ann, false).expect("photo").is_some());
    assert!(copy.address_undeliverable(bob).expect("mark").is_some());
    assert_eq!(copy.business_name().expect("setting"), "Rye & Co");
    let in_copy = copy.complaint_loop(complaint).expect("loop in the copy");
    assert_eq!(in_copy.stage, LoopStage::PutRight);
    assert_eq!(in_copy, original.complaint_loop(complaint).expect("loop"));
    assert!(copy
        .gesture_kinds()
        .expect("kinds")
        .iter()
        .any(|k| k.label == "Get well"));
    let goodwill = copy.goodwill(ann, today()).expect("goodwill");
    assert_eq!(goodwill.gifts, 1);
    assert_eq!(goodwill.gift_value_cents, 1250);
    assert_eq!(goodwill, original.goodwill(ann, today()).expect("goodwill"));
    assert_eq!(
        copy.house_answers().expect("answers"),
        original.house_answers().expect("answers")
    );
    assert_eq!(copy.house_answers().expect("answers").len(), 1);
    assert_eq!(
        copy.contact(bob).expect("Bob").promises[0].promise,
        "Delivery on Saturday"
    );
    assert_eq!(
        copy.staff().expect("staff"),
        original.staff().expect("staff")
    );
    assert_eq!(
        copy.photos().expect("photos"),
        original.photos().expect("photos")
    );
    for photo in original.photos().expect("photos") {
        assert_eq!(
            copy.photo_jpeg(photo.id, false).expect("jpeg"),
            original.photo_jpeg(photo.id, false).expect("jpeg")
        );
    }
    for typed in ["ann", "555 123", "acme", "vip", "stone", "ann@example"] {
        assert_eq!(search(copy, typed), search(original, typed), "{typed:?}");
    }
    assert_eq!(search(copy, "ann"), vec!["Ann Lee"]);
    assert_eq!(search(copy, "555 123"), vec!["Ann Lee"]);
}

/// Two owners changing one setting: the second, saving from what their window showed, is told
/// who changed it and when, and nothing of the first is lost.
#[test]
fn a_setting_changed_at_another_desk_is_never_overwritten_unseen() {
    let team = fresh_book();
    let maja = rapport_core::server::add_login(
        &mut team.owner_store(),
        "Maja",
        Some(&format!("{}_maja", team.database)),
        true,
    )
    .expect("a second owner");
    let dir = tempfile::tempdir().expect("dir");
    let open = |spec| team.desk(spec, dir.path());
    let mut office = open(&team.owner);
    let mut counter = open(&team.spec_for(&maja.login, &maja.password));
    let shown = office.setting("signature").expect("read");
    let shown_there = counter.setting("signature").expect("read");
    assert!(matches!(
        counter.save_setting("signature", &shown_there, "Maja at Rye & Co"),
        Ok(rapport_core::settings::SettingSave::Saved { .. })
    ));
    let rapport_core::settings::SettingSave::Conflict {
        theirs,
        last_change,
        ..
    } = office
        .save_setting("signature", &shown, "Olivia, Rye & Co")
        .expect("a stale save")
    else {
        panic!("a conflict");
    };
    assert_eq!(theirs, "Maja at Rye & Co");
    let change = last_change.expect("who changed it");
    assert_eq!(change.by, "Maja");
    assert!(change.at.ends_with('Z'), "{}", change.at);
    assert_eq!(
        office.setting("signature").expect("read"),
        "Maja at Rye & Co"
    );
}

/// Staff read the house answers and make promises; only owners change the answers.
#[test]
fn only_owners_change_the_house_answers() {
    let team = fresh_book();
    let kim = team.staff("Kim");
    let dir = tempfile::tempdir().expect("dir");
    let open = |spec| team.desk(spec, dir.path());
    let mut owner = open(&team.owner);
    let mut at_counter = open(&kim);
    let hours = rapport_core::contacts::HouseAnswerInput {
        topic: "Opening hours".into(),
        answer: "Tue–Sat 8–6".into(),
        is_promise: false,
    };
    let kept = owner
        .add_house_answer(hours.clone())
        .expect("the owner adds");
    assert_eq!(
        at_counter.house_answers().expect("staff read"),
        vec![kept.clone()]
    );
    let refused = at_counter
        .add_house_answer(hours.clone())
        .expect_err("staff may not add");
    assert!(
        refused
            .to_string()
            .contains("may not change the house answers"),
        "{refused}"
    );
    at_counter
        .remove_house_answer(kept.id)
        .expect_err("staff may not remove");
    assert_eq!(owner.house_answers().expect("list"), vec![kept]);
    let ann = at_counter
        .create_contact(ann(), today())
        .expect("add")
        .contact
        .id;
    at_counter
        .log_promise(
            ann,
            touch(TouchpointKind::Call, today(), ""),
            "Call back at 4",
            today(),
        )
        .expect("staff make promises");
    let page = owner.contact(ann).expect("page");
    assert_eq!(page.promises[0].promise, "Call back at 4");
    assert_eq!(page.promises[0].made_by, "Kim");
}

/// The server book records who created and last changed each contact and touchpoint (the
/// person's own login); a book file records none.
#[test]
fn a_server_book_records_who_created_and_changed_a_row() {
    let team = fresh_book();
    let kim = team.staff("Kim");
    let dir = tempfile::tempdir().expect("dir");
    let open = |spec| team.desk(spec, dir.path());
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
