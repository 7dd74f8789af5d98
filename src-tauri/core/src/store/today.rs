//! The queries behind the Today screen.

use chrono::NaiveDate;
use rusqlite::params;

use super::contact_rows::summaries;
use super::touchpoints::touchpoint_from_row;
use super::SqliteStore;
use crate::contacts::{NewCustomer, OpenComplaint, OverdueContact, Touchpoint};
use crate::error::Result;

impl SqliteStore {
    /// Complaints not yet put right, oldest first, with how many there are in all.
    pub fn open_complaints(
        &self,
        today: NaiveDate,
        limit: u32,
    ) -> Result<(Vec<OpenComplaint>, i64)> {
        // From the open-complaints index alone (it holds the contact), leaving out the archived
        // contacts, usually few, instead of reading each complaint's contact.
        let total: i64 = self.conn.query_row(
            "SELECT count(*) FROM touchpoints INDEXED BY touchpoints_open_complaints
             WHERE kind = 'complaint' AND resolved = 0
               AND contact_id NOT IN (SELECT id FROM contacts WHERE archived = 1)",
            [],
            |row| row.get(0),
        )?;
        let complaints: Vec<Touchpoint> = self
            .conn
            .prepare_cached(
                "SELECT t.id, t.contact_id, t.kind, t.happened_on, t.note, t.handled_by, t.resolved
                 FROM touchpoints t JOIN contacts c ON c.id = t.contact_id
                 WHERE t.kind = 'complaint' AND t.resolved = 0 AND +c.archived = 0
                 ORDER BY t.happened_on, t.id LIMIT ?1",
            )?
            .query_map([limit], touchpoint_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let ids: Vec<i64> = complaints.iter().map(|t| t.contact_id).collect();
        let mut people = summaries(&self.conn, &ids)?.into_iter();
        // summaries() keeps order but drops repeats; a contact with two complaints appears twice.
        let mut by_id = std::collections::HashMap::new();
        for person in people.by_ref() {
            by_id.insert(person.id, person);
        }
        let list = complaints
            .into_iter()
            .filter_map(|complaint| {
                let contact = by_id.get(&complaint.contact_id)?.clone();
                let days_open =
                    u32::try_from((today - complaint.happened_on).num_days()).unwrap_or(0);
                Some(OpenComplaint {
                    contact,
                    complaint,
                    days_open,
                })
            })
            .collect();
        Ok((list, total))
    }

    /// Active contacts whose keep-in-touch cadence ran out before `today`, most overdue first.
    pub fn overdue_contacts(
        &self,
        today: NaiveDate,
        limit: u32,
    ) -> Result<(Vec<OverdueContact>, i64)> {
        let total: i64 = self.conn.query_row(
            "SELECT count(*) FROM contacts INDEXED BY contacts_by_touch_due WHERE archived = 0 AND touch_due_on < ?1",
            [today],
            |row| row.get(0),
        )?;
        let rows: Vec<(i64, u32, Option<NaiveDate>, NaiveDate)> = self
            .conn
            .prepare_cached(
                "SELECT id, keep_in_touch_days, last_contacted, touch_due_on FROM contacts INDEXED BY contacts_by_touch_due
                 WHERE archived = 0 AND touch_due_on < ?1 ORDER BY touch_due_on, id LIMIT ?2",
            )?
            .query_map(params![today, limit], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let people = summaries(&self.conn, &ids)?;
        Ok((
            people
                .into_iter()
                .zip(rows)
                .map(
                    |(contact, (_, keep_in_touch_days, last_contacted, due))| OverdueContact {
                        contact,
                        keep_in_touch_days,
                        last_contacted,
                        days_overdue: u32::try_from((today - due).num_days()).unwrap_or(0),
                    },
                )
                .collect(),
            total,
        ))
    }

    /// Active contacts who became customers (or were added) in the `days` days up to `today`
    /// and have not been welcomed yet, newest first.
    pub fn new_customers(
        &self,
        today: NaiveDate,
        days: u32,
        limit: u32,
    ) -> Result<(Vec<NewCustomer>, i64)> {
        let from = today - chrono::Days::new(days.into());
        // One pass over two ranges of the customer-since index (a coalesce would read every
        // contact); the few thousand rows at most are counted and ordered here.
        let mut rows: Vec<(i64, NaiveDate)> = self
            .conn
            .prepare_cached(
                "SELECT n.id, n.since FROM (
                    SELECT id, customer_since AS since FROM contacts
                     WHERE archived = 0 AND customer_since BETWEEN ?1 AND ?2
                    UNION ALL
                    SELECT id, substr(created_at, 1, 10) FROM contacts
                     INDEXED BY contacts_added_without_since
                     WHERE archived = 0 AND customer_since IS NULL
                       AND created_at >= ?1 AND created_at < ?3) n
                 WHERE NOT EXISTS (SELECT 1 FROM touchpoints t INDEXED BY touchpoints_welcomes
                                   WHERE t.contact_id = n.id AND t.kind = 'welcome_sent')",
            )?
            .query_map(params![from, today, today + chrono::Days::new(1)], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let total = i64::try_from(rows.len()).unwrap_or(i64::MAX);
        rows.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let people = summaries(&self.conn, &ids)?;
        Ok((
            people
                .into_iter()
                .zip(rows)
                .map(|(contact, (_, since))| NewCustomer { contact, since })
                .collect(),
            total,
        ))
    }
}
