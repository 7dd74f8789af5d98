//! Contacts' own photos: through the same checks as staff photos, one per contact, replaced,
//! removed, gone with the contact; hostile files refused and nothing stored.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;
mod pictures;

use std::path::PathBuf;

use common::*;
use pictures::*;
use rapport_core::exchange::import::{self, ImportOptions};
use rapport_core::exchange::{self, ExportFormat, ExportOptions, VcardVersion};
use rapport_core::photos::PhotoError;
use rapport_core::Error;

fn fixture(path: &str) -> Vec<u8> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::read(dir.join(path)).unwrap()
}

fn is_jpeg(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8]) && bytes.ends_with(&[0xFF, 0xD9])
}

#[test]
fn a_contact_photo_is_stored_upright_resized_with_a_thumbnail() {
    let (_dir, mut book) = new_book();
    let id = add(&mut book, person("Sigrid", "Ødegård"));
    assert_eq!(book.contact_photo(id, false).unwrap(), None);
    // 40 × 20 turned by EXIF orientation 6: stored 20 × 40.
    let jpeg = with_exif_orientation(&jpeg_two_halves(40, 20), 6);
    book.set_contact_photo(id, &jpeg).unwrap();
    let full = book.contact_photo(id, false).unwrap().unwrap();
    assert!(is_jpeg(&full));
    let image = image::load_from_memory(&full).unwrap();
    assert_eq!((image.width(), image.height()), (20, 40));
    let thumb = book.contact_photo(id, true).unwrap().unwrap();
    assert!(is_jpeg(&thumb));

    // A large PNG is resized to 2048 with a 256 thumbnail, and replaces the first photo.
    book.set_contact_photo(id, &png_of(3000, 1000)).unwrap();
    let full = image::load_from_memory(&book.contact_photo(id, false).unwrap().unwrap()).unwrap();
    assert_eq!((full.width(), full.height()), (2048, 683));
    let thumb = image::load_from_memory(&book.contact_photo(id, true).unwrap().unwrap()).unwrap();
    assert_eq!(thumb.width(), 256);

    // A real progressive JPEG from a file.
    book.set_contact_photo(id, &fixture("photos/progressive.jpg"))
        .unwrap();
    let full = image::load_from_memory(&book.contact_photo(id, false).unwrap().unwrap()).unwrap();
    assert_eq!((full.width(), full.height()), (512, 512));

    let photos = book.store().contact_photos_jpeg(&[id, id + 100]).unwrap();
    assert_eq!(photos.len(), 1);
    assert!(is_jpeg(&photos[&id]));

    assert!(book.remove_contact_photo(id).unwrap());
    assert!(!book.remove_contact_photo(id).unwrap());
    assert_eq!(book.contact_photo(id, true).unwrap(), None);
}

#[test]
fn hostile_pictures_are_refused_with_the_photo_messages_and_nothing_is_stored() {
    let (_dir, mut book) = new_book();
    let id = add(&mut book, person("Ada", "Lovelace"));
    let damaged = book
        .set_contact_photo(id, &fixture("photos/damaged-middle.jpg"))
        .unwrap_err();
    assert!(
        matches!(damaged, Error::Photo(PhotoError::Corrupt { .. })),
        "{damaged:?}"
    );
    assert!(damaged.to_string().contains("damaged inside"), "{damaged}");

    let full = fixture("cards/front.jpg");
    let cut = book
        .set_contact_photo(id, &full[..full.len() / 2])
        .unwrap_err();
    assert!(matches!(cut, Error::Photo(_)), "{cut:?}");

    let bomb = book
        .set_contact_photo(id, &png_bomb(50_000, 50_000))
        .unwrap_err();
    assert_eq!(bomb.code(), "photoTooLarge", "{bomb:?}");

    let text = book.set_contact_photo(id, b"BEGIN:VCARD").unwrap_err();
    assert!(
        matches!(text, Error::Photo(PhotoError::NotAPicture)),
        "{text:?}"
    );
    let empty = book.set_contact_photo(id, b"").unwrap_err();
    assert!(
        matches!(empty, Error::Photo(PhotoError::Empty)),
        "{empty:?}"
    );

    assert_eq!(book.contact_photo(id, false).unwrap(), None);
}

#[test]
fn a_photo_for_a_missing_contact_is_refused_and_goes_with_a_deleted_one() {
    let (_dir, mut book) = new_book();
    let missing = book.set_contact_photo(999, &jpeg_grey(10, 10)).unwrap_err();
    assert!(matches!(missing, Error::NotFound { .. }), "{missing:?}");

    let id = add(&mut book, person("Grace", "Hopper"));
    book.set_contact_photo(id, &jpeg_grey(10, 10)).unwrap();
    book.store_mut().delete_contact(id).unwrap();
    assert!(book.store().contact_photos_jpeg(&[id]).unwrap().is_empty());
}

/// The PHOTO values of an exported file, unfolded.
fn photo_values(text: &str) -> Vec<String> {
    let unfolded = text.replace("\r\n ", "");
    unfolded
        .lines()
        .filter(|l| l.starts_with("PHOTO"))
        .map(str::to_string)
        .collect()
}

fn export_vcard(
    book: &rapport_core::Book,
    dir: &std::path::Path,
    version: VcardVersion,
) -> PathBuf {
    let out = dir.join(format!("photos-{version:?}.vcf"));
    let options = ExportOptions {
        format: ExportFormat::Vcard,
        vcard_version: version,
        ..ExportOptions::default()
    };
    let summary = exchange::export(book, &options, &out, &mut |_, _| {}).unwrap();
    assert!(
        summary.notes.iter().all(|n| !n.contains("Photos")),
        "{:?}",
        summary.notes
    );
    out
}

#[test]
fn vcard_export_writes_the_photo_inline_in_both_versions_folded_at_75_octets() {
    use base64::Engine;
    let (dir, mut book) = new_book();
    let with = add(
        &mut book,
        with_email(person("Sigrid", "Ødegård"), "sigrid@example.no"),
    );
    add(
        &mut book,
        with_email(person("Ada", "Lovelace"), "ada@example.com"),
    );
    book.set_contact_photo(with, &fixture("photos/progressive.jpg"))
        .unwrap();
    let stored = book.contact_photo(with, false).unwrap().unwrap();
    for (version, prefix) in [
        (VcardVersion::V4, "PHOTO:data:image/jpeg;base64,"),
        (VcardVersion::V3, "PHOTO;ENCODING=b;TYPE=JPEG:"),
    ] {
        let out = export_vcard(&book, dir.path(), version);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.lines().all(|l| l.len() <= 75), "folded at 75 octets");
        let photos = photo_values(&text);
        assert_eq!(photos.len(), 1, "only the contact with a photo has one");
        let data = photos[0].strip_prefix(prefix).expect(prefix);
        let jpeg = base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap();
        assert!(is_jpeg(&jpeg));
        assert_eq!(jpeg, stored);

        // The project's own import reads the file back.
        let (_d, mut other) = new_book();
        let report = import::import(
            &mut other,
            &out,
            &ImportOptions::default(),
            today(),
            &mut |_, _| {},
        )
        .unwrap();
        assert!(report.refused.is_empty(), "{:?}", report.refused);
        assert_eq!(report.added, 2);
    }
}
