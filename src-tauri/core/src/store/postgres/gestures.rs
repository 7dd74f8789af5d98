//! The server book's gestures, complaint loops, calendar rows and timeline edits: the SQLite
//! book's functions of the same names (store/gestures.rs, calendar_rows.rs, touchpoint_edit.rs)
//! in PostgreSQL's SQL. A gesture or a step is written with its timeline entry in one
//! transaction, as on the file.

use chrono::NaiveDate;
use postgres::{GenericClient, Row};

use super::book::{PgResult, ServerBook};
use super::timeline::{insert_touchpoint, refresh_last_contacted, touchpoint_from_row};
use crate::contacts::{
    Birthday, GestureRecord, NewTouchpoint, StepRecord, TimelineRecords, Touchpoint,
};
use crate::error::{Error, Result};
use crate::store::{
    CalendarRow, ComplaintStepRow, GestureTemplateRow, NewComplaintStep, NewGesture, OpenLoopRow,
};

const TOUCHPOINT: &str = "id, contact_id, kind, happened_on, note, handled_by, resolved";

impl ServerBook {
    /// Active contacts with any date the calendar shows, in id order.
    pub fn calendar_rows(&self) -> Result<Vec<CalendarRow>> {
        self.run(|client| {
            client
                .query(
                    "SELECT c.id, c.display_name, coalesce(co.name, ''), c.birthday_month,
                            c.birthday_day, c.birthday_year, c.customer_since, c.touch_due_on,
                            c.keep_in_touch_days
                     FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
                     WHERE NOT c.archived AND (c.birthday_month IS NOT NULL
                           OR c.customer_since IS NOT NULL OR c.touch_due_on IS NOT NULL)
                     ORDER BY c.id",
                    &[],
                )?
                .iter()
                .map(calendar_row)
                .collect()
        })
    }

    /// One touchpoint, by id.
    pub fn touchpoint(&self, id: i64) -> Result<Touchpoint> {
        self.run(|client| touchpoint(client, id))
    }

    /// Stores a touchpoint's new kind, date, note and handler (already validated). A touchpoint
    /// that is no longer a complaint is no longer "resolved".
    pub fn update_touchpoint(&self, id: i64, edit: &NewTouchpoint) -> Result<Touchpoint> {
        self.in_tx(|tx| {
            let row = tx
                .query_opt(
                    &format!(
                        "UPDATE touchpoints SET kind = $2, happened_on = $3, note = $4,
                             handled_by = $5, resolved = (resolved AND $2 = 'complaint')
                         WHERE id = $1 RETURNING {TOUCHPOINT}"
                    ),
                    &[
                        &id,
                        &edit.kind.as_str(),
                        &edit.happened_on,
                        &edit.note,
                        &edit.handled_by,
                    ],
                )?
                .ok_or_else(|| Error::not_found(format!("Touchpoint {id}")))?;
            let written = touchpoint_from_row(&row)?;
            refresh_last_contacted(tx, written.contact_id)?;
            Ok(written)
        })
    }

    pub fn gesture_templates(&self) -> Result<Vec<GestureTemplateRow>> {
        self.run(|client| {
            client
                .query(
                    "SELECT kind, label, subject, body, builtin FROM gesture_templates
                     ORDER BY builtin DESC, label",
                    &[],
                )?
                .iter()
                .map(|row| {
                    Ok(GestureTemplateRow {
                        kind: row.try_get(0)?,
                        label: row.try_get(1)?,
                        subject: row.try_get(2)?,
                        body: row.try_get(3)?,
                        builtin: row.try_get(4)?,
                    })
                })
                .collect()
        })
    }

    pub fn set_gesture_template(&self, row: &GestureTemplateRow) -> Result<()> {
        self.run(|client| {
            client.execute(
                "INSERT INTO gesture_templates (kind, label, subject, body, builtin)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (kind) DO UPDATE SET label = $2, subject = $3, body = $4",
                &[&row.kind, &row.label, &row.subject, &row.body, &row.builtin],
            )?;
            Ok(())
        })
    }

    /// Removes a template (a built-in kind goes back to its default words). False if none.
    pub fn delete_gesture_template(&self, kind: &str) -> Result<bool> {
        self.run(|client| {
            Ok(client.execute("DELETE FROM gesture_templates WHERE kind = $1", &[&kind])? > 0)
        })
    }

    /// Logs a gesture on the timeline with which one it was (and, for an apology about a
    /// complaint, the loop's "apologised" step), all in one transaction.
    pub fn record_gesture(
        &self,
        contact_id: i64,
        entry: &NewTouchpoint,
        gesture: &NewGesture<'_>,
        step: Option<&NewComplaintStep<'_>>,
    ) -> Result<Touchpoint> {
        self.in_tx(|tx| {
            let written = insert_touchpoint(tx, contact_id, entry)?;
            tx.execute(
                "INSERT INTO gestures (touchpoint_id, kind, delivery, subject) VALUES ($1, $2, $3, $4)",
                &[&written.id, &gesture.kind, &gesture.delivery, &gesture.subject],
            )?;
            if let Some(step) = step {
                insert_step(tx, written.id, contact_id, entry.happened_on, step)?;
            }
            Ok(written)
        })
    }

    /// Logs one step of a complaint's loop with its timeline entry, in one transaction.
    pub fn add_complaint_step(
        &self,
        contact_id: i64,
        entry: &NewTouchpoint,
        step: &NewComplaintStep<'_>,
    ) -> Result<Touchpoint> {
        self.in_tx(|tx| {
            let written = insert_touchpoint(tx, contact_id, entry)?;
            insert_step(tx, written.id, contact_id, entry.happened_on, step)?;
            Ok(written)
        })
    }

    /// A complaint (its contact, day and words) and its loop's steps, oldest first.
    pub fn complaint_loop(&self, complaint_id: i64) -> Result<(Touchpoint, Vec<ComplaintStepRow>)> {
        self.run(|client| {
            let complaint = touchpoint(client, complaint_id)
                .map_err(|_| Error::not_found(format!("Complaint {complaint_id}")))?;
            let steps = client
                .query(
                    "SELECT touchpoint_id, step, happened_on, what_we_did, done_by, outcome
                       FROM complaint_steps WHERE complaint_id = $1 ORDER BY touchpoint_id",
                    &[&complaint_id],
                )?
                .iter()
                .map(|row| {
                    Ok(ComplaintStepRow {
                        touchpoint_id: row.try_get(0)?,
                        step: row.try_get(1)?,
                        happened_on: row.try_get(2)?,
                        what_we_did: row.try_get(3)?,
                        done_by: row.try_get(4)?,
                        outcome: row.try_get(5)?,
                    })
                })
                .collect::<PgResult<Vec<_>>>()?;
            Ok((complaint, steps))
        })
    }

    /// Complaints of contacts not archived whose loop is not closed (no "checked back"), oldest
    /// first. A complaint marked put right before loops existed (no steps) is not listed.
    pub fn open_complaint_loops(&self) -> Result<Vec<OpenLoopRow>> {
        self.run(|client| {
            client
                .query(
                    "SELECT t.id, t.contact_id, t.happened_on, t.note, last.step, last.happened_on
                       FROM touchpoints t
                       JOIN contacts c ON c.id = t.contact_id
                       LEFT JOIN LATERAL (SELECT s.step, s.happened_on FROM complaint_steps s
                                           WHERE s.complaint_id = t.id
                                           ORDER BY s.touchpoint_id DESC LIMIT 1) last ON true
                      WHERE t.kind = 'complaint' AND NOT c.archived
                        AND NOT EXISTS (SELECT 1 FROM complaint_steps s
                                         WHERE s.complaint_id = t.id AND s.step = 'checked_back')
                        AND (NOT t.resolved OR last.step IS NOT NULL)
                      ORDER BY t.happened_on, t.id",
                    &[],
                )?
                .iter()
                .map(|row| {
                    let step: Option<String> = row.try_get(4)?;
                    let on: Option<NaiveDate> = row.try_get(5)?;
                    Ok(OpenLoopRow {
                        complaint_id: row.try_get(0)?,
                        contact_id: row.try_get(1)?,
                        complained_on: row.try_get(2)?,
                        complaint: row.try_get(3)?,
                        last_step: step.zip(on),
                    })
                })
                .collect()
        })
    }

    /// Loops closed between `from` and `to` (inclusive): how many ended happy, and how many in all.
    pub fn loops_closed_between(&self, from: NaiveDate, to: NaiveDate) -> Result<(i64, i64)> {
        self.run(|client| {
            let row = client.query_one(
                "SELECT count(*) FILTER (WHERE outcome = 'happy'), count(*) FROM complaint_steps
                  WHERE step = 'checked_back' AND happened_on BETWEEN $1 AND $2",
                &[&from, &to],
            )?;
            Ok((row.try_get(0)?, row.try_get(1)?))
        })
    }

    /// Which gesture a timeline entry was, if it was one: its kind and delivery.
    pub fn gesture_of(&self, touchpoint_id: i64) -> Result<Option<(String, String)>> {
        self.run(|client| {
            client
                .query_opt(
                    "SELECT kind, delivery FROM gestures WHERE touchpoint_id = $1",
                    &[&touchpoint_id],
                )?
                .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
                .transpose()
        })
    }

    /// The last day each of `contact_ids` was given a gesture of `kind` on or after `since`
    /// (contacts given none are left out).
    pub fn last_gestures(
        &self,
        contact_ids: &[i64],
        kind: &str,
        since: NaiveDate,
    ) -> Result<Vec<(i64, NaiveDate)>> {
        self.run(|client| {
            client
                .query(
                    "SELECT t.contact_id, max(t.happened_on) FROM touchpoints t
                       JOIN gestures g ON g.touchpoint_id = t.id
                      WHERE t.contact_id = ANY($1) AND g.kind = $2 AND t.happened_on >= $3
                      GROUP BY t.contact_id",
                    &[&contact_ids, &kind, &since],
                )?
                .into_iter()
                .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
                .collect()
        })
    }
}

fn touchpoint(client: &mut impl GenericClient, id: i64) -> PgResult<Touchpoint> {
    let row = client
        .query_opt(
            &format!("SELECT {TOUCHPOINT} FROM touchpoints WHERE id = $1"),
            &[&id],
        )?
        .ok_or_else(|| Error::not_found(format!("Touchpoint {id}")))?;
    touchpoint_from_row(&row)
}

fn calendar_row(row: &Row) -> PgResult<CalendarRow> {
    let month: Option<i32> = row.try_get(3)?;
    let day: Option<i32> = row.try_get(4)?;
    let year: Option<i32> = row.try_get(5)?;
    let keep: Option<i32> = row.try_get(8)?;
    Ok(CalendarRow {
        id: row.try_get(0)?,
        display_name: row.try_get(1)?,
        company: row.try_get(2)?,
        // The table's CHECK constraints keep month and day in range.
        birthday: month.zip(day).map(|(month, day)| Birthday {
            month: month.unsigned_abs(),
            day: day.unsigned_abs(),
            year,
        }),
        customer_since: row.try_get(6)?,
        touch_due_on: row.try_get(7)?,
        keep_in_touch_days: keep.map(i32::unsigned_abs),
    })
}

fn insert_step(
    tx: &mut impl GenericClient,
    touchpoint_id: i64,
    contact_id: i64,
    on: NaiveDate,
    step: &NewComplaintStep<'_>,
) -> PgResult<()> {
    // The complaint must be this contact's: a step never lands on another customer's loop.
    let owner: Option<i64> = tx
        .query_opt(
            "SELECT contact_id FROM touchpoints WHERE id = $1 AND kind = 'complaint'",
            &[&step.complaint_id],
        )?
        .map(|row| row.try_get(0))
        .transpose()?;
    if owner != Some(contact_id) {
        return Err(Error::not_found(format!("Complaint {}", step.complaint_id)).into());
    }
    tx.execute(
        "INSERT INTO complaint_steps (touchpoint_id, complaint_id, step, happened_on, what_we_did, done_by, outcome)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            &touchpoint_id,
            &step.complaint_id,
            &step.step,
            &on,
            &step.what_we_did,
            &step.done_by,
            &step.outcome,
        ],
    )?;
    Ok(())
}

/// The gestures and loop steps of a contact's timeline entries (kept when the contact is deleted).
pub(crate) fn timeline_records(
    client: &mut impl GenericClient,
    contact_id: i64,
) -> PgResult<TimelineRecords> {
    let gestures = client
        .query(
            "SELECT g.touchpoint_id, g.kind, g.delivery, g.subject
               FROM gestures g JOIN touchpoints t ON t.id = g.touchpoint_id
              WHERE t.contact_id = $1 ORDER BY g.touchpoint_id",
            &[&contact_id],
        )?
        .iter()
        .map(gesture_record)
        .collect::<PgResult<_>>()?;
    let steps = client
        .query(
            "SELECT s.touchpoint_id, s.complaint_id, s.step, s.happened_on, s.what_we_did,
                    s.done_by, s.outcome
               FROM complaint_steps s JOIN touchpoints t ON t.id = s.touchpoint_id
              WHERE t.contact_id = $1 ORDER BY s.touchpoint_id",
            &[&contact_id],
        )?
        .iter()
        .map(step_record)
        .collect::<PgResult<_>>()?;
    Ok(TimelineRecords {
        gestures,
        steps,
        ..TimelineRecords::default()
    })
}

/// Every gesture and loop step in the book, for a copy into a book file.
pub(crate) fn every_gesture_record(client: &mut impl GenericClient) -> PgResult<TimelineRecords> {
    let gestures = client
        .query(
            "SELECT touchpoint_id, kind, delivery, subject FROM gestures ORDER BY touchpoint_id",
            &[],
        )?
        .iter()
        .map(gesture_record)
        .collect::<PgResult<_>>()?;
    let steps = client
        .query(
            "SELECT touchpoint_id, complaint_id, step, happened_on, what_we_did, done_by, outcome
               FROM complaint_steps ORDER BY touchpoint_id",
            &[],
        )?
        .iter()
        .map(step_record)
        .collect::<PgResult<_>>()?;
    Ok(TimelineRecords {
        gestures,
        steps,
        ..TimelineRecords::default()
    })
}

/// A row of touchpoint_id, kind, delivery, subject.
fn gesture_record(row: &postgres::Row) -> PgResult<GestureRecord> {
    Ok(GestureRecord {
        touchpoint_id: row.try_get(0)?,
        kind: row.try_get(1)?,
        delivery: row.try_get(2)?,
        subject: row.try_get(3)?,
    })
}

/// A row of touchpoint_id, complaint_id, step, happened_on, what_we_did, done_by, outcome.
fn step_record(row: &postgres::Row) -> PgResult<StepRecord> {
    Ok(StepRecord {
        touchpoint_id: row.try_get(0)?,
        complaint_id: row.try_get(1)?,
        step: row.try_get(2)?,
        happened_on: row.try_get(3)?,
        what_we_did: row.try_get(4)?,
        done_by: row.try_get(5)?,
        outcome: row.try_get(6)?,
    })
}

/// Puts the records back once their timeline entries are back (undoing a deletion).
pub(crate) fn put_back_records(
    tx: &mut impl GenericClient,
    records: &TimelineRecords,
) -> PgResult<()> {
    for g in &records.gestures {
        tx.execute(
            "INSERT INTO gestures (touchpoint_id, kind, delivery, subject) VALUES ($1, $2, $3, $4)",
            &[&g.touchpoint_id, &g.kind, &g.delivery, &g.subject],
        )?;
    }
    for s in &records.steps {
        tx.execute(
            "INSERT INTO complaint_steps (touchpoint_id, complaint_id, step, happened_on, what_we_did, done_by, outcome)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[&s.touchpoint_id, &s.complaint_id, &s.step, &s.happened_on, &s.what_we_did, &s.done_by, &s.outcome],
        )?;
    }
    Ok(())
}
