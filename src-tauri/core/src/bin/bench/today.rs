//! `--only today`: Today on a big book with many follow-ups and complaint loops open (the gestures
//! issue's target: 100,000 contacts, 20,000 open follow-ups and 5,000 loops within 50 ms). The
//! follow-ups and loops are added one by one through the book's API, as the window adds them;
//! what is timed is what the window and `rapport today` read.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use rapport_core::contacts::{NewTouchpoint, TouchpointKind};
use rapport_core::follow_ups::NewFollowUp;
use rapport_core::gestures::LoopStep;
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
    let started = Instant::now();
    add_follow_ups_and_loops(&mut book, size, today)?;
    eprintln!(
        "today: {FOLLOW_UPS} follow-ups and {LOOPS} loops added one by one in {:.1} s",
        started.elapsed().as_secs_f64()
    );

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

/// Adds the follow-ups and the loops through the book's own API, spread over its contacts.
fn add_follow_ups_and_loops(book: &mut Book, size: usize, today: NaiveDate) -> Result<(), String> {
    let fail = |e: rapport_core::Error| e.to_string();
    let contact = |i: usize| ((i * 7_919) % size + 1) as i64;
    let day = |offset: i64| {
        if offset >= 0 {
            today + Days::new(offset.unsigned_abs())
        } else {
            today - Days::new(offset.unsigned_abs())
        }
    };
    for i in 0..FOLLOW_UPS {
        let new = NewFollowUp {
            due_on: day((i % 121) as i64 - 60),
            note: format!("Call back about order {i}"),
            assigned_to: String::new(),
        };
        book.add_follow_up(contact(i), new, today).map_err(fail)?;
    }
    for i in 0..LOOPS {
        let complaint = book
            .log_touchpoint(
                contact(i * 3 + 1),
                NewTouchpoint {
                    kind: TouchpointKind::Complaint,
                    happened_on: day(-((i % 90) as i64) - 3),
                    note: format!("Complaint {i}"),
                    handled_by: String::new(),
                },
                today,
            )
            .map_err(fail)?;
        let by = String::new();
        if i % 3 >= 1 {
            book.complaint_step(
                complaint.id,
                &LoopStep::Apologised { by: by.clone() },
                today,
            )
            .map_err(fail)?;
        }
        if i % 3 == 2 {
            let what = "Replaced it".to_string();
            book.complaint_step(complaint.id, &LoopStep::PutRight { what, by }, today)
                .map_err(fail)?;
        }
    }
    Ok(())
}
