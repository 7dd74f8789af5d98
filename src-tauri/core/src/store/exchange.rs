//! Exchange with the outside world: every contact read whole in a few queries (exports,
//! duplicate checks), an import written as one transaction, and the database copied to or
//! replaced from one file (backup and restore).

use std::path::Path;

use rusqlite::OpenFlags;

use super::contact_photos::set_contact_photo_tx;
use super::contact_rows::{
    contact_from_row, CONTACT_COLUMNS, CONTACT_COLUMN_COUNT, PERSONAL_COLUMNS,
};
use super::contact_writer::{ContactWriter, NewContact};
use super::contacts::update_contact_tx;
use super::{classify, migrate, run_check, SqliteStore, StoreError, SCHEMA_VERSION};
use crate::contacts::{Contact, ContactInput, LabeledValue, PostalAddress};
use crate::error::Result;
use crate::photos::NormalizedPhoto;
use crate::search_text::fold;

/// A contact an import changes: one of the book's, by id, or one the same import adds, by its
/// place among the new contacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportTarget {
    Stored(i64),
    Added(usize),
}

/// What an import changes on a contact: its fields (validated), its photo, or both.
pub struct ImportChange {
    pub target: ImportTarget,
    pub fields: Option<ContactInput>,
    pub photo: Option<NormalizedPhoto>,
}

/// The position of contact `id` in `contacts` (sorted by id), looking forward from `at`: rows
/// of a child table read in contact order are matched in one pass.
fn position_of(contacts: &[Contact], at: &mut usize, id: i64) -> Option<usize> {
    while *at < contacts.len() && contacts[*at].id < id {
        *at += 1;
    }
    (*at < contacts.len() && contacts[*at].id == id).then_some(*at)
}

/// Reorders `items` so that the item at `i` is the one that was at `order[i]`, moving each
/// once; `order` is used up.
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    const DONE: usize = usize::MAX;
    for start in 0..items.len().min(order.len()) {
        let mut i = start;
        while order[i] != DONE {
            let from = order[i];
            order[i] = DONE;
            if from == start || from >= items.len() {
                break;
            }
            items.swap(i, from);
            i = from;
        }
    }
}

impl SqliteStore {
    /// Every active contact (or every active contact with `tag`), whole, in name order. Reads
    /// each table once instead of once per contact, so 100,000 contacts take a moment, not minutes.
    pub fn all_contacts(&self, tag: Option<&str>) -> Result<Vec<Contact>> {
        self.read_all_contacts(tag, CONTACT_COLUMNS, false)
    }

    /// Every contact, archived ones too, whole, in name order: an import matches rows against
    /// all of them, so an archived customer is not added again as someone new.
    pub fn every_contact(&self) -> Result<Vec<Contact>> {
        self.read_all_contacts(None, CONTACT_COLUMNS, true)
    }

    /// Like [`SqliteStore::all_contacts`] without the personal details (family, interests, what was
    /// talked about, notes), which an accountant's export leaves out: less to read and hold.
    pub fn all_contacts_without_personal(&self, tag: Option<&str>) -> Result<Vec<Contact>> {
        debug_assert!(CONTACT_COLUMNS.contains(PERSONAL_COLUMNS));
        let columns = CONTACT_COLUMNS.replace(PERSONAL_COLUMNS, "'', '', '', ''");
        self.read_all_contacts(tag, &columns, false)
    }

    fn read_all_contacts(
        &self,
        tag: Option<&str>,
        columns: &str,
        with_archived: bool,
    ) -> Result<Vec<Contact>> {
        let tag_key = tag.map(|t| fold(t.trim())).filter(|t| !t.is_empty());
        let filter = format!(
            "{} (?1 IS NULL OR EXISTS (SELECT 1 FROM contact_tags ct
                JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id AND t.name_key = ?1))",
            if with_archived {
                ""
            } else {
                "c.archived = 0 AND"
            }
        );
        // Read in table order (each child table is then joined in one pass, in the same order)
        // and sort by name at the end: walking the name index would fetch each row's page out
        // of order, several times slower on a large book.
        let capacity: usize = self.conn.query_row(
            "SELECT count(*) FROM contacts WHERE archived = 0 OR ?1",
            [with_archived],
            |row| row.get(0),
        )?;
        let mut contacts: Vec<Contact> = Vec::with_capacity(capacity);
        let mut keys: Vec<String> = Vec::with_capacity(capacity);
        {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT {columns}, c.sort_key
                 FROM contacts c NOT INDEXED LEFT JOIN companies co ON co.id = c.company_id
                 WHERE {filter} ORDER BY c.id"
            ))?;
            let mut rows = stmt.query([&tag_key])?;
            while let Some(row) = rows.next()? {
                contacts.push(contact_from_row(row)?);
                keys.push(row.get(CONTACT_COLUMN_COUNT)?);
            }
        }
        for (table, is_email) in [("contact_emails", true), ("contact_phones", false)] {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT contact_id, label, value FROM {table} ORDER BY contact_id, position"
            ))?;
            let mut rows = stmt.query([])?;
            let mut at = 0;
            while let Some(row) = rows.next()? {
                let Some(i) = position_of(&contacts, &mut at, row.get(0)?) else {
                    continue;
                };
                let value = LabeledValue {
                    label: row.get(1)?,
                    value: row.get(2)?,
                };
                let fields = &mut contacts[i].fields;
                if is_email {
                    fields.emails.push(value);
                } else {
                    fields.phones.push(value);
                }
            }
        }
        let mut stmt = self.conn.prepare(
            "SELECT contact_id, label, street, city, region, postal_code, country
             FROM contact_addresses ORDER BY contact_id, position",
        )?;
        let mut rows = stmt.query([])?;
        let mut at = 0;
        while let Some(row) = rows.next()? {
            let Some(i) = position_of(&contacts, &mut at, row.get(0)?) else {
                continue;
            };
            contacts[i].fields.addresses.push(PostalAddress {
                label: row.get(1)?,
                street: row.get(2)?,
                city: row.get(3)?,
                region: row.get(4)?,
                postal_code: row.get(5)?,
                country: row.get(6)?,
            });
        }
        let mut stmt = self.conn.prepare(
            "SELECT ct.contact_id, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
             ORDER BY ct.contact_id, t.name_key",
        )?;
        let mut rows = stmt.query([])?;
        let mut at = 0;
        while let Some(row) = rows.next()? {
            let Some(i) = position_of(&contacts, &mut at, row.get(0)?) else {
                continue;
            };
            contacts[i].fields.tags.push(row.get(1)?);
        }
        // Name order: the indices are sorted, then the contacts moved into place once.
        let mut order: Vec<usize> = (0..contacts.len()).collect();
        order.sort_unstable_by(|&a, &b| {
            keys[a]
                .cmp(&keys[b])
                .then(contacts[a].id.cmp(&contacts[b].id))
        });
        permute(&mut contacts, &mut order);
        Ok(contacts)
    }

    /// Stores an import as ONE transaction: the new contacts (validated, with their photos),
    /// then the changes to contacts of the book or to ones just added (merges, photos). They
    /// land together or not at all.
    ///
    /// The new contacts arrive in batches from `next_batch` (None: no more), so the caller can
    /// make them on another thread while they are written; `changes` is asked once they are
    /// all in. `expected` is at most how many there will be (it decides whether indexes are
    /// rebuilt, see [`SqliteStore::write_in_bulk`]). `keep_going(stored)` is asked after each batch;
    /// when it says no, the transaction is rolled back and the import is cancelled. Returns the
    /// new contacts' ids, in order.
    pub fn import_contacts(
        &mut self,
        expected: usize,
        mut next_batch: impl FnMut() -> Option<Vec<NewContact>>,
        changes: impl FnOnce() -> Result<Vec<ImportChange>>,
        keep_going: &mut dyn FnMut(usize) -> bool,
    ) -> Result<Vec<i64>> {
        let stopped = || crate::Error::Cancelled(crate::Cancelled::Import);
        let tables = ["contacts", "contact_tags"];
        let _busy = self.mark_long_write(super::LongWrite::Import);
        self.write_in_bulk(expected, &tables, |tx| {
            let mut ids = Vec::new();
            let mut writer = ContactWriter::for_bulk(tx)?;
            while let Some(batch) = next_batch() {
                for contact in batch {
                    let (input, derived, photo) = contact.into_parts();
                    let id = writer.insert(&input, derived, None, None)?;
                    if let Some(photo) = &photo {
                        set_contact_photo_tx(tx, id, photo)?;
                    }
                    ids.push(id);
                }
                if !keep_going(ids.len()) {
                    return Err(stopped());
                }
            }
            // The tails go in before any change: updating a contact removes its old ones.
            writer.finish()?;
            for change in changes()? {
                let id = match change.target {
                    ImportTarget::Added(i) => *ids.get(i).ok_or_else(|| {
                        crate::Error::not_found(format!("The import's new contact {i}"))
                    })?,
                    ImportTarget::Stored(id) => {
                        // Foreign keys are not checked in a bulk write: the contact may have gone
                        // since the import was planned.
                        if !tx
                            .prepare_cached("SELECT 1 FROM contacts WHERE id = ?1")?
                            .exists([id])?
                        {
                            return Err(crate::Error::not_found(format!("Contact {id}")));
                        }
                        id
                    }
                };
                if let Some(fields) = &change.fields {
                    update_contact_tx(tx, id, fields)?;
                }
                if let Some(photo) = &change.photo {
                    set_contact_photo_tx(tx, id, photo)?;
                }
            }
            if !keep_going(ids.len()) {
                return Err(stopped());
            }
            Ok(ids)
        })
    }

    /// Writes a consistent, compacted copy of the whole database to `path` (which must not
    /// exist), while the book stays open.
    pub fn vacuum_into(&self, path: &Path) -> Result<(), StoreError> {
        self.conn
            .execute("VACUUM INTO ?1", [path.to_string_lossy()])
            .map_err(|e| super::classify_copy(path, e))?;
        Ok(())
    }

    /// Replaces the whole book with the database in `path` (checked with
    /// [`check_database_file`] first), through SQLite's backup interface so the open connection
    /// and its journal stay consistent; then brings it up to this version's schema.
    pub fn replace_from(&mut self, path: &Path) -> Result<(), StoreError> {
        let _busy = self.mark_long_write(super::LongWrite::Restore);
        self.name_order.forget();
        self.conn
            .restore(
                rusqlite::MAIN_DB,
                path,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(|e| classify(path, e))?;
        migrate(&mut self.conn, SCHEMA_VERSION).map_err(|e| classify(path, e))?;
        Ok(())
    }
}

/// Writes a consistent, compacted copy of the database file at `path` to `out` (which must
/// not exist) through a read-only connection of its own: the book's connection is not held
/// meanwhile, so a backup can run beside the window.
pub fn vacuum_file_into(path: &Path, out: &Path) -> Result<(), StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = super::connect(path, flags)?;
    conn.busy_timeout(super::BUSY_TIMEOUT)
        .map_err(|e| classify(path, e))?;
    conn.execute("VACUUM INTO ?1", [out.to_string_lossy()])
        .map_err(|e| super::classify_copy(out, e))?;
    Ok(())
}

/// Looks at a database file without changing it: is it a Rapport book, undamaged, not newer
/// than this version? Returns its schema version.
pub fn check_database_file(path: &Path) -> Result<u32, StoreError> {
    check_file(path, false)
}

/// [`check_database_file`] for a copy this process has just written and nothing else touches
/// (a backup before it is renamed). It is read through a memory map, which makes the integrity
/// check of a big book about a third quicker. Files from elsewhere are not mapped: one that
/// shrank while mapped (a drive pulled out) would crash the app instead of failing the check.
pub fn check_own_copy(path: &Path) -> Result<u32, StoreError> {
    check_file(path, true)
}

/// Mapped at most this much; the rest of a bigger file is read as usual.
const MAX_MAPPED_BYTES: u64 = 1 << 30;

fn check_file(path: &Path, mapped: bool) -> Result<u32, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = super::connect(path, flags)?;
    if mapped {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        conn.execute_batch(&format!(
            "PRAGMA mmap_size = {}",
            size.min(MAX_MAPPED_BYTES)
        ))
        .map_err(|e| classify(path, e))?;
    }
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(|e| classify(path, e))?;
    let has_contacts: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'contacts'",
            [],
            |row| row.get(0),
        )
        .map_err(|e| classify(path, e))?;
    if version == 0 || !has_contacts {
        return Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    run_check(&conn, path, "integrity_check")?;
    Ok(version)
}

/// Active contacts in the database file at `path`, read without changing it. Only for a file
/// [`check_database_file`] has passed.
pub fn contacts_in_file(path: &Path) -> Result<i64, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = super::connect(path, flags)?;
    conn.query_row(
        "SELECT count(*) FROM contacts WHERE archived = 0",
        [],
        |row| row.get(0),
    )
    .map_err(|e| classify(path, e))
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn permute_moves_every_item_to_its_place() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e', 'f'];
        let mut order = vec![3, 0, 4, 1, 2, 5];
        permute(&mut items, &mut order);
        assert_eq!(items, ['d', 'a', 'e', 'b', 'c', 'f']);
        let mut items = vec![1, 2, 3];
        permute(&mut items, &mut [2, 1, 0]);
        assert_eq!(items, [3, 2, 1]);
    }
}
