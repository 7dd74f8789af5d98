//! `rapport followup …`: dated follow-ups on a contact ("call back Tuesday about the cake
//! order"), the list of those open, and marking one done (which logs the touchpoint).

use std::path::Path;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use clap::Subcommand;
use rapport_core::contacts::TouchpointKind;
use rapport_core::follow_ups::{DueFollowUp, FollowUpDone, NewFollowUp};

use super::{message, open, to_json};

#[derive(Subcommand)]
pub enum FollowUpCommand {
    /// Add a follow-up to contact ID.
    Add {
        /// The contact's id.
        id: i64,
        /// When: 2026-12-08, today, tomorrow, a weekday (the next one: tuesday), or +3 (days).
        #[arg(long, alias = "due")]
        on: String,
        /// What to follow up on, e.g. "call back about the cake order".
        #[arg(long)]
        note: String,
        /// The staff member it is for: their name or number (see `rapport staff list`).
        #[arg(long, default_value = "")]
        staff: String,
        #[arg(long)]
        json: bool,
    },
    /// The open follow-ups, soonest first (--due: only those due today or overdue).
    List {
        #[arg(long)]
        due: bool,
        /// Only those for this staff member.
        #[arg(long)]
        staff: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Mark follow-up FID done: logs a call (or --kind) on the contact's timeline.
    Done {
        /// The follow-up's id (from `rapport followup list`).
        fid: i64,
        /// What to log: call, email, meeting, purchase, compliment, complaint, note, question.
        #[arg(long, default_value = "call")]
        kind: String,
        /// What was said (default: the follow-up's own words).
        #[arg(long)]
        note: Option<String>,
        /// Who did it (default: the staff member it was for).
        #[arg(long)]
        by: Option<String>,
        /// When it was done (default: today).
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Move follow-up FID to another day.
    Move {
        fid: i64,
        #[arg(long)]
        on: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove follow-up FID (no longer needed).
    Delete {
        fid: i64,
        #[arg(long)]
        json: bool,
    },
}

/// How many follow-ups `list` shows at most.
const LIST_LIMIT: u32 = 500;

pub fn follow_up(
    data_dir: &Path,
    command: FollowUpCommand,
    today: NaiveDate,
) -> Result<String, String> {
    match command {
        FollowUpCommand::Add {
            id,
            on,
            note,
            staff,
            json,
        } => {
            let due_on = parse_day(&on, today)?;
            let added = open(data_dir)?
                .add_follow_up(
                    id,
                    NewFollowUp {
                        due_on,
                        note,
                        assigned_to: staff,
                    },
                    today,
                )
                .map_err(message)?;
            Ok(if json {
                to_json(&added)
            } else {
                format!(
                    "Follow-up {} added for {} ({}).",
                    added.id,
                    added.due_on.format("%A %-d %B %Y"),
                    added.due_on
                )
            })
        }
        FollowUpCommand::List { due, staff, json } => {
            let book = open(data_dir)?;
            let (mut list, mut total) = if due {
                book.follow_ups_due(today, LIST_LIMIT)
            } else {
                book.open_follow_ups(today, LIST_LIMIT)
            }
            .map_err(message)?;
            if let Some(staff) = staff {
                let wanted = staff.trim().to_lowercase();
                list.retain(|f| f.follow_up.assigned_to.to_lowercase() == wanted);
                total = list.len() as i64;
            }
            Ok(if json {
                to_json(&list)
            } else {
                list_text(&list, total, today)
            })
        }
        FollowUpCommand::Done {
            fid,
            kind,
            note,
            by,
            on,
            json,
        } => {
            let kind = TouchpointKind::parse(&kind).map_err(|e| e.0)?;
            let happened_on = on.map(|text| parse_day(&text, today)).transpose()?;
            let logged = open(data_dir)?
                .complete_follow_up(
                    fid,
                    FollowUpDone {
                        kind: Some(kind),
                        happened_on,
                        note,
                        handled_by: by,
                    },
                    today,
                )
                .map_err(message)?;
            Ok(if json {
                to_json(&logged)
            } else {
                format!(
                    "Follow-up {fid} done: logged {} {} on contact {}'s timeline (entry {}; `rapport touchpoint delete {}` undoes it).",
                    logged.kind.as_str(),
                    logged.happened_on,
                    logged.contact_id,
                    logged.id,
                    logged.id
                )
            })
        }
        FollowUpCommand::Move { fid, on, json } => {
            let due_on = parse_day(&on, today)?;
            let mut book = open(data_dir)?;
            let current = book.follow_up(fid).map_err(message)?;
            let moved = book
                .change_follow_up(
                    fid,
                    NewFollowUp {
                        due_on,
                        note: current.note,
                        assigned_to: current.assigned_to,
                    },
                    today,
                )
                .map_err(message)?;
            Ok(if json {
                to_json(&moved)
            } else {
                format!("Follow-up {fid} moved to {}.", moved.due_on)
            })
        }
        FollowUpCommand::Delete { fid, json } => {
            let gone = open(data_dir)?.delete_follow_up(fid).map_err(message)?;
            Ok(if json {
                to_json(&gone)
            } else {
                format!("Follow-up {fid} removed.")
            })
        }
    }
}

fn list_text(list: &[DueFollowUp], total: i64, today: NaiveDate) -> String {
    if list.is_empty() {
        return "No follow-ups open.".into();
    }
    let mut lines: Vec<String> = list
        .iter()
        .map(|f| {
            let when = match (f.follow_up.due_on - today).num_days() {
                0 => "today".to_string(),
                1 => "tomorrow".to_string(),
                n if n < 0 => format!("{} days overdue", -n),
                _ => f.follow_up.due_on.format("%a %-d %b").to_string(),
            };
            let who = if f.follow_up.assigned_to.is_empty() {
                String::new()
            } else {
                format!(" [{}]", f.follow_up.assigned_to)
            };
            format!(
                "{:>6}  {:<14} {} ({}){who}: {}",
                f.follow_up.id,
                when,
                f.contact.display_name,
                f.contact.id,
                f.follow_up.note.lines().next().unwrap_or("")
            )
        })
        .collect();
    if total > list.len() as i64 {
        lines.push(format!("… and {} more.", total - list.len() as i64));
    }
    lines.join("\n")
}

/// A day as the owner types it: `2026-12-08`, `today`, `tomorrow`, a weekday (the next one after
/// today: on a Tuesday, `tuesday` is a week on), or `+3` / `3d` (days from today).
fn parse_day(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let word = text.trim().to_lowercase();
    if let Ok(day) = NaiveDate::parse_from_str(&word, "%Y-%m-%d") {
        return Ok(day);
    }
    let days_on = |n: u64| today.checked_add_days(Days::new(n));
    let found = match word.as_str() {
        "today" => Some(today),
        "tomorrow" => days_on(1),
        _ => {
            if let Ok(weekday) = word.parse::<Weekday>() {
                let ahead = (7 + weekday.num_days_from_monday()
                    - today.weekday().num_days_from_monday())
                    % 7;
                days_on(u64::from(if ahead == 0 { 7 } else { ahead }))
            } else {
                let digits = word
                    .strip_prefix('+')
                    .unwrap_or(&word)
                    .trim_end_matches(['d', ' '])
                    .trim_end_matches("days")
                    .trim();
                digits
                    .parse::<u64>()
                    .ok()
                    .filter(|n| *n <= 3650)
                    .and_then(days_on)
            }
        }
    };
    found.ok_or_else(|| {
        format!(
            "\"{text}\" is not a day Rapport knows; give a date as 2026-12-08, or today, tomorrow, a weekday (tuesday) or +3 for three days from now"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
    }

    #[test]
    fn days_are_read_as_an_owner_types_them() {
        let monday = day("2026-12-07");
        assert_eq!(parse_day("2026-12-24", monday), Ok(day("2026-12-24")));
        assert_eq!(parse_day(" Today ", monday), Ok(monday));
        assert_eq!(parse_day("tomorrow", monday), Ok(day("2026-12-08")));
        assert_eq!(parse_day("tuesday", monday), Ok(day("2026-12-08")));
        assert_eq!(parse_day("Sun", monday), Ok(day("2026-12-13")));
        // The same weekday is next week's, never today.
        assert_eq!(parse_day("monday", monday), Ok(day("2026-12-14")));
        assert_eq!(parse_day("+3", monday), Ok(day("2026-12-10")));
        assert_eq!(parse_day("10d", monday), Ok(day("2026-12-17")));
    }

    #[test]
    fn a_day_it_cannot_read_is_named_in_the_refusal() {
        for bad in ["next week", "2026-02-30", "+99999", "", "-3"] {
            let refused = parse_day(bad, day("2026-12-07")).expect_err(bad);
            assert!(refused.contains(&format!("\"{bad}\"")), "{refused}");
        }
    }
}
