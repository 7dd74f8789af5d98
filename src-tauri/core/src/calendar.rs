//! The holiday calendar: built-in holidays with their rules (fixed day, nth weekday of a month,
//! days from Easter), per-contact dates (birthday, "customer since" anniversary), and the owner's
//! own occasions. Every rule computes its date for any year, so "the next one" is always known.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts::MAX_FIELD_CHARS;
use crate::error::{Error, FieldError, Invalid, Result};
use crate::merge::month_name;

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
    pub fn parse(text: &str) -> Result<Weekday, Invalid> {
        let folded = text.trim().to_lowercase();
        let prefix: String = folded.chars().take(3).collect();
        Weekday::ALL
            .into_iter()
            .find(|w| prefix.len() == 3 && w.short() == prefix)
            .ok_or_else(|| {
                Invalid(format!(
                    "\"{}\" is not a day of the week; use mon, tue, wed, thu, fri, sat or sun",
                    text.trim()
                ))
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
    pub fn validate(&self) -> Result<(), Invalid> {
        match *self {
            OccasionRule::Fixed { month, day } => {
                if !(1..=12).contains(&month) {
                    return Err(Invalid(format!(
                        "month {month} does not exist; use 1 to 12"
                    )));
                }
                // 2000 is a leap year: 29 February is a valid yearly day.
                if NaiveDate::from_ymd_opt(2000, month, day).is_none() {
                    return Err(Invalid(format!(
                        "{month:02}-{day:02} is not a day in the calendar"
                    )));
                }
                Ok(())
            }
            OccasionRule::NthWeekday { nth, month, .. } => {
                if !(1..=12).contains(&month) {
                    return Err(Invalid(format!(
                        "month {month} does not exist; use 1 to 12"
                    )));
                }
                if !(nth == -1 || (1..=4).contains(&nth)) {
                    return Err(Invalid(format!(
                        "\"{nth}\" cannot be used: choose the 1st to 4th, or last (-1), weekday of the month"
                    )));
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
                    return Err(Invalid(format!(
                        "{date} is too far from today to plan a card for"
                    )));
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
