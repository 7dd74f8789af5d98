//! The owner's own occasions, who receives a batch of cards, recording a batch as sent, and the
//! undeliverable-address mark.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};

use super::contacts::load_contact;
use super::{now_timestamp, Store};
use crate::contacts::{Birthday, Contact};
use crate::error::{Error, Result};
use crate::occasions::{
    next_anniversary, NewOccasion, Occasion, OccasionKind, OccasionRule, Weekday, CUSTOM_PREFIX,
};
use crate::search_text::fold;
use crate::today::{birthday_days_in_window, next_birthday};

const COLUMNS: &str = "id, name, kind, rule, month, day, nth, weekday, on_date";

impl Store {
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
            ])?;
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
            .execute("DELETE FROM occasions WHERE id = ?1", [id])?;
        if changed == 0 {
            return Err(Error::not_found(format!("Occasion {CUSTOM_PREFIX}{id}")));
        }
        Ok(())
    }

    /// Active contacts whose birthday falls within `days` days from `from`, soonest first.
    pub fn birthday_ids_within(&self, from: NaiveDate, days: u32) -> Result<Vec<(i64, NaiveDate)>> {
        let month_days: Vec<i64> = birthday_days_in_window(from, days)
            .into_iter()
            .map(|(m, d)| i64::from(m * 100 + d))
            .collect();
        let list = serde_json::to_string(&month_days).unwrap_or_else(|_| "[]".into());
        let rows: Vec<(i64, Birthday)> = self
            .conn
            .prepare_cached(
                "SELECT id, birthday_month, birthday_day, birthday_year FROM contacts
                 WHERE archived = 0 AND birthday_md IN (SELECT value FROM json_each(?1))",
            )?
            .query_map([list], |row| {
                Ok((
                    row.get(0)?,
                    Birthday {
                        month: row.get(1)?,
                        day: row.get(2)?,
                        year: row.get(3)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut found: Vec<(i64, NaiveDate)> = rows
            .into_iter()
            .map(|(id, b)| (id, next_birthday(&b, from).0))
            .filter(|(_, date)| crate::occasions::days_between(from, *date) < days)
            .collect();
        found.sort_by_key(|(id, date)| (*date, *id));
        Ok(found)
    }

    /// Active contacts whose customer anniversary (a full year or more) falls within `days`
    /// days from `from`, soonest first.
    pub fn anniversary_ids_within(
        &self,
        from: NaiveDate,
        days: u32,
    ) -> Result<Vec<(i64, NaiveDate)>> {
        let rows: Vec<(i64, NaiveDate)> = self
            .conn
            .prepare_cached(
                "SELECT id, customer_since FROM contacts
                 WHERE archived = 0 AND customer_since IS NOT NULL",
            )?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut found: Vec<(i64, NaiveDate)> = rows
            .into_iter()
            .filter_map(|(id, since)| Some((id, next_anniversary(since, from)?)))
            .filter(|(_, date)| crate::occasions::days_between(from, *date) < days && *date >= from)
            .collect();
        found.sort_by_key(|(id, date)| (*date, *id));
        Ok(found)
    }

    /// The soonest birthday of any active contact on or after `from`. Asked day by day through
    /// the birthday index: in a book of any size the next birthday is rarely more than a few
    /// days away, while reading every contact's birthday took 110 ms at 100,000 contacts.
    pub fn next_birthday_of_anyone(&self, from: NaiveDate) -> Result<Option<NaiveDate>> {
        let mut anyone = self.conn.prepare_cached(
            "SELECT 1 FROM contacts WHERE birthday_md = ?1 AND archived = 0 LIMIT 1",
        )?;
        for (month, day) in birthday_days_in_window(from, 366) {
            if anyone.exists([month * 100 + day])? {
                let birthday = Birthday {
                    month,
                    day,
                    year: None,
                };
                return Ok(Some(birthday.next_on_or_after(from)));
            }
        }
        Ok(None)
    }

    /// The soonest customer anniversary of any active contact on or after `from`.
    pub fn next_anniversary_of_anyone(&self, from: NaiveDate) -> Result<Option<NaiveDate>> {
        let days: Vec<NaiveDate> = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT customer_since FROM contacts
                 WHERE archived = 0 AND customer_since IS NOT NULL",
            )?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(days.iter().filter_map(|s| next_anniversary(*s, from)).min())
    }

    /// Active contacts with at least one postal address and no undeliverable mark.
    pub fn mailable_contact_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM contacts INDEXED BY contacts_mailable
             WHERE has_postal_address = 1 AND archived = 0 AND address_undeliverable_on IS NULL",
            [],
            |row| row.get(0),
        )?)
    }

    /// Active contacts whose birthday is in `month` (1–12), in name order.
    pub fn birthday_ids_in_month(&self, month: u32) -> Result<Vec<i64>> {
        let ids = self
            .conn
            .prepare_cached(
                "SELECT id FROM contacts WHERE archived = 0 AND birthday_month = ?1
                 ORDER BY sort_key, id",
            )?
            .query_map([month], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Whether a tag exists (folded), so an unknown tag is an error rather than an empty batch.
    pub fn tag_exists(&self, tag: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM tags WHERE name_key = ?1",
                [fold(tag.trim())],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Full contacts for the given ids, in the same order; unknown ids are an error.
    pub fn contacts(&self, ids: &[i64]) -> Result<Vec<Contact>> {
        ids.iter().map(|id| load_contact(&self.conn, *id)).collect()
    }

    /// Logs one "card sent" touchpoint per contact, all in one transaction: either every
    /// contact's timeline shows the card, or (on any error) none does.
    pub fn record_cards_sent(
        &mut self,
        ids: &[i64],
        happened_on: NaiveDate,
        note: &str,
        handled_by: &str,
    ) -> Result<u32> {
        let tx = self.conn.transaction()?;
        let created = now_timestamp();
        {
            let mut exists = tx.prepare_cached("SELECT 1 FROM contacts WHERE id = ?1")?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO touchpoints (contact_id, kind, happened_on, note, handled_by, resolved, created_at)
                 VALUES (?1, 'card_sent', ?2, ?3, ?4, 0, ?5)",
            )?;
            for id in ids {
                if exists.query_row([id], |_| Ok(())).optional()?.is_none() {
                    return Err(Error::not_found(format!("Contact {id}")));
                }
                insert.execute(params![id, happened_on, note, handled_by, created])?;
            }
        }
        for id in ids {
            tx.prepare_cached(
                "UPDATE contacts SET last_contacted =
                    (SELECT max(happened_on) FROM touchpoints WHERE contact_id = ?1 AND kind != 'note')
                 WHERE id = ?1",
            )?
            .execute([id])?;
            super::contacts::refresh_touch_due(&tx, *id)?;
        }
        tx.commit()?;
        Ok(u32::try_from(ids.len()).unwrap_or(u32::MAX))
    }

    /// Marks (or clears, with None) a contact's postal address as undeliverable.
    pub fn set_address_undeliverable(&mut self, id: i64, on: Option<NaiveDate>) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE contacts SET address_undeliverable_on = ?2 WHERE id = ?1",
            params![id, on],
        )?;
        if changed == 0 {
            return Err(Error::not_found(format!("Contact {id}")));
        }
        Ok(())
    }

    /// The day a card to this contact came back, if it did.
    pub fn address_undeliverable(&self, id: i64) -> Result<Option<NaiveDate>> {
        self.conn
            .query_row(
                "SELECT address_undeliverable_on FROM contacts WHERE id = ?1",
                [id],
                |row| row.get::<_, Option<NaiveDate>>(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found(format!("Contact {id}")))
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
    let rule = match (rule.as_str(), month, day, nth, weekday, on_date) {
        ("fixed", Some(month), Some(day), ..) => OccasionRule::Fixed { month, day },
        ("nthWeekday", Some(month), _, Some(nth), Some(weekday), _) => {
            match Weekday::from_index(weekday) {
                Some(weekday) => OccasionRule::NthWeekday {
                    nth,
                    weekday,
                    month,
                },
                None => return Ok(None),
            }
        }
        ("oneOff", .., Some(date)) => OccasionRule::OneOff { date },
        _ => return Ok(None),
    };
    let mut occasion = Occasion::new(
        &format!("{CUSTOM_PREFIX}{id}"),
        &name,
        OccasionKind::parse(&kind).unwrap_or(OccasionKind::General),
        rule,
        "",
    );
    occasion.custom = true;
    Ok(Some(occasion))
}
