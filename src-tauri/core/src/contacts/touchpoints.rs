//! Touchpoints: the dated events on a contact's timeline.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::validation::check_len;
use super::{MAX_FIELD_CHARS, MAX_NOTE_CHARS};
use crate::error::{Error, FieldError, Invalid};

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
    /// A customer asked something (what they asked, in the note).
    Question,
    /// Recorded by the app when a welcome message went out.
    WelcomeSent,
    /// Recorded by the app when a card was printed and sent.
    CardSent,
    /// Recorded by the app when a thank-you, apology, check-in… was given (which one: the note).
    GestureSent,
    /// Recorded by the app for a step of a complaint's loop (apologised, put right, checked back).
    ComplaintStep,
    /// A gift or voucher given (what, its value and the occasion are kept with it).
    Gift,
}

impl TouchpointKind {
    /// The kinds the owner logs by hand.
    pub const LOGGABLE: [TouchpointKind; 8] = [
        TouchpointKind::Call,
        TouchpointKind::Email,
        TouchpointKind::Meeting,
        TouchpointKind::Purchase,
        TouchpointKind::Compliment,
        TouchpointKind::Complaint,
        TouchpointKind::Note,
        TouchpointKind::Question,
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
            TouchpointKind::Question => "question",
            TouchpointKind::WelcomeSent => "welcome_sent",
            TouchpointKind::CardSent => "card_sent",
            TouchpointKind::GestureSent => "gesture_sent",
            TouchpointKind::ComplaintStep => "complaint_step",
            TouchpointKind::Gift => "gift",
        }
    }

    pub fn parse(text: &str) -> Result<TouchpointKind, Invalid> {
        TouchpointKind::LOGGABLE
            .into_iter()
            .chain([
                TouchpointKind::WelcomeSent,
                TouchpointKind::CardSent,
                TouchpointKind::GestureSent,
                TouchpointKind::ComplaintStep,
                TouchpointKind::Gift,
            ])
            .find(|kind| kind.as_str().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = TouchpointKind::LOGGABLE
                    .iter()
                    .map(|k| k.as_str())
                    .collect();
                Invalid(format!(
                    "\"{text}\" is not a kind of touchpoint; use one of {}",
                    names.join(", ")
                ))
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
