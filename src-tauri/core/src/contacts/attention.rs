//! The contacts that need a gesture, as the store finds them for Today: a birthday coming up, a
//! complaint still open, a customer past their keep-in-touch cadence, a new customer.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ContactSummary, Touchpoint};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpcomingBirthday {
    pub contact: ContactSummary,
    pub date: NaiveDate,
    /// 0 is today.
    pub in_days: u32,
    /// The age they turn, when the year of birth is known.
    pub turning: Option<u32>,
    /// When a birthday greeting went to them for this birthday (in the two weeks before it, or
    /// since): Today shows them as greeted.
    pub greeted_on: Option<NaiveDate>,
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

/// A customer who sent us another, not thanked for it yet (Today suggests the thank-you).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralThanks {
    /// Who sent them.
    pub referrer: ContactSummary,
    /// Who came.
    pub referred: ContactSummary,
    pub referred_on: NaiveDate,
}
