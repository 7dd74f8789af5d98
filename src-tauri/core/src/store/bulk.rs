//! Writes of many rows at once (sample data, imports): one transaction each, all or nothing.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::{now_timestamp, Store};
use crate::contacts::{NewTouchpoint, TouchpointKind};
use crate::error::{Error, Result};

impl Store {
    /// Logs many touchpoints (already validated) in one transaction: all or none. Each item is
    /// the contact's id, the touchpoint, and for a complaint whether it has been put right
    /// (ignored for other kinds). Afterwards every affected contact's "last contacted" and
    /// keep-in-touch due date are brought up to date once. Returns how many were stored.
    pub fn insert_touchpoints(&mut self, items: &[(i64, NewTouchpoint, bool)]) -> Result<u32> {
        let tx = self.conn.transaction()?;
        // Per contact, the newest day of the new touchpoints that count as being in touch.
        let mut newest: BTreeMap<i64, Option<NaiveDate>> = BTreeMap::new();
        {
            let mut exists = tx.prepare("SELECT 1 FROM contacts WHERE id = ?1")?;
            let mut insert = tx.prepare(
                "INSERT INTO touchpoints (contact_id, kind, happened_on, note, handled_by, resolved, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let now = now_timestamp();
            for (contact_id, new, resolved) in items {
                let entry = match newest.entry(*contact_id) {
                    Entry::Occupied(entry) => entry.into_mut(),
                    Entry::Vacant(entry) => {
                        if !exists.exists([contact_id])? {
                            return Err(Error::not_found(format!("Contact {contact_id}")));
                        }
                        entry.insert(None)
                    }
                };
                if new.kind.counts_as_contact() {
                    *entry = (*entry).max(Some(new.happened_on));
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
            // Adding touchpoints can only move "last contacted" later, so it is the newer of the
            // stored day and the new touchpoints' newest (a note does not count): the same result
            // as recomputing it from the whole timeline, in one write per contact. The due day
            // then runs from it, as `refresh_touch_due` computes it.
            let mut update = tx.prepare(
                "UPDATE contacts SET last_contacted = ?2,
                    touch_due_on = CASE WHEN keep_in_touch_days IS NULL THEN NULL
                        ELSE date(?2, '+' || keep_in_touch_days || ' days') END
                 WHERE id = ?1 AND (last_contacted IS NULL OR last_contacted < ?2)",
            )?;
            for (id, day) in &newest {
                if let Some(day) = day {
                    update.execute(params![id, day])?;
                }
            }
        }
        tx.commit()?;
        Ok(u32::try_from(items.len()).unwrap_or(u32::MAX))
    }
}

impl Store {
    /// Stores new contacts each with its timeline, in one transaction: all or none. "Last
    /// contacted" and the keep-in-touch day are computed as the rows are written, not updated
    /// after. Returns the new ids.
    pub fn insert_contacts_with_history(
        &mut self,
        people: &[(crate::contacts::ContactInput, Vec<(NewTouchpoint, bool)>)],
    ) -> Result<Vec<i64>> {
        let tx = self.conn.transaction()?;
        let mut ids = Vec::with_capacity(people.len());
        {
            let now = now_timestamp();
            let mut insert = tx.prepare_cached(
                "INSERT INTO touchpoints (contact_id, kind, happened_on, note, handled_by, resolved, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for (input, timeline) in people {
                let last_contacted = timeline
                    .iter()
                    .filter(|(t, _)| t.kind.counts_as_contact())
                    .map(|(t, _)| t.happened_on)
                    .max();
                let id =
                    super::contacts::insert_contact_with_history(&tx, input, None, last_contacted)?;
                for (new, resolved) in timeline {
                    let resolved = *resolved && new.kind == TouchpointKind::Complaint;
                    insert.execute(params![
                        id,
                        new.kind.as_str(),
                        new.happened_on,
                        new.note.trim(),
                        new.handled_by.trim(),
                        resolved,
                        now
                    ])?;
                }
                ids.push(id);
            }
        }
        tx.commit()?;
        Ok(ids)
    }
}
