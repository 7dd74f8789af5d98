//! The server book's follow-ups: the book file's functions of the same names (store/follow_ups.rs)
//! in PostgreSQL's SQL. Doing one logs its touchpoint in the same transaction.

use chrono::NaiveDate;
use postgres::{GenericClient, Row};

use super::book::{PgResult, ServerBook};
use super::timeline::insert_touchpoint;
use crate::contacts::{FollowUp, NewFollowUp, NewTouchpoint, Touchpoint};
use crate::error::{Error, Result};

const COLUMNS: &str = "id, contact_id, due_on, note, assigned_to, done_by_touchpoint";

/// How many done follow-ups a contact's page shows under the open ones.
const DONE_SHOWN: i64 = 10;

impl ServerBook {
    /// Adds a follow-up (already validated) to a contact.
    pub fn add_follow_up(&self, contact_id: i64, new: &NewFollowUp) -> Result<FollowUp> {
        self.in_tx(|tx| {
            if tx
                .query_opt("SELECT 1 FROM contacts WHERE id = $1", &[&contact_id])?
                .is_none()
            {
                return Err(Error::not_found(format!("Contact {contact_id}")).into());
            }
            let row = tx.query_one(
                &format!(
                    "INSERT INTO follow_ups (contact_id, due_on, note, assigned_to)
                     VALUES ($1, $2, $3, $4) RETURNING {COLUMNS}"
                ),
                &[&contact_id, &new.due_on, &new.note, &new.assigned_to],
            )?;
            follow_up_from_row(&row)
        })
    }

    pub fn follow_up(&self, id: i64) -> Result<FollowUp> {
        self.run(|client| follow_up(client, id))
    }

    /// Changes a follow-up's day, words or staff member.
    pub fn update_follow_up(&self, id: i64, edit: &NewFollowUp) -> Result<FollowUp> {
        self.in_tx(|tx| {
            let row = tx.query_opt(
                &format!(
                    "UPDATE follow_ups SET due_on = $2, note = $3, assigned_to = $4
                      WHERE id = $1 RETURNING {COLUMNS}"
                ),
                &[&id, &edit.due_on, &edit.note, &edit.assigned_to],
            )?;
            match row {
                Some(row) => follow_up_from_row(&row),
                None => Err(Error::not_found(format!("Follow-up {id}")).into()),
            }
        })
    }

    /// Removes a follow-up (the touchpoint it logged, if done, stays on the timeline).
    pub fn delete_follow_up(&self, id: i64) -> Result<FollowUp> {
        self.in_tx(|tx| {
            let row = tx.query_opt(
                &format!("DELETE FROM follow_ups WHERE id = $1 RETURNING {COLUMNS}"),
                &[&id],
            )?;
            match row {
                Some(row) => follow_up_from_row(&row),
                None => Err(Error::not_found(format!("Follow-up {id}")).into()),
            }
        })
    }

    /// Marks an open follow-up done by logging `entry` on its contact's timeline, in one
    /// transaction; the row is locked first, so two desks doing it at once log it once.
    pub fn complete_follow_up(&self, id: i64, entry: &NewTouchpoint) -> Result<Touchpoint> {
        self.in_tx(|tx| {
            let row = tx.query_opt(
                &format!("SELECT {COLUMNS} FROM follow_ups WHERE id = $1 FOR UPDATE"),
                &[&id],
            )?;
            let open = match row {
                Some(row) => follow_up_from_row(&row)?,
                None => return Err(Error::not_found(format!("Follow-up {id}")).into()),
            };
            if !open.is_open() {
                return Err(Error::Conflict(format!(
                    "Follow-up {id} is already done. To do it again, undo the entry it logged on the timeline."
                ))
                .into());
            }
            let written = insert_touchpoint(tx, open.contact_id, entry)?;
            tx.execute(
                "UPDATE follow_ups SET done_by_touchpoint = $2 WHERE id = $1",
                &[&id, &written.id],
            )?;
            Ok(written)
        })
    }

    /// Open follow-ups of contacts not archived, due on or before `through` (all of them
    /// without it), soonest first: the first `limit`, and how many there are in all.
    pub fn open_follow_ups(
        &self,
        through: Option<NaiveDate>,
        limit: u32,
    ) -> Result<(Vec<FollowUp>, i64)> {
        self.run(|client| {
            let total: i64 = client
                .query_one(
                    "SELECT count(*) FROM follow_ups f JOIN contacts c ON c.id = f.contact_id
                      WHERE f.done_by_touchpoint IS NULL AND ($1::date IS NULL OR f.due_on <= $1)
                        AND NOT c.archived",
                    &[&through],
                )?
                .try_get(0)?;
            let list = client
                .query(
                    "SELECT f.id, f.contact_id, f.due_on, f.note, f.assigned_to, f.done_by_touchpoint
                       FROM follow_ups f JOIN contacts c ON c.id = f.contact_id
                      WHERE f.done_by_touchpoint IS NULL AND ($1::date IS NULL OR f.due_on <= $1)
                        AND NOT c.archived
                      ORDER BY f.due_on, f.id LIMIT $2",
                    &[&through, &i64::from(limit)],
                )?
                .iter()
                .map(follow_up_from_row)
                .collect::<PgResult<Vec<_>>>()?;
            Ok((list, total))
        })
    }
}

/// A contact's open follow-ups, soonest first, then the most recently done few.
pub(crate) fn follow_ups_of(
    client: &mut impl GenericClient,
    contact_id: i64,
) -> PgResult<Vec<FollowUp>> {
    client
        .query(
            &format!(
                "(SELECT {COLUMNS}, 0 AS part FROM follow_ups
                   WHERE contact_id = $1 AND done_by_touchpoint IS NULL)
                 UNION ALL
                 (SELECT {COLUMNS}, 1 AS part FROM follow_ups
                   WHERE contact_id = $1 AND done_by_touchpoint IS NOT NULL
                   ORDER BY done_by_touchpoint DESC LIMIT $2)
                 ORDER BY part, due_on, id"
            ),
            &[&contact_id, &DONE_SHOWN],
        )?
        .iter()
        .map(follow_up_from_row)
        .collect()
}

/// Every follow-up of a contact, open or done (kept whole when the contact is deleted).
pub(crate) fn all_follow_ups_of(
    client: &mut impl GenericClient,
    contact_id: i64,
) -> PgResult<Vec<FollowUp>> {
    client
        .query(
            &format!("SELECT {COLUMNS} FROM follow_ups WHERE contact_id = $1 ORDER BY id"),
            &[&contact_id],
        )?
        .iter()
        .map(follow_up_from_row)
        .collect()
}

/// Every follow-up in the book, for a copy into a book file.
pub(crate) fn every_follow_up(client: &mut impl GenericClient) -> PgResult<Vec<FollowUp>> {
    client
        .query(
            &format!("SELECT {COLUMNS} FROM follow_ups ORDER BY id"),
            &[],
        )?
        .iter()
        .map(follow_up_from_row)
        .collect()
}

/// Puts a follow-up back with its id (undoing a contact's deletion; its timeline is back first).
pub(crate) fn insert_with_id(tx: &mut impl GenericClient, f: &FollowUp) -> PgResult<()> {
    tx.execute(
        "INSERT INTO follow_ups (id, contact_id, due_on, note, assigned_to, done_by_touchpoint)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            &f.id,
            &f.contact_id,
            &f.due_on,
            &f.note,
            &f.assigned_to,
            &f.done_by_touchpoint,
        ],
    )?;
    Ok(())
}

fn follow_up(client: &mut impl GenericClient, id: i64) -> PgResult<FollowUp> {
    match client.query_opt(
        &format!("SELECT {COLUMNS} FROM follow_ups WHERE id = $1"),
        &[&id],
    )? {
        Some(row) => follow_up_from_row(&row),
        None => Err(Error::not_found(format!("Follow-up {id}")).into()),
    }
}

fn follow_up_from_row(row: &Row) -> PgResult<FollowUp> {
    Ok(FollowUp {
        id: row.try_get(0)?,
        contact_id: row.try_get(1)?,
        due_on: row.try_get(2)?,
        note: row.try_get(3)?,
        assigned_to: row.try_get(4)?,
        done_by_touchpoint: row.try_get(5)?,
    })
}
