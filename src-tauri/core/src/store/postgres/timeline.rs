//! The server book's timeline, tags, Today and birthdays: the SQLite book's functions of the
//! same names (store/touchpoints.rs, tags.rs, today.rs, birthdays.rs) in PostgreSQL's SQL.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use postgres::{GenericClient, Row};

use super::book::{ids_of, PgResult, ServerBook};
use super::contact_rows::{refresh_touch_due, tag_id};
use super::list::summaries;
use crate::calendar::{days_between, next_anniversary};
use crate::contacts::{
    birthday_days_in_window, next_birthday, Birthday, BirthdayDue, Company, NewCustomer,
    NewTouchpoint, OpenComplaint, OverdueContact, TagCount, Touchpoint, TouchpointKind,
};
use crate::error::{Error, Result};
use crate::search_text::fold;

const COLUMNS: &str = "id, contact_id, kind, happened_on, note, handled_by, resolved";

impl ServerBook {
    /// Logs a touchpoint (already validated) and updates the contact's "last contacted".
    pub fn add_touchpoint(&self, contact_id: i64, new: &NewTouchpoint) -> Result<Touchpoint> {
        self.in_tx(|tx| insert_touchpoint(tx, contact_id, new))
    }

    /// Marks a complaint as put right (or open again).
    pub fn set_complaint_resolved(&self, touchpoint_id: i64, resolved: bool) -> Result<Touchpoint> {
        self.run(|client| {
            let row = client
                .query_opt(
                    &format!(
                        "UPDATE touchpoints SET resolved = $2 WHERE id = $1 AND kind = 'complaint'
                         RETURNING {COLUMNS}"
                    ),
                    &[&touchpoint_id, &resolved],
                )?
                .ok_or_else(|| Error::not_found(format!("Complaint {touchpoint_id}")))?;
            touchpoint_from_row(&row)
        })
    }

    /// Removes a touchpoint logged by mistake.
    pub fn delete_touchpoint(&self, touchpoint_id: i64) -> Result<()> {
        self.in_tx(|tx| {
            let contact_id: i64 = tx
                .query_opt(
                    "DELETE FROM touchpoints WHERE id = $1 RETURNING contact_id",
                    &[&touchpoint_id],
                )?
                .ok_or_else(|| Error::not_found(format!("Touchpoint {touchpoint_id}")))?
                .try_get(0)?;
            refresh_last_contacted(tx, contact_id)
        })
    }

    /// A contact's timeline, newest first.
    pub fn timeline(&self, contact_id: i64) -> Result<Vec<Touchpoint>> {
        self.run(|client| timeline(client, contact_id))
    }

    /// The compliments or complaints (`kind`) handled by `name` (ignoring case), newest first:
    /// the first `limit` with the customer's name, and how many there are in all.
    pub fn feedback_for(
        &self,
        name: &str,
        kind: TouchpointKind,
        limit: u32,
    ) -> Result<(Vec<(String, Touchpoint)>, i64)> {
        self.run(|client| {
            let total: i64 = client
                .query_one(
                    "SELECT count(*) FROM touchpoints WHERE kind = $1 AND lower(handled_by) = lower($2)",
                    &[&kind.as_str(), &name],
                )?
                .try_get(0)?;
            let rows = client
                .query(
                    "SELECT t.id, t.contact_id, t.kind, t.happened_on, t.note, t.handled_by,
                            t.resolved, c.display_name
                       FROM touchpoints t JOIN contacts c ON c.id = t.contact_id
                      WHERE t.kind = $1 AND lower(t.handled_by) = lower($2)
                      ORDER BY t.happened_on DESC, t.id DESC LIMIT $3",
                    &[&kind.as_str(), &name, &i64::from(limit)],
                )?
                .iter()
                .map(|row| Ok((row.try_get(7)?, touchpoint_from_row(row)?)))
                .collect::<PgResult<Vec<_>>>()?;
            Ok((rows, total))
        })
    }

    /// Compliments and complaints logged from `from` to `to` (inclusive), with the customer's
    /// name, oldest first (the month's "what customers said" page).
    pub fn feedback_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(String, Touchpoint)>> {
        self.run(|client| {
            client
                .query(
                    "SELECT t.id, t.contact_id, t.kind, t.happened_on, t.note, t.handled_by,
                            t.resolved, c.display_name
                       FROM touchpoints t JOIN contacts c ON c.id = t.contact_id
                      WHERE t.kind IN ('compliment', 'complaint') AND t.happened_on BETWEEN $1 AND $2
                      ORDER BY t.happened_on, t.id",
                    &[&from, &to],
                )?
                .iter()
                .map(|row| Ok((row.try_get(7)?, touchpoint_from_row(row)?)))
                .collect()
        })
    }

    /// Names that have handled touchpoints before, most used first, for suggestions.
    pub fn staff_names(&self) -> Result<Vec<String>> {
        self.run(|client| {
            Ok(client
                .query(
                    "SELECT handled_by FROM touchpoints WHERE handled_by <> ''
                     GROUP BY handled_by ORDER BY count(*) DESC, handled_by LIMIT 30",
                    &[],
                )?
                .iter()
                .map(|row| row.try_get(0))
                .collect::<std::result::Result<_, _>>()?)
        })
    }

    /// Puts `tag` on every contact in `ids`; returns how many gained it.
    pub fn add_tag(&self, ids: &[i64], tag: &str) -> Result<u32> {
        let name = tag.trim();
        let key = fold(name);
        self.in_tx(|tx| {
            let tag_id = tag_id(tx, name, &key)?;
            let added = ids_of(&tx.query(
                "INSERT INTO contact_tags (contact_id, tag_id)
                 SELECT id, $2 FROM contacts WHERE id = ANY($1)
                 ON CONFLICT DO NOTHING RETURNING contact_id",
                &[&ids, &tag_id],
            )?)?;
            reindex(tx, &added)?;
            Ok(u32::try_from(added.len()).unwrap_or(u32::MAX))
        })
    }

    /// Takes `tag` off every contact in `ids`; returns how many lost it.
    pub fn remove_tag(&self, ids: &[i64], tag: &str) -> Result<u32> {
        let key = fold(tag.trim());
        self.in_tx(|tx| {
            let removed = ids_of(&tx.query(
                "DELETE FROM contact_tags WHERE contact_id = ANY($1)
                   AND tag_id = (SELECT id FROM tags WHERE name_key = $2) RETURNING contact_id",
                &[&ids, &key],
            )?)?;
            reindex(tx, &removed)?;
            Ok(u32::try_from(removed.len()).unwrap_or(u32::MAX))
        })
    }

    /// Every tag in use, with how many active contacts carry it.
    pub fn tags(&self) -> Result<Vec<TagCount>> {
        self.run(|client| {
            client
                .query(
                    "SELECT t.name, count(c.id) FROM tags t
                       JOIN contact_tags ct ON ct.tag_id = t.id
                       JOIN contacts c ON c.id = ct.contact_id AND NOT c.archived
                     GROUP BY t.id, t.name, t.name_key ORDER BY t.name_key",
                    &[],
                )?
                .iter()
                .map(|row| {
                    Ok(TagCount {
                        name: row.try_get(0)?,
                        count: row.try_get(1)?,
                    })
                })
                .collect()
        })
    }

    /// Whether a tag exists (folded).
    pub fn tag_exists(&self, tag: &str) -> Result<bool> {
        let key = fold(tag.trim());
        self.run(|client| {
            Ok(client
                .query_opt("SELECT 1 FROM tags WHERE name_key = $1", &[&key])?
                .is_some())
        })
    }

    /// Companies with at least one contact, by name.
    pub fn companies(&self) -> Result<Vec<Company>> {
        self.run(|client| {
            client
                .query(
                    "SELECT co.id, co.name, count(c.id) FROM companies co
                       JOIN contacts c ON c.company_id = co.id
                     GROUP BY co.id, co.name, co.name_key ORDER BY co.name_key",
                    &[],
                )?
                .iter()
                .map(|row| {
                    Ok(Company {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        contact_count: row.try_get(2)?,
                    })
                })
                .collect()
        })
    }

    /// Complaints not yet put right, oldest first, with how many there are in all.
    pub fn open_complaints(
        &self,
        today: NaiveDate,
        limit: u32,
    ) -> Result<(Vec<OpenComplaint>, i64)> {
        self.run(|client| {
            let total: i64 = client
                .query_one(
                    "SELECT count(*) FROM touchpoints t JOIN contacts c ON c.id = t.contact_id
                     WHERE t.kind = 'complaint' AND NOT t.resolved AND NOT c.archived",
                    &[],
                )?
                .try_get(0)?;
            let complaints = client
                .query(
                    "SELECT t.id, t.contact_id, t.kind, t.happened_on, t.note, t.handled_by, t.resolved
                     FROM touchpoints t JOIN contacts c ON c.id = t.contact_id
                     WHERE t.kind = 'complaint' AND NOT t.resolved AND NOT c.archived
                     ORDER BY t.happened_on, t.id LIMIT $1",
                    &[&i64::from(limit)],
                )?
                .iter()
                .map(touchpoint_from_row)
                .collect::<PgResult<Vec<_>>>()?;
            let ids: Vec<i64> = complaints.iter().map(|t| t.contact_id).collect();
            let by_id: HashMap<i64, _> = summaries(client, &ids)?
                .into_iter()
                .map(|s| (s.id, s))
                .collect();
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
        })
    }

    /// Active contacts whose keep-in-touch cadence ran out before `today`, most overdue first.
    pub fn overdue_contacts(
        &self,
        today: NaiveDate,
        limit: u32,
    ) -> Result<(Vec<OverdueContact>, i64)> {
        self.run(|client| {
            let total: i64 = client
                .query_one(
                    "SELECT count(*) FROM contacts WHERE NOT archived AND touch_due_on < $1",
                    &[&today],
                )?
                .try_get(0)?;
            let rows = client.query(
                "SELECT id, keep_in_touch_days, last_contacted, touch_due_on FROM contacts
                 WHERE NOT archived AND touch_due_on < $1 ORDER BY touch_due_on, id LIMIT $2",
                &[&today, &i64::from(limit)],
            )?;
            let rows: Vec<(i64, i32, Option<NaiveDate>, NaiveDate)> = rows
                .iter()
                .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)))
                .collect::<std::result::Result<_, postgres::Error>>()?;
            let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
            let people = summaries(client, &ids)?;
            Ok((
                people
                    .into_iter()
                    .zip(rows)
                    .map(|(contact, (_, days, last_contacted, due))| OverdueContact {
                        contact,
                        keep_in_touch_days: u32::try_from(days).unwrap_or(0),
                        last_contacted,
                        days_overdue: u32::try_from((today - due).num_days()).unwrap_or(0),
                    })
                    .collect(),
                total,
            ))
        })
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
        self.run(|client| {
            let rows = client.query(
                "SELECT n.id, n.since FROM (
                    SELECT id, customer_since AS since FROM contacts
                     WHERE NOT archived AND customer_since BETWEEN $1 AND $2
                    UNION ALL
                    SELECT id, (created_at AT TIME ZONE 'UTC')::date FROM contacts
                     WHERE NOT archived AND customer_since IS NULL
                       AND (created_at AT TIME ZONE 'UTC')::date BETWEEN $1 AND $2) n
                 WHERE NOT EXISTS (SELECT 1 FROM touchpoints t
                                   WHERE t.contact_id = n.id AND t.kind = 'welcome_sent')",
                &[&from, &today],
            )?;
            let mut rows: Vec<(i64, NaiveDate)> = rows
                .iter()
                .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
                .collect::<std::result::Result<_, postgres::Error>>()?;
            let total = i64::try_from(rows.len()).unwrap_or(i64::MAX);
            rows.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
            rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
            let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
            let people = summaries(client, &ids)?;
            Ok((
                people
                    .into_iter()
                    .zip(rows)
                    .map(|(contact, (_, since))| NewCustomer { contact, since })
                    .collect(),
                total,
            ))
        })
    }

    /// Active contacts whose birthday is celebrated within `days` days from `from`, soonest
    /// first, then by id (29 February birthdays on 28 February in other years).
    pub fn birthdays_within(&self, from: NaiveDate, days: u32) -> Result<Vec<BirthdayDue>> {
        let month_days: Vec<i32> = birthday_days_in_window(from, days)
            .into_iter()
            .filter_map(|(m, d)| i32::try_from(m * 100 + d).ok())
            .collect();
        let rows = self.run(|client| {
            client
                .query(
                    "SELECT id, birthday_month, birthday_day, birthday_year FROM contacts
                     WHERE NOT archived AND birthday_md = ANY($1)",
                    &[&month_days],
                )?
                .iter()
                .map(|row| Ok((row.try_get::<_, i64>(0)?, birthday_of(row)?)))
                .collect::<PgResult<Vec<_>>>()
        })?;
        let mut due: Vec<BirthdayDue> = rows
            .into_iter()
            .filter_map(|(contact_id, birthday)| {
                let (date, in_days, turning) = next_birthday(&birthday?, from);
                Some(BirthdayDue {
                    contact_id,
                    date,
                    in_days,
                    turning,
                })
            })
            .filter(|due| due.in_days < days)
            .collect();
        due.sort_by_key(|due| (due.date, due.contact_id));
        Ok(due)
    }

    /// The soonest birthday of any active contact on or after `from`.
    pub fn next_birthday_of_anyone(&self, from: NaiveDate) -> Result<Option<NaiveDate>> {
        let window = birthday_days_in_window(from, 366);
        let month_days: Vec<i32> = window
            .iter()
            .filter_map(|(m, d)| i32::try_from(m * 100 + d).ok())
            .collect();
        let from_md = i32::try_from(from.month() * 100 + from.day()).unwrap_or(0);
        // At most two days to look at, each the first an index walk meets: the first birthday
        // on or after today's month and day, and the first of the year (for after New Year).
        // Reading every birthday to find them took 50 ms at 100,000 contacts.
        let present: Vec<i32> = self.run(|client| {
            Ok(client
                .query(
                    "(SELECT birthday_md FROM contacts
                       WHERE NOT archived AND birthday_md = ANY($1) AND birthday_md >= $2
                       ORDER BY birthday_md LIMIT 1)
                     UNION ALL
                     (SELECT birthday_md FROM contacts
                       WHERE NOT archived AND birthday_md = ANY($1)
                       ORDER BY birthday_md LIMIT 1)",
                    &[&month_days, &from_md],
                )?
                .iter()
                .map(|row| row.try_get(0))
                .collect::<std::result::Result<_, _>>()?)
        })?;
        // The window is in day order from `from`: the first day someone has is the answer.
        Ok(window
            .into_iter()
            .find(|(m, d)| i32::try_from(m * 100 + d).is_ok_and(|md| present.contains(&md)))
            .map(|(month, day)| {
                Birthday {
                    month,
                    day,
                    year: None,
                }
                .next_on_or_after(from)
            }))
    }

    /// Active contacts whose birthday is in `month` (1–12), in name order.
    pub fn birthday_ids_in_month(&self, month: u32) -> Result<Vec<i64>> {
        let month = i32::try_from(month).unwrap_or(0);
        self.run(|client| {
            ids_of(&client.query(
                "SELECT id FROM contacts WHERE NOT archived AND birthday_month = $1
                 ORDER BY sort_key, id",
                &[&month],
            )?)
        })
    }

    /// Active contacts whose customer anniversary falls within `days` days from `from`.
    pub fn anniversary_ids_within(
        &self,
        from: NaiveDate,
        days: u32,
    ) -> Result<Vec<(i64, NaiveDate)>> {
        let rows: Vec<(i64, NaiveDate)> = self.run(|client| {
            Ok(client
                .query(
                    "SELECT id, customer_since FROM contacts
                     WHERE NOT archived AND customer_since IS NOT NULL",
                    &[],
                )?
                .iter()
                .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
                .collect::<std::result::Result<_, postgres::Error>>()?)
        })?;
        let mut found: Vec<(i64, NaiveDate)> = rows
            .into_iter()
            .filter_map(|(id, since)| Some((id, next_anniversary(since, from)?)))
            .filter(|(_, date)| days_between(from, *date) < days && *date >= from)
            .collect();
        found.sort_by_key(|(id, date)| (*date, *id));
        Ok(found)
    }

    /// The soonest customer anniversary of any active contact on or after `from`: as the book
    /// file asks it (a day when a customer was won on its month and day in an earlier year; on
    /// 28 February of common years, those won on 29 February), a month of days per query, each
    /// date one index probe. Reading every customer's date took 50 ms at 100,000 contacts.
    pub fn next_anniversary_of_anyone(&self, from: NaiveDate) -> Result<Option<NaiveDate>> {
        self.run(|client| {
            let first: Option<NaiveDate> = client
                .query_one(
                    "SELECT min(customer_since) FROM contacts WHERE NOT archived",
                    &[],
                )?
                .try_get(0)?;
            let Some(first) = first else {
                return Ok(None);
            };
            let mut offset = 0u64;
            while offset <= 366 {
                let days: Vec<NaiveDate> = (offset..=(offset + 30).min(366))
                    .filter_map(|o| from.checked_add_days(chrono::Days::new(o)))
                    .collect();
                let mut dates: Vec<NaiveDate> = Vec::new();
                for day in &days {
                    dates.extend(anniversary_dates(first.year(), *day));
                }
                let won: std::collections::HashSet<NaiveDate> = client
                    .query(
                        "SELECT d FROM unnest($1::date[]) AS d
                          WHERE EXISTS (SELECT 1 FROM contacts
                                         WHERE NOT archived AND customer_since = d)",
                        &[&dates],
                    )?
                    .iter()
                    .map(|row| row.try_get(0))
                    .collect::<std::result::Result<_, _>>()?;
                if let Some(day) = days
                    .iter()
                    .find(|day| anniversary_dates(first.year(), **day).any(|d| won.contains(&d)))
                {
                    return Ok(Some(*day));
                }
                offset += 31;
            }
            Ok(None)
        })
    }
}

/// The days a customer won on which has an anniversary on `day`: its month and day in each
/// year from `first_year` before `day`'s (and 29 February on 28 February of a common year).
fn anniversary_dates(first_year: i32, day: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    let leap_day_too = day.month() == 2 && day.day() == 28 && !day.leap_year();
    (first_year..day.year()).flat_map(move |year| {
        [
            NaiveDate::from_ymd_opt(year, day.month(), day.day()),
            NaiveDate::from_ymd_opt(year, 2, 29).filter(|_| leap_day_too),
        ]
        .into_iter()
        .flatten()
    })
}

fn birthday_of(row: &Row) -> PgResult<Option<Birthday>> {
    let month: Option<i32> = row.try_get(1)?;
    let day: Option<i32> = row.try_get(2)?;
    let year: Option<i32> = row.try_get(3)?;
    Ok(month.zip(day).and_then(|(m, d)| {
        Some(Birthday {
            month: u32::try_from(m).ok()?,
            day: u32::try_from(d).ok()?,
            year,
        })
    }))
}

/// Rebuilds the search documents of `ids` from what is stored (after a change to their tags).
fn reindex(tx: &mut impl GenericClient, ids: &[i64]) -> PgResult<()> {
    for id in ids {
        let contact = super::contact_rows::load_contact(tx, *id)?;
        let doc = crate::store::SearchDocument::from_input(
            &contact.fields,
            &crate::contacts::display_name(&contact.fields),
        );
        tx.execute(
            "UPDATE contact_search SET document = $2::text::tsvector WHERE contact_id = $1",
            &[id, &super::search::document_literal(&doc)],
        )?;
    }
    Ok(())
}

pub(crate) fn timeline(
    client: &mut impl GenericClient,
    contact_id: i64,
) -> PgResult<Vec<Touchpoint>> {
    client
        .query(
            &format!(
                "SELECT {COLUMNS} FROM touchpoints WHERE contact_id = $1
                 ORDER BY happened_on DESC, id DESC"
            ),
            &[&contact_id],
        )?
        .iter()
        .map(touchpoint_from_row)
        .collect()
}

/// Puts back a touchpoint with its id (undoing a delete).
pub(crate) fn insert_with_id(tx: &mut impl GenericClient, t: &Touchpoint) -> PgResult<()> {
    tx.execute(
        "INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, handled_by, resolved)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            &t.id,
            &t.contact_id,
            &t.kind.as_str(),
            &t.happened_on,
            &t.note,
            &t.handled_by,
            &t.resolved,
        ],
    )?;
    Ok(())
}

/// Sets "last contacted" from the newest touchpoint that counts as being in touch.
pub(crate) fn refresh_last_contacted(tx: &mut impl GenericClient, contact_id: i64) -> PgResult<()> {
    tx.execute(
        "UPDATE contacts SET last_contacted =
            (SELECT max(happened_on) FROM touchpoints WHERE contact_id = $1 AND kind <> 'note')
         WHERE id = $1",
        &[&contact_id],
    )?;
    refresh_touch_due(tx, contact_id)
}

pub(crate) fn touchpoint_from_row(row: &Row) -> PgResult<Touchpoint> {
    let kind: String = row.try_get(2)?;
    Ok(Touchpoint {
        id: row.try_get(0)?,
        contact_id: row.try_get(1)?,
        // The table's CHECK constraint allows only known kinds.
        kind: TouchpointKind::parse(&kind).unwrap_or(TouchpointKind::Note),
        happened_on: row.try_get(3)?,
        note: row.try_get(4)?,
        handled_by: row.try_get(5)?,
        resolved: row.try_get(6)?,
    })
}

/// Logs a touchpoint for an existing contact and updates its "last contacted", in `tx`.
pub(crate) fn insert_touchpoint(
    tx: &mut impl GenericClient,
    contact_id: i64,
    entry: &NewTouchpoint,
) -> PgResult<Touchpoint> {
    if tx
        .query_opt("SELECT 1 FROM contacts WHERE id = $1", &[&contact_id])?
        .is_none()
    {
        return Err(Error::not_found(format!("Contact {contact_id}")).into());
    }
    let row = tx.query_one(
        &format!(
            "INSERT INTO touchpoints (contact_id, kind, happened_on, note, handled_by, resolved)
             VALUES ($1, $2, $3, $4, $5, false) RETURNING {COLUMNS}"
        ),
        &[
            &contact_id,
            &entry.kind.as_str(),
            &entry.happened_on,
            &entry.note,
            &entry.handled_by,
        ],
    )?;
    refresh_last_contacted(tx, contact_id)?;
    touchpoint_from_row(&row)
}
