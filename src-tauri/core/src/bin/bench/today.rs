//! `--only today`: Today on a big book with many follow-ups and complaint loops open (the gestures
//! issue's target: 100,000 contacts, 20,000 open follow-ups and 5,000 loops within 50 ms). The
//! follow-ups and loops are written as SQL in one transaction, for speed; what is timed is the
//! public API the window and `rapport today` call.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use rapport_core::today::TODAY_LIST_LIMIT;
use rapport_core::Book;

/// Open follow-ups: due over the two months around today, about half of them due.
pub const FOLLOW_UPS: usize = 20_000;
/// Complaints whose loop is open: a third each open, apologised and put right.
pub const LOOPS: usize = 5_000;
const RUNS: usize = 30;

pub fn today_section(size: usize, seed: u64, today: NaiveDate, dir: &Path) -> Result<(), String> {
    let mut book = Book::open(dir).map_err(|e| e.to_string())?;
    book.add_sample_customers(size, seed, today)
        .map_err(|e| e.to_string())?;
    drop(book);
    add_follow_ups_and_loops(&dir.join("rapport.db"), size, today)?;
    let book = Book::open(dir).map_err(|e| e.to_string())?;

    let view = book.today(today).map_err(|e| e.to_string())?;
    let loops = book
        .open_loops_first(today, TODAY_LIST_LIMIT as usize)
        .map_err(|e| e.to_string())?;
    let today_only = sample(|| book.today(today).map(|_| ()))?;
    // What the window reads for Today: the lists, the first loops, the quarter's count.
    let window = sample(|| {
        book.today(today)?;
        book.open_loops_first(today, TODAY_LIST_LIMIT as usize)?;
        book.complaints_ended_this_quarter(today).map(|_| ())
    })?;
    // What `rapport today` and the digest read: every loop.
    let report = sample(|| book.today_report(today).map(|_| ()))?;
    println!("| contacts | follow-ups open (due) | loops open | today median / p95 | window's Today median / p95 | `rapport today` median / p95 | peak RSS |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    let both = |times: &[Duration]| {
        format!(
            "{:.2} / {:.2} ms",
            super::ms(super::percentile(times, 50)),
            super::ms(super::percentile(times, 95))
        )
    };
    println!(
        "| {size} | {FOLLOW_UPS} ({}) | {} | {} | {} | {} | {} |",
        view.follow_up_count,
        loops.total,
        both(&today_only),
        both(&window),
        both(&report),
        super::peak_rss_kib().map_or("n/a".to_string(), |kib| format!(
            "{:.0} MB",
            kib as f64 / 1024.0
        )),
    );
    Ok(())
}

/// `RUNS` timings of `work`, sorted.
fn sample(mut work: impl FnMut() -> rapport_core::Result<()>) -> Result<Vec<Duration>, String> {
    let mut took = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        work().map_err(|e| e.to_string())?;
        took.push(started.elapsed());
    }
    took.sort_unstable();
    Ok(took)
}

/// Writes the follow-ups and the loops into the book file, spread over its contacts.
fn add_follow_ups_and_loops(db: &Path, size: usize, today: NaiveDate) -> Result<(), String> {
    let fail = |e: rusqlite::Error| e.to_string();
    let mut conn = rusqlite::Connection::open(db).map_err(fail)?;
    let tx = conn.transaction().map_err(fail)?;
    let contact = |i: usize| ((i * 7_919) % size + 1) as i64;
    let day = |offset: i64| {
        if offset >= 0 {
            today + Days::new(offset.unsigned_abs())
        } else {
            today - Days::new(offset.unsigned_abs())
        }
    };
    {
        let mut follow_up = tx
            .prepare(
                "INSERT INTO follow_ups (contact_id, due_on, note, assigned_to, created_at)
                 VALUES (?1, ?2, ?3, '', '2026-01-01T00:00:00Z')",
            )
            .map_err(fail)?;
        for i in 0..FOLLOW_UPS {
            let due = day((i % 121) as i64 - 60);
            follow_up
                .execute(rusqlite::params![
                    contact(i),
                    due,
                    format!("Call back about order {i}")
                ])
                .map_err(fail)?;
        }
        let mut entry = tx
            .prepare(
                "INSERT INTO touchpoints (contact_id, kind, happened_on, note, handled_by, resolved, created_at)
                 VALUES (?1, ?2, ?3, ?4, '', 0, '2026-01-01T00:00:00Z')",
            )
            .map_err(fail)?;
        let mut step = tx
            .prepare(
                "INSERT INTO complaint_steps (touchpoint_id, complaint_id, step, happened_on)
                 VALUES (?1, ?2, ?3, ?4)",
            )
            .map_err(fail)?;
        for i in 0..LOOPS {
            let who = contact(i * 3 + 1);
            let on = day(-((i % 90) as i64) - 3);
            entry
                .execute(rusqlite::params![
                    who,
                    "complaint",
                    on,
                    format!("Complaint {i}")
                ])
                .map_err(fail)?;
            let complaint = tx.last_insert_rowid();
            let steps: &[&str] = match i % 3 {
                0 => &[],
                1 => &["apologised"],
                _ => &["apologised", "put_right"],
            };
            for (n, name) in steps.iter().enumerate() {
                let step_on = on + Days::new(n as u64 + 1);
                entry
                    .execute(rusqlite::params![who, "complaint_step", step_on, *name])
                    .map_err(fail)?;
                step.execute(rusqlite::params![
                    tx.last_insert_rowid(),
                    complaint,
                    *name,
                    step_on
                ])
                .map_err(fail)?;
            }
        }
    }
    tx.commit().map_err(fail)
}
