//! Follow-ups: "call back Tuesday about the cake order", on any contact, optionally for one staff
//! member. Today lists those due and overdue; doing one logs the touchpoint it promised (a call by
//! default), and undoing that entry on the timeline opens the follow-up again.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::contacts::{DueFollowUp, FollowUp, NewFollowUp};
use crate::contacts::{NewTouchpoint, Touchpoint, TouchpointKind};
use crate::error::{Error, Result};
use crate::Book;

/// How a follow-up was done, as the owner says it (all optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct FollowUpDone {
    /// What to log: a call unless told (any kind the owner logs by hand).
    pub kind: Option<TouchpointKind>,
    /// When it was done: today unless told.
    pub happened_on: Option<NaiveDate>,
    /// What was said; the follow-up's own words unless told.
    pub note: Option<String>,
    /// Who did it: the staff member it was for, else the signed-in person.
    pub handled_by: Option<String>,
}

impl Book {
    /// Adds a follow-up to a contact. `assigned_to` names a staff member (or is their number);
    /// empty leaves it to whoever is at the counter.
    pub fn add_follow_up(
        &mut self,
        contact_id: i64,
        new: NewFollowUp,
        today: NaiveDate,
    ) -> Result<FollowUp> {
        let new = self.checked_follow_up(new, today)?;
        self.store_mut().add_follow_up(contact_id, &new)
    }

    /// Changes a follow-up's day, words or staff member (moving it to another day, say).
    pub fn change_follow_up(
        &mut self,
        id: i64,
        edit: NewFollowUp,
        today: NaiveDate,
    ) -> Result<FollowUp> {
        let edit = self.checked_follow_up(edit, today)?;
        self.store_mut().update_follow_up(id, &edit)
    }

    /// Removes a follow-up that is no longer needed.
    pub fn delete_follow_up(&mut self, id: i64) -> Result<FollowUp> {
        self.store_mut().delete_follow_up(id)
    }

    pub fn follow_up(&self, id: i64) -> Result<FollowUp> {
        self.store().follow_up(id)
    }

    /// Marks a follow-up done: logs the touchpoint on the contact's timeline and closes the
    /// follow-up, in one transaction. Returns the entry (deleting it is the Undo).
    pub fn complete_follow_up(
        &mut self,
        id: i64,
        done: FollowUpDone,
        today: NaiveDate,
    ) -> Result<Touchpoint> {
        let follow_up = self.store().follow_up(id)?;
        let kind = done.kind.unwrap_or(TouchpointKind::Call);
        if !TouchpointKind::LOGGABLE.contains(&kind) {
            return Err(Error::invalid(
                "kind",
                "log a call, email, meeting, purchase, compliment, complaint, note or question",
            ));
        }
        let handled_by = match done.handled_by.as_deref().map(str::trim) {
            Some(name) if !name.is_empty() => name.to_string(),
            _ if !follow_up.assigned_to.is_empty() => follow_up.assigned_to.clone(),
            _ => self.store().signed_in_name()?.unwrap_or_default(),
        };
        let note = match done.note.as_deref().map(str::trim) {
            Some(note) if !note.is_empty() => note.to_string(),
            _ => follow_up.note.clone(),
        };
        let entry = NewTouchpoint {
            kind,
            happened_on: done.happened_on.unwrap_or(today),
            note,
            handled_by,
        };
        entry.validate(today)?;
        self.store_mut().complete_follow_up(id, &entry)
    }

    /// Follow-ups due on or before `today`, soonest first, with their contacts: the first
    /// `limit`, and how many there are in all.
    pub fn follow_ups_due(&self, today: NaiveDate, limit: u32) -> Result<(Vec<DueFollowUp>, i64)> {
        self.follow_ups_through(Some(today), today, limit)
    }

    /// Every open follow-up, due or not, soonest first (the first `limit`, and how many).
    pub fn open_follow_ups(&self, today: NaiveDate, limit: u32) -> Result<(Vec<DueFollowUp>, i64)> {
        self.follow_ups_through(None, today, limit)
    }

    fn follow_ups_through(
        &self,
        through: Option<NaiveDate>,
        today: NaiveDate,
        limit: u32,
    ) -> Result<(Vec<DueFollowUp>, i64)> {
        let (open, total) = self.store().open_follow_ups(through, limit)?;
        let ids: Vec<i64> = open.iter().map(|f| f.contact_id).collect();
        // summaries() drops repeats; a contact with two follow-ups is listed twice.
        let people: std::collections::HashMap<i64, _> = self
            .store()
            .summaries(&ids)?
            .into_iter()
            .map(|person| (person.id, person))
            .collect();
        let list = open
            .into_iter()
            .filter_map(|follow_up| {
                let contact = people.get(&follow_up.contact_id)?.clone();
                let days_overdue =
                    u32::try_from((today - follow_up.due_on).num_days()).unwrap_or(0);
                Some(DueFollowUp {
                    contact,
                    follow_up,
                    days_overdue,
                })
            })
            .collect();
        Ok((list, total))
    }

    /// Validates a follow-up and names its staff member as the team knows them: a number is a
    /// staff member's, a name must be one of the staff (any case).
    fn checked_follow_up(&self, new: NewFollowUp, today: NaiveDate) -> Result<NewFollowUp> {
        let mut new = new.validated(today)?;
        if new.assigned_to.is_empty() {
            return Ok(new);
        }
        let staff = self.store().staff()?;
        let wanted = new.assigned_to.as_str();
        let found = staff.iter().find(|member| {
            wanted.parse::<i64>().is_ok_and(|id| id == member.id)
                || member.name.to_lowercase() == wanted.to_lowercase()
        });
        match found {
            Some(member) => {
                new.assigned_to = member.name.clone();
                Ok(new)
            }
            None if staff.is_empty() => Err(Error::invalid(
                "assignedTo",
                format!(
                    "there is no staff member \"{wanted}\"; the book has no staff yet (add them under Settings › Staff, or with `rapport staff add`)"
                ),
            )),
            None => Err(Error::invalid(
                "assignedTo",
                format!(
                    "there is no staff member \"{wanted}\"; the staff are {}",
                    staff
                        .iter()
                        .map(|m| format!("{} ({})", m.name, m.id))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }
}
