//! Follow-ups: a dated promise to get back to a customer ("call back Tuesday about the cake
//! order"), optionally for one staff member. Open until done; doing it logs a touchpoint.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::validation::check_len;
use super::{ContactSummary, MAX_FIELD_CHARS};
use crate::error::{Error, FieldError};

/// A follow-up's words stay short: it is a reminder, the timeline holds the story.
pub const MAX_FOLLOW_UP_CHARS: usize = 2_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub contact_id: i64,
    pub due_on: NaiveDate,
    pub note: String,
    /// The staff member it is for ("" for whoever is at the counter).
    pub assigned_to: String,
    /// The touchpoint logged when it was done; None while it is open. Deleting that touchpoint
    /// (the timeline's Undo) opens the follow-up again.
    #[ts(type = "number | null")]
    pub done_by_touchpoint: Option<i64>,
}

impl FollowUp {
    pub fn is_open(&self) -> bool {
        self.done_by_touchpoint.is_none()
    }
}

/// A follow-up as the owner asks for it (added or changed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewFollowUp {
    pub due_on: NaiveDate,
    pub note: String,
    #[serde(default)]
    pub assigned_to: String,
}

impl NewFollowUp {
    /// Trims the words and checks them; a follow-up may be due any day from 1900 to ten years on
    /// (an old date is an overdue promise, and one may be entered late).
    pub fn validated(mut self, today: NaiveDate) -> Result<NewFollowUp, Error> {
        self.note = self.note.trim().to_string();
        self.assigned_to = super::clean_line(&self.assigned_to);
        let mut errors = Vec::new();
        if self.note.is_empty() {
            errors.push(FieldError::new(
                "note",
                "say what to follow up on, e.g. \"call back about the cake order\"",
            ));
        }
        check_len(&mut errors, "note", &self.note, MAX_FOLLOW_UP_CHARS);
        check_len(
            &mut errors,
            "assignedTo",
            &self.assigned_to,
            MAX_FIELD_CHARS,
        );
        if self.due_on.year() < 1900 {
            errors.push(FieldError::new("dueOn", "this date is too far in the past"));
        }
        if self.due_on > today + chrono::Months::new(120) {
            errors.push(FieldError::new(
                "dueOn",
                "this date is more than ten years away",
            ));
        }
        Error::from_field_errors(errors)?;
        Ok(self)
    }
}

/// A follow-up due today or before, with its contact, as Today lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DueFollowUp {
    pub contact: ContactSummary,
    pub follow_up: FollowUp,
    /// 0 when due today.
    pub days_overdue: u32,
}
