//! The server book's gifts: the book file's functions of the same names (store/gifts.rs) in
//! PostgreSQL's SQL.

use postgres::GenericClient;

use super::book::{PgResult, ServerBook};
use super::timeline::insert_touchpoint;
use crate::contacts::{GiftRecord, NewGift, NewTouchpoint, TimelineRecords, Touchpoint};
use crate::error::Result;

impl ServerBook {
    /// Logs a gift (already checked) with its timeline entry, in one transaction.
    pub fn record_gift(
        &self,
        contact_id: i64,
        entry: &NewTouchpoint,
        gift: &NewGift,
    ) -> Result<Touchpoint> {
        self.in_tx(|tx| {
            let written = insert_touchpoint(tx, contact_id, entry)?;
            tx.execute(
                "INSERT INTO gifts (touchpoint_id, what, value_cents, occasion) VALUES ($1, $2, $3, $4)",
                &[&written.id, &gift.what, &gift.value_cents, &gift.occasion],
            )?;
            Ok(written)
        })
    }

    /// The gifts given to a contact, oldest first.
    pub fn gifts_of(&self, contact_id: i64) -> Result<Vec<GiftRecord>> {
        self.run(|client| gifts_of(client, contact_id))
    }
}

pub(crate) fn gifts_of(
    client: &mut impl GenericClient,
    contact_id: i64,
) -> PgResult<Vec<GiftRecord>> {
    client
        .query(
            "SELECT g.touchpoint_id, g.what, g.value_cents, g.occasion
               FROM gifts g JOIN touchpoints t ON t.id = g.touchpoint_id
              WHERE t.contact_id = $1 ORDER BY g.touchpoint_id",
            &[&contact_id],
        )?
        .iter()
        .map(|row| {
            Ok(GiftRecord {
                touchpoint_id: row.try_get(0)?,
                what: row.try_get(1)?,
                value_cents: row.try_get(2)?,
                occasion: row.try_get(3)?,
            })
        })
        .collect()
}

/// A contact's gifts as records kept when the contact is deleted.
pub(crate) fn records_of(
    client: &mut impl GenericClient,
    contact_id: i64,
) -> PgResult<TimelineRecords> {
    Ok(TimelineRecords {
        gifts: gifts_of(client, contact_id)?,
        ..TimelineRecords::default()
    })
}

/// Every gift in the book, for a copy into a book file.
pub(crate) fn every_gift(client: &mut impl GenericClient) -> PgResult<TimelineRecords> {
    let gifts = client
        .query(
            "SELECT touchpoint_id, what, value_cents, occasion FROM gifts ORDER BY touchpoint_id",
            &[],
        )?
        .iter()
        .map(|row| {
            Ok(GiftRecord {
                touchpoint_id: row.try_get(0)?,
                what: row.try_get(1)?,
                value_cents: row.try_get(2)?,
                occasion: row.try_get(3)?,
            })
        })
        .collect::<PgResult<_>>()?;
    Ok(TimelineRecords {
        gifts,
        ..TimelineRecords::default()
    })
}

/// Puts gifts back once their entries are back (undoing a deletion).
pub(crate) fn put_back(tx: &mut impl GenericClient, records: &TimelineRecords) -> PgResult<()> {
    for g in &records.gifts {
        tx.execute(
            "INSERT INTO gifts (touchpoint_id, what, value_cents, occasion) VALUES ($1, $2, $3, $4)
             ON CONFLICT (touchpoint_id) DO NOTHING",
            &[&g.touchpoint_id, &g.what, &g.value_cents, &g.occasion],
        )?;
    }
    Ok(())
}
