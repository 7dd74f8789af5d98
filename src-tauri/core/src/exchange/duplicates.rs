//! Is an incoming contact someone the book already has? Same email, same phone digits, or the
//! same name at the same company — unless the row's own email or phone says it is someone else
//! (two "Maria Garcia"s at one company with different addresses are two people). And merging:
//! fill what is empty (or take the values the owner picked), add what is new.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts::{display_name, ContactInput};
use crate::search_text::fold;

/// Where a match points: a stored contact or one added earlier in the same import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Existing(usize),
    New(usize),
}

/// The emails and phone numbers known for a slot, to tell namesakes apart.
#[derive(Default)]
struct Reachable {
    emails: HashSet<String>,
    phones: HashSet<String>,
}

#[derive(Default)]
pub struct DuplicateIndex {
    keys: HashMap<String, Slot>,
    reachable: HashMap<Slot, Reachable>,
}

fn email_key(value: &str) -> Option<String> {
    let email = value.trim().to_lowercase();
    (!email.is_empty()).then(|| format!("e:{email}"))
}

fn phone_key(value: &str) -> Option<String> {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 6).then(|| format!("t:{digits}"))
}

fn email_keys(input: &ContactInput) -> HashSet<String> {
    input
        .emails
        .iter()
        .filter_map(|e| email_key(&e.value))
        .collect()
}

fn phone_keys(input: &ContactInput) -> HashSet<String> {
    input
        .phones
        .iter()
        .filter_map(|p| phone_key(&p.value))
        .collect()
}

fn name_key(input: &ContactInput) -> Option<String> {
    let name = fold(&display_name(input));
    (!name.is_empty() && (!input.given_name.is_empty() || !input.family_name.is_empty()))
        .then(|| format!("n:{name}|{}", fold(&input.company)))
}

/// Both sides have values of a kind and none of them is shared: they are different people.
fn contradicts(incoming: &HashSet<String>, known: &HashSet<String>) -> bool {
    !incoming.is_empty() && !known.is_empty() && incoming.is_disjoint(known)
}

impl DuplicateIndex {
    pub fn add(&mut self, input: &ContactInput, slot: Slot) {
        let emails = email_keys(input);
        let phones = phone_keys(input);
        for key in emails.iter().chain(&phones).cloned().chain(name_key(input)) {
            self.keys.entry(key).or_insert(slot);
        }
        let reachable = self.reachable.entry(slot).or_default();
        reachable.emails.extend(emails);
        reachable.phones.extend(phones);
    }

    /// The first stored or earlier contact `input` matches, and why. A match on name and
    /// company alone does not count when the row's emails or phones all differ from the ones
    /// known for that contact.
    pub fn find(&self, input: &ContactInput) -> Option<(Slot, &'static str)> {
        let emails = email_keys(input);
        let phones = phone_keys(input);
        let by = |keys: &HashSet<String>, why: &'static str| {
            let mut sorted: Vec<&String> = keys.iter().collect();
            sorted.sort();
            sorted
                .into_iter()
                .find_map(|key| self.keys.get(key).map(|slot| (*slot, why)))
        };
        by(&emails, "same email")
            .or_else(|| by(&phones, "same phone number"))
            .or_else(|| {
                let slot = *self.keys.get(&name_key(input)?)?;
                let known = self.reachable.get(&slot)?;
                let someone_else =
                    contradicts(&emails, &known.emails) || contradicts(&phones, &known.phones);
                (!someone_else).then_some((slot, "same name and company"))
            })
    }
}

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
        let digits = |v: &str| v.chars().filter(char::is_ascii_digit).collect::<String>();
        if !target
            .phones
            .iter()
            .any(|p| digits(&p.value) == digits(&phone.value))
        {
            target.phones.push(phone.clone());
        }
    }
    for address in &incoming.addresses {
        let same = |a: &crate::contacts::PostalAddress| {
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
