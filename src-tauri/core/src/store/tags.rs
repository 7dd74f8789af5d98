//! Tags (the `tags` and `contact_tags` tables) and companies.

use rusqlite::{params, OptionalExtension};

use super::contact_writer::upsert_tag;
use super::search;
use super::SqliteStore;
use crate::contacts::{Company, TagCount};
use crate::error::Result;
use crate::search_text::fold;

impl SqliteStore {
    /// Puts `tag` on every contact in `ids`; returns how many gained it.
    pub fn add_tag(&mut self, ids: &[i64], tag: &str) -> Result<u32> {
        let tx = self.write_transaction()?;
        let tag_id = upsert_tag(&tx, tag)?;
        let mut changed = 0;
        for id in ids {
            let added = tx.execute(
                "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id)
                 SELECT id, ?2 FROM contacts WHERE id = ?1",
                params![id, tag_id],
            )?;
            if added > 0 {
                search::reindex_from_store(&tx, *id)?;
                changed += 1;
            }
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Takes `tag` off every contact in `ids`; returns how many lost it.
    pub fn remove_tag(&mut self, ids: &[i64], tag: &str) -> Result<u32> {
        let tx = self.write_transaction()?;
        let mut changed = 0;
        for id in ids {
            let removed = tx.execute(
                "DELETE FROM contact_tags WHERE contact_id = ?1
                   AND tag_id = (SELECT id FROM tags WHERE name_key = ?2)",
                params![id, fold(tag.trim())],
            )?;
            if removed > 0 {
                search::reindex_from_store(&tx, *id)?;
                changed += 1;
            }
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Every tag in use, with how many active contacts carry it.
    pub fn tags(&self) -> Result<Vec<TagCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.name, count(c.id) FROM tags t
               JOIN contact_tags ct ON ct.tag_id = t.id
               JOIN contacts c ON c.id = ct.contact_id AND c.archived = 0
             GROUP BY t.id ORDER BY t.name_key",
        )?;
        let tags = stmt
            .query_map([], |row| {
                Ok(TagCount {
                    name: row.get(0)?,
                    count: row.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(tags)
    }

    /// Whether a tag exists (folded), so an unknown tag is an error rather than an empty batch.
    pub fn tag_exists(&self, tag: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM tags WHERE name_key = ?1",
                [fold(tag.trim())],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Companies with at least one contact, by name.
    pub fn companies(&self) -> Result<Vec<Company>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT co.id, co.name, count(c.id) FROM companies co
               JOIN contacts c ON c.company_id = co.id
             GROUP BY co.id ORDER BY co.name_key",
        )?;
        let companies = stmt
            .query_map([], |row| {
                Ok(Company {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    contact_count: row.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(companies)
    }
}
