//! "Referred by": which customer sent us another. Today asks for a thank-you to the one who
//! sent them until a referral thank-you is given on or after the day it was noted.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::contact_rows::summaries;
use super::SqliteStore;
use crate::contacts::{ContactSummary, Referral};
use crate::error::{Error, Result};

impl SqliteStore {
    /// Notes that `referred_by` sent us `contact_id` on `on`, or (None) that nobody did.
    pub fn set_referrer(
        &mut self,
        contact_id: i64,
        referred_by: Option<i64>,
        on: NaiveDate,
    ) -> Result<()> {
        let tx = self.write_transaction()?;
        for id in std::iter::once(contact_id).chain(referred_by) {
            let found = tx
                .query_row("SELECT 1 FROM contacts WHERE id = ?1", [id], |_| Ok(()))
                .optional()?;
            if found.is_none() {
                return Err(Error::not_found(format!("Contact {id}")));
            }
        }
        match referred_by {
            Some(by) => tx.execute(
                "INSERT INTO referrals (contact_id, referred_by, referred_on) VALUES (?1, ?2, ?3)
                 ON CONFLICT (contact_id) DO UPDATE SET referred_by = ?2, referred_on = ?3",
                params![contact_id, by, on],
            )?,
            None => tx.execute("DELETE FROM referrals WHERE contact_id = ?1", [contact_id])?,
        };
        tx.commit()?;
        Ok(())
    }

    /// Referrals noted on or after `since` whose referrer (not archived) has had no referral
    /// thank-you since: the oldest `limit`, and how many in all.
    pub fn referrals_to_thank(&self, since: NaiveDate, limit: u32) -> Result<(Vec<Referral>, i64)> {
        const UNTHANKED: &str = "FROM referrals r JOIN contacts c ON c.id = r.referred_by
            WHERE r.referred_on >= ?1 AND +c.archived = 0
              AND NOT EXISTS (SELECT 1 FROM touchpoints t JOIN gestures g ON g.touchpoint_id = t.id
                               WHERE t.contact_id = r.referred_by AND g.kind = 'referral-thanks'
                                 AND t.happened_on >= r.referred_on)";
        let total: i64 =
            self.conn
                .query_row(&format!("SELECT count(*) {UNTHANKED}"), [since], |row| {
                    row.get(0)
                })?;
        let list = self
            .conn
            .prepare_cached(&format!(
                "SELECT r.contact_id, r.referred_by, r.referred_on {UNTHANKED}
                 ORDER BY r.referred_on, r.contact_id LIMIT ?2"
            ))?
            .query_map(params![since, limit], |row| {
                Ok(Referral {
                    contact_id: row.get(0)?,
                    referred_by: row.get(1)?,
                    referred_on: row.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok((list, total))
    }
}

/// Who sent `contact_id` to us, and whom they sent (newest first).
pub(super) fn referral_people(
    conn: &Connection,
    contact_id: i64,
) -> Result<(Option<ContactSummary>, Vec<ContactSummary>)> {
    let by: Option<i64> = conn
        .query_row(
            "SELECT referred_by FROM referrals WHERE contact_id = ?1",
            [contact_id],
            |row| row.get(0),
        )
        .optional()?;
    let sent: Vec<i64> = conn
        .prepare_cached(
            "SELECT contact_id FROM referrals WHERE referred_by = ?1
              ORDER BY referred_on DESC, contact_id DESC",
        )?
        .query_map([contact_id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let referred_by = match by {
        Some(id) => summaries(conn, &[id])?.into_iter().next(),
        None => None,
    };
    Ok((referred_by, summaries(conn, &sent)?))
}

/// Every referral `contact_id` is part of, either side (kept when the contact is deleted).
pub(super) fn referrals_of(conn: &Connection, contact_id: i64) -> Result<Vec<Referral>> {
    Ok(conn
        .prepare_cached(
            "SELECT contact_id, referred_by, referred_on FROM referrals
              WHERE contact_id = ?1 OR referred_by = ?1 ORDER BY contact_id",
        )?
        .query_map([contact_id], |row| {
            Ok(Referral {
                contact_id: row.get(0)?,
                referred_by: row.get(1)?,
                referred_on: row.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Puts referrals back (undoing a deletion) where both customers are in the book.
pub(super) fn put_back(conn: &Connection, referrals: &[Referral]) -> Result<()> {
    for r in referrals {
        conn.execute(
            "INSERT OR IGNORE INTO referrals (contact_id, referred_by, referred_on)
             SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM contacts WHERE id = ?1)
                                 AND EXISTS (SELECT 1 FROM contacts WHERE id = ?2)",
            params![r.contact_id, r.referred_by, r.referred_on],
        )?;
    }
    Ok(())
}

/// `other` merged into `keep`: whom `other` sent, `keep` sent; who sent `other` sent `keep`
/// (unless someone is noted for `keep` already); a referral between the two goes.
pub(super) fn merge(conn: &Connection, keep: i64, other: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM referrals WHERE (contact_id = ?1 AND referred_by = ?2)
                                  OR (contact_id = ?2 AND referred_by = ?1)",
        [keep, other],
    )?;
    conn.execute(
        "UPDATE referrals SET referred_by = ?1 WHERE referred_by = ?2",
        [keep, other],
    )?;
    conn.execute(
        "UPDATE referrals SET contact_id = ?1 WHERE contact_id = ?2
            AND NOT EXISTS (SELECT 1 FROM referrals WHERE contact_id = ?1)",
        [keep, other],
    )?;
    Ok(())
}
