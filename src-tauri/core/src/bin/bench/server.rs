//! `--only server`: the same bulk writes and reads on a book file and on a team book on a
//! PostgreSQL server, side by side (the target: a 100,000-row import within 2× of the
//! file's). The server is the one in RAPPORT_TEST_PG (as `tests/run` sets it), or a throwaway
//! one started with src-tauri/scripts/test-postgres.sh.

use std::io::BufRead;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rapport_core::contacts::ListQuery;
use rapport_core::server::ServerUrl;
use rapport_core::store::postgres::{set_up_book, ConnectSpec, Credentials, PgStore, ServerBook};
use rapport_core::store::Store;
use rapport_core::Book;

/// The server for the bench: its admin's address, and the script to stop when one was started.
struct Server {
    admin: ConnectSpec,
    _script: Option<Child>,
    /// The books made on it, dropped when the bench ends (on a shared test server they would
    /// pile up: each holds a whole book).
    made: std::cell::RefCell<Vec<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let Ok(mut admin) = rapport_core::store::postgres::connect(&self.admin) else {
            return;
        };
        for database in self.made.borrow().iter() {
            // FORCE: a desk of the bench may still be connected.
            if let Err(e) = admin
                .client
                .batch_execute(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
            {
                eprintln!("could not drop the bench's database {database}: {e}");
            }
        }
    }
}

fn server() -> Result<Server, String> {
    let (url, script) = match std::env::var("RAPPORT_TEST_PG") {
        Ok(url) if !url.is_empty() => (url, None),
        _ => {
            let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/test-postgres.sh");
            let mut child = Command::new("bash")
                .arg(&script)
                .arg("serve")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .spawn()
                .map_err(|e| format!("cannot run {}: {e}", script.display()))?;
            let mut line = String::new();
            let stdout = child.stdout.take().ok_or("the script gave no output")?;
            std::io::BufReader::new(stdout)
                .read_line(&mut line)
                .map_err(|e| e.to_string())?;
            (line.trim().to_string(), Some(child))
        }
    };
    let parsed = ServerUrl::parse(&url).map_err(|e| e.to_string())?;
    Ok(Server {
        admin: ConnectSpec {
            address: parsed.address,
            pin: parsed.pin,
            credentials: Credentials {
                login: parsed.login.ok_or("the server's address has no login")?,
                password: parsed
                    .password
                    .ok_or("the server's address has no password")?,
            },
        },
        _script: script,
        made: std::cell::RefCell::new(Vec::new()),
    })
}

/// The name of the bench's database made as `name`.
fn server_database(server: &Server, name: &str) -> Result<String, String> {
    let wanted = format!("bench_{}_{name}", std::process::id());
    server
        .made
        .borrow()
        .iter()
        .find(|d| **d == wanted)
        .cloned()
        .ok_or_else(|| format!("no database {wanted}"))
}

/// `VACUUM (ANALYZE)` of a whole book, as the server's autovacuum does after a bulk write.
fn vacuum(server: &Server, database: &str) -> Result<(), String> {
    let mut spec = server.admin.clone();
    spec.address.database = database.to_string();
    let mut admin = rapport_core::store::postgres::connect(&spec).map_err(|e| e.to_string())?;
    admin
        .client
        .batch_execute("VACUUM (ANALYZE)")
        .map_err(|e| e.to_string())
}

/// The server's version and page cache (`shared_buffers`): a search counting many matches
/// reads them from the cache, so the figures depend on its size.
fn server_settings(server: &Server) -> Result<String, String> {
    let mut admin =
        rapport_core::store::postgres::connect(&server.admin).map_err(|e| e.to_string())?;
    let setting = |admin: &mut postgres::Client, name: &str| -> Result<String, String> {
        admin
            .query_one(&format!("SHOW {name}"), &[])
            .and_then(|row| row.try_get::<_, String>(0))
            .map_err(|e| e.to_string())
    };
    let version = setting(&mut admin.client, "server_version")?;
    let buffers = setting(&mut admin.client, "shared_buffers")?;
    let at = &server.admin.address;
    Ok(format!(
        "PostgreSQL {version} on {}:{}, shared_buffers {buffers}",
        at.host, at.port
    ))
}

/// A fresh team book on the server, opened as its administrator.
fn server_book(server: &Server, name: &str, data_dir: &Path) -> Result<Book, String> {
    let database = format!("bench_{}_{name}", std::process::id());
    set_up_book(&server.admin, &database).map_err(|e| e.to_string())?;
    server.made.borrow_mut().push(database.clone());
    desk(server, &database, data_dir)
}

/// A desk on the team book in `database` (a connection of its own), signed in as the admin.
fn desk(server: &Server, database: &str, data_dir: &Path) -> Result<Book, String> {
    let mut spec = server.admin.clone();
    spec.address.database = database.to_string();
    let store = PgStore::open(&spec).map_err(|e| e.to_string())?;
    Ok(Book::from_store(Store::Postgres(Box::new(
        ServerBook::new(store, data_dir),
    ))))
}

/// How long a call logged at one desk takes to reach another desk's window: from the start of
/// the write to the notice heard by the other desk's listening connection, `rounds` times.
/// Returns (median, p95).
fn notice_delay(
    server: &Server,
    today: NaiveDate,
    dir: &Path,
    rounds: usize,
) -> Result<(Duration, Duration), String> {
    use rapport_core::contacts::{ContactInput, NewTouchpoint, TouchpointKind};
    let database = format!("bench_{}_live", std::process::id());
    set_up_book(&server.admin, &database).map_err(|e| e.to_string())?;
    server.made.borrow_mut().push(database.clone());
    let mut counter = desk(server, &database, &dir.join("counter"))?;
    let office = desk(server, &database, &dir.join("office"))?;
    let contact = counter
        .create_contact(
            ContactInput {
                given_name: "Ann".into(),
                ..ContactInput::default()
            },
            today,
        )
        .map_err(|e| e.to_string())?
        .contact
        .id;
    let mut watch = office
        .watch_other_desks()
        .map_err(|e| e.to_string())?
        .ok_or("a team book has desks to watch")?;
    // Connects, and takes the contact's own notice.
    while watch
        .next(Duration::from_millis(300))
        .map_err(|e| e.to_string())?
        .is_some()
    {}
    let mut delays = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let started = Instant::now();
        counter
            .log_touchpoint(
                contact,
                NewTouchpoint {
                    kind: TouchpointKind::Call,
                    happened_on: today,
                    note: format!("call {round}"),
                    handled_by: String::new(),
                },
                today,
            )
            .map_err(|e| e.to_string())?;
        loop {
            let change = watch
                .next(Duration::from_secs(5))
                .map_err(|e| e.to_string())?
                .ok_or("no notice within 5 s")?;
            if change.contact_ids.contains(&contact) {
                break;
            }
        }
        delays.push(started.elapsed());
    }
    delays.sort();
    Ok((delays[rounds / 2], delays[rounds * 95 / 100]))
}

fn timed<T>(work: impl FnOnce() -> Result<T, String>) -> Result<(T, Duration), String> {
    let started = Instant::now();
    let value = work()?;
    Ok((value, started.elapsed()))
}

/// Runs the comparison for `size` contacts and prints its table.
pub fn server_section(size: usize, seed: u64, today: NaiveDate, dir: &Path) -> Result<(), String> {
    use rapport_core::exchange::import::ImportOptions;
    use rapport_core::exchange::{Column, ExportOptions};
    let server = server()?;
    let no_cancel = std::sync::atomic::AtomicBool::new(false);
    let mut lines = Vec::new();
    let mut row = |step: &str, file: Duration, on_server: Duration| {
        lines.push(format!(
            "| {step} | {size} | {:.2} s | {:.2} s | {:.2}× |",
            file.as_secs_f64(),
            on_server.as_secs_f64(),
            on_server.as_secs_f64() / file.as_secs_f64().max(1e-9)
        ));
    };

    let mut file = Book::open(&dir.join("file")).map_err(|e| e.to_string())?;
    let mut shared = server_book(&server, "sample", &dir.join("server"))?;
    let ((), file_fill) = timed(|| {
        file.add_sample_customers(size, seed, today)
            .map(|_| ())
            .map_err(|e| e.to_string())
    })?;
    let ((), server_fill) = timed(|| {
        shared
            .add_sample_customers(size, seed, today)
            .map(|_| ())
            .map_err(|e| e.to_string())
    })?;
    row(
        "sample data (contacts with timelines)",
        file_fill,
        server_fill,
    );

    let csv = dir.join("full.csv");
    let options = ExportOptions {
        columns: Column::ALL.to_vec(),
        ..ExportOptions::default()
    };
    file.export(&options, &csv, &mut |_, _| {}, &no_cancel)
        .map_err(|e| e.to_string())?;
    let import = |book: &mut Book| {
        timed(|| {
            book.import_file(
                &csv,
                &ImportOptions::default(),
                today,
                &mut |_, _| {},
                &no_cancel,
            )
            .map(|report| report.added)
            .map_err(|e| e.to_string())
        })
    };
    let mut file_target = Book::open(&dir.join("file-import")).map_err(|e| e.to_string())?;
    let mut server_target = server_book(&server, "import", &dir.join("server-import"))?;
    let (file_added, file_import) = import(&mut file_target)?;
    let (server_added, server_import) = import(&mut server_target)?;
    if file_added != server_added {
        return Err(format!(
            "the import added {file_added} contacts to the file and {server_added} on the server"
        ));
    }
    row(
        "import CSV (all columns, into an empty book)",
        file_import,
        server_import,
    );

    let search = |book: &Book| {
        timed(|| {
            for text in ["mar", "jose", "müller", "555", "sourdough"] {
                book.list(&ListQuery {
                    search: text.into(),
                    limit: 50,
                    ..ListQuery::default()
                })
                .map_err(|e| e.to_string())?;
            }
            Ok(())
        })
    };
    let ((), file_search) = search(&file)?;
    let ((), server_search) = search(&shared)?;
    row("5 searches (first page each)", file_search, server_search);
    let ((), file_today) = timed(|| file.today(today).map(|_| ()).map_err(|e| e.to_string()))?;
    let ((), server_today) = timed(|| shared.today(today).map(|_| ()).map_err(|e| e.to_string()))?;
    row("Today", file_today, server_today);
    // The window's reads as the book section measures them, on both.
    let file_reads = super::latencies(&file, size, today)?;
    let fresh_reads = super::latencies(&shared, size, today)?;
    // The server's autovacuum passes over a table soon after a bulk write (about a minute);
    // run that pass now instead of waiting, and measure the reads as desks see them after it.
    let settled = server_database(&server, "sample")?;
    vacuum(&server, &settled)?;
    let server_reads = super::latencies(&shared, size, today)?;
    let backup = |book: &Book, name: &str| {
        let out = dir.join(name);
        timed(|| {
            book.backup(Some(&out))
                .map(|_| ())
                .map_err(|e| e.to_string())
        })
    };
    let ((), file_backup) = backup(&file, "file-backup.db")?;
    let ((), server_backup) = backup(&shared, "server-backup.db")?;
    row("back up to a book file", file_backup, server_backup);

    // `rapport server init` moving the owner's book file onto the empty team book.
    let moved_into = server_book(&server, "moved", &dir.join("server-moved"))?;
    let (moved, move_time) = timed(|| file.copy_into(&moved_into).map_err(|e| e.to_string()))?;
    if moved.contacts != size {
        return Err(format!("moved {} of {size} contacts", moved.contacts));
    }

    const ROUNDS: usize = 200;
    let (median, p95) = notice_delay(&server, today, dir, ROUNDS)?;

    println!();
    println!("The server: {}.", server_settings(&server)?);
    println!();
    println!("| step | contacts | book file (SQLite) | team book (PostgreSQL) | ratio |");
    println!("|---|---:|---:|---:|---:|");
    for line in lines {
        println!("{line}");
    }
    println!();
    println!(
        "The window's reads ({} queries × {} for search; first screen and Today: median of 10):",
        super::QUERIES.len(),
        super::REPEAT
    );
    println!();
    println!(
        "| read | contacts | book file (SQLite) | team book (PostgreSQL) | target (team book) |"
    );
    println!("|---|---:|---:|---:|---:|");
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    for (read, file, on_server, target) in [
        (
            "search median",
            file_reads.search_median,
            server_reads.search_median,
            "",
        ),
        (
            "search p95",
            file_reads.search_p95,
            server_reads.search_p95,
            "< 10 ms",
        ),
        (
            "first screen of the list",
            file_reads.first_screen,
            server_reads.first_screen,
            "",
        ),
        ("Today", file_reads.today, server_reads.today, ""),
    ] {
        println!(
            "| {read} | {size} | {:.1} ms | {:.1} ms | {target} |",
            ms(file),
            ms(on_server)
        );
    }
    println!(
        "| search median, p95 before the vacuum pass | {size} | | {:.1} ms, {:.1} ms | |",
        ms(fresh_reads.search_median),
        ms(fresh_reads.search_p95)
    );
    println!(
        "| slowest search | {size} | {:.1} ms ({:?}) | {:.1} ms ({:?}) | |",
        ms(file_reads.search_worst.0),
        file_reads.search_worst.1,
        ms(server_reads.search_worst.0),
        server_reads.search_worst.1
    );
    println!();
    println!(
        "Moving the book file onto an empty team book (`rapport server init`): {size} contacts with {} timeline entries in {:.2} s.",
        moved.timeline_entries,
        move_time.as_secs_f64()
    );
    println!();
    println!("A call logged at one desk, heard at another ({ROUNDS} calls; the window then re-reads its screen):");
    println!();
    println!("| | median | p95 | target |");
    println!("|---|---:|---:|---:|");
    println!(
        "| team book: write + notice to the other desk | {:.1} ms | {:.1} ms | < 200 ms |",
        median.as_secs_f64() * 1000.0,
        p95.as_secs_f64() * 1000.0
    );
    println!("| book file: another program's commit | looked at every 0.5 s | ≤ 0.5 s | |");
    Ok(())
}
