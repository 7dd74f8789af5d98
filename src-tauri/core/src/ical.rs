//! The book's dates as an iCalendar file (RFC 5545) that Google Calendar, Thunderbird and Apple
//! Calendar import or subscribe to: birthdays and customer anniversaries as yearly events, the
//! card occasions of this year and the next two, the keep-in-touch dates and the dated
//! follow-ups. Written on request (`rapport calendar --out FILE`) and kept current as
//! `<data-dir>/rapport.ics`.
//!
//! 29 February: Rapport celebrates such a birthday (or anniversary) on 28 February in common
//! years. A plain `FREQ=YEARLY` from a 29 February start would skip common years (RFC 5545
//! drops instances on days that do not exist), so those events use
//! `FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1`: the last day of February, which is the 29th in leap
//! years and the 28th otherwise.

use std::fs::{File, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::{built_in, OccasionRule};
use crate::contacts::Birthday;
use crate::error::Result;
use crate::paths::{OutputError, OutputGuard, OutputKind};
use crate::store::CalendarRow;
use crate::Book;

/// The calendar file Rapport keeps current in the data folder.
pub const CALENDAR_FILE: &str = "rapport.ics";
/// Card occasions are listed for this year and this many after it.
pub const OCCASION_YEARS_AHEAD: i32 = 2;

/// What a calendar write did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarWritten {
    pub path: PathBuf,
    pub events: usize,
    pub birthdays: usize,
    pub anniversaries: usize,
    pub occasions: usize,
    pub follow_ups: usize,
}

/// One all-day event.
struct Event {
    uid: String,
    start: NaiveDate,
    /// The recurrence rule, for yearly events.
    rrule: Option<&'static str>,
    summary: String,
    description: String,
    category: &'static str,
}

/// The rule of a yearly event on `month`/`day` (see the module's note on 29 February).
fn yearly_rule(month: u32, day: u32) -> &'static str {
    if (month, day) == (2, 29) {
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    } else {
        "FREQ=YEARLY"
    }
}

/// The first day a birthday is shown: the day of birth, or (year unknown) that day in 2000, a
/// leap year, so 29 February exists.
fn birthday_start(b: &Birthday) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(b.year.unwrap_or(2000), b.month, b.day)
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 3.3.11).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no line is longer than 75 octets (a fold never splits
/// a UTF-8 character), ending in CRLF.
pub fn push_line(out: &mut String, line: &str) {
    let mut budget = 75;
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > budget {
            out.push_str("\r\n ");
            // The leading space counts towards the next line's 75 octets.
            budget = 74;
            used = 0;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Writes the calendar for these events to `out`, a little at a time (a large book's calendar
/// is tens of megabytes; it is never held whole in memory).
fn render(
    name: &str,
    events: &[Event],
    stamp: DateTime<Utc>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    const CHUNK: usize = 64 * 1024;
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let mut text = String::with_capacity(CHUNK + 4096);
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Rapport//Rapport customer calendar//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut text, line);
    }
    push_line(&mut text, &format!("X-WR-CALNAME:{}", escape_text(name)));
    for e in events {
        push_line(&mut text, "BEGIN:VEVENT");
        push_line(&mut text, &format!("UID:{}", e.uid));
        push_line(&mut text, &format!("DTSTAMP:{stamp}"));
        push_line(&mut text, &format!("DTSTART;VALUE=DATE:{}", date(e.start)));
        if let Some(end) = e.start.checked_add_days(Days::new(1)) {
            push_line(&mut text, &format!("DTEND;VALUE=DATE:{}", date(end)));
        }
        if let Some(rule) = e.rrule {
            push_line(&mut text, &format!("RRULE:{rule}"));
        }
        push_line(&mut text, &format!("SUMMARY:{}", escape_text(&e.summary)));
        if !e.description.is_empty() {
            push_line(
                &mut text,
                &format!("DESCRIPTION:{}", escape_text(&e.description)),
            );
        }
        push_line(&mut text, &format!("CATEGORIES:{}", e.category));
        // All-day reminders: they do not make the owner look busy.
        push_line(&mut text, "TRANSP:TRANSPARENT");
        push_line(&mut text, "END:VEVENT");
        if text.len() >= CHUNK {
            out.write_all(text.as_bytes())?;
            text.clear();
        }
    }
    push_line(&mut text, "END:VCALENDAR");
    out.write_all(text.as_bytes())
}

/// The events of the contacts' own dates.
fn contact_events(rows: &[CalendarRow], counts: &mut CalendarWritten) -> Vec<Event> {
    let mut events = Vec::new();
    for row in rows {
        let at = if row.company.is_empty() {
            String::new()
        } else {
            format!(" ({})", row.company)
        };
        if let Some(b) = &row.birthday {
            if let Some(start) = birthday_start(b) {
                let born = b.year.map(|y| format!("Born {y}.")).unwrap_or_default();
                events.push(Event {
                    uid: format!("rapport-birthday-{}@rapport.local", row.id),
                    start,
                    rrule: Some(yearly_rule(b.month, b.day)),
                    summary: format!("Birthday: {}{at}", row.display_name),
                    description: born,
                    category: "Birthday",
                });
                counts.birthdays += 1;
            }
        }
        if let Some(since) = row.customer_since {
            let rule = OccasionRule::Fixed {
                month: since.month(),
                day: since.day(),
            };
            if let Some(first) = rule.date_in(since.year() + 1) {
                events.push(Event {
                    uid: format!("rapport-anniversary-{}@rapport.local", row.id),
                    start: first,
                    rrule: Some(yearly_rule(since.month(), since.day())),
                    summary: format!("Customer anniversary: {}{at}", row.display_name),
                    description: format!("Customer since {since}."),
                    category: "Anniversary",
                });
                counts.anniversaries += 1;
            }
        }
        if let Some(due) = row.touch_due_on {
            let every = row
                .keep_in_touch_days
                .map(|d| format!("Keep in touch every {d} days."))
                .unwrap_or_default();
            events.push(Event {
                uid: format!("rapport-keep-in-touch-{}@rapport.local", row.id),
                start: due,
                rrule: None,
                summary: format!("Get in touch: {}{at}", row.display_name),
                description: every,
                category: "Follow-up",
            });
            counts.follow_ups += 1;
        }
    }
    events
}

/// The book's events, read.
struct Gathered {
    name: String,
    events: Vec<Event>,
    counts: CalendarWritten,
}

/// A calendar gathered from the book ([`Book::prepare_calendar`]), to render and write without
/// it.
pub struct CalendarRun {
    gathered: Gathered,
    stamp: DateTime<Utc>,
    /// For the kept file: the day and where the book's writes stood before it was read, noted
    /// beside the file once it is written. A write made since (even while the file was being
    /// written) moves the book's mark on, and the file is stale.
    written_as_of: Option<String>,
    out: PathBuf,
    guard: OutputGuard,
}

impl CalendarRun {
    /// Renders the calendar and writes it through the output guard.
    pub fn write(self) -> Result<CalendarWritten> {
        let CalendarRun {
            gathered,
            stamp,
            written_as_of,
            out,
            guard,
        } = self;
        let ((), path) = guard.write_stream(&out, OutputKind::Document, |file| {
            render(&gathered.name, &gathered.events, stamp, file)
                .map_err(|e| OutputError::from_io(&out, &e))
        })?;
        if let Some(as_of) = written_as_of {
            guard.write_bytes(&mark_file(&out), OutputKind::Document, as_of.as_bytes())?;
        }
        Ok(CalendarWritten {
            path,
            ..gathered.counts
        })
    }
}

/// Rewrites of the kept calendar file take turns: one refresher writes while one more waits;
/// any other stops at once, since the one waiting reads the book after the writer and so takes
/// its change along. A script's hundred commands start at most two rewrites at a time.
pub struct CalendarTurn {
    _writing: File,
}

impl CalendarTurn {
    /// Waits for the turn to rewrite `<data_dir>/rapport.ics`; None when another refresher is
    /// already waiting for it.
    pub fn take(data_dir: &Path) -> Result<Option<CalendarTurn>> {
        let lock = |name: &str| -> Result<File> {
            let path = data_dir.join(name);
            File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .map_err(|e| OutputError::from_io(&path, &e).into())
        };
        let waiting = lock(CALENDAR_WAITING_LOCK)?;
        match waiting.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Ok(None),
            Err(TryLockError::Error(e)) => {
                let path = data_dir.join(CALENDAR_WAITING_LOCK);
                return Err(OutputError::from_io(&path, &e).into());
            }
        }
        let writing = lock(CALENDAR_WRITING_LOCK)?;
        writing
            .lock()
            .map_err(|e| OutputError::from_io(&data_dir.join(CALENDAR_WRITING_LOCK), &e))?;
        drop(waiting);
        Ok(Some(CalendarTurn { _writing: writing }))
    }
}

/// Beside the kept calendar: the day it was written and where the book's writes stood then.
fn mark_file(calendar: &Path) -> PathBuf {
    calendar.with_file_name(".rapport.ics.mark")
}

/// The lock files of [`CalendarTurn`], beside the calendar: held by the refresher waiting for
/// its turn, and by the one writing.
const CALENDAR_WAITING_LOCK: &str = ".rapport.ics.waiting";
const CALENDAR_WRITING_LOCK: &str = ".rapport.ics.writing";

impl Book {
    /// The calendar as iCalendar text: every event, stamped `stamp`.
    pub fn calendar_ics(
        &self,
        today: NaiveDate,
        stamp: DateTime<Utc>,
    ) -> Result<(String, CalendarWritten)> {
        let gathered = self.gather_calendar(today)?;
        let mut text = Vec::new();
        render(&gathered.name, &gathered.events, stamp, &mut text)
            .map_err(|e| OutputError::from_io(Path::new(CALENDAR_FILE), &e))?;
        Ok((String::from_utf8_lossy(&text).into_owned(), gathered.counts))
    }

    fn gather_calendar(&self, today: NaiveDate) -> Result<Gathered> {
        let mut counts = CalendarWritten {
            path: PathBuf::new(),
            events: 0,
            birthdays: 0,
            anniversaries: 0,
            occasions: 0,
            follow_ups: 0,
        };
        let rows = self.store().calendar_rows()?;
        let mut events = contact_events(&rows, &mut counts);
        let (follow_ups, _) = self.open_follow_ups(today, u32::MAX)?;
        for due in follow_ups {
            let f = &due.follow_up;
            let who = if f.assigned_to.is_empty() {
                String::new()
            } else {
                format!(" For {}.", f.assigned_to)
            };
            events.push(Event {
                uid: format!("rapport-follow-up-{}@rapport.local", f.id),
                start: f.due_on,
                rrule: None,
                summary: format!("Follow up: {}", due.contact.display_name),
                description: format!("{}{who}", f.note),
                category: "Follow-up",
            });
            counts.follow_ups += 1;
        }
        let mut occasions = built_in();
        occasions.extend(self.store().custom_occasions()?);
        for occasion in occasions.iter().filter(|o| !o.rule.per_contact()) {
            for year in today.year()..=today.year() + OCCASION_YEARS_AHEAD {
                let Some(day) = occasion.rule.date_in(year) else {
                    continue;
                };
                let region = if occasion.region.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", occasion.region)
                };
                events.push(Event {
                    uid: format!("rapport-occasion-{}-{year}@rapport.local", occasion.id),
                    start: day,
                    rrule: None,
                    summary: format!("Cards: {}{region}", occasion.name),
                    description: format!(
                        "{}. Prepare the cards in Rapport (Cards, or rapport cards --occasion {}).",
                        occasion.description, occasion.id
                    ),
                    category: "Card occasion",
                });
                counts.occasions += 1;
            }
        }
        counts.events = events.len();
        let business = self.business_name()?;
        let name = if business.is_empty() {
            "Rapport".to_string()
        } else {
            format!("Rapport: {business}")
        };
        Ok(Gathered {
            name,
            events,
            counts,
        })
    }

    /// Writes the calendar to `path` through the output guard, in one call.
    pub fn write_calendar(&self, path: &Path, today: NaiveDate) -> Result<CalendarWritten> {
        self.prepare_calendar(path, today)?.write()
    }

    /// Gathers the calendar for `path` (refused first if the path would replace the book);
    /// [`CalendarRun::write`] renders and writes it without the book.
    pub fn prepare_calendar(&self, path: &Path, today: NaiveDate) -> Result<CalendarRun> {
        let guard = self.output_guard();
        guard.check(path, OutputKind::Document)?;
        let written_as_of = match path == self.calendar_file() {
            true => Some(self.calendar_as_of(today)?),
            false => None,
        };
        Ok(CalendarRun {
            gathered: self.gather_calendar(today)?,
            stamp: Utc::now(),
            written_as_of,
            out: path.to_path_buf(),
            guard,
        })
    }

    /// The calendar file kept current in the data folder.
    pub fn calendar_file(&self) -> PathBuf {
        self.data_dir().join(CALENDAR_FILE)
    }

    /// The day and where the book's writes stand: what the kept calendar notes.
    fn calendar_as_of(&self, today: NaiveDate) -> Result<String> {
        Ok(format!("{today} {}", self.store().write_mark()?))
    }

    /// Whether `<data-dir>/rapport.ics` shows the book as it is: written today, and nothing
    /// written to the book since it was read. Not knowing (a server out of reach) is not
    /// current.
    pub fn calendar_is_current(&self, today: NaiveDate) -> bool {
        let file = self.calendar_file();
        if std::fs::metadata(&file).map_or(true, |m| m.len() == 0) {
            return false;
        }
        let noted = std::fs::read_to_string(mark_file(&file));
        match (noted, self.calendar_as_of(today)) {
            (Ok(noted), Ok(now)) => noted == now,
            _ => false,
        }
    }

    /// The size of the kept calendar file as last written (0 when there is none): what a
    /// rewrite will cost, near enough.
    pub fn calendar_file_size(&self) -> u64 {
        std::fs::metadata(self.calendar_file()).map_or(0, |m| m.len())
    }

    /// Gathers `<data-dir>/rapport.ics` when it is not current; None when it is.
    pub fn prepare_calendar_refresh(&self, today: NaiveDate) -> Result<Option<CalendarRun>> {
        if self.calendar_is_current(today) {
            return Ok(None);
        }
        self.prepare_calendar(&self.calendar_file(), today)
            .map(Some)
    }

    /// Rewrites `<data-dir>/rapport.ics` when the book changed after it was written (or it is
    /// missing, or was written before `today`), in its turn; None when it was current or
    /// another refresher is already waiting to rewrite it.
    pub fn refresh_calendar_file(&self, today: NaiveDate) -> Result<Option<CalendarWritten>> {
        let Some(_turn) = CalendarTurn::take(self.data_dir())? else {
            return Ok(None);
        };
        match self.prepare_calendar_refresh(today)? {
            Some(run) => run.write().map(Some),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape_text("Lee, Ann; \\ the \"best\"\r\nline"),
            "Lee\\, Ann\\; \\\\ the \"best\"\\nline"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "王小明é".repeat(20));
        push_line(&mut out, &line);
        let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn a_29_february_rule_falls_on_the_last_day_of_february() {
        assert_eq!(yearly_rule(2, 29), "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1");
        assert_eq!(yearly_rule(5, 17), "FREQ=YEARLY");
    }
}
