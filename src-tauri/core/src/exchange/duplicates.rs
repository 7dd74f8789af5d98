//! Is an incoming contact someone the book already has? Same email, same phone digits, or the
//! same name at the same company. And merging: fill what is empty, add what is new.

use std::collections::HashMap;

use crate::contacts::{display_name, ContactInput};
use crate::search_text::fold;

/// Where a match points: a stored contact or one added earlier in the same import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Existing(usize),
    New(usize),
}

#[derive(Default)]
pub struct DuplicateIndex {
    keys: HashMap<String, Slot>,
}

fn phone_key(value: &str) -> Option<String> {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 6).then(|| format!("t:{digits}"))
}

fn keys(input: &ContactInput) -> Vec<(String, &'static str)> {
    let mut keys = Vec::new();
    for email in &input.emails {
        keys.push((
            format!("e:{}", email.value.trim().to_lowercase()),
            "same email",
        ));
    }
    for phone in &input.phones {
        if let Some(key) = phone_key(&phone.value) {
            keys.push((key, "same phone number"));
        }
    }
    let name = fold(&display_name(input));
    if !name.is_empty() && (!input.given_name.is_empty() || !input.family_name.is_empty()) {
        keys.push((
            format!("n:{name}|{}", fold(&input.company)),
            "same name and company",
        ));
    }
    keys
}

impl DuplicateIndex {
    pub fn add(&mut self, input: &ContactInput, slot: Slot) {
        for (key, _) in keys(input) {
            self.keys.entry(key).or_insert(slot);
        }
    }

    /// The first stored or earlier contact `input` matches, and why.
    pub fn find(&self, input: &ContactInput) -> Option<(Slot, &'static str)> {
        keys(input)
            .into_iter()
            .find_map(|(key, why)| self.keys.get(&key).map(|slot| (*slot, why)))
    }
}

/// Fills `target`'s empty fields from `incoming` and adds its new emails, phones, addresses and
/// tags. Returns whether anything changed.
pub fn merge_into(target: &mut ContactInput, incoming: &ContactInput) -> bool {
    let before = target.clone();
    for (mine, theirs) in [
        (&mut target.given_name, &incoming.given_name),
        (&mut target.family_name, &incoming.family_name),
        (&mut target.prefix, &incoming.prefix),
        (&mut target.nickname, &incoming.nickname),
        (&mut target.company, &incoming.company),
        (&mut target.job_title, &incoming.job_title),
        (&mut target.family, &incoming.family),
        (&mut target.interests, &incoming.interests),
        (&mut target.talking_points, &incoming.talking_points),
        (&mut target.notes, &incoming.notes),
    ] {
        if mine.trim().is_empty() && !theirs.trim().is_empty() {
            mine.clone_from(theirs);
        }
    }
    if target.birthday.is_none() {
        target.birthday = incoming.birthday;
    }
    if target.customer_since.is_none() {
        target.customer_since = incoming.customer_since;
    }
    if target.keep_in_touch_days.is_none() {
        target.keep_in_touch_days = incoming.keep_in_touch_days;
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
