//! Merge fields in templates: `Dear {first_name},` becomes `Dear Ann,`. A field the template
//! names but nobody knows is reported before anything is printed or sent — never output raw.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts::Contact;

/// The fields every template may use, with what each means (shown in the editor).
pub const CONTACT_FIELDS: &[(&str, &str)] = &[
    (
        "first_name",
        "the customer's first name (or nickname when they have one)",
    ),
    ("last_name", "the customer's last name"),
    ("full_name", "the name as shown in Rapport"),
    ("company", "the customer's company"),
    ("job_title", "the customer's job title"),
    (
        "years_as_customer",
        "whole years since they became a customer",
    ),
    ("customer_since_year", "the year they became a customer"),
    ("birthday", "their birthday, e.g. 29 February"),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnknownField {
    pub name: String,
    /// Byte offset in the template, for highlighting.
    pub at: usize,
}

/// Values for one message or card.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeValues {
    values: BTreeMap<String, String>,
}

impl MergeValues {
    pub fn new() -> MergeValues {
        MergeValues::default()
    }

    pub fn set(&mut self, name: &str, value: impl Into<String>) -> &mut MergeValues {
        self.values.insert(name.to_string(), value.into());
        self
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// The contact's fields, as of `today`.
    pub fn for_contact(contact: &Contact, today: NaiveDate) -> MergeValues {
        let f = &contact.fields;
        let mut values = MergeValues::new();
        let first = if f.nickname.trim().is_empty() {
            &f.given_name
        } else {
            &f.nickname
        };
        values
            .set("first_name", first.trim())
            .set("last_name", f.family_name.trim())
            .set("full_name", contact.display_name.as_str())
            .set("company", f.company.trim())
            .set("job_title", f.job_title.trim());
        let years = f
            .customer_since
            .map(|since| whole_years(since, today))
            .unwrap_or(0);
        values.set("years_as_customer", years.to_string());
        values.set(
            "customer_since_year",
            f.customer_since
                .map(|d| d.year().to_string())
                .unwrap_or_default(),
        );
        values.set(
            "birthday",
            f.birthday
                .map(|b| format!("{} {}", b.day, month_name(b.month)))
                .unwrap_or_default(),
        );
        values
    }
}

/// Fields named in `template` that `known` does not contain, in order of appearance.
pub fn unknown_fields(template: &str, known: &[&str]) -> Vec<UnknownField> {
    placeholders(template)
        .into_iter()
        .filter(|(name, _)| !known.contains(&name.as_str()))
        .map(|(name, at)| UnknownField { name, at })
        .collect()
}

/// Fills every `{field}`; `{{` and `}}` stand for literal braces. Unknown fields must have been
/// checked with [`unknown_fields`]; any left are replaced by nothing rather than shown raw. An
/// empty value takes the spaces before it along when punctuation follows, so a customer with
/// no first name reads "Dear," rather than "Dear ,".
pub fn fill(template: &str, values: &MergeValues) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(pos) = rest.find(['{', '}']) {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        if let Some(after) = tail.strip_prefix("{{") {
            out.push('{');
            rest = after;
        } else if let Some(after) = tail.strip_prefix("}}") {
            out.push('}');
            rest = after;
        } else if let Some((name, len)) = field_at(tail) {
            let value = values.get(name).unwrap_or("");
            rest = &tail[len..];
            if value.is_empty() && rest.starts_with([',', '.', '!', '?', ';', ':']) {
                out.truncate(out.trim_end_matches(' ').len());
            }
            out.push_str(value);
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// `{name}` at the start of `text`: the name and the placeholder's length.
fn field_at(text: &str) -> Option<(&str, usize)> {
    let inner = text.strip_prefix('{')?;
    let end = inner.find('}')?;
    let name = &inner[..end];
    let valid = !name.is_empty()
        && name.len() <= 40
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then_some((name, end + 2))
}

fn placeholders(template: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(pos) = template[i..].find(['{', '}']) {
        let at = i + pos;
        let tail = &template[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            i = at + 2;
        } else if let Some((name, len)) = field_at(tail) {
            found.push((name.to_string(), at));
            i = at + len;
        } else {
            i = at + 1;
        }
    }
    found
}

fn whole_years(since: NaiveDate, today: NaiveDate) -> i32 {
    let mut years = today.year() - since.year();
    if (today.month(), today.day()) < (since.month(), since.day()) {
        years -= 1;
    }
    years.max(0)
}

/// Fields filled from the book rather than the contact: the business's name and signature, and
/// the names of the active staff.
pub const BUSINESS_FIELDS: &[(&str, &str)] = &[
    ("business_name", "your business's name (Settings)"),
    ("signature", "your signature (Settings)"),
    (
        "staff_names",
        "the names of your active staff, e.g. Ann, Bo and Cy",
    ),
];

/// The English name of a month (1 = January).
pub fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_fields_and_keeps_escaped_braces() {
        let mut values = MergeValues::new();
        values
            .set("first_name", "Ann")
            .set("company", "Ann's Bakery");
        assert_eq!(
            fill(
                "Dear {first_name} of {company}, {{not a field}} }}",
                &values
            ),
            "Dear Ann of Ann's Bakery, {not a field} }"
        );
    }

    #[test]
    fn reports_unknown_fields_with_their_position() {
        let unknown = unknown_fields(
            "Hi {first_name}, {frist_name}! {{x}} {bad name}",
            &["first_name"],
        );
        assert_eq!(
            unknown,
            [UnknownField {
                name: "frist_name".into(),
                at: 17
            }]
        );
    }

    #[test]
    fn an_empty_value_leaves_no_space_before_punctuation() {
        let mut values = MergeValues::new();
        values.set("first_name", "").set("company", "");
        assert_eq!(
            fill("Dear {first_name},\nthank you  {company}!", &values),
            "Dear,\nthank you!"
        );
        assert_eq!(
            fill("Hello {first_name} and welcome", &values),
            "Hello  and welcome",
            "without punctuation after it the text is left as written"
        );
    }

    #[test]
    fn values_from_text_are_never_merged_again() {
        let mut values = MergeValues::new();
        values.set("first_name", "{company}").set("company", "X");
        assert_eq!(fill("{first_name}", &values), "{company}");
    }

    #[test]
    fn years_as_customer_counts_whole_years() {
        let since = NaiveDate::from_ymd_opt(2020, 12, 1).unwrap();
        assert_eq!(
            whole_years(since, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
            5
        );
        assert_eq!(
            whole_years(since, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
            6
        );
    }
}
