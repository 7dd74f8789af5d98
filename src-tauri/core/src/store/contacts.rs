//! Contacts with their emails, phones, addresses, company and tags.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};

use super::contact_rows::{contact_version, load_contact, refresh_touch_due, summaries};
use super::contact_writer::{ContactWriter, DerivedFields};
use super::phone_tails::delete_phone_tails;
use super::search;
use super::{now_timestamp, SqliteStore};
use crate::contacts::{
    ArchiveFilter, Contact, ContactDetail, ContactInput, ContactSummary, DeletedContact,
};
use crate::error::{Error, Result};
use crate::search_text::fold;

impl SqliteStore {
    /// Stores a new contact (already validated) and returns its id.
    pub fn insert_contact(&mut self, input: &ContactInput) -> Result<i64> {
        let tx = self.write_transaction()?;
        let id = insert_contact_tx(&tx, input, None)?;
        tx.commit()?;
        Ok(id)
    }

    /// Stores many new contacts in one transaction: all or none. For sample data and imports.
    pub fn insert_contacts(&mut self, inputs: &[ContactInput]) -> Result<Vec<i64>> {
        let tx = self.write_transaction()?;
        let ids = inputs
            .iter()
            .map(|input| insert_contact_tx(&tx, input, None))
            .collect::<Result<Vec<_>>>()?;
        tx.commit()?;
        Ok(ids)
    }

    /// Replaces the editable fields of contact `id` (already validated) if it is still at
    /// `version`; false (nothing written) when someone else saved it since.
    pub fn update_contact_at(
        &mut self,
        id: i64,
        input: &ContactInput,
        version: i64,
    ) -> Result<bool> {
        let tx = self.write_transaction()?;
        if contact_version(&tx, id)? != version {
            return Ok(false);
        }
        update_contact_tx(&tx, id, input)?;
        tx.commit()?;
        Ok(true)
    }

    /// Replaces the editable fields of contact `id` (already validated).
    pub fn update_contact(&mut self, id: i64, input: &ContactInput) -> Result<()> {
        let tx = self.write_transaction()?;
        update_contact_tx(&tx, id, input)?;
        tx.commit()?;
        Ok(())
    }

    pub fn contact(&self, id: i64) -> Result<Contact> {
        load_contact(&self.conn, id)
    }

    pub fn contact_detail(&self, id: i64) -> Result<ContactDetail> {
        let (referred_by, referred) = super::referrals::referral_people(&self.conn, id)?;
        let (testimonials, replies) = super::testimonials::timeline_marks(&self.conn, id)?;
        Ok(ContactDetail {
            contact: load_contact(&self.conn, id)?,
            version: contact_version(&self.conn, id)?,
            timeline: self.timeline(id)?,
            follow_ups: super::follow_ups::follow_ups_of(&self.conn, id)?,
            referred_by,
            referred,
            testimonials,
            replies,
            promises: super::house_answers::promises_of(&self.conn, id)?,
            last_change: None,
        })
    }

    /// Archives or restores many contacts at once; returns how many changed.
    pub fn set_archived(&mut self, ids: &[i64], archived: bool) -> Result<u32> {
        let tx = self.write_transaction()?;
        let mut changed = 0;
        {
            let mut stmt = tx.prepare(
                "UPDATE contacts SET archived = ?2, updated_at = ?3 WHERE id = ?1 AND archived != ?2",
            )?;
            let now = now_timestamp();
            for id in ids {
                changed += stmt.execute(params![id, archived, now])?;
            }
        }
        tx.commit()?;
        Ok(u32::try_from(changed).unwrap_or(u32::MAX))
    }

    /// Deletes a contact and its timeline for good, returning everything needed to undo it.
    pub fn delete_contact(&mut self, id: i64) -> Result<DeletedContact> {
        let tx = self.write_transaction()?;
        let deleted = DeletedContact {
            contact: load_contact(&tx, id)?,
            timeline: super::touchpoints::timeline(&tx, id)?,
            follow_ups: super::follow_ups::all_follow_ups_of(&tx, id)?,
            referrals: super::referrals::referrals_of(&tx, id)?,
            records: super::gestures::timeline_records(&tx, id)?
                .joined(super::testimonials::records_of(&tx, id)?)
                .joined(super::gifts::records_of(&tx, id)?)
                .joined(super::house_answers::records_of(&tx, id)?),
            photo: super::contact_photos::contact_photo_tx(&tx, id)?,
        };
        delete_phone_tails(&tx, id)?;
        tx.execute("DELETE FROM contacts WHERE id = ?1", [id])?;
        search::remove(&tx, id)?;
        tx.commit()?;
        Ok(deleted)
    }

    /// Merges contact `other` into `keep` as ONE transaction: `keep` takes the `merged` fields
    /// (already validated), `other`'s timeline and welcome history move to `keep`, the later
    /// "last contacted" day wins, and `other` is deleted.
    pub fn merge_contacts(&mut self, keep: i64, other: i64, merged: &ContactInput) -> Result<()> {
        let tx = self.write_transaction()?;
        let found: i64 = tx.query_row(
            "SELECT COUNT(*) FROM contacts WHERE id IN (?1, ?2)",
            [keep, other],
            |row| row.get(0),
        )?;
        if found != 2 {
            return Err(Error::not_found(
                "One of the two contacts (it may have been deleted meanwhile)",
            ));
        }
        update_contact_tx(&tx, keep, merged)?;
        tx.execute(
            "UPDATE touchpoints SET contact_id = ?1 WHERE contact_id = ?2",
            [keep, other],
        )?;
        tx.execute(
            "UPDATE welcome_sends SET contact_id = ?1 WHERE contact_id = ?2",
            [keep, other],
        )?;
        tx.execute(
            "UPDATE follow_ups SET contact_id = ?1 WHERE contact_id = ?2",
            [keep, other],
        )?;
        super::referrals::merge(&tx, keep, other)?;
        tx.execute(
            "UPDATE contacts SET last_contacted =
                (SELECT MAX(last_contacted) FROM contacts WHERE id IN (?1, ?2))
             WHERE id = ?1",
            [keep, other],
        )?;
        // The kept contact keeps its photo; without one it takes the other's.
        tx.execute(
            "INSERT OR IGNORE INTO contact_photos
                 (contact_id, jpeg, thumb_jpeg, width, height, updated_at)
             SELECT ?1, jpeg, thumb_jpeg, width, height, updated_at
             FROM contact_photos WHERE contact_id = ?2",
            [keep, other],
        )?;
        delete_phone_tails(&tx, other)?;
        tx.execute("DELETE FROM contacts WHERE id = ?1", [other])?;
        search::remove(&tx, other)?;
        refresh_touch_due(&tx, keep)?;
        tx.commit()?;
        Ok(())
    }

    /// Puts a deleted contact back exactly as it was, with its id and timeline.
    pub fn restore_deleted(&mut self, deleted: &DeletedContact) -> Result<()> {
        let tx = self.write_transaction()?;
        let contact = &deleted.contact;
        let exists: bool = tx
            .query_row("SELECT 1 FROM contacts WHERE id = ?1", [contact.id], |_| {
                Ok(true)
            })
            .optional()?
            .unwrap_or(false);
        if exists {
            return Err(Error::Conflict(format!(
                "{} is already back in the book.",
                contact.display_name
            )));
        }
        insert_contact_tx(&tx, &contact.fields, Some(contact))?;
        if let Some(photo) = &deleted.photo {
            super::contact_photos::set_contact_photo_tx(&tx, contact.id, photo)?;
        }
        for touchpoint in &deleted.timeline {
            super::touchpoints::insert_with_id(&tx, touchpoint)?;
        }
        super::gestures::put_back_records(&tx, &deleted.records)?;
        super::testimonials::put_back(&tx, &deleted.records)?;
        super::gifts::put_back(&tx, &deleted.records)?;
        super::house_answers::put_back(&tx, &deleted.records)?;
        for follow_up in &deleted.follow_ups {
            super::follow_ups::insert_with_id(&tx, follow_up)?;
        }
        super::referrals::put_back(&tx, &deleted.referrals)?;
        refresh_touch_due(&tx, contact.id)?;
        tx.commit()?;
        Ok(())
    }

    /// Active contacts in the book.
    pub fn contact_count(&self) -> Result<i64> {
        self.counted_contacts(ArchiveFilter::Active)
    }

    /// How many contacts the filter keeps, from the counts the triggers of migration 12 keep
    /// (counting a million rows took 25 ms on every first screen).
    pub(super) fn counted_contacts(&self, filter: ArchiveFilter) -> Result<i64> {
        let sql = match filter {
            ArchiveFilter::Active => "SELECT n FROM contact_counts WHERE archived = 0",
            ArchiveFilter::Archived => "SELECT n FROM contact_counts WHERE archived = 1",
            ArchiveFilter::All => "SELECT sum(n) FROM contact_counts",
        };
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_row([], |row| row.get::<_, Option<i64>>(0))?
            .unwrap_or(0))
    }

    /// Ids of all active contacts carrying `tag` (or all active contacts), in name order.
    pub fn contact_ids(&self, tag: Option<&str>) -> Result<Vec<i64>> {
        let ids = match tag {
            Some(tag) => self
                .conn
                .prepare_cached(
                    "SELECT c.id FROM contacts c JOIN contact_tags ct ON ct.contact_id = c.id
                       JOIN tags t ON t.id = ct.tag_id
                     WHERE c.archived = 0 AND t.name_key = ?1 ORDER BY c.sort_key, c.id",
                )?
                .query_map([fold(tag.trim())], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?,
            None => self
                .conn
                .prepare_cached("SELECT id FROM contacts WHERE archived = 0 ORDER BY sort_key, id")?
                .query_map([], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?,
        };
        Ok(ids)
    }

    /// List rows for the given ids, in the same order.
    pub fn summaries(&self, ids: &[i64]) -> Result<Vec<ContactSummary>> {
        summaries(&self.conn, ids)
    }
    /// Active contacts with at least one postal address and no undeliverable mark.
    pub fn mailable_contact_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM contacts INDEXED BY contacts_mailable
             WHERE has_postal_address = 1 AND archived = 0 AND address_undeliverable_on IS NULL",
            [],
            |row| row.get(0),
        )?)
    }

    /// Full contacts for the given ids, in the same order; unknown ids are an error.
    pub fn contacts(&self, ids: &[i64]) -> Result<Vec<Contact>> {
        ids.iter().map(|id| load_contact(&self.conn, *id)).collect()
    }

    /// Marks (or clears, with None) a contact's postal address as undeliverable.
    pub fn set_address_undeliverable(&mut self, id: i64, on: Option<NaiveDate>) -> Result<()> {
        let changed = self
            .conn
            .execute(
                "UPDATE contacts SET address_undeliverable_on = ?2 WHERE id = ?1",
                params![id, on],
            )
            .map_err(|e| self.explain_busy(e))?;
        if changed == 0 {
            return Err(Error::not_found(format!("Contact {id}")));
        }
        Ok(())
    }

    /// The day a card to this contact came back, if it did.
    pub fn address_undeliverable(&self, id: i64) -> Result<Option<NaiveDate>> {
        self.conn
            .query_row(
                "SELECT address_undeliverable_on FROM contacts WHERE id = ?1",
                [id],
                |row| row.get::<_, Option<NaiveDate>>(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found(format!("Contact {id}")))
    }
}

/// Replaces the editable fields of contact `id` (already validated) inside `tx`.
pub(super) fn update_contact_tx(tx: &Transaction, id: i64, input: &ContactInput) -> Result<()> {
    let mut derived = DerivedFields::of(input);
    let mut writer = ContactWriter::new(tx)?;
    let company_id = writer.company_id(&derived)?;
    let changed = tx.execute(
        "UPDATE contacts SET given_name = ?2, family_name = ?3, prefix = ?4, nickname = ?5,
            display_name = ?6, sort_key = ?7, company_id = ?8, job_title = ?9,
            birthday_month = ?10, birthday_day = ?11, birthday_year = ?12, customer_since = ?13,
            family = ?14, interests = ?15, talking_points = ?16, notes = ?17,
            keep_in_touch_days = ?18, updated_at = ?19, has_postal_address = ?20,
            version = version + 1
         WHERE id = ?1",
        params![
            id,
            input.given_name,
            input.family_name,
            input.prefix,
            input.nickname,
            derived.display_name(),
            derived.sort_key(),
            company_id,
            input.job_title,
            input.birthday.map(|b| b.month),
            input.birthday.map(|b| b.day),
            input.birthday.and_then(|b| b.year),
            input.customer_since,
            input.family,
            input.interests,
            input.talking_points,
            input.notes,
            input.keep_in_touch_days,
            now_timestamp(),
            derived.has_postal_address(),
        ],
    )?;
    if changed == 0 {
        return Err(Error::not_found(format!("Contact {id}")));
    }
    delete_phone_tails(tx, id)?;
    for table in [
        "contact_emails",
        "contact_phones",
        "contact_addresses",
        "contact_tags",
    ] {
        tx.execute(&format!("DELETE FROM {table} WHERE contact_id = ?1"), [id])?;
    }
    writer.insert_children(id, input, &mut derived)?;
    refresh_touch_due(tx, id)?;
    search::index(tx, id, derived.search())?;
    Ok(())
}

/// Inserts a contact; `existing` restores a deleted one with its id and dates.
pub(super) fn insert_contact_tx(
    tx: &Transaction,
    input: &ContactInput,
    existing: Option<&Contact>,
) -> Result<i64> {
    ContactWriter::new(tx)?.insert(input, DerivedFields::of(input), existing, None)
}
