//! The contact book as the window and the command line use it: every edit validated, then stored.

use std::path::Path;

use chrono::NaiveDate;

use crate::contacts::{
    normalize_tags, Company, ContactDetail, ContactInput, ContactPage, DeletedContact, ListQuery,
    NewTouchpoint, TagCount, Touchpoint,
};
use crate::error::{Error, Result};
use crate::exchange::duplicates::{merge_with_picks, FieldPick};
use crate::store::Store;
use crate::today::{TodayView, BIRTHDAY_WINDOW_DAYS, NEW_CUSTOMER_DAYS, TODAY_LIST_LIMIT};

/// At most this many contacts in one bulk action.
pub const MAX_BULK: usize = 100_000;

pub struct Book {
    store: Store,
}

impl Book {
    /// Opens the book in `data_dir`, creating the folder and the database on first use.
    pub fn open(data_dir: &Path) -> Result<Book> {
        Ok(Book {
            store: Store::open_in(data_dir)?,
        })
    }

    pub fn from_store(store: Store) -> Book {
        Book { store }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Gives a contact a photo: the picture goes through the same checks, limits, turning and
    /// resizing as staff photos; a refused picture stores nothing.
    pub fn set_contact_photo(&mut self, contact_id: i64, bytes: &[u8]) -> Result<()> {
        let photo = crate::photos::normalize(bytes)?;
        self.store.set_contact_photo(contact_id, &photo)
    }

    /// Removes a contact's photo; true when it had one.
    pub fn remove_contact_photo(&mut self, contact_id: i64) -> Result<bool> {
        self.store.remove_contact_photo(contact_id)
    }

    /// The contact's stored JPEG (or its thumbnail), if it has a photo.
    pub fn contact_photo(&self, contact_id: i64, thumbnail: bool) -> Result<Option<Vec<u8>>> {
        self.store.contact_photo(contact_id, thumbnail)
    }

    pub fn create_contact(
        &mut self,
        input: ContactInput,
        today: NaiveDate,
    ) -> Result<ContactDetail> {
        let input = input.validated(today)?;
        let id = self.store.insert_contact(&input)?;
        self.store.contact_detail(id)
    }

    pub fn update_contact(
        &mut self,
        id: i64,
        input: ContactInput,
        today: NaiveDate,
    ) -> Result<ContactDetail> {
        let input = input.validated(today)?;
        self.store.update_contact(id, &input)?;
        self.store.contact_detail(id)
    }

    pub fn contact(&self, id: i64) -> Result<ContactDetail> {
        self.store.contact_detail(id)
    }

    pub fn list(&self, query: &ListQuery) -> Result<ContactPage> {
        if query.search.chars().count() > 200 {
            return Err(Error::invalid(
                "search",
                "search for at most 200 characters",
            ));
        }
        self.store.list_contacts(query)
    }

    pub fn log_touchpoint(
        &mut self,
        contact_id: i64,
        new: NewTouchpoint,
        today: NaiveDate,
    ) -> Result<Touchpoint> {
        new.validate(today)?;
        let new = NewTouchpoint {
            note: new.note.trim().to_string(),
            handled_by: new.handled_by.trim().to_string(),
            ..new
        };
        self.store.add_touchpoint(contact_id, &new)
    }

    pub fn set_complaint_resolved(
        &mut self,
        touchpoint_id: i64,
        resolved: bool,
    ) -> Result<Touchpoint> {
        self.store.set_complaint_resolved(touchpoint_id, resolved)
    }

    pub fn delete_touchpoint(&mut self, touchpoint_id: i64) -> Result<()> {
        self.store.delete_touchpoint(touchpoint_id)
    }

    pub fn set_archived(&mut self, ids: &[i64], archived: bool) -> Result<u32> {
        check_bulk(ids)?;
        self.store.set_archived(ids, archived)
    }

    pub fn tag(&mut self, ids: &[i64], tag: &str) -> Result<u32> {
        check_bulk(ids)?;
        let tag = single_tag(tag)?;
        self.store.add_tag(ids, &tag)
    }

    pub fn untag(&mut self, ids: &[i64], tag: &str) -> Result<u32> {
        check_bulk(ids)?;
        let tag = single_tag(tag)?;
        self.store.remove_tag(ids, &tag)
    }

    /// Merges contact `other` into `keep`: each single-valued field as `picks` says (unpicked:
    /// `keep`'s value, or `other`'s where `keep` has none), emails, phones, addresses and tags
    /// combined, the timelines joined; then `other` is gone.
    pub fn merge_contacts(
        &mut self,
        keep: i64,
        other: i64,
        picks: &[FieldPick],
        today: NaiveDate,
    ) -> Result<ContactDetail> {
        if keep == other {
            return Err(Error::invalid(
                "other",
                "choose a different contact to merge with",
            ));
        }
        let mut merged = self.store.contact(keep)?.fields;
        merge_with_picks(&mut merged, &self.store.contact(other)?.fields, picks);
        let merged = merged.validated(today)?;
        self.store.merge_contacts(keep, other, &merged)?;
        self.store.contact_detail(keep)
    }

    pub fn delete_contact(&mut self, id: i64) -> Result<DeletedContact> {
        self.store.delete_contact(id)
    }

    pub fn undo_delete(&mut self, deleted: &DeletedContact) -> Result<ContactDetail> {
        self.store.restore_deleted(deleted)?;
        self.store.contact_detail(deleted.contact.id)
    }

    pub fn tags(&self) -> Result<Vec<TagCount>> {
        self.store.tags()
    }

    pub fn companies(&self) -> Result<Vec<Company>> {
        self.store.companies()
    }

    pub fn staff_names(&self) -> Result<Vec<String>> {
        self.store.staff_names()
    }

    pub fn today(&self, today: NaiveDate) -> Result<TodayView> {
        let (open_complaints, open_complaint_count) =
            self.store.open_complaints(today, TODAY_LIST_LIMIT)?;
        let (overdue, overdue_count) = self.store.overdue_contacts(today, TODAY_LIST_LIMIT)?;
        let (birthdays, birthday_count) =
            self.store
                .upcoming_birthdays(today, BIRTHDAY_WINDOW_DAYS, TODAY_LIST_LIMIT)?;
        let (new_customers, new_customer_count) =
            self.store
                .new_customers(today, NEW_CUSTOMER_DAYS, TODAY_LIST_LIMIT)?;
        Ok(TodayView {
            date: today,
            birthdays,
            birthday_count,
            new_customers,
            new_customer_count,
            open_complaints,
            open_complaint_count,
            overdue,
            overdue_count,
            contact_count: self.store.contact_count()?,
            next_occasion: self.next_occasion(today)?,
        })
    }
}

fn check_bulk(ids: &[i64]) -> Result<()> {
    if ids.is_empty() {
        return Err(Error::invalid("ids", "select at least one contact"));
    }
    if ids.len() > MAX_BULK {
        return Err(Error::invalid(
            "ids",
            format!("select at most {MAX_BULK} contacts at once"),
        ));
    }
    Ok(())
}

fn single_tag(tag: &str) -> Result<String> {
    let tags =
        normalize_tags(&[tag.to_string()]).map_err(|reason| Error::invalid("tag", reason))?;
    tags.into_iter()
        .next()
        .ok_or_else(|| Error::invalid("tag", "type a tag"))
}
