//! Gestures and complaint loops: the owner's templates per kind, which gesture a "gesture sent"
//! touchpoint was, and the steps of each complaint's loop. Every step and gesture is written
//! with its timeline entry in one transaction.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::touchpoints::{refresh_last_contacted, touchpoint};
use super::{now_timestamp, SqliteStore};
use crate::contacts::{GestureRecord, NewTouchpoint, StepRecord, TimelineRecords, Touchpoint};
use crate::error::{Error, Result};

/// A template row as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GestureTemplateRow {
    pub kind: String,
    pub label: String,
    pub subject: String,
    pub body: String,
    pub builtin: bool,
}

/// A step of a complaint's loop to store with its timeline entry.
#[derive(Debug, Clone)]
pub struct NewComplaintStep<'a> {
    pub complaint_id: i64,
    /// apologised, put_right or checked_back
    pub step: &'a str,
    pub what_we_did: &'a str,
    pub done_by: &'a str,
    /// happy, neutral, unhappy, or empty
    pub outcome: &'a str,
}

/// A gesture to store with its timeline entry.
#[derive(Debug, Clone)]
pub struct NewGesture<'a> {
    pub kind: &'a str,
    /// eml, smtp, card or in_person
    pub delivery: &'a str,
    pub subject: &'a str,
}

/// One stored step of a loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintStepRow {
    pub touchpoint_id: i64,
    pub step: String,
    pub happened_on: NaiveDate,
    pub what_we_did: String,
    pub done_by: String,
    pub outcome: String,
}

/// A complaint whose loop is not closed, with its newest step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenLoopRow {
    pub complaint_id: i64,
    pub contact_id: i64,
    pub complained_on: NaiveDate,
    pub complaint: String,
    /// The newest step's name and day, none while the complaint is only open.
    pub last_step: Option<(String, NaiveDate)>,
}

impl SqliteStore {
    pub fn gesture_templates(&self) -> Result<Vec<GestureTemplateRow>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT kind, label, subject, body, builtin FROM gesture_templates ORDER BY builtin DESC, label",
            )?
            .query_map([], |row| {
                Ok(GestureTemplateRow {
                    kind: row.get(0)?,
                    label: row.get(1)?,
                    subject: row.get(2)?,
                    body: row.get(3)?,
                    builtin: row.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn set_gesture_template(&mut self, row: &GestureTemplateRow) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO gesture_templates (kind, label, subject, body, builtin) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (kind) DO UPDATE SET label = ?2, subject = ?3, body = ?4",
            )?
            .execute(params![row.kind, row.label, row.subject, row.body, row.builtin])?;
        Ok(())
    }

    /// Removes a template (a built-in kind goes back to its default words). False if none.
    pub fn delete_gesture_template(&mut self, kind: &str) -> Result<bool> {
        Ok(self
            .conn
            .execute("DELETE FROM gesture_templates WHERE kind = ?1", [kind])?
            > 0)
    }

    /// Logs a gesture on the timeline with which one it was (and, for an apology about a
    /// complaint, the loop's "apologised" step), all in one transaction.
    pub fn record_gesture(
        &mut self,
        contact_id: i64,
        entry: &NewTouchpoint,
        gesture: &NewGesture<'_>,
        step: Option<&NewComplaintStep<'_>>,
    ) -> Result<Touchpoint> {
        let tx = self.write_transaction()?;
        let id = insert_entry(&tx, contact_id, entry)?;
        tx.prepare_cached(
            "INSERT INTO gestures (touchpoint_id, kind, delivery, subject) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id, gesture.kind, gesture.delivery, gesture.subject])?;
        if let Some(step) = step {
            insert_step(&tx, id, contact_id, entry.happened_on, step)?;
        }
        let written = touchpoint(&tx, id)?;
        tx.commit()?;
        Ok(written)
    }

    /// Logs one step of a complaint's loop with its timeline entry, in one transaction.
    pub fn add_complaint_step(
        &mut self,
        contact_id: i64,
        entry: &NewTouchpoint,
        step: &NewComplaintStep<'_>,
    ) -> Result<Touchpoint> {
        let tx = self.write_transaction()?;
        let id = insert_entry(&tx, contact_id, entry)?;
        insert_step(&tx, id, contact_id, entry.happened_on, step)?;
        let written = touchpoint(&tx, id)?;
        tx.commit()?;
        Ok(written)
    }

    /// A complaint (its contact, day and words) and its loop's steps, oldest first.
    pub fn complaint_loop(&self, complaint_id: i64) -> Result<(Touchpoint, Vec<ComplaintStepRow>)> {
        let complaint = touchpoint(&self.conn, complaint_id)
            .map_err(|_| Error::not_found(format!("Complaint {complaint_id}")))?;
        let steps = self
            .conn
            .prepare_cached(
                "SELECT touchpoint_id, step, happened_on, what_we_did, done_by, outcome
                   FROM complaint_steps WHERE complaint_id = ?1 ORDER BY touchpoint_id",
            )?
            .query_map([complaint_id], |row| {
                Ok(ComplaintStepRow {
                    touchpoint_id: row.get(0)?,
                    step: row.get(1)?,
                    happened_on: row.get(2)?,
                    what_we_did: row.get(3)?,
                    done_by: row.get(4)?,
                    outcome: row.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok((complaint, steps))
    }

    /// Complaints of contacts not archived whose loop is not closed (no "checked back"), oldest
    /// first. A complaint marked put right before loops existed (no steps) is not listed.
    pub fn open_complaint_loops(&self) -> Result<Vec<OpenLoopRow>> {
        // The candidates come from two small places instead of every complaint ever logged:
        // complaints still open (their partial index) and complaints with steps (each loop's
        // newest step and whether it was checked back, in one pass over the steps).
        let rows = self
            .conn
            .prepare_cached(
                "WITH steps AS (
                     SELECT complaint_id, max(touchpoint_id) AS last, max(step = 'checked_back') AS closed
                       FROM complaint_steps GROUP BY complaint_id
                 ), candidates(id, last) AS (
                     SELECT id, NULL FROM touchpoints INDEXED BY touchpoints_open_complaints
                      WHERE kind = 'complaint' AND resolved = 0
                        AND id NOT IN (SELECT complaint_id FROM complaint_steps)
                     UNION ALL
                     SELECT complaint_id, last FROM steps WHERE closed = 0
                 )
                 SELECT t.id, t.contact_id, t.happened_on, t.note, s.step, s.happened_on
                   FROM candidates k JOIN touchpoints t ON t.id = k.id
                   JOIN contacts c ON c.id = t.contact_id
                   LEFT JOIN complaint_steps s ON s.touchpoint_id = k.last
                  WHERE t.kind = 'complaint' AND +c.archived = 0
                  ORDER BY t.happened_on, t.id",
            )?
            .query_map([], |row| {
                let step: Option<String> = row.get(4)?;
                let on: Option<NaiveDate> = row.get(5)?;
                Ok(OpenLoopRow {
                    complaint_id: row.get(0)?,
                    contact_id: row.get(1)?,
                    complained_on: row.get(2)?,
                    complaint: row.get(3)?,
                    last_step: step.zip(on),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Loops closed between `from` and `to` (inclusive): how many ended happy, and how many in all.
    pub fn loops_closed_between(&self, from: NaiveDate, to: NaiveDate) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT count(*) FILTER (WHERE outcome = 'happy'), count(*) FROM complaint_steps
              WHERE step = 'checked_back' AND happened_on BETWEEN ?1 AND ?2",
            params![from, to],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?)
    }

    /// Which gesture a timeline entry was, if it was one: its kind and delivery.
    pub fn gesture_of(&self, touchpoint_id: i64) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT kind, delivery FROM gestures WHERE touchpoint_id = ?1",
                [touchpoint_id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?)
    }

    /// The last day each of `contact_ids` was given a gesture of `kind` on or after `since`
    /// (contacts given none are left out).
    pub fn last_gestures(
        &self,
        contact_ids: &[i64],
        kind: &str,
        since: NaiveDate,
    ) -> Result<Vec<(i64, NaiveDate)>> {
        let ids = serde_json::to_string(contact_ids).unwrap_or_else(|_| "[]".into());
        let rows = self
            .conn
            .prepare_cached(
                "SELECT t.contact_id, max(t.happened_on) FROM touchpoints t
                   JOIN gestures g ON g.touchpoint_id = t.id
                  WHERE t.contact_id IN (SELECT value FROM json_each(?1))
                    AND g.kind = ?2 AND t.happened_on >= ?3
                  GROUP BY t.contact_id",
            )?
            .query_map(params![ids, kind, since], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

/// Logs a timeline entry on an existing contact inside the caller's transaction.
pub(super) fn insert_entry(
    tx: &Transaction,
    contact_id: i64,
    entry: &NewTouchpoint,
) -> Result<i64> {
    let exists = tx
        .query_row("SELECT 1 FROM contacts WHERE id = ?1", [contact_id], |_| {
            Ok(())
        })
        .optional()?
        .is_some();
    if !exists {
        return Err(Error::not_found(format!("Contact {contact_id}")));
    }
    tx.prepare_cached(
        "INSERT INTO touchpoints (contact_id, kind, happened_on, note, handled_by, resolved, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)",
    )?
    .execute(params![
        contact_id,
        entry.kind.as_str(),
        entry.happened_on,
        entry.note,
        entry.handled_by,
        now_timestamp()
    ])?;
    let id = tx.last_insert_rowid();
    refresh_last_contacted(tx, contact_id)?;
    Ok(id)
}

fn insert_step(
    tx: &Transaction,
    touchpoint_id: i64,
    contact_id: i64,
    on: NaiveDate,
    step: &NewComplaintStep<'_>,
) -> Result<()> {
    // The complaint must be this contact's: a step never lands on another customer's loop.
    let owner: Option<i64> = tx
        .query_row(
            "SELECT contact_id FROM touchpoints WHERE id = ?1 AND kind = 'complaint'",
            [step.complaint_id],
            |row| row.get(0),
        )
        .optional()?;
    if owner != Some(contact_id) {
        return Err(Error::not_found(format!("Complaint {}", step.complaint_id)));
    }
    tx.prepare_cached(
        "INSERT INTO complaint_steps (touchpoint_id, complaint_id, step, happened_on, what_we_did, done_by, outcome)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        touchpoint_id,
        step.complaint_id,
        step.step,
        on,
        step.what_we_did,
        step.done_by,
        step.outcome
    ])?;
    Ok(())
}

/// The gestures and loop steps of a contact's timeline entries (kept when the contact is deleted).
pub(super) fn timeline_records(conn: &Connection, contact_id: i64) -> Result<TimelineRecords> {
    let gestures = conn
        .prepare_cached(
            "SELECT g.touchpoint_id, g.kind, g.delivery, g.subject
               FROM gestures g JOIN touchpoints t ON t.id = g.touchpoint_id
              WHERE t.contact_id = ?1 ORDER BY g.touchpoint_id",
        )?
        .query_map([contact_id], |row| {
            Ok(GestureRecord {
                touchpoint_id: row.get(0)?,
                kind: row.get(1)?,
                delivery: row.get(2)?,
                subject: row.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let steps = conn
        .prepare_cached(
            "SELECT s.touchpoint_id, s.complaint_id, s.step, s.happened_on, s.what_we_did,
                    s.done_by, s.outcome
               FROM complaint_steps s JOIN touchpoints t ON t.id = s.touchpoint_id
              WHERE t.contact_id = ?1 ORDER BY s.touchpoint_id",
        )?
        .query_map([contact_id], |row| {
            Ok(StepRecord {
                touchpoint_id: row.get(0)?,
                complaint_id: row.get(1)?,
                step: row.get(2)?,
                happened_on: row.get(3)?,
                what_we_did: row.get(4)?,
                done_by: row.get(5)?,
                outcome: row.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(TimelineRecords {
        gestures,
        steps,
        ..TimelineRecords::default()
    })
}

/// Puts the records back once their timeline entries are back (undoing a deletion).
pub(super) fn put_back_records(conn: &Connection, records: &TimelineRecords) -> Result<()> {
    for g in &records.gestures {
        conn.prepare_cached(
            "INSERT INTO gestures (touchpoint_id, kind, delivery, subject) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![g.touchpoint_id, g.kind, g.delivery, g.subject])?;
    }
    for s in &records.steps {
        conn.prepare_cached(
            "INSERT INTO complaint_steps (touchpoint_id, complaint_id, step, happened_on, what_we_did, done_by, outcome)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![s.touchpoint_id, s.complaint_id, s.step, s.happened_on, s.what_we_did, s.done_by, s.outcome])?;
    }
    Ok(())
}
