//! The owner's own occasions on the server book, and the count Today's card line needs.

use postgres::Row;

use super::book::{PgResult, ServerBook};
use crate::calendar::{NewOccasion, Occasion, OccasionKind, OccasionRule, CUSTOM_PREFIX};
use crate::error::{Error, Result};
use crate::store::occasions::occasion_from_parts;

const COLUMNS: &str = "id, name, kind, rule, month, day, nth, weekday, on_date";

impl ServerBook {
    /// The owner's occasions, oldest first.
    pub fn custom_occasions(&self) -> Result<Vec<Occasion>> {
        self.run(|client| {
            let rows =
                client.query(&format!("SELECT {COLUMNS} FROM occasions ORDER BY id"), &[])?;
            let occasions = rows
                .iter()
                .map(occasion_from_row)
                .collect::<PgResult<Vec<_>>>()?;
            Ok(occasions.into_iter().flatten().collect())
        })
    }

    /// Stores an occasion (already validated) and returns it with its id.
    pub fn insert_occasion(&self, new: &NewOccasion) -> Result<Occasion> {
        let kind = new.kind.unwrap_or(OccasionKind::General).as_str();
        let int = |v: u32| i32::try_from(v).ok();
        let (rule, month, day, nth, weekday, on_date) = match new.rule {
            OccasionRule::Fixed { month, day } => ("fixed", int(month), int(day), None, None, None),
            OccasionRule::NthWeekday {
                nth,
                weekday,
                month,
            } => (
                "nthWeekday",
                int(month),
                None,
                Some(nth),
                int(weekday.index()),
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
        self.run(|client| {
            let row = client.query_one(
                &format!(
                    "INSERT INTO occasions (name, kind, rule, month, day, nth, weekday, on_date)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {COLUMNS}"
                ),
                &[
                    &new.name, &kind, &rule, &month, &day, &nth, &weekday, &on_date,
                ],
            )?;
            let id: i64 = row.try_get(0)?;
            Ok(occasion_from_row(&row)?
                .ok_or_else(|| Error::not_found(format!("Occasion {CUSTOM_PREFIX}{id}")))?)
        })
    }

    /// Removes one of the owner's occasions.
    pub fn delete_occasion(&self, id: i64) -> Result<()> {
        self.run(|client| {
            if client.execute("DELETE FROM occasions WHERE id = $1", &[&id])? == 0 {
                return Err(Error::not_found(format!("Occasion {CUSTOM_PREFIX}{id}")).into());
            }
            Ok(())
        })
    }

    /// Active contacts with at least one postal address and no undeliverable mark.
    pub fn mailable_contact_count(&self) -> Result<i64> {
        self.run(|client| {
            Ok(client
                .query_one(
                    "SELECT count(*) FROM contacts
                     WHERE has_postal_address AND NOT archived AND address_undeliverable_on IS NULL",
                    &[],
                )?
                .try_get(0)?)
        })
    }
}

fn occasion_from_row(row: &Row) -> PgResult<Option<Occasion>> {
    let unsigned = |v: Option<i32>| v.and_then(|v| u32::try_from(v).ok());
    let name: String = row.try_get(1)?;
    let kind: String = row.try_get(2)?;
    let rule: String = row.try_get(3)?;
    Ok(occasion_from_parts(
        row.try_get(0)?,
        &name,
        &kind,
        &rule,
        unsigned(row.try_get(4)?),
        unsigned(row.try_get(5)?),
        row.try_get(6)?,
        unsigned(row.try_get(7)?),
        row.try_get(8)?,
    ))
}
