//! `--only welcome` (a camera photo imported, the whiteboard, hostile pictures) and `--only cards`
//! (personalised cards with a photo on the front): pictures, timed with their peak memory.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use super::{hostile_photos, ms, peak_rss_kib};

/// Photo import (a 12-megapixel camera JPEG), the whiteboard and the message, with peak memory.
pub fn welcome_bench() -> ExitCode {
    use rapport_core::photos;
    let (width, height) = (4000u32, 3000u32);
    let camera = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x ^ y) % 239) as u8])
    });
    let mut jpeg = Vec::new();
    if let Err(e) = image::DynamicImage::ImageRgb8(camera).write_to(
        &mut std::io::Cursor::new(&mut jpeg),
        image::ImageFormat::Jpeg,
    ) {
        eprintln!("cannot make the test picture: {e}");
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    let photo = match photos::normalize(&jpeg) {
        Ok(photo) => photo,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let import = started.elapsed();
    let started = Instant::now();
    let hostile = photos::normalize(&jpeg[..jpeg.len() / 2]).is_err();
    let refuse = started.elapsed();
    let Ok(stored) = photos::decode_stored(&photo.jpeg) else {
        return ExitCode::FAILURE;
    };
    let started = Instant::now();
    let area = photos::default_board(photo.width, photo.height);
    let _ =
        rapport_core::whiteboard::write_on_photo(&stored, area, "Welcome, Ann of Ann's Bakery!");
    let first_board = started.elapsed();
    let started = Instant::now();
    let _ =
        rapport_core::whiteboard::write_on_photo(&stored, area, "Welcome, فاطمة of مخبز الزهراء!");
    let second_board = started.elapsed();
    println!("| photo import ({width}×{height} JPEG, {:.1} MB) | stored | thumbnail | truncated refused | whiteboard (first, fonts loaded) | whiteboard (Arabic) | peak RSS |", jpeg.len() as f64 / 1e6);
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {:.0} ms | {}×{}, {:.0} kB | {:.0} kB | {} in {:.1} ms | {:.0} ms | {:.0} ms | {} |",
        ms(import),
        photo.width,
        photo.height,
        photo.jpeg.len() as f64 / 1e3,
        photo.thumb_jpeg.len() as f64 / 1e3,
        if hostile { "yes" } else { "NO" },
        ms(refuse),
        ms(first_board),
        ms(second_board),
        peak_rss_kib().map_or("n/a".to_string(), |kib| format!(
            "{:.0} MB",
            kib as f64 / 1024.0
        )),
    );
    if let Err(e) = hostile_photos::hostile_rows() {
        eprintln!("hostile pictures: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// `--only cards`: personalised cards with a photo on the front, 1,000 and 10,000 of them.
pub fn bench_cards() -> ExitCode {
    use rapport_core::cards::{
        built_in_designs, render_cards, CardFormat, CardJob, CardRecipient, FontSet,
    };
    use std::collections::BTreeMap;
    use std::sync::atomic::AtomicBool;
    let photo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cards/front.jpg");
    let fonts = FontSet::shared();
    let names = [
        "Ann",
        "Zoë",
        "Αλέξανδρος",
        "Ёлка",
        "محمد",
        "王小明",
        "김민준",
        "José",
    ];
    println!("| cards | time | PDF size | peak RSS |");
    println!("|---:|---:|---:|---:|");
    for count in [1_000usize, 10_000] {
        let mut design = built_in_designs("birthday").remove(0);
        design.format = CardFormat::A6;
        design.front_image = Some(photo.clone());
        let recipients = (0..count)
            .map(|i| {
                let mut values = BTreeMap::new();
                let name = format!("{} {i}", names[i % names.len()]);
                values.insert("first_name".to_string(), name.clone());
                CardRecipient {
                    contact_id: i as i64,
                    display_name: name,
                    values,
                    address: None,
                    personal_line: (i % 3 == 0)
                        .then(|| "See you at the spring market!".to_string()),
                }
            })
            .collect();
        let job = CardJob {
            design,
            recipients,
            business_name: "Ann's Bakery".into(),
        };
        let start = Instant::now();
        let pdf = match render_cards(&job, fonts, &mut |_, _| {}, &AtomicBool::new(false)) {
            Ok(pdf) => pdf,
            Err(e) => {
                eprintln!("{count} cards: {e}");
                return ExitCode::FAILURE;
            }
        };
        let took = start.elapsed();
        println!(
            "| {count} | {:.2} s | {:.2} MB | {} |",
            took.as_secs_f64(),
            pdf.len() as f64 / 1e6,
            peak_rss_kib().map_or("n/a".to_string(), |kib| format!(
                "{:.0} MB",
                kib as f64 / 1024.0
            )),
        );
    }
    ExitCode::SUCCESS
}
