//! The full-text index behind search-as-you-type, kept in step with the contacts by the store.

use rusqlite::{params, Connection, Transaction};

use super::contacts::load_contact;
use crate::contacts::{display_name, ContactInput};
use crate::error::Result;
use crate::search_text::{as_phone_fragment, fold, phone_tokens, words};

/// The folded text of one contact, column by column.
pub struct SearchDocument {
    name: String,
    company: String,
    email: String,
    phone: String,
    tags: String,
    notes: String,
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
        let phones: Vec<String> = input
            .phones
            .iter()
            .flat_map(|p| phone_tokens(&p.value))
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

/// Indexes a contact that has no row yet (cheaper than a replace).
pub(super) fn index_new(tx: &Connection, id: i64, doc: &SearchDocument) -> Result<()> {
    write_row(
        tx,
        "INSERT INTO contact_search (rowid, name, company, email, phone, tags, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        id,
        doc,
    )
}

fn write_row(tx: &Connection, sql: &str, id: i64, doc: &SearchDocument) -> Result<()> {
    tx.prepare_cached(sql)?.execute(params![
        id,
        doc.name,
        doc.company,
        doc.email,
        doc.phone,
        doc.tags,
        doc.notes
    ])?;
    Ok(())
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

/// The FTS5 query for what the owner typed: every word must match the start of a word, in any
/// column; a phone fragment matches any stretch of a phone number. None when nothing searchable
/// was typed.
pub(super) fn match_expression(typed: &str) -> Option<String> {
    if let Some(digits) = as_phone_fragment(typed) {
        return Some(format!("phone : \"{digits}\"*"));
    }
    let folded = fold(typed);
    let terms: Vec<String> = words(&folded)
        .take(12)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_becomes_quoted_prefix_terms() {
        assert_eq!(
            match_expression("José Mü").as_deref(),
            Some("\"jose\"* \"mu\"*")
        );
        assert_eq!(
            match_expression("\"OR\" NEAR(").as_deref(),
            Some("\"or\"* \"near\"*")
        );
        assert_eq!(
            match_expression("(555) 12").as_deref(),
            Some("phone : \"55512\"*")
        );
        assert_eq!(match_expression("  -- "), None);
    }
}
