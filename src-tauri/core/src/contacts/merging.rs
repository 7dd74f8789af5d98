//! Two records of one person made one: which phone numbers are the same number, and merging
//! fields — fill what is empty (or take the values the owner picked), add what is new.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ContactInput;
use crate::search_text::fold;

/// A phone number's digits as they are compared: without the international call prefix
/// ("0034 600…" is "34600…") or a national trunk 0 ("020 7946…" is "207946…"). None for a
/// number too short to tell people apart.
pub(crate) fn phone_digits(value: &str) -> Option<String> {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    let digits = digits
        .strip_prefix("00")
        .or_else(|| digits.strip_prefix('0'))
        .unwrap_or(&digits);
    (digits.len() >= 6).then(|| digits.to_string())
}

/// Two numbers' digits are one number when they are equal, or when one is the other with a
/// country code in front and the shorter still has nine digits (+34 600 123 456 and
/// 600 123 456; +44 20 7946 0123 and 020 7946 0123). 212 555 0123 and 312 555 0123 differ.
pub fn same_number(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long || (short.len() >= PHONE_TAIL_DIGITS && long.ends_with(short))
}

/// Whether two phone numbers, as written, are the same number.
pub fn same_phone(a: &str, b: &str) -> bool {
    match (phone_digits(a), phone_digits(b)) {
        (Some(a), Some(b)) => same_number(&a, &b),
        _ => {
            let digits = |v: &str| v.chars().filter(char::is_ascii_digit).collect::<String>();
            digits(a) == digits(b)
        }
    }
}

/// Numbers are looked up by this many last digits (the shortest national numbers of most
/// countries, without their trunk prefix).
pub(crate) const PHONE_TAIL_DIGITS: usize = 9;

/// A single-valued field of a contact that a merge can take from either side. Emails, phones,
/// addresses and tags are always combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MergeField {
    GivenName,
    FamilyName,
    Prefix,
    Nickname,
    Company,
    JobTitle,
    Birthday,
    CustomerSince,
    KeepInTouchDays,
    Family,
    Interests,
    TalkingPoints,
    Notes,
}

impl MergeField {
    pub const ALL: [MergeField; 13] = [
        MergeField::GivenName,
        MergeField::FamilyName,
        MergeField::Prefix,
        MergeField::Nickname,
        MergeField::Company,
        MergeField::JobTitle,
        MergeField::Birthday,
        MergeField::CustomerSince,
        MergeField::KeepInTouchDays,
        MergeField::Family,
        MergeField::Interests,
        MergeField::TalkingPoints,
        MergeField::Notes,
    ];
}

/// Which side's value a merged field takes: the owner's choice in the side-by-side view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldPick {
    pub field: MergeField,
    /// True: the incoming (or other) contact's value; false: keep the target's.
    pub incoming: bool,
}

/// Copies one field from `from` to `to`.
fn take(field: MergeField, to: &mut ContactInput, from: &ContactInput) {
    match field {
        MergeField::GivenName => to.given_name.clone_from(&from.given_name),
        MergeField::FamilyName => to.family_name.clone_from(&from.family_name),
        MergeField::Prefix => to.prefix.clone_from(&from.prefix),
        MergeField::Nickname => to.nickname.clone_from(&from.nickname),
        MergeField::Company => to.company.clone_from(&from.company),
        MergeField::JobTitle => to.job_title.clone_from(&from.job_title),
        MergeField::Birthday => to.birthday = from.birthday,
        MergeField::CustomerSince => to.customer_since = from.customer_since,
        MergeField::KeepInTouchDays => to.keep_in_touch_days = from.keep_in_touch_days,
        MergeField::Family => to.family.clone_from(&from.family),
        MergeField::Interests => to.interests.clone_from(&from.interests),
        MergeField::TalkingPoints => to.talking_points.clone_from(&from.talking_points),
        MergeField::Notes => to.notes.clone_from(&from.notes),
    }
}

/// Whether `field` holds nothing in `input`.
fn is_empty(field: MergeField, input: &ContactInput) -> bool {
    let text = |t: &str| t.trim().is_empty();
    match field {
        MergeField::GivenName => text(&input.given_name),
        MergeField::FamilyName => text(&input.family_name),
        MergeField::Prefix => text(&input.prefix),
        MergeField::Nickname => text(&input.nickname),
        MergeField::Company => text(&input.company),
        MergeField::JobTitle => text(&input.job_title),
        MergeField::Birthday => input.birthday.is_none(),
        MergeField::CustomerSince => input.customer_since.is_none(),
        MergeField::KeepInTouchDays => input.keep_in_touch_days.is_none(),
        MergeField::Family => text(&input.family),
        MergeField::Interests => text(&input.interests),
        MergeField::TalkingPoints => text(&input.talking_points),
        MergeField::Notes => text(&input.notes),
    }
}

/// Fills `target`'s empty fields from `incoming` and adds its new emails, phones, addresses and
/// tags. Returns whether anything changed.
pub fn merge_into(target: &mut ContactInput, incoming: &ContactInput) -> bool {
    merge_with_picks(target, incoming, &[])
}

/// Like [`merge_into`], but each field in `picks` takes the side the owner chose, even when
/// that side is empty. Returns whether anything changed.
pub fn merge_with_picks(
    target: &mut ContactInput,
    incoming: &ContactInput,
    picks: &[FieldPick],
) -> bool {
    let before = target.clone();
    for field in MergeField::ALL {
        let take_incoming = match picks.iter().find(|p| p.field == field) {
            Some(pick) => pick.incoming,
            None => is_empty(field, target) && !is_empty(field, incoming),
        };
        if take_incoming {
            take(field, target, incoming);
        }
    }
    for email in &incoming.emails {
        if !target
            .emails
            .iter()
            .any(|e| e.value.eq_ignore_ascii_case(&email.value))
        {
            target.emails.push(email.clone());
        }
    }
    for phone in &incoming.phones {
        if !target
            .phones
            .iter()
            .any(|p| same_phone(&p.value, &phone.value))
        {
            target.phones.push(phone.clone());
        }
    }
    for address in &incoming.addresses {
        let same = |a: &super::PostalAddress| {
            fold(&a.street) == fold(&address.street)
                && fold(&a.postal_code) == fold(&address.postal_code)
                && fold(&a.city) == fold(&address.city)
        };
        if !target.addresses.iter().any(same) {
            target.addresses.push(address.clone());
        }
    }
    for tag in &incoming.tags {
        if !target.tags.iter().any(|t| fold(t) == fold(tag)) {
            target.tags.push(tag.clone());
        }
    }
    *target != before
}
