//! `rapport today`, `rapport digest` and `rapport calendar`: the morning nudge for scripts and
//! timers, and the book's dates for the owner's calendar program.

use std::path::{Path, PathBuf};

use clap::Args;
use rapport_core::digest::today_text;

use super::{message, open, to_json};

#[derive(Args)]
pub struct TodayArgs {
    /// The same rows the window shows, with the complaint loops, as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct DigestArgs {
    /// Mail Today to the owner (from_email) over the SMTP server in Settings; without it the
    /// digest is printed.
    #[arg(long)]
    send: bool,
    /// For a timer: send only when the setting daily_digest is yes, and at most once a day.
    #[arg(long, requires = "send")]
    daily: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct CalendarArgs {
    /// Where to write the iCalendar file (default: rapport.ics in the data folder, the file
    /// Rapport keeps current).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Rewrite rapport.ics in the data folder only when the book changed since it was written
    /// (what every command does after a change; for a timer).
    #[arg(long, conflicts_with = "out")]
    refresh: bool,
    #[arg(long)]
    json: bool,
}

pub fn today(data_dir: &Path, args: TodayArgs, today: chrono::NaiveDate) -> Result<String, String> {
    let report = open(data_dir)?.today_report(today).map_err(message)?;
    Ok(if args.json {
        to_json(&report)
    } else {
        today_text(&report)
    })
}

pub fn digest(
    data_dir: &Path,
    args: DigestArgs,
    today: chrono::NaiveDate,
) -> Result<String, String> {
    let mut book = open(data_dir)?;
    if !args.send {
        let report = book.today_report(today).map_err(message)?;
        return Ok(if args.json {
            to_json(&report)
        } else {
            today_text(&report)
        });
    }
    let report = if args.daily {
        book.send_daily_digest(today)
    } else {
        book.send_digest(today)
    }
    .map_err(message)?;
    Ok(if args.json {
        to_json(&report)
    } else if report.sent {
        format!("Sent \"{}\" to {}.", report.subject, report.detail)
    } else {
        format!("Nothing sent: {}.", report.detail)
    })
}

pub fn calendar(
    data_dir: &Path,
    args: CalendarArgs,
    today: chrono::NaiveDate,
) -> Result<String, String> {
    let book = open(data_dir)?;
    let written = if args.refresh {
        let refreshed = book.refresh_calendar_file(today);
        note_background_failure(&book, refreshed.as_ref().err());
        match refreshed.map_err(message)? {
            Some(written) => written,
            None if args.json => return Ok(to_json(&serde_json::json!({ "written": false }))),
            None => return Ok(
                "Nothing to do: the calendar file is current, or another rewrite is on its way."
                    .into(),
            ),
        }
    } else {
        let path = args.out.unwrap_or_else(|| book.calendar_file());
        book.write_calendar(&path, today).map_err(message)?
    };
    Ok(if args.json {
        to_json(&written)
    } else {
        format!(
            "Wrote {} events to {}: {} birthdays, {} customer anniversaries, {} card occasions, {} follow-ups.",
            written.events,
            written.path.display(),
            written.birthdays,
            written.anniversaries,
            written.occasions,
            written.follow_ups
        )
    })
}

/// Above this size the kept calendar is rewritten by a process of its own after a command, so
/// the command does not wait for it: 4 MB is about 6,000 customers with dates, some 50 ms to
/// write; at 100,000 the file is about 60 MB and a second's work.
const REWRITE_IN_BACKGROUND_ABOVE: u64 = 4 * 1024 * 1024;

/// Where a background rewrite leaves its failure for the next command to say.
const BACKGROUND_FAILURE_FILE: &str = ".rapport.ics.failed";

/// After a command, `<data-dir>/rapport.ics` is brought up to date when the book changed: at
/// once for a small book, by `rapport calendar --refresh` in the background for a large one. A
/// failure is said on standard error (a background one by the next command); the command
/// itself was done.
pub fn refresh_calendar(data_dir: &Path, today: chrono::NaiveDate) {
    if !data_dir.join(rapport_core::store::DATABASE_FILE).exists() {
        return;
    }
    let refreshed = rapport_core::Book::open(data_dir).and_then(|book| {
        if book.calendar_is_current(today) {
            return Ok(());
        }
        if book.calendar_file_size() > REWRITE_IN_BACKGROUND_ABOVE {
            drop(book);
            say_background_failure(data_dir);
            return refresh_in_background(data_dir).map_err(|e| {
                rapport_core::paths::OutputError::from_io(
                    &data_dir.join(rapport_core::ical::CALENDAR_FILE),
                    &e,
                )
                .into()
            });
        }
        book.refresh_calendar_file(today).map(drop)
    });
    if let Err(error) = refreshed {
        eprintln!(
            "rapport: the calendar file could not be updated ({}); the command itself was done.",
            message(error)
        );
    }
}

/// Starts `rapport calendar --refresh` on its own, not waited for.
fn refresh_in_background(data_dir: &Path) -> std::io::Result<()> {
    use std::process::{Command, Stdio};
    let mut command = Command::new(std::env::current_exe()?);
    command
        .args(["calendar", "--refresh", "--data-dir"])
        .arg(data_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        // Its own process group: a Ctrl+C meant for the command (or the script) does not cut
        // the rewrite short.
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    command.spawn().map(drop)
}

/// A refresh notes its failure for the next command to say (a background one has no terminal),
/// and clears it on success.
fn note_background_failure(book: &rapport_core::Book, error: Option<&rapport_core::Error>) {
    let file = book.data_dir().join(BACKGROUND_FAILURE_FILE);
    match error {
        Some(error) => {
            // Best effort: on a full disk the note may not fit either.
            let _ = book.output_guard().write_bytes(
                &file,
                rapport_core::paths::OutputKind::Document,
                error.to_string().as_bytes(),
            );
        }
        None => {
            let _ = std::fs::remove_file(&file);
        }
    }
}

fn say_background_failure(data_dir: &Path) {
    if let Ok(failure) = std::fs::read_to_string(data_dir.join(BACKGROUND_FAILURE_FILE)) {
        eprintln!(
            "rapport: the calendar file could not be updated last time ({}); trying again.",
            failure.trim()
        );
    }
}
