//! Contacts, their companies, tags and timeline: the types the window, the CLI and the store share,
//! and the rules an edit must satisfy before it is stored. The bottom of the core: it knows no
//! store and no use case.

mod attention;
mod birthday;
mod country;
mod edit_merge;
mod follow_ups;
mod gifts;
pub(crate) mod merging;
mod promises;
mod testimonials;
mod touchpoints;
mod validation;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use attention::{NewCustomer, OpenComplaint, OverdueContact, ReferralThanks, UpcomingBirthday};
pub use birthday::{birthday_days_in_window, next_birthday, Birthday, BirthdayDue};
pub use country::{country_code, postal_name};
pub use edit_merge::{three_way, ContactEdit, ContactSave, EditConflict, FieldConflict, ThreeWay};
pub use follow_ups::{DueFollowUp, FollowUp, NewFollowUp, MAX_FOLLOW_UP_CHARS};
pub use gifts::{money, parse_money, GiftRecord, NewGift};
pub use merging::{merge_into, merge_with_picks, same_number, same_phone, FieldPick, MergeField};
pub use promises::{
    checked_promise, HouseAnswer, HouseAnswerInput, PromiseMade, PromiseRecord, MAX_HOUSE_ANSWERS,
};
pub use testimonials::{
    MayQuote, NewReply, ReplyLink, Testimonial, TestimonialMark, TestimonialTerms,
};
pub use touchpoints::{NewTouchpoint, Touchpoint, TouchpointKind};
pub use validation::{clean_line, normalize_tags};

/// Longest text a single field accepts. Generous for any real name or note, small enough that a
/// pasted novel is refused with a message instead of slowing every search.
pub const MAX_FIELD_CHARS: usize = 500;
/// Notes and the personal-detail fields hold more.
pub const MAX_NOTE_CHARS: usize = 20_000;
pub const MAX_TAG_CHARS: usize = 60;
pub const MAX_LIST_ITEMS: usize = 20;
pub const MAX_KEEP_IN_TOUCH_DAYS: u32 = 3650;
/// At most this many contacts in one bulk action.
pub const MAX_BULK: usize = 100_000;

/// A value with its label, as vCard has them: `work` email, `mobile` phone…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabeledValue {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PostalAddress {
    pub label: String,
    pub street: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    /// ISO 3166 code or the country's name as the owner wrote it.
    pub country: String,
}

impl PostalAddress {
    pub fn is_empty(&self) -> bool {
        [
            &self.street,
            &self.city,
            &self.region,
            &self.postal_code,
            &self.country,
        ]
        .iter()
        .all(|part| part.trim().is_empty())
    }

    /// Whether a card can be addressed with it: it has a street or a city.
    pub fn is_mailable(&self) -> bool {
        !self.street.trim().is_empty() || !self.city.trim().is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Company {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    #[ts(type = "number")]
    pub contact_count: i64,
}

/// Everything the owner can edit on a contact. The same shape creates and updates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ContactInput {
    pub given_name: String,
    pub family_name: String,
    /// Honorific or other name parts shown before the name ("Dr.").
    pub prefix: String,
    pub nickname: String,
    /// The company by name: an existing one is reused (ignoring case), a new one is created.
    pub company: String,
    pub job_title: String,
    pub emails: Vec<LabeledValue>,
    pub phones: Vec<LabeledValue>,
    pub addresses: Vec<PostalAddress>,
    pub birthday: Option<Birthday>,
    pub customer_since: Option<NaiveDate>,
    /// Spouse, children, pets: the names a warm conversation needs.
    pub family: String,
    pub interests: String,
    /// What we talked about last time.
    pub talking_points: String,
    pub notes: String,
    pub tags: Vec<String>,
    pub keep_in_touch_days: Option<u32>,
}

/// A stored contact with everything the contact page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    #[ts(type = "number")]
    pub id: i64,
    pub display_name: String,
    #[serde(flatten)]
    pub fields: ContactInput,
    #[ts(type = "number | null")]
    pub company_id: Option<i64>,
    pub last_contacted: Option<NaiveDate>,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// One row of the contact list: enough to recognise someone, small enough for 100,000 of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub display_name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    pub tags: Vec<String>,
    pub last_contacted: Option<NaiveDate>,
    pub customer_since: Option<NaiveDate>,
    pub archived: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SortKey {
    #[default]
    Name,
    /// Longest without contact first: who needs a call.
    LastContacted,
    /// Longest-standing customers first.
    CustomerSince,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ArchiveFilter {
    #[default]
    Active,
    Archived,
    All,
}

/// What the list shows: a search (ranked) or a sorted list, optionally one tag, one page of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ListQuery {
    pub search: String,
    pub tag: Option<String>,
    pub sort: SortKey,
    pub archive: ArchiveFilter,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactPage {
    /// How many contacts match in all, for the scrollbar.
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<ContactSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TagCount {
    pub name: String,
    #[ts(type = "number")]
    pub count: i64,
}

/// A contact page: the contact and its timeline, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactDetail {
    pub contact: Contact,
    /// Raised by every edit: a save names the version it was made from, so one made while
    /// someone else saved is merged with theirs, never written over it.
    #[ts(type = "number")]
    pub version: i64,
    pub timeline: Vec<Touchpoint>,
    /// Follow-ups still open, soonest first, then the ten done most recently.
    pub follow_ups: Vec<FollowUp>,
    /// The customer who sent them to us, if noted.
    pub referred_by: Option<ContactSummary>,
    /// The customers they sent us, newest first.
    pub referred: Vec<ContactSummary>,
    /// Their compliments kept as testimonials, and on what terms.
    pub testimonials: Vec<TestimonialMark>,
    /// Their timeline entries that are replies, and to what.
    pub replies: Vec<ReplyLink>,
    /// The promises made to them, newest first: the page shows the last one.
    pub promises: Vec<PromiseMade>,
    /// On the team's book: who last changed the contact (or its timeline) and when, so a desk
    /// sees "changed by Maja, 2 minutes ago". None on a book file, which has one person.
    pub last_change: Option<LastChange>,
}

/// What a deleted contact's timeline entries were beyond their words: the gesture each
/// "gesture sent" entry was, and each step of a complaint's loop.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineRecords {
    pub gestures: Vec<GestureRecord>,
    pub steps: Vec<StepRecord>,
    pub testimonials: Vec<TestimonialRecord>,
    pub replies: Vec<ReplyLink>,
    pub gifts: Vec<GiftRecord>,
    pub promises: Vec<PromiseRecord>,
}

impl TimelineRecords {
    /// Both sets of records in one (each part read by the file that owns its table).
    pub fn joined(mut self, other: TimelineRecords) -> TimelineRecords {
        self.gestures.extend(other.gestures);
        self.steps.extend(other.steps);
        self.testimonials.extend(other.testimonials);
        self.replies.extend(other.replies);
        self.gifts.extend(other.gifts);
        self.promises.extend(other.promises);
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestimonialRecord {
    pub mark: TestimonialMark,
    pub marked_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GestureRecord {
    pub touchpoint_id: i64,
    pub kind: String,
    pub delivery: String,
    pub subject: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRecord {
    pub touchpoint_id: i64,
    pub complaint_id: i64,
    pub step: String,
    pub happened_on: NaiveDate,
    pub what_we_did: String,
    pub done_by: String,
    pub outcome: String,
}

/// One customer sent us another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Referral {
    #[ts(type = "number")]
    pub contact_id: i64,
    #[ts(type = "number")]
    pub referred_by: i64,
    pub referred_on: NaiveDate,
}

/// Who last changed a row of the team's book, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LastChange {
    /// The staff member's name (their login when no staff member has it).
    pub by: String,
    /// `2026-11-23T08:30:00Z`.
    pub at: String,
}

/// A contact removed for good, kept whole so the deletion can be undone during the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeletedContact {
    pub contact: Contact,
    pub timeline: Vec<Touchpoint>,
    /// Every follow-up, open or done, put back with the contact.
    #[serde(default)]
    pub follow_ups: Vec<FollowUp>,
    /// Who sent them, and whom they sent: put back where the other customer is still here.
    #[serde(default)]
    pub referrals: Vec<Referral>,
    /// Which gesture each "gesture sent" entry was and the steps of each complaint's loop, put
    /// back with the entries (kept in the app, never sent to the window).
    #[serde(skip)]
    #[ts(skip)]
    pub records: TimelineRecords,
    /// The contact's photo, put back with it (kept in the app, never sent to the window).
    #[serde(skip)]
    #[ts(skip)]
    pub photo: Option<crate::photos::NormalizedPhoto>,
}

/// The name shown everywhere: "Dr. Ann Smith", or the nickname, or the company for a company-only
/// entry. Given name first is the Western order; names written in Chinese, Japanese or Korean
/// script put the family name first with no space, as their owners write them.
pub fn display_name(input: &ContactInput) -> String {
    let given = input.given_name.trim();
    let family = input.family_name.trim();
    let name = if is_east_asian(given) && is_east_asian(family) {
        format!("{family}{given}")
    } else {
        [input.prefix.trim(), given, family]
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    if !name.trim().is_empty() {
        name
    } else if !input.nickname.trim().is_empty() {
        input.nickname.trim().to_string()
    } else {
        input.company.trim().to_string()
    }
}

fn is_east_asian(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| {
            matches!(c as u32,
                0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
        })
}
