//! The phone tails index (`phone_tails`): the last digits of every number, so a number is found
//! however it was typed.

use rusqlite::{params, Connection, Transaction};

use super::contact_writer::write_phone_tails;

use crate::search_text::phone_tails;

/// Removes a contact's phone tails, found from its stored numbers (the tails are keyed by
/// their digits, so they are deleted by key, not looked up by contact).
pub(super) fn delete_phone_tails(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    let numbers: Vec<String> = conn
        .prepare_cached("SELECT value FROM contact_phones WHERE contact_id = ?1")?
        .query_map([id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn
        .prepare_cached("DELETE FROM contact_phone_tails WHERE digits = ?1 AND contact_id = ?2")?;
    for number in &numbers {
        for digits in phone_tails(number) {
            stmt.execute(params![digits, id])?;
        }
    }
    Ok(())
}

/// Fills the phone tails of every stored contact; run by the migrations that (re)make their
/// table.
pub(super) fn fill_phone_tails(tx: &Transaction) -> rusqlite::Result<()> {
    let phones: Vec<(i64, String)> = tx
        .prepare("SELECT contact_id, value FROM contact_phones")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut tails: Vec<(String, i64)> = phones
        .iter()
        .flat_map(|(id, number)| phone_tails(number).into_iter().map(|d| (d, *id)))
        .collect();
    write_phone_tails(tx, &mut tails)
}
