//! `--only welcome`, hostile pictures: each imported in a child process of its own, so the peak
//! memory printed is that import's alone (the parent made the pictures, which takes far more).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use rapport_core::photos;

/// The hidden child modes: `--photo-child FILE` imports one picture, `--vcard-child FILE
/// [--dry-run]` imports a vCard into an empty book. Each prints `result\tms\tpeak kB\tcpu ms`.
pub fn child(args: &[String]) -> Option<ExitCode> {
    let mode = args.get(1)?;
    if mode != "--photo-child" && mode != "--vcard-child" {
        return None;
    }
    let file = PathBuf::from(args.get(2)?);
    let dry_run = args.iter().any(|a| a == "--dry-run");
    let started = Instant::now();
    let result = if mode == "--photo-child" {
        photos::read_picture_file(&file)
            .and_then(|bytes| photos::normalize(&bytes))
            .map(|p| format!("imported, stored {}×{}", p.width, p.height))
            .map_err(|e| e.to_string())
    } else {
        import_vcard(&file, dry_run)
    };
    let took = started.elapsed();
    let result = result.unwrap_or_else(|e| format!("refused: {e}"));
    println!(
        "{}\t{:.0}\t{}\t{:.0}",
        result.replace(['\t', '\n'], " "),
        super::ms(took),
        super::peak_rss_kib().unwrap_or(0),
        process_cpu().map_or(f64::NAN, super::ms)
    );
    Some(ExitCode::SUCCESS)
}

/// CPU time (user and system) of the whole process so far, threads that have ended included:
/// on a busy machine a steadier figure than the clock. Linux reports it in ticks of 1/100 s.
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn import_vcard(file: &Path, dry_run: bool) -> Result<String, String> {
    use rapport_core::exchange::import::{import, ImportOptions};
    let dir = std::env::temp_dir().join(format!("rapport-bench-vcard-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut book = rapport_core::Book::open(&dir).map_err(|e| e.to_string())?;
    let options = ImportOptions {
        dry_run,
        ..ImportOptions::default()
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 15).ok_or("no date")?;
    let report = import(&mut book, file, &options, today, &mut |_, _| {});
    drop(book);
    let _ = std::fs::remove_dir_all(&dir);
    let report = report.map_err(|e| e.to_string())?;
    Ok(format!(
        "{} added, {} photo notes",
        report.added,
        report.notes.len()
    ))
}

/// A smooth 16-bit RGBA gradient: compresses to a few hundred kB, decodes to 320 MB.
fn png16(width: u32, height: u32) -> Result<Vec<u8>, String> {
    let image = image::ImageBuffer::<image::Rgba<u16>, _>::from_fn(width, height, |x, y| {
        image::Rgba([
            (x * 65535 / width) as u16,
            (y * 65535 / height) as u16,
            40_000,
            (65535 - (x + y) * 20_000 / (width + height)) as u16,
        ])
    });
    let mut out = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new_with_quality(
        &mut out,
        image::codecs::png::CompressionType::Best,
        image::codecs::png::FilterType::Adaptive,
    );
    image
        .write_with_encoder(encoder)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// A lossless WebP (what the `image` crate writes) of a smooth RGB picture.
fn webp(width: u32, height: u32) -> Result<Vec<u8>, String> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x / 29) as u8, (y / 21) as u8, 90])
    });
    let mut out = Vec::new();
    image
        .write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::WebP,
        )
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// A vCard of `count` contacts, each with `photo` inline (3.0, base64, folded at 75).
fn vcard(count: usize, photo: &[u8]) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(photo);
    let mut out = String::new();
    for i in 0..count {
        out.push_str(&format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Photo{i};Ann;;;\r\nFN:Ann Photo{i}\r\nEMAIL:ann{i}@example.com\r\n"
        ));
        let mut line = String::from("PHOTO;ENCODING=b;TYPE=PNG:");
        line.push_str(&encoded);
        let bytes = line.as_bytes();
        out.push_str(std::str::from_utf8(&bytes[..75.min(bytes.len())]).unwrap_or_default());
        for chunk in bytes[75.min(bytes.len())..].chunks(74) {
            out.push_str("\r\n ");
            out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        }
        out.push_str("\r\nEND:VCARD\r\n");
    }
    out
}

/// What one child process said: its result, wall and CPU time, and peak memory.
struct Run {
    result: String,
    took: Duration,
    cpu: Duration,
    peak_kib: u64,
}

fn run_child(args: &[&str]) -> Result<Run, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(exe)
        .args(args)
        .output()
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout);
    let parts: Vec<&str> = text.trim().split('\t').collect();
    let number = |i: usize| parts.get(i).and_then(|p| p.parse::<f64>().ok());
    match (parts.first(), number(1), number(2)) {
        (Some(result), Some(ms), Some(kib)) => Ok(Run {
            result: result.to_string(),
            took: Duration::from_secs_f64(ms / 1000.0),
            cpu: Duration::from_secs_f64(number(3).unwrap_or(0.0).max(0.0) / 1000.0),
            peak_kib: kib as u64,
        }),
        _ => Err(format!(
            "the child process failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )),
    }
}

/// The hostile-picture rows of `--only welcome`.
pub fn hostile_rows() -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("rapport-bench-photos-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let (width, height) = (7296u32, 5472u32);
    let write = |name: &str, bytes: &[u8]| -> Result<PathBuf, String> {
        let path = dir.join(name);
        let mut file = std::fs::File::create(&path).map_err(|e| e.to_string())?;
        file.write_all(bytes).map_err(|e| e.to_string())?;
        Ok(path)
    };
    let png = png16(width, height)?;
    let png_path = write("rgba16.png", &png)?;
    let webp_path = write("lossless.webp", &webp(width, height)?)?;
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/photos");
    let vcard_path = write("ten.vcf", vcard(10, &png).as_bytes())?;
    drop(png);
    let size = |p: &Path| std::fs::metadata(p).map_or(0.0, |m| m.len() as f64 / 1e6);
    let mut rows: Vec<(String, Vec<&str>, PathBuf)> = vec![
        (
            format!(
                "{width}×{height} 16-bit RGBA PNG ({:.2} MB)",
                size(&png_path)
            ),
            vec!["--photo-child"],
            png_path,
        ),
        (
            format!(
                "{width}×{height} lossless WebP ({:.2} MB)",
                size(&webp_path)
            ),
            vec!["--photo-child"],
            webp_path,
        ),
    ];
    // The `image` crate writes only lossless WebP: lossy ones are the tests' fixtures.
    for (name, fixture) in [
        ("lossy WebP", "40mp-lossy.webp"),
        ("lossy WebP with alpha", "40mp-lossy-alpha.webp"),
    ] {
        let path = fixtures.join(fixture);
        rows.push((
            format!("{width}×{height} {name} ({:.2} MB)", size(&path)),
            vec!["--photo-child"],
            path,
        ));
    }
    rows.push((
        format!("vCard, 10 of the PNG above ({:.1} MB)", size(&vcard_path)),
        vec!["--vcard-child"],
        vcard_path.clone(),
    ));
    rows.push((
        "the same vCard, dry run".to_string(),
        vec!["--vcard-child", "--dry-run"],
        vcard_path,
    ));
    println!();
    println!("| hostile picture (size) | result | median | p95 | CPU median | peak RSS (own process, highest run) |");
    println!("|---|---|---:|---:|---:|---:|");
    for (name, mode, path) in rows {
        let path_text = path.display().to_string();
        let mut args = vec![mode[0], path_text.as_str()];
        args.extend(&mode[1..]);
        // Each run a fresh process, so every one pays for its own memory.
        let runs = if mode[0] == "--vcard-child" { 3 } else { 7 };
        let mut took = Vec::with_capacity(runs);
        let mut cpu = Vec::with_capacity(runs);
        let mut peak = 0;
        let mut result = String::new();
        for _ in 0..runs {
            let run = run_child(&args)?;
            took.push(run.took);
            cpu.push(run.cpu);
            peak = peak.max(run.peak_kib);
            result = run.result;
        }
        took.sort_unstable();
        cpu.sort_unstable();
        let result: String = result.chars().take(110).collect();
        println!(
            "| {name} | {result} | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} MB |",
            super::ms(super::percentile(&took, 50)),
            super::ms(super::percentile(&took, 95)),
            super::ms(super::percentile(&cpu, 50)),
            peak as f64 / 1024.0
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
