//! The timeline: dated touchpoints on a contact. Logging one restarts the keep-in-touch clock.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::contact_rows::refresh_touch_due;
use super::{now_timestamp, SqliteStore};
use crate::contacts::{NewTouchpoint, Touchpoint, TouchpointKind};
use crate::error::{Error, Result};

const COLUMNS: &str = "id, contact_id, kind, happened_on, note, handled_by, resolved";

impl SqliteStore {
    /// Logs a touchpoint (already validated) and updates the contact's "last contacted".
    pub fn add_touchpoint(&mut self, contact_id: i64, new: &NewTouchpoint) -> Result<Touchpoint> {
        let tx = self.write_transaction()?;
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
        .execute(params![contact_id, new.kind.as_str(), new.happened_on, new.note, new.handled_by, now_timestamp()])?;
        let id = tx.last_insert_rowid();
        refresh_last_contacted(&tx, contact_id)?;
        let touchpoint = touchpoint(&tx, id)?;
        tx.commit()?;
        Ok(touchpoint)
    }

    /// Marks a complaint as put right (or open again).
    pub fn set_complaint_resolved(
        &mut self,
        touchpoint_id: i64,
        resolved: bool,
    ) -> Result<Touchpoint> {
        let changed = self
            .conn
            .execute(
                "UPDATE touchpoints SET resolved = ?2 WHERE id = ?1 AND kind = 'complaint'",
                params![touchpoint_id, resolved],
            )
            .map_err(|e| self.explain_busy(e))?;
        if changed == 0 {
            return Err(Error::not_found(format!("Complaint {touchpoint_id}")));
        }
        touchpoint(&self.conn, touchpoint_id)
    }

    /// Removes a touchpoint logged by mistake.
    pub fn delete_touchpoint(&mut self, touchpoint_id: i64) -> Result<()> {
        let tx = self.write_transaction()?;
        let contact_id: i64 = tx
            .query_row(
                "SELECT contact_id FROM touchpoints WHERE id = ?1",
                [touchpoint_id],
                |row| row.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found(format!("Touchpoint {touchpoint_id}")))?;
        tx.execute("DELETE FROM touchpoints WHERE id = ?1", [touchpoint_id])?;
        refresh_last_contacted(&tx, contact_id)?;
        tx.commit()?;
        Ok(())
    }

    /// A contact's timeline, newest first.
    pub fn timeline(&self, contact_id: i64) -> Result<Vec<Touchpoint>> {
        timeline(&self.conn, contact_id)
    }

    /// The compliments or complaints (`kind`) handled by `name` (ignoring case), newest first:
    /// the first `limit` with the customer's name, and how many there are in all.
    pub fn feedback_for(
        &self,
        name: &str,
        kind: TouchpointKind,
        limit: u32,
    ) -> Result<(Vec<(String, Touchpoint)>, i64)> {
        let total: i64 = self.conn.prepare_cached(
            "SELECT count(*) FROM touchpoints WHERE kind = ?1 AND handled_by = ?2 COLLATE NOCASE",
        )?
        .query_row(params![kind.as_str(), name], |row| row.get(0))?;
        let rows = self
            .conn
            .prepare_cached(
                "SELECT c.display_name, t.id, t.contact_id, t.kind, t.happened_on, t.note,
                        t.handled_by, t.resolved
                   FROM touchpoints t JOIN contacts c ON c.id = t.contact_id
                  WHERE t.kind = ?1 AND t.handled_by = ?2 COLLATE NOCASE
                  ORDER BY t.happened_on DESC, t.id DESC LIMIT ?3",
            )?
            .query_map(params![kind.as_str(), name, limit], named_touchpoint)?
            .collect::<rusqlite::Result<_>>()?;
        Ok((rows, total))
    }

    /// Compliments and complaints logged from `from` to `to` (inclusive), with the customer's
    /// name, oldest first (the month's "what customers said" page).
    pub fn feedback_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(String, Touchpoint)>> {
        let rows = self
            .conn
            .prepare_cached(&format!(
                "SELECT c.display_name, {} FROM touchpoints t JOIN contacts c ON c.id = t.contact_id
                  WHERE t.kind IN ('compliment', 'complaint') AND t.happened_on BETWEEN ?1 AND ?2
                  ORDER BY t.happened_on, t.id",
                "t.id, t.contact_id, t.kind, t.happened_on, t.note, t.handled_by, t.resolved"
            ))?
            .query_map(params![from, to], named_touchpoint)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Names that have handled touchpoints before, most used first, for suggestions.
    pub fn staff_names(&self) -> Result<Vec<String>> {
        let names = self
            .conn
            .prepare_cached(
                "SELECT handled_by FROM touchpoints WHERE handled_by != ''
                 GROUP BY handled_by ORDER BY count(*) DESC LIMIT 30",
            )?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names)
    }
    /// Logs one "card sent" touchpoint per contact, all in one transaction: either every
    /// contact's timeline shows the card, or (on any error) none does.
    pub fn record_cards_sent(
        &mut self,
        ids: &[i64],
        happened_on: NaiveDate,
        note: &str,
        handled_by: &str,
    ) -> Result<u32> {
        let tx = self.write_transaction()?;
        let created = now_timestamp();
        {
            let mut exists = tx.prepare_cached("SELECT 1 FROM contacts WHERE id = ?1")?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO touchpoints (contact_id, kind, happened_on, note, handled_by, resolved, created_at)
                 VALUES (?1, 'card_sent', ?2, ?3, ?4, 0, ?5)",
            )?;
            for id in ids {
                if exists.query_row([id], |_| Ok(())).optional()?.is_none() {
                    return Err(Error::not_found(format!("Contact {id}")));
                }
                insert.execute(params![id, happened_on, note, handled_by, created])?;
            }
        }
        for id in ids {
            tx.prepare_cached(
                "UPDATE contacts SET last_contacted =
                    (SELECT max(happened_on) FROM touchpoints WHERE contact_id = ?1 AND kind != 'note')
                 WHERE id = ?1",
            )?
            .execute([id])?;
            refresh_touch_due(&tx, *id)?;
        }
        tx.commit()?;
        Ok(u32::try_from(ids.len()).unwrap_or(u32::MAX))
    }
}

pub(super) fn timeline(conn: &Connection, contact_id: i64) -> Result<Vec<Touchpoint>> {
    let touchpoints = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM touchpoints WHERE contact_id = ?1 ORDER BY happened_on DESC, id DESC"
        ))?
        .query_map([contact_id], touchpoint_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(touchpoints)
}

pub(super) fn insert_with_id(conn: &Connection, t: &Touchpoint) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, handled_by, resolved, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![t.id, t.contact_id, t.kind.as_str(), t.happened_on, t.note, t.handled_by, t.resolved, now_timestamp()])?;
    Ok(())
}

/// Sets "last contacted" from the newest touchpoint that counts as being in touch.
pub(super) fn refresh_last_contacted(conn: &Connection, contact_id: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE contacts SET last_contacted =
            (SELECT max(happened_on) FROM touchpoints WHERE contact_id = ?1 AND kind != 'note')
         WHERE id = ?1",
    )?
    .execute([contact_id])?;
    refresh_touch_due(conn, contact_id)
}

pub(super) fn touchpoint(conn: &Connection, id: i64) -> Result<Touchpoint> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM touchpoints WHERE id = ?1"))?
        .query_row([id], touchpoint_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found(format!("Touchpoint {id}")))
}

/// A customer's name (column 0) and one of their touchpoints (the columns after it).
fn named_touchpoint(row: &Row) -> rusqlite::Result<(String, Touchpoint)> {
    let kind: String = row.get(3)?;
    Ok((
        row.get(0)?,
        Touchpoint {
            id: row.get(1)?,
            contact_id: row.get(2)?,
            // The table's CHECK constraint allows only known kinds.
            kind: TouchpointKind::parse(&kind).unwrap_or(TouchpointKind::Note),
            happened_on: row.get(4)?,
            note: row.get(5)?,
            handled_by: row.get(6)?,
            resolved: row.get(7)?,
        },
    ))
}

pub(super) fn touchpoint_from_row(row: &Row) -> rusqlite::Result<Touchpoint> {
    let kind: String = row.get(2)?;
    Ok(Touchpoint {
        id: row.get(0)?,
        contact_id: row.get(1)?,
        // The table's CHECK constraint allows only known kinds.
        kind: TouchpointKind::parse(&kind).unwrap_or(TouchpointKind::Note),
        happened_on: row.get(3)?,
        note: row.get(4)?,
        handled_by: row.get(5)?,
        resolved: row.get(6)?,
    })
}
