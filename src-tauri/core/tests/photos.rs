//! Staff and photo import: pictures turned upright and resized; hostile files refused with a
//! clear message, within bounded memory, leaving nothing half-imported.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;
mod pictures;

use common::*;
use image::{GenericImageView, Rgb};
use pictures::*;
use rapport_core::photos::{self, PhotoError, PhotoKind, MAX_FILE_BYTES};
use rapport_core::Error;

#[test]
fn a_jpeg_with_exif_orientation_6_is_stored_upright() {
    // 40 × 20: red left half, blue right half; EXIF says "turn 90° clockwise to view".
    let jpeg = with_exif_orientation(&jpeg_two_halves(40, 20), 6);
    let photo = photos::normalize(&jpeg).unwrap();
    assert_eq!((photo.width, photo.height), (20, 40));
    let stored = image::load_from_memory(&photo.jpeg).unwrap().to_rgb8();
    let top = stored.get_pixel(10, 5);
    let bottom = stored.get_pixel(10, 35);
    assert!(is_red(top), "top is {top:?}");
    assert!(is_blue(bottom), "bottom is {bottom:?}");
}

#[test]
fn a_jpeg_without_orientation_keeps_its_shape() {
    let photo = photos::normalize(&jpeg_two_halves(40, 20)).unwrap();
    assert_eq!((photo.width, photo.height), (40, 20));
    let stored = image::load_from_memory(&photo.jpeg).unwrap().to_rgb8();
    assert!(is_red(stored.get_pixel(5, 10)));
    assert!(is_blue(stored.get_pixel(35, 10)));
}

#[test]
fn a_large_picture_is_resized_to_2048_with_a_256_thumbnail() {
    let png = png_of(3000, 1000);
    let photo = photos::normalize(&png).unwrap();
    assert_eq!((photo.width, photo.height), (2048, 683));
    let stored = image::load_from_memory(&photo.jpeg).unwrap();
    assert_eq!(stored.dimensions(), (2048, 683));
    assert_eq!(
        image::guess_format(&photo.jpeg).unwrap(),
        image::ImageFormat::Jpeg
    );
    let thumb = image::load_from_memory(&photo.thumb_jpeg).unwrap();
    assert_eq!(thumb.dimensions(), (256, 85));
}

#[test]
fn a_webp_and_a_transparent_png_are_imported() {
    let webp = webp_of(64, 48);
    let photo = photos::normalize(&webp).unwrap();
    assert_eq!((photo.width, photo.height), (64, 48));
    // Transparent pixels become white, as on paper.
    let clear = image::RgbaImage::from_pixel(10, 10, image::Rgba([0, 0, 0, 0]));
    let mut png = Vec::new();
    clear
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let photo = photos::normalize(&png).unwrap();
    let stored = image::load_from_memory(&photo.jpeg).unwrap().to_rgb8();
    assert!(
        stored.get_pixel(5, 5)[0] > 240,
        "{:?}",
        stored.get_pixel(5, 5)
    );
}

fn fixture(path: &str) -> Vec<u8> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::read(dir.join(path)).unwrap()
}

#[test]
fn a_jpeg_damaged_in_the_middle_is_refused_though_the_decoder_takes_it() {
    // 512 bytes zeroed inside the picture data: the decoder says nothing, the picture is garbled.
    let damaged = fixture("photos/damaged-middle.jpg");
    assert!(image::load_from_memory(&damaged).is_ok());
    let error = refused(&damaged);
    assert!(matches!(error, PhotoError::Corrupt { .. }), "{error}");
    assert!(error.to_string().contains("damaged inside"), "{error}");
    assert!(error.to_string().contains("another copy"), "{error}");

    // Overwritten with zeros, with random bytes, with a copy of other data, one byte changed:
    // wherever it happens in the data of these pictures, it is found.
    let pictures = [
        fixture("cards/front.jpg"),
        jpeg_noise(320, 240),
        jpeg_two_halves(1200, 800),
        jpeg_grey(640, 480),
    ];
    let mut seed: u32 = 7;
    let mut random = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed
    };
    for (p, good) in pictures.iter().enumerate() {
        photos::normalize(good).unwrap_or_else(|e| panic!("picture {p} refused: {e}"));
        let data_start = good.windows(2).rposition(|w| w == [0xFF, 0xDA]).unwrap() + 20;
        let data_len = good.len() - 2 - data_start;
        for (kind, len) in [("zeros", 256), ("random", 64), ("copy", 256)] {
            for at in [data_start + data_len / 4, data_start + data_len / 2] {
                let len = len.min(data_len / 8);
                let mut bad = good.clone();
                for i in 0..len {
                    bad[at + i] = match kind {
                        "zeros" => 0,
                        "random" => random() as u8,
                        _ => good[at + i - len * 2],
                    };
                }
                let result = photos::normalize(&bad).map(|_| ());
                assert!(
                    matches!(result, Err(PhotoError::Corrupt { .. })),
                    "picture {p}, {kind} at {at} of {data_start}..: {result:?}"
                );
            }
        }
    }
}

#[test]
fn a_progressive_jpeg_is_imported_and_damage_in_its_first_scans_refused() {
    let good = fixture("photos/progressive.jpg");
    let photo = photos::normalize(&good).unwrap();
    assert_eq!((photo.width, photo.height), (512, 512));
    // Its scans: the average of each block, then the first bits of the rest band by band, then
    // refinements. All but the AC refinements are walked code by code (those only have their
    // markers checked); 512 zeros in the middle of any of the first five is found.
    let scans: Vec<usize> = good
        .windows(2)
        .enumerate()
        .filter(|(_, w)| *w == [0xFF, 0xDA])
        .map(|(i, _)| i)
        .collect();
    // The last ten: an earlier FF DA lies in the metadata.
    let scans = &scans[scans.len() - 10..];
    for (n, pair) in scans.windows(2).take(5).enumerate() {
        let at = (pair[0] + pair[1]) / 2 - 256;
        let mut bad = good.clone();
        bad[at..at + 512].fill(0);
        let result = photos::normalize(&bad).map(|_| ());
        assert!(
            matches!(result, Err(PhotoError::Corrupt { .. })),
            "scan {n}, at {at}: {result:?}"
        );
    }
}

#[test]
fn a_12_megapixel_jpeg_is_decoded_at_half_size_and_turned_upright() {
    let jpeg = with_exif_orientation(&jpeg_two_halves(4000, 3000), 6);
    let photo = photos::normalize(&jpeg).unwrap();
    // Half of 4000 × 3000, turned: within 7/8 of the 2048 maximum, at a quarter of the memory.
    assert_eq!((photo.width, photo.height), (1500, 2000));
    let stored = image::load_from_memory(&photo.jpeg).unwrap().to_rgb8();
    assert!(is_red(stored.get_pixel(750, 100)));
    assert!(is_blue(stored.get_pixel(750, 1900)));
    // Smaller pictures keep the whole 2048.
    let photo = photos::normalize(&jpeg_two_halves(3000, 2000)).unwrap();
    assert_eq!((photo.width, photo.height), (2048, 1365));
}

fn refused(bytes: &[u8]) -> PhotoError {
    photos::normalize(bytes).expect_err("refused")
}

#[test]
fn hostile_pictures_are_refused_with_a_clear_message_in_bounded_memory() {
    // Empty.
    let error = refused(b"");
    assert!(matches!(error, PhotoError::Empty), "{error}");
    assert!(error.to_string().contains("empty"));

    // A web page named photo.jpg.
    let error = refused(b"<!DOCTYPE html><html><body>not a photo</body></html>");
    assert!(matches!(error, PhotoError::NotAPicture), "{error}");
    assert!(error.to_string().contains("JPEG, PNG or WebP"));

    // A JPEG cut off in the middle: decoders would fill the rest with grey.
    let whole = jpeg_noise(300, 200);
    let error = refused(&whole[..whole.len() / 2]);
    assert!(
        matches!(error, PhotoError::Truncated { format: "JPEG" }),
        "{error}"
    );
    assert!(error.to_string().contains("incomplete"));

    // A JPEG with an EXIF thumbnail (which has its own end marker) cut in the main picture.
    let with_thumb = with_exif_thumbnail(&whole, &jpeg_noise(16, 16));
    let error = refused(&with_thumb[..with_thumb.len() - 300]);
    assert!(matches!(error, PhotoError::Truncated { .. }), "{error}");

    // A PNG cut off.
    let png = png_noise(200, 200);
    let error = refused(&png[..png.len() - 40]);
    assert!(
        matches!(error, PhotoError::Truncated { format: "PNG" }),
        "{error}"
    );

    // A valid PNG header claiming 60000 × 60000 pixels with a tiny IDAT.
    let error = refused(&png_claiming(60_000, 60_000, &[0u8; 16]));
    assert!(
        matches!(
            error,
            PhotoError::TooManyPixels {
                width: 60_000,
                height: 60_000
            }
        ),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .contains("3600.0 megapixels (60000 × 60000 pixels)")
            && error.to_string().contains("up to 40 megapixels")
            && error.to_string().contains("Save it smaller"),
        "{error}"
    );

    // A decompression bomb: 10000 × 10000 of zeros in about 100 KB.
    let bomb = png_bomb(10_000, 10_000);
    assert!(bomb.len() < 1_000_000, "bomb is {} bytes", bomb.len());
    let error = refused(&bomb);
    assert!(matches!(error, PhotoError::TooManyPixels { .. }), "{error}");

    // Nothing here decoded a big picture.
    let peak = peak_memory_kb();
    assert!(peak < 400_000, "peak memory {peak} kB");
}

#[test]
fn a_200_mb_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.jpg");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap(); // sparse: no disk used, nothing to read
    let error = photos::read_picture_file(&path).expect_err("refused");
    assert!(
        matches!(error, PhotoError::TooLarge { bytes } if bytes > MAX_FILE_BYTES),
        "{error}"
    );
    assert!(
        error.to_string().contains("209.7 MB") && error.to_string().contains("up to 40 MB"),
        "{error}"
    );
}

#[test]
fn a_refused_portrait_leaves_no_staff_member_and_no_photo() {
    let (_dir, mut book) = new_book();
    let whole = jpeg_noise(100, 100);
    let error = book
        .add_staff("Ann", "Baker", Some(&whole[..whole.len() / 2]))
        .expect_err("refused");
    assert!(
        matches!(error, Error::Photo(PhotoError::Truncated { .. })),
        "{error}"
    );
    assert_eq!(error.code(), "photoDamaged");
    assert!(book.staff().unwrap().is_empty());
    assert!(book.photos().unwrap().is_empty());
}

#[test]
fn staff_with_portraits_and_a_team_photo_are_stored_in_the_database() {
    let (_dir, mut book) = new_book();
    let ann = book
        .add_staff("Ann  Berg\n", "Owner", Some(&jpeg_noise(64, 64)))
        .unwrap();
    assert_eq!(ann.name, "Ann Berg");
    let portrait = ann.photo_id.expect("portrait stored");
    let bo = book.add_staff("Bo", "", None).unwrap();
    assert_eq!(bo.photo_id, None);
    let team = book
        .import_photo(&png_of(800, 600), PhotoKind::Team, None, "The shop")
        .unwrap();
    assert_eq!((team.width, team.height), (800, 600));
    assert_eq!(team.board, None);
    let list = book.photos().unwrap();
    assert_eq!(list.len(), 2);
    assert!(list
        .iter()
        .any(|p| p.id == portrait && p.kind == PhotoKind::Staff && p.staff_id == Some(ann.id)));
    let thumb = book.photo_jpeg(team.id, true).unwrap();
    assert_eq!(
        image::load_from_memory(&thumb).unwrap().dimensions(),
        (256, 192)
    );
    let staff = book.staff().unwrap();
    assert_eq!(
        staff.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        ["Ann Berg", "Bo"]
    );

    // A portrait for nobody is refused; so is one for a staff member who does not exist.
    let error = book
        .import_photo(&png_of(10, 10), PhotoKind::Staff, None, "")
        .err()
        .unwrap();
    assert_eq!(error.code(), "invalid");
    let error = book
        .import_photo(&png_of(10, 10), PhotoKind::Staff, Some(999), "")
        .err()
        .unwrap();
    assert_eq!(error.code(), "notFound");
    assert_eq!(book.photos().unwrap().len(), 2);
}

#[test]
fn the_whiteboard_area_must_lie_inside_the_photo() {
    let (_dir, mut book) = new_book();
    let team = book
        .import_photo(&png_of(800, 600), PhotoKind::Team, None, "")
        .unwrap();
    let area = photos::BoardArea {
        x: 100,
        y: 350,
        width: 600,
        height: 200,
    };
    let info = book.set_photo_board(team.id, area).unwrap();
    assert_eq!(info.board, Some(area));
    let outside = photos::BoardArea {
        x: 700,
        y: 350,
        width: 600,
        height: 200,
    };
    let error = book.set_photo_board(team.id, outside).err().unwrap();
    assert!(error.to_string().contains("inside the picture"), "{error}");
    assert_eq!(book.photo(team.id).unwrap().board, Some(area));
}

fn is_red(p: &Rgb<u8>) -> bool {
    p[0] > 180 && p[1] < 80 && p[2] < 80
}

fn is_blue(p: &Rgb<u8>) -> bool {
    p[2] > 180 && p[0] < 80 && p[1] < 80
}

fn peak_memory_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_string))
        })
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}
