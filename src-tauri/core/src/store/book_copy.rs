//! A whole book copied from one store into another, ids kept: "Back up" on the team's book
//! writes the ordinary `rapport.db` the owner knows (server → file), and `rapport server init`
//! moves the owner's book onto the new server (file → server). Both read a [`BookCopy`] from
//! one store and fill an empty book of the other with it in one transaction.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::contact_writer::{ContactWriter, DerivedFields};
use super::SqliteStore;
use crate::contacts::{Contact, FollowUp, Referral, TimelineRecords, Touchpoint};
use crate::error::Result;
use crate::photos::NormalizedPhoto;

/// Everything a book is filled with from another book.
#[derive(Default)]
pub(crate) struct BookCopy {
    pub contacts: Vec<Contact>,
    /// Each contact's timeline, by contact id.
    pub timelines: HashMap<i64, Vec<Touchpoint>>,
    pub photos: HashMap<i64, NormalizedPhoto>,
    /// The day a card came back to each contact whose address is marked undeliverable.
    pub undeliverable: Vec<(i64, NaiveDate)>,
    pub settings: Vec<(String, String)>,
    /// The owner's occasions as stored: id, name, kind, rule, month, day, nth, weekday, day.
    pub occasions: Vec<OccasionRow>,
    pub gesture_templates: Vec<super::GestureTemplateRow>,
    pub house_answers: Vec<crate::contacts::HouseAnswer>,
    pub follow_ups: Vec<FollowUp>,
    pub referrals: Vec<Referral>,
    /// What the timeline entries were beyond their words: gestures, complaint steps,
    /// testimonials, replies, gifts, promises.
    pub records: TimelineRecords,
    pub staff: Vec<CopiedStaff>,
    /// Staff portraits and team photos.
    pub staff_photos: Vec<CopiedPhoto>,
    /// Which staff members each team photo shows: photo id, staff id.
    pub photo_staff: Vec<(i64, i64)>,
    /// The highest id each table has handed out (SQLite's AUTOINCREMENT counters), so the book
    /// filled never hands out an id twice, even one of a row since deleted.
    pub last_ids: Vec<(String, i64)>,
}

/// A staff member as stored (a server book's logins stay on the server).
pub(crate) struct CopiedStaff {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub active: bool,
    pub created_at: String,
}

/// A staff portrait or team photo as stored.
pub(crate) struct CopiedPhoto {
    pub id: i64,
    pub kind: String,
    pub staff_id: Option<i64>,
    pub caption: String,
    pub photo: NormalizedPhoto,
    /// The whiteboard area: x, y, width, height.
    pub board: Option<(i64, i64, i64, i64)>,
    pub created_at: String,
}

/// One stored occasion, column by column.
pub(crate) type OccasionRow = (
    i64,
    String,
    String,
    String,
    Option<i32>,
    Option<i32>,
    Option<i32>,
    Option<i32>,
    Option<chrono::NaiveDate>,
);

/// The tables whose ids the copy keeps, with their AUTOINCREMENT counters.
pub(crate) const COUNTED_TABLES: [&str; 9] = [
    "contacts",
    "touchpoints",
    "occasions",
    "staff",
    "photos",
    "follow_ups",
    "companies",
    "tags",
    "house_answers",
];

impl SqliteStore {
    /// The whole book, read in one transaction so it is one moment's book.
    pub(crate) fn book_copy(&self) -> Result<BookCopy> {
        let tx = self.conn.unchecked_transaction()?;
        let contacts = self.every_contact()?;
        let mut copy = BookCopy::default();
        for row in tx
            .prepare(
                "SELECT id, contact_id, kind, happened_on, note, handled_by, resolved
                   FROM touchpoints ORDER BY contact_id, happened_on DESC, id DESC",
            )?
            .query_map([], super::touchpoints::touchpoint_from_row)?
        {
            let touchpoint = row?;
            copy.timelines
                .entry(touchpoint.contact_id)
                .or_default()
                .push(touchpoint);
        }
        for contact in &contacts {
            let id = contact.id;
            if let Some(photo) = super::contact_photos::contact_photo_tx(&tx, id)? {
                copy.photos.insert(id, photo);
            }
            copy.records = std::mem::take(&mut copy.records)
                .joined(super::gestures::timeline_records(&tx, id)?)
                .joined(super::testimonials::records_of(&tx, id)?)
                .joined(super::gifts::records_of(&tx, id)?)
                .joined(super::house_answers::records_of(&tx, id)?);
            copy.follow_ups
                .extend(super::follow_ups::all_follow_ups_of(&tx, id)?);
            // A referral joins two contacts: kept once, from the side of the one referred.
            copy.referrals.extend(
                super::referrals::referrals_of(&tx, id)?
                    .into_iter()
                    .filter(|r| r.contact_id == id),
            );
        }
        copy.contacts = contacts;
        copy.undeliverable = tx
            .prepare(
                "SELECT id, address_undeliverable_on FROM contacts
                  WHERE address_undeliverable_on IS NOT NULL ORDER BY id",
            )?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        copy.settings = tx
            .prepare("SELECT key, value FROM settings ORDER BY key")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        copy.occasions = tx
            .prepare(
                "SELECT id, name, kind, rule, month, day, nth, weekday, on_date
                   FROM occasions ORDER BY id",
            )?
            .query_map([], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    row.get(5)?,
                    row.get(6)?,
                    row.get(7)?,
                    row.get(8)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        copy.gesture_templates = self.gesture_templates()?;
        copy.house_answers = super::house_answers::house_answers(&tx)?;
        copy.staff = tx
            .prepare("SELECT id, name, role, active, created_at FROM staff ORDER BY id")?
            .query_map([], |row| {
                Ok(CopiedStaff {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    role: row.get(2)?,
                    active: row.get(3)?,
                    created_at: row.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        copy.staff_photos = tx
            .prepare(
                "SELECT id, kind, staff_id, caption, jpeg, thumb_jpeg, width, height,
                        board_x, board_y, board_w, board_h, created_at
                   FROM photos ORDER BY id",
            )?
            .query_map([], |row| {
                let board = match (row.get(8)?, row.get(9)?, row.get(10)?, row.get(11)?) {
                    (Some(x), Some(y), Some(w), Some(h)) => Some((x, y, w, h)),
                    _ => None,
                };
                Ok(CopiedPhoto {
                    id: row.get(0)?,
                    kind: row.get(1)?,
                    staff_id: row.get(2)?,
                    caption: row.get(3)?,
                    photo: NormalizedPhoto {
                        jpeg: row.get(4)?,
                        thumb_jpeg: row.get(5)?,
                        width: row.get(6)?,
                        height: row.get(7)?,
                    },
                    board,
                    created_at: row.get(12)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        copy.photo_staff = tx
            .prepare("SELECT photo_id, staff_id FROM photo_staff ORDER BY photo_id, staff_id")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for table in COUNTED_TABLES {
            let counted: Option<i64> = tx
                .query_row(
                    "SELECT seq FROM sqlite_sequence WHERE name = ?1",
                    [table],
                    |row| row.get(0),
                )
                .optional()?;
            if let Some(last) = counted {
                copy.last_ids.push((table.to_string(), last));
            }
        }
        Ok(copy)
    }

    /// Writes `copy` into this (new, empty) book in one transaction.
    pub(crate) fn fill_from(&mut self, copy: &BookCopy) -> Result<()> {
        let tables = ["contacts", "contact_tags", "touchpoints"];
        self.write_in_bulk(copy.contacts.len(), &tables, |tx| {
            let mut writer = ContactWriter::for_bulk(tx)?;
            for contact in &copy.contacts {
                let fields = &contact.fields;
                writer.insert(fields, DerivedFields::of(fields), Some(contact), None)?;
                if let Some(photo) = copy.photos.get(&contact.id) {
                    super::contact_photos::set_contact_photo_tx(tx, contact.id, photo)?;
                }
                for touchpoint in copy.timelines.get(&contact.id).into_iter().flatten() {
                    super::touchpoints::insert_with_id(tx, touchpoint)?;
                }
            }
            writer.finish()?;
            for (id, on) in &copy.undeliverable {
                tx.execute(
                    "UPDATE contacts SET address_undeliverable_on = ?2 WHERE id = ?1",
                    params![id, on],
                )?;
            }
            for (key, value) in &copy.settings {
                tx.execute(
                    "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                    [key, value],
                )?;
            }
            for (id, name, kind, rule, month, day, nth, weekday, on_date) in &copy.occasions {
                tx.execute(
                    "INSERT INTO occasions (id, name, kind, rule, month, day, nth, weekday, on_date, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![id, name, kind, rule, month, day, nth, weekday, on_date, super::now_timestamp()],
                )?;
            }
            for t in &copy.gesture_templates {
                tx.execute(
                    "INSERT OR REPLACE INTO gesture_templates (kind, label, subject, body, builtin)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![t.kind, t.label, t.subject, t.body, t.builtin],
                )?;
            }
            super::gestures::put_back_records(tx, &copy.records)?;
            for follow_up in &copy.follow_ups {
                super::follow_ups::insert_with_id(tx, follow_up)?;
            }
            super::referrals::put_back(tx, &copy.referrals)?;
            super::testimonials::put_back(tx, &copy.records)?;
            super::gifts::put_back(tx, &copy.records)?;
            super::house_answers::put_back(tx, &copy.records)?;
            super::house_answers::put_back_answers(tx, &copy.house_answers)?;
            for s in &copy.staff {
                tx.execute(
                    "INSERT INTO staff (id, name, role, active, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![s.id, s.name, s.role, s.active, s.created_at],
                )?;
            }
            for p in &copy.staff_photos {
                let [x, y, w, h] = board_columns(p.board);
                tx.execute(
                    "INSERT INTO photos (id, kind, staff_id, caption, width, height, jpeg, thumb_jpeg,
                                         board_x, board_y, board_w, board_h, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                    params![
                        p.id, p.kind, p.staff_id, p.caption, p.photo.width, p.photo.height,
                        p.photo.jpeg, p.photo.thumb_jpeg, x, y, w, h, p.created_at
                    ],
                )?;
            }
            for (photo_id, staff_id) in &copy.photo_staff {
                tx.execute(
                    "INSERT INTO photo_staff (photo_id, staff_id) VALUES (?1, ?2)",
                    [photo_id, staff_id],
                )?;
            }
            Ok(())
        })
    }
}

/// A whiteboard area's x, y, width and height as four columns (all NULL without one).
pub(crate) fn board_columns(board: Option<(i64, i64, i64, i64)>) -> [Option<i64>; 4] {
    match board {
        Some((x, y, w, h)) => [Some(x), Some(y), Some(w), Some(h)],
        None => [None; 4],
    }
}
