//! The whole server book read into a [`BookCopy`] ("Back up" writes it into a new book file),
//! and an empty server book filled from one (`rapport server init` moves the owner's book file
//! onto the server): same ids, same timelines, photos and records (see store/book_copy.rs).

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use postgres::{GenericClient, Transaction};

use super::book::{Fail, PgResult, ServerBook};
use super::bulk::{line, refresh_statistics, BulkWriter, Kept, Pending};
use super::contact_rows::moment_sql;
use super::timeline::touchpoint_from_row;
use crate::contacts::Touchpoint;
use crate::error::{Error, Result};
use crate::photos::NormalizedPhoto;
use crate::store::book_copy::{board_columns, BookCopy, CopiedPhoto, CopiedStaff, COUNTED_TABLES};
use crate::store::contact_writer::DerivedFields;
use crate::store::SqliteStore;

/// Contacts written per round of COPY statements.
const CHUNK: usize = 5_000;

impl ServerBook {
    /// Writes the whole book into a new book file at `path` (which must not hold a book yet).
    pub fn copy_to_file(&self, path: &Path) -> Result<()> {
        let copy = self.book_copy()?;
        let mut file = SqliteStore::open(path)?;
        file.fill_from(&copy)
    }

    /// The whole book as stored.
    pub(crate) fn book_copy(&self) -> Result<BookCopy> {
        let mut copy = BookCopy {
            contacts: self.every_contact()?,
            ..BookCopy::default()
        };
        self.run(|client| {
            for row in client.query(
                "SELECT id, contact_id, kind, happened_on, note, handled_by, resolved
                 FROM touchpoints ORDER BY contact_id, happened_on DESC, id DESC",
                &[],
            )? {
                let touchpoint = touchpoint_from_row(&row)?;
                copy.timelines
                    .entry(touchpoint.contact_id)
                    .or_default()
                    .push(touchpoint);
            }
            let mut photos = HashMap::new();
            for row in client.query(
                "SELECT contact_id, jpeg, thumb_jpeg, width, height FROM contact_photos",
                &[],
            )? {
                photos.insert(
                    row.try_get::<_, i64>(0)?,
                    NormalizedPhoto {
                        jpeg: row.try_get(1)?,
                        thumb_jpeg: row.try_get(2)?,
                        width: size(row.try_get(3)?),
                        height: size(row.try_get(4)?),
                    },
                );
            }
            copy.photos = photos;
            for row in client.query(
                "SELECT id, address_undeliverable_on FROM contacts
                  WHERE address_undeliverable_on IS NOT NULL ORDER BY id",
                &[],
            )? {
                copy.undeliverable.push((row.try_get(0)?, row.try_get(1)?));
            }
            for row in client.query("SELECT key, value FROM settings ORDER BY key", &[])? {
                copy.settings.push((row.try_get(0)?, row.try_get(1)?));
            }
            for row in client.query(
                "SELECT id, name, kind, rule, month, day, nth, weekday, on_date
                 FROM occasions ORDER BY id",
                &[],
            )? {
                copy.occasions.push((
                    row.try_get(0)?,
                    row.try_get(1)?,
                    row.try_get(2)?,
                    row.try_get(3)?,
                    row.try_get(4)?,
                    row.try_get(5)?,
                    row.try_get(6)?,
                    row.try_get(7)?,
                    row.try_get(8)?,
                ));
            }
            copy.follow_ups = super::follow_ups::every_follow_up(client)?;
            copy.referrals = super::referrals::every_referral(client)?;
            copy.records = super::gestures::every_gesture_record(client)?
                .joined(super::testimonials::every_record(client)?)
                .joined(super::gifts::every_gift(client)?)
                .joined(super::house_answers::every_promise(client)?);
            for row in client.query(
                &format!(
                    "SELECT id, name, role, active, {} FROM staff ORDER BY id",
                    moment_sql("created_at")
                ),
                &[],
            )? {
                copy.staff.push(CopiedStaff {
                    id: row.try_get(0)?,
                    name: row.try_get(1)?,
                    role: row.try_get(2)?,
                    active: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                });
            }
            for row in client.query(
                &format!(
                    "SELECT id, kind, staff_id, caption, jpeg, thumb_jpeg, width, height,
                            board_x, board_y, board_w, board_h, {}
                       FROM photos ORDER BY id",
                    moment_sql("created_at")
                ),
                &[],
            )? {
                let side = |i: usize| -> PgResult<Option<i64>> {
                    Ok(row.try_get::<_, Option<i32>>(i)?.map(i64::from))
                };
                let board = match (side(8)?, side(9)?, side(10)?, side(11)?) {
                    (Some(x), Some(y), Some(w), Some(h)) => Some((x, y, w, h)),
                    _ => None,
                };
                copy.staff_photos.push(CopiedPhoto {
                    id: row.try_get(0)?,
                    kind: row.try_get(1)?,
                    staff_id: row.try_get(2)?,
                    caption: row.try_get(3)?,
                    photo: NormalizedPhoto {
                        jpeg: row.try_get(4)?,
                        thumb_jpeg: row.try_get(5)?,
                        width: size(row.try_get(6)?),
                        height: size(row.try_get(7)?),
                    },
                    board,
                    created_at: row.try_get(12)?,
                });
            }
            for row in client.query(
                "SELECT photo_id, staff_id FROM photo_staff ORDER BY photo_id, staff_id",
                &[],
            )? {
                copy.photo_staff.push((row.try_get(0)?, row.try_get(1)?));
            }
            Ok(())
        })?;
        copy.gesture_templates = self.gesture_templates()?;
        copy.house_answers = self.house_answers()?;
        Ok(copy)
    }

    /// Whether the book is empty: no customers and no photos. Staff without photos may be
    /// there already (the owner's login made by `rapport server init` names them); they are
    /// merged with the staff moved in.
    pub fn is_empty_book(&self) -> Result<bool> {
        self.run(|client| Ok(!holds_anything(client)?))
    }

    /// Fills this book, which must hold no customers or photos yet, with `copy`: one
    /// transaction, contacts and timelines through `COPY`, every id kept. Returns how many
    /// contacts were written.
    pub(crate) fn fill_from(&self, copy: &BookCopy) -> Result<usize> {
        self.in_tx(|tx| {
            if holds_anything(tx)? {
                return Err(Fail::App(Error::Conflict(
                    "The book on the server already holds customers or photos, so nothing was copied into it: a book is only moved into an empty one.".into(),
                )));
            }
            // Staff already here (logins made before the move) step aside for the moved ids
            // and come back after, joined to the moved member of the same name.
            let waiting = tx.query(
                "DELETE FROM staff RETURNING name, role, active, login",
                &[],
            )?;
            write_contacts(tx, copy)?;
            write_rest(tx, copy)?;
            for table in COUNTED_TABLES {
                let counted = copy
                    .last_ids
                    .iter()
                    .find(|(name, _)| name == table)
                    .map_or(0, |(_, last)| *last);
                // The next id is past both the copied rows and every id the file handed out.
                tx.execute(
                    &format!(
                        "SELECT setval(pg_get_serial_sequence('{table}', 'id'), greatest($1::bigint, max(id)), true)
                           FROM {table} HAVING greatest($1::bigint, max(id)) > 0"
                    ),
                    &[&counted],
                )?;
            }
            for row in waiting {
                let (name, role, active, login): (String, String, bool, Option<String>) =
                    (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?, row.try_get(3)?);
                let joined = tx.execute(
                    "UPDATE staff SET login = coalesce(login, $2)
                      WHERE id = (SELECT id FROM staff WHERE lower(name) = lower($1)
                                   ORDER BY active DESC, id LIMIT 1)",
                    &[&name, &login],
                )?;
                if joined == 0 {
                    tx.execute(
                        "INSERT INTO staff (name, role, active, login) VALUES ($1, $2, $3, $4)",
                        &[&name, &role, &active, &login],
                    )?;
                }
            }
            refresh_statistics(tx, copy.contacts.len())?;
            Ok(copy.contacts.len())
        })
    }
}

/// Whether the book holds customers or photos: a book is only moved into one that does not.
fn holds_anything(client: &mut impl GenericClient) -> PgResult<bool> {
    Ok(client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM contacts) OR EXISTS (SELECT 1 FROM photos)",
            &[],
        )?
        .try_get(0)?)
}

/// The contacts with their companies (ids kept), photos and timelines.
fn write_contacts(tx: &mut Transaction<'_>, copy: &BookCopy) -> PgResult<()> {
    for contact in &copy.contacts {
        if let (Some(id), Some((name, key))) = (
            contact.company_id,
            DerivedFields::of(&contact.fields).company(),
        ) {
            tx.execute(
                "INSERT INTO companies (id, name, name_key) VALUES ($1, $2, $3)
                 ON CONFLICT DO NOTHING",
                &[&id, &name, &key],
            )?;
        }
    }
    let mut writer = BulkWriter::default();
    for chunk in copy.contacts.chunks(CHUNK) {
        let pending = chunk
            .iter()
            .map(|contact| Pending {
                input: Arc::new(contact.fields.clone()),
                derived: DerivedFields::of(&contact.fields),
                photo: copy.photos.get(&contact.id).cloned(),
                timeline: Vec::new(),
                kept: Some(Kept {
                    id: contact.id,
                    archived: contact.archived,
                    created_at: contact.created_at.clone(),
                    updated_at: contact.updated_at.clone(),
                    last_contacted: contact.last_contacted,
                }),
            })
            .collect();
        writer.write(tx, pending)?;
        let entries: Vec<&Touchpoint> = chunk
            .iter()
            .flat_map(|c| copy.timelines.get(&c.id).into_iter().flatten())
            .collect();
        copy_touchpoints(tx, &entries)?;
    }
    Ok(())
}

/// Timeline entries with their ids, through one COPY.
fn copy_touchpoints(tx: &mut Transaction<'_>, entries: &[&Touchpoint]) -> PgResult<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let mut text = String::new();
    for t in entries {
        line(
            &mut text,
            &[
                Some(&t.id.to_string()),
                Some(&t.contact_id.to_string()),
                Some(t.kind.as_str()),
                Some(&t.happened_on.to_string()),
                Some(&t.note),
                Some(&t.handled_by),
                Some(if t.resolved { "t" } else { "f" }),
            ],
        );
    }
    let mut writer = tx.copy_in(
        "COPY touchpoints (id, contact_id, kind, happened_on, note, handled_by, resolved) FROM STDIN",
    )?;
    writer.write_all(text.as_bytes()).map_err(|e| {
        Fail::App(Error::Conflict(format!(
            "Writing to the server failed: {e}"
        )))
    })?;
    writer.finish()?;
    Ok(())
}

/// Everything else: marks, settings, occasions, templates, records, staff and their photos.
fn write_rest(tx: &mut Transaction<'_>, copy: &BookCopy) -> PgResult<()> {
    for (id, on) in &copy.undeliverable {
        tx.execute(
            "UPDATE contacts SET address_undeliverable_on = $2 WHERE id = $1",
            &[id, on],
        )?;
    }
    for (key, value) in &copy.settings {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[key, value],
        )?;
    }
    for (id, name, kind, rule, month, day, nth, weekday, on_date) in &copy.occasions {
        tx.execute(
            "INSERT INTO occasions (id, name, kind, rule, month, day, nth, weekday, on_date)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &[id, name, kind, rule, month, day, nth, weekday, on_date],
        )?;
    }
    for t in &copy.gesture_templates {
        tx.execute(
            "INSERT INTO gesture_templates (kind, label, subject, body, builtin)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (kind) DO UPDATE SET label = $2, subject = $3, body = $4, builtin = $5",
            &[&t.kind, &t.label, &t.subject, &t.body, &t.builtin],
        )?;
    }
    super::gestures::put_back_records(tx, &copy.records)?;
    super::testimonials::put_back(tx, &copy.records)?;
    super::gifts::put_back(tx, &copy.records)?;
    super::house_answers::put_back(tx, &copy.records)?;
    super::house_answers::put_back_answers(tx, &copy.house_answers)?;
    for follow_up in &copy.follow_ups {
        super::follow_ups::insert_with_id(tx, follow_up)?;
    }
    super::referrals::put_back(tx, &copy.referrals)?;
    for s in &copy.staff {
        tx.execute(
            "INSERT INTO staff (id, name, role, active, created_at)
             VALUES ($1, $2, $3, $4, ($5::text)::timestamptz)",
            &[&s.id, &s.name, &s.role, &s.active, &s.created_at],
        )?;
    }
    for p in &copy.staff_photos {
        let [x, y, w, h] = board_columns(p.board).map(|side| side.map(clamp_i32));
        tx.execute(
            "INSERT INTO photos (id, kind, staff_id, caption, width, height, jpeg, thumb_jpeg,
                                 board_x, board_y, board_w, board_h, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, ($13::text)::timestamptz)",
            &[
                &p.id,
                &p.kind,
                &p.staff_id,
                &p.caption,
                &clamp_i32(i64::from(p.photo.width)),
                &clamp_i32(i64::from(p.photo.height)),
                &p.photo.jpeg,
                &p.photo.thumb_jpeg,
                &x,
                &y,
                &w,
                &h,
                &p.created_at,
            ],
        )?;
    }
    for (photo_id, staff_id) in &copy.photo_staff {
        tx.execute(
            "INSERT INTO photo_staff (photo_id, staff_id) VALUES ($1, $2)",
            &[photo_id, staff_id],
        )?;
    }
    Ok(())
}

/// A picture's side as stored (a checked picture is never wider than a few thousand pixels).
fn size(side: i32) -> u32 {
    u32::try_from(side).unwrap_or(0)
}

fn clamp_i32(value: i64) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}
