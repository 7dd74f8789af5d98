//! Property tests for the picture import: any bytes, and good pictures of every kind Rapport
//! takes (JPEG baseline and progressive, PNG of every colour type at 8 and 16 bits, interlaced
//! or not, lossless and lossy WebP) damaged at random — bytes changed, cut short, a header
//! claiming another size — give a stored photo or a clear refusal, never a panic. The check a
//! dry run makes agrees with the import, and the book passes SQLite's integrity check after.
//!
//! Each property runs 64 cases by default so `tests/run` stays quick; for a longer hunt:
//! `PROPTEST_CASES=5000 cargo test -p rapport-core --release --test photo_props`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;
mod pictures;

use common::{add, new_book, person};
use pictures::*;
use proptest::prelude::*;
use rapport_core::error::ErrorCode;
use rapport_core::photos::{self, PhotoError, STORED_SIDE, THUMB_SIDE};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

/// A good picture of one kind, small so each case is quick.
#[derive(Debug, Clone)]
enum Seed {
    Jpeg {
        width: u32,
        height: u32,
    },
    JpegGrey {
        width: u32,
        height: u32,
    },
    JpegProgressive {
        width: u16,
        height: u16,
    },
    Png {
        width: u32,
        height: u32,
        color_type: u8,
        depth: u8,
        interlaced: bool,
    },
    WebpLossless {
        width: u32,
        height: u32,
    },
    Fixture(&'static str),
}

impl Seed {
    fn bytes(&self) -> Vec<u8> {
        match *self {
            Seed::Jpeg { width, height } => jpeg_noise(width, height),
            Seed::JpegGrey { width, height } => jpeg_grey(width, height),
            Seed::JpegProgressive { width, height } => {
                jpeg_progressive(width, height, jpeg_encoder::SamplingFactor::R_4_2_0)
            }
            Seed::Png {
                width,
                height,
                color_type,
                depth,
                interlaced,
            } => png_streamed(width, height, color_type, depth, interlaced, |x, y| {
                let max = if depth == 16 { 65535 } else { 255 };
                let v = ((x * 7 + y * 13) % 256) as u16 * (max / 255);
                vec![v, max - v, v / 2, (x % 3) as u16 * (max / 2)]
            }),
            Seed::WebpLossless { width, height } => webp_of(width, height),
            Seed::Fixture(name) => photo_fixture(name),
        }
    }
}

fn seed() -> impl Strategy<Value = Seed> {
    let side = 1u32..160;
    prop_oneof![
        (side.clone(), side.clone()).prop_map(|(width, height)| Seed::Jpeg { width, height }),
        (side.clone(), side.clone()).prop_map(|(width, height)| Seed::JpegGrey { width, height }),
        (1u16..160, 1u16..160).prop_map(|(width, height)| Seed::JpegProgressive { width, height }),
        (
            side.clone(),
            side.clone(),
            prop::sample::select(vec![0u8, 2, 4, 6]),
            prop::sample::select(vec![8u8, 16]),
            any::<bool>()
        )
            .prop_map(|(width, height, color_type, depth, interlaced)| Seed::Png {
                width,
                height,
                color_type,
                depth,
                interlaced,
            }),
        (side.clone(), side).prop_map(|(width, height)| Seed::WebpLossless { width, height }),
        prop::sample::select(vec![
            Seed::Fixture("progressive.jpg"),
            Seed::Fixture("damaged-middle.jpg"),
        ]),
    ]
}

/// What is done to a good picture.
#[derive(Debug, Clone)]
enum Harm {
    None,
    /// Bytes at these places (fractions of the length) changed.
    Flip(Vec<(f64, u8)>),
    /// Cut to this fraction of its length.
    Cut(f64),
    /// A PNG's header made to claim this size (its checksum mended).
    Claim(u32, u32),
    /// Junk added at the end.
    Tail(Vec<u8>),
}

fn harm() -> impl Strategy<Value = Harm> {
    prop_oneof![
        Just(Harm::None),
        prop::collection::vec((0.0f64..1.0, 1u8..=255), 1..8).prop_map(Harm::Flip),
        (0.0f64..1.0).prop_map(Harm::Cut),
        (
            prop_oneof![1u32..4096, Just(7296), Just(12_000), Just(60_000)],
            prop_oneof![1u32..4096, Just(5472), Just(12_000), Just(60_000)]
        )
            .prop_map(|(w, h)| Harm::Claim(w, h)),
        prop::collection::vec(any::<u8>(), 1..64).prop_map(Harm::Tail),
    ]
}

fn apply(mut bytes: Vec<u8>, harm: &Harm) -> Vec<u8> {
    match harm {
        Harm::None => bytes,
        Harm::Flip(flips) => {
            for &(at, xor) in flips {
                let i = ((bytes.len() as f64 * at) as usize).min(bytes.len() - 1);
                bytes[i] ^= xor;
            }
            bytes
        }
        Harm::Cut(keep) => {
            bytes.truncate((bytes.len() as f64 * keep) as usize);
            bytes
        }
        Harm::Claim(width, height) if bytes.starts_with(b"\x89PNG") => {
            png_with_size(&bytes, *width, *height)
        }
        Harm::Claim(..) => bytes,
        Harm::Tail(tail) => {
            bytes.extend_from_slice(tail);
            bytes
        }
    }
}

/// Imports `bytes` as a photo: a stored photo within the stored sizes that a decoder that is
/// not ours reads back, or a refusal with a message; the check a dry run makes agrees.
fn import_checked(bytes: &[u8]) -> Result<(), PhotoError> {
    let checked = photos::check(bytes);
    match photos::normalize(bytes) {
        Ok(photo) => {
            assert!(checked.is_ok(), "the check refused what the import took");
            assert!(photo.width <= STORED_SIDE && photo.height <= STORED_SIDE);
            assert!(photo.width > 0 && photo.height > 0);
            let stored = image::load_from_memory(&photo.jpeg).expect("the stored JPEG reads");
            assert_eq!(
                (stored.width(), stored.height()),
                (photo.width, photo.height)
            );
            let thumb = image::load_from_memory(&photo.thumb_jpeg).expect("the thumbnail reads");
            assert!(thumb.width() <= THUMB_SIDE && thumb.height() <= THUMB_SIDE);
            Ok(())
        }
        Err(error) => {
            // The same refusal, word for word: a dry run's notes are the import's.
            assert_eq!(
                checked.as_ref().map_err(ToString::to_string),
                Err(error.to_string())
            );
            let message = error.to_string();
            assert!(message.len() > 20, "a refusal says why: {message}");
            assert!(
                matches!(
                    error.code(),
                    ErrorCode::PhotoEmpty
                        | ErrorCode::PhotoTooLarge
                        | ErrorCode::PhotoNotAPicture
                        | ErrorCode::PhotoDamaged
                ),
                "{:?}: {message}",
                error.code()
            );
            Err(error)
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// Any bytes at all, some starting like a picture.
    #[test]
    fn any_bytes_give_a_photo_or_a_clear_refusal(
        start in prop::sample::select(vec![
            &b""[..],
            b"\xFF\xD8\xFF",
            b"\x89PNG\r\n\x1a\n",
            b"RIFF\x10\x00\x00\x00WEBPVP8 ",
            b"RIFF\x10\x00\x00\x00WEBPVP8L",
            b"GIF89a",
        ]),
        rest in prop::collection::vec(any::<u8>(), 0..512),
    ) {
        let mut bytes = start.to_vec();
        bytes.extend_from_slice(&rest);
        let _ = import_checked(&bytes);
    }

    /// A good picture of any kind, harmed or not.
    #[test]
    fn damaged_pictures_give_a_photo_or_a_clear_refusal(seed in seed(), harm in harm()) {
        let good = seed.bytes();
        let bytes = apply(good, &harm);
        let result = import_checked(&bytes);
        // An untouched picture Rapport made itself always comes in (the damaged fixture is the
        // one picture made to be refused).
        if matches!(harm, Harm::None) && !matches!(seed, Seed::Fixture("damaged-middle.jpg")) {
            prop_assert!(result.is_ok(), "{seed:?}: {result:?}");
        }
        if let Harm::Claim(width, height) = harm {
            if u64::from(width) * u64::from(height) > photos::MAX_PIXELS
                && matches!(seed, Seed::Png { .. })
            {
                let refused_for_size = matches!(result, Err(PhotoError::TooManyPixels { .. }));
                prop_assert!(refused_for_size, "{result:?}");
            }
        }
    }
}

/// Through the book: a refused photo leaves the contact without one, and the book sound.
#[test]
fn the_book_stays_sound_whatever_picture_is_given() {
    let (_dir, mut book) = new_book();
    let id = add(&mut book, person("Ann", "Lee"));
    // The runner takes a shared closure; the book is borrowed for each case in turn.
    let book = std::cell::RefCell::new(book);
    let mut runner = proptest::test_runner::TestRunner::new(config());
    runner
        .run(&(seed(), harm()), |(seed, harm)| {
            let mut book = book.borrow_mut();
            let bytes = apply(seed.bytes(), &harm);
            let before = book.contact_photo(id, false).unwrap();
            match book.set_contact_photo(id, &bytes) {
                Ok(()) => {
                    let stored = book.contact_photo(id, false).unwrap().expect("a photo");
                    image::load_from_memory(&stored).expect("the stored JPEG reads");
                }
                Err(error) => {
                    assert!(!error.to_string().trim().is_empty());
                    // The photo it had is kept.
                    assert_eq!(book.contact_photo(id, false).unwrap(), before);
                }
            }
            assert_eq!(book.integrity_check().unwrap(), "ok");
            Ok(())
        })
        .unwrap();
}
