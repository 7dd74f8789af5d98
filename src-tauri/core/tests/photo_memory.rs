//! A 40-megapixel JPEG is imported without ever holding its 120 MB of pixels: it is decoded at a
//! quarter of its size. Alone in its own test binary, so the peak measured is this import's.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use std::io::Cursor;

#[test]
fn a_40_megapixel_jpeg_is_imported_in_bounded_memory() {
    let (width, height) = (7296, 5472);
    let mut jpeg = Vec::new();
    {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x / 29) as u8, (y / 21) as u8, ((x ^ y) / 64) as u8])
        });
        image
            .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
            .unwrap();
    }
    // Forget the peak of making the picture: from here on, only the import counts.
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = status_kb("VmRSS:");
    let photo = rapport_core::photos::normalize(&jpeg).unwrap();
    assert_eq!((photo.width, photo.height), (1824, 1368));
    if reset {
        let used = status_kb("VmHWM:").saturating_sub(before);
        println!("importing 40 megapixels took {used} kB more than before");
        // Full decoding took about 300 MB here; a quarter-size decode about 20 MB.
        assert!(used < 80_000, "the import used {used} kB");
    }
}

fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_string))
        })
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}
