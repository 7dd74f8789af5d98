//! Birthdays and customer anniversaries in a window of days: one query each, used by Today, by
//! the card occasions and by a batch's recipients.

use chrono::{Datelike, NaiveDate};

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
                // From the birthday index alone: birthday_md is month * 100 + day.
                "SELECT id, birthday_md, birthday_year FROM contacts
                 WHERE archived = 0 AND birthday_md IN (SELECT value FROM json_each(?1))",
            )?
            .query_map([list], |row| {
                let month_day: u32 = row.get(1)?;
                Ok((
                    row.get(0)?,
                    Birthday {
                        month: month_day / 100,
                        day: month_day % 100,
                        year: row.get(2)?,
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
    /// days from `from`, soonest first. An anniversary repeats the month and day a customer was
    /// won, so for each year customers were won in, only the dates whose month and day fall in
    /// the window are read, through the customer-since index (reading every customer took
    /// 300 ms in a book of a million).
    pub fn anniversary_ids_within(
        &self,
        from: NaiveDate,
        days: u32,
    ) -> Result<Vec<(i64, NaiveDate)>> {
        let Some((first, last)) = self.customer_since_span()? else {
            return Ok(Vec::new());
        };
        let ranges = month_day_ranges(&birthday_days_in_window(from, days));
        let mut in_range = self.conn.prepare_cached(
            "SELECT id, customer_since FROM contacts
             WHERE archived = 0 AND customer_since BETWEEN ?1 AND ?2",
        )?;
        let mut found = Vec::new();
        for year in first.year()..=last.year() {
            for (low, high) in &ranges {
                let rows = in_range.query_map(
                    [format!("{year:04}-{low}"), format!("{year:04}-{high}")],
                    |row| Ok((row.get::<_, i64>(0)?, row.get::<_, NaiveDate>(1)?)),
                )?;
                for row in rows {
                    let (id, since) = row?;
                    if let Some(date) = next_anniversary(since, from) {
                        if days_between(from, date) < days && date >= from {
                            found.push((id, date));
                        }
                    }
                }
            }
        }
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
        let Some((first, _)) = self.customer_since_span()? else {
            return Ok(None);
        };
        // Day by day from `from`: someone celebrates on a day when a customer was won on its
        // month and day in an earlier year (on 28 February of other years, those won on
        // 29 February), asked through the customer-since index; reading every customer's
        // date took 150 ms in a book of a million.
        let mut won_on = self.conn.prepare_cached(
            "SELECT 1 FROM contacts WHERE archived = 0 AND customer_since = ?1 LIMIT 1",
        )?;
        for offset in 0..=366u64 {
            let Some(day) = from.checked_add_days(chrono::Days::new(offset)) else {
                break;
            };
            let leap_day_too = day.month() == 2 && day.day() == 28 && !day.leap_year();
            for year in first.year()..day.year() {
                let won = [
                    NaiveDate::from_ymd_opt(year, day.month(), day.day()),
                    NaiveDate::from_ymd_opt(year, 2, 29).filter(|_| leap_day_too),
                ];
                for date in won.into_iter().flatten() {
                    if won_on.exists([date])? {
                        return Ok(Some(day));
                    }
                }
            }
        }
        Ok(None)
    }

    /// The earliest and latest `customer_since` of active contacts.
    fn customer_since_span(&self) -> Result<Option<(NaiveDate, NaiveDate)>> {
        let (first, last): (Option<NaiveDate>, Option<NaiveDate>) = self.conn.query_row(
            "SELECT (SELECT min(customer_since) FROM contacts
                      WHERE archived = 0 AND customer_since IS NOT NULL),
                    (SELECT max(customer_since) FROM contacts WHERE archived = 0)",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok(first.zip(last))
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

/// Month-days ("MM-DD", as dates are stored) grouped into runs of consecutive days, each run
/// as its first and last day: the ranges of one year's dates to read.
fn month_day_ranges(month_days: &[(u32, u32)]) -> Vec<(String, String)> {
    // Day of a leap year, so 29 February has its place between 28 February and 1 March.
    let mut ordinals: Vec<u32> = month_days
        .iter()
        .filter_map(|&(month, day)| NaiveDate::from_ymd_opt(2000, month, day))
        .map(|date| date.ordinal())
        .collect();
    ordinals.sort_unstable();
    ordinals.dedup();
    let month_day = |ordinal: u32| {
        NaiveDate::from_yo_opt(2000, ordinal)
            .map_or_else(String::new, |d| d.format("%m-%d").to_string())
    };
    let mut ranges = Vec::new();
    let mut run: Option<(u32, u32)> = None;
    for ordinal in ordinals {
        run = match run {
            Some((start, end)) if ordinal == end + 1 => Some((start, ordinal)),
            Some((start, end)) => {
                ranges.push((month_day(start), month_day(end)));
                Some((ordinal, ordinal))
            }
            None => Some((ordinal, ordinal)),
        };
    }
    if let Some((start, end)) = run {
        ranges.push((month_day(start), month_day(end)));
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_over_new_year_is_two_runs_and_a_leap_day_joins_its_neighbours() {
        let window = birthday_days_in_window(
            NaiveDate::from_ymd_opt(2026, 12, 30).unwrap_or(NaiveDate::MIN),
            4,
        );
        assert_eq!(
            month_day_ranges(&window),
            [
                ("01-01".into(), "01-02".into()),
                ("12-30".into(), "12-31".into())
            ]
        );
        let february = birthday_days_in_window(
            NaiveDate::from_ymd_opt(2027, 2, 27).unwrap_or(NaiveDate::MIN),
            3,
        );
        assert_eq!(
            month_day_ranges(&february),
            [("02-27".into(), "03-01".into())]
        );
    }
}
