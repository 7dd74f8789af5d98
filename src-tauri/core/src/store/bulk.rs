//! Writes of many rows at once (sample data, imports): one transaction each, all or nothing.

use std::collections::BTreeSet;

use rusqlite::params;

use super::contacts::refresh_touch_due;
use super::{now_timestamp, Store};
use crate::contacts::{NewTouchpoint, TouchpointKind};
use crate::error::{Error, Result};

impl Store {
    /// Logs many touchpoints (already validated) in one transaction: all or none. Each item is
    /// the contact's id, the touchpoint, and for a complaint whether it has been put right
    /// (ignored for other kinds). Afterwards every affected contact's "last contacted" and
    /// keep-in-touch due date are recomputed once. Returns how many touchpoints were stored.
    pub fn insert_touchpoints(&mut self, items: &[(i64, NewTouchpoint, bool)]) -> Result<u32> {
        let tx = self.conn.transaction()?;
        let mut affected = BTreeSet::new();
        {
            let mut exists = tx.prepare("SELECT 1 FROM contacts WHERE id = ?1")?;
            let mut insert = tx.prepare(
                "INSERT INTO touchpoints (contact_id, kind, happened_on, note, handled_by, resolved, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let now = now_timestamp();
            for (contact_id, new, resolved) in items {
                if affected.insert(*contact_id) && !exists.exists([contact_id])? {
                    return Err(Error::not_found(format!("Contact {contact_id}")));
                }
                let resolved = *resolved && new.kind == TouchpointKind::Complaint;
                insert.execute(params![
                    contact_id,
                    new.kind.as_str(),
                    new.happened_on,
                    new.note.trim(),
                    new.handled_by.trim(),
                    resolved,
                    now
                ])?;
            }
        }
        {
            // The same rule as logging one touchpoint: a note is not being in touch.
            let mut last_contacted = tx.prepare(
                "UPDATE contacts SET last_contacted =
                    (SELECT max(happened_on) FROM touchpoints WHERE contact_id = ?1 AND kind != 'note')
                 WHERE id = ?1",
            )?;
            for id in &affected {
                last_contacted.execute([id])?;
                refresh_touch_due(&tx, *id)?;
            }
        }
        tx.commit()?;
        Ok(u32::try_from(items.len()).unwrap_or(u32::MAX))
    }
}
