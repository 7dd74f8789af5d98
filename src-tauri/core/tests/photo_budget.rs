//! Pictures within the file limits that decode to far more than they weigh (40 megapixels at 16
//! bits with alpha, lossy WebP with alpha, progressive JPEG…): each is imported in bounded
//! memory or refused before anything big is allocated, with a message naming the cap that
//! refused it. Each import runs in a child process (this test binary again, running the ignored
//! `child_imports_the_picture_it_is_given`), so the peak memory measured is that import's alone,
//! not the making of the picture.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;
mod pictures;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use image::Rgb;
use pictures::*;
use rapport_core::exchange::import::{self, ImportOptions};
use rapport_core::photos::{self, PhotoError};

const W: u32 = 7296;
const H: u32 = 5472;

/// What a child process did with one picture or vCard.
#[derive(Debug)]
struct Child {
    /// "ok WxH", "refused CODE: message", or an import's summary.
    result: String,
    peak_mb: u64,
}

/// Runs `mode` (normalize, check, import, dry-run) on `file` in a child process.
fn in_child(mode: &str, file: &Path, book: Option<&Path>) -> Child {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "child_imports_the_picture_it_is_given",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("RAPPORT_TEST_MODE", mode)
        .env("RAPPORT_TEST_FILE", file)
        .env("RAPPORT_TEST_BOOK", book.unwrap_or(Path::new("")))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.find("RESULT\t").map(|at| &l[at + 7..]))
        .unwrap_or_else(|| {
            panic!(
                "the child said nothing: {stdout}\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
    let (result, kb) = line.rsplit_once('\t').unwrap();
    Child {
        result: result.to_string(),
        peak_mb: kb.parse::<u64>().unwrap() / 1024,
    }
}

/// The child's side: does what the environment says and prints `RESULT\tresult\tpeak kB`. Run
/// without that environment (by hand), it has nothing to do.
#[test]
#[ignore = "run by the other tests of this file in a child process"]
fn child_imports_the_picture_it_is_given() {
    let (Ok(mode), Ok(file)) = (
        std::env::var("RAPPORT_TEST_MODE"),
        std::env::var("RAPPORT_TEST_FILE"),
    ) else {
        return;
    };
    let file = PathBuf::from(file);
    let result = match mode.as_str() {
        "normalize" => match photos::read_picture_file(&file).and_then(|b| photos::normalize(&b)) {
            Ok(photo) => {
                // The parent looks at the stored photo.
                std::fs::write(file.with_extension("stored.jpg"), &photo.jpeg).unwrap();
                format!("ok {}x{}", photo.width, photo.height)
            }
            Err(e) => format!("refused {}: {e}", e.code()),
        },
        "check" => match photos::read_picture_file(&file).and_then(|b| photos::check(&b)) {
            Ok(()) => "ok".to_string(),
            Err(e) => format!("refused {}: {e}", e.code()),
        },
        _ => {
            let book_dir = PathBuf::from(std::env::var("RAPPORT_TEST_BOOK").unwrap());
            let mut book = rapport_core::Book::open(&book_dir).unwrap();
            let options = ImportOptions {
                dry_run: mode == "dry-run",
                ..ImportOptions::default()
            };
            let report = import::import(&mut book, &file, &options, today(), &mut |_, _| {});
            match report {
                Ok(r) => format!("{} added; notes: {}", r.added, r.notes.join(" | ")),
                Err(e) => format!("refused: {e}"),
            }
        }
    };
    println!("RESULT\t{}\t{}", result.replace('\t', " "), peak_kb());
}

fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1).map(str::to_string))
        .unwrap()
        .parse()
        .unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn stored(path: &Path) -> image::RgbImage {
    image::open(path.with_extension("stored.jpg"))
        .unwrap()
        .to_rgb8()
}

fn near(p: &Rgb<u8>, want: [u8; 3]) -> bool {
    p.0.iter().zip(want).all(|(&a, b)| a.abs_diff(b) <= 24)
}

/// 16-bit RGBA, 40 megapixels: red ramps from 0 to 255 every 256 pixels across; the top half
/// opaque, the bottom half half transparent (so on white, pink). It repeats every 8 bytes: a
/// file of a few hundred kB, like the one in the issue.
fn png_rgba16() -> Vec<u8> {
    png_streamed(W, H, 6, 16, false, |x, y| {
        let alpha = if y < H / 2 { 65535 } else { 32768 };
        vec![(x % 256) as u16 * 256, 0, 0, alpha]
    })
}

#[test]
fn a_40_megapixel_16_bit_rgba_png_is_imported_in_bounded_memory_and_looks_right() {
    let dir = tempfile::tempdir().unwrap();
    let png = png_rgba16();
    assert!(png.len() < 1_000_000, "{}", png.len());
    let path = write(dir.path(), "rgba16.png", &png);
    let child = in_child("normalize", &path, None);
    // Its pixels alone are 320 MB at 16 bits; the old import peaked at over 500 MB.
    assert_eq!(child.result, "ok 1824x1368", "{child:?}");
    assert!(child.peak_mb < 100, "{child:?}");
    let photo = stored(&path);
    assert!(
        near(photo.get_pixel(64 * 20 + 48, 100), [193, 0, 0]),
        "{:?}",
        photo.get_pixel(64 * 20 + 48, 100)
    );
    // Four pixels become one: 192, 193, 194 and 195 average to 193.5.
    assert!(near(photo.get_pixel(16, 100), [65, 0, 0]));
    // Half transparent on white: red over white is pink, black over white grey.
    assert!(
        near(photo.get_pixel(48, 1300), [224, 128, 128]),
        "{:?}",
        photo.get_pixel(48, 1300)
    );
    assert!(
        near(photo.get_pixel(1, 1300), [129, 128, 128]),
        "{:?}",
        photo.get_pixel(1, 1300)
    );
    // Checking it (a dry run's way) decodes it without keeping it.
    let child = in_child("check", &path, None);
    assert_eq!(child.result, "ok", "{child:?}");
    assert!(child.peak_mb < 60, "{child:?}");
}

#[test]
fn a_40_megapixel_grey_and_alpha_16_bit_png_and_an_interlaced_one_are_imported() {
    let dir = tempfile::tempdir().unwrap();
    // Black, transparent on the left and opaque on the right: white to black on paper.
    let png = png_streamed(W, H, 4, 16, false, |x, _| {
        vec![0, (u64::from(x) * 65535 / u64::from(W)) as u16]
    });
    let path = write(dir.path(), "grey-alpha16.png", &png);
    let child = in_child("normalize", &path, None);
    assert_eq!(child.result, "ok 1824x1368", "{child:?}");
    assert!(child.peak_mb < 100, "{child:?}");
    let photo = stored(&path);
    assert!(
        near(photo.get_pixel(5, 700), [255, 255, 255]),
        "{:?}",
        photo.get_pixel(5, 700)
    );
    assert!(
        near(photo.get_pixel(912, 700), [128, 128, 128]),
        "{:?}",
        photo.get_pixel(912, 700)
    );
    assert!(
        near(photo.get_pixel(1818, 700), [0, 0, 0]),
        "{:?}",
        photo.get_pixel(1818, 700)
    );

    // Interlaced (seven passes over the whole picture): decoded whole at 8 bits, within budget.
    let png = png_streamed(4000, 3000, 2, 16, true, |x, y| {
        if x < 2000 {
            vec![60000, 0, 0]
        } else if y < 1500 {
            vec![0, 0, 60000]
        } else {
            vec![0, 60000, 0]
        }
    });
    let path = write(dir.path(), "interlaced.png", &png);
    let child = in_child("normalize", &path, None);
    assert_eq!(child.result, "ok 2000x1500", "{child:?}");
    assert!(child.peak_mb < 150, "{child:?}");
    let photo = stored(&path);
    assert!(
        near(photo.get_pixel(500, 700), [233, 0, 0]),
        "{:?}",
        photo.get_pixel(500, 700)
    );
    assert!(near(photo.get_pixel(1500, 300), [0, 0, 233]));
    assert!(near(photo.get_pixel(1500, 1200), [0, 233, 0]));
}

#[test]
fn a_png_whose_header_claims_more_than_its_data_holds_is_refused_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    // A 40-megapixel 16-bit RGBA header over the data of a 64 × 64 picture.
    let small = png_streamed(64, 64, 6, 16, false, |x, y| {
        vec![x as u16, y as u16, 0, 65535]
    });
    let liar = png_with_size(&small, W, H);
    let path = write(dir.path(), "liar.png", &liar);
    let child = in_child("normalize", &path, None);
    assert!(
        child.result.starts_with("refused photoDamaged"),
        "{child:?}"
    );
    assert!(child.peak_mb < 60, "{child:?}");
    // Interlaced, it would be decoded whole: its 8-bit frame (160 MB) is within budget, and
    // nothing more is allocated before the damage is found.
    let mut interlaced = liar.clone();
    interlaced[28] = 1;
    let crc = crc(&interlaced[12..29]);
    interlaced[29..33].copy_from_slice(&crc.to_be_bytes());
    let path = write(dir.path(), "liar-interlaced.png", &interlaced);
    let child = in_child("normalize", &path, None);
    assert!(
        child.result.starts_with("refused photoDamaged"),
        "{child:?}"
    );
    assert!(child.peak_mb < 220, "{child:?}");
    // One claiming 60000 × 60000 names the cap on pixels.
    let error = photos::normalize(&png_with_size(&small, 60_000, 60_000)).unwrap_err();
    assert!(matches!(error, PhotoError::TooManyPixels { .. }), "{error}");
}

fn crc(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn webp_pictures_are_imported_or_refused_by_what_they_cost_to_open() {
    let dir = tempfile::tempdir().unwrap();
    // Lossy, 40 megapixels: its decoder holds 4.5 bytes a pixel, within the budget.
    let path = write(dir.path(), "lossy.webp", &photo_fixture("40mp-lossy.webp"));
    let child = in_child("normalize", &path, None);
    assert_eq!(child.result, "ok 1824x1368", "{child:?}");
    assert!(child.peak_mb < 260, "{child:?}");

    // Lossy with alpha: 10.5 bytes a pixel, 420 MB: refused before decoding, naming its cap.
    let path = write(
        dir.path(),
        "alpha.webp",
        &photo_fixture("40mp-lossy-alpha.webp"),
    );
    let child = in_child("normalize", &path, None);
    assert!(
        child.result.starts_with("refused photoTooLarge: The picture (a lossy WebP with transparency) is 40.0 megapixels (7296 × 5472 pixels); Rapport opens pictures of this kind up to 19.0 megapixels, to stay within the 200 MB"),
        "{child:?}"
    );
    assert!(child.result.contains("Save it smaller"), "{child:?}");
    assert!(child.peak_mb < 30, "{child:?}");

    // Lossless without alpha: 7 bytes a pixel. 40 megapixels are refused, naming 28.5 …
    let webp = |width: u32, height: u32| {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            Rgb([(x / 29) as u8, (y / 21) as u8, 90])
        });
        let mut out = Vec::new();
        image
            .write_to(
                &mut std::io::Cursor::new(&mut out),
                image::ImageFormat::WebP,
            )
            .unwrap();
        out
    };
    let path = write(dir.path(), "lossless.webp", &webp(W, H));
    let child = in_child("normalize", &path, None);
    assert!(
        child.result.contains("(a lossless WebP)")
            && child.result.contains("up to 28.5 megapixels"),
        "{child:?}"
    );
    assert!(child.peak_mb < 30, "{child:?}");
    // … and 28.4 megapixels of the same kind are imported: the cap named is the one enforced.
    let path = write(dir.path(), "lossless-28.webp", &webp(6152, 4616));
    let child = in_child("normalize", &path, None);
    assert_eq!(child.result, "ok 2048x1537", "{child:?}");
    assert!(child.peak_mb < 260, "{child:?}");

    // Cut short: the file says it is longer than it is.
    let lossy = photo_fixture("40mp-lossy.webp");
    let error = photos::normalize(&lossy[..lossy.len() / 2]).unwrap_err();
    assert!(
        matches!(error, PhotoError::Truncated { format: "WebP" }),
        "{error}"
    );
    assert!(error.to_string().contains("incomplete"), "{error}");
    // Cut short with its length mended to match: the decoder runs out of data.
    let mut cut = lossy[..lossy.len() / 2].to_vec();
    let riff = (cut.len() - 8) as u32;
    cut[4..8].copy_from_slice(&riff.to_le_bytes());
    let path = write(dir.path(), "cut.webp", &cut);
    let child = in_child("normalize", &path, None);
    assert!(
        child.result.starts_with("refused photoDamaged"),
        "{child:?}"
    );
    assert!(child.peak_mb < 260, "{child:?}");
}

#[test]
fn progressive_jpegs_at_the_limit_are_imported_or_refused_by_their_coefficients() {
    use jpeg_encoder::SamplingFactor;
    let dir = tempfile::tempdir().unwrap();
    // 4:2:0, 40 megapixels: its coefficients (120 MB) are kept until the last scan, within
    // the budget.
    let jpeg = jpeg_progressive(W as u16, H as u16, SamplingFactor::R_4_2_0);
    assert!(jpeg.len() as u64 <= photos::MAX_FILE_BYTES);
    let path = write(dir.path(), "progressive-420.jpg", &jpeg);
    let child = in_child("normalize", &path, None);
    assert_eq!(child.result, "ok 1824x1368", "{child:?}");
    assert!(child.peak_mb < 260, "{child:?}");
    let photo = stored(&path);
    assert!(near(
        photo.get_pixel(900, 700),
        [(3648 / 29) as u8, (2736 / 21) as u8, 90]
    ));

    // 4:4:4: twice the coefficients; refused before decoding, naming its cap.
    let jpeg = jpeg_progressive(W as u16, H as u16, SamplingFactor::R_4_4_4);
    let path = write(dir.path(), "progressive-444.jpg", &jpeg);
    let child = in_child("normalize", &path, None);
    assert!(
        child.result.contains("(a progressive JPEG)")
            && child.result.contains("up to 24.2 megapixels"),
        "{child:?}"
    );
    assert!(child.peak_mb < 80, "{child:?}");
    // At the cap it named, the same kind is imported.
    let jpeg = jpeg_progressive(5680, 4256, SamplingFactor::R_4_4_4);
    let path = write(dir.path(), "progressive-444-24.jpg", &jpeg);
    let child = in_child("normalize", &path, None);
    assert_eq!(child.result, "ok 2048x1535", "{child:?}");
}

/// A vCard 3.0 of `photos.len()` people, each with the picture given inline.
fn vcard_with(photos: &[&[u8]]) -> String {
    use base64::Engine;
    let mut out = String::new();
    for (i, photo) in photos.iter().enumerate() {
        let data = base64::engine::general_purpose::STANDARD.encode(photo);
        out.push_str(&format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Photo{i};Ann;;;\r\nFN:Ann Photo{i}\r\nPHOTO;ENCODING=b;TYPE=PNG:{data}\r\nEND:VCARD\r\n"
        ));
    }
    out
}

#[test]
fn a_vcard_of_ten_40_megapixel_photos_is_imported_one_photo_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let png = png_rgba16();
    let path = write(
        dir.path(),
        "ten.vcf",
        vcard_with(&[&png[..]; 10]).as_bytes(),
    );
    let book_dir = dir.path().join("book");
    let dry = in_child("dry-run", &path, Some(&book_dir));
    assert_eq!(dry.result, "10 added; notes: ", "{dry:?}");
    // Checked, not kept: the vCard's text and one picture's rows.
    assert!(dry.peak_mb < 150, "{dry:?}");
    let real = in_child("import", &path, Some(&book_dir));
    assert_eq!(real.result, "10 added; notes: ", "{real:?}");
    // Ten photos of 320 MB each at 16 bits, one at a time: under what one took before.
    assert!(real.peak_mb < 200, "{real:?}");
    let book = rapport_core::Book::open(&book_dir).unwrap();
    let contacts = book.all_contacts(None).unwrap();
    assert_eq!(contacts.len(), 10);
    for contact in &contacts {
        let photo = book
            .contact_photo(contact.id, false)
            .unwrap()
            .expect("a photo");
        let image = image::load_from_memory(&photo).unwrap();
        assert_eq!((image.width(), image.height()), (1824, 1368));
    }
    assert_eq!(book.integrity_check().unwrap(), "ok");
}

#[test]
fn a_dry_run_refuses_the_photos_the_import_refuses_with_the_same_notes() {
    let (dir, mut book) = new_book();
    let good = png_streamed(300, 200, 6, 16, false, |x, _| {
        vec![x as u16 * 200, 0, 0, 65535]
    });
    let liar = png_with_size(&good, 4000, 3000);
    let cut_jpeg = jpeg_noise(300, 200);
    let mut grey_alpha = png_streamed(64, 64, 4, 16, false, |_, _| vec![0, 65535]);
    // A byte of its pixels changed: the PNG's checksum no longer matches.
    let at = grey_alpha.len() - 30;
    grey_alpha[at] ^= 0x55;
    let photos_in_card: Vec<&[u8]> = vec![
        &good,
        &liar,
        &cut_jpeg[..cut_jpeg.len() / 2],
        &grey_alpha,
        b"GIF89a not a photo",
    ];
    let path = dir.path().join("mixed.vcf");
    std::fs::write(&path, vcard_with(&photos_in_card)).unwrap();
    let dry = import::import(
        &mut book,
        &path,
        &ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
        today(),
        &mut |_, _| {},
    )
    .unwrap();
    let real = import::import(
        &mut book,
        &path,
        &ImportOptions::default(),
        today(),
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(real.added, 5);
    let notes: Vec<&String> = real.notes.iter().filter(|n| n.contains("photo")).collect();
    assert_eq!(notes.len(), 4, "{notes:#?}");
    assert_eq!(dry.notes, real.notes);
    assert!(notes[0].contains("line 7"), "{}", notes[0]);
    let with_photo = book
        .all_contacts(None)
        .unwrap()
        .iter()
        .filter(|c| book.contact_photo(c.id, false).unwrap().is_some())
        .count();
    assert_eq!(with_photo, 1);
    assert_eq!(book.integrity_check().unwrap(), "ok");
}
