//! A contact's rows on the server: written (with its emails, phones, addresses, company and tags,
//! the derived fields worked out in Rust as for the file), read back whole, and its photo. What
//! the server book's reads and writes share, so none of them has to import another.

use chrono::NaiveDate;
use postgres::types::ToSql;
use postgres::{GenericClient, Row};

use super::error::PgResult;
use super::search::document_literal;
use crate::contacts::{Birthday, Contact, ContactInput, LabeledValue, PostalAddress};
use crate::error::Error;
use crate::photos::NormalizedPhoto;
use crate::store::contact_writer::DerivedFields;

fn to_i32(value: Option<u32>) -> Option<i32> {
    value.and_then(|v| i32::try_from(v).ok())
}

/// Inserts a contact with its emails, phones, addresses, tags, phone tails and search document;
/// `existing` restores a deleted one with its id, dates and archive state.
pub(crate) fn insert_contact(
    tx: &mut impl GenericClient,
    input: &ContactInput,
    derived: DerivedFields,
    existing: Option<&Contact>,
    last_contacted: Option<NaiveDate>,
) -> PgResult<i64> {
    let company_id = company_id(tx, &derived)?;
    let last_contacted = existing.and_then(|c| c.last_contacted).or(last_contacted);
    let created = existing.map(|c| c.created_at.as_str());
    let updated = existing.map(|c| c.updated_at.as_str());
    let row = tx.query_one(
        "INSERT INTO contacts (id, given_name, family_name, prefix, nickname, display_name,
            sort_key, company_id, job_title, birthday_month, birthday_day, birthday_year,
            customer_since, family, interests, talking_points, notes, keep_in_touch_days,
            last_contacted, archived, created_at, updated_at, has_postal_address)
         VALUES (coalesce($1, nextval(pg_get_serial_sequence('contacts', 'id'))), $2, $3, $4,
            $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
            coalesce($21::text::timestamptz, now()), coalesce($22::text::timestamptz, now()), $23)
         RETURNING id",
        &[
            &existing.map(|c| c.id),
            &input.given_name,
            &input.family_name,
            &input.prefix,
            &input.nickname,
            &derived.display_name(),
            &derived.sort_key(),
            &company_id,
            &input.job_title,
            &to_i32(input.birthday.map(|b| b.month)),
            &to_i32(input.birthday.map(|b| b.day)),
            &input.birthday.and_then(|b| b.year),
            &input.customer_since,
            &input.family,
            &input.interests,
            &input.talking_points,
            &input.notes,
            &to_i32(input.keep_in_touch_days),
            &last_contacted,
            &existing.is_some_and(|c| c.archived),
            &created,
            &updated,
            &derived.has_postal_address(),
        ],
    )?;
    let id: i64 = row.try_get(0)?;
    insert_children(tx, id, input, &derived)?;
    refresh_touch_due(tx, id)?;
    Ok(id)
}

/// Replaces the editable fields of contact `id` (already validated) inside `tx`.
pub(crate) fn update_contact(
    tx: &mut impl GenericClient,
    id: i64,
    input: &ContactInput,
) -> PgResult<()> {
    let derived = DerivedFields::of(input);
    let company_id = company_id(tx, &derived)?;
    let changed = tx.execute(
        "UPDATE contacts SET given_name = $2, family_name = $3, prefix = $4, nickname = $5,
            display_name = $6, sort_key = $7, company_id = $8, job_title = $9,
            birthday_month = $10, birthday_day = $11, birthday_year = $12, customer_since = $13,
            family = $14, interests = $15, talking_points = $16, notes = $17,
            keep_in_touch_days = $18, updated_at = now(), has_postal_address = $19
         WHERE id = $1",
        &[
            &id,
            &input.given_name,
            &input.family_name,
            &input.prefix,
            &input.nickname,
            &derived.display_name(),
            &derived.sort_key(),
            &company_id,
            &input.job_title,
            &to_i32(input.birthday.map(|b| b.month)),
            &to_i32(input.birthday.map(|b| b.day)),
            &input.birthday.and_then(|b| b.year),
            &input.customer_since,
            &input.family,
            &input.interests,
            &input.talking_points,
            &input.notes,
            &to_i32(input.keep_in_touch_days),
            &derived.has_postal_address(),
        ],
    )?;
    if changed == 0 {
        return Err(Error::not_found(format!("Contact {id}")).into());
    }
    for table in [
        "contact_emails",
        "contact_phones",
        "contact_addresses",
        "contact_tags",
        "contact_phone_tails",
        "contact_search",
    ] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE contact_id = $1"),
            &[&id],
        )?;
    }
    insert_children(tx, id, input, &derived)?;
    refresh_touch_due(tx, id)?;
    Ok(())
}

/// Inserts contact `id`'s emails, phones, addresses, tags, phone tails and search document;
/// it has none yet.
fn insert_children(
    tx: &mut impl GenericClient,
    id: i64,
    input: &ContactInput,
    derived: &DerivedFields,
) -> PgResult<()> {
    for (table, values) in [
        ("contact_emails", &input.emails),
        ("contact_phones", &input.phones),
    ] {
        for (position, value) in values.iter().enumerate() {
            let position = i32::try_from(position).unwrap_or(i32::MAX);
            tx.execute(
                &format!(
                    "INSERT INTO {table} (contact_id, position, label, value) VALUES ($1, $2, $3, $4)"
                ),
                &[&id, &position, &value.label, &value.value],
            )?;
        }
    }
    for (position, a) in input.addresses.iter().enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        tx.execute(
            "INSERT INTO contact_addresses
                (contact_id, position, label, street, city, region, postal_code, country)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                &id,
                &position,
                &a.label,
                &a.street,
                &a.city,
                &a.region,
                &a.postal_code,
                &a.country,
            ],
        )?;
    }
    for (name, key) in derived.tags() {
        let tag_id = tag_id(tx, name, key)?;
        tx.execute(
            "INSERT INTO contact_tags (contact_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[&id, &tag_id],
        )?;
    }
    let tails: Vec<&str> = derived.phone_tails().iter().map(String::as_str).collect();
    if !tails.is_empty() {
        tx.execute(
            "INSERT INTO contact_phone_tails (digits, contact_id)
             SELECT DISTINCT d, $2::bigint FROM unnest($1::text[]) AS d ON CONFLICT DO NOTHING",
            &[&tails, &id],
        )?;
    }
    tx.execute(
        "INSERT INTO contact_search (contact_id, document) VALUES ($1, $2::text::tsvector)
         ON CONFLICT (contact_id) DO UPDATE SET document = excluded.document",
        &[&id, &document_literal(derived.search())],
    )?;
    Ok(())
}

fn company_id(tx: &mut impl GenericClient, derived: &DerivedFields) -> PgResult<Option<i64>> {
    let Some((name, key)) = derived.company() else {
        return Ok(None);
    };
    Ok(Some(company_id_of(tx, name, key)?))
}

/// The id of the company `name` (keyed `key`), added when new.
pub(crate) fn company_id_of(tx: &mut impl GenericClient, name: &str, key: &str) -> PgResult<i64> {
    // The no-op update makes RETURNING give the id of a company that was already there.
    let row = tx.query_one(
        "INSERT INTO companies (name, name_key) VALUES ($1, $2)
         ON CONFLICT (name_key) DO UPDATE SET name_key = excluded.name_key RETURNING id",
        &[&name, &key],
    )?;
    Ok(row.try_get(0)?)
}

/// The id of the tag `name` (keyed `key`), added when new.
pub(crate) fn tag_id(tx: &mut impl GenericClient, name: &str, key: &str) -> PgResult<i64> {
    if let Some(row) = tx.query_opt("SELECT id FROM tags WHERE name_key = $1", &[&key])? {
        return Ok(row.try_get(0)?);
    }
    let row = tx.query_one(
        "INSERT INTO tags (name, name_key) VALUES ($1, $2)
         ON CONFLICT (name_key) DO UPDATE SET name_key = excluded.name_key RETURNING id",
        &[&name, &key],
    )?;
    Ok(row.try_get(0)?)
}

/// Recomputes the day the keep-in-touch cadence runs out: from the last contact, or else from
/// when they became a customer, or else from when they were added (its UTC day, as the file).
pub(crate) fn refresh_touch_due(tx: &mut impl GenericClient, id: i64) -> PgResult<()> {
    tx.execute(
        "UPDATE contacts SET touch_due_on = CASE WHEN keep_in_touch_days IS NULL THEN NULL ELSE
            coalesce(last_contacted, customer_since, (created_at AT TIME ZONE 'UTC')::date)
                + keep_in_touch_days END
         WHERE id = $1",
        &[&id],
    )?;
    Ok(())
}

/// The columns [`contact_from_row`] reads, in its order (`c` is contacts, `co` companies).
pub(crate) fn contact_columns() -> String {
    format!(
        "c.id, c.display_name, c.given_name, c.family_name, c.prefix, c.nickname,
         coalesce(co.name, ''), c.company_id, c.job_title, c.birthday_month, c.birthday_day,
         c.birthday_year, c.customer_since, c.family, c.interests, c.talking_points, c.notes,
         c.keep_in_touch_days, c.last_contacted, c.archived, {}, {}",
        moment_sql("c.created_at"),
        moment_sql("c.updated_at")
    )
}

fn to_u32(value: Option<i32>) -> Option<u32> {
    value.and_then(|v| u32::try_from(v).ok())
}

pub(crate) fn contact_from_row(row: &Row) -> PgResult<Contact> {
    let month = to_u32(row.try_get(9)?);
    let day = to_u32(row.try_get(10)?);
    let year: Option<i32> = row.try_get(11)?;
    let birthday = month
        .zip(day)
        .map(|(month, day)| Birthday { month, day, year });
    Ok(Contact {
        id: row.try_get(0)?,
        display_name: row.try_get(1)?,
        fields: ContactInput {
            given_name: row.try_get(2)?,
            family_name: row.try_get(3)?,
            prefix: row.try_get(4)?,
            nickname: row.try_get(5)?,
            company: row.try_get(6)?,
            job_title: row.try_get(8)?,
            birthday,
            customer_since: row.try_get(12)?,
            family: row.try_get(13)?,
            interests: row.try_get(14)?,
            talking_points: row.try_get(15)?,
            notes: row.try_get(16)?,
            keep_in_touch_days: to_u32(row.try_get(17)?),
            ..ContactInput::default()
        },
        company_id: row.try_get(7)?,
        last_contacted: row.try_get(18)?,
        archived: row.try_get(19)?,
        created_at: row.try_get(20)?,
        updated_at: row.try_get(21)?,
    })
}

/// The contact's version: raised by every edit (the stamp_change trigger).
pub(crate) fn contact_version(client: &mut impl GenericClient, id: i64) -> PgResult<i64> {
    Ok(client
        .query_opt("SELECT version FROM contacts WHERE id = $1", &[&id])?
        .ok_or_else(|| Error::not_found(format!("Contact {id}")))?
        .try_get(0)?)
}

pub(crate) fn load_contact(client: &mut impl GenericClient, id: i64) -> PgResult<Contact> {
    let row = client
        .query_opt(
            &format!(
                "SELECT {} FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
                 WHERE c.id = $1",
                contact_columns()
            ),
            &[&id],
        )?
        .ok_or_else(|| Error::not_found(format!("Contact {id}")))?;
    let mut contact = contact_from_row(&row)?;
    contact.fields.emails = labeled_values(client, "contact_emails", id)?;
    contact.fields.phones = labeled_values(client, "contact_phones", id)?;
    contact.fields.addresses = client
        .query(
            "SELECT label, street, city, region, postal_code, country FROM contact_addresses
             WHERE contact_id = $1 ORDER BY position",
            &[&id],
        )?
        .iter()
        .map(|row| {
            Ok(PostalAddress {
                label: row.try_get(0)?,
                street: row.try_get(1)?,
                city: row.try_get(2)?,
                region: row.try_get(3)?,
                postal_code: row.try_get(4)?,
                country: row.try_get(5)?,
            })
        })
        .collect::<std::result::Result<_, postgres::Error>>()?;
    contact.fields.tags = client
        .query(
            "SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
             WHERE ct.contact_id = $1 ORDER BY t.name_key",
            &[&id],
        )?
        .iter()
        .map(|row| row.try_get(0))
        .collect::<std::result::Result<_, _>>()?;
    Ok(contact)
}

fn labeled_values(
    client: &mut impl GenericClient,
    table: &str,
    id: i64,
) -> PgResult<Vec<LabeledValue>> {
    Ok(client
        .query(
            &format!("SELECT label, value FROM {table} WHERE contact_id = $1 ORDER BY position"),
            &[&id],
        )?
        .iter()
        .map(|row| {
            Ok(LabeledValue {
                label: row.try_get(0)?,
                value: row.try_get(1)?,
            })
        })
        .collect::<std::result::Result<_, postgres::Error>>()?)
}

pub(crate) fn contact_photo(
    client: &mut impl GenericClient,
    contact_id: i64,
) -> PgResult<Option<NormalizedPhoto>> {
    let Some(row) = client.query_opt(
        "SELECT jpeg, thumb_jpeg, width, height FROM contact_photos WHERE contact_id = $1",
        &[&contact_id],
    )?
    else {
        return Ok(None);
    };
    let width: i32 = row.try_get(2)?;
    let height: i32 = row.try_get(3)?;
    Ok(Some(NormalizedPhoto {
        jpeg: row.try_get(0)?,
        thumb_jpeg: row.try_get(1)?,
        width: u32::try_from(width).unwrap_or(0),
        height: u32::try_from(height).unwrap_or(0),
    }))
}

pub(crate) fn set_contact_photo(
    tx: &mut impl GenericClient,
    contact_id: i64,
    photo: &NormalizedPhoto,
) -> PgResult<()> {
    let width = i32::try_from(photo.width).unwrap_or(i32::MAX);
    let height = i32::try_from(photo.height).unwrap_or(i32::MAX);
    let params: [&(dyn ToSql + Sync); 5] =
        [&contact_id, &photo.jpeg, &photo.thumb_jpeg, &width, &height];
    tx.execute(
        "INSERT INTO contact_photos (contact_id, jpeg, thumb_jpeg, width, height)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (contact_id) DO UPDATE SET jpeg = excluded.jpeg,
             thumb_jpeg = excluded.thumb_jpeg, width = excluded.width,
             height = excluded.height, updated_at = now()",
        &params,
    )?;
    Ok(())
}

/// A stored moment as the file book writes it: `2026-11-23T08:30:00Z`.
pub(crate) fn moment_sql(column: &str) -> String {
    format!("to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
}
