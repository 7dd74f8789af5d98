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
    let path = args.out.unwrap_or_else(|| book.calendar_file());
    let written = book.write_calendar(&path, today).map_err(message)?;
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

/// After a command, `<data-dir>/rapport.ics` is brought up to date when the book changed. A
/// failure is said on standard error; the command itself was done.
pub fn refresh_calendar(data_dir: &Path, today: chrono::NaiveDate) {
    if !data_dir.join(rapport_core::store::DATABASE_FILE).exists() {
        return;
    }
    let refreshed =
        rapport_core::Book::open(data_dir).and_then(|book| book.refresh_calendar_file(today));
    if let Err(error) = refreshed {
        eprintln!(
            "rapport: the calendar file could not be updated ({}); the command itself was done.",
            message(error)
        );
    }
}
