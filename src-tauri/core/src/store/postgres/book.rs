//! The server arm of the store: the same functions as the SQLite book, in PostgreSQL's SQL.
//! The words, keys and derived fields are worked out in Rust exactly as for the file
//! ([`DerivedFields`]), so both books hold the same rows; only the statements differ.
//!
//! The client needs `&mut` for every statement while the store's readers take `&self`, so it
//! sits behind a mutex (never held across a call back into the book).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::NaiveDate;
use postgres::types::ToSql;
use postgres::{Client, GenericClient, Row};

use super::search::document_literal;
use super::{PgStore, ServerError};
use crate::contacts::{
    Birthday, Contact, ContactDetail, ContactInput, DeletedContact, LabeledValue, LastChange,
    PostalAddress,
};
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

/// What a statement on the server can fail with: the server's error (named for the owner by
/// [`ServerBook::run`]) or one of the book's own.
pub(crate) enum Fail {
    Db(postgres::Error),
    App(Error),
}

impl From<postgres::Error> for Fail {
    fn from(error: postgres::Error) -> Fail {
        Fail::Db(error)
    }
}

impl From<Error> for Fail {
    fn from(error: Error) -> Fail {
        Fail::App(error)
    }
}

pub(crate) type PgResult<T> = std::result::Result<T, Fail>;

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
            Ok(ContactDetail {
                contact: load_contact(client, id)?,
                version: contact_version(client, id)?,
                timeline: super::timeline::timeline(client, id)?,
                follow_ups: super::follow_ups::follow_ups_of(client, id)?,
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
            for follow_up in &deleted.follow_ups {
                super::follow_ups::insert_with_id(tx, follow_up)?;
            }
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

/// A stored moment as the file book writes it: `2026-11-23T08:30:00Z`.
pub(crate) fn moment_sql(column: &str) -> String {
    format!("to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
}

fn to_i32(value: Option<u32>) -> Option<i32> {
    value.and_then(|v| i32::try_from(v).ok())
}

/// Inserts a contact with its emails, phones, addresses, tags, phone tails and search document;
/// `existing` restores a deleted one with its id, dates and archive state.
pub(crate) fn insert_contact(
    tx: &mut impl GenericClient,
    input: &ContactInput,
    derived: DerivedFields,
    existing: Option<&Contact>,
    last_contacted: Option<NaiveDate>,
) -> PgResult<i64> {
    let company_id = company_id(tx, &derived)?;
    let last_contacted = existing.and_then(|c| c.last_contacted).or(last_contacted);
    let created = existing.map(|c| c.created_at.as_str());
    let updated = existing.map(|c| c.updated_at.as_str());
    let row = tx.query_one(
        "INSERT INTO contacts (id, given_name, family_name, prefix, nickname, display_name,
            sort_key, company_id, job_title, birthday_month, birthday_day, birthday_year,
            customer_since, family, interests, talking_points, notes, keep_in_touch_days,
            last_contacted, archived, created_at, updated_at, has_postal_address)
         VALUES (coalesce($1, nextval(pg_get_serial_sequence('contacts', 'id'))), $2, $3, $4,
            $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
            coalesce($21::text::timestamptz, now()), coalesce($22::text::timestamptz, now()), $23)
         RETURNING id",
        &[
            &existing.map(|c| c.id),
            &input.given_name,
            &input.family_name,
            &input.prefix,
            &input.nickname,
            &derived.display_name(),
            &derived.sort_key(),
            &company_id,
            &input.job_title,
            &to_i32(input.birthday.map(|b| b.month)),
            &to_i32(input.birthday.map(|b| b.day)),
            &input.birthday.and_then(|b| b.year),
            &input.customer_since,
            &input.family,
            &input.interests,
            &input.talking_points,
            &input.notes,
            &to_i32(input.keep_in_touch_days),
            &last_contacted,
            &existing.is_some_and(|c| c.archived),
            &created,
            &updated,
            &derived.has_postal_address(),
        ],
    )?;
    let id: i64 = row.try_get(0)?;
    insert_children(tx, id, input, &derived)?;
    refresh_touch_due(tx, id)?;
    Ok(id)
}

/// Replaces the editable fields of contact `id` (already validated) inside `tx`.
pub(crate) fn update_contact(
    tx: &mut impl GenericClient,
    id: i64,
    input: &ContactInput,
) -> PgResult<()> {
    let derived = DerivedFields::of(input);
    let company_id = company_id(tx, &derived)?;
    let changed = tx.execute(
        "UPDATE contacts SET given_name = $2, family_name = $3, prefix = $4, nickname = $5,
            display_name = $6, sort_key = $7, company_id = $8, job_title = $9,
            birthday_month = $10, birthday_day = $11, birthday_year = $12, customer_since = $13,
            family = $14, interests = $15, talking_points = $16, notes = $17,
            keep_in_touch_days = $18, updated_at = now(), has_postal_address = $19
         WHERE id = $1",
        &[
            &id,
            &input.given_name,
            &input.family_name,
            &input.prefix,
            &input.nickname,
            &derived.display_name(),
            &derived.sort_key(),
            &company_id,
            &input.job_title,
            &to_i32(input.birthday.map(|b| b.month)),
            &to_i32(input.birthday.map(|b| b.day)),
            &input.birthday.and_then(|b| b.year),
            &input.customer_since,
            &input.family,
            &input.interests,
            &input.talking_points,
            &input.notes,
            &to_i32(input.keep_in_touch_days),
            &derived.has_postal_address(),
        ],
    )?;
    if changed == 0 {
        return Err(Error::not_found(format!("Contact {id}")).into());
    }
    for table in [
        "contact_emails",
        "contact_phones",
        "contact_addresses",
        "contact_tags",
        "contact_phone_tails",
        "contact_search",
    ] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE contact_id = $1"),
            &[&id],
        )?;
    }
    insert_children(tx, id, input, &derived)?;
    refresh_touch_due(tx, id)?;
    Ok(())
}

/// Inserts contact `id`'s emails, phones, addresses, tags, phone tails and search document;
/// it has none yet.
fn insert_children(
    tx: &mut impl GenericClient,
    id: i64,
    input: &ContactInput,
    derived: &DerivedFields,
) -> PgResult<()> {
    for (table, values) in [
        ("contact_emails", &input.emails),
        ("contact_phones", &input.phones),
    ] {
        for (position, value) in values.iter().enumerate() {
            let position = i32::try_from(position).unwrap_or(i32::MAX);
            tx.execute(
                &format!(
                    "INSERT INTO {table} (contact_id, position, label, value) VALUES ($1, $2, $3, $4)"
                ),
                &[&id, &position, &value.label, &value.value],
            )?;
        }
    }
    for (position, a) in input.addresses.iter().enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        tx.execute(
            "INSERT INTO contact_addresses
                (contact_id, position, label, street, city, region, postal_code, country)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                &id,
                &position,
                &a.label,
                &a.street,
                &a.city,
                &a.region,
                &a.postal_code,
                &a.country,
            ],
        )?;
    }
    for (name, key) in derived.tags() {
        let tag_id = tag_id(tx, name, key)?;
        tx.execute(
            "INSERT INTO contact_tags (contact_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[&id, &tag_id],
        )?;
    }
    let tails: Vec<&str> = derived.phone_tails().iter().map(String::as_str).collect();
    if !tails.is_empty() {
        tx.execute(
            "INSERT INTO contact_phone_tails (digits, contact_id)
             SELECT DISTINCT d, $2::bigint FROM unnest($1::text[]) AS d ON CONFLICT DO NOTHING",
            &[&tails, &id],
        )?;
    }
    tx.execute(
        "INSERT INTO contact_search (contact_id, document) VALUES ($1, $2::text::tsvector)
         ON CONFLICT (contact_id) DO UPDATE SET document = excluded.document",
        &[&id, &document_literal(derived.search())],
    )?;
    Ok(())
}

fn company_id(tx: &mut impl GenericClient, derived: &DerivedFields) -> PgResult<Option<i64>> {
    let Some((name, key)) = derived.company() else {
        return Ok(None);
    };
    // The no-op update makes RETURNING give the id of a company that was already there.
    let row = tx.query_one(
        "INSERT INTO companies (name, name_key) VALUES ($1, $2)
         ON CONFLICT (name_key) DO UPDATE SET name_key = excluded.name_key RETURNING id",
        &[&name, &key],
    )?;
    Ok(Some(row.try_get(0)?))
}

/// The id of the tag `name` (keyed `key`), added when new.
pub(crate) fn tag_id(tx: &mut impl GenericClient, name: &str, key: &str) -> PgResult<i64> {
    if let Some(row) = tx.query_opt("SELECT id FROM tags WHERE name_key = $1", &[&key])? {
        return Ok(row.try_get(0)?);
    }
    let row = tx.query_one(
        "INSERT INTO tags (name, name_key) VALUES ($1, $2)
         ON CONFLICT (name_key) DO UPDATE SET name_key = excluded.name_key RETURNING id",
        &[&name, &key],
    )?;
    Ok(row.try_get(0)?)
}

/// Recomputes the day the keep-in-touch cadence runs out: from the last contact, or else from
/// when they became a customer, or else from when they were added (its UTC day, as the file).
pub(crate) fn refresh_touch_due(tx: &mut impl GenericClient, id: i64) -> PgResult<()> {
    tx.execute(
        "UPDATE contacts SET touch_due_on = CASE WHEN keep_in_touch_days IS NULL THEN NULL ELSE
            coalesce(last_contacted, customer_since, (created_at AT TIME ZONE 'UTC')::date)
                + keep_in_touch_days END
         WHERE id = $1",
        &[&id],
    )?;
    Ok(())
}

/// The columns [`contact_from_row`] reads, in its order (`c` is contacts, `co` companies).
pub(crate) fn contact_columns() -> String {
    format!(
        "c.id, c.display_name, c.given_name, c.family_name, c.prefix, c.nickname,
         coalesce(co.name, ''), c.company_id, c.job_title, c.birthday_month, c.birthday_day,
         c.birthday_year, c.customer_since, c.family, c.interests, c.talking_points, c.notes,
         c.keep_in_touch_days, c.last_contacted, c.archived, {}, {}",
        moment_sql("c.created_at"),
        moment_sql("c.updated_at")
    )
}

fn to_u32(value: Option<i32>) -> Option<u32> {
    value.and_then(|v| u32::try_from(v).ok())
}

pub(crate) fn contact_from_row(row: &Row) -> PgResult<Contact> {
    let month = to_u32(row.try_get(9)?);
    let day = to_u32(row.try_get(10)?);
    let year: Option<i32> = row.try_get(11)?;
    let birthday = month
        .zip(day)
        .map(|(month, day)| Birthday { month, day, year });
    Ok(Contact {
        id: row.try_get(0)?,
        display_name: row.try_get(1)?,
        fields: ContactInput {
            given_name: row.try_get(2)?,
            family_name: row.try_get(3)?,
            prefix: row.try_get(4)?,
            nickname: row.try_get(5)?,
            company: row.try_get(6)?,
            job_title: row.try_get(8)?,
            birthday,
            customer_since: row.try_get(12)?,
            family: row.try_get(13)?,
            interests: row.try_get(14)?,
            talking_points: row.try_get(15)?,
            notes: row.try_get(16)?,
            keep_in_touch_days: to_u32(row.try_get(17)?),
            ..ContactInput::default()
        },
        company_id: row.try_get(7)?,
        last_contacted: row.try_get(18)?,
        archived: row.try_get(19)?,
        created_at: row.try_get(20)?,
        updated_at: row.try_get(21)?,
    })
}

/// The contact's version: raised by every edit (the stamp_change trigger).
fn contact_version(client: &mut impl GenericClient, id: i64) -> PgResult<i64> {
    Ok(client
        .query_opt("SELECT version FROM contacts WHERE id = $1", &[&id])?
        .ok_or_else(|| Error::not_found(format!("Contact {id}")))?
        .try_get(0)?)
}

pub(crate) fn load_contact(client: &mut impl GenericClient, id: i64) -> PgResult<Contact> {
    let row = client
        .query_opt(
            &format!(
                "SELECT {} FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
                 WHERE c.id = $1",
                contact_columns()
            ),
            &[&id],
        )?
        .ok_or_else(|| Error::not_found(format!("Contact {id}")))?;
    let mut contact = contact_from_row(&row)?;
    contact.fields.emails = labeled_values(client, "contact_emails", id)?;
    contact.fields.phones = labeled_values(client, "contact_phones", id)?;
    contact.fields.addresses = client
        .query(
            "SELECT label, street, city, region, postal_code, country FROM contact_addresses
             WHERE contact_id = $1 ORDER BY position",
            &[&id],
        )?
        .iter()
        .map(|row| {
            Ok(PostalAddress {
                label: row.try_get(0)?,
                street: row.try_get(1)?,
                city: row.try_get(2)?,
                region: row.try_get(3)?,
                postal_code: row.try_get(4)?,
                country: row.try_get(5)?,
            })
        })
        .collect::<std::result::Result<_, postgres::Error>>()?;
    contact.fields.tags = client
        .query(
            "SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
             WHERE ct.contact_id = $1 ORDER BY t.name_key",
            &[&id],
        )?
        .iter()
        .map(|row| row.try_get(0))
        .collect::<std::result::Result<_, _>>()?;
    Ok(contact)
}

fn labeled_values(
    client: &mut impl GenericClient,
    table: &str,
    id: i64,
) -> PgResult<Vec<LabeledValue>> {
    Ok(client
        .query(
            &format!("SELECT label, value FROM {table} WHERE contact_id = $1 ORDER BY position"),
            &[&id],
        )?
        .iter()
        .map(|row| {
            Ok(LabeledValue {
                label: row.try_get(0)?,
                value: row.try_get(1)?,
            })
        })
        .collect::<std::result::Result<_, postgres::Error>>()?)
}

pub(crate) fn contact_photo(
    client: &mut impl GenericClient,
    contact_id: i64,
) -> PgResult<Option<NormalizedPhoto>> {
    let Some(row) = client.query_opt(
        "SELECT jpeg, thumb_jpeg, width, height FROM contact_photos WHERE contact_id = $1",
        &[&contact_id],
    )?
    else {
        return Ok(None);
    };
    let width: i32 = row.try_get(2)?;
    let height: i32 = row.try_get(3)?;
    Ok(Some(NormalizedPhoto {
        jpeg: row.try_get(0)?,
        thumb_jpeg: row.try_get(1)?,
        width: u32::try_from(width).unwrap_or(0),
        height: u32::try_from(height).unwrap_or(0),
    }))
}

pub(crate) fn set_contact_photo(
    tx: &mut impl GenericClient,
    contact_id: i64,
    photo: &NormalizedPhoto,
) -> PgResult<()> {
    let width = i32::try_from(photo.width).unwrap_or(i32::MAX);
    let height = i32::try_from(photo.height).unwrap_or(i32::MAX);
    let params: [&(dyn ToSql + Sync); 5] =
        [&contact_id, &photo.jpeg, &photo.thumb_jpeg, &width, &height];
    tx.execute(
        "INSERT INTO contact_photos (contact_id, jpeg, thumb_jpeg, width, height)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (contact_id) DO UPDATE SET jpeg = excluded.jpeg,
             thumb_jpeg = excluded.thumb_jpeg, width = excluded.width,
             height = excluded.height, updated_at = now()",
        &params,
    )?;
    Ok(())
}
