//! The occasions the owner sends cards for: every occasion of the calendar (built in and the
//! owner's own) with its next date, adding and removing the owner's own, and the occasion Today
//! points at with how many cards it needs.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::calendar::*;
use crate::error::{Error, Result};
use crate::Book;

/// How far ahead Today looks for the next card occasion.
pub const OCCASION_WINDOW_DAYS: u32 = 30;

/// Who a calendar holiday's cards are counted for on Today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CardCountBasis {
    /// Active contacts with a postal address not marked undeliverable.
    ActiveWithAddress,
    /// Active contacts whose birthday falls in the coming window.
    BirthdaysInWindow,
    /// Active contacts whose customer anniversary falls in the coming window.
    AnniversariesInWindow,
}

/// An occasion with its next date, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpcomingOccasion {
    pub occasion: Occasion,
    /// The next date on or after the day asked for; for per-contact occasions the soonest
    /// contact's date; None when it will not come again (a past one-off, nobody with a date).
    pub next: Option<NaiveDate>,
    pub in_days: Option<u32>,
}

/// The occasion Today points at, with how many cards it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NextOccasion {
    pub occasion: Occasion,
    pub date: NaiveDate,
    pub in_days: u32,
    #[ts(type = "number")]
    pub card_count: i64,
    pub count_basis: CardCountBasis,
}

/// Orders listed occasions: those with a next date soonest first, then the rest by name.
pub fn sort_upcoming(list: &mut [UpcomingOccasion]) {
    list.sort_by(|a, b| match (a.next, b.next) {
        (Some(x), Some(y)) => x
            .cmp(&y)
            .then_with(|| a.occasion.name.cmp(&b.occasion.name)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.occasion.name.cmp(&b.occasion.name),
    });
}

impl Book {
    /// Every occasion (built in, then the owner's), each with its next date on or after `from`,
    /// soonest first.
    pub fn occasions(&self, from: NaiveDate) -> Result<Vec<UpcomingOccasion>> {
        let mut all = built_in();
        all.extend(self.store().custom_occasions()?);
        let mut list = Vec::with_capacity(all.len());
        for occasion in all {
            let next = match occasion.rule {
                OccasionRule::ContactBirthday => self.store().next_birthday_of_anyone(from)?,
                OccasionRule::CustomerAnniversary => {
                    self.store().next_anniversary_of_anyone(from)?
                }
                rule => rule.next_on_or_after(from),
            };
            list.push(UpcomingOccasion {
                in_days: next.map(|d| days_between(from, d)),
                next,
                occasion,
            });
        }
        sort_upcoming(&mut list);
        Ok(list)
    }

    /// One occasion by id ("thanksgiving-us", "custom-3").
    pub fn occasion(&self, id: &str) -> Result<Occasion> {
        let id = id.trim();
        if let Some(found) = built_in().into_iter().find(|o| o.id == id) {
            return Ok(found);
        }
        self.store()
            .custom_occasions()?
            .into_iter()
            .find(|o| o.id == id)
            .ok_or_else(|| Error::not_found(format!("The occasion \"{id}\"")))
    }

    /// Adds an occasion of the owner's own.
    pub fn add_occasion(&mut self, new: NewOccasion) -> Result<Occasion> {
        let new = new.validated()?;
        self.store_mut().insert_occasion(&new)
    }

    /// Removes an occasion of the owner's own; built-in ones cannot be removed.
    pub fn remove_occasion(&mut self, id: &str) -> Result<()> {
        let id = id.trim();
        if built_in().iter().any(|o| o.id == id) {
            return Err(Error::invalid(
                "id",
                format!("\"{id}\" is built in and cannot be removed; only your own occasions (custom-N) can"),
            ));
        }
        let number = Occasion::custom_number(id).ok_or_else(|| {
            Error::invalid(
                "id",
                format!(
                    "\"{id}\" is not an occasion id; `rapport occasions` lists them (custom-N)"
                ),
            )
        })?;
        self.store_mut().delete_occasion(number)
    }

    /// The occasion Today points at: the soonest calendar (or own) occasion within
    /// [`OCCASION_WINDOW_DAYS`], counted as active contacts with a postal address; when no
    /// holiday is that close, the birthdays (or customer anniversaries) in the window.
    pub fn next_occasion(&self, today: NaiveDate) -> Result<Option<NextOccasion>> {
        let calendar = self.occasions(today)?.into_iter().find(|u| {
            !u.occasion.rule.per_contact() && u.in_days.is_some_and(|d| d < OCCASION_WINDOW_DAYS)
        });
        if let Some(UpcomingOccasion {
            occasion,
            next: Some(date),
            in_days: Some(in_days),
        }) = calendar
        {
            return Ok(Some(NextOccasion {
                occasion,
                date,
                in_days,
                card_count: self.store().mailable_contact_count()?,
                count_basis: CardCountBasis::ActiveWithAddress,
            }));
        }
        let birthdays: Vec<(i64, NaiveDate)> = self
            .store()
            .birthdays_within(today, OCCASION_WINDOW_DAYS)?
            .into_iter()
            .map(|due| (due.contact_id, due.date))
            .collect();
        let anniversaries = self
            .store()
            .anniversary_ids_within(today, OCCASION_WINDOW_DAYS)?;
        let (id, found, basis) = if birthdays.len() >= anniversaries.len() {
            ("birthday", birthdays, CardCountBasis::BirthdaysInWindow)
        } else {
            (
                "customer-anniversary",
                anniversaries,
                CardCountBasis::AnniversariesInWindow,
            )
        };
        let Some((_, date)) = found.first().copied() else {
            return Ok(None);
        };
        Ok(Some(NextOccasion {
            occasion: self.occasion(id)?,
            date,
            in_days: days_between(today, date),
            card_count: i64::try_from(found.len()).unwrap_or(i64::MAX),
            count_basis: basis,
        }))
    }
}
