//! Storing a contact's fields: what the store derives from them (display and sort names, the
//! search row, phone tails, company and tag keys) and the statements that write them.
//!
//! A bulk write (an import, sample data) works the derived part out on the thread that makes
//! the contacts, and keeps one writer for all its rows: its statements prepared once, and the
//! ids of the companies and tags it has met at hand.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::{params, CachedStatement, Connection, OptionalExtension};

use super::now_timestamp;
use super::search::{self, SearchDocument};
use crate::contacts::{display_name, Contact, ContactInput, PostalAddress};
use crate::error::Result;
use crate::photos::NormalizedPhoto;
use crate::search_text::{fold, phone_tails};

/// What the store derives from a contact's fields before writing them.
pub struct DerivedFields {
    display_name: String,
    sort_key: String,
    /// The company's name as written, and its folded key ("ACME" and "Acme" are one company).
    company: Option<(String, String)>,
    /// Each tag as written, and its folded key.
    tags: Vec<(String, String)>,
    phone_tails: Vec<String>,
    search: SearchDocument,
    has_postal_address: bool,
}

impl DerivedFields {
    pub fn of(input: &ContactInput) -> DerivedFields {
        let display_name = display_name(input);
        let company = input.company.trim();
        let keyed = |text: &str| (text.to_string(), fold(text));
        DerivedFields {
            sort_key: fold(&display_name),
            company: (!company.is_empty()).then(|| keyed(company)),
            tags: input.tags.iter().map(|tag| keyed(tag.trim())).collect(),
            phone_tails: input
                .phones
                .iter()
                .flat_map(|phone| phone_tails(&phone.value))
                .collect(),
            search: SearchDocument::from_input(input, &display_name),
            // Whether a card can be addressed to the contact, kept for Today's card count.
            has_postal_address: input.addresses.iter().any(PostalAddress::is_mailable),
            display_name,
        }
    }

    pub(super) fn display_name(&self) -> &str {
        &self.display_name
    }

    pub(super) fn sort_key(&self) -> &str {
        &self.sort_key
    }

    pub(super) fn has_postal_address(&self) -> bool {
        self.has_postal_address
    }

    pub(super) fn search(&self) -> &SearchDocument {
        &self.search
    }

    /// The company's name as written and its folded key, if the contact has one.
    pub(super) fn company(&self) -> Option<(&str, &str)> {
        self.company
            .as_ref()
            .map(|(name, key)| (name.as_str(), key.as_str()))
    }

    /// Each tag as written, and its folded key.
    pub(super) fn tags(&self) -> &[(String, String)] {
        &self.tags
    }

    /// The stretches of the contact's phone numbers a phone search looks up.
    pub(super) fn phone_tails(&self) -> &[String] {
        &self.phone_tails
    }
}

/// A new contact for a bulk write, with its photo and with what the store derives from it
/// already worked out, so that work can run on another thread than the writing.
pub struct NewContact {
    input: Arc<ContactInput>,
    photo: Option<NormalizedPhoto>,
    derived: DerivedFields,
}

impl NewContact {
    /// `input` must be validated.
    pub fn new(input: Arc<ContactInput>, photo: Option<NormalizedPhoto>) -> NewContact {
        let derived = DerivedFields::of(&input);
        NewContact {
            input,
            photo,
            derived,
        }
    }

    pub(super) fn into_parts(self) -> (Arc<ContactInput>, DerivedFields, Option<NormalizedPhoto>) {
        (self.input, self.derived, self.photo)
    }
}

/// Writes contacts' rows inside a caller's transaction.
pub(super) struct ContactWriter<'c> {
    conn: &'c Connection,
    insert_contact: CachedStatement<'c>,
    insert_email: CachedStatement<'c>,
    insert_phone: CachedStatement<'c>,
    insert_address: CachedStatement<'c>,
    insert_tag_link: CachedStatement<'c>,
    insert_search_row: CachedStatement<'c>,
    company_ids: HashMap<String, i64>,
    tag_ids: HashMap<String, i64>,
    /// A bulk write's phone tails, written sorted by [`ContactWriter::finish`]; without it
    /// (None) each contact's tails are written at once.
    gathered_tails: Option<Vec<(String, i64)>>,
    now: String,
}

impl<'c> ContactWriter<'c> {
    /// A writer for a few contacts: everything is written as it comes.
    pub(super) fn new(conn: &'c Connection) -> Result<ContactWriter<'c>> {
        Ok(ContactWriter {
            conn,
            insert_contact: conn.prepare_cached(
                "INSERT INTO contacts (id, given_name, family_name, prefix, nickname, display_name,
                    sort_key, company_id, job_title, birthday_month, birthday_day, birthday_year,
                    customer_since, family, interests, talking_points, notes, keep_in_touch_days,
                    last_contacted, archived, created_at, updated_at, touch_due_on,
                    has_postal_address)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                    ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
            )?,
            insert_email: conn.prepare_cached(
                "INSERT INTO contact_emails (contact_id, position, label, value)
                 VALUES (?1, ?2, ?3, ?4)",
            )?,
            insert_phone: conn.prepare_cached(
                "INSERT INTO contact_phones (contact_id, position, label, value)
                 VALUES (?1, ?2, ?3, ?4)",
            )?,
            insert_address: conn.prepare_cached(
                "INSERT INTO contact_addresses
                    (contact_id, position, label, street, city, region, postal_code, country)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
            insert_tag_link: conn.prepare_cached(
                "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) VALUES (?1, ?2)",
            )?,
            insert_search_row: conn.prepare_cached(
                "INSERT INTO contact_search (rowid, name, company, email, phone, tags, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            company_ids: HashMap::new(),
            tag_ids: HashMap::new(),
            gathered_tails: None,
            now: now_timestamp(),
        })
    }

    /// A writer for many contacts: phone tails are gathered and written, sorted, by
    /// [`ContactWriter::finish`], which must be called.
    pub(super) fn for_bulk(conn: &'c Connection) -> Result<ContactWriter<'c>> {
        let mut writer = ContactWriter::new(conn)?;
        writer.gathered_tails = Some(Vec::new());
        Ok(writer)
    }

    /// Inserts a contact (validated) with its emails, phones, addresses, tags and search row;
    /// returns its id. `existing` restores a deleted one with its id, dates and archive state;
    /// `last_contacted` is the day of the newest touchpoint stored with it.
    pub(super) fn insert(
        &mut self,
        input: &ContactInput,
        mut derived: DerivedFields,
        existing: Option<&Contact>,
        last_contacted: Option<NaiveDate>,
    ) -> Result<i64> {
        let company_id = self.company_id(&derived)?;
        let last_contacted = existing.and_then(|c| c.last_contacted).or(last_contacted);
        let created_on = existing
            .and_then(|c| c.created_at.get(..10))
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .unwrap_or_else(|| chrono::Utc::now().date_naive());
        let touch_due_on = touch_due_on(input, last_contacted, created_on);
        self.insert_contact.execute(params![
            existing.map(|c| c.id),
            input.given_name,
            input.family_name,
            input.prefix,
            input.nickname,
            derived.display_name,
            derived.sort_key,
            company_id,
            input.job_title,
            input.birthday.map(|b| b.month),
            input.birthday.map(|b| b.day),
            input.birthday.and_then(|b| b.year),
            input.customer_since,
            input.family,
            input.interests,
            input.talking_points,
            input.notes,
            input.keep_in_touch_days,
            last_contacted,
            existing.is_some_and(|c| c.archived),
            existing.map_or(self.now.as_str(), |c| c.created_at.as_str()),
            existing.map_or(self.now.as_str(), |c| c.updated_at.as_str()),
            touch_due_on,
            derived.has_postal_address,
        ])?;
        let id = self.conn.last_insert_rowid();
        self.insert_children(id, input, &mut derived)?;
        search::run_with_row(&mut self.insert_search_row, id, &derived.search)?;
        Ok(id)
    }

    /// Inserts contact `id`'s emails, phones (with their tails, taken from `derived`), addresses
    /// and tags; it has none yet.
    pub(super) fn insert_children(
        &mut self,
        id: i64,
        input: &ContactInput,
        derived: &mut DerivedFields,
    ) -> Result<()> {
        for (position, email) in input.emails.iter().enumerate() {
            self.insert_email
                .execute(params![id, position, email.label, email.value])?;
        }
        for (position, phone) in input.phones.iter().enumerate() {
            self.insert_phone
                .execute(params![id, position, phone.label, phone.value])?;
        }
        let tails = std::mem::take(&mut derived.phone_tails)
            .into_iter()
            .map(|digits| (digits, id));
        match self.gathered_tails.as_mut() {
            Some(gathered) => gathered.extend(tails),
            None => write_phone_tails(self.conn, &mut tails.collect::<Vec<_>>())?,
        }
        for (position, a) in input.addresses.iter().enumerate() {
            self.insert_address.execute(params![
                id,
                position,
                a.label,
                a.street,
                a.city,
                a.region,
                a.postal_code,
                a.country
            ])?;
        }
        for (name, key) in &derived.tags {
            let tag_id = self.tag_id(name, key)?;
            self.insert_tag_link.execute(params![id, tag_id])?;
        }
        Ok(())
    }

    /// The id of the contact's company, added to the book when new; None without a company.
    pub(super) fn company_id(&mut self, derived: &DerivedFields) -> Result<Option<i64>> {
        let Some((name, key)) = &derived.company else {
            return Ok(None);
        };
        if let Some(id) = self.company_ids.get(key) {
            return Ok(Some(*id));
        }
        let id = upsert_company(self.conn, name, key)?;
        self.company_ids.insert(key.clone(), id);
        Ok(Some(id))
    }

    fn tag_id(&mut self, name: &str, key: &str) -> Result<i64> {
        if let Some(id) = self.tag_ids.get(key) {
            return Ok(*id);
        }
        let id = upsert_tag_keyed(self.conn, name, key)?;
        self.tag_ids.insert(key.to_string(), id);
        Ok(id)
    }

    /// Writes the gathered phone tails (a bulk write's), in key order.
    pub(super) fn finish(mut self) -> Result<()> {
        if let Some(mut tails) = self.gathered_tails.take() {
            write_phone_tails(self.conn, &mut tails)?;
        }
        Ok(())
    }
}

/// The day the keep-in-touch cadence runs out, as `refresh_touch_due` computes it in SQL.
fn touch_due_on(
    input: &ContactInput,
    last_contacted: Option<NaiveDate>,
    created_on: NaiveDate,
) -> Option<NaiveDate> {
    let days = input.keep_in_touch_days?;
    let from = last_contacted
        .or(input.customer_since)
        .unwrap_or(created_on);
    from.checked_add_days(chrono::Days::new(days.into()))
}

/// Stores phone tails (digits, contact id): the stretches of numbers a phone search looks up.
/// Sorted first, so that many of them (a bulk write's) go into the tree in key order, and
/// written many rows to a statement.
pub(super) fn write_phone_tails(
    conn: &Connection,
    tails: &mut Vec<(String, i64)>,
) -> rusqlite::Result<()> {
    tails.sort_unstable();
    tails.dedup();
    let statement = |rows: usize| {
        let values = vec!["(?, ?)"; rows].join(", ");
        conn.prepare_cached(&format!(
            "INSERT OR IGNORE INTO contact_phone_tails (digits, contact_id) VALUES {values}"
        ))
    };
    let mut chunks = tails.chunks_exact(TAILS_PER_STATEMENT);
    if chunks.len() > 0 {
        let mut stmt = statement(TAILS_PER_STATEMENT)?;
        for chunk in chunks.by_ref() {
            stmt.execute(rusqlite::params_from_iter(
                chunk
                    .iter()
                    .flat_map(|(digits, id)| [digits as &dyn rusqlite::ToSql, id]),
            ))?;
        }
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        statement(rest.len())?.execute(rusqlite::params_from_iter(
            rest.iter()
                .flat_map(|(digits, id)| [digits as &dyn rusqlite::ToSql, id]),
        ))?;
    }
    Ok(())
}

/// Phone tails written by one statement: fewer statements run for a big write's hundreds of
/// thousands (the statement's parameters stay well under SQLite's limit of 32,766).
const TAILS_PER_STATEMENT: usize = 100;

fn upsert_company(conn: &Connection, name: &str, key: &str) -> Result<i64> {
    if let Some(id) = conn
        .prepare_cached("SELECT id FROM companies WHERE name_key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?
    {
        return Ok(id);
    }
    conn.prepare_cached("INSERT INTO companies (name, name_key) VALUES (?1, ?2)")?
        .execute([name, key])?;
    Ok(conn.last_insert_rowid())
}

/// The id of the tag `name` (trimmed), added when new.
pub(super) fn upsert_tag(conn: &Connection, name: &str) -> Result<i64> {
    let name = name.trim();
    upsert_tag_keyed(conn, name, &fold(name))
}

fn upsert_tag_keyed(conn: &Connection, name: &str, key: &str) -> Result<i64> {
    if let Some(id) = conn
        .prepare_cached("SELECT id FROM tags WHERE name_key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?
    {
        return Ok(id);
    }
    conn.prepare_cached("INSERT INTO tags (name, name_key) VALUES (?1, ?2)")?
        .execute([name, key])?;
    Ok(conn.last_insert_rowid())
}
