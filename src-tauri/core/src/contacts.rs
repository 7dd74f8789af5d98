//! Contacts, their companies, tags and timeline: the types the window, the CLI and the store share,
//! and the rules an edit must satisfy before it is stored.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldError};

/// Longest text a single field accepts. Generous for any real name or note, small enough that a
/// pasted novel is refused with a message instead of slowing every search.
pub const MAX_FIELD_CHARS: usize = 500;
/// Notes and the personal-detail fields hold more.
pub const MAX_NOTE_CHARS: usize = 20_000;
pub const MAX_TAG_CHARS: usize = 60;
pub const MAX_LIST_ITEMS: usize = 20;
pub const MAX_KEEP_IN_TOUCH_DAYS: u32 = 3650;

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

/// A birthday; the year is optional because customers often tell the day but not the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Birthday {
    pub month: u32,
    pub day: u32,
    pub year: Option<i32>,
}

impl Birthday {
    /// Checks the date exists: 31 February is refused, 29 February only in a leap year (or
    /// without a year, since someone born on 29 February has a birthday all the same).
    pub fn new(year: Option<i32>, month: u32, day: u32) -> Result<Birthday, String> {
        if !(1..=12).contains(&month) {
            return Err(format!("month {month} does not exist; use 1 to 12"));
        }
        let check_year = year.unwrap_or(2000); // 2000 is a leap year: allows 29 February
        if let Some(y) = year {
            if !(1900..=2100).contains(&y) {
                return Err(format!("the year {y} is not plausible for a birthday"));
            }
        }
        if NaiveDate::from_ymd_opt(check_year, month, day).is_none() {
            return Err(match year {
                Some(y) => format!("{y}-{month:02}-{day:02} is not a date in the calendar"),
                None => format!("--{month:02}-{day:02} is not a day in the calendar"),
            });
        }
        Ok(Birthday { month, day, year })
    }

    /// Parses `YYYY-MM-DD` or `--MM-DD` (the vCard form for a birthday without a year).
    pub fn parse(text: &str) -> Result<Birthday, String> {
        let text = text.trim();
        let bad =
            || format!("\"{text}\" is not a birthday; write YYYY-MM-DD, or --MM-DD without a year");
        if let Some(rest) = text.strip_prefix("--") {
            let (m, d) = rest.split_once('-').ok_or_else(bad)?;
            let month = m.parse().map_err(|_| bad())?;
            let day = d.parse().map_err(|_| bad())?;
            return Birthday::new(None, month, day);
        }
        let mut parts = text.splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if y.len() != 4 {
            return Err(bad());
        }
        Birthday::new(
            Some(y.parse().map_err(|_| bad())?),
            m.parse().map_err(|_| bad())?,
            d.parse().map_err(|_| bad())?,
        )
    }

    /// The date this birthday falls on in `year`; 29 February is celebrated on 28 February in a
    /// year without one (the common custom, and the day before is kinder than the day after).
    pub fn in_year(&self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month, self.day.saturating_sub(1)))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The next celebration on or after `today`.
    pub fn next_on_or_after(&self, today: NaiveDate) -> NaiveDate {
        let this_year = self.in_year(today.year());
        if this_year >= today {
            this_year
        } else {
            self.in_year(today.year() + 1)
        }
    }

    pub fn to_text(&self) -> String {
        match self.year {
            Some(y) => format!("{y:04}-{:02}-{:02}", self.month, self.day),
            None => format!("--{:02}-{:02}", self.month, self.day),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TouchpointKind {
    Call,
    Email,
    Meeting,
    Purchase,
    Compliment,
    Complaint,
    Note,
    /// Recorded by the app when a welcome message went out.
    WelcomeSent,
    /// Recorded by the app when a card was printed and sent.
    CardSent,
}

impl TouchpointKind {
    /// The kinds the owner logs by hand.
    pub const LOGGABLE: [TouchpointKind; 7] = [
        TouchpointKind::Call,
        TouchpointKind::Email,
        TouchpointKind::Meeting,
        TouchpointKind::Purchase,
        TouchpointKind::Compliment,
        TouchpointKind::Complaint,
        TouchpointKind::Note,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TouchpointKind::Call => "call",
            TouchpointKind::Email => "email",
            TouchpointKind::Meeting => "meeting",
            TouchpointKind::Purchase => "purchase",
            TouchpointKind::Compliment => "compliment",
            TouchpointKind::Complaint => "complaint",
            TouchpointKind::Note => "note",
            TouchpointKind::WelcomeSent => "welcome_sent",
            TouchpointKind::CardSent => "card_sent",
        }
    }

    pub fn parse(text: &str) -> Result<TouchpointKind, String> {
        TouchpointKind::LOGGABLE
            .into_iter()
            .chain([TouchpointKind::WelcomeSent, TouchpointKind::CardSent])
            .find(|kind| kind.as_str().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = TouchpointKind::LOGGABLE
                    .iter()
                    .map(|k| k.as_str())
                    .collect();
                format!(
                    "\"{text}\" is not a kind of touchpoint; use one of {}",
                    names.join(", ")
                )
            })
    }

    /// A note does not count as being in touch with the customer; everything else does.
    pub fn counts_as_contact(self) -> bool {
        self != TouchpointKind::Note
    }
}

/// One dated event on a contact's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Touchpoint {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub contact_id: i64,
    pub kind: TouchpointKind,
    pub happened_on: NaiveDate,
    pub note: String,
    /// Who on the staff handled it.
    pub handled_by: String,
    /// For complaints: has it been put right? Always false for other kinds.
    pub resolved: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewTouchpoint {
    pub kind: TouchpointKind,
    pub happened_on: NaiveDate,
    pub note: String,
    pub handled_by: String,
}

impl NewTouchpoint {
    pub fn validate(&self, today: NaiveDate) -> Result<(), Error> {
        let mut errors = Vec::new();
        check_len(&mut errors, "note", &self.note, MAX_NOTE_CHARS);
        check_len(&mut errors, "handledBy", &self.handled_by, MAX_FIELD_CHARS);
        if self.happened_on > today + chrono::Days::new(1) {
            errors.push(FieldError::new(
                "happenedOn",
                "this date is in the future; log what already happened",
            ));
        }
        if self.happened_on.year() < 1900 {
            errors.push(FieldError::new(
                "happenedOn",
                "this date is too far in the past",
            ));
        }
        Error::from_field_errors(errors)
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
    pub timeline: Vec<Touchpoint>,
}

/// A contact removed for good, kept whole so the deletion can be undone during the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeletedContact {
    pub contact: Contact,
    pub timeline: Vec<Touchpoint>,
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

/// Tags are short single-line labels, kept as the owner wrote them; "VIP" and "vip" are one tag.
pub fn normalize_tags(tags: &[String]) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = clean_line(tag.trim_start_matches('#'));
        if tag.is_empty() {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(format!("a tag can be at most {MAX_TAG_CHARS} characters"));
        }
        if tag.contains(',') {
            return Err(format!("\"{tag}\": a tag cannot contain a comma"));
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

fn check_len(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize) {
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
