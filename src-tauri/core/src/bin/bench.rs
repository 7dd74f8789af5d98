//! How Rapport feels with a big book: fill time, file size, search-as-you-type latency, the
//! first screen of the list, Today, and peak memory, for books of several sizes.
//!
//! `cargo run --release -p rapport-core --bin rapport-bench [-- --sizes 1000,10000,100000] [--keep FOLDER]`
//! `… -- --only server --sizes 100000`: the book file against a team book on PostgreSQL.
//! `… -- --only today --sizes 100000`: Today with 20,000 follow-ups and 5,000 complaint loops open.

#[path = "bench/server.rs"]
mod server;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rapport_core::contacts::{ListQuery, SortKey};
use rapport_core::Book;

#[path = "bench/hostile_photos.rs"]
mod hostile_photos;

#[path = "bench/today.rs"]
mod today_bench;

#[path = "bench/pictures.rs"]
mod pictures;
use pictures::{bench_cards, welcome_bench};

/// What a user types, keystroke by keystroke, into the search box.
const QUERIES: &[&str] = &[
    "an",
    "mar",
    "jos",
    "jose",
    "mull",
    "muller",
    "müller",
    "lukasz",
    "łuk",
    "odeg",
    "ødeg",
    "νικ",
    "παπαδ",
    "王",
    "佐藤",
    "김",
    "محم",
    "иван",
    "כהן",
    "शर्",
    "sato",
    "nguyen",
    "bäckerei",
    "panad",
    "vip",
    "wholesale",
    "555",
    "0101",
    "7946",
    "+49 30",
    "maria gar",
    "anna schm",
    "sourdough",
];
/// Each query is run this many times.
const REPEAT: usize = 5;
const SEED: u64 = 20_260_101;

struct Row {
    contacts: usize,
    /// None when an earlier run's book was reused.
    fill: Option<Duration>,
    db_bytes: u64,
    search_median: Duration,
    search_p95: Duration,
    search_worst: (Duration, &'static str),
    first_screen: Duration,
    /// A search matching a quarter of the book, just after an edit (when the list's name order
    /// kept in memory is read afresh).
    broad_search_after_edit: Duration,
    /// The same just after a contact's name changed (the name order is read again).
    broad_search_after_rename: Duration,
    today: Duration,
    peak_rss_kib: Option<u64>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if let Some(code) = hostile_photos::child(&args) {
        return code;
    }
    if args.windows(2).any(|w| w[0] == "--only" && w[1] == "cards") {
        return bench_cards();
    }
    let options = match parse_args(std::env::args().skip(1).collect()) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let Some(today) = NaiveDate::from_ymd_opt(2026, 3, 15) else {
        return ExitCode::FAILURE;
    };
    if options.only.as_deref() == Some("welcome") {
        return welcome_bench();
    }
    if options.only.as_deref() == Some("today") {
        let size = options.sizes.iter().copied().max().unwrap_or(100_000);
        let result = TempDir::new(size, options.keep.as_deref())
            .and_then(|dir| today_bench::today_section(size, SEED, today, dir.path()));
        if let Err(message) = result {
            eprintln!("today: {message}");
            return ExitCode::FAILURE;
        }
        return ExitCode::SUCCESS;
    }
    if options.only.as_deref() == Some("server") {
        let size = options.sizes.iter().copied().max().unwrap_or(100_000);
        let result = TempDir::new(size, options.keep.as_deref())
            .and_then(|dir| server::server_section(size, SEED, today, dir.path()));
        if let Err(message) = result {
            eprintln!("server: {message}");
            return ExitCode::FAILURE;
        }
        return ExitCode::SUCCESS;
    }
    let run_exchange = matches!(options.only.as_deref(), None | Some("exchange"));
    let run_book = matches!(options.only.as_deref(), None | Some("book"));
    let mut rows = Vec::new();
    for &size in options.sizes.iter().filter(|_| run_book) {
        match run(
            size,
            today,
            options.keep.as_deref(),
            options.reuse.as_deref(),
        ) {
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
    if run_book {
        print_book(&rows);
    }
    if run_exchange {
        let size = options.sizes.iter().copied().max().unwrap_or(100_000);
        if let Err(message) = exchange_section(size, today, options.keep.as_deref()) {
            eprintln!("exchange: {message}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

fn print_book(rows: &[Row]) {
    println!("| contacts | fill | db size | search median | search p95 | broad search after an edit | … after a rename | first screen | today | peak RSS |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for row in rows {
        println!(
            "| {} | {} | {:.1} MB | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {} |",
            row.contacts,
            row.fill.map_or("(reused)".to_string(), |fill| format!(
                "{:.2} s",
                fill.as_secs_f64()
            )),
            row.db_bytes as f64 / 1e6,
            ms(row.search_median),
            ms(row.search_p95),
            ms(row.broad_search_after_edit),
            ms(row.broad_search_after_rename),
            ms(row.first_screen),
            ms(row.today),
            row.peak_rss_kib.map_or("n/a".to_string(), |kib| format!(
                "{:.0} MB",
                kib as f64 / 1024.0
            )),
        );
    }
}

/// Export, import and backup of a big book: each step timed against the target.
fn exchange_section(size: usize, today: NaiveDate, keep: Option<&Path>) -> Result<(), String> {
    use rapport_core::exchange::import::ImportOptions;
    use rapport_core::exchange::{Column, ExportFormat, ExportOptions};
    let no_cancel = std::sync::atomic::AtomicBool::new(false);
    let dir = TempDir::new(size + 1, keep)?;
    let source_dir = dir.path().join("source");
    let mut book = Book::open(&source_dir).map_err(|e| e.to_string())?;
    book.add_sample_customers(size, SEED, today)
        .map_err(|e| e.to_string())?;
    let mut lines = Vec::new();
    let mut step = |name: &str, target: f64, work: &mut dyn FnMut() -> Result<PathBuf, String>| {
        let started = Instant::now();
        let cpu_started = cpu_time();
        let out = work()?;
        let took = started.elapsed().as_secs_f64();
        let cpu = cpu_started
            .zip(cpu_time())
            .map_or("n/a".to_string(), |(before, after)| {
                format!("{:.2} s", after.saturating_sub(before).as_secs_f64())
            });
        lines.push(format!(
            "| {name} | {size} | {took:.2} s | {cpu} | < {target} s | {} | {:.1} MB |",
            if took < target { "ok" } else { "SLOW" },
            file_size(&out) as f64 / 1e6
        ));
        Ok::<(), String>(())
    };
    let csv_out = dir.path().join("export.csv");
    step("export CSV (default columns)", 1.0, &mut || {
        let options = ExportOptions::default();
        book.export(&options, &csv_out, &mut |_, _| {}, &no_cancel)
            .map_err(|e| e.to_string())?;
        Ok(csv_out.clone())
    })?;
    let xlsx_out = dir.path().join("export.xlsx");
    step("export XLSX (default columns)", 5.0, &mut || {
        let options = ExportOptions {
            format: ExportFormat::Xlsx,
            ..ExportOptions::default()
        };
        book.export(&options, &xlsx_out, &mut |_, _| {}, &no_cancel)
            .map_err(|e| e.to_string())?;
        Ok(xlsx_out.clone())
    })?;
    let backup_out = dir.path().join("backup.db");
    step("backup (VACUUM INTO + integrity check)", 2.0, &mut || {
        book.backup(Some(&backup_out)).map_err(|e| e.to_string())?;
        Ok(backup_out.clone())
    })?;
    // A rich CSV (every column but personal notes) imported into an empty book.
    let full_csv = dir.path().join("full.csv");
    let options = ExportOptions {
        columns: Column::ALL.to_vec(),
        ..ExportOptions::default()
    };
    book.export(&options, &full_csv, &mut |_, _| {}, &no_cancel)
        .map_err(|e| e.to_string())?;
    let mut target = Book::open(&dir.path().join("target")).map_err(|e| e.to_string())?;
    step(
        "import CSV (all columns, into an empty book)",
        3.0,
        &mut || {
            let report = target
                .import_file(
                    &full_csv,
                    &ImportOptions::default(),
                    today,
                    &mut |_, _| {},
                    &no_cancel,
                )
                .map_err(|e| e.to_string())?;
            eprintln!(
                "import: {} added, {} duplicates skipped, {} refused",
                report.added,
                report.skipped,
                report.refused.len()
            );
            Ok(full_csv.clone())
        },
    )?;
    println!();
    println!("| exchange step | contacts | time | CPU | target | | file |");
    println!("|---|---:|---:|---:|---:|---|---:|");
    for line in lines {
        println!("{line}");
    }
    println!(
        "\npeak RSS: {}",
        peak_rss_kib().map_or("n/a".to_string(), |kib| format!(
            "{:.0} MB",
            kib as f64 / 1024.0
        ))
    );
    Ok(())
}

struct Options {
    sizes: Vec<usize>,
    /// Run one section only: `book`, `exchange` or `welcome`.
    only: Option<String>,
    /// Keep the databases in this folder (one subfolder per size) to look at them afterwards.
    keep: Option<PathBuf>,
    /// Time the book kept by an earlier `--keep` run in this folder instead of filling a new one
    /// (the fill is then not timed): quick turns while working on search or Today.
    reuse: Option<PathBuf>,
}

fn parse_args(args: Vec<String>) -> Result<Options, String> {
    let usage =
        "usage: rapport-bench [--sizes 1000,10000,100000] [--keep FOLDER | --reuse FOLDER] [--only book|exchange|welcome|cards|server|today]";
    let mut options = Options {
        sizes: vec![1_000, 10_000, 100_000],
        only: None,
        keep: None,
        reuse: None,
    };
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| usage.to_string())?;
        match flag.as_str() {
            "--sizes" => {
                options.sizes = value
                    .split(',')
                    .map(|s| {
                        s.trim()
                            .parse::<usize>()
                            .map_err(|_| format!("\"{s}\" is not a number of contacts; {usage}"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--keep" => options.keep = Some(PathBuf::from(value)),
            "--reuse" => options.reuse = Some(PathBuf::from(value)),
            "--only"
                if ["book", "exchange", "welcome", "server", "today"].contains(&value.as_str()) =>
            {
                options.only = Some(value)
            }
            _ => return Err(usage.to_string()),
        }
    }
    Ok(options)
}

fn run(
    size: usize,
    today: NaiveDate,
    keep: Option<&Path>,
    reuse: Option<&Path>,
) -> Result<Row, String> {
    let dir = match reuse {
        Some(folder) => TempDir::existing(size, folder)?,
        None => TempDir::new(size, keep)?,
    };
    let mut book = Book::open(dir.path()).map_err(|e| e.to_string())?;
    let fill = if reuse.is_some() {
        None
    } else {
        let started = Instant::now();
        let cpu_started = cpu_time();
        book.add_sample_customers(size, SEED, today)
            .map_err(|e| e.to_string())?;
        let fill = started.elapsed();
        if let (Some(before), Some(after)) = (cpu_started, cpu_time()) {
            eprintln!(
                "{size}: fill used {:.2} s of CPU",
                after.saturating_sub(before).as_secs_f64()
            );
        }
        Some(fill)
    };
    let db_bytes =
        file_size(&dir.path().join("rapport.db")) + file_size(&dir.path().join("rapport.db-wal"));

    let timings = latencies(&book, size, today)?;
    let after_edit = broad_search_after_edit(&mut book, today, false)?;
    let after_rename = broad_search_after_edit(&mut book, today, true)?;
    Ok(Row {
        contacts: size,
        fill,
        db_bytes,
        search_median: timings.search_median,
        search_p95: timings.search_p95,
        search_worst: timings.search_worst,
        first_screen: timings.first_screen,
        broad_search_after_edit: after_edit,
        broad_search_after_rename: after_rename,
        today: timings.today,
        peak_rss_kib: peak_rss_kib(),
    })
}

/// A search matching about a quarter of the book ("an") just after an edit, the edit itself
/// not timed: the median of five. The edit is a setting (`rename` false) or a contact's new
/// name (true), after which the name order kept for such searches is read again.
fn broad_search_after_edit(
    book: &mut Book,
    today: NaiveDate,
    rename: bool,
) -> Result<Duration, String> {
    let some_id = book
        .list(&ListQuery {
            limit: 1,
            ..Default::default()
        })
        .map_err(|e| e.to_string())?
        .rows
        .first()
        .map(|row| row.id)
        .ok_or("the book is empty")?;
    let mut took = Vec::new();
    for edit in 0..5 {
        if rename {
            let mut input = book
                .contact(some_id)
                .map_err(|e| e.to_string())?
                .contact
                .fields;
            input.given_name = format!("Bench{edit}");
            book.update_contact(some_id, input, today)
                .map_err(|e| e.to_string())?;
        } else {
            book.set_setting("business_name", &format!("Bench Bakery {edit}"))
                .map_err(|e| e.to_string())?;
        }
        let started = Instant::now();
        book.list(&ListQuery {
            search: "an".into(),
            limit: 50,
            ..Default::default()
        })
        .map_err(|e| e.to_string())?;
        took.push(started.elapsed());
    }
    took.sort_unstable();
    Ok(percentile(&took, 50))
}

/// How fast the window's reads are on a filled book.
pub(crate) struct Latencies {
    pub search_median: Duration,
    pub search_p95: Duration,
    pub search_worst: (Duration, &'static str),
    pub first_screen: Duration,
    pub today: Duration,
}

/// Searches (every query of [`QUERIES`], [`REPEAT`] times), the list's first screen and Today.
pub(crate) fn latencies(book: &Book, size: usize, today: NaiveDate) -> Result<Latencies, String> {
    let mut searches = Vec::new();
    let mut search_worst = (Duration::ZERO, "");
    let mut by_query: Vec<Vec<Duration>> = vec![Vec::new(); QUERIES.len()];
    for _ in 0..REPEAT {
        for (i, query) in QUERIES.iter().enumerate() {
            let list = ListQuery {
                search: (*query).to_string(),
                limit: 50,
                ..Default::default()
            };
            let started = Instant::now();
            book.list(&list).map_err(|e| e.to_string())?;
            let took = started.elapsed();
            if took > search_worst.0 {
                search_worst = (took, query);
            }
            searches.push(took);
            by_query[i].push(took);
        }
    }
    if std::env::var_os("RAPPORT_BENCH_QUERIES").is_some() {
        for (query, times) in QUERIES.iter().zip(&mut by_query) {
            times.sort_unstable();
            eprintln!(
                "{size}: {query:>12}  median {:.2} ms",
                ms(percentile(times, 50))
            );
        }
    }
    let first_screen = median_of(10, || {
        book.list(&ListQuery {
            limit: 100,
            sort: SortKey::Name,
            ..Default::default()
        })
        .map(|_| ())
    })?;
    let today_time = median_of(10, || book.today(today).map(|_| ()))?;
    searches.sort_unstable();
    Ok(Latencies {
        search_median: percentile(&searches, 50),
        search_p95: percentile(&searches, 95),
        search_worst,
        first_screen,
        today: today_time,
    })
}

/// A fresh folder under the system's temporary folder, removed when dropped.
/// (Or, with --keep, a folder that stays.)
struct TempDir {
    path: PathBuf,
    keep: bool,
}

impl TempDir {
    fn new(size: usize, keep: Option<&Path>) -> Result<TempDir, String> {
        let path = match keep {
            Some(folder) => folder.join(size.to_string()),
            None => {
                std::env::temp_dir().join(format!("rapport-bench-{}-{size}", std::process::id()))
            }
        };
        if path.join("rapport.db").exists() {
            return Err(format!(
                "{} already holds a book; choose an empty folder",
                path.display()
            ));
        }
        std::fs::create_dir_all(&path)
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        Ok(TempDir {
            path,
            keep: keep.is_some(),
        })
    }

    /// The book an earlier `--keep FOLDER` run left for `size`, left in place afterwards.
    fn existing(size: usize, folder: &Path) -> Result<TempDir, String> {
        let path = folder.join(size.to_string());
        if !path.join("rapport.db").exists() {
            return Err(format!(
                "{} holds no book; make one first with --keep {}",
                path.display(),
                folder.display()
            ));
        }
        Ok(TempDir { path, keep: true })
    }

    fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

fn median_of(
    times: usize,
    mut work: impl FnMut() -> rapport_core::Result<()>,
) -> Result<Duration, String> {
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

/// CPU time the process's running threads have used so far, where Linux reports it: on a busy
/// machine, a steadier measure than the clock.
fn cpu_time() -> Option<Duration> {
    let mut nanos = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        nanos += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(nanos))
}

/// The process's peak resident memory (VmHWM), in KiB, where Linux reports it.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
