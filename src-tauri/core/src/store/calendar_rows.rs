//! What the calendar file shows of each contact: one query over the active contacts that have
//! a birthday, a "customer since" day or a keep-in-touch date.

use chrono::NaiveDate;

use super::SqliteStore;
use crate::contacts::Birthday;
use crate::error::Result;

/// A contact's dates for the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarRow {
    pub id: i64,
    pub display_name: String,
    pub company: String,
    pub birthday: Option<Birthday>,
    pub customer_since: Option<NaiveDate>,
    /// When the keep-in-touch cadence runs out.
    pub touch_due_on: Option<NaiveDate>,
    pub keep_in_touch_days: Option<u32>,
}

impl SqliteStore {
    /// Active contacts with any date the calendar shows, in id order.
    pub fn calendar_rows(&self) -> Result<Vec<CalendarRow>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT c.id, c.display_name, coalesce(co.name, ''), c.birthday_month,
                        c.birthday_day, c.birthday_year, c.customer_since, c.touch_due_on,
                        c.keep_in_touch_days
                 FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
                 WHERE c.archived = 0 AND (c.birthday_month IS NOT NULL
                       OR c.customer_since IS NOT NULL OR c.touch_due_on IS NOT NULL)
                 ORDER BY c.id",
            )?
            .query_map([], |row| {
                let month: Option<u32> = row.get(3)?;
                let day: Option<u32> = row.get(4)?;
                Ok(CalendarRow {
                    id: row.get(0)?,
                    display_name: row.get(1)?,
                    company: row.get(2)?,
                    birthday: month.zip(day).map(|(month, day)| Birthday {
                        month,
                        day,
                        year: row.get(5).ok().flatten(),
                    }),
                    customer_since: row.get(6)?,
                    touch_due_on: row.get(7)?,
                    keep_in_touch_days: row.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
