//! The owner's own occasions.

use chrono::NaiveDate;
use rusqlite::{params, Row};

use super::{now_timestamp, SqliteStore};
use crate::calendar::{NewOccasion, Occasion, OccasionKind, OccasionRule, Weekday, CUSTOM_PREFIX};
use crate::error::{Error, Result};

const COLUMNS: &str = "id, name, kind, rule, month, day, nth, weekday, on_date";

impl SqliteStore {
    /// The owner's occasions, oldest first.
    pub fn custom_occasions(&self) -> Result<Vec<Occasion>> {
        let rows = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM occasions ORDER BY id"))?
            .query_map([], occasion_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows.into_iter().flatten().collect())
    }

    /// Stores an occasion (already validated) and returns it with its id.
    pub fn insert_occasion(&mut self, new: &NewOccasion) -> Result<Occasion> {
        let kind = new.kind.unwrap_or(OccasionKind::General).as_str();
        let (rule, month, day, nth, weekday, on_date) = match new.rule {
            OccasionRule::Fixed { month, day } => ("fixed", Some(month), Some(day), None, None, None),
            OccasionRule::NthWeekday {
                nth,
                weekday,
                month,
            } => (
                "nthWeekday",
                Some(month),
                None,
                Some(nth),
                Some(weekday.index()),
                None,
            ),
            OccasionRule::OneOff { date } => ("oneOff", None, None, None, None, Some(date)),
            _ => {
                return Err(Error::invalid(
                    "rule",
                    "an occasion of your own is a fixed day, an nth weekday of a month, or a single date",
                ))
            }
        };
        self.conn
            .prepare_cached(
                "INSERT INTO occasions (name, kind, rule, month, day, nth, weekday, on_date, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                new.name,
                kind,
                rule,
                month,
                day,
                nth,
                weekday,
                on_date,
                now_timestamp()
            ])
            .map_err(|e| self.explain_busy(e))?;
        let id = self.conn.last_insert_rowid();
        self.conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM occasions WHERE id = ?1"))?
            .query_row([id], occasion_from_row)?
            .ok_or_else(|| Error::not_found(format!("Occasion {CUSTOM_PREFIX}{id}")))
    }

    /// Removes one of the owner's occasions.
    pub fn delete_occasion(&mut self, id: i64) -> Result<()> {
        let changed = self
            .conn
            .execute("DELETE FROM occasions WHERE id = ?1", [id])
            .map_err(|e| self.explain_busy(e))?;
        if changed == 0 {
            return Err(Error::not_found(format!("Occasion {CUSTOM_PREFIX}{id}")));
        }
        Ok(())
    }
}

/// A stored occasion; None for a row the current code cannot read (kept, not shown).
fn occasion_from_row(row: &Row) -> rusqlite::Result<Option<Occasion>> {
    let id: i64 = row.get(0)?;
    let name: String = row.get(1)?;
    let kind: String = row.get(2)?;
    let rule: String = row.get(3)?;
    let month: Option<u32> = row.get(4)?;
    let day: Option<u32> = row.get(5)?;
    let nth: Option<i32> = row.get(6)?;
    let weekday: Option<u32> = row.get(7)?;
    let on_date: Option<NaiveDate> = row.get(8)?;
    Ok(occasion_from_parts(
        id, &name, &kind, &rule, month, day, nth, weekday, on_date,
    ))
}

/// An occasion from its stored values (both books store the same); None for one the current
/// code cannot read.
#[allow(clippy::too_many_arguments)]
pub(super) fn occasion_from_parts(
    id: i64,
    name: &str,
    kind: &str,
    rule: &str,
    month: Option<u32>,
    day: Option<u32>,
    nth: Option<i32>,
    weekday: Option<u32>,
    on_date: Option<NaiveDate>,
) -> Option<Occasion> {
    let rule = match (rule, month, day, nth, weekday, on_date) {
        ("fixed", Some(month), Some(day), ..) => OccasionRule::Fixed { month, day },
        ("nthWeekday", Some(month), _, Some(nth), Some(weekday), _) => {
            match Weekday::from_index(weekday) {
                Some(weekday) => OccasionRule::NthWeekday {
                    nth,
                    weekday,
                    month,
                },
                None => return None,
            }
        }
        ("oneOff", .., Some(date)) => OccasionRule::OneOff { date },
        _ => return None,
    };
    let mut occasion = Occasion::new(
        &format!("{CUSTOM_PREFIX}{id}"),
        name,
        OccasionKind::parse(kind).unwrap_or(OccasionKind::General),
        rule,
        "",
    );
    occasion.custom = true;
    Some(occasion)
}
