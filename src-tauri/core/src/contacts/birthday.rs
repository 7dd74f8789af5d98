//! Birthdays: a day of the year with an optional year, when it is next celebrated (29 February
//! included), and which stored days fall in a window of days.

use crate::error::Invalid;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A birthday; the year is optional because customers often tell the day but not the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Birthday {
    pub month: u32,
    pub day: u32,
    pub year: Option<i32>,
}

impl Birthday {
    /// Checks the date exists: 31 February is refused, 29 February only in a leap year (or
    /// without a year, since someone born on 29 February has a birthday all the same).
    pub fn new(year: Option<i32>, month: u32, day: u32) -> Result<Birthday, Invalid> {
        if !(1..=12).contains(&month) {
            return Err(Invalid(format!(
                "month {month} does not exist; use 1 to 12"
            )));
        }
        let check_year = year.unwrap_or(2000); // 2000 is a leap year: allows 29 February
        if let Some(y) = year {
            if !(1900..=2100).contains(&y) {
                return Err(Invalid(format!(
                    "the year {y} is not plausible for a birthday"
                )));
            }
        }
        if NaiveDate::from_ymd_opt(check_year, month, day).is_none() {
            return Err(Invalid(match year {
                Some(y) => format!("{y}-{month:02}-{day:02} is not a date in the calendar"),
                None => format!("--{month:02}-{day:02} is not a day in the calendar"),
            }));
        }
        Ok(Birthday { month, day, year })
    }

    /// Parses `YYYY-MM-DD` or `--MM-DD` (the vCard form for a birthday without a year).
    pub fn parse(text: &str) -> Result<Birthday, Invalid> {
        let text = text.trim();
        let bad = || {
            Invalid(format!(
                "\"{text}\" is not a birthday; write YYYY-MM-DD, or --MM-DD without a year"
            ))
        };
        if let Some(rest) = text.strip_prefix("--") {
            let (m, d) = rest.split_once('-').ok_or_else(bad)?;
            let month = m.parse().map_err(|_| bad())?;
            let day = d.parse().map_err(|_| bad())?;
            return Birthday::new(None, month, day);
        }
        let mut parts = text.splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if y.len() != 4 {
            return Err(bad());
        }
        Birthday::new(
            Some(y.parse().map_err(|_| bad())?),
            m.parse().map_err(|_| bad())?,
            d.parse().map_err(|_| bad())?,
        )
    }

    /// The date this birthday falls on in `year`; 29 February is celebrated on 28 February in a
    /// year without one (the common custom, and the day before is kinder than the day after).
    pub fn in_year(&self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month, self.day.saturating_sub(1)))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The next celebration on or after `today`.
    pub fn next_on_or_after(&self, today: NaiveDate) -> NaiveDate {
        let this_year = self.in_year(today.year());
        if this_year >= today {
            this_year
        } else {
            self.in_year(today.year() + 1)
        }
    }

    pub fn to_text(&self) -> String {
        match self.year {
            Some(y) => format!("{y:04}-{:02}-{:02}", self.month, self.day),
            None => format!("--{:02}-{:02}", self.month, self.day),
        }
    }
}

/// A contact's birthday coming up: when it is celebrated, in how many days, and the age they
/// turn when the year of birth is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BirthdayDue {
    pub contact_id: i64,
    pub date: NaiveDate,
    /// 0 is today.
    pub in_days: u32,
    pub turning: Option<u32>,
}

/// The (month, day) pairs a birthday can be stored with to be celebrated in the window starting
/// at `from`: each calendar day, plus 29 February when 28 February falls in a year without one.
pub fn birthday_days_in_window(from: NaiveDate, days: u32) -> Vec<(u32, u32)> {
    let mut pairs = Vec::new();
    for offset in 0..days {
        let Some(date) = from.checked_add_days(chrono::Days::new(offset.into())) else {
            break;
        };
        pairs.push((date.month(), date.day()));
        let leap = NaiveDate::from_ymd_opt(date.year(), 2, 29).is_some();
        if date.month() == 2 && date.day() == 28 && !leap {
            pairs.push((2, 29));
        }
    }
    pairs
}

/// Days from `today` to the next celebration of `birthday`, and the age turned if known.
pub fn next_birthday(birthday: &Birthday, today: NaiveDate) -> (NaiveDate, u32, Option<u32>) {
    let date = birthday.next_on_or_after(today);
    let in_days = u32::try_from((date - today).num_days()).unwrap_or(0);
    let turning = birthday
        .year
        .and_then(|y| u32::try_from(date.year() - y).ok());
    (date, in_days, turning)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_over_28_february_of_a_common_year_includes_leap_day_birthdays() {
        let from = NaiveDate::from_ymd_opt(2027, 2, 20).unwrap();
        let days = birthday_days_in_window(from, 14);
        assert!(days.contains(&(2, 29)));
        assert!(days.contains(&(3, 5)));
        let leap_from = NaiveDate::from_ymd_opt(2028, 2, 20).unwrap();
        assert_eq!(
            birthday_days_in_window(leap_from, 14)
                .iter()
                .filter(|d| **d == (2, 29))
                .count(),
            1
        );
    }

    #[test]
    fn birthday_across_new_year_counts_days_and_age() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 28).unwrap();
        let birthday = Birthday {
            year: Some(1990),
            month: 1,
            day: 3,
        };
        let (date, in_days, turning) = next_birthday(&birthday, today);
        assert_eq!(date, NaiveDate::from_ymd_opt(2027, 1, 3).unwrap());
        assert_eq!(in_days, 6);
        assert_eq!(turning, Some(37));
    }
}
