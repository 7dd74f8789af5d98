//! The server arm of the store: the same functions as the SQLite book, in PostgreSQL's SQL.
//! The words, keys and derived fields are worked out in Rust exactly as for the file
//! ([`DerivedFields`]), so both books hold the same rows; only the statements differ.
//!
//! The client needs `&mut` for every statement while the store's readers take `&self`, so it
//! sits behind a mutex (never held across a call back into the book).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use postgres::{Client, Row};

use super::contact_rows::{
    contact_photo, contact_version, insert_contact, load_contact, moment_sql, refresh_touch_due,
    set_contact_photo, update_contact,
};
pub(crate) use super::error::{Fail, PgResult};
use super::{PgStore, ServerError};
use crate::contacts::{Contact, ContactDetail, ContactInput, DeletedContact, LastChange};
use crate::error::{Error, Result};
use crate::photos::NormalizedPhoto;
use crate::store::contact_writer::DerivedFields;

/// The team's book on a server, as one desk has it open.
pub struct ServerBook {
    store: Mutex<PgStore>,
    /// Where the book file would be in this data folder (kept clear by the output guard).
    path: PathBuf,
    server: String,
    login: String,
}

impl ServerBook {
    /// The book `store` is signed in to, for the data folder `data_dir`.
    pub fn new(store: PgStore, data_dir: &Path) -> ServerBook {
        let server = store.address().to_string();
        let login = store.login().to_string();
        ServerBook {
            store: Mutex::new(store),
            path: data_dir.join(crate::store::DATABASE_FILE),
            server,
            login,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The server and database, `host:port/database`.
    pub fn server(&self) -> &str {
        &self.server
    }

    /// The signed-in person's login.
    pub fn login(&self) -> &str {
        &self.login
    }

    /// The signed-in person as the team knows them: the staff member who has this login, else
    /// the login itself.
    pub fn signed_in_name(&self) -> Result<String> {
        self.run(|client| {
            Ok(client
                .query_one(
                    "SELECT coalesce((SELECT name FROM staff WHERE login = session_user LIMIT 1),
                                     session_user::text)",
                    &[],
                )?
                .try_get(0)?)
        })
    }

    /// How to open this desk's listening connection, and the server process of its own
    /// connection (whose notices the listener leaves out).
    pub fn listening_spec(&self) -> Result<(super::ConnectSpec, i32)> {
        let store = self.lock()?;
        Ok((store.spec().clone(), store.session_pid()))
    }

    pub fn schema_version(&self) -> Result<u32> {
        let mut store = self.lock()?;
        Ok(store.schema_version()?)
    }

    pub fn write_horizon(&self) -> Result<String> {
        let mut store = self.lock()?;
        Ok(store.write_horizon()?)
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, PgStore>> {
        // A panic while the client was in use leaves it mid-statement: not to be used again.
        self.store.lock().map_err(|_| {
            ServerError::Unreachable {
                server: self.server.clone(),
                detail: "the connection was left broken by an earlier failure; open the book again"
                    .into(),
            }
            .into()
        })
    }

    /// Runs `work` on the connection; a server error comes back named for the owner.
    pub(crate) fn run<T>(&self, work: impl FnOnce(&mut Client) -> PgResult<T>) -> Result<T> {
        let mut store = self.lock()?;
        let result = work(store.client());
        result.map_err(|fail| match fail {
            Fail::Db(e) => ServerError::from_db(&self.server, &self.login, &e).into(),
            Fail::App(e) => e,
        })
    }

    /// Runs `work` in one transaction: all of it or (on any error) none.
    pub(crate) fn in_tx<T>(
        &self,
        work: impl FnOnce(&mut postgres::Transaction<'_>) -> PgResult<T>,
    ) -> Result<T> {
        self.run(|client| {
            let mut tx = client.transaction()?;
            let value = work(&mut tx)?;
            tx.commit()?;
            Ok(value)
        })
    }

    /// Stores a new contact (already validated) and returns its id.
    pub fn insert_contact(&self, input: &ContactInput) -> Result<i64> {
        self.in_tx(|tx| insert_contact(tx, input, DerivedFields::of(input), None, None))
    }

    /// Stores many new contacts in one transaction: all or none.
    pub fn insert_contacts(&self, inputs: &[ContactInput]) -> Result<Vec<i64>> {
        self.in_tx(|tx| {
            inputs
                .iter()
                .map(|input| insert_contact(tx, input, DerivedFields::of(input), None, None))
                .collect()
        })
    }

    /// Replaces the editable fields of contact `id` (already validated).
    pub fn update_contact(&self, id: i64, input: &ContactInput) -> Result<()> {
        self.in_tx(|tx| update_contact(tx, id, input))
    }

    /// Replaces the editable fields of contact `id` (already validated) if it is still at
    /// `version`; false (nothing written) when someone else saved it since. The row is locked
    /// from the look to the write, so no save slips in between.
    pub fn update_contact_at(&self, id: i64, input: &ContactInput, version: i64) -> Result<bool> {
        self.in_tx(|tx| {
            let current: i64 = tx
                .query_opt(
                    "SELECT version FROM contacts WHERE id = $1 FOR UPDATE",
                    &[&id],
                )?
                .ok_or_else(|| Error::not_found(format!("Contact {id}")))?
                .try_get(0)?;
            if current != version {
                return Ok(false);
            }
            update_contact(tx, id, input)?;
            Ok(true)
        })
    }

    pub fn contact(&self, id: i64) -> Result<Contact> {
        self.run(|client| load_contact(client, id))
    }

    pub fn contact_detail(&self, id: i64) -> Result<ContactDetail> {
        self.run(|client| {
            let last_change = client
                .query_opt(
                    &format!(
                        "SELECT coalesce(s.name, c.changed_by), {}
                           FROM contacts c LEFT JOIN staff s ON s.login = c.changed_by
                          WHERE c.id = $1 AND c.changed_by IS NOT NULL",
                        moment_sql("c.changed_at")
                    ),
                    &[&id],
                )?
                .map(|row| {
                    Ok::<_, postgres::Error>(LastChange {
                        by: row.try_get(0)?,
                        at: row.try_get(1)?,
                    })
                })
                .transpose()?;
            let (referred_by, referred) = super::referrals::referral_people(client, id)?;
            let (testimonials, replies) = super::testimonials::timeline_marks(client, id)?;
            Ok(ContactDetail {
                contact: load_contact(client, id)?,
                version: contact_version(client, id)?,
                timeline: super::timeline::timeline(client, id)?,
                follow_ups: super::follow_ups::follow_ups_of(client, id)?,
                referred_by,
                referred,
                testimonials,
                replies,
                promises: super::house_answers::promises_of(client, id)?,
                last_change,
            })
        })
    }

    /// Full contacts for the given ids, in the same order; unknown ids are an error.
    pub fn contacts(&self, ids: &[i64]) -> Result<Vec<Contact>> {
        self.run(|client| ids.iter().map(|id| load_contact(client, *id)).collect())
    }

    /// Archives or restores many contacts at once; returns how many changed.
    pub fn set_archived(&self, ids: &[i64], archived: bool) -> Result<u32> {
        self.in_tx(|tx| {
            let changed = tx.execute(
                "UPDATE contacts SET archived = $2, updated_at = now()
                 WHERE id = ANY($1) AND archived <> $2",
                &[&ids, &archived],
            )?;
            Ok(u32::try_from(changed).unwrap_or(u32::MAX))
        })
    }

    /// Deletes a contact and its timeline for good, returning everything needed to undo it.
    pub fn delete_contact(&self, id: i64) -> Result<DeletedContact> {
        self.in_tx(|tx| {
            let deleted = DeletedContact {
                contact: load_contact(tx, id)?,
                timeline: super::timeline::timeline(tx, id)?,
                follow_ups: super::follow_ups::all_follow_ups_of(tx, id)?,
                referrals: super::referrals::referrals_of(tx, id)?,
                records: super::gestures::timeline_records(tx, id)?
                    .joined(super::testimonials::records_of(tx, id)?)
                    .joined(super::gifts::records_of(tx, id)?)
                    .joined(super::house_answers::records_of(tx, id)?),
                photo: contact_photo(tx, id)?,
            };
            // Its rows in other tables (search, phone tails, timeline, photo) go with it.
            tx.execute("DELETE FROM contacts WHERE id = $1", &[&id])?;
            Ok(deleted)
        })
    }

    /// Puts a deleted contact back exactly as it was, with its id and timeline.
    pub fn restore_deleted(&self, deleted: &DeletedContact) -> Result<()> {
        self.in_tx(|tx| {
            let contact = &deleted.contact;
            if tx
                .query_opt("SELECT 1 FROM contacts WHERE id = $1", &[&contact.id])?
                .is_some()
            {
                return Err(Error::Conflict(format!(
                    "{} is already back in the book.",
                    contact.display_name
                ))
                .into());
            }
            let fields = &contact.fields;
            insert_contact(tx, fields, DerivedFields::of(fields), Some(contact), None)?;
            if let Some(photo) = &deleted.photo {
                set_contact_photo(tx, contact.id, photo)?;
            }
            for touchpoint in &deleted.timeline {
                super::timeline::insert_with_id(tx, touchpoint)?;
            }
            super::gestures::put_back_records(tx, &deleted.records)?;
            super::testimonials::put_back(tx, &deleted.records)?;
            super::gifts::put_back(tx, &deleted.records)?;
            super::house_answers::put_back(tx, &deleted.records)?;
            for follow_up in &deleted.follow_ups {
                super::follow_ups::insert_with_id(tx, follow_up)?;
            }
            super::referrals::put_back(tx, &deleted.referrals)?;
            refresh_touch_due(tx, contact.id)?;
            Ok(())
        })
    }

    /// Active contacts in the book.
    pub fn contact_count(&self) -> Result<i64> {
        self.run(|client| {
            Ok(client
                .query_one("SELECT count(*) FROM contacts WHERE NOT archived", &[])?
                .try_get(0)?)
        })
    }

    /// Ids of all active contacts carrying `tag` (or all active contacts), in name order.
    pub fn contact_ids(&self, tag: Option<&str>) -> Result<Vec<i64>> {
        let key = tag.map(|t| crate::search_text::fold(t.trim()));
        self.run(|client| {
            let rows = client.query(
                "SELECT c.id FROM contacts c
                 WHERE NOT c.archived AND ($1::text IS NULL OR EXISTS (
                     SELECT 1 FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
                     WHERE ct.contact_id = c.id AND t.name_key = $1))
                 ORDER BY c.sort_key, c.id",
                &[&key],
            )?;
            ids_of(&rows)
        })
    }

    /// The contact's stored JPEG (or its thumbnail), if it has a photo.
    pub fn contact_photo(&self, contact_id: i64, thumbnail: bool) -> Result<Option<Vec<u8>>> {
        self.run(|client| {
            Ok(contact_photo(client, contact_id)?.map(|p| {
                if thumbnail {
                    p.thumb_jpeg
                } else {
                    p.jpeg
                }
            }))
        })
    }

    /// Gives a contact a photo (already normalised), replacing any it had.
    pub fn set_contact_photo(&self, contact_id: i64, photo: &NormalizedPhoto) -> Result<()> {
        self.in_tx(|tx| {
            if tx
                .query_opt("SELECT 1 FROM contacts WHERE id = $1", &[&contact_id])?
                .is_none()
            {
                return Err(Error::not_found(format!("Contact {contact_id}")).into());
            }
            set_contact_photo(tx, contact_id, photo)
        })
    }

    /// Removes a contact's photo; true when it had one.
    pub fn remove_contact_photo(&self, contact_id: i64) -> Result<bool> {
        self.run(|client| {
            Ok(client.execute(
                "DELETE FROM contact_photos WHERE contact_id = $1",
                &[&contact_id],
            )? > 0)
        })
    }

    /// The stored JPEGs of the contacts among `contact_ids` that have a photo.
    pub fn contact_photos_jpeg(
        &self,
        contact_ids: &[i64],
    ) -> Result<std::collections::HashMap<i64, Vec<u8>>> {
        self.run(|client| {
            client
                .query(
                    "SELECT contact_id, jpeg FROM contact_photos WHERE contact_id = ANY($1)",
                    &[&contact_ids],
                )?
                .iter()
                .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
                .collect()
        })
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.run(|client| {
            client
                .query_opt("SELECT value FROM settings WHERE key = $1", &[&key])?
                .map(|row| row.try_get(0))
                .transpose()
                .map_err(Fail::from)
        })
    }

    /// Stores `value` unless the setting (read as `default` when never set) is no longer
    /// `base`: then nothing is written and the value found comes back with who changed it and
    /// when. Two desks saving one setting at once take turns (an advisory lock on its key).
    pub fn set_setting_unless_changed(
        &self,
        key: &str,
        value: &str,
        base: &str,
        default: &str,
    ) -> Result<Option<(String, Option<crate::contacts::LastChange>)>> {
        self.in_tx(|tx| {
            // Held to the end of the transaction: a setting never set yet has no row to lock.
            tx.execute(
                "SELECT pg_advisory_xact_lock(hashtext($1))",
                &[&format!("rapport setting {key}")],
            )?;
            let found = tx.query_opt(
                &format!(
                    "SELECT s.value, coalesce(st.name, s.changed_by), {}
                       FROM settings s LEFT JOIN staff st ON st.login = s.changed_by
                      WHERE s.key = $1",
                    super::contact_rows::moment_sql("s.changed_at")
                ),
                &[&key],
            )?;
            let (current, last_change) = match found {
                Some(row) => {
                    let by: Option<String> = row.try_get(1)?;
                    let at: String = row.try_get(2)?;
                    (
                        row.try_get::<_, String>(0)?,
                        by.map(|by| crate::contacts::LastChange { by, at }),
                    )
                }
                None => (default.to_string(), None),
            };
            if current != base && current != value {
                return Ok(Some((current, last_change)));
            }
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                &[&key, &value],
            )?;
            Ok(None)
        })
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.run(|client| {
            client.execute(
                "INSERT INTO settings (key, value) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                &[&key, &value],
            )?;
            Ok(())
        })
    }
}

/// The ids in the first column of `rows`.
pub(crate) fn ids_of(rows: &[Row]) -> PgResult<Vec<i64>> {
    Ok(rows
        .iter()
        .map(|row| row.try_get(0))
        .collect::<std::result::Result<_, _>>()?)
}
