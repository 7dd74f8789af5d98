//! The rows an import passes between reading, planning and reporting: what a file's line holds,
//! what the owner chose for a duplicate, and what was refused. Apart from `import` and `plan` so
//! that neither needs the other to describe them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::duplicates::FieldPick;
use crate::contacts::ContactInput;
use crate::error::{Error, Invalid};

/// One contact as read from the file, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    /// The line the row (or the card's BEGIN) starts on.
    pub line: usize,
    pub input: ContactInput,
    /// What could not be read (a date of 31 February…): the row is refused with these.
    pub problems: Vec<String>,
    /// A vCard's inline photo, as decoded from the card (checked and normalised only when the
    /// contact is stored), or why it cannot be used. Never sent to the window.
    pub photo: Option<std::result::Result<Vec<u8>, String>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum OnDuplicate {
    /// Leave the stored contact as it is; do not add the row.
    #[default]
    Skip,
    /// Fill the stored contact's empty fields and add new emails, phones, addresses and tags.
    Merge,
    /// Add the row as a new contact anyway.
    Keep,
}

impl OnDuplicate {
    pub fn parse(text: &str) -> Result<OnDuplicate, Invalid> {
        match text.trim().to_lowercase().as_str() {
            "skip" => Ok(OnDuplicate::Skip),
            "merge" => Ok(OnDuplicate::Merge),
            "keep" => Ok(OnDuplicate::Keep),
            other => Err(Invalid(format!(
                "\"{other}\" is not a choice; use skip, merge or keep"
            ))),
        }
    }
}

/// A choice for one duplicate (by its line), made in the side-by-side view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateChoice {
    #[ts(type = "number")]
    pub line: u64,
    pub action: OnDuplicate,
    /// For a merge: which side each differing field takes (fields not listed: the stored
    /// value, or the incoming one where the stored is empty).
    #[serde(default)]
    pub picks: Vec<FieldPick>,
}

/// A row that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefusedRow {
    #[ts(type = "number")]
    pub line: u64,
    pub reason: String,
}

/// A row that matches a contact already in the book (or an earlier row of the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateRow {
    #[ts(type = "number")]
    pub line: u64,
    /// The stored contact's id; none when it matches an earlier row of the same file.
    #[ts(type = "number | null")]
    pub existing_id: Option<i64>,
    /// The stored contact is archived (a merge keeps it so).
    pub existing_archived: bool,
    pub existing: ContactInput,
    pub incoming: ContactInput,
    pub reason: String,
    pub action: OnDuplicate,
}

/// A row's contact, validated, or why the row is refused.
pub(super) fn check(
    input: ContactInput,
    problems: &[String],
    today: NaiveDate,
) -> std::result::Result<ContactInput, String> {
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    input.validated(today).map_err(|e| match e {
        Error::Invalid(fields) => fields
            .iter()
            .map(|f| format!("{}: {}", f.field, f.message))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    })
}
