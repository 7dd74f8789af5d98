//! The contact list: one page of a search (ranked) or of a sorted list, optionally one tag.

use rusqlite::params_from_iter;

use super::contact_rows::summaries;
use super::search::{self, Matcher};
use super::SqliteStore;
use crate::contacts::{ArchiveFilter, ContactPage, ListQuery, SortKey};
use crate::error::Result;
use crate::search_text::fold;

/// The largest page the list asks for at once.
pub const MAX_PAGE: u32 = 500;
/// Up to this many matches a search is ranked by relevance; beyond it (someone typed one or two
/// letters) the matches are listed by name, which stays fast at any size.
const RANKED_SEARCH_LIMIT: usize = 2_000;
impl SqliteStore {
    /// One page of the contact list: ranked search results, or the whole book sorted.
    pub fn list_contacts(&self, query: &ListQuery) -> Result<ContactPage> {
        let limit = query.limit.clamp(1, MAX_PAGE);
        let mut conditions = vec![match query.archive {
            ArchiveFilter::Active => "c.archived = 0",
            ArchiveFilter::Archived => "c.archived = 1",
            ArchiveFilter::All => "1",
        }
        .to_string()];
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(tag) = query.tag.as_deref().filter(|t| !t.trim().is_empty()) {
            conditions.push(
                "EXISTS (SELECT 1 FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
                         WHERE ct.contact_id = c.id AND t.name_key = ?)"
                    .into(),
            );
            args.push(fold(tag.trim()).into());
        }
        let matcher = search::matcher(&query.search);
        if matcher.is_none() && !query.search.trim().is_empty() {
            // Only punctuation was typed: nothing can match.
            return Ok(ContactPage {
                total: 0,
                offset: query.offset,
                rows: Vec::new(),
            });
        }
        if let Some(matcher) = &matcher {
            let no_tag = query.tag.as_deref().is_none_or(|t| t.trim().is_empty());
            if query.archive == ArchiveFilter::Active && no_tag {
                return self.search_active(matcher, query.offset, limit);
            }
        }
        let (from, order) = match &matcher {
            Some(Matcher::Words(expr)) => {
                conditions.insert(0, "contact_search MATCH ?".into());
                args.insert(0, expr.clone().into());
                (
                    "contact_search s JOIN contacts c ON c.id = s.rowid",
                    "s.rank, c.sort_key, c.id",
                )
            }
            Some(Matcher::PhoneDigits(digits)) => {
                conditions.insert(
                    0,
                    "c.id IN (SELECT contact_id FROM contact_phone_tails
                              WHERE digits >= ? AND digits < ? || ':')"
                        .into(),
                );
                args.splice(0..0, [digits.clone().into(), digits.clone().into()]);
                ("contacts c", "c.sort_key, c.id")
            }
            None => (
                "contacts c",
                match query.sort {
                    SortKey::Name => "c.sort_key, c.id",
                    SortKey::LastContacted => "c.last_contacted, c.id",
                    SortKey::CustomerSince => "c.customer_since DESC, c.id DESC",
                },
            ),
        };
        let filter = conditions.join(" AND ");
        let total: u32 = if args.is_empty() {
            // The whole book, one side of the archive or both: counted by the triggers.
            u32::try_from(self.counted_contacts(query.archive)?).unwrap_or(u32::MAX)
        } else {
            self.conn.query_row(
                &format!("SELECT count(*) FROM {from} WHERE {filter}"),
                params_from_iter(args.iter()),
                |row| row.get(0),
            )?
        };
        let mut page_args = args.clone();
        page_args.push(i64::from(limit).into());
        page_args.push(i64::from(query.offset).into());
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(&format!(
                "SELECT c.id FROM {from} WHERE {filter} ORDER BY {order} LIMIT ? OFFSET ?"
            ))?
            .query_map(params_from_iter(page_args.iter()), |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ContactPage {
            total,
            offset: query.offset,
            rows: summaries(&self.conn, &ids)?,
        })
    }

    /// The everyday search (active contacts, no tag): the index is asked once for the matching
    /// ids, and archived contacts are left out here instead of joining every match with the
    /// contacts table. Up to [`RANKED_SEARCH_LIMIT`] matches are ranked by relevance (ties by
    /// name); a search matching more (a first letter or two) is listed in name order, from each
    /// contact's place in it kept in memory ([`name_order`](super::name_order)).
    fn search_active(&self, matcher: &Matcher, offset: u32, limit: u32) -> Result<ContactPage> {
        let mut matched = search::matching_ids(&self.conn, matcher)?;
        let (skip, limit) = (offset as usize, limit as usize);
        if matched.len() > RANKED_SEARCH_LIMIT {
            let order = self.name_order.current(&self.conn)?;
            let (total, page) = order.count_and_page(&matched, skip, limit);
            drop(order);
            return Ok(ContactPage {
                total: u32::try_from(total).unwrap_or(u32::MAX),
                offset,
                rows: summaries(&self.conn, &page)?,
            });
        }
        // With the name order at hand, it leaves out the archived and orders equal ranks
        // (a number matches or not: all phone matches rank alike); without it, the archived
        // ids and the names of the tied matches are read.
        let order = self.name_order.if_current(&self.conn)?;
        match &order {
            Some(order) => matched.retain(|&id| order.place(id).is_some()),
            None => {
                let archived = self.archived_ids()?;
                matched.retain(|id| archived.binary_search(id).is_err());
            }
        }
        let mut ranked: Vec<(f64, i64)> = match matcher {
            Matcher::Words(expr) => self
                .conn
                .prepare_cached(
                    "SELECT rank, rowid FROM contact_search WHERE contact_search MATCH ?1",
                )?
                .query_map([expr], |row| Ok((row.get(0)?, row.get(1)?)))?
                .filter(|r| {
                    r.as_ref()
                        .map_or(true, |(_, id)| matched.binary_search(id).is_ok())
                })
                .collect::<rusqlite::Result<_>>()?,
            // A number is a match or not: all rank alike, so they come in name order.
            Matcher::PhoneDigits(_) => matched.iter().map(|&id| (0.0, id)).collect(),
        };
        ranked.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let page = match &order {
            Some(order) => search::ranked_page(&ranked, skip, limit, |ids| {
                Ok::<_, crate::error::Error>(
                    ids.iter()
                        .filter_map(|&id| Some((order.place(id)?, id)))
                        .collect(),
                )
            })?,
            None => search::ranked_page(&ranked, skip, limit, |ids| self.sort_keys(ids))?,
        };
        drop(order);
        Ok(ContactPage {
            total: u32::try_from(matched.len()).unwrap_or(u32::MAX),
            offset,
            rows: summaries(&self.conn, &page)?,
        })
    }

    /// The ids of the archived contacts, sorted.
    fn archived_ids(&self) -> Result<Vec<i64>> {
        let mut archived: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM contacts INDEXED BY contacts_by_name WHERE archived = 1",
            )?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        archived.sort_unstable();
        Ok(archived)
    }

    /// The name each of `ids` sorts by, with its id (in no particular order).
    fn sort_keys(&self, ids: &[i64]) -> Result<Vec<(String, i64)>> {
        let ids_json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        Ok(self
            .conn
            .prepare_cached(
                "SELECT sort_key, id FROM contacts WHERE id IN (SELECT value FROM json_each(?1))",
            )?
            .query_map([ids_json], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }
}
