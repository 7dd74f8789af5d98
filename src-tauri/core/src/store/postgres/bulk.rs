//! Bulk writes on the server book (an import, sample data) and whole-book reads (exports):
//! rows go in through `COPY … FROM STDIN`, a table at a time, a few thousand contacts at a
//! time, all in one transaction. The contacts' ids are taken from their sequence first, so
//! every child row can be written without asking the server for the id of its contact.

use std::collections::HashMap;
use std::io::Write;

use chrono::NaiveDate;
use postgres::Transaction;

use super::book::{Fail, PgResult, ServerBook};
use super::contact_rows::{contact_columns, contact_from_row, set_contact_photo, update_contact};
use super::search::document_literal;
use crate::contacts::{Contact, LabeledValue, NewTouchpoint, PostalAddress, TouchpointKind};
use crate::error::{Error, Result};
use crate::photos::NormalizedPhoto;
use crate::search_text::fold;
use crate::store::contact_writer::DerivedFields;
use crate::store::{ImportChange, ImportTarget, NewContact};

/// Contacts written per round of COPY statements: big enough that a statement's cost is
/// spread over many rows, small enough to hold its text in memory.
const CHUNK: usize = 5_000;

/// One contact for a bulk write, ready to be turned into rows.
pub(crate) struct Pending {
    pub input: std::sync::Arc<crate::contacts::ContactInput>,
    pub derived: DerivedFields,
    pub photo: Option<NormalizedPhoto>,
    pub timeline: Vec<(NewTouchpoint, bool)>,
    /// A contact copied from another book keeps its id, dates and archive state.
    pub kept: Option<Kept>,
}

/// What a contact copied from another book keeps of its stored row.
pub(crate) struct Kept {
    pub id: i64,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
    pub last_contacted: Option<NaiveDate>,
}

impl ServerBook {
    /// Stores new contacts each with its timeline, in one transaction: all or none.
    pub fn insert_contacts_with_history<I>(&self, expected: usize, people: I) -> Result<Vec<i64>>
    where
        I: IntoIterator<Item = Result<(NewContact, Vec<(NewTouchpoint, bool)>)>>,
    {
        self.in_tx(|tx| {
            let mut writer = BulkWriter::default();
            let mut ids = Vec::with_capacity(expected);
            let mut chunk = Vec::with_capacity(CHUNK.min(expected.max(1)));
            for person in people {
                let (contact, timeline) = person?;
                let (input, derived, photo) = contact.into_parts();
                chunk.push(Pending {
                    input,
                    derived,
                    photo,
                    timeline,
                    kept: None,
                });
                if chunk.len() == CHUNK {
                    ids.extend(writer.write(tx, std::mem::take(&mut chunk))?);
                }
            }
            ids.extend(writer.write(tx, chunk)?);
            refresh_statistics(tx, ids.len())?;
            Ok(ids)
        })
    }

    /// Stores an import as ONE transaction, as the file book's `import_contacts`: the new
    /// contacts batch by batch, then the changes to contacts (merges, photos).
    pub fn import_contacts(
        &self,
        _expected: usize,
        mut next_batch: impl FnMut() -> Option<Vec<NewContact>>,
        changes: impl FnOnce() -> Result<Vec<ImportChange>>,
        keep_going: &mut dyn FnMut(usize) -> bool,
    ) -> Result<Vec<i64>> {
        let stopped = || Error::Cancelled(crate::Cancelled::Import);
        self.in_tx(|tx| {
            let mut writer = BulkWriter::default();
            let mut ids = Vec::new();
            while let Some(batch) = next_batch() {
                let pending = batch
                    .into_iter()
                    .map(|contact| {
                        let (input, derived, photo) = contact.into_parts();
                        Pending {
                            input,
                            derived,
                            photo,
                            timeline: Vec::new(),
                            kept: None,
                        }
                    })
                    .collect();
                ids.extend(writer.write(tx, pending)?);
                if !keep_going(ids.len()) {
                    return Err(stopped().into());
                }
            }
            for change in changes()? {
                let id = match change.target {
                    ImportTarget::Added(i) => *ids
                        .get(i)
                        .ok_or_else(|| Error::not_found(format!("The import's new contact {i}")))?,
                    ImportTarget::Stored(id) => {
                        if tx
                            .query_opt("SELECT 1 FROM contacts WHERE id = $1", &[&id])?
                            .is_none()
                        {
                            return Err(Error::not_found(format!("Contact {id}")).into());
                        }
                        id
                    }
                };
                if let Some(fields) = &change.fields {
                    update_contact(tx, id, fields)?;
                }
                if let Some(photo) = &change.photo {
                    set_contact_photo(tx, id, photo)?;
                }
            }
            if !keep_going(ids.len()) {
                return Err(stopped().into());
            }
            refresh_statistics(tx, ids.len())?;
            Ok(ids)
        })
    }

    /// Every active contact (or every active contact with `tag`), whole, in name order.
    pub fn all_contacts(&self, tag: Option<&str>) -> Result<Vec<Contact>> {
        self.read_all(tag, true, false)
    }

    /// Every contact, archived ones too, whole, in name order.
    pub fn every_contact(&self) -> Result<Vec<Contact>> {
        self.read_all(None, true, true)
    }

    /// Like [`ServerBook::all_contacts`] without the personal details.
    pub fn all_contacts_without_personal(&self, tag: Option<&str>) -> Result<Vec<Contact>> {
        self.read_all(tag, false, false)
    }

    /// Reads the contacts, then each child table once, matched by id.
    fn read_all(
        &self,
        tag: Option<&str>,
        personal: bool,
        with_archived: bool,
    ) -> Result<Vec<Contact>> {
        let key = tag.map(|t| fold(t.trim())).filter(|t| !t.is_empty());
        let mut columns = contact_columns();
        if !personal {
            columns = columns.replace(
                "c.family, c.interests, c.talking_points, c.notes",
                "'', '', '', ''",
            );
        }
        self.run(|client| {
            let rows = client.query(
                &format!(
                    "SELECT {columns} FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
                     WHERE (NOT c.archived OR $1) AND ($2::text IS NULL OR EXISTS (
                         SELECT 1 FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
                         WHERE ct.contact_id = c.id AND t.name_key = $2))
                     ORDER BY c.sort_key, c.id"
                ),
                &[&with_archived, &key],
            )?;
            let mut contacts = rows
                .iter()
                .map(contact_from_row)
                .collect::<PgResult<Vec<_>>>()?;
            let at: HashMap<i64, usize> = contacts
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id, i))
                .collect();
            for (table, is_email) in [("contact_emails", true), ("contact_phones", false)] {
                for row in client.query(
                    &format!("SELECT contact_id, label, value FROM {table} ORDER BY contact_id, position"),
                    &[],
                )? {
                    let Some(&i) = at.get(&row.try_get::<_, i64>(0)?) else {
                        continue;
                    };
                    let value = LabeledValue {
                        label: row.try_get(1)?,
                        value: row.try_get(2)?,
                    };
                    let fields = &mut contacts[i].fields;
                    if is_email {
                        fields.emails.push(value);
                    } else {
                        fields.phones.push(value);
                    }
                }
            }
            for row in client.query(
                "SELECT contact_id, label, street, city, region, postal_code, country
                 FROM contact_addresses ORDER BY contact_id, position",
                &[],
            )? {
                let Some(&i) = at.get(&row.try_get::<_, i64>(0)?) else {
                    continue;
                };
                contacts[i].fields.addresses.push(PostalAddress {
                    label: row.try_get(1)?,
                    street: row.try_get(2)?,
                    city: row.try_get(3)?,
                    region: row.try_get(4)?,
                    postal_code: row.try_get(5)?,
                    country: row.try_get(6)?,
                });
            }
            for row in client.query(
                "SELECT ct.contact_id, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
                 ORDER BY ct.contact_id, t.name_key",
                &[],
            )? {
                let Some(&i) = at.get(&row.try_get::<_, i64>(0)?) else {
                    continue;
                };
                contacts[i].fields.tags.push(row.try_get(1)?);
            }
            Ok(contacts)
        })
    }
}

/// Contacts written at once from which the planner's statistics are taken again at the end.
const MANY: usize = 1_000;

/// After a big write (a first import, sample data) the tables' statistics are taken again in
/// the same transaction: until autovacuum comes round, the planner would otherwise plan the
/// list and search for an empty book. Only the tables' owners may; for others it is skipped.
pub(crate) fn refresh_statistics(tx: &mut Transaction<'_>, written: usize) -> PgResult<()> {
    if written >= MANY {
        tx.batch_execute(
            "ANALYZE contacts, contact_search, contact_phone_tails, contact_tags, tags,
                     contact_emails, contact_phones, companies, touchpoints",
        )?;
    }
    Ok(())
}

/// Writes chunks of new contacts; keeps the ids of the companies and tags it has met.
#[derive(Default)]
pub(crate) struct BulkWriter {
    company_ids: HashMap<String, i64>,
    tag_ids: HashMap<String, i64>,
}

impl BulkWriter {
    /// Writes `chunk` (contacts, their children, search documents, photos, timelines) with one
    /// COPY a table; returns the new ids in order.
    pub(crate) fn write(
        &mut self,
        tx: &mut Transaction<'_>,
        chunk: Vec<Pending>,
    ) -> PgResult<Vec<i64>> {
        if chunk.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = match chunk
            .iter()
            .map(|p| p.kept.as_ref().map(|k| k.id))
            .collect()
        {
            Some(kept) => kept,
            None => {
                let count = i64::try_from(chunk.len()).unwrap_or(i64::MAX);
                super::book::ids_of(&tx.query(
                    "SELECT nextval(pg_get_serial_sequence('contacts', 'id')) FROM generate_series(1, $1::bigint)",
                    &[&count],
                )?)?
            }
        };
        let now = chrono::Utc::now();
        let today = now.date_naive();
        let now = now.to_rfc3339();
        let mut tables: [(&str, String); 9] = [
            ("contacts (id, given_name, family_name, prefix, nickname, display_name, sort_key, company_id, job_title, birthday_month, birthday_day, birthday_year, customer_since, family, interests, talking_points, notes, keep_in_touch_days, last_contacted, touch_due_on, has_postal_address, archived, created_at, updated_at)", String::new()),
            ("contact_emails (contact_id, position, label, value)", String::new()),
            ("contact_phones (contact_id, position, label, value)", String::new()),
            ("contact_addresses (contact_id, position, label, street, city, region, postal_code, country)", String::new()),
            ("contact_tags (contact_id, tag_id)", String::new()),
            ("contact_phone_tails (digits, contact_id)", String::new()),
            ("contact_search (contact_id, document)", String::new()),
            ("contact_photos (contact_id, jpeg, thumb_jpeg, width, height)", String::new()),
            ("touchpoints (contact_id, kind, happened_on, note, handled_by, resolved)", String::new()),
        ];
        self.resolve_names(tx, &chunk)?;
        for (pending, &id) in chunk.iter().zip(&ids) {
            let input = &pending.input;
            let derived = &pending.derived;
            let company_id = match derived.company() {
                Some((_, key)) => Some(Self::known_id(&self.company_ids, key)?),
                None => None,
            };
            let kept = pending.kept.as_ref();
            let last_contacted = match kept {
                Some(kept) => kept.last_contacted,
                None => pending
                    .timeline
                    .iter()
                    .filter(|(t, _)| t.kind.counts_as_contact())
                    .map(|(t, _)| t.happened_on)
                    .max(),
            };
            let touch_due_on: Option<NaiveDate> = input.keep_in_touch_days.and_then(|days| {
                last_contacted
                    .or(input.customer_since)
                    .unwrap_or(today)
                    .checked_add_days(chrono::Days::new(days.into()))
            });
            let birthday = input.birthday;
            let row = &mut tables[0].1;
            let id_text = id.to_string();
            line(
                row,
                &[
                    Some(id_text.as_str()),
                    Some(&input.given_name),
                    Some(&input.family_name),
                    Some(&input.prefix),
                    Some(&input.nickname),
                    Some(derived.display_name()),
                    Some(derived.sort_key()),
                    company_id.map(|c| c.to_string()).as_deref(),
                    Some(&input.job_title),
                    birthday.map(|b| b.month.to_string()).as_deref(),
                    birthday.map(|b| b.day.to_string()).as_deref(),
                    birthday
                        .and_then(|b| b.year)
                        .map(|y| y.to_string())
                        .as_deref(),
                    input.customer_since.map(|d| d.to_string()).as_deref(),
                    Some(&input.family),
                    Some(&input.interests),
                    Some(&input.talking_points),
                    Some(&input.notes),
                    input.keep_in_touch_days.map(|d| d.to_string()).as_deref(),
                    last_contacted.map(|d| d.to_string()).as_deref(),
                    touch_due_on.map(|d| d.to_string()).as_deref(),
                    Some(if derived.has_postal_address() {
                        "t"
                    } else {
                        "f"
                    }),
                    Some(if kept.is_some_and(|k| k.archived) {
                        "t"
                    } else {
                        "f"
                    }),
                    Some(kept.map_or(now.as_str(), |k| k.created_at.as_str())),
                    Some(kept.map_or(now.as_str(), |k| k.updated_at.as_str())),
                ],
            );
            for (t, values) in [(1, &input.emails), (2, &input.phones)] {
                for (position, v) in values.iter().enumerate() {
                    let position = position.to_string();
                    line(
                        &mut tables[t].1,
                        &[
                            Some(&id_text),
                            Some(&position),
                            Some(&v.label),
                            Some(&v.value),
                        ],
                    );
                }
            }
            for (position, a) in input.addresses.iter().enumerate() {
                let position = position.to_string();
                line(
                    &mut tables[3].1,
                    &[
                        Some(&id_text),
                        Some(&position),
                        Some(&a.label),
                        Some(&a.street),
                        Some(&a.city),
                        Some(&a.region),
                        Some(&a.postal_code),
                        Some(&a.country),
                    ],
                );
            }
            let mut tag_ids: Vec<i64> = Vec::new();
            for (_, key) in derived.tags() {
                tag_ids.push(Self::known_id(&self.tag_ids, key)?);
            }
            tag_ids.sort_unstable();
            tag_ids.dedup();
            for tag_id in tag_ids {
                line(
                    &mut tables[4].1,
                    &[Some(&id_text), Some(&tag_id.to_string())],
                );
            }
            let mut tails: Vec<&str> = derived.phone_tails().iter().map(String::as_str).collect();
            tails.sort_unstable();
            tails.dedup();
            for digits in tails {
                line(&mut tables[5].1, &[Some(digits), Some(&id_text)]);
            }
            line(
                &mut tables[6].1,
                &[Some(&id_text), Some(&document_literal(derived.search()))],
            );
            if let Some(photo) = &pending.photo {
                line(
                    &mut tables[7].1,
                    &[
                        Some(&id_text),
                        Some(&bytea(&photo.jpeg)),
                        Some(&bytea(&photo.thumb_jpeg)),
                        Some(&photo.width.to_string()),
                        Some(&photo.height.to_string()),
                    ],
                );
            }
            for (new, resolved) in &pending.timeline {
                let resolved = *resolved && new.kind == TouchpointKind::Complaint;
                line(
                    &mut tables[8].1,
                    &[
                        Some(&id_text),
                        Some(new.kind.as_str()),
                        Some(&new.happened_on.to_string()),
                        Some(new.note.trim()),
                        Some(new.handled_by.trim()),
                        Some(if resolved { "t" } else { "f" }),
                    ],
                );
            }
        }
        for (table, text) in &tables {
            if text.is_empty() {
                continue;
            }
            let mut writer = tx.copy_in(&format!("COPY {table} FROM STDIN"))?;
            writer.write_all(text.as_bytes()).map_err(|e| {
                Fail::App(Error::Conflict(format!(
                    "Writing to the server failed: {e}"
                )))
            })?;
            writer.finish()?;
        }
        Ok(ids)
    }

    /// Finds or adds, in one round trip a table, the companies and tags of `chunk` not met
    /// before (a row at a time, 15,000 companies cost 15,000 round trips: most of an import).
    fn resolve_names(&mut self, tx: &mut Transaction<'_>, chunk: &[Pending]) -> PgResult<()> {
        let companies = chunk.iter().filter_map(|p| p.derived.company());
        let tags = chunk.iter().flat_map(|p| {
            p.derived
                .tags()
                .iter()
                .map(|(n, k)| (n.as_str(), k.as_str()))
        });
        resolve_names(tx, NamedTable::Companies, companies, &mut self.company_ids)?;
        resolve_names(tx, NamedTable::Tags, tags, &mut self.tag_ids)
    }

    fn known_id(ids: &HashMap<String, i64>, key: &str) -> PgResult<i64> {
        ids.get(key).copied().ok_or_else(|| {
            Fail::App(Error::Conflict(format!(
                "The server did not return the id of \"{key}\"; try again."
            )))
        })
    }
}

/// The tables of named things a contact refers to by id.
#[derive(Clone, Copy)]
enum NamedTable {
    Companies,
    Tags,
}

/// Adds `ids` the id of each `(name, key)` not yet in it: the ones stored already are read,
/// the new ones added (the first name written for a key is kept, as one at a time would).
fn resolve_names<'a>(
    tx: &mut Transaction<'_>,
    table: NamedTable,
    wanted: impl Iterator<Item = (&'a str, &'a str)>,
    ids: &mut HashMap<String, i64>,
) -> PgResult<()> {
    let mut names = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (name, key) in wanted {
        if !ids.contains_key(key) && seen.insert(key) {
            names.push(name);
            keys.push(key);
        }
    }
    if keys.is_empty() {
        return Ok(());
    }
    let table_name = match table {
        NamedTable::Companies => "companies",
        NamedTable::Tags => "tags",
    };
    // Rows added by the INSERT are not seen by the SELECT of the same statement: each key
    // comes back once, from one side or the other.
    let sql = format!(
        "WITH wanted (name, name_key) AS (SELECT * FROM unnest($1::text[], $2::text[])),
              added AS (INSERT INTO {table_name} (name, name_key) SELECT name, name_key FROM wanted
                        ON CONFLICT (name_key) DO NOTHING RETURNING id, name_key)
         SELECT id, name_key FROM added
         UNION ALL SELECT s.id, s.name_key FROM {table_name} s JOIN wanted w USING (name_key)"
    );
    for row in tx.query(&sql, &[&names, &keys])? {
        ids.insert(row.try_get(1)?, row.try_get(0)?);
    }
    // A name another desk added while this statement ran was neither added nor seen.
    for (name, key) in names.into_iter().zip(keys) {
        if !ids.contains_key(key) {
            let id = match table {
                NamedTable::Companies => super::contact_rows::company_id_of(tx, name, key)?,
                NamedTable::Tags => super::contact_rows::tag_id(tx, name, key)?,
            };
            ids.insert(key.to_string(), id);
        }
    }
    Ok(())
}

/// One row of COPY's text format: fields split by tabs, `\N` for NULL, and the characters
/// that would end a field or a row escaped.
pub(crate) fn line(out: &mut String, fields: &[Option<&str>]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        match field {
            None => out.push_str("\\N"),
            Some(text) => {
                for c in text.chars() {
                    match c {
                        '\\' => out.push_str("\\\\"),
                        '\t' => out.push_str("\\t"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        _ => out.push(c),
                    }
                }
            }
        }
    }
    out.push('\n');
}

/// Bytes as bytea's hex input (`\x0a1b…`); [`line`] escapes its backslash.
fn bytea(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(2 + bytes.len() * 2);
    out.push_str("\\x");
    out.push_str(&super::hex(bytes));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_rows_escape_what_would_split_them() {
        let mut out = String::new();
        line(&mut out, &[Some("a\tb\\c\nd\re"), None, Some("")]);
        assert_eq!(out, "a\\tb\\\\c\\nd\\re\t\\N\t\n");
        assert_eq!(bytea(&[0x0a, 0xff]), "\\x0aff");
    }
}
