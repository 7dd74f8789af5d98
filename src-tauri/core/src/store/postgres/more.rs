//! More of the server book's functions: merging two contacts, undeliverable addresses, cards
//! sent, many touchpoints at once, and who created and last changed a row (which only the
//! server book records).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use postgres::Row;

use super::book::ServerBook;
use super::contact_rows::{refresh_touch_due, update_contact};
use super::timeline::refresh_last_contacted;
use crate::contacts::{ContactInput, NewTouchpoint, TouchpointKind};
use crate::error::{Error, Result};
use crate::store::ChangeStamp;

impl ServerBook {
    /// Merges contact `other` into `keep` as ONE transaction, as the file book does: `keep`
    /// takes the `merged` fields, `other`'s timeline and welcome history move to `keep`, the
    /// later "last contacted" wins, `keep` keeps its photo or takes `other`'s, `other` goes.
    pub fn merge_contacts(&self, keep: i64, other: i64, merged: &ContactInput) -> Result<()> {
        self.in_tx(|tx| {
            let found: i64 = tx
                .query_one(
                    "SELECT count(*) FROM contacts WHERE id = ANY($1)",
                    &[&vec![keep, other]],
                )?
                .try_get(0)?;
            if found != 2 {
                return Err(Error::not_found(
                    "One of the two contacts (it may have been deleted meanwhile)",
                )
                .into());
            }
            update_contact(tx, keep, merged)?;
            tx.execute(
                "UPDATE touchpoints SET contact_id = $1 WHERE contact_id = $2",
                &[&keep, &other],
            )?;
            tx.execute(
                "UPDATE welcome_sends SET contact_id = $1 WHERE contact_id = $2",
                &[&keep, &other],
            )?;
            tx.execute(
                "UPDATE follow_ups SET contact_id = $1 WHERE contact_id = $2",
                &[&keep, &other],
            )?;
            super::referrals::merge(tx, keep, other)?;
            tx.execute(
                "UPDATE contacts SET last_contacted =
                    (SELECT max(last_contacted) FROM contacts WHERE id IN ($1, $2))
                 WHERE id = $1",
                &[&keep, &other],
            )?;
            tx.execute(
                "INSERT INTO contact_photos (contact_id, jpeg, thumb_jpeg, width, height, updated_at)
                 SELECT $1, jpeg, thumb_jpeg, width, height, updated_at
                 FROM contact_photos WHERE contact_id = $2
                 ON CONFLICT (contact_id) DO NOTHING",
                &[&keep, &other],
            )?;
            tx.execute("DELETE FROM contacts WHERE id = $1", &[&other])?;
            refresh_touch_due(tx, keep)
        })
    }

    /// Marks (or clears, with None) a contact's postal address as undeliverable.
    pub fn set_address_undeliverable(&self, id: i64, on: Option<NaiveDate>) -> Result<()> {
        self.run(|client| {
            let changed = client.execute(
                "UPDATE contacts SET address_undeliverable_on = $2 WHERE id = $1",
                &[&id, &on],
            )?;
            if changed == 0 {
                return Err(Error::not_found(format!("Contact {id}")).into());
            }
            Ok(())
        })
    }

    /// The day a card to this contact came back, if it did.
    pub fn address_undeliverable(&self, id: i64) -> Result<Option<NaiveDate>> {
        self.run(|client| {
            let row = client
                .query_opt(
                    "SELECT address_undeliverable_on FROM contacts WHERE id = $1",
                    &[&id],
                )?
                .ok_or_else(|| Error::not_found(format!("Contact {id}")))?;
            Ok(row.try_get(0)?)
        })
    }

    /// Logs one "card sent" touchpoint per contact, all in one transaction.
    pub fn record_cards_sent(
        &self,
        ids: &[i64],
        happened_on: NaiveDate,
        note: &str,
        handled_by: &str,
    ) -> Result<u32> {
        self.in_tx(|tx| {
            let known: BTreeSet<i64> = tx
                .query("SELECT id FROM contacts WHERE id = ANY($1)", &[&ids])?
                .iter()
                .map(|row| row.try_get(0))
                .collect::<std::result::Result<_, _>>()?;
            if let Some(missing) = ids.iter().find(|id| !known.contains(id)) {
                return Err(Error::not_found(format!("Contact {missing}")).into());
            }
            tx.execute(
                "INSERT INTO touchpoints (contact_id, kind, happened_on, note, handled_by, resolved)
                 SELECT id, 'card_sent', $2, $3, $4, false FROM unnest($1::bigint[]) AS id",
                &[&ids, &happened_on, &note, &handled_by],
            )?;
            for id in &known {
                refresh_last_contacted(tx, *id)?;
            }
            Ok(u32::try_from(ids.len()).unwrap_or(u32::MAX))
        })
    }

    /// Logs many touchpoints (already validated) in one transaction: all or none. Each item is
    /// the contact, the touchpoint, and for a complaint whether it has been put right.
    pub fn insert_touchpoints(&self, items: &[(i64, NewTouchpoint, bool)]) -> Result<u32> {
        self.in_tx(|tx| {
            let ids: Vec<i64> = items.iter().map(|(id, _, _)| *id).collect();
            let known: BTreeSet<i64> = tx
                .query("SELECT id FROM contacts WHERE id = ANY($1)", &[&ids])?
                .iter()
                .map(|row| row.try_get(0))
                .collect::<std::result::Result<_, _>>()?;
            if let Some(missing) = ids.iter().find(|id| !known.contains(id)) {
                return Err(Error::not_found(format!("Contact {missing}")).into());
            }
            let kinds: Vec<&str> = items.iter().map(|(_, t, _)| t.kind.as_str()).collect();
            let days: Vec<NaiveDate> = items.iter().map(|(_, t, _)| t.happened_on).collect();
            let notes: Vec<&str> = items.iter().map(|(_, t, _)| t.note.trim()).collect();
            let by: Vec<&str> = items.iter().map(|(_, t, _)| t.handled_by.trim()).collect();
            let resolved: Vec<bool> = items
                .iter()
                .map(|(_, t, r)| *r && t.kind == TouchpointKind::Complaint)
                .collect();
            tx.execute(
                "INSERT INTO touchpoints (contact_id, kind, happened_on, note, handled_by, resolved)
                 SELECT * FROM unnest($1::bigint[], $2::text[], $3::date[], $4::text[], $5::text[], $6::boolean[])",
                &[&ids, &kinds, &days, &notes, &by, &resolved],
            )?;
            for id in &known {
                refresh_last_contacted(tx, *id)?;
            }
            Ok(u32::try_from(items.len()).unwrap_or(u32::MAX))
        })
    }

    /// Who created contact `id` and who last changed it, and when.
    pub fn contact_stamp(&self, id: i64) -> Result<Option<ChangeStamp>> {
        self.run(|client| {
            let row = client.query_opt(
                &format!(
                    "SELECT created_by, changed_by, {} FROM contacts WHERE id = $1",
                    super::contact_rows::moment_sql("changed_at")
                ),
                &[&id],
            )?;
            Ok(row.as_ref().map(stamp_from_row).transpose()?)
        })
    }

    /// Who created and last changed each touchpoint of contact `contact_id`, by touchpoint id.
    pub fn touchpoint_stamps(&self, contact_id: i64) -> Result<Vec<(i64, ChangeStamp)>> {
        self.run(|client| {
            client
                .query(
                    &format!(
                        "SELECT created_by, changed_by, {}, id FROM touchpoints
                         WHERE contact_id = $1 ORDER BY happened_on DESC, id DESC",
                        super::contact_rows::moment_sql("changed_at")
                    ),
                    &[&contact_id],
                )?
                .iter()
                .map(|row| Ok((row.try_get(3)?, stamp_from_row(row)?)))
                .collect()
        })
    }
}

fn stamp_from_row(row: &Row) -> std::result::Result<ChangeStamp, postgres::Error> {
    Ok(ChangeStamp {
        created_by: row.try_get(0)?,
        changed_by: row.try_get(1)?,
        changed_at: row.try_get(2)?,
    })
}
