//! The card calendar: built-in holidays with their rules (fixed day, nth weekday of a month,
//! days from Easter), per-contact dates (birthday, "customer since" anniversary), and the owner's
//! own occasions. Every rule computes its date for any year, so "the next one" is always known.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::book::MAX_BULK;
use crate::contacts::MAX_FIELD_CHARS;
use crate::error::{Error, FieldError, Result};
use crate::merge::month_name;
use crate::Book;

/// How far ahead Today looks for the next card occasion.
pub const OCCASION_WINDOW_DAYS: u32 = 30;
/// Longest name of an owner's occasion.
pub const MAX_OCCASION_NAME_CHARS: usize = 80;
/// The owner's own occasions are ids `custom-<n>`.
pub const CUSTOM_PREFIX: &str = "custom-";

/// What a card design is made for: the card designs are chosen by this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum OccasionKind {
    NewYear,
    Valentine,
    AprilFools,
    MothersDay,
    FathersDay,
    NationalDay,
    Thanksgiving,
    Halloween,
    /// Christmas and the end-of-year "season's greetings".
    Winter,
    Birthday,
    Anniversary,
    /// The owner's own occasions: a general-purpose design.
    General,
}

impl OccasionKind {
    pub const ALL: [OccasionKind; 12] = [
        OccasionKind::NewYear,
        OccasionKind::Valentine,
        OccasionKind::AprilFools,
        OccasionKind::MothersDay,
        OccasionKind::FathersDay,
        OccasionKind::NationalDay,
        OccasionKind::Thanksgiving,
        OccasionKind::Halloween,
        OccasionKind::Winter,
        OccasionKind::Birthday,
        OccasionKind::Anniversary,
        OccasionKind::General,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OccasionKind::NewYear => "newYear",
            OccasionKind::Valentine => "valentine",
            OccasionKind::AprilFools => "aprilFools",
            OccasionKind::MothersDay => "mothersDay",
            OccasionKind::FathersDay => "fathersDay",
            OccasionKind::NationalDay => "nationalDay",
            OccasionKind::Thanksgiving => "thanksgiving",
            OccasionKind::Halloween => "halloween",
            OccasionKind::Winter => "winter",
            OccasionKind::Birthday => "birthday",
            OccasionKind::Anniversary => "anniversary",
            OccasionKind::General => "general",
        }
    }

    pub fn parse(text: &str) -> Option<OccasionKind> {
        OccasionKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// A day of the week, as rules name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    fn chrono(self) -> chrono::Weekday {
        match self {
            Weekday::Mon => chrono::Weekday::Mon,
            Weekday::Tue => chrono::Weekday::Tue,
            Weekday::Wed => chrono::Weekday::Wed,
            Weekday::Thu => chrono::Weekday::Thu,
            Weekday::Fri => chrono::Weekday::Fri,
            Weekday::Sat => chrono::Weekday::Sat,
            Weekday::Sun => chrono::Weekday::Sun,
        }
    }

    /// 0 = Monday … 6 = Sunday, as the store keeps it.
    pub fn index(self) -> u32 {
        self.chrono().num_days_from_monday()
    }

    pub fn from_index(index: u32) -> Option<Weekday> {
        Weekday::ALL.get(index as usize).copied()
    }

    /// "thu", "Thursday", "THURS" — the first three letters decide.
    pub fn parse(text: &str) -> Result<Weekday, String> {
        let folded = text.trim().to_lowercase();
        let prefix: String = folded.chars().take(3).collect();
        Weekday::ALL
            .into_iter()
            .find(|w| prefix.len() == 3 && w.short() == prefix)
            .ok_or_else(|| {
                format!(
                    "\"{}\" is not a day of the week; use mon, tue, wed, thu, fri, sat or sun",
                    text.trim()
                )
            })
    }

    fn short(self) -> &'static str {
        match self {
            Weekday::Mon => "mon",
            Weekday::Tue => "tue",
            Weekday::Wed => "wed",
            Weekday::Thu => "thu",
            Weekday::Fri => "fri",
            Weekday::Sat => "sat",
            Weekday::Sun => "sun",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Weekday::Mon => "Monday",
            Weekday::Tue => "Tuesday",
            Weekday::Wed => "Wednesday",
            Weekday::Thu => "Thursday",
            Weekday::Fri => "Friday",
            Weekday::Sat => "Saturday",
            Weekday::Sun => "Sunday",
        }
    }
}

/// When an occasion falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum OccasionRule {
    /// The same day every year. 29 February falls on 28 February in a common year.
    Fixed { month: u32, day: u32 },
    /// The nth weekday of a month: `nth` 1 to 4, or -1 for the last one.
    NthWeekday {
        nth: i32,
        weekday: Weekday,
        month: u32,
    },
    /// Days from Easter Sunday (Western, Gregorian): -21 is Mothering Sunday.
    EasterOffset { days: i32 },
    /// Once, on this day.
    OneOff { date: NaiveDate },
    /// Each contact's birthday.
    ContactBirthday,
    /// Each contact's "customer since" day, from the first full year on.
    CustomerAnniversary,
}

impl OccasionRule {
    /// Checks a rule the owner typed: the month and day exist, nth is 1–4 or last.
    pub fn validate(&self) -> Result<(), String> {
        match *self {
            OccasionRule::Fixed { month, day } => {
                if !(1..=12).contains(&month) {
                    return Err(format!("month {month} does not exist; use 1 to 12"));
                }
                // 2000 is a leap year: 29 February is a valid yearly day.
                if NaiveDate::from_ymd_opt(2000, month, day).is_none() {
                    return Err(format!("{month:02}-{day:02} is not a day in the calendar"));
                }
                Ok(())
            }
            OccasionRule::NthWeekday { nth, month, .. } => {
                if !(1..=12).contains(&month) {
                    return Err(format!("month {month} does not exist; use 1 to 12"));
                }
                if !(nth == -1 || (1..=4).contains(&nth)) {
                    return Err(format!(
                        "\"{nth}\" cannot be used: choose the 1st to 4th, or last (-1), weekday of the month"
                    ));
                }
                Ok(())
            }
            OccasionRule::EasterOffset { days } => {
                if days.abs() > 100 {
                    return Err("choose at most 100 days from Easter".into());
                }
                Ok(())
            }
            OccasionRule::OneOff { date } => {
                if !(1900..=2200).contains(&date.year()) {
                    return Err(format!("{date} is too far from today to plan a card for"));
                }
                Ok(())
            }
            OccasionRule::ContactBirthday | OccasionRule::CustomerAnniversary => Ok(()),
        }
    }

    /// The date in `year`, or None for a one-off in another year and for per-contact dates.
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        match *self {
            OccasionRule::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day)
                .or_else(|| NaiveDate::from_ymd_opt(year, month, day.saturating_sub(1))),
            OccasionRule::NthWeekday {
                nth,
                weekday,
                month,
            } => nth_weekday(year, month, weekday, nth),
            OccasionRule::EasterOffset { days } => {
                let easter = easter_sunday(year)?;
                easter.checked_add_signed(chrono::Duration::days(days.into()))
            }
            OccasionRule::OneOff { date } => (date.year() == year).then_some(date),
            OccasionRule::ContactBirthday | OccasionRule::CustomerAnniversary => None,
        }
    }

    /// The first date on or after `from`; None when it has passed for good (a one-off) or
    /// depends on each contact.
    pub fn next_on_or_after(&self, from: NaiveDate) -> Option<NaiveDate> {
        if let OccasionRule::OneOff { date } = *self {
            return (date >= from).then_some(date);
        }
        [from.year(), from.year() + 1]
            .into_iter()
            .filter_map(|y| self.date_in(y))
            .find(|d| *d >= from)
    }

    /// Whether each contact has their own date.
    pub fn per_contact(&self) -> bool {
        matches!(
            self,
            OccasionRule::ContactBirthday | OccasionRule::CustomerAnniversary
        )
    }

    /// The rule in words: "4th Thursday of November".
    pub fn describe(&self) -> String {
        match *self {
            OccasionRule::Fixed { month, day } => {
                format!("every year on {day} {}", month_name(month))
            }
            OccasionRule::NthWeekday {
                nth,
                weekday,
                month,
            } => {
                let which = match nth {
                    -1 => "last",
                    1 => "1st",
                    2 => "2nd",
                    3 => "3rd",
                    _ => "4th",
                };
                format!("{which} {} of {}", weekday.name(), month_name(month))
            }
            OccasionRule::EasterOffset { days } => match days {
                0 => "Easter Sunday".into(),
                d if d < 0 && d % 7 == 0 => format!("{} weeks before Easter Sunday", -d / 7),
                d if d < 0 => format!("{} days before Easter Sunday", -d),
                d => format!("{d} days after Easter Sunday"),
            },
            OccasionRule::OneOff { date } => format!("once, on {}", date.format("%-d %B %Y")),
            OccasionRule::ContactBirthday => "each contact's birthday".into(),
            OccasionRule::CustomerAnniversary => {
                "each contact's anniversary of being a customer".into()
            }
        }
    }
}

/// The `nth` (1–5, or -1 for last) `weekday` of `month` in `year`.
pub fn nth_weekday(year: i32, month: u32, weekday: Weekday, nth: i32) -> Option<NaiveDate> {
    if nth == -1 {
        let (next_y, next_m) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        let last = NaiveDate::from_ymd_opt(next_y, next_m, 1)?.pred_opt()?;
        let back = (7 + last.weekday().num_days_from_monday() - weekday.index()) % 7;
        return last.checked_sub_days(Days::new(back.into()));
    }
    let n = u8::try_from(nth).ok().filter(|n| (1..=5).contains(n))?;
    NaiveDate::from_weekday_of_month_opt(year, month, weekday.chrono(), n)
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, also known as
/// Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// One occasion: built in, or the owner's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Occasion {
    /// Stable: "thanksgiving-us", "birthday", "custom-12".
    pub id: String,
    pub name: String,
    pub kind: OccasionKind,
    pub rule: OccasionRule,
    /// The rule in words.
    pub description: String,
    /// Where it is kept: "US", "Canada", "UK"; empty when everywhere.
    pub region: String,
    /// Added by the owner (can be removed).
    pub custom: bool,
}

impl Occasion {
    pub fn new(
        id: &str,
        name: &str,
        kind: OccasionKind,
        rule: OccasionRule,
        region: &str,
    ) -> Occasion {
        Occasion {
            id: id.into(),
            name: name.into(),
            kind,
            description: rule.describe(),
            rule,
            region: region.into(),
            custom: false,
        }
    }

    /// The numeric id of an owner's occasion, from "custom-12".
    pub fn custom_number(id: &str) -> Option<i64> {
        id.strip_prefix(CUSTOM_PREFIX)?.parse().ok()
    }
}

/// The built-in calendar, in the order of the year.
pub fn built_in() -> Vec<Occasion> {
    use OccasionKind as K;
    use OccasionRule as R;
    let fixed = |month, day| R::Fixed { month, day };
    let nth = |nth, weekday, month| R::NthWeekday {
        nth,
        weekday,
        month,
    };
    vec![
        Occasion::new("new-year", "New Year", K::NewYear, fixed(1, 1), ""),
        Occasion::new(
            "valentines-day",
            "Valentine's Day",
            K::Valentine,
            fixed(2, 14),
            "",
        ),
        Occasion::new(
            "mothering-sunday-uk",
            "Mothering Sunday",
            K::MothersDay,
            R::EasterOffset { days: -21 },
            "UK",
        ),
        Occasion::new(
            "april-fools-day",
            "April Fool's Day",
            K::AprilFools,
            fixed(4, 1),
            "",
        ),
        Occasion::new(
            "mothers-day-us",
            "Mother's Day",
            K::MothersDay,
            nth(2, Weekday::Sun, 5),
            "US, Canada",
        ),
        Occasion::new(
            "fathers-day",
            "Father's Day",
            K::FathersDay,
            nth(3, Weekday::Sun, 6),
            "US, Canada, UK",
        ),
        Occasion::new(
            "canada-day",
            "Canada Day",
            K::NationalDay,
            fixed(7, 1),
            "Canada",
        ),
        Occasion::new(
            "independence-day-us",
            "Independence Day",
            K::NationalDay,
            fixed(7, 4),
            "US",
        ),
        Occasion::new(
            "thanksgiving-ca",
            "Thanksgiving (Canada)",
            K::Thanksgiving,
            nth(2, Weekday::Mon, 10),
            "Canada",
        ),
        Occasion::new("halloween", "Halloween", K::Halloween, fixed(10, 31), ""),
        Occasion::new(
            "thanksgiving-us",
            "Thanksgiving",
            K::Thanksgiving,
            nth(4, Weekday::Thu, 11),
            "US",
        ),
        Occasion::new(
            "seasons-greetings",
            "Season's Greetings",
            K::Winter,
            fixed(12, 24),
            "",
        ),
        Occasion::new("christmas", "Christmas", K::Winter, fixed(12, 25), ""),
        Occasion::new("birthday", "Birthday", K::Birthday, R::ContactBirthday, ""),
        Occasion::new(
            "customer-anniversary",
            "Customer anniversary",
            K::Anniversary,
            R::CustomerAnniversary,
            "",
        ),
    ]
}

/// An occasion the owner adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewOccasion {
    pub name: String,
    pub rule: OccasionRule,
    /// The design family; General when not given.
    pub kind: Option<OccasionKind>,
}

impl NewOccasion {
    /// Trims the name and checks the rule; per-contact and Easter rules are built-in only.
    pub fn validated(self) -> Result<NewOccasion, Error> {
        let mut errors = Vec::new();
        let name = crate::contacts::clean_line(&self.name);
        if name.is_empty() {
            errors.push(FieldError::new("name", "give the occasion a name"));
        } else if name.chars().count() > MAX_OCCASION_NAME_CHARS.min(MAX_FIELD_CHARS) {
            errors.push(FieldError::new(
                "name",
                format!("use at most {MAX_OCCASION_NAME_CHARS} characters"),
            ));
        }
        match self.rule {
            OccasionRule::Fixed { .. } | OccasionRule::NthWeekday { .. } | OccasionRule::OneOff { .. } => {
                if let Err(reason) = self.rule.validate() {
                    errors.push(FieldError::new("rule", reason));
                }
            }
            _ => errors.push(FieldError::new(
                "rule",
                "an occasion of your own is a fixed day, an nth weekday of a month, or a single date",
            )),
        }
        Error::from_field_errors(errors)?;
        Ok(NewOccasion { name, ..self })
    }
}

/// Who a calendar holiday's cards are counted for on Today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CardCountBasis {
    /// Active contacts with a postal address not marked undeliverable.
    ActiveWithAddress,
    /// Active contacts whose birthday falls in the coming window.
    BirthdaysInWindow,
    /// Active contacts whose customer anniversary falls in the coming window.
    AnniversariesInWindow,
}

/// An occasion with its next date, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpcomingOccasion {
    pub occasion: Occasion,
    /// The next date on or after the day asked for; for per-contact occasions the soonest
    /// contact's date; None when it will not come again (a past one-off, nobody with a date).
    pub next: Option<NaiveDate>,
    pub in_days: Option<u32>,
}

/// The occasion Today points at, with how many cards it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NextOccasion {
    pub occasion: Occasion,
    pub date: NaiveDate,
    pub in_days: u32,
    #[ts(type = "number")]
    pub card_count: i64,
    pub count_basis: CardCountBasis,
}

/// Who receives the cards of one batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum Recipients {
    /// Every active contact.
    Everyone,
    /// Active contacts with this tag.
    Tag { tag: String },
    /// Hand-picked contacts.
    Picked {
        #[ts(type = "number[]")]
        ids: Vec<i64>,
    },
    /// Active contacts whose birthday is in the calendar month after today's.
    BirthdaysNextMonth,
    /// Active contacts whose birthday falls in the next `days` days.
    BirthdaysWithin { days: u32 },
    /// Active contacts whose customer anniversary falls in the next `days` days.
    AnniversariesWithin { days: u32 },
}

/// The result of recording a batch as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordedBatch {
    pub recorded: u32,
    pub note: String,
    pub happened_on: NaiveDate,
}

/// Orders listed occasions: those with a next date soonest first, then the rest by name.
pub fn sort_upcoming(list: &mut [UpcomingOccasion]) {
    list.sort_by(|a, b| match (a.next, b.next) {
        (Some(x), Some(y)) => x
            .cmp(&y)
            .then_with(|| a.occasion.name.cmp(&b.occasion.name)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.occasion.name.cmp(&b.occasion.name),
    });
}

/// Days from `from` to `date` (0 when the same day or earlier).
pub fn days_between(from: NaiveDate, date: NaiveDate) -> u32 {
    u32::try_from((date - from).num_days()).unwrap_or(0)
}

/// The next anniversary of becoming a customer on or after `from` (the first one a year after).
pub fn next_anniversary(since: NaiveDate, from: NaiveDate) -> Option<NaiveDate> {
    let rule = OccasionRule::Fixed {
        month: since.month(),
        day: since.day(),
    };
    let first = rule.date_in(since.year() + 1)?;
    let next = rule.next_on_or_after(from)?;
    Some(next.max(first))
}

impl Book {
    /// Every occasion (built in, then the owner's), each with its next date on or after `from`,
    /// soonest first.
    pub fn occasions(&self, from: NaiveDate) -> Result<Vec<UpcomingOccasion>> {
        let mut all = built_in();
        all.extend(self.store().custom_occasions()?);
        let mut list = Vec::with_capacity(all.len());
        for occasion in all {
            let next = match occasion.rule {
                OccasionRule::ContactBirthday => self.store().next_birthday_of_anyone(from)?,
                OccasionRule::CustomerAnniversary => {
                    self.store().next_anniversary_of_anyone(from)?
                }
                rule => rule.next_on_or_after(from),
            };
            list.push(UpcomingOccasion {
                in_days: next.map(|d| days_between(from, d)),
                next,
                occasion,
            });
        }
        sort_upcoming(&mut list);
        Ok(list)
    }

    /// One occasion by id ("thanksgiving-us", "custom-3").
    pub fn occasion(&self, id: &str) -> Result<Occasion> {
        let id = id.trim();
        if let Some(found) = built_in().into_iter().find(|o| o.id == id) {
            return Ok(found);
        }
        self.store()
            .custom_occasions()?
            .into_iter()
            .find(|o| o.id == id)
            .ok_or_else(|| Error::not_found(format!("The occasion \"{id}\"")))
    }

    /// Adds an occasion of the owner's own.
    pub fn add_occasion(&mut self, new: NewOccasion) -> Result<Occasion> {
        let new = new.validated()?;
        self.store_mut().insert_occasion(&new)
    }

    /// Removes an occasion of the owner's own; built-in ones cannot be removed.
    pub fn remove_occasion(&mut self, id: &str) -> Result<()> {
        let id = id.trim();
        if built_in().iter().any(|o| o.id == id) {
            return Err(Error::invalid(
                "id",
                format!("\"{id}\" is built in and cannot be removed; only your own occasions (custom-N) can"),
            ));
        }
        let number = Occasion::custom_number(id).ok_or_else(|| {
            Error::invalid(
                "id",
                format!(
                    "\"{id}\" is not an occasion id; `rapport occasions` lists them (custom-N)"
                ),
            )
        })?;
        self.store_mut().delete_occasion(number)
    }

    /// The occasion Today points at: the soonest calendar (or own) occasion within
    /// [`OCCASION_WINDOW_DAYS`], counted as active contacts with a postal address; when no
    /// holiday is that close, the birthdays (or customer anniversaries) in the window.
    pub fn next_occasion(&self, today: NaiveDate) -> Result<Option<NextOccasion>> {
        let calendar = self.occasions(today)?.into_iter().find(|u| {
            !u.occasion.rule.per_contact() && u.in_days.is_some_and(|d| d < OCCASION_WINDOW_DAYS)
        });
        if let Some(UpcomingOccasion {
            occasion,
            next: Some(date),
            in_days: Some(in_days),
        }) = calendar
        {
            return Ok(Some(NextOccasion {
                occasion,
                date,
                in_days,
                card_count: self.store().mailable_contact_count()?,
                count_basis: CardCountBasis::ActiveWithAddress,
            }));
        }
        let birthdays = self
            .store()
            .birthday_ids_within(today, OCCASION_WINDOW_DAYS)?;
        let anniversaries = self
            .store()
            .anniversary_ids_within(today, OCCASION_WINDOW_DAYS)?;
        let (id, found, basis) = if birthdays.len() >= anniversaries.len() {
            ("birthday", birthdays, CardCountBasis::BirthdaysInWindow)
        } else {
            (
                "customer-anniversary",
                anniversaries,
                CardCountBasis::AnniversariesInWindow,
            )
        };
        let Some((_, date)) = found.first().copied() else {
            return Ok(None);
        };
        Ok(Some(NextOccasion {
            occasion: self.occasion(id)?,
            date,
            in_days: days_between(today, date),
            card_count: i64::try_from(found.len()).unwrap_or(i64::MAX),
            count_basis: basis,
        }))
    }

    /// The ids of a batch's recipients, in name order (soonest date first for the
    /// birthday/anniversary windows). An unknown tag or contact is an error, not an empty batch.
    pub fn recipient_ids(&self, recipients: &Recipients, today: NaiveDate) -> Result<Vec<i64>> {
        let store = self.store();
        match recipients {
            Recipients::Everyone => store.contact_ids(None),
            Recipients::Tag { tag } => {
                if !store.tag_exists(tag)? {
                    return Err(Error::invalid(
                        "tag",
                        format!("no contact has the tag \"{}\"", tag.trim()),
                    ));
                }
                store.contact_ids(Some(tag))
            }
            Recipients::Picked { ids } => {
                if ids.is_empty() {
                    return Err(Error::invalid("recipients", "pick at least one contact"));
                }
                if ids.len() > MAX_BULK {
                    return Err(Error::invalid(
                        "recipients",
                        format!("pick at most {MAX_BULK} contacts"),
                    ));
                }
                let mut seen = std::collections::HashSet::new();
                let unique: Vec<i64> = ids.iter().copied().filter(|id| seen.insert(*id)).collect();
                let found = store.summaries(&unique)?;
                if found.len() == unique.len() {
                    Ok(unique)
                } else {
                    Err(Error::not_found("One of the picked contacts"))
                }
            }
            Recipients::BirthdaysNextMonth => store.birthday_ids_in_month(today.month() % 12 + 1),
            Recipients::BirthdaysWithin { days } => Ok(store
                .birthday_ids_within(today, (*days).clamp(1, 366))?
                .into_iter()
                .map(|(id, _)| id)
                .collect()),
            Recipients::AnniversariesWithin { days } => Ok(store
                .anniversary_ids_within(today, (*days).clamp(1, 366))?
                .into_iter()
                .map(|(id, _)| id)
                .collect()),
        }
    }

    /// Records a printed batch: one "card sent" touchpoint (note = the occasion's name) on each
    /// recipient's timeline, in one transaction.
    pub fn record_cards_sent(
        &mut self,
        ids: &[i64],
        occasion_name: &str,
        happened_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<RecordedBatch> {
        if ids.is_empty() {
            return Err(Error::invalid("recipients", "the batch has no recipients"));
        }
        if ids.len() > MAX_BULK {
            return Err(Error::invalid(
                "recipients",
                format!("record at most {MAX_BULK} cards at once"),
            ));
        }
        let note = crate::contacts::clean_line(occasion_name);
        let check = crate::contacts::NewTouchpoint {
            kind: crate::contacts::TouchpointKind::CardSent,
            happened_on,
            note: note.clone(),
            handled_by: String::new(),
        };
        check.validate(today)?;
        let mut seen = std::collections::HashSet::new();
        let unique: Vec<i64> = ids.iter().copied().filter(|id| seen.insert(*id)).collect();
        let recorded = self
            .store_mut()
            .record_cards_sent(&unique, happened_on, &note, "")?;
        Ok(RecordedBatch {
            recorded,
            note,
            happened_on,
        })
    }

    /// Marks a contact's address as undeliverable (a card came back), or clears the mark.
    pub fn set_address_undeliverable(
        &mut self,
        contact_id: i64,
        undeliverable: bool,
        today: NaiveDate,
    ) -> Result<Option<NaiveDate>> {
        let on = undeliverable.then_some(today);
        self.store_mut().set_address_undeliverable(contact_id, on)?;
        Ok(on)
    }

    /// The day a card to this contact came back, if one did.
    pub fn address_undeliverable(&self, contact_id: i64) -> Result<Option<NaiveDate>> {
        self.store().address_undeliverable(contact_id)
    }
}

/// The built-in card designs for `occasion`, their greetings naming it where they say
/// `{occasion}` ("Happy Canada Day").
pub fn designs_for(occasion: &Occasion) -> Vec<crate::cards::CardDesign> {
    let mut designs = crate::cards::built_in_designs(design_family(occasion.kind));
    for design in &mut designs {
        design.greeting = design.greeting.replace("{occasion}", &occasion.name);
    }
    designs
}

/// The name the card designs know an occasion kind by.
pub fn design_family(kind: OccasionKind) -> &'static str {
    match kind {
        OccasionKind::NewYear => "new-year",
        OccasionKind::Valentine => "valentines",
        OccasionKind::AprilFools => "april-fools",
        OccasionKind::MothersDay => "mothers-day",
        OccasionKind::FathersDay => "fathers-day",
        OccasionKind::NationalDay => "national-day",
        OccasionKind::Thanksgiving => "thanksgiving",
        OccasionKind::Halloween => "halloween",
        OccasionKind::Winter => "winter",
        OccasionKind::Birthday => "birthday",
        OccasionKind::Anniversary => "anniversary",
        OccasionKind::General => "generic",
    }
}

impl Book {
    /// A batch's recipients with their merge values and addresses, in the order given, each with
    /// the owner's personal line or, where they wrote none, the suggested one.
    pub fn card_recipients(
        &self,
        ids: &[i64],
        today: NaiveDate,
        lines: &crate::cards::PersonalLines,
    ) -> Result<Vec<crate::cards::CardRecipient>> {
        Ok(self
            .store()
            .contacts(ids)?
            .iter()
            .map(|c| crate::cards::CardRecipient::for_contact(c, today, lines.for_contact(c)))
            .collect())
    }

    /// The suggested personal line for each of `ids`, for the owner to accept or rewrite.
    pub fn personal_line_suggestions(
        &self,
        ids: &[i64],
    ) -> Result<Vec<crate::cards::PersonalLineSuggestion>> {
        Ok(self
            .store()
            .contacts(ids)?
            .iter()
            .map(crate::cards::suggestion)
            .collect())
    }

    /// The JPEG of the stored photo a design puts on its front (`design.front_photo`), if any.
    pub fn card_front(&self, design: &crate::cards::CardDesign) -> Result<Option<Vec<u8>>> {
        design
            .front_photo
            .map(|id| self.store().photo_jpeg(id, false))
            .transpose()
    }

    /// The sender printed on envelopes (settings `business_name` and `business_address`).
    pub fn return_address(&self) -> Result<crate::cards::ReturnAddress> {
        Ok(crate::cards::ReturnAddress {
            business_name: self.business_name()?,
            address: self
                .store()
                .setting("business_address")?
                .unwrap_or_default(),
        })
    }

    /// The printer offset for label sheets the owner calibrated (setting `label_offset_mm`).
    pub fn label_offset_mm(&self) -> Result<(f32, f32)> {
        Ok(self
            .store()
            .setting("label_offset_mm")?
            .and_then(|text| crate::cards::parse_offset_mm(&text).ok())
            .unwrap_or((0.0, 0.0)))
    }

    /// The business name cards are signed with (setting `business_name`), empty if not set.
    pub fn business_name(&self) -> Result<String> {
        Ok(self.store().setting("business_name")?.unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn easter_matches_known_dates() {
        assert_eq!(easter_sunday(2024), Some(d(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Some(d(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Some(d(2026, 4, 5)));
        assert_eq!(easter_sunday(2000), Some(d(2000, 4, 23)));
        assert_eq!(easter_sunday(2038), Some(d(2038, 4, 25)));
        assert_eq!(easter_sunday(2008), Some(d(2008, 3, 23)));
    }

    #[test]
    fn last_weekday_of_a_month() {
        let last_monday_may = OccasionRule::NthWeekday {
            nth: -1,
            weekday: Weekday::Mon,
            month: 5,
        };
        assert_eq!(last_monday_may.date_in(2026), Some(d(2026, 5, 25)));
        let last_fri_dec = OccasionRule::NthWeekday {
            nth: -1,
            weekday: Weekday::Fri,
            month: 12,
        };
        assert_eq!(last_fri_dec.date_in(2026), Some(d(2026, 12, 25)));
    }

    #[test]
    fn weekday_names_parse_by_their_first_three_letters() {
        assert_eq!(Weekday::parse("Thursday"), Ok(Weekday::Thu));
        assert_eq!(Weekday::parse("thu"), Ok(Weekday::Thu));
        assert!(Weekday::parse("th").is_err());
        assert!(Weekday::parse("xyz").is_err());
    }
}
