//! The rules an edit must satisfy before it is stored: every field trimmed and checked at once,
//! so the form can show each problem next to its field.

use chrono::{Datelike, NaiveDate};

use super::{
    Birthday, ContactInput, LabeledValue, PostalAddress, MAX_FIELD_CHARS, MAX_KEEP_IN_TOUCH_DAYS,
    MAX_LIST_ITEMS, MAX_NOTE_CHARS, MAX_TAG_CHARS,
};
use crate::error::{Error, FieldError, Invalid};

impl ContactInput {
    /// Trims every field, drops empty list entries and normalises tags, then checks the rules.
    /// Returns every problem at once so the form can show each next to its field.
    pub fn validated(mut self, today: NaiveDate) -> Result<ContactInput, Error> {
        let mut errors = Vec::new();
        for text in [
            &mut self.given_name,
            &mut self.family_name,
            &mut self.prefix,
            &mut self.nickname,
            &mut self.company,
            &mut self.job_title,
        ] {
            if !is_clean_line(text) {
                *text = clean_line(text);
            }
        }
        for text in [
            &mut self.family,
            &mut self.interests,
            &mut self.talking_points,
            &mut self.notes,
        ] {
            *text = text.trim().to_string();
        }
        if self.given_name.is_empty() && self.family_name.is_empty() && self.company.is_empty() {
            errors.push(FieldError::new(
                "givenName",
                "give at least a first name, a last name or a company",
            ));
        }
        for (field, value) in [
            ("givenName", &self.given_name),
            ("familyName", &self.family_name),
            ("prefix", &self.prefix),
            ("nickname", &self.nickname),
            ("company", &self.company),
            ("jobTitle", &self.job_title),
        ] {
            check_len(&mut errors, field, value, MAX_FIELD_CHARS);
        }
        for (field, value) in [
            ("family", &self.family),
            ("interests", &self.interests),
            ("talkingPoints", &self.talking_points),
            ("notes", &self.notes),
        ] {
            check_len(&mut errors, field, value, MAX_NOTE_CHARS);
        }

        self.emails = clean_labeled(std::mem::take(&mut self.emails), "home");
        for (i, email) in self.emails.iter().enumerate() {
            if !looks_like_email(&email.value) {
                errors.push(FieldError::new(
                    format!("emails.{i}"),
                    format!(
                        "\"{}\" is not an email address (it needs one @ and a domain)",
                        email.value
                    ),
                ));
            }
            if too_long(&email.value, MAX_FIELD_CHARS) {
                check_len(
                    &mut errors,
                    &format!("emails.{i}"),
                    &email.value,
                    MAX_FIELD_CHARS,
                );
            }
        }
        self.phones = clean_labeled(std::mem::take(&mut self.phones), "mobile");
        for (i, phone) in self.phones.iter().enumerate() {
            let digits = phone.value.chars().filter(char::is_ascii_digit).count();
            let allowed = phone
                .value
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()./".contains(c) || c == 'x' || c == 'X');
            if digits < 3 || !allowed {
                errors.push(FieldError::new(
                    format!("phones.{i}"),
                    format!(
                        "\"{}\" is not a phone number (digits, spaces, + - ( ) . only)",
                        phone.value
                    ),
                ));
            }
            if too_long(&phone.value, 60) {
                check_len(&mut errors, &format!("phones.{i}"), &phone.value, 60);
            }
        }
        self.addresses = std::mem::take(&mut self.addresses)
            .into_iter()
            .map(|a| PostalAddress {
                label: clean_label(&a.label, "home"),
                street: a.street.trim().to_string(),
                city: clean_line(&a.city),
                region: clean_line(&a.region),
                postal_code: clean_line(&a.postal_code),
                country: clean_line(&a.country),
            })
            .filter(|a| !a.is_empty())
            .collect();
        for (i, a) in self.addresses.iter().enumerate() {
            for value in [&a.street, &a.city, &a.region, &a.postal_code, &a.country] {
                if too_long(value, MAX_FIELD_CHARS) {
                    check_len(
                        &mut errors,
                        &format!("addresses.{i}"),
                        value,
                        MAX_FIELD_CHARS,
                    );
                }
            }
        }
        for (field, count) in [
            ("emails", self.emails.len()),
            ("phones", self.phones.len()),
            ("addresses", self.addresses.len()),
        ] {
            if count > MAX_LIST_ITEMS {
                errors.push(FieldError::new(
                    field,
                    format!("at most {MAX_LIST_ITEMS} entries"),
                ));
            }
        }

        if let Some(b) = self.birthday {
            if let Err(reason) = Birthday::new(b.year, b.month, b.day) {
                errors.push(FieldError::new("birthday", reason));
            } else if let Some(y) = b.year {
                if NaiveDate::from_ymd_opt(y, b.month, b.day).is_some_and(|d| d > today) {
                    errors.push(FieldError::new(
                        "birthday",
                        "this birthday is in the future",
                    ));
                }
            }
        }
        if let Some(since) = self.customer_since {
            if since > today {
                errors.push(FieldError::new(
                    "customerSince",
                    "this date is in the future",
                ));
            } else if since.year() < 1900 {
                errors.push(FieldError::new(
                    "customerSince",
                    "this date is too far in the past",
                ));
            }
        }
        if let Some(days) = self.keep_in_touch_days {
            if days == 0 || days > MAX_KEEP_IN_TOUCH_DAYS {
                errors.push(FieldError::new(
                    "keepInTouchDays",
                    format!(
                        "choose between 1 and {MAX_KEEP_IN_TOUCH_DAYS} days, or leave it empty"
                    ),
                ));
            }
        }
        match normalize_tags(&self.tags) {
            Ok(tags) => self.tags = tags,
            Err(reason) => errors.push(FieldError::new("tags", reason)),
        }
        Error::from_field_errors(errors)?;
        Ok(self)
    }
}

/// Tags are short single-line labels, kept as the owner wrote them; "VIP" and "vip" are one tag.
pub fn normalize_tags(tags: &[String]) -> Result<Vec<String>, Invalid> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = clean_line(tag.trim_start_matches('#'));
        if tag.is_empty() {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(Invalid(format!(
                "a tag can be at most {MAX_TAG_CHARS} characters"
            )));
        }
        if tag.contains(',') {
            return Err(Invalid(format!("\"{tag}\": a tag cannot contain a comma")));
        }
        if !out.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            out.push(tag);
        }
    }
    if out.len() > 50 {
        return Err("at most 50 tags on one contact".into());
    }
    Ok(out)
}

/// One line of text: control characters (a pasted tab or newline in a name) become spaces, runs
/// of spaces become one.
pub fn clean_line(text: &str) -> String {
    if is_clean_line(text) {
        return text.to_string();
    }
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `clean_line` would leave `text` as it is: no control characters, no whitespace but
/// single spaces between words. Most text is, and is then not copied.
fn is_clean_line(text: &str) -> bool {
    let mut after_space = true;
    for c in text.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if c.is_whitespace() || c.is_control() {
            return false;
        } else {
            after_space = false;
        }
    }
    !after_space || text.is_empty()
}

fn clean_label(label: &str, default: &str) -> String {
    // Already clean, short, lowercase ASCII ("home", "work"): as it is.
    if !label.is_empty()
        && label.len() <= 30
        && label
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        && is_clean_line(label)
    {
        return label.to_string();
    }
    let label = clean_line(label).to_lowercase();
    if label.is_empty() {
        default.to_string()
    } else {
        label.chars().take(30).collect()
    }
}

fn clean_labeled(values: Vec<LabeledValue>, default_label: &str) -> Vec<LabeledValue> {
    values
        .into_iter()
        .map(|v| LabeledValue {
            label: clean_label(&v.label, default_label),
            value: if is_clean_line(&v.value) {
                v.value
            } else {
                clean_line(&v.value)
            },
        })
        .filter(|v| !v.value.is_empty())
        .collect()
}

fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>' || c == ',')
}

/// More than `max` characters (cheap: a byte count settles most cases).
fn too_long(value: &str, max: usize) -> bool {
    value.len() > max && value.chars().count() > max
}

pub(super) fn check_len(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize) {
    let count = value.chars().count();
    if count > max {
        errors.push(FieldError::new(
            field,
            format!("too long: {count} characters, at most {max}"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contacts::display_name;

    #[test]
    fn text_left_as_it_is_is_exactly_what_cleaning_would_give() {
        let slow = |text: &str| {
            text.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        for text in [
            "",
            " ",
            "Ann",
            "Ann Lee",
            "Ann  Lee",
            " Ann",
            "Ann ",
            "Ann\tLee",
            "Ann\u{a0}Lee",
            "Ann\u{3000}Lee",
            "Ann\u{7}Lee",
            "王小明",
            "Ω ω",
        ] {
            assert_eq!(clean_line(text), slow(text), "{text:?}");
            assert_eq!(is_clean_line(text), slow(text) == text, "{text:?}");
        }
        assert_eq!(clean_label("Work", "home"), "work");
        assert_eq!(clean_label("  ", "home"), "home");
        assert_eq!(clean_label("ǅ", "home"), "ǆ");
        assert_eq!(clean_label("work", "home"), "work");
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn birthday_parses_both_forms_and_refuses_impossible_days() {
        assert_eq!(
            Birthday::parse("1980-02-29"),
            Ok(Birthday {
                year: Some(1980),
                month: 2,
                day: 29
            })
        );
        assert_eq!(
            Birthday::parse("--02-29"),
            Ok(Birthday {
                year: None,
                month: 2,
                day: 29
            })
        );
        assert!(Birthday::parse("1981-02-29").is_err());
        assert!(Birthday::parse("2020-02-31")
            .unwrap_err()
            .0
            .contains("not a date"));
        assert!(Birthday::parse("--13-01").is_err());
        assert!(Birthday::parse("yesterday").is_err());
    }

    #[test]
    fn leap_day_birthday_is_celebrated_on_28_february_in_other_years() {
        let leapling = Birthday {
            year: Some(1996),
            month: 2,
            day: 29,
        };
        assert_eq!(leapling.in_year(2027), day(2027, 2, 28));
        assert_eq!(leapling.in_year(2028), day(2028, 2, 29));
        assert_eq!(leapling.next_on_or_after(day(2027, 3, 1)), day(2028, 2, 29));
    }

    #[test]
    fn validation_reports_every_bad_field_at_once() {
        let input = ContactInput {
            given_name: "Ann".into(),
            emails: vec![LabeledValue {
                label: "".into(),
                value: "ann-at-example".into(),
            }],
            phones: vec![LabeledValue {
                label: "".into(),
                value: "call me".into(),
            }],
            keep_in_touch_days: Some(0),
            ..Default::default()
        };
        let Err(Error::Invalid(errors)) = input.validated(day(2026, 1, 1)) else {
            panic!("expected field errors");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["emails.0", "phones.0", "keepInTouchDays"]);
    }

    #[test]
    fn names_are_cleaned_to_one_line_and_cjk_names_put_family_first() {
        let input = ContactInput {
            given_name: " Eve\r\nBcc: x ".into(),
            ..Default::default()
        }
        .validated(day(2026, 1, 1))
        .unwrap();
        assert_eq!(input.given_name, "Eve Bcc: x");
        let chinese = ContactInput {
            given_name: "小明".into(),
            family_name: "王".into(),
            ..Default::default()
        };
        assert_eq!(display_name(&chinese), "王小明");
        let western = ContactInput {
            prefix: "Dr.".into(),
            given_name: "Ann".into(),
            family_name: "Lee".into(),
            ..Default::default()
        };
        assert_eq!(display_name(&western), "Dr. Ann Lee");
    }

    #[test]
    fn tags_ignore_case_duplicates_and_hash_signs() {
        let tags =
            normalize_tags(&["VIP".into(), "#vip".into(), " regular ".into(), "".into()]).unwrap();
        assert_eq!(tags, ["VIP", "regular"]);
    }
}
