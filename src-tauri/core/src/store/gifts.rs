//! Gifts and vouchers: each a "gift" entry on the timeline with what it was, its value and the
//! occasion, written in one transaction; deleting the entry (Undo) removes it.

use rusqlite::{params, Connection};

use super::gestures::insert_entry;
use super::touchpoints::touchpoint;
use super::SqliteStore;
use crate::contacts::{GiftRecord, NewGift, NewTouchpoint, TimelineRecords, Touchpoint};
use crate::error::Result;

impl SqliteStore {
    /// Logs a gift (already checked) with its timeline entry, in one transaction.
    pub fn record_gift(
        &mut self,
        contact_id: i64,
        entry: &NewTouchpoint,
        gift: &NewGift,
    ) -> Result<Touchpoint> {
        let tx = self.write_transaction()?;
        let id = insert_entry(&tx, contact_id, entry)?;
        tx.execute(
            "INSERT INTO gifts (touchpoint_id, what, value_cents, occasion) VALUES (?1, ?2, ?3, ?4)",
            params![id, gift.what, gift.value_cents, gift.occasion],
        )?;
        let written = touchpoint(&tx, id)?;
        tx.commit()?;
        Ok(written)
    }

    /// The gifts given to a contact, oldest first.
    pub fn gifts_of(&self, contact_id: i64) -> Result<Vec<GiftRecord>> {
        gifts_of(&self.conn, contact_id)
    }
}

pub(super) fn gifts_of(conn: &Connection, contact_id: i64) -> Result<Vec<GiftRecord>> {
    Ok(conn
        .prepare_cached(
            "SELECT g.touchpoint_id, g.what, g.value_cents, g.occasion
               FROM gifts g JOIN touchpoints t ON t.id = g.touchpoint_id
              WHERE t.contact_id = ?1 ORDER BY g.touchpoint_id",
        )?
        .query_map([contact_id], |row| {
            Ok(GiftRecord {
                touchpoint_id: row.get(0)?,
                what: row.get(1)?,
                value_cents: row.get(2)?,
                occasion: row.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// A contact's gifts as records kept when the contact is deleted.
pub(super) fn records_of(conn: &Connection, contact_id: i64) -> Result<TimelineRecords> {
    Ok(TimelineRecords {
        gifts: gifts_of(conn, contact_id)?,
        ..TimelineRecords::default()
    })
}

/// Puts gifts back once their entries are back (undoing a deletion, or filling a copy).
pub(super) fn put_back(conn: &Connection, records: &TimelineRecords) -> Result<()> {
    for g in &records.gifts {
        conn.execute(
            "INSERT OR IGNORE INTO gifts (touchpoint_id, what, value_cents, occasion)
             VALUES (?1, ?2, ?3, ?4)",
            params![g.touchpoint_id, g.what, g.value_cents, g.occasion],
        )?;
    }
    Ok(())
}
