//! What needs a gesture on a given day: birthdays coming up, complaints still open, customers
//! nobody has been in touch with for longer than their keep-in-touch cadence.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts::{Birthday, ContactSummary, Touchpoint};

/// How far ahead Today looks for birthdays.
pub const BIRTHDAY_WINDOW_DAYS: u32 = 14;
/// Customers who arrived within this many days and were not welcomed yet are listed.
pub const NEW_CUSTOMER_DAYS: u32 = 30;
/// At most this many entries per list; the counts say how many there are in all.
pub const TODAY_LIST_LIMIT: u32 = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpcomingBirthday {
    pub contact: ContactSummary,
    pub date: NaiveDate,
    /// 0 is today.
    pub in_days: u32,
    /// The age they turn, when the year of birth is known.
    pub turning: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenComplaint {
    pub contact: ContactSummary,
    pub complaint: Touchpoint,
    pub days_open: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OverdueContact {
    pub contact: ContactSummary,
    pub keep_in_touch_days: u32,
    pub last_contacted: Option<NaiveDate>,
    pub days_overdue: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewCustomer {
    pub contact: ContactSummary,
    /// "Customer since", or the day they were added.
    pub since: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TodayView {
    pub date: NaiveDate,
    pub birthdays: Vec<UpcomingBirthday>,
    #[ts(type = "number")]
    pub birthday_count: i64,
    /// New customers not welcomed yet.
    pub new_customers: Vec<NewCustomer>,
    #[ts(type = "number")]
    pub new_customer_count: i64,
    pub open_complaints: Vec<OpenComplaint>,
    #[ts(type = "number")]
    pub open_complaint_count: i64,
    pub overdue: Vec<OverdueContact>,
    #[ts(type = "number")]
    pub overdue_count: i64,
    /// Contacts in the book (not archived); 0 on first run, when the window offers samples.
    #[ts(type = "number")]
    pub contact_count: i64,
    /// The next card occasion within 30 days and how many cards it needs.
    pub next_occasion: Option<crate::occasions::NextOccasion>,
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
