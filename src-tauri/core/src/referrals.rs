//! "Referred by": a link between two customers, shown on both pages. When a customer sent us
//! someone, Today suggests a referral thank-you to them until one is given.

use chrono::NaiveDate;

use crate::contacts::ReferralThanks;
use crate::error::{Error, Result};
use crate::Book;

/// Referrals noted within this many days are suggested for a thank-you on Today.
pub const REFERRAL_THANKS_DAYS: u64 = 60;

impl Book {
    /// Notes that `referred_by` sent us `contact_id` (today), or with None that nobody did.
    pub fn set_referrer(
        &mut self,
        contact_id: i64,
        referred_by: Option<i64>,
        today: NaiveDate,
    ) -> Result<()> {
        if referred_by == Some(contact_id) {
            return Err(Error::invalid(
                "referredBy",
                "a customer cannot have sent us themselves; choose the one who told them about us",
            ));
        }
        self.store_mut()
            .set_referrer(contact_id, referred_by, today)
    }

    /// Customers who sent us someone in the last [`REFERRAL_THANKS_DAYS`] and were not thanked
    /// for it yet, oldest first: the first `limit`, and how many in all.
    pub fn referrals_to_thank(
        &self,
        today: NaiveDate,
        limit: u32,
    ) -> Result<(Vec<ReferralThanks>, i64)> {
        let since = today - chrono::Days::new(REFERRAL_THANKS_DAYS);
        let (referrals, total) = self.store().referrals_to_thank(since, limit)?;
        let ids: Vec<i64> = referrals
            .iter()
            .flat_map(|r| [r.referred_by, r.contact_id])
            .collect();
        let people: std::collections::HashMap<i64, _> = self
            .store()
            .summaries(&ids)?
            .into_iter()
            .map(|person| (person.id, person))
            .collect();
        let list = referrals
            .into_iter()
            .filter_map(|r| {
                Some(ReferralThanks {
                    referrer: people.get(&r.referred_by)?.clone(),
                    referred: people.get(&r.contact_id)?.clone(),
                    referred_on: r.referred_on,
                })
            })
            .collect();
        Ok((list, total))
    }
}
