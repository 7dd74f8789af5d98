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

    let photos = book.contact_photos(&[id, id + 100]).unwrap();
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
    let before = book.contact_photo(id, false).unwrap();
    let deleted = book.delete_contact(id).unwrap();
    assert!(book.contact_photos(&[id]).unwrap().is_empty());
    // Undoing the deletion brings the photo back; the window never sees it.
    let json = serde_json::to_string(&deleted).unwrap();
    assert!(!json.contains("photo"), "{json}");
    book.undo_delete(&deleted).unwrap();
    assert_eq!(book.contact_photo(id, false).unwrap(), before);
}

#[test]
fn merging_two_contacts_keeps_the_kept_ones_photo_or_takes_the_others() {
    let (_dir, mut book) = new_book();
    let keep = add(&mut book, person("Ann", "Lee"));
    let other = add(&mut book, person("Ann", "Lee"));
    book.set_contact_photo(other, &jpeg_grey(12, 10)).unwrap();
    book.merge_contacts(keep, other, &[], rapport_core::clock::today())
        .unwrap();
    let jpeg = book.contact_photo(keep, false).unwrap().unwrap();
    assert_eq!(image::load_from_memory(&jpeg).unwrap().width(), 12);

    let third = add(&mut book, person("Ann", "Lee"));
    book.set_contact_photo(third, &jpeg_grey(20, 10)).unwrap();
    book.merge_contacts(keep, third, &[], rapport_core::clock::today())
        .unwrap();
    let jpeg = book.contact_photo(keep, false).unwrap().unwrap();
    assert_eq!(
        image::load_from_memory(&jpeg).unwrap().width(),
        12,
        "the kept photo stays"
    );
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

#[test]
fn vcard_photos_round_trip_through_export_and_import_in_both_versions() {
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
    for version in [VcardVersion::V4, VcardVersion::V3] {
        let out = export_vcard(&book, dir.path(), version);
        let (_d, mut other) = new_book();
        let report = import::import(
            &mut other,
            &out,
            &ImportOptions::default(),
            today(),
            &mut |_, _| {},
        )
        .unwrap();
        assert_eq!(report.added, 2, "{:?}", report.refused);
        assert!(
            report.notes.iter().all(|n| !n.contains("photo")),
            "{:?}",
            report.notes
        );
        let contacts = other.all_contacts(None).unwrap();
        let ids: Vec<i64> = contacts.iter().map(|c| c.id).collect();
        let photos = other.contact_photos(&ids).unwrap();
        assert_eq!(photos.len(), 1);
        let sigrid = contacts
            .iter()
            .find(|c| c.fields.given_name == "Sigrid")
            .unwrap();
        let jpeg = other.contact_photo(sigrid.id, false).unwrap().unwrap();
        let image = image::load_from_memory(&jpeg).unwrap();
        assert_eq!((image.width(), image.height()), (512, 512));
        assert!(other.contact_photo(sigrid.id, true).unwrap().is_some());
    }
}

#[test]
fn a_vcard_21_base64_photo_is_imported_and_a_merged_contact_takes_the_cards_photo() {
    use base64::Engine;
    let (dir, mut book) = new_book();
    let existing = add(
        &mut book,
        with_email(person("Ann", "Lee"), "ann@example.com"),
    );
    let data = base64::engine::general_purpose::STANDARD.encode(jpeg_grey(30, 20));
    let folded: Vec<String> = data
        .as_bytes()
        .chunks(70)
        .map(|c| format!("  {}", String::from_utf8_lossy(c)))
        .collect();
    let text = format!(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Berg;Bo\r\nPHOTO;JPEG;ENCODING=BASE64:\r\n{}\r\n\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\nEMAIL:ann@example.com\r\n\
         PHOTO:data:image/jpeg;base64,{data}\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Cy Chan\r\nN:Chan;Cy;;;\r\nPHOTO:https://example.com/cy.jpg\r\nEND:VCARD\r\n",
        folded.join("\r\n")
    );
    let file = dir.path().join("old-phone.vcf");
    std::fs::write(&file, text).unwrap();
    let options = ImportOptions {
        on_duplicate: import::OnDuplicate::Merge,
        ..ImportOptions::default()
    };
    let report = import::import(&mut book, &file, &options, today(), &mut |_, _| {}).unwrap();
    assert_eq!(
        (report.added, report.merged),
        (2, 1),
        "{:?}",
        report.refused
    );
    let notes: Vec<&String> = report
        .notes
        .iter()
        .filter(|n| n.contains("photo"))
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("link to a picture elsewhere"),
        "{}",
        notes[0]
    );
    let contacts = book.all_contacts(None).unwrap();
    let bo = contacts
        .iter()
        .find(|c| c.fields.given_name == "Bo")
        .unwrap();
    let jpeg = book.contact_photo(bo.id, false).unwrap().unwrap();
    assert_eq!(image::load_from_memory(&jpeg).unwrap().width(), 30);
    assert!(book.contact_photo(existing, false).unwrap().is_some());
    let cy = contacts
        .iter()
        .find(|c| c.fields.given_name == "Cy")
        .unwrap();
    assert_eq!(book.contact_photo(cy.id, false).unwrap(), None);
}

#[test]
fn a_vcard_photo_over_the_limits_is_skipped_and_the_contact_still_comes_in() {
    use base64::Engine;
    let (dir, mut book) = new_book();
    // A 50 000 × 50 000 PNG: small on disk, refused by its header before decoding.
    let data = base64::engine::general_purpose::STANDARD.encode(png_bomb(50_000, 50_000));
    let text = format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Ann;;;\r\nFN:Ann Lee\r\nPHOTO;ENCODING=b;TYPE=PNG:{data}\r\nEND:VCARD\r\n"
    );
    let file = dir.path().join("bomb.vcf");
    std::fs::write(&file, text).unwrap();
    let dry = ImportOptions {
        dry_run: true,
        ..ImportOptions::default()
    };
    let dry_report = import::import(&mut book, &file, &dry, today(), &mut |_, _| {}).unwrap();
    assert!(dry_report
        .notes
        .iter()
        .any(|n| n.contains("line 1 was skipped")));
    let report = import::import(
        &mut book,
        &file,
        &ImportOptions::default(),
        today(),
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(report.added, 1);
    let note = report
        .notes
        .iter()
        .find(|n| n.contains("photo"))
        .expect("a note about the photo");
    assert!(
        note.starts_with("The photo of the card on line 1 was skipped"),
        "{note}"
    );
    assert!(
        note.contains("50000 × 50000 pixels")
            && note.contains("up to 40 megapixels and 12000 pixels a side"),
        "{note}"
    );
    // The dry run said the same.
    assert_eq!(dry_report.notes, report.notes);
    let ann = &book.all_contacts(None).unwrap()[0];
    assert_eq!(book.contact_photo(ann.id, false).unwrap(), None);
}
