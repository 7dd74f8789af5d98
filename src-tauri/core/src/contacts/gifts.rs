//! Gifts and vouchers given to a customer: a timeline entry of their own, with what it was, its
//! value and the occasion.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::validation::check_len;
use super::MAX_FIELD_CHARS;
use crate::error::{Error, FieldError};

/// A gift as the owner enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewGift {
    /// "A bunch of tulips", "Voucher for a coffee".
    pub what: String,
    /// Its value in cents of the shop's currency, if worth noting.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub value_cents: Option<i64>,
    /// "Birthday", "Sorry for the wait"…
    #[serde(default)]
    pub occasion: String,
    /// When it was given; today if not said.
    #[serde(default)]
    pub given_on: Option<NaiveDate>,
}

/// A gift as stored with its timeline entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GiftRecord {
    #[ts(type = "number")]
    pub touchpoint_id: i64,
    pub what: String,
    #[ts(type = "number | null")]
    pub value_cents: Option<i64>,
    pub occasion: String,
}

/// The most a gift's value may be: ten million in the shop's currency.
const MAX_VALUE_CENTS: i64 = 1_000_000_000;

impl NewGift {
    pub fn validated(mut self) -> Result<NewGift, Error> {
        self.what = super::clean_line(self.what.trim());
        self.occasion = super::clean_line(self.occasion.trim());
        let mut errors = Vec::new();
        if self.what.is_empty() {
            errors.push(FieldError::new(
                "what",
                "say what it was, e.g. \"a bunch of tulips\"",
            ));
        }
        check_len(&mut errors, "what", &self.what, MAX_FIELD_CHARS);
        check_len(&mut errors, "occasion", &self.occasion, MAX_FIELD_CHARS);
        if self
            .value_cents
            .is_some_and(|v| !(0..=MAX_VALUE_CENTS).contains(&v))
        {
            errors.push(FieldError::new(
                "valueCents",
                "a value from 0 to 10,000,000",
            ));
        }
        Error::from_field_errors(errors)?;
        Ok(self)
    }

    /// The words on the timeline: "A bunch of tulips — birthday (value 12.50)".
    pub fn timeline_note(&self) -> String {
        let mut note = self.what.clone();
        if !self.occasion.is_empty() {
            note.push_str(&format!(" \u{2014} {}", self.occasion));
        }
        if let Some(cents) = self.value_cents {
            note.push_str(&format!(" (value {})", money(cents)));
        }
        note
    }
}

/// Cents as the owner writes money: 12.50.
pub fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// "12", "12.5", "12,50" → cents; None for anything else.
pub fn parse_money(text: &str) -> Option<i64> {
    let text = text.trim().replace(',', ".");
    let (whole, fraction) = text.split_once('.').unwrap_or((text.as_str(), ""));
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || fraction.len() > 2 {
        return None;
    }
    if !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let cents: i64 = format!("{fraction:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(cents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_read_and_written_as_an_owner_does() {
        assert_eq!(parse_money("12"), Some(1200));
        assert_eq!(parse_money(" 12.5 "), Some(1250));
        assert_eq!(parse_money("12,05"), Some(1205));
        for bad in ["", "-3", "1.234", "ten", "1e3", "1.x"] {
            assert_eq!(parse_money(bad), None, "{bad}");
        }
        assert_eq!(money(1205), "12.05");
        assert_eq!(money(0), "0.00");
    }
}
