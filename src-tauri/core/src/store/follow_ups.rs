//! Follow-ups: dated promises to get back to a customer. Doing one logs its touchpoint in the
//! same transaction; deleting that touchpoint sets `done_by_touchpoint` back to NULL (the
//! foreign key's ON DELETE SET NULL), which opens the follow-up again.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::gestures::insert_entry;
use super::touchpoints::touchpoint;
use super::{now_timestamp, SqliteStore};
use crate::contacts::{FollowUp, NewFollowUp, NewTouchpoint, Touchpoint};
use crate::error::{Error, Result};

const COLUMNS: &str = "id, contact_id, due_on, note, assigned_to, done_by_touchpoint";

/// How many done follow-ups a contact's page shows under the open ones.
const DONE_SHOWN: u32 = 10;

impl SqliteStore {
    /// Adds a follow-up (already validated) to a contact.
    pub fn add_follow_up(&mut self, contact_id: i64, new: &NewFollowUp) -> Result<FollowUp> {
        let tx = self.write_transaction()?;
        if !contact_exists(&tx, contact_id)? {
            return Err(Error::not_found(format!("Contact {contact_id}")));
        }
        tx.prepare_cached(
            "INSERT INTO follow_ups (contact_id, due_on, note, assigned_to, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            contact_id,
            new.due_on,
            new.note,
            new.assigned_to,
            now_timestamp()
        ])?;
        let written = follow_up(&tx, tx.last_insert_rowid())?;
        tx.commit()?;
        Ok(written)
    }

    pub fn follow_up(&self, id: i64) -> Result<FollowUp> {
        follow_up(&self.conn, id)
    }

    /// Changes a follow-up's day, words or staff member.
    pub fn update_follow_up(&mut self, id: i64, edit: &NewFollowUp) -> Result<FollowUp> {
        let tx = self.write_transaction()?;
        let changed = tx
            .prepare_cached(
                "UPDATE follow_ups SET due_on = ?2, note = ?3, assigned_to = ?4 WHERE id = ?1",
            )?
            .execute(params![id, edit.due_on, edit.note, edit.assigned_to])?;
        if changed == 0 {
            return Err(Error::not_found(format!("Follow-up {id}")));
        }
        let written = follow_up(&tx, id)?;
        tx.commit()?;
        Ok(written)
    }

    /// Removes a follow-up (the touchpoint it logged, if done, stays on the timeline).
    pub fn delete_follow_up(&mut self, id: i64) -> Result<FollowUp> {
        let tx = self.write_transaction()?;
        let gone = follow_up(&tx, id)?;
        tx.execute("DELETE FROM follow_ups WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(gone)
    }

    /// Marks an open follow-up done by logging `entry` on its contact's timeline, in one
    /// transaction.
    pub fn complete_follow_up(&mut self, id: i64, entry: &NewTouchpoint) -> Result<Touchpoint> {
        let tx = self.write_transaction()?;
        let open = follow_up(&tx, id)?;
        if !open.is_open() {
            return Err(Error::Conflict(format!(
                "Follow-up {id} is already done. To do it again, undo the entry it logged on the timeline."
            )));
        }
        let touchpoint_id = insert_entry(&tx, open.contact_id, entry)?;
        tx.execute(
            "UPDATE follow_ups SET done_by_touchpoint = ?2 WHERE id = ?1",
            [id, touchpoint_id],
        )?;
        let written = touchpoint(&tx, touchpoint_id)?;
        tx.commit()?;
        Ok(written)
    }

    /// Open follow-ups of contacts not archived, due on or before `through` (all of them
    /// without it), soonest first: the first `limit`, and how many there are in all.
    pub fn open_follow_ups(
        &self,
        through: Option<NaiveDate>,
        limit: u32,
    ) -> Result<(Vec<FollowUp>, i64)> {
        // The open-follow-ups index holds the contact: archived contacts, usually few, are left
        // out without reading each follow-up's contact.
        // Dates are stored as text, so "no end" is the last day text dates compare below.
        let through = through.map_or_else(|| "9999-12-31".to_string(), |day| day.to_string());
        let total: i64 = self.conn.query_row(
            "SELECT count(*) FROM follow_ups INDEXED BY follow_ups_open
              WHERE done_by_touchpoint IS NULL AND due_on <= ?1
                AND contact_id NOT IN (SELECT id FROM contacts WHERE archived = 1)",
            [&through],
            |row| row.get(0),
        )?;
        let list = self
            .conn
            .prepare_cached(
                "SELECT f.id, f.contact_id, f.due_on, f.note, f.assigned_to, f.done_by_touchpoint
                   FROM follow_ups f INDEXED BY follow_ups_open JOIN contacts c ON c.id = f.contact_id
                  WHERE f.done_by_touchpoint IS NULL AND f.due_on <= ?1 AND +c.archived = 0
                  ORDER BY f.due_on, f.id LIMIT ?2",
            )?
            .query_map(params![through, limit], follow_up_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok((list, total))
    }
}

fn contact_exists(conn: &Connection, contact_id: i64) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM contacts WHERE id = ?1", [contact_id], |_| {
            Ok(())
        })
        .optional()?
        .is_some())
}

/// A contact's open follow-ups, soonest first, then the most recently done few.
pub(super) fn follow_ups_of(conn: &Connection, contact_id: i64) -> Result<Vec<FollowUp>> {
    let mut list: Vec<FollowUp> = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM follow_ups WHERE contact_id = ?1 AND done_by_touchpoint IS NULL
              ORDER BY due_on, id"
        ))?
        .query_map([contact_id], follow_up_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let done = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM follow_ups WHERE contact_id = ?1 AND done_by_touchpoint IS NOT NULL
              ORDER BY done_by_touchpoint DESC LIMIT ?2"
        ))?
        .query_map(params![contact_id, DONE_SHOWN], follow_up_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    list.extend(done);
    Ok(list)
}

/// Every follow-up of a contact, open or done (kept whole when the contact is deleted).
pub(super) fn all_follow_ups_of(conn: &Connection, contact_id: i64) -> Result<Vec<FollowUp>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM follow_ups WHERE contact_id = ?1 ORDER BY id"
        ))?
        .query_map([contact_id], follow_up_from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// Puts a follow-up back with its id (undoing a contact's deletion; its timeline is back first).
pub(super) fn insert_with_id(conn: &Connection, f: &FollowUp) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO follow_ups (id, contact_id, due_on, note, assigned_to, done_by_touchpoint, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        f.id,
        f.contact_id,
        f.due_on,
        f.note,
        f.assigned_to,
        f.done_by_touchpoint,
        now_timestamp()
    ])?;
    Ok(())
}

fn follow_up(conn: &Connection, id: i64) -> Result<FollowUp> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM follow_ups WHERE id = ?1"))?
        .query_row([id], follow_up_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found(format!("Follow-up {id}")))
}

fn follow_up_from_row(row: &Row) -> rusqlite::Result<FollowUp> {
    Ok(FollowUp {
        id: row.get(0)?,
        contact_id: row.get(1)?,
        due_on: row.get(2)?,
        note: row.get(3)?,
        assigned_to: row.get(4)?,
        done_by_touchpoint: row.get(5)?,
    })
}
