//! `rapport occasions …`: the card calendar with next dates, and the owner's own occasions.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use rapport_core::occasions::{NewOccasion, OccasionKind, OccasionRule, UpcomingOccasion, Weekday};

use super::{message, open, to_json};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct OccasionsArgs {
    #[command(subcommand)]
    command: Option<OccasionsCommand>,
    /// Next dates on or after 1 January of this year (default: from today).
    #[arg(long, value_parser = clap::value_parser!(i32).range(1900..=2200))]
    year: Option<i32>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum OccasionsCommand {
    /// Add an occasion of your own: --date MM-DD, or --nth N --weekday DAY --month M, or --on YYYY-MM-DD.
    Add(AddOccasion),
    /// Remove an occasion of your own by its id (custom-N).
    Remove {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct AddOccasion {
    #[arg(long)]
    name: String,
    /// Every year on this day: MM-DD.
    #[arg(long, conflicts_with_all = ["nth", "weekday", "on"])]
    date: Option<String>,
    /// With --weekday and --month: 1 to 4, or "last".
    #[arg(long, requires_all = ["weekday", "month"], conflicts_with = "on")]
    nth: Option<String>,
    /// mon, tue, wed, thu, fri, sat or sun.
    #[arg(long, requires = "nth")]
    weekday: Option<String>,
    /// 1 to 12.
    #[arg(long, requires = "nth")]
    month: Option<u32>,
    /// Once, on this day: YYYY-MM-DD.
    #[arg(long)]
    on: Option<String>,
    /// The card design family (newYear, valentine, thanksgiving, winter, general…).
    #[arg(long)]
    kind: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn occasions(data_dir: &Path, args: OccasionsArgs, today: NaiveDate) -> Result<String, String> {
    match args.command {
        None => list(data_dir, args.year, args.json, today),
        Some(OccasionsCommand::Add(add)) => {
            let json = add.json;
            let new = parse_add(add)?;
            let mut book = open(data_dir)?;
            let occasion = book.add_occasion(new).map_err(message)?;
            Ok(if json {
                to_json(&occasion)
            } else {
                format!(
                    "Added {} ({}): {}",
                    occasion.name, occasion.id, occasion.description
                )
            })
        }
        Some(OccasionsCommand::Remove { id, json }) => {
            let mut book = open(data_dir)?;
            book.remove_occasion(&id).map_err(message)?;
            Ok(if json {
                to_json(&serde_json::json!({ "removed": id.trim() }))
            } else {
                format!("Removed {}.", id.trim())
            })
        }
    }
}

fn list(
    data_dir: &Path,
    year: Option<i32>,
    json: bool,
    today: NaiveDate,
) -> Result<String, String> {
    let from = match year {
        Some(y) if y != today.year() => {
            NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(|| format!("--year {y} is out of range"))?
        }
        _ => today,
    };
    let book = open(data_dir)?;
    let list = book.occasions(from).map_err(message)?;
    if json {
        return Ok(to_json(&list));
    }
    Ok(list.iter().map(line).collect::<Vec<_>>().join("\n"))
}

fn line(u: &UpcomingOccasion) -> String {
    let when = match (u.next, u.in_days) {
        (Some(date), Some(days)) => format!("{date} (in {days} days)"),
        _ => "—".to_string(),
    };
    let region = if u.occasion.region.is_empty() {
        String::new()
    } else {
        format!(" [{}]", u.occasion.region)
    };
    format!(
        "{:<24} {:<28} {}{} — {}",
        u.occasion.id, u.occasion.name, when, region, u.occasion.description
    )
}

fn parse_add(add: AddOccasion) -> Result<NewOccasion, String> {
    let rule = if let Some(text) = &add.date {
        let bad = || format!("--date \"{text}\" is not a day; write MM-DD, e.g. 03-14");
        let (m, d) = text.trim().split_once('-').ok_or_else(bad)?;
        OccasionRule::Fixed {
            month: m.parse().map_err(|_| bad())?,
            day: d.parse().map_err(|_| bad())?,
        }
    } else if let Some(nth) = &add.nth {
        let nth = match nth.trim().to_lowercase().as_str() {
            "last" | "-1" => -1,
            n => n
                .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse()
                .map_err(|_| format!("--nth \"{n}\" must be 1, 2, 3, 4 or last"))?,
        };
        let weekday = Weekday::parse(add.weekday.as_deref().unwrap_or_default())
            .map_err(|e| format!("weekday: {e}"))?;
        OccasionRule::NthWeekday {
            nth,
            weekday,
            month: add.month.unwrap_or(0),
        }
    } else if let Some(text) = &add.on {
        let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| format!("--on \"{text}\" is not a date; write YYYY-MM-DD"))?;
        OccasionRule::OneOff { date }
    } else {
        return Err(
            "say when: --date MM-DD, or --nth N --weekday DAY --month M, or --on YYYY-MM-DD".into(),
        );
    };
    rule.validate().map_err(|e| format!("rule: {e}"))?;
    let kind = match &add.kind {
        Some(k) => Some(OccasionKind::parse(k).ok_or_else(|| {
            let names: Vec<&str> = OccasionKind::ALL.iter().map(|k| k.as_str()).collect();
            format!(
                "--kind \"{k}\" is not a design family; use one of {}",
                names.join(", ")
            )
        })?),
        None => None,
    };
    let new = NewOccasion {
        name: add.name,
        rule,
        kind,
    };
    new.validated().map_err(message)
}
