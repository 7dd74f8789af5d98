//! Is an incoming contact someone the book already has? Same email, same phone digits, or the
//! same name at the same company — unless the row's own email or phone says it is someone else
//! (two "Maria Garcia"s at one company with different addresses are two people). And merging:
//! fill what is empty (or take the values the owner picked), add what is new.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts::{display_name, ContactInput};
use crate::search_text::fold;

/// Where a match points: a stored contact or one added earlier in the same import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slot {
    Existing(usize),
    New(usize),
}

/// The emails and phone numbers known for a slot, to tell namesakes apart (each sorted).
#[derive(Default)]
struct Reachable {
    emails: Vec<String>,
    phones: Vec<String>,
}

#[derive(Default)]
pub struct DuplicateIndex {
    /// Emails and names at a company, each to the first slot that had it.
    keys: HashMap<String, Slot>,
    /// Phone numbers (their digits, see [`phone_digits`]) by their last nine digits: the
    /// numbers that may be the same are found there and compared by [`same_number`].
    phones: HashMap<String, Vec<(String, Slot)>>,
    reachable: HashMap<Slot, Reachable>,
}

/// What a contact is matched by: its emails and phone numbers (normalised, sorted, each once)
/// and its name at its company. Worked out once per row, for looking it up and then adding it.
pub struct ContactKeys {
    emails: Vec<String>,
    phones: Vec<String>,
    name: Option<String>,
}

impl ContactKeys {
    pub fn of(input: &ContactInput) -> ContactKeys {
        let sorted = |mut keys: Vec<String>| {
            keys.sort_unstable();
            keys.dedup();
            keys
        };
        ContactKeys {
            emails: sorted(
                input
                    .emails
                    .iter()
                    .filter_map(|e| email_key(&e.value))
                    .collect(),
            ),
            phones: sorted(
                input
                    .phones
                    .iter()
                    .filter_map(|p| phone_digits(&p.value))
                    .collect(),
            ),
            name: name_key(input),
        }
    }
}

fn email_key(value: &str) -> Option<String> {
    let email = value.trim().to_lowercase();
    (!email.is_empty()).then(|| format!("e:{email}"))
}

/// A phone number's digits as they are compared: without the international call prefix
/// ("0034 600…" is "34600…") or a national trunk 0 ("020 7946…" is "207946…"). None for a
/// number too short to tell people apart.
fn phone_digits(value: &str) -> Option<String> {
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
fn same_number(a: &str, b: &str) -> bool {
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
const PHONE_TAIL_DIGITS: usize = 9;

fn phone_bucket(digits: &str) -> &str {
    &digits[digits.len().saturating_sub(PHONE_TAIL_DIGITS)..]
}

fn name_key(input: &ContactInput) -> Option<String> {
    let name = fold(&display_name(input));
    (!name.is_empty() && (!input.given_name.is_empty() || !input.family_name.is_empty()))
        .then(|| format!("n:{name}|{}", fold(&input.company)))
}

/// Both sides have values of a kind and none of them is shared: they are different people.
fn contradicts(incoming: &[String], known: &[String], same: impl Fn(&str, &str) -> bool) -> bool {
    !incoming.is_empty()
        && !known.is_empty()
        && !incoming.iter().any(|k| known.iter().any(|j| same(k, j)))
}

/// Adds the keys of `more` missing from `known`, keeping it sorted.
fn merge_sorted(known: &mut Vec<String>, more: Vec<String>) {
    for key in more {
        if let Err(at) = known.binary_search(&key) {
            known.insert(at, key);
        }
    }
}

impl DuplicateIndex {
    pub fn add(&mut self, input: &ContactInput, slot: Slot) {
        self.add_keys(ContactKeys::of(input), slot);
    }

    /// [`DuplicateIndex::add`] with the keys already worked out.
    pub fn add_keys(&mut self, keys: ContactKeys, slot: Slot) {
        let ContactKeys {
            emails,
            phones,
            name,
        } = keys;
        for key in emails.iter().cloned().chain(name) {
            self.keys.entry(key).or_insert(slot);
        }
        for digits in &phones {
            let known = self
                .phones
                .entry(phone_bucket(digits).to_string())
                .or_default();
            if !known.iter().any(|(d, _)| d == digits) {
                known.push((digits.clone(), slot));
            }
        }
        let reachable = self.reachable.entry(slot).or_default();
        merge_sorted(&mut reachable.emails, emails);
        merge_sorted(&mut reachable.phones, phones);
    }

    /// The first stored or earlier contact `input` matches, and why. A match on name and
    /// company alone does not count when the row's emails or phones all differ from the ones
    /// known for that contact.
    pub fn find(&self, input: &ContactInput) -> Option<(Slot, &'static str)> {
        self.find_keys(&ContactKeys::of(input))
    }

    /// [`DuplicateIndex::find`] with the keys already worked out.
    pub fn find_keys(&self, keys: &ContactKeys) -> Option<(Slot, &'static str)> {
        let by = |keys: &[String], why: &'static str| {
            keys.iter()
                .find_map(|key| self.keys.get(key).map(|slot| (*slot, why)))
        };
        let by_phone = || {
            keys.phones.iter().find_map(|digits| {
                self.phones
                    .get(phone_bucket(digits))?
                    .iter()
                    .find(|(known, _)| same_number(known, digits))
                    .map(|(_, slot)| (*slot, "same phone number"))
            })
        };
        by(&keys.emails, "same email")
            .or_else(by_phone)
            .or_else(|| {
                let slot = *self.keys.get(keys.name.as_ref()?)?;
                let known = self.reachable.get(&slot)?;
                let someone_else = contradicts(&keys.emails, &known.emails, |a, b| a == b)
                    || contradicts(&keys.phones, &known.phones, same_number);
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
        if !target
            .phones
            .iter()
            .any(|p| same_phone(&p.value, &phone.value))
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

#[cfg(test)]
mod index_tests {
    use super::*;
    use crate::contacts::LabeledValue;

    fn contact(given: &str, company: &str, emails: &[&str], phones: &[&str]) -> ContactInput {
        let values = |list: &[&str]| {
            list.iter()
                .map(|v| LabeledValue {
                    label: "work".into(),
                    value: (*v).into(),
                })
                .collect()
        };
        ContactInput {
            given_name: given.into(),
            family_name: "García".into(),
            company: company.into(),
            emails: values(emails),
            phones: values(phones),
            ..ContactInput::default()
        }
    }

    #[test]
    fn matches_by_email_then_phone_then_name_unless_the_row_says_it_is_someone_else() {
        let mut index = DuplicateIndex::default();
        index.add(
            &contact(
                "María",
                "Panadería",
                &["Maria@Example.com"],
                &["+34 600 111 222"],
            ),
            Slot::Existing(0),
        );
        let keys = ContactKeys::of(&contact(
            "Ana",
            "",
            &["z@x.org", " maria@example.COM "],
            &[],
        ));
        assert_eq!(
            index.find_keys(&keys),
            Some((Slot::Existing(0), "same email"))
        );
        // The same number with or without its country code, in any punctuation.
        for number in ["(600) 111-222", "0034 600 111 222", "+34600111222"] {
            assert_eq!(
                index.find(&contact("Ana", "", &[], &[number])),
                Some((Slot::Existing(0), "same phone number")),
                "{number}"
            );
        }
        assert_eq!(
            index.find(&contact("Ana", "", &[], &["+34 600 111 223"])),
            None
        );
        // The same last nine digits in another area code are another number.
        index.add(
            &contact("Joe", "", &[], &["212 555 0123"]),
            Slot::Existing(1),
        );
        assert_eq!(
            index.find(&contact("Amy", "", &[], &["312 555 0123"])),
            None
        );
        assert_eq!(
            index.find(&contact("Amy", "", &[], &["+1 (212) 555-0123"])),
            Some((Slot::Existing(1), "same phone number"))
        );
        // A national trunk 0 is not part of the number.
        index.add(
            &contact("Kay", "", &[], &["+44 20 7946 0123"]),
            Slot::Existing(2),
        );
        assert_eq!(
            index.find(&contact("Kay", "", &[], &["020 7946 0123"])),
            Some((Slot::Existing(2), "same phone number"))
        );
        // Same name and company, nothing to tell them apart: the same person.
        let namesake = contact("maria", "panaderia", &[], &[]);
        assert_eq!(
            index.find(&namesake),
            Some((Slot::Existing(0), "same name and company"))
        );
        // Same name and company, but only another email: someone else.
        let other = contact("María", "Panadería", &["other@example.com"], &[]);
        assert_eq!(index.find(&other), None);
        // Added to the contact (a merge), that email finds it from then on.
        index.add_keys(ContactKeys::of(&other), Slot::Existing(0));
        let again = contact(
            "María",
            "Panadería",
            &["other@example.com", "new@example.com"],
            &[],
        );
        assert_eq!(index.find(&again), Some((Slot::Existing(0), "same email")));
        assert_eq!(
            index.find(&contact("María", "Panadería", &[], &["+1 555 0199 77"])),
            None,
            "a phone that differs from the known one says it is someone else"
        );
    }

    #[test]
    fn a_merge_adds_a_number_only_when_it_is_another_number() {
        let mut target = contact("María", "", &[], &["600 111 222"]);
        merge_into(
            &mut target,
            &contact("María", "", &[], &["+34 600 111 222", "+34 600 111 333"]),
        );
        let numbers: Vec<&str> = target.phones.iter().map(|p| p.value.as_str()).collect();
        assert_eq!(numbers, ["600 111 222", "+34 600 111 333"]);
        assert!(same_phone("0034 600 111 222", "600-111-222"));
        assert!(!same_phone("212 555 0123", "312 555 0123"));
        assert!(same_phone("555 01", "55501"), "short numbers compare whole");
    }
}
