//! Correcting a touchpoint logged with the wrong kind, date, note or name: its contact's "last
//! contacted" and keep-in-touch date follow, in the same transaction.

use rusqlite::{params, OptionalExtension};

use super::touchpoints::{refresh_last_contacted, touchpoint_from_row};
use super::SqliteStore;
use crate::contacts::{NewTouchpoint, Touchpoint};
use crate::error::{Error, Result};

impl SqliteStore {
    /// One touchpoint, by id.
    pub fn touchpoint(&self, id: i64) -> Result<Touchpoint> {
        self.conn
            .prepare_cached(
                "SELECT id, contact_id, kind, happened_on, note, handled_by, resolved
                 FROM touchpoints WHERE id = ?1",
            )?
            .query_row([id], touchpoint_from_row)
            .optional()?
            .ok_or_else(|| Error::not_found(format!("Touchpoint {id}")))
    }

    /// Stores a touchpoint's new kind, date, note and handler (already validated). A touchpoint
    /// that is no longer a complaint is no longer "resolved".
    pub fn update_touchpoint(&mut self, id: i64, edit: &NewTouchpoint) -> Result<Touchpoint> {
        let tx = self.write_transaction()?;
        let contact_id: i64 = tx
            .query_row(
                "SELECT contact_id FROM touchpoints WHERE id = ?1",
                [id],
                |row| row.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found(format!("Touchpoint {id}")))?;
        tx.execute(
            "UPDATE touchpoints SET kind = ?2, happened_on = ?3, note = ?4, handled_by = ?5,
                 resolved = CASE WHEN ?2 = 'complaint' THEN resolved ELSE 0 END
             WHERE id = ?1",
            params![
                id,
                edit.kind.as_str(),
                edit.happened_on,
                edit.note,
                edit.handled_by
            ],
        )?;
        refresh_last_contacted(&tx, contact_id)?;
        tx.commit()?;
        self.touchpoint(id)
    }
}
