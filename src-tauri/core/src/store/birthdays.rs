//! Birthdays and customer anniversaries in a window of days: one query each, used by Today, by
//! the card occasions and by a batch's recipients.

use chrono::NaiveDate;

use super::SqliteStore;
use crate::calendar::{days_between, next_anniversary};
use crate::contacts::{birthday_days_in_window, next_birthday, Birthday, BirthdayDue};
use crate::error::Result;

impl SqliteStore {
    /// Active contacts whose birthday is celebrated within `days` days from `from` (29 February
    /// birthdays on 28 February in other years), soonest first, then by id.
    pub fn birthdays_within(&self, from: NaiveDate, days: u32) -> Result<Vec<BirthdayDue>> {
        let month_days: Vec<i64> = birthday_days_in_window(from, days)
            .into_iter()
            .map(|(m, d)| i64::from(m * 100 + d))
            .collect();
        let list = serde_json::to_string(&month_days).unwrap_or_else(|_| "[]".into());
        // `+archived`: the birthday index finds the few rows; the archived flag is read from them.
        let rows: Vec<(i64, Birthday)> = self
            .conn
            .prepare_cached(
                "SELECT id, birthday_month, birthday_day, birthday_year FROM contacts
                 WHERE +archived = 0 AND birthday_md IN (SELECT value FROM json_each(?1))",
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
        let mut due: Vec<BirthdayDue> = rows
            .into_iter()
            .map(|(contact_id, birthday)| {
                let (date, in_days, turning) = next_birthday(&birthday, from);
                BirthdayDue {
                    contact_id,
                    date,
                    in_days,
                    turning,
                }
            })
            .filter(|due| due.in_days < days)
            .collect();
        due.sort_by_key(|due| (due.date, due.contact_id));
        Ok(due)
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
            .filter(|(_, date)| days_between(from, *date) < days && *date >= from)
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
}
