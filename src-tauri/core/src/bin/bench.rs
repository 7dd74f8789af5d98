//! How Rapport feels with a big book: fill time, file size, search-as-you-type latency, the
//! first screen of the list, Today, and peak memory, for books of several sizes.
//!
//! `cargo run --release -p rapport-core --bin rapport-bench [-- --sizes 1000,10000,100000]`

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rapport_core::contacts::{ListQuery, SortKey};
use rapport_core::{demo, Book};

/// What a user types, keystroke by keystroke, into the search box.
const QUERIES: &[&str] = &[
    "an", "mar", "jos", "jose", "mull", "muller", "müller", "lukasz", "łuk", "odeg", "ødeg", "νικ", "παπαδ",
    "王", "佐藤", "김", "محم", "иван", "כהן", "शर्", "sato", "nguyen", "bäckerei", "panad", "vip", "wholesale",
    "555", "0101", "7946", "+49 30", "maria gar", "anna schm", "sourdough",
];
/// Each query is run this many times.
const REPEAT: usize = 5;
const SEED: u64 = 20_260_101;

struct Row {
    contacts: usize,
    fill: Duration,
    db_bytes: u64,
    search_median: Duration,
    search_p95: Duration,
    search_worst: (Duration, &'static str),
    first_screen: Duration,
    today: Duration,
    peak_rss_kib: Option<u64>,
}

fn main() -> ExitCode {
    let sizes = match parse_sizes(std::env::args().skip(1).collect()) {
        Ok(sizes) => sizes,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let Some(today) = NaiveDate::from_ymd_opt(2026, 3, 15) else {
        return ExitCode::FAILURE;
    };
    let mut rows = Vec::new();
    for size in sizes {
        match run(size, today) {
            Ok(row) => {
                eprintln!(
                    "{size}: slowest search {:.2} ms for {:?}",
                    ms(row.search_worst.0),
                    row.search_worst.1
                );
                rows.push(row);
            }
            Err(message) => {
                eprintln!("{size} contacts: {message}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("| contacts | fill | db size | search median | search p95 | first screen | today | peak RSS |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for row in &rows {
        println!(
            "| {} | {:.2} s | {:.1} MB | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {} |",
            row.contacts,
            row.fill.as_secs_f64(),
            row.db_bytes as f64 / 1e6,
            ms(row.search_median),
            ms(row.search_p95),
            ms(row.first_screen),
            ms(row.today),
            row.peak_rss_kib.map_or("n/a".to_string(), |kib| format!("{:.0} MB", kib as f64 / 1024.0)),
        );
    }
    ExitCode::SUCCESS
}

fn parse_sizes(args: Vec<String>) -> Result<Vec<usize>, String> {
    let usage = "usage: rapport-bench [--sizes 1000,10000,100000]";
    match args.as_slice() {
        [] => Ok(vec![1_000, 10_000, 100_000]),
        [flag, list] if flag == "--sizes" => list
            .split(',')
            .map(|s| s.trim().parse::<usize>().map_err(|_| format!("\"{s}\" is not a number of contacts; {usage}")))
            .collect(),
        _ => Err(usage.to_string()),
    }
}

fn run(size: usize, today: NaiveDate) -> Result<Row, String> {
    let dir = TempDir::new(size)?;
    let mut book = Book::open(dir.path()).map_err(|e| e.to_string())?;
    let started = Instant::now();
    demo::fill(&mut book, size, SEED, today).map_err(|e| e.to_string())?;
    let fill = started.elapsed();
    let db_bytes = file_size(&dir.path().join("rapport.db")) + file_size(&dir.path().join("rapport.db-wal"));

    let mut searches = Vec::new();
    let mut search_worst = (Duration::ZERO, "");
    for _ in 0..REPEAT {
        for query in QUERIES {
            let list = ListQuery { search: (*query).to_string(), limit: 50, ..Default::default() };
            let started = Instant::now();
            book.list(&list).map_err(|e| e.to_string())?;
            let took = started.elapsed();
            if took > search_worst.0 {
                search_worst = (took, query);
            }
            searches.push(took);
        }
    }
    let first_screen = median_of(10, || {
        book.list(&ListQuery { limit: 100, sort: SortKey::Name, ..Default::default() }).map(|_| ())
    })?;
    let today_time = median_of(10, || book.today(today).map(|_| ()))?;
    searches.sort_unstable();
    Ok(Row {
        contacts: size,
        fill,
        db_bytes,
        search_median: percentile(&searches, 50),
        search_p95: percentile(&searches, 95),
        search_worst,
        first_screen,
        today: today_time,
        peak_rss_kib: peak_rss_kib(),
    })
}

/// A fresh folder under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(size: usize) -> Result<TempDir, String> {
        let path = std::env::temp_dir().join(format!("rapport-bench-{}-{size}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        Ok(TempDir(path))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn median_of(times: usize, mut work: impl FnMut() -> rapport_core::Result<()>) -> Result<Duration, String> {
    let mut took = Vec::with_capacity(times);
    for _ in 0..times {
        let started = Instant::now();
        work().map_err(|e| e.to_string())?;
        took.push(started.elapsed());
    }
    took.sort_unstable();
    Ok(percentile(&took, 50))
}

/// The `p`th percentile of sorted durations (nearest rank).
fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (sorted.len() * p).div_ceil(100).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// The process's peak resident memory (VmHWM), in KiB, where Linux reports it.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
