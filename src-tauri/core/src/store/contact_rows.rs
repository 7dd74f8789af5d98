//! Reading a contact's rows (the contact whole, or the summary a list shows) and keeping its
//! keep-in-touch day: what the writers, search and the timeline share, so none of them has to
//! import another.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};

use crate::contacts::{
    Birthday, Contact, ContactInput, ContactSummary, LabeledValue, PostalAddress,
};
use crate::error::{Error, Result};
use crate::search_text::fold;

/// Tags are stored joined by this (a character no tag can hold) when read in one column.
pub(super) const TAG_SEPARATOR: char = '\u{1F}';

/// Recomputes the day the keep-in-touch cadence runs out: from the last contact, or else from
/// when they became a customer, or else from when they were added.
pub(super) fn refresh_touch_due(tx: &Connection, id: i64) -> Result<()> {
    tx.prepare_cached(
        "UPDATE contacts SET touch_due_on = CASE WHEN keep_in_touch_days IS NULL THEN NULL ELSE
            date(coalesce(last_contacted, customer_since, substr(created_at, 1, 10)), '+' || keep_in_touch_days || ' days')
         END WHERE id = ?1",
    )?
    .execute([id])?;
    Ok(())
}

/// The contact's version: raised by every edit.
pub(super) fn contact_version(conn: &Connection, id: i64) -> Result<i64> {
    conn.prepare_cached("SELECT version FROM contacts WHERE id = ?1")?
        .query_row([id], |row| row.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found(format!("Contact {id}")))
}

pub(super) fn load_contact(conn: &Connection, id: i64) -> Result<Contact> {
    let mut contact = conn
        .prepare_cached(
            &format!("SELECT {CONTACT_COLUMNS} FROM contacts c LEFT JOIN companies co ON co.id = c.company_id WHERE c.id = ?1"),
        )?
        .query_row([id], contact_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found(format!("Contact {id}")))?;
    contact.fields.emails = labeled_values(conn, "contact_emails", id)?;
    contact.fields.phones = labeled_values(conn, "contact_phones", id)?;
    contact.fields.addresses = conn
        .prepare_cached(
            "SELECT label, street, city, region, postal_code, country FROM contact_addresses
             WHERE contact_id = ?1 ORDER BY position",
        )?
        .query_map([id], |row| {
            Ok(PostalAddress {
                label: row.get(0)?,
                street: row.get(1)?,
                city: row.get(2)?,
                region: row.get(3)?,
                postal_code: row.get(4)?,
                country: row.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    contact.fields.tags = conn
        .prepare_cached(
            "SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
             WHERE ct.contact_id = ?1 ORDER BY t.name_key",
        )?
        .query_map([id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(contact)
}

/// The columns `contact_from_row` reads, in its order (`c` is contacts, `co` companies).
pub(super) const CONTACT_COLUMNS: &str =
    "c.id, c.display_name, c.given_name, c.family_name, c.prefix, c.nickname,
    coalesce(co.name, ''), c.company_id, c.job_title, c.birthday_month, c.birthday_day,
    c.birthday_year, c.customer_since, c.family, c.interests, c.talking_points, c.notes,
    c.keep_in_touch_days, c.last_contacted, c.archived, c.created_at, c.updated_at";

/// The personal details within [`CONTACT_COLUMNS`], which an export may leave out.
pub(super) const PERSONAL_COLUMNS: &str = "c.family, c.interests, c.talking_points, c.notes";

/// How many columns [`CONTACT_COLUMNS`] selects; a query may add its own after them.
pub(super) const CONTACT_COLUMN_COUNT: usize = 22;

pub(super) fn contact_from_row(row: &Row) -> rusqlite::Result<Contact> {
    let month: Option<u32> = row.get(9)?;
    let day: Option<u32> = row.get(10)?;
    let birthday = month.zip(day).map(|(month, day)| Birthday {
        month,
        day,
        year: row.get(11).ok().flatten(),
    });
    Ok(Contact {
        id: row.get(0)?,
        display_name: row.get(1)?,
        fields: ContactInput {
            given_name: row.get(2)?,
            family_name: row.get(3)?,
            prefix: row.get(4)?,
            nickname: row.get(5)?,
            company: row.get(6)?,
            job_title: row.get(8)?,
            birthday,
            customer_since: row.get(12)?,
            family: row.get(13)?,
            interests: row.get(14)?,
            talking_points: row.get(15)?,
            notes: row.get(16)?,
            keep_in_touch_days: row.get(17)?,
            ..ContactInput::default()
        },
        company_id: row.get(7)?,
        last_contacted: row.get(18)?,
        archived: row.get(19)?,
        created_at: row.get(20)?,
        updated_at: row.get(21)?,
    })
}

fn labeled_values(conn: &Connection, table: &str, id: i64) -> Result<Vec<LabeledValue>> {
    let values = conn
        .prepare_cached(&format!(
            "SELECT label, value FROM {table} WHERE contact_id = ?1 ORDER BY position"
        ))?
        .query_map([id], |row| {
            Ok(LabeledValue {
                label: row.get(0)?,
                value: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(values)
}

/// List rows for `ids`, in the order given.
pub(super) fn summaries(conn: &Connection, ids: &[i64]) -> Result<Vec<ContactSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.display_name, coalesce(co.name, ''),
            coalesce((SELECT value FROM contact_emails WHERE contact_id = c.id ORDER BY position LIMIT 1), ''),
            coalesce((SELECT value FROM contact_phones WHERE contact_id = c.id ORDER BY position LIMIT 1), ''),
            coalesce((SELECT group_concat(t.name, char(31)) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
                      WHERE ct.contact_id = c.id), ''),
            c.last_contacted, c.customer_since, c.archived
         FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
         WHERE c.id IN (SELECT value FROM json_each(?1))",
    )?;
    let ids_json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    let mut by_id: HashMap<i64, ContactSummary> = stmt
        .query_map([ids_json], |row| {
            let tags: String = row.get(5)?;
            let mut tags: Vec<String> = tags
                .split(TAG_SEPARATOR)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect();
            tags.sort_by_key(|t| fold(t));
            Ok(ContactSummary {
                id: row.get(0)?,
                display_name: row.get(1)?,
                company: row.get(2)?,
                email: row.get(3)?,
                phone: row.get(4)?,
                tags,
                last_contacted: row.get::<_, Option<NaiveDate>>(6)?,
                customer_since: row.get::<_, Option<NaiveDate>>(7)?,
                archived: row.get(8)?,
            })
        })?
        .map(|summary| summary.map(|s| (s.id, s)))
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}
