//! The server book's contact list: one page of a search (ranked) or of a sorted list, as the
//! SQLite book's (store/contact_list.rs). Search uses the tsvector documents and the phone tails
//! written by the store (see search.rs), so both books find the same people.

use std::collections::HashMap;

use postgres::types::ToSql;
use postgres::GenericClient;

use super::book::{ids_of, PgResult, ServerBook};
use super::search::{phone_digits, query_literal};
use crate::contacts::{ArchiveFilter, ContactPage, ContactSummary, ListQuery, SortKey};
use crate::error::Result;
use crate::search_text::fold;
use crate::store::search::Matcher;

/// The largest page the list asks for at once (as the file book's).
const MAX_PAGE: u32 = 500;
/// Up to this many matches the everyday search is ranked; beyond it, listed by name.
const RANKED_SEARCH_LIMIT: i64 = 2_000;

/// A statement's parameters, numbered as they are added.
#[derive(Default)]
struct Args(Vec<Box<dyn ToSql + Sync>>);

impl Args {
    /// Adds a parameter; returns its placeholder (`$3`).
    fn push(&mut self, value: impl ToSql + Sync + 'static) -> String {
        self.0.push(Box::new(value));
        format!("${}", self.0.len())
    }

    fn refs(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.0.iter().map(|b| b.as_ref()).collect()
    }
}

impl ServerBook {
    /// One page of the contact list: ranked search results, or the whole book sorted.
    pub fn list_contacts(&self, query: &ListQuery) -> Result<ContactPage> {
        let limit = query.limit.clamp(1, MAX_PAGE);
        let matcher = crate::store::search::matcher(&query.search);
        if matcher.is_none() && !query.search.trim().is_empty() {
            // Only punctuation was typed: nothing can match.
            return Ok(ContactPage {
                total: 0,
                offset: query.offset,
                rows: Vec::new(),
            });
        }
        let mut args = Args::default();
        let mut conditions = vec![match query.archive {
            ArchiveFilter::Active => "NOT c.archived",
            ArchiveFilter::Archived => "c.archived",
            ArchiveFilter::All => "true",
        }
        .to_string()];
        let tag = query.tag.as_deref().filter(|t| !t.trim().is_empty());
        if let Some(tag) = tag {
            let key = args.push(fold(tag.trim()));
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
                         WHERE ct.contact_id = c.id AND t.name_key = {key})"
            ));
        }
        let everyday = query.archive == ArchiveFilter::Active && tag.is_none();
        let mut from = "contacts c".to_string();
        let mut ranked_order = None;
        let order = match &matcher {
            Some(Matcher::Words(_)) => {
                let q = args.push(query_literal(&query.search).unwrap_or_default());
                from = "contact_search s JOIN contacts c ON c.id = s.contact_id".into();
                conditions.push(format!("s.document @@ {q}::text::tsquery"));
                ranked_order = Some(format!(
                    "ts_rank('{{0.083, 0.25, 0.5, 1.0}}', s.document, {q}::text::tsquery, 1) DESC, c.sort_key, c.id"
                ));
                "c.sort_key, c.id"
            }
            Some(Matcher::PhoneDigits(_)) => {
                // Digits sort before ':' in "C" order: the range holds exactly the tails
                // starting with the digits typed.
                let d = args.push(phone_digits(&query.search).unwrap_or_default());
                conditions.push(format!(
                    "c.id IN (SELECT contact_id FROM contact_phone_tails
                              WHERE digits >= {d} AND digits < {d} || ':')"
                ));
                "c.sort_key, c.id"
            }
            None => match query.sort {
                SortKey::Name => "c.sort_key, c.id",
                // As SQLite orders them: no date first going up, last going down.
                SortKey::LastContacted => "c.last_contacted NULLS FIRST, c.id",
                SortKey::CustomerSince => "c.customer_since DESC NULLS LAST, c.id DESC",
            },
        };
        let filter = conditions.join(" AND ");
        // The everyday search counts its matches from the index's table alone, less the few
        // archived ones: joining every match with the contacts table to leave those out cost
        // more than the search (70 ms for "mar" among 100,000 contacts, 24 ms this way).
        let count_sql = match (&matcher, everyday) {
            (Some(Matcher::Words(_)), true) => "SELECT (SELECT count(*) FROM contact_search s WHERE s.document @@ $1::text::tsquery)
                      - (SELECT count(*) FROM contacts c JOIN contact_search s ON s.contact_id = c.id
                          WHERE c.archived AND s.document @@ $1::text::tsquery)"
                .to_string(),
            (Some(Matcher::PhoneDigits(_)), true) => "SELECT (SELECT count(DISTINCT contact_id) FROM contact_phone_tails
                          WHERE digits >= $1 AND digits < $1 || ':')
                      - (SELECT count(*) FROM contacts c WHERE c.archived AND EXISTS (
                          SELECT 1 FROM contact_phone_tails t
                           WHERE t.contact_id = c.id AND t.digits >= $1 AND t.digits < $1 || ':'))"
                .to_string(),
            _ => format!("SELECT count(*) FROM {from} WHERE {filter}"),
        };
        let offset = query.offset;
        let typed = query.search.clone();
        self.run(|client| {
            let total: i64 = client.query_one(&count_sql, &args.refs())?.try_get(0)?;
            if everyday && total <= RANKED_SEARCH_LIMIT {
                if let Some(Matcher::Words(_)) = &matcher {
                    let literal = query_literal(&typed).unwrap_or_default();
                    let ids = ranked_page(client, &literal, offset, limit)?;
                    return Ok(ContactPage {
                        total: u32::try_from(total).unwrap_or(u32::MAX),
                        offset,
                        rows: summaries(client, &ids)?,
                    });
                }
            }
            // The everyday search ranks a few thousand matches at most; one or two letters
            // typed list their many matches by name, as on the file book.
            let order = match &ranked_order {
                Some(ranked) if !everyday || total <= RANKED_SEARCH_LIMIT => ranked.as_str(),
                _ => order,
            };
            let mut page_args = Args(Vec::new());
            std::mem::swap(&mut page_args, &mut args);
            let l = page_args.push(i64::from(limit));
            let o = page_args.push(i64::from(offset));
            let ids = ids_of(&client.query(
                &format!(
                    "SELECT c.id FROM {from} WHERE {filter} ORDER BY {order} LIMIT {l} OFFSET {o}"
                ),
                &page_args.refs(),
            )?)?;
            Ok(ContactPage {
                total: u32::try_from(total).unwrap_or(u32::MAX),
                offset,
                rows: summaries(client, &ids)?,
            })
        })
    }

    /// List rows for the given ids, in the same order.
    pub fn summaries(&self, ids: &[i64]) -> Result<Vec<ContactSummary>> {
        self.run(|client| summaries(client, ids))
    }
}

/// One page of the everyday search's matches (a few thousand at most), best first, ties by
/// name: every match's rank is read from the search table alone, archived contacts left out
/// against the few archived ids, and names read only for the ranks the page shares
/// (`search::ranked_page`, as the file book does). Joining every match with the contacts
/// table to order them in SQL read a row of contacts per match: 13 ms for "jos" among 100,000.
/// The weights for D, C, B, A are in the proportions of the file book's bm25 weights (notes 1,
/// email/phone/tags 3, company 6, name 12), and normalisation 1 divides by the log of the
/// document's length (as bm25 favours short ones): a name match comes first, and ties fall as
/// on the file book.
fn ranked_page(
    client: &mut impl GenericClient,
    literal: &str,
    offset: u32,
    limit: u32,
) -> PgResult<Vec<i64>> {
    let rows = client.query(
        "WITH matched AS (
             SELECT contact_id AS id,
                    ts_rank('{0.083, 0.25, 0.5, 1.0}', document, $1::text::tsquery, 1) AS rank
               FROM contact_search WHERE document @@ $1::text::tsquery)
         SELECT m.id, m.rank FROM matched m
          WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.archived AND c.id = m.id)",
        &[&literal],
    )?;
    let mut ranked = Vec::with_capacity(rows.len());
    for row in &rows {
        let rank: f32 = row.try_get(1)?;
        // Best first as on the file book: a lower number ranks higher.
        ranked.push((-f64::from(rank), row.try_get::<_, i64>(0)?));
    }
    ranked.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    crate::store::search::ranked_page(&ranked, offset as usize, limit as usize, |ids| {
        let named = client.query(
            "SELECT sort_key, id FROM contacts WHERE id = ANY($1)",
            &[&ids],
        )?;
        named
            .iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
            .collect::<PgResult<Vec<(String, i64)>>>()
    })
}

/// List rows for `ids`, in the order given (each once).
pub(crate) fn summaries(
    client: &mut impl GenericClient,
    ids: &[i64],
) -> PgResult<Vec<ContactSummary>> {
    let rows = client.query(
        "SELECT c.id, c.display_name, coalesce(co.name, ''),
            coalesce((SELECT value FROM contact_emails WHERE contact_id = c.id ORDER BY position LIMIT 1), ''),
            coalesce((SELECT value FROM contact_phones WHERE contact_id = c.id ORDER BY position LIMIT 1), ''),
            coalesce((SELECT array_agg(t.name) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
                      WHERE ct.contact_id = c.id), ARRAY[]::text[]),
            c.last_contacted, c.customer_since, c.archived
         FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
         WHERE c.id = ANY($1)",
        &[&ids],
    )?;
    let mut by_id: HashMap<i64, ContactSummary> = HashMap::with_capacity(rows.len());
    for row in &rows {
        let mut tags: Vec<String> = row.try_get(5)?;
        tags.sort_by_key(|t| fold(t));
        let summary = ContactSummary {
            id: row.try_get(0)?,
            display_name: row.try_get(1)?,
            company: row.try_get(2)?,
            email: row.try_get(3)?,
            phone: row.try_get(4)?,
            tags,
            last_contacted: row.try_get(6)?,
            customer_since: row.try_get(7)?,
            archived: row.try_get(8)?,
        };
        by_id.insert(summary.id, summary);
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}
