//! The full-text index behind search-as-you-type, kept in step with the contacts by the store.

use std::collections::HashMap;

use rusqlite::{params, Connection, Transaction};

use super::contact_rows::load_contact;
use crate::contacts::{display_name, ContactInput};
use crate::error::Result;
use crate::search_text::{as_phone_fragment, fold, phone_digits, words};

/// The folded text of one contact, column by column.
pub struct SearchDocument {
    pub(super) name: String,
    pub(super) company: String,
    pub(super) email: String,
    pub(super) phone: String,
    pub(super) tags: String,
    pub(super) notes: String,
}

impl SearchDocument {
    pub fn from_input(input: &ContactInput, display_name: &str) -> SearchDocument {
        // The display name, then the name parts it does not already hold (a Chinese name is
        // shown as one word, so its given name is indexed on its own too).
        let mut name = fold(display_name);
        for part in [&input.given_name, &input.family_name, &input.nickname] {
            let part = fold(part);
            if !part.is_empty() && !words(&name).any(|w| w == part) {
                name.push(' ');
                name.push_str(&part);
            }
        }
        let emails: Vec<&str> = input.emails.iter().map(|e| e.value.as_str()).collect();
        // Each number once, whole: its stretches are looked up in `contact_phone_tails`.
        let phones: Vec<String> = input
            .phones
            .iter()
            .map(|p| phone_digits(&p.value))
            .filter(|digits| !digits.is_empty())
            .collect();
        let notes = [
            input.job_title.as_str(),
            &input.family,
            &input.interests,
            &input.talking_points,
            &input.notes,
        ]
        .join(" ");
        SearchDocument {
            name: with_joined_elisions(name),
            company: with_joined_elisions(fold(&input.company)),
            email: fold(&emails.join(" ")),
            phone: phones.join(" "),
            tags: fold(&input.tags.join(" ")),
            notes: fold(&notes),
        }
    }
}

/// "o'brien" is indexed as "o", "brien" and also "obrien", so typing the name without its
/// apostrophe finds it.
fn with_joined_elisions(folded: String) -> String {
    const APOSTROPHES: [char; 3] = ['\'', '\u{2019}', '\u{02BC}'];
    if !folded.contains(APOSTROPHES) {
        return folded;
    }
    let joined = folded.replace(APOSTROPHES, "");
    format!("{folded} {joined}")
}

pub(super) fn index(tx: &Connection, id: i64, doc: &SearchDocument) -> Result<()> {
    write_row(
        tx,
        "INSERT OR REPLACE INTO contact_search (rowid, name, company, email, phone, tags, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        id,
        doc,
    )
}

fn write_row(tx: &Connection, sql: &str, id: i64, doc: &SearchDocument) -> Result<()> {
    let mut stmt = tx.prepare_cached(sql)?;
    run_with_row(&mut stmt, id, doc)?;
    Ok(())
}

/// Runs `stmt`, an insert into the index taking (rowid, name, company, email, phone, tags,
/// notes), for contact `id`.
pub(super) fn run_with_row(
    stmt: &mut rusqlite::Statement<'_>,
    id: i64,
    doc: &SearchDocument,
) -> rusqlite::Result<usize> {
    stmt.execute(params![
        id,
        doc.name,
        doc.company,
        doc.email,
        doc.phone,
        doc.tags,
        doc.notes
    ])
}

pub(super) fn remove(tx: &Connection, id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM contact_search WHERE rowid = ?1")?
        .execute([id])?;
    Ok(())
}

/// Rebuilds one contact's row from what is stored (after a change to its tags, say).
pub(super) fn reindex_from_store(tx: &Connection, id: i64) -> Result<()> {
    let contact = load_contact(tx, id)?;
    index(
        tx,
        id,
        &SearchDocument::from_input(&contact.fields, &display_name(&contact.fields)),
    )
}

/// Fills the index from scratch; run by the migration that creates it.
pub(super) fn rebuild_index(tx: &Transaction) -> rusqlite::Result<()> {
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM contacts")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        reindex_from_store(tx, id)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    }
    Ok(())
}

/// How the contacts matching what the owner typed are found.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Matcher {
    /// An FTS5 query: every word must match the start of a word, in any column.
    Words(String),
    /// A phone fragment's digits: a number matches when one of its tails starts with them.
    PhoneDigits(String),
}

/// The matcher for what the owner typed; None when nothing searchable was typed.
pub(super) fn matcher(typed: &str) -> Option<Matcher> {
    if let Some(digits) = as_phone_fragment(typed) {
        return Some(Matcher::PhoneDigits(digits));
    }
    let folded = fold(typed);
    let terms: Vec<String> = words(&folded)
        .take(12)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| Matcher::Words(terms.join(" ")))
}

/// The ids of one page of matches ranked best first: `ranked` holds (rank, id), sorted by rank
/// (lower is better), then id. Rows of equal rank are ordered by name (then id), so names are
/// read — `sort_keys` gives each id's key in name order (its sort key, or its place in the
/// name order kept in memory) — only for the rows whose rank the page shares, not for every
/// match. Both books page their ranked searches this way.
pub(super) fn ranked_page<K: Ord, E>(
    ranked: &[(f64, i64)],
    offset: usize,
    limit: usize,
    sort_keys: impl FnOnce(&[i64]) -> std::result::Result<Vec<(K, i64)>, E>,
) -> std::result::Result<Vec<i64>, E> {
    let end = offset.saturating_add(limit).min(ranked.len());
    if offset >= end {
        return Ok(Vec::new());
    }
    let (first, last) = (ranked[offset].0, ranked[end - 1].0);
    let from = ranked.partition_point(|r| r.0 < first);
    let to = ranked.partition_point(|r| r.0 <= last);
    let candidates = &ranked[from..to];
    let ids: Vec<i64> = candidates.iter().map(|r| r.1).collect();
    let mut names: HashMap<i64, K> = sort_keys(&ids)?
        .into_iter()
        .map(|(name, id)| (id, name))
        .collect();
    // A match whose name was not found (gone meanwhile) sorts first among its equals.
    let mut keyed: Vec<(f64, Option<K>, i64)> = candidates
        .iter()
        .map(|&(rank, id)| (rank, names.remove(&id), id))
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    Ok(keyed
        .into_iter()
        .skip(offset - from)
        .take(end - offset)
        .map(|(_, _, id)| id)
        .collect())
}

/// The ids of the contacts `matcher` finds (archived ones too), sorted, each once.
pub(super) fn matching_ids(conn: &Connection, matcher: &Matcher) -> Result<Vec<i64>> {
    let (sql, arg) = match matcher {
        Matcher::Words(expr) => (
            "SELECT rapport_ids(rowid) FROM contact_search WHERE contact_search MATCH ?1",
            expr,
        ),
        // Every tail starting with `?1` (digits only) sorts before `?1` followed by ':', the
        // character after '9'. A contact with several matching tails comes more than once.
        Matcher::PhoneDigits(digits) => (
            "SELECT rapport_ids(contact_id) FROM contact_phone_tails
             WHERE digits >= ?1 AND digits < ?1 || ':'",
            digits,
        ),
    };
    let packed: Vec<u8> = conn
        .prepare_cached(sql)?
        .query_row([arg], |row| row.get(0))?;
    let ids: Vec<i64> = packed
        .chunks_exact(8)
        .map(|bytes| i64::from_le_bytes(<[u8; 8]>::try_from(bytes).unwrap_or_default()))
        .collect();
    Ok(sorted_unique(ids))
}

/// `ids` sorted, each once. The index hands a word's matches over sorted already; a phone
/// fragment's come in the order of their digits, a contact once per matching number. Contact
/// ids are close together (SQLite hands them out in turn), so one bit per id between the
/// lowest and the highest sorts them in a pass: the 153,467 tails of "555" among a million
/// contacts (128,222 contacts) took 2.2 ms to sort and 0.5 ms this way. Ids far apart are
/// sorted.
fn sorted_unique(mut ids: Vec<i64>) -> Vec<i64> {
    if ids.windows(2).all(|pair| pair[0] < pair[1]) {
        return ids;
    }
    let (Some(&lowest), Some(&highest)) = (ids.iter().min(), ids.iter().max()) else {
        return ids;
    };
    let span = highest
        .checked_sub(lowest)
        .and_then(|span| usize::try_from(span).ok())
        .filter(|&span| span / 64 <= ids.len().max(1024));
    let Some(span) = span else {
        ids.sort_unstable();
        ids.dedup();
        return ids;
    };
    let mut bits = vec![0u64; span / 64 + 1];
    for &id in &ids {
        // id - lowest is within 0..=span, which fits in usize (checked above).
        let offset = id.abs_diff(lowest) as usize;
        bits[offset / 64] |= 1 << (offset % 64);
    }
    ids.clear();
    let mut base = lowest;
    for mut word in bits {
        while word != 0 {
            ids.push(base + i64::from(word.trailing_zeros()));
            word &= word - 1;
        }
        base = base.wrapping_add(64);
    }
    ids
}

/// Adds the SQL function `rapport_ids(id)` to `conn`: an aggregate handing over every id of a
/// query as one value (eight bytes each, little-endian). A search matching hundreds of
/// thousands of contacts (a first letter or two) then passes its ids in one step instead of
/// one row at a time: "mar" among a million contacts, 272,691 ids, took 19.7 ms row by row
/// and 14.5 ms this way.
pub(super) fn add_functions(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_aggregate_function(
        "rapport_ids",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        PackedIds,
    )
}

struct PackedIds;

impl rusqlite::functions::Aggregate<Vec<u8>, Vec<u8>> for PackedIds {
    fn init(&self, _: &mut rusqlite::functions::Context<'_>) -> rusqlite::Result<Vec<u8>> {
        Ok(Vec::new())
    }

    fn step(
        &self,
        ctx: &mut rusqlite::functions::Context<'_>,
        packed: &mut Vec<u8>,
    ) -> rusqlite::Result<()> {
        let id: i64 = ctx.get(0)?;
        packed.extend_from_slice(&id.to_le_bytes());
        Ok(())
    }

    fn finalize(
        &self,
        _: &mut rusqlite::functions::Context<'_>,
        packed: Option<Vec<u8>>,
    ) -> rusqlite::Result<Vec<u8>> {
        Ok(packed.unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ranked_page_orders_equal_ranks_by_name_reading_only_the_names_it_needs() {
        // Best first (lower rank); 2, 3 and 4 tie, as do 6 and 7.
        let ranked = [
            (-9.0, 1),
            (-5.0, 2),
            (-5.0, 3),
            (-5.0, 4),
            (-1.0, 6),
            (-1.0, 7),
        ];
        let names = |ids: &[i64]| -> std::result::Result<Vec<(String, i64)>, ()> {
            let name = |id| ["", "a", "zed", "bea", "cy", "", "k", "j"][id as usize].to_string();
            Ok(ids.iter().map(|&id| (name(id), id)).collect())
        };
        assert_eq!(ranked_page(&ranked, 0, 3, names), Ok(vec![1, 3, 4]));
        assert_eq!(ranked_page(&ranked, 3, 3, names), Ok(vec![2, 7, 6]));
        assert_eq!(ranked_page(&ranked, 6, 3, names), Ok(vec![]));
        let asked = std::cell::RefCell::new(Vec::new());
        let page = ranked_page(&ranked, 0, 1, |ids: &[i64]| {
            asked.borrow_mut().extend_from_slice(ids);
            names(ids)
        });
        assert_eq!((page, asked.into_inner()), (Ok(vec![1]), vec![1]));
    }

    #[test]
    fn the_ids_function_hands_over_every_id_of_a_query_and_none_of_an_empty_one() {
        let conn = Connection::open_in_memory().expect("an in-memory database");
        add_functions(&conn).expect("the function added");
        let packed = |sql: &str| -> Vec<i64> {
            let bytes: Vec<u8> = conn
                .query_row(sql, [], |row| row.get(0))
                .expect("one value");
            bytes
                .chunks_exact(8)
                .map(|b| i64::from_le_bytes(<[u8; 8]>::try_from(b).expect("eight bytes")))
                .collect()
        };
        conn.execute_batch(
            "CREATE TABLE t (id INTEGER); INSERT INTO t VALUES (3), (-1), (9007199254740993), (3);",
        )
        .expect("rows");
        assert_eq!(
            packed("SELECT rapport_ids(id) FROM t"),
            vec![3, -1, 9_007_199_254_740_993, 3]
        );
        assert_eq!(
            packed("SELECT rapport_ids(id) FROM t WHERE id > 10e20"),
            Vec::<i64>::new()
        );
    }

    #[test]
    fn matches_come_out_sorted_and_once_however_far_apart_the_ids_are() {
        assert_eq!(sorted_unique(vec![]), Vec::<i64>::new());
        assert_eq!(sorted_unique(vec![7]), vec![7]);
        assert_eq!(sorted_unique(vec![1, 2, 9]), vec![1, 2, 9]);
        // Close together (one bit each), repeated, across several words of bits.
        let mut close: Vec<i64> = (0..5_000).map(|i| (i * 7919) % 3_001 + 40).collect();
        close.extend([40, 3_040, 64, 65, 127, 128]);
        let mut expected = close.clone();
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(sorted_unique(close), expected);
        // Far apart (sorted instead), negative and extreme ids among them.
        assert_eq!(
            sorted_unique(vec![i64::MAX, 3, i64::MIN, 3, -5]),
            vec![i64::MIN, -5, 3, i64::MAX]
        );
        assert_eq!(sorted_unique(vec![-3, -1, -3, -2]), vec![-3, -2, -1]);
    }

    #[test]
    fn typed_text_becomes_quoted_prefix_terms_or_phone_digits() {
        let words = |s: &str| Some(Matcher::Words(s.to_string()));
        assert_eq!(matcher("José Mü"), words("\"jose\"* \"mu\"*"));
        assert_eq!(matcher("\"OR\" NEAR("), words("\"or\"* \"near\"*"));
        assert_eq!(
            matcher("(555) 12"),
            Some(Matcher::PhoneDigits("55512".to_string()))
        );
        assert_eq!(matcher("  -- "), None);
    }
}
