//! Writes of many rows at once (sample data, imports): one transaction each, all or nothing.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, Transaction};

use super::contact_writer::{ContactWriter, NewContact};
use super::name_order;
use super::{now_timestamp, SqliteStore};
use crate::contacts::{NewTouchpoint, TouchpointKind};
use crate::error::{Error, Result};

impl SqliteStore {
    /// Logs many touchpoints (already validated) in one transaction: all or none. Each item is
    /// the contact's id, the touchpoint, and for a complaint whether it has been put right
    /// (ignored for other kinds). Afterwards every affected contact's "last contacted" and
    /// keep-in-touch due date are brought up to date once. Returns how many were stored.
    pub fn insert_touchpoints(&mut self, items: &[(i64, NewTouchpoint, bool)]) -> Result<u32> {
        let tx = self.write_transaction()?;
        // Per contact, the newest day of the new touchpoints that count as being in touch.
        let mut newest: BTreeMap<i64, Option<NaiveDate>> = BTreeMap::new();
        {
            let mut exists = tx.prepare("SELECT 1 FROM contacts WHERE id = ?1")?;
            let mut insert = tx.prepare(
                "INSERT INTO touchpoints (contact_id, kind, happened_on, note, handled_by, resolved, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let now = now_timestamp();
            for (contact_id, new, resolved) in items {
                let entry = match newest.entry(*contact_id) {
                    Entry::Occupied(entry) => entry.into_mut(),
                    Entry::Vacant(entry) => {
                        if !exists.exists([contact_id])? {
                            return Err(Error::not_found(format!("Contact {contact_id}")));
                        }
                        entry.insert(None)
                    }
                };
                if new.kind.counts_as_contact() {
                    *entry = (*entry).max(Some(new.happened_on));
                }
                let resolved = *resolved && new.kind == TouchpointKind::Complaint;
                insert.execute(params![
                    contact_id,
                    new.kind.as_str(),
                    new.happened_on,
                    new.note.trim(),
                    new.handled_by.trim(),
                    resolved,
                    now
                ])?;
            }
        }
        {
            // Adding touchpoints can only move "last contacted" later, so it is the newer of the
            // stored day and the new touchpoints' newest (a note does not count): the same result
            // as recomputing it from the whole timeline, in one write per contact. The due day
            // then runs from it, as `refresh_touch_due` computes it.
            let mut update = tx.prepare(
                "UPDATE contacts SET last_contacted = ?2,
                    touch_due_on = CASE WHEN keep_in_touch_days IS NULL THEN NULL
                        ELSE date(?2, '+' || keep_in_touch_days || ' days') END
                 WHERE id = ?1 AND (last_contacted IS NULL OR last_contacted < ?2)",
            )?;
            for (id, day) in &newest {
                if let Some(day) = day {
                    update.execute(params![id, day])?;
                }
            }
        }
        tx.commit()?;
        Ok(u32::try_from(items.len()).unwrap_or(u32::MAX))
    }
}

impl SqliteStore {
    /// Stores new contacts each with its timeline, in one transaction: all or none. `expected`
    /// is how many `people` will yield (it decides whether indexes are rebuilt, see
    /// [`SqliteStore::write_in_bulk`]); an error from `people` rolls everything back. "Last
    /// contacted" and the keep-in-touch day are computed as the rows are written, not updated
    /// after. Returns the new ids.
    pub fn insert_contacts_with_history<I>(
        &mut self,
        expected: usize,
        people: I,
    ) -> Result<Vec<i64>>
    where
        I: IntoIterator<Item = Result<(NewContact, Vec<(NewTouchpoint, bool)>)>>,
    {
        let tables = ["contacts", "contact_tags", "touchpoints"];
        let _busy = self.mark_long_write(super::LongWrite::SampleData);
        self.write_in_bulk(expected, &tables, |tx| {
            let mut ids = Vec::with_capacity(expected);
            let mut writer = ContactWriter::for_bulk(tx)?;
            let now = now_timestamp();
            let mut insert = tx.prepare_cached(
                "INSERT INTO touchpoints (contact_id, kind, happened_on, note, handled_by, resolved, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for person in people {
                let (contact, timeline) = person?;
                let last_contacted = timeline
                    .iter()
                    .filter(|(t, _)| t.kind.counts_as_contact())
                    .map(|(t, _)| t.happened_on)
                    .max();
                let (input, derived, photo) = contact.into_parts();
                let id = writer.insert(&input, derived, None, last_contacted)?;
                if let Some(photo) = &photo {
                    super::contact_photos::set_contact_photo_tx(tx, id, photo)?;
                }
                for (new, resolved) in &timeline {
                    let resolved = *resolved && new.kind == TouchpointKind::Complaint;
                    insert.execute(params![
                        id,
                        new.kind.as_str(),
                        new.happened_on,
                        new.note.trim(),
                        new.handled_by.trim(),
                        resolved,
                        now
                    ])?;
                }
                ids.push(id);
            }
            writer.finish()?;
            Ok(ids)
        })
    }

    /// Runs `work` as one transaction that writes many rows, about `new_contacts` contacts.
    ///
    /// Three things make it several times cheaper than the same rows written one by one:
    /// - Foreign keys are not checked while it runs: every row a bulk write adds refers to a
    ///   row it has just written or has checked exists, so each check would only repeat that.
    /// - When it adds at least as many contacts as the book already holds (a first import, sample
    ///   data), the non-unique indexes of `tables` are dropped and built again just before
    ///   commit. Building an index from all its rows at once sorts them in one pass; growing it
    ///   row by row walks the tree each time. Unique indexes stay, so duplicates are still
    ///   refused.
    /// - Such a write also uses a rollback journal instead of the write-ahead log when no other
    ///   connection has the book open. The log would take every new page and then copy it into
    ///   the database; a rollback journal keeps only the few pages that existed before, and the
    ///   new ones are written once, into the file itself.
    ///
    /// Everything, the indexes included, is in the one transaction: an error or a killed process
    /// leaves the book as it was (a journal left behind is played back on the next open).
    pub(super) fn write_in_bulk<T>(
        &mut self,
        new_contacts: usize,
        tables: &[&str],
        work: impl FnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        let big = self.is_big_write(new_contacts)?;
        let counted = big && self.name_order.counts_changes();
        let journaled = big && use_rollback_journal(&self.conn);
        // The pragma is a no-op inside a transaction, so it is set around it.
        let result = self
            .conn
            .execute_batch("PRAGMA foreign_keys = OFF")
            .map_err(Error::from)
            .and_then(|()| {
                let tx = self.write_transaction()?;
                let (set_aside, counters) = if big {
                    (set_aside_indexes(&tx, tables)?, set_aside_counters(&tx)?)
                } else {
                    (Vec::new(), Vec::new())
                };
                if counted {
                    name_order::set_aside_for_big_write(&tx)?;
                }
                let value = work(&tx)?;
                rebuild_indexes(&tx, &set_aside)?;
                recount(&tx, &counters)?;
                if counted {
                    name_order::count_after_big_write(&tx)?;
                }
                tx.commit()?;
                Ok(value)
            });
        let foreign_keys = self.conn.execute_batch("PRAGMA foreign_keys = ON");
        if journaled {
            // Back to the log for everyday edits. Should that fail, the book stays correct in
            // the rollback journal until it is next opened, which sets the log again.
            let _ = self.conn.query_row("PRAGMA journal_mode = WAL", [], |row| {
                row.get::<_, String>(0)
            });
        } else if big {
            // The write-ahead log grew as large as the book; its pages are in the database now,
            // so the file is cut back rather than left taking that much disk. Only a reader of
            // another program can stop that, and then the log is reused later as usual.
            let _ = self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        let value = result?;
        foreign_keys?;
        Ok(value)
    }

    /// Whether a write of `new_contacts` is a big one: at least as many as the book holds.
    fn is_big_write(&self, new_contacts: usize) -> Result<bool> {
        if new_contacts < MIN_CONTACTS_TO_REBUILD_INDEXES {
            return Ok(false);
        }
        let existing: i64 = self
            .conn
            .query_row("SELECT count(*) FROM contacts", [], |row| row.get(0))?;
        Ok(i64::try_from(new_contacts).unwrap_or(i64::MAX) >= existing)
    }
}

/// Switches `conn` from the write-ahead log to a rollback journal, if no other connection has
/// the book open; says whether it did. It does not wait: a window or command that has the book
/// open keeps the log, and the write goes through it as usual.
fn use_rollback_journal(conn: &rusqlite::Connection) -> bool {
    let waited = conn.busy_timeout(std::time::Duration::ZERO);
    let mode = conn.query_row("PRAGMA journal_mode = DELETE", [], |row| {
        row.get::<_, String>(0)
    });
    let _ = conn.busy_timeout(super::BUSY_TIMEOUT);
    waited.is_ok() && mode.is_ok_and(|mode| mode.eq_ignore_ascii_case("delete"))
}

/// Adding fewer contacts than this is quick either way; indexes are kept.
const MIN_CONTACTS_TO_REBUILD_INDEXES: usize = 1_000;

/// An index dropped for a bulk write: its table and the SQL that creates it again.
struct SetAsideIndex {
    table: String,
    sql: String,
}

/// Drops the non-unique indexes of `tables`, to be built again by [`rebuild_indexes`].
fn set_aside_indexes(tx: &Transaction, tables: &[&str]) -> Result<Vec<SetAsideIndex>> {
    let mut set_aside = Vec::new();
    let mut names = Vec::new();
    {
        // Indexes SQLite makes for UNIQUE and PRIMARY KEY have no SQL and are never listed.
        let mut stmt = tx.prepare(
            "SELECT m.name, m.sql FROM sqlite_schema m
             JOIN pragma_index_list(m.tbl_name) l ON l.name = m.name
             WHERE m.type = 'index' AND m.tbl_name = ?1 AND m.sql IS NOT NULL AND l.\"unique\" = 0",
        )?;
        for table in tables {
            let rows = stmt.query_map([table], |row| Ok((row.get(0)?, row.get(1)?)))?;
            for row in rows {
                let (name, sql): (String, String) = row?;
                names.push(name);
                set_aside.push(SetAsideIndex {
                    table: (*table).to_string(),
                    sql,
                });
            }
        }
    }
    for name in names {
        tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(set_aside)
}

/// Drops the triggers that keep the contact counts (they doubled the time of a big write),
/// returning the SQL that makes them again; [`recount`] counts once at the end instead.
fn set_aside_counters(tx: &Transaction) -> Result<Vec<String>> {
    let triggers: Vec<(String, String)> = tx
        .prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'trigger' AND tbl_name = 'contacts' AND name LIKE 'contact\\_counts\\_%' ESCAPE '\\'",
        )?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &triggers {
        tx.execute_batch(&format!("DROP TRIGGER \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(triggers.into_iter().map(|(_, sql)| sql).collect())
}

/// Counts the contacts once and makes the set-aside triggers again.
fn recount(tx: &Transaction, triggers: &[String]) -> Result<()> {
    if triggers.is_empty() {
        return Ok(());
    }
    tx.execute_batch(
        "UPDATE contact_counts SET n = (SELECT count(*) FROM contacts c
                                         WHERE c.archived = contact_counts.archived)",
    )?;
    for sql in triggers {
        tx.execute_batch(sql)?;
    }
    Ok(())
}

/// Creates the set-aside indexes again and refreshes the planner's statistics of their tables
/// (dropping an index drops its statistics; a sample of rows is enough for them).
fn rebuild_indexes(tx: &Transaction, set_aside: &[SetAsideIndex]) -> Result<()> {
    if set_aside.is_empty() {
        return Ok(());
    }
    for index in set_aside {
        tx.execute_batch(&index.sql)?;
    }
    let mut tables: Vec<&str> = set_aside.iter().map(|i| i.table.as_str()).collect();
    tables.dedup();
    tx.execute_batch("PRAGMA analysis_limit = 1000")?;
    for table in tables {
        tx.execute_batch(&format!("ANALYZE \"{table}\""))?;
    }
    Ok(())
}
