//! Contacts' own photos (one each): the stored JPEG and its thumbnail.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::{now_timestamp, SqliteStore};
use crate::error::{Error, Result};
use crate::photos::NormalizedPhoto;

impl SqliteStore {
    /// Gives contact `contact_id` this photo, replacing the one it had.
    pub fn set_contact_photo(&mut self, contact_id: i64, photo: &NormalizedPhoto) -> Result<()> {
        let tx = self.write_transaction()?;
        let exists: bool = tx.query_row(
            "SELECT count(*) > 0 FROM contacts WHERE id = ?1",
            [contact_id],
            |row| row.get(0),
        )?;
        if !exists {
            return Err(Error::not_found(format!("Contact {contact_id}")));
        }
        set_contact_photo_tx(&tx, contact_id, photo)?;
        tx.commit()?;
        Ok(())
    }

    /// The contact's photo (or its thumbnail), if it has one.
    pub fn contact_photo(&self, contact_id: i64, thumbnail: bool) -> Result<Option<Vec<u8>>> {
        let sql = if thumbnail {
            "SELECT thumb_jpeg FROM contact_photos WHERE contact_id = ?1"
        } else {
            "SELECT jpeg FROM contact_photos WHERE contact_id = ?1"
        };
        Ok(self
            .conn
            .query_row(sql, [contact_id], |row| row.get(0))
            .optional()?)
    }

    /// Removes the contact's photo; true when there was one.
    pub fn remove_contact_photo(&mut self, contact_id: i64) -> Result<bool> {
        let removed = self
            .conn
            .execute(
                "DELETE FROM contact_photos WHERE contact_id = ?1",
                [contact_id],
            )
            .map_err(|e| self.explain_busy(e))?;
        Ok(removed > 0)
    }

    /// The full photos of those of `contact_ids` that have one, in one query (for an export).
    pub fn contact_photos_jpeg(&self, contact_ids: &[i64]) -> Result<HashMap<i64, Vec<u8>>> {
        if contact_ids.is_empty() {
            return Ok(HashMap::new());
        }
        let ids: Vec<String> = contact_ids.iter().map(i64::to_string).collect();
        let ids = format!("[{}]", ids.join(","));
        let mut stmt = self.conn.prepare_cached(
            "SELECT contact_id, jpeg FROM contact_photos
             WHERE contact_id IN (SELECT value FROM json_each(?1))",
        )?;
        let rows = stmt
            .query_map([ids], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<HashMap<i64, Vec<u8>>>>()?;
        Ok(rows)
    }
}

/// The contact's whole stored photo, read inside a caller's transaction (a deletion's).
pub(crate) fn contact_photo_tx(
    conn: &Connection,
    contact_id: i64,
) -> Result<Option<NormalizedPhoto>> {
    Ok(conn
        .query_row(
            "SELECT jpeg, thumb_jpeg, width, height FROM contact_photos WHERE contact_id = ?1",
            [contact_id],
            |row| {
                Ok(NormalizedPhoto {
                    jpeg: row.get(0)?,
                    thumb_jpeg: row.get(1)?,
                    width: row.get(2)?,
                    height: row.get(3)?,
                })
            },
        )
        .optional()?)
}

/// Replaces the contact's photo inside a caller's transaction (an import's, for one).
pub(crate) fn set_contact_photo_tx(
    conn: &Connection,
    contact_id: i64,
    photo: &NormalizedPhoto,
) -> Result<()> {
    conn.execute(
        "INSERT INTO contact_photos (contact_id, jpeg, thumb_jpeg, width, height, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (contact_id) DO UPDATE SET jpeg = excluded.jpeg,
             thumb_jpeg = excluded.thumb_jpeg, width = excluded.width,
             height = excluded.height, updated_at = excluded.updated_at",
        params![
            contact_id,
            photo.jpeg,
            photo.thumb_jpeg,
            photo.width,
            photo.height,
            now_timestamp()
        ],
    )?;
    Ok(())
}
