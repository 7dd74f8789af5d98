//! Which picture a welcome takes when the owner chose none, and a welcome without any picture
//! that does not speak of one. The drafts are read back by a mail parser that is not ours.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;
mod pictures;

use common::*;
use mail_parser::{MessageParser, MimeHeaders};
use pictures::*;
use rapport_core::photos::PhotoKind;
use rapport_core::welcome::PhotoChoice;
use rapport_core::Book;

fn set_up(book: &mut Book) -> i64 {
    book.set_setting("business_name", "Tulip & Co").unwrap();
    book.set_setting("from_email", "ann@tulip.example").unwrap();
    let input = with_email(person("Zoë", "Ødegård"), "zoe@example.no");
    add(book, input)
}

/// The draft saved with no photo named, parsed back: its text and its pictures' sizes.
fn draft(book: &mut Book, dir: &std::path::Path, id: i64) -> (String, Vec<(u32, u32)>) {
    let path = dir.join(format!("welcome-{}.eml", rand_suffix()));
    book.save_welcome_draft(id, &PhotoChoice::Default, today(), Some(&path))
        .unwrap();
    let raw = std::fs::read(&path).unwrap();
    let parsed = MessageParser::default().parse(&raw).expect("parses");
    let text = parsed.body_text(0).unwrap().replace("\r\n", "\n");
    let pictures = parsed
        .attachments()
        .map(|a| {
            let ct = a.content_type().unwrap();
            assert_eq!((ct.ctype(), ct.subtype()), ("image", Some("jpeg")));
            let image = image::load_from_memory(a.contents()).unwrap();
            (image.width(), image.height())
        })
        .collect();
    (text, pictures)
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

#[test]
fn with_no_default_chosen_the_newest_staff_portrait_then_the_team_photo_goes_with_the_welcome() {
    let (dir, mut book) = new_book();
    let id = set_up(&mut book);
    let ann = book.add_staff("Ann", "Owner", None).unwrap();
    let bo = book.add_staff("Bo", "Florist", None).unwrap();
    book.import_photo(&png_of(300, 400), PhotoKind::Staff, Some(ann.id), "")
        .unwrap();
    book.import_photo(&png_of(310, 410), PhotoKind::Staff, Some(bo.id), "")
        .unwrap();
    // Only portraits: the newest one.
    let (text, pictures) = draft(&mut book, dir.path(), id);
    assert_eq!(pictures, vec![(310, 410)]);
    assert!(text.contains("The picture is us, saying hello."), "{text}");

    // A team photo is preferred to any portrait, however new the portrait.
    book.import_photo(&png_of(640, 480), PhotoKind::Team, None, "")
        .unwrap();
    book.import_photo(&png_of(320, 420), PhotoKind::Staff, Some(ann.id), "")
        .unwrap();
    let (_, pictures) = draft(&mut book, dir.path(), id);
    assert_eq!(pictures, vec![(640, 480)]);
    let preview = book
        .welcome_preview(id, &PhotoChoice::Default, today())
        .unwrap();
    assert!(preview.photo_data_url.is_some());
    assert_eq!(preview.photo_note, None);

    // The owner's choice in Settings still wins.
    let portrait = book
        .photos()
        .unwrap()
        .into_iter()
        .find(|p| p.width == 300)
        .unwrap();
    book.set_setting("default_photo", &portrait.id.to_string())
        .unwrap();
    let (_, pictures) = draft(&mut book, dir.path(), id);
    assert_eq!(pictures, vec![(300, 400)]);
    // Deleted since: back to the team photo, not an error.
    book.delete_photo(portrait.id).unwrap();
    let (_, pictures) = draft(&mut book, dir.path(), id);
    assert_eq!(pictures, vec![(640, 480)]);
}

#[test]
fn with_no_photo_at_all_the_welcome_does_not_speak_of_a_picture_and_the_composer_says_why() {
    let (dir, mut book) = new_book();
    let id = set_up(&mut book);
    let (text, pictures) = draft(&mut book, dir.path(), id);
    assert!(pictures.is_empty());
    assert!(!text.to_lowercase().contains("picture"), "{text}");
    assert!(text.starts_with("Dear Zoë,\n\nThank you for choosing Tulip & Co."));
    assert!(
        text.contains("\n\nWhenever you need anything, simply reply"),
        "{text}"
    );
    let preview = book
        .welcome_preview(id, &PhotoChoice::Default, today())
        .unwrap();
    assert_eq!(preview.photo_data_url, None);
    let note = preview.photo_note.unwrap();
    assert!(note.contains("no team photo or staff portrait"), "{note}");
    assert!(
        note.contains("“The picture is us, saying hello.”"),
        "{note}"
    );

    // Choosing no picture with photos in the book: the same words go, for a different reason.
    book.import_photo(&png_of(640, 480), PhotoKind::Team, None, "")
        .unwrap();
    let preview = book
        .welcome_preview(id, &PhotoChoice::None, today())
        .unwrap();
    assert!(!preview.text.contains("picture"));
    assert!(preview
        .photo_note
        .unwrap()
        .contains("You chose to send no picture"));
    // The owner's own words about a picture are left out the same way.
    book.set_setting(
        "welcome_body",
        "Hi {first_name}! Here is a photo of the shop.\nSee you soon.",
    )
    .unwrap();
    let preview = book
        .welcome_preview(id, &PhotoChoice::None, today())
        .unwrap();
    assert_eq!(preview.text, "Hi Zoë!\nSee you soon.");
}
