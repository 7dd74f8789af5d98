//! The server book's referrals: the book file's functions of the same names
//! (store/referrals.rs) in PostgreSQL's SQL.

use chrono::NaiveDate;
use postgres::{GenericClient, Row};

use super::book::{PgResult, ServerBook};
use super::list::summaries;
use crate::contacts::{ContactSummary, Referral};
use crate::error::{Error, Result};

const UNTHANKED: &str = "FROM referrals r JOIN contacts c ON c.id = r.referred_by
    WHERE r.referred_on >= $1 AND NOT c.archived
      AND NOT EXISTS (SELECT 1 FROM touchpoints t JOIN gestures g ON g.touchpoint_id = t.id
                       WHERE t.contact_id = r.referred_by AND g.kind = 'referral-thanks'
                         AND t.happened_on >= r.referred_on)";

impl ServerBook {
    /// Notes that `referred_by` sent us `contact_id` on `on`, or (None) that nobody did.
    pub fn set_referrer(
        &self,
        contact_id: i64,
        referred_by: Option<i64>,
        on: NaiveDate,
    ) -> Result<()> {
        self.in_tx(|tx| {
            for id in std::iter::once(contact_id).chain(referred_by) {
                if tx
                    .query_opt("SELECT 1 FROM contacts WHERE id = $1", &[&id])?
                    .is_none()
                {
                    return Err(Error::not_found(format!("Contact {id}")).into());
                }
            }
            match referred_by {
                Some(by) => tx.execute(
                    "INSERT INTO referrals (contact_id, referred_by, referred_on) VALUES ($1, $2, $3)
                     ON CONFLICT (contact_id) DO UPDATE SET referred_by = $2, referred_on = $3",
                    &[&contact_id, &by, &on],
                )?,
                None => tx.execute("DELETE FROM referrals WHERE contact_id = $1", &[&contact_id])?,
            };
            Ok(())
        })
    }

    /// Referrals noted on or after `since` whose referrer (not archived) has had no referral
    /// thank-you since: the oldest `limit`, and how many in all.
    pub fn referrals_to_thank(&self, since: NaiveDate, limit: u32) -> Result<(Vec<Referral>, i64)> {
        self.run(|client| {
            let total: i64 = client
                .query_one(&format!("SELECT count(*) {UNTHANKED}"), &[&since])?
                .try_get(0)?;
            let list = client
                .query(
                    &format!(
                        "SELECT r.contact_id, r.referred_by, r.referred_on {UNTHANKED}
                         ORDER BY r.referred_on, r.contact_id LIMIT $2"
                    ),
                    &[&since, &i64::from(limit)],
                )?
                .iter()
                .map(referral_from_row)
                .collect::<PgResult<Vec<_>>>()?;
            Ok((list, total))
        })
    }
}

fn referral_from_row(row: &Row) -> PgResult<Referral> {
    Ok(Referral {
        contact_id: row.try_get(0)?,
        referred_by: row.try_get(1)?,
        referred_on: row.try_get(2)?,
    })
}

/// Who sent `contact_id` to us, and whom they sent (newest first).
pub(crate) fn referral_people(
    client: &mut impl GenericClient,
    contact_id: i64,
) -> PgResult<(Option<ContactSummary>, Vec<ContactSummary>)> {
    let by: Option<i64> = client
        .query_opt(
            "SELECT referred_by FROM referrals WHERE contact_id = $1",
            &[&contact_id],
        )?
        .map(|row| row.try_get(0))
        .transpose()?;
    let sent: Vec<i64> = client
        .query(
            "SELECT contact_id FROM referrals WHERE referred_by = $1
              ORDER BY referred_on DESC, contact_id DESC",
            &[&contact_id],
        )?
        .iter()
        .map(|row| row.try_get(0))
        .collect::<Result<_, _>>()?;
    let referred_by = match by {
        Some(id) => summaries(client, &[id])?.into_iter().next(),
        None => None,
    };
    Ok((referred_by, summaries(client, &sent)?))
}

/// Every referral `contact_id` is part of, either side (kept when the contact is deleted).
pub(crate) fn referrals_of(
    client: &mut impl GenericClient,
    contact_id: i64,
) -> PgResult<Vec<Referral>> {
    client
        .query(
            "SELECT contact_id, referred_by, referred_on FROM referrals
              WHERE contact_id = $1 OR referred_by = $1 ORDER BY contact_id",
            &[&contact_id],
        )?
        .iter()
        .map(referral_from_row)
        .collect()
}

/// Every referral in the book, for a copy into a book file.
pub(crate) fn every_referral(client: &mut impl GenericClient) -> PgResult<Vec<Referral>> {
    client
        .query(
            "SELECT contact_id, referred_by, referred_on FROM referrals ORDER BY contact_id",
            &[],
        )?
        .iter()
        .map(referral_from_row)
        .collect()
}

/// Puts referrals back (undoing a deletion) where both customers are in the book.
pub(crate) fn put_back(tx: &mut impl GenericClient, referrals: &[Referral]) -> PgResult<()> {
    for r in referrals {
        tx.execute(
            "INSERT INTO referrals (contact_id, referred_by, referred_on)
             SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM contacts WHERE id = $1)
                                 AND EXISTS (SELECT 1 FROM contacts WHERE id = $2)
             ON CONFLICT (contact_id) DO NOTHING",
            &[&r.contact_id, &r.referred_by, &r.referred_on],
        )?;
    }
    Ok(())
}

/// `other` merged into `keep` (see the book file's `merge`).
pub(crate) fn merge(tx: &mut impl GenericClient, keep: i64, other: i64) -> PgResult<()> {
    tx.execute(
        "DELETE FROM referrals WHERE (contact_id = $1 AND referred_by = $2)
                                  OR (contact_id = $2 AND referred_by = $1)",
        &[&keep, &other],
    )?;
    tx.execute(
        "UPDATE referrals SET referred_by = $1 WHERE referred_by = $2",
        &[&keep, &other],
    )?;
    tx.execute(
        "UPDATE referrals SET contact_id = $1 WHERE contact_id = $2
            AND NOT EXISTS (SELECT 1 FROM referrals WHERE contact_id = $1)",
        &[&keep, &other],
    )?;
    Ok(())
}
