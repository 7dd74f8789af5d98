//! Is an incoming contact someone the book already has? Same email, same phone digits, or the
//! same name at the same company — unless the row's own email or phone says it is someone else
//! (two "Maria Garcia"s at one company with different addresses are two people). And merging:
//! fill what is empty (or take the values the owner picked), add what is new.

use std::collections::HashMap;

use crate::contacts::merging::{phone_digits, PHONE_TAIL_DIGITS};
use crate::contacts::{display_name, same_number, ContactInput};
pub use crate::contacts::{merge_into, merge_with_picks, same_phone, FieldPick, MergeField};
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
