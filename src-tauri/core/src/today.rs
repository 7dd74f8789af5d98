//! What needs a gesture on a given day: birthdays coming up, complaints still open, follow-ups
//! due, customers nobody has been in touch with for longer than their keep-in-touch cadence.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::gestures::kinds::BIRTHDAY_GESTURE;
use crate::Book;

pub use crate::contacts::{
    DueFollowUp, NewCustomer, OpenComplaint, OverdueContact, ReferralThanks, UpcomingBirthday,
};

/// How far ahead Today looks for birthdays.
pub const BIRTHDAY_WINDOW_DAYS: u32 = 14;
/// Customers who arrived within this many days and were not welcomed yet are listed.
pub const NEW_CUSTOMER_DAYS: u32 = 30;
/// At most this many entries per list; the counts say how many there are in all.
pub const TODAY_LIST_LIMIT: u32 = 50;

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
    /// Follow-ups due today or overdue, soonest first.
    pub follow_ups: Vec<DueFollowUp>,
    #[ts(type = "number")]
    pub follow_up_count: i64,
    /// Customers who sent us someone lately and were not thanked yet.
    pub referral_thanks: Vec<ReferralThanks>,
    #[ts(type = "number")]
    pub referral_thanks_count: i64,
    /// Contacts in the book (not archived); 0 on first run, when the window offers samples.
    #[ts(type = "number")]
    pub contact_count: i64,
    /// The next card occasion within 30 days and how many cards it needs.
    pub next_occasion: Option<crate::occasions::NextOccasion>,
}

impl Book {
    /// What needs a gesture on `today`: each list capped, with its count in all.
    pub fn today(&self, today: NaiveDate) -> Result<TodayView> {
        let (open_complaints, open_complaint_count) =
            self.store().open_complaints(today, TODAY_LIST_LIMIT)?;
        let (overdue, overdue_count) = self.store().overdue_contacts(today, TODAY_LIST_LIMIT)?;
        let (birthdays, birthday_count) = self.upcoming_birthdays(today)?;
        let (follow_ups, follow_up_count) = self.follow_ups_due(today, TODAY_LIST_LIMIT)?;
        let (referral_thanks, referral_thanks_count) =
            self.referrals_to_thank(today, TODAY_LIST_LIMIT)?;
        let (new_customers, new_customer_count) =
            self.store()
                .new_customers(today, NEW_CUSTOMER_DAYS, TODAY_LIST_LIMIT)?;
        Ok(TodayView {
            date: today,
            birthdays,
            birthday_count,
            new_customers,
            new_customer_count,
            open_complaints,
            open_complaint_count,
            overdue,
            overdue_count,
            follow_ups,
            follow_up_count,
            referral_thanks,
            referral_thanks_count,
            contact_count: self.store().contact_count()?,
            next_occasion: self.next_occasion(today)?,
        })
    }

    /// Birthdays in the next [`BIRTHDAY_WINDOW_DAYS`], soonest first: the first
    /// [`TODAY_LIST_LIMIT`] with the contact, and how many there are in all.
    fn upcoming_birthdays(&self, today: NaiveDate) -> Result<(Vec<UpcomingBirthday>, i64)> {
        let mut due = self.store().birthdays_within(today, BIRTHDAY_WINDOW_DAYS)?;
        let total = due.len() as i64;
        due.truncate(TODAY_LIST_LIMIT as usize);
        let ids: Vec<i64> = due.iter().map(|d| d.contact_id).collect();
        let people = self.store().summaries(&ids)?;
        // A greeting counts for this birthday when it went in the window before it, or since.
        let greetings_from = today - chrono::Days::new(BIRTHDAY_WINDOW_DAYS.into());
        let greeted: std::collections::HashMap<i64, NaiveDate> = self
            .store()
            .last_gestures(&ids, BIRTHDAY_GESTURE, greetings_from)?
            .into_iter()
            .collect();
        let list = people
            .into_iter()
            .zip(due)
            .map(|(contact, due)| UpcomingBirthday {
                greeted_on: greeted
                    .get(&contact.id)
                    .copied()
                    .filter(|on| *on >= due.date - chrono::Days::new(BIRTHDAY_WINDOW_DAYS.into())),
                contact,
                date: due.date,
                in_days: due.in_days,
                turning: due.turning,
            })
            .collect();
        Ok((list, total))
    }
}
