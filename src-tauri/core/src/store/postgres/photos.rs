//! The server book's staff members, their photos and team photos, and welcome sends: the file
//! book's functions of the same names (store/photos.rs) in PostgreSQL's SQL.

use postgres::{GenericClient, Row};

use super::book::{PgResult, ServerBook};
use super::timeline::refresh_last_contacted;
use crate::contacts::NewTouchpoint;
use crate::error::{Error, Result};
use crate::photos::{BoardArea, NormalizedPhoto, PhotoInfo, PhotoKind, StaffMember};
use crate::store::{NewPhoto, WelcomeSendRow};

const PHOTO_COLUMNS: &str =
    "id, kind, staff_id, caption, width, height, board_x, board_y, board_w, board_h, octet_length(jpeg)::bigint";

const STAFF_COLUMNS: &str = "s.id, s.name, s.role, s.active,
    (SELECT max(p.id) FROM photos p WHERE p.staff_id = s.id AND p.kind = 'staff')";

fn int(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

impl ServerBook {
    pub fn insert_staff(
        &self,
        name: &str,
        role: &str,
        photo: Option<&NormalizedPhoto>,
    ) -> Result<StaffMember> {
        self.in_tx(|tx| {
            let id: i64 = tx
                .query_one(
                    "INSERT INTO staff (name, role, active) VALUES ($1, $2, true) RETURNING id",
                    &[&name, &role],
                )?
                .try_get(0)?;
            if let Some(photo) = photo {
                insert_photo(
                    tx,
                    &NewPhoto {
                        kind: PhotoKind::Staff,
                        staff_id: Some(id),
                        caption: name,
                        photo,
                    },
                )?;
            }
            staff_member(tx, id)
        })
    }

    pub fn set_staff_active(&self, id: i64, active: bool) -> Result<StaffMember> {
        self.run(|client| {
            if client.execute(
                "UPDATE staff SET active = $2 WHERE id = $1",
                &[&id, &active],
            )? == 0
            {
                return Err(Error::not_found(format!("Staff member {id}")).into());
            }
            staff_member(client, id)
        })
    }

    /// The staff, those working here first, then by name (case aside).
    pub fn staff(&self) -> Result<Vec<StaffMember>> {
        self.run(|client| {
            client
                .query(
                    &format!(
                        "SELECT {STAFF_COLUMNS} FROM staff s
                         ORDER BY s.active DESC, lower(s.name) COLLATE \"C\", s.id"
                    ),
                    &[],
                )?
                .iter()
                .map(staff_row)
                .collect()
        })
    }

    pub fn insert_photo(&self, new: &NewPhoto) -> Result<PhotoInfo> {
        self.in_tx(|tx| {
            if let Some(staff_id) = new.staff_id {
                staff_member(tx, staff_id)?;
            }
            let id = insert_photo(tx, new)?;
            photo_info(tx, id)
        })
    }

    pub fn photos(&self) -> Result<Vec<PhotoInfo>> {
        self.run(|client| {
            client
                .query(
                    &format!("SELECT {PHOTO_COLUMNS} FROM photos ORDER BY kind DESC, id"),
                    &[],
                )?
                .iter()
                .map(photo_row)
                .collect()
        })
    }

    pub fn photo(&self, id: i64) -> Result<PhotoInfo> {
        self.run(|client| photo_info(client, id))
    }

    pub fn photo_jpeg(&self, id: i64, thumbnail: bool) -> Result<Vec<u8>> {
        let column = if thumbnail { "thumb_jpeg" } else { "jpeg" };
        self.run(|client| {
            let row = client
                .query_opt(
                    &format!("SELECT {column} FROM photos WHERE id = $1"),
                    &[&id],
                )?
                .ok_or_else(|| Error::not_found(format!("Photo {id}")))?;
            Ok(row.try_get(0)?)
        })
    }

    pub fn set_photo_board(&self, id: i64, area: BoardArea) -> Result<PhotoInfo> {
        self.run(|client| {
            let changed = client.execute(
                "UPDATE photos SET board_x = $2, board_y = $3, board_w = $4, board_h = $5
                 WHERE id = $1",
                &[
                    &id,
                    &int(area.x),
                    &int(area.y),
                    &int(area.width),
                    &int(area.height),
                ],
            )?;
            if changed == 0 {
                return Err(Error::not_found(format!("Photo {id}")).into());
            }
            photo_info(client, id)
        })
    }

    pub fn delete_photo(&self, id: i64) -> Result<()> {
        self.run(|client| {
            if client.execute("DELETE FROM photos WHERE id = $1", &[&id])? == 0 {
                return Err(Error::not_found(format!("Photo {id}")).into());
            }
            Ok(())
        })
    }

    /// Queues one welcome per contact under a new batch number; returns the batch.
    pub fn queue_welcome_sends(&self, contact_ids: &[i64]) -> Result<i64> {
        self.in_tx(|tx| {
            // Two desks queueing at once must not share a number: the table is locked for it.
            tx.batch_execute("LOCK TABLE welcome_sends IN SHARE ROW EXCLUSIVE MODE")?;
            let batch: i64 = tx
                .query_one("SELECT coalesce(max(batch), 0) + 1 FROM welcome_sends", &[])?
                .try_get(0)?;
            let known: std::collections::BTreeSet<i64> = tx
                .query(
                    "SELECT id FROM contacts WHERE id = ANY($1)",
                    &[&contact_ids],
                )?
                .iter()
                .map(|row| row.try_get(0))
                .collect::<std::result::Result<_, _>>()?;
            if let Some(missing) = contact_ids.iter().find(|id| !known.contains(id)) {
                return Err(Error::not_found(format!("Contact {missing}")).into());
            }
            tx.execute(
                "INSERT INTO welcome_sends (batch, contact_id, status)
                 SELECT $1, id, 'pending' FROM unnest($2::bigint[]) WITH ORDINALITY AS u(id, n)
                 ORDER BY n",
                &[&batch, &contact_ids],
            )?;
            Ok(batch)
        })
    }

    pub fn welcome_sends(&self, batch: i64) -> Result<Vec<WelcomeSendRow>> {
        self.run(|client| {
            client
                .query(
                    "SELECT id, batch, contact_id, status, message_id, error FROM welcome_sends
                     WHERE batch = $1 ORDER BY id",
                    &[&batch],
                )?
                .iter()
                .map(|row| {
                    Ok(WelcomeSendRow {
                        id: row.try_get(0)?,
                        batch: row.try_get(1)?,
                        contact_id: row.try_get(2)?,
                        status: row.try_get(3)?,
                        message_id: row.try_get(4)?,
                        error: row.try_get(5)?,
                    })
                })
                .collect()
        })
    }

    pub fn mark_welcome_sent(
        &self,
        send_id: i64,
        contact_id: i64,
        message_id: &str,
        touchpoint: &NewTouchpoint,
    ) -> Result<()> {
        self.in_tx(|tx| {
            tx.execute(
                "UPDATE welcome_sends SET status = 'sent', message_id = $2, error = '',
                    updated_at = now() WHERE id = $1",
                &[&send_id, &message_id],
            )?;
            tx.execute(
                "INSERT INTO touchpoints (contact_id, kind, happened_on, note, handled_by, resolved)
                 VALUES ($1, $2, $3, $4, $5, false)",
                &[
                    &contact_id,
                    &touchpoint.kind.as_str(),
                    &touchpoint.happened_on,
                    &touchpoint.note,
                    &touchpoint.handled_by,
                ],
            )?;
            refresh_last_contacted(tx, contact_id)
        })
    }

    pub fn mark_welcome_failed(&self, send_id: i64, error: &str) -> Result<()> {
        self.run(|client| {
            client.execute(
                "UPDATE welcome_sends SET status = 'failed', error = $2, updated_at = now()
                 WHERE id = $1",
                &[&send_id, &error],
            )?;
            Ok(())
        })
    }
}

fn insert_photo(tx: &mut impl GenericClient, new: &NewPhoto) -> PgResult<i64> {
    let id: i64 = tx
        .query_one(
            "INSERT INTO photos (kind, staff_id, caption, width, height, jpeg, thumb_jpeg)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            &[
                &new.kind.as_str(),
                &new.staff_id,
                &new.caption,
                &int(new.photo.width),
                &int(new.photo.height),
                &new.photo.jpeg,
                &new.photo.thumb_jpeg,
            ],
        )?
        .try_get(0)?;
    if let (PhotoKind::Staff, Some(staff_id)) = (new.kind, new.staff_id) {
        tx.execute(
            "INSERT INTO photo_staff (photo_id, staff_id) VALUES ($1, $2)",
            &[&id, &staff_id],
        )?;
    }
    Ok(id)
}

fn staff_member(client: &mut impl GenericClient, id: i64) -> PgResult<StaffMember> {
    let row = client
        .query_opt(
            &format!("SELECT {STAFF_COLUMNS} FROM staff s WHERE s.id = $1"),
            &[&id],
        )?
        .ok_or_else(|| Error::not_found(format!("Staff member {id}")))?;
    staff_row(&row)
}

fn staff_row(row: &Row) -> PgResult<StaffMember> {
    Ok(StaffMember {
        id: row.try_get(0)?,
        name: row.try_get(1)?,
        role: row.try_get(2)?,
        active: row.try_get(3)?,
        photo_id: row.try_get(4)?,
    })
}

fn photo_info(client: &mut impl GenericClient, id: i64) -> PgResult<PhotoInfo> {
    let row = client
        .query_opt(
            &format!("SELECT {PHOTO_COLUMNS} FROM photos WHERE id = $1"),
            &[&id],
        )?
        .ok_or_else(|| Error::not_found(format!("Photo {id}")))?;
    photo_row(&row)
}

fn photo_row(row: &Row) -> PgResult<PhotoInfo> {
    let unsigned = |v: i32| u32::try_from(v).unwrap_or(0);
    let kind: String = row.try_get(1)?;
    let corners: [Option<i32>; 4] = [
        row.try_get(6)?,
        row.try_get(7)?,
        row.try_get(8)?,
        row.try_get(9)?,
    ];
    let board = match corners {
        [Some(x), Some(y), Some(width), Some(height)] => Some(BoardArea {
            x: unsigned(x),
            y: unsigned(y),
            width: unsigned(width),
            height: unsigned(height),
        }),
        _ => None,
    };
    Ok(PhotoInfo {
        id: row.try_get(0)?,
        kind: PhotoKind::parse(&kind).unwrap_or(PhotoKind::Team),
        staff_id: row.try_get(2)?,
        caption: row.try_get(3)?,
        width: unsigned(row.try_get(4)?),
        height: unsigned(row.try_get(5)?),
        board,
        bytes: row.try_get(10)?,
    })
}
