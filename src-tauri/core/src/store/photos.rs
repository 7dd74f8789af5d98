//! Staff members, their photos and team photos (JPEG BLOBs), and welcome sends.

use rusqlite::{params, OptionalExtension, Row};

use super::{now_timestamp, SqliteStore};
use crate::contacts::{NewTouchpoint, TouchpointKind};
use crate::error::{Error, Result};
use crate::photos::{BoardArea, NormalizedPhoto, PhotoInfo, PhotoKind, StaffMember};

const PHOTO_COLUMNS: &str =
    "id, kind, staff_id, caption, width, height, board_x, board_y, board_w, board_h, length(jpeg)";

/// A photo to store; a portrait names the staff member it shows.
pub struct NewPhoto<'a> {
    pub kind: PhotoKind,
    pub staff_id: Option<i64>,
    pub caption: &'a str,
    pub photo: &'a NormalizedPhoto,
}

/// One welcome message of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WelcomeSendRow {
    pub id: i64,
    pub batch: i64,
    pub contact_id: i64,
    pub status: String,
    pub message_id: String,
    pub error: String,
}

impl SqliteStore {
    /// Adds a staff member, with their portrait when given, in one transaction.
    pub fn insert_staff(
        &mut self,
        name: &str,
        role: &str,
        photo: Option<&NormalizedPhoto>,
    ) -> Result<StaffMember> {
        let tx = self.write_transaction()?;
        tx.execute(
            "INSERT INTO staff (name, role, active, created_at) VALUES (?1, ?2, 1, ?3)",
            params![name, role, now_timestamp()],
        )?;
        let id = tx.last_insert_rowid();
        if let Some(photo) = photo {
            insert_photo(
                &tx,
                &NewPhoto {
                    kind: PhotoKind::Staff,
                    staff_id: Some(id),
                    caption: name,
                    photo,
                },
            )?;
        }
        let member = staff_member(&tx, id)?;
        tx.commit()?;
        Ok(member)
    }

    pub fn set_staff_active(&mut self, id: i64, active: bool) -> Result<StaffMember> {
        let changed = self
            .conn
            .execute(
                "UPDATE staff SET active = ?2 WHERE id = ?1",
                params![id, active],
            )
            .map_err(|e| self.explain_busy(e))?;
        if changed == 0 {
            return Err(Error::not_found(format!("Staff member {id}")));
        }
        staff_member(&self.conn, id)
    }

    pub fn staff(&self) -> Result<Vec<StaffMember>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.name, s.role, s.active,
                    (SELECT max(p.id) FROM photos p WHERE p.staff_id = s.id AND p.kind = 'staff')
             FROM staff s ORDER BY s.active DESC, s.name COLLATE NOCASE, s.id",
        )?;
        let rows = stmt
            .query_map([], staff_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn insert_photo(&mut self, new: &NewPhoto) -> Result<PhotoInfo> {
        let tx = self.write_transaction()?;
        if let Some(staff_id) = new.staff_id {
            staff_member(&tx, staff_id)?;
        }
        let id = insert_photo(&tx, new)?;
        let info = photo_info(&tx, id)?;
        tx.commit()?;
        Ok(info)
    }

    pub fn photos(&self) -> Result<Vec<PhotoInfo>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PHOTO_COLUMNS} FROM photos ORDER BY kind DESC, id"
        ))?;
        let rows = stmt
            .query_map([], photo_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn photo(&self, id: i64) -> Result<PhotoInfo> {
        photo_info(&self.conn, id)
    }

    /// The stored JPEG, or its thumbnail.
    pub fn photo_jpeg(&self, id: i64, thumbnail: bool) -> Result<Vec<u8>> {
        let column = if thumbnail { "thumb_jpeg" } else { "jpeg" };
        self.conn
            .query_row(
                &format!("SELECT {column} FROM photos WHERE id = ?1"),
                [id],
                |row| row.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found(format!("Photo {id}")))
    }

    pub fn set_photo_board(&mut self, id: i64, area: BoardArea) -> Result<PhotoInfo> {
        let changed = self.conn.execute(
            "UPDATE photos SET board_x = ?2, board_y = ?3, board_w = ?4, board_h = ?5 WHERE id = ?1",
            params![id, area.x, area.y, area.width, area.height],
        ).map_err(|e| self.explain_busy(e))?;
        if changed == 0 {
            return Err(Error::not_found(format!("Photo {id}")));
        }
        photo_info(&self.conn, id)
    }

    pub fn delete_photo(&mut self, id: i64) -> Result<()> {
        if self
            .conn
            .execute("DELETE FROM photos WHERE id = ?1", [id])
            .map_err(|e| self.explain_busy(e))?
            == 0
        {
            return Err(Error::not_found(format!("Photo {id}")));
        }
        Ok(())
    }

    /// Queues one pending welcome per contact under a new batch number.
    pub fn queue_welcome_sends(&mut self, contact_ids: &[i64]) -> Result<i64> {
        let tx = self.write_transaction()?;
        let batch: i64 = tx.query_row(
            "SELECT coalesce(max(batch), 0) + 1 FROM welcome_sends",
            [],
            |row| row.get(0),
        )?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO welcome_sends (batch, contact_id, status, updated_at)
                 VALUES (?1, ?2, 'pending', ?3)",
            )?;
            let now = now_timestamp();
            for id in contact_ids {
                insert.execute(params![batch, id, now]).map_err(|e| {
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) {
                        Error::not_found(format!("Contact {id}"))
                    } else {
                        e.into()
                    }
                })?;
            }
        }
        tx.commit()?;
        Ok(batch)
    }

    /// The batch's messages, in the order they were queued.
    pub fn welcome_sends(&self, batch: i64) -> Result<Vec<WelcomeSendRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, batch, contact_id, status, message_id, error FROM welcome_sends
             WHERE batch = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([batch], |row| {
                Ok(WelcomeSendRow {
                    id: row.get(0)?,
                    batch: row.get(1)?,
                    contact_id: row.get(2)?,
                    status: row.get(3)?,
                    message_id: row.get(4)?,
                    error: row.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Marks a message sent and records the welcome on the contact's timeline, together.
    pub fn mark_welcome_sent(
        &mut self,
        send_id: i64,
        contact_id: i64,
        message_id: &str,
        touchpoint: &NewTouchpoint,
    ) -> Result<()> {
        debug_assert_eq!(touchpoint.kind, TouchpointKind::WelcomeSent);
        let tx = self.write_transaction()?;
        tx.execute(
            "UPDATE welcome_sends SET status = 'sent', message_id = ?2, error = '', updated_at = ?3
             WHERE id = ?1",
            params![send_id, message_id, now_timestamp()],
        )?;
        tx.execute(
            "INSERT INTO touchpoints (contact_id, kind, happened_on, note, handled_by, resolved, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)",
            params![
                contact_id,
                touchpoint.kind.as_str(),
                touchpoint.happened_on,
                touchpoint.note,
                touchpoint.handled_by,
                now_timestamp()
            ],
        )?;
        super::touchpoints::refresh_last_contacted(&tx, contact_id)?;
        tx.commit()?;
        Ok(())
    }

    pub fn mark_welcome_failed(&mut self, send_id: i64, error: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE welcome_sends SET status = 'failed', error = ?2, updated_at = ?3 WHERE id = ?1",
            params![send_id, error, now_timestamp()],
        ).map_err(|e| self.explain_busy(e))?;
        Ok(())
    }
}

fn insert_photo(conn: &rusqlite::Connection, new: &NewPhoto) -> Result<i64> {
    conn.execute(
        "INSERT INTO photos (kind, staff_id, caption, width, height, jpeg, thumb_jpeg, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            new.kind.as_str(),
            new.staff_id,
            new.caption,
            new.photo.width,
            new.photo.height,
            new.photo.jpeg,
            new.photo.thumb_jpeg,
            now_timestamp()
        ],
    )?;
    let id = conn.last_insert_rowid();
    if let (PhotoKind::Staff, Some(staff_id)) = (new.kind, new.staff_id) {
        conn.execute(
            "INSERT INTO photo_staff (photo_id, staff_id) VALUES (?1, ?2)",
            params![id, staff_id],
        )?;
    }
    Ok(id)
}

fn staff_member(conn: &rusqlite::Connection, id: i64) -> Result<StaffMember> {
    conn.query_row(
        "SELECT s.id, s.name, s.role, s.active,
                (SELECT max(p.id) FROM photos p WHERE p.staff_id = s.id AND p.kind = 'staff')
         FROM staff s WHERE s.id = ?1",
        [id],
        staff_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found(format!("Staff member {id}")))
}

fn staff_row(row: &Row) -> rusqlite::Result<StaffMember> {
    Ok(StaffMember {
        id: row.get(0)?,
        name: row.get(1)?,
        role: row.get(2)?,
        active: row.get(3)?,
        photo_id: row.get(4)?,
    })
}

fn photo_info(conn: &rusqlite::Connection, id: i64) -> Result<PhotoInfo> {
    conn.query_row(
        &format!("SELECT {PHOTO_COLUMNS} FROM photos WHERE id = ?1"),
        [id],
        photo_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found(format!("Photo {id}")))
}

fn photo_row(row: &Row) -> rusqlite::Result<PhotoInfo> {
    let kind: String = row.get(1)?;
    let board = match (row.get(6)?, row.get(7)?, row.get(8)?, row.get(9)?) {
        (Some(x), Some(y), Some(width), Some(height)) => Some(BoardArea {
            x,
            y,
            width,
            height,
        }),
        _ => None,
    };
    Ok(PhotoInfo {
        id: row.get(0)?,
        kind: PhotoKind::parse(&kind).unwrap_or(PhotoKind::Team),
        staff_id: row.get(2)?,
        caption: row.get(3)?,
        width: row.get(4)?,
        height: row.get(5)?,
        board,
        bytes: row.get(10)?,
    })
}
