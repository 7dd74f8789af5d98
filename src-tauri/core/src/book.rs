//! The contact book as the window and the command line use it: every edit validated, then stored.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::contacts::{
    merge_with_picks, normalize_tags, three_way, Company, Contact, ContactDetail, ContactEdit,
    ContactInput, ContactPage, ContactSave, DeletedContact, EditConflict, FieldPick, ListQuery,
    NewTouchpoint, TagCount, Touchpoint,
};
use crate::error::{Error, Result};

use crate::paths::OutputGuard;
use crate::store::postgres::ServerBook;
use crate::store::{ChangeStamp, ConnectionSettings, NewContact, Store};

pub use crate::contacts::MAX_BULK;

pub struct Book {
    store: Store,
    /// The folder the book's own files live in (backups, drafts, generated cards).
    data_dir: PathBuf,
    /// A file book's `data_version` when the window last looked for changes made elsewhere
    /// (live.rs).
    pub(crate) seen_version: Option<i64>,
}

impl Book {
    /// Opens the book in `data_dir`, creating the folder and the database on first use. A
    /// data folder that joined a shared book (`rapport server join` saved its connection there)
    /// opens the book on the server instead.
    pub fn open(data_dir: &Path) -> Result<Book> {
        // Looked for first: a folder that cannot hold one gets the file book's own message.
        let joined = data_dir
            .join(crate::server::connection::CONNECTION_FILE)
            .is_file();
        let server = if joined {
            crate::server::open_saved(data_dir)?
        } else {
            None
        };
        let store = match server {
            Some(server) => Store::Postgres(Box::new(ServerBook::new(server, data_dir))),
            None => Store::open_in(data_dir)?,
        };
        Ok(Book::with(store, data_dir.to_path_buf()))
    }

    /// Opens the shared book `data_dir` joined, signing in with `password` (the one the person
    /// typed, when none is remembered).
    pub fn open_shared(data_dir: &Path, password: &str) -> Result<Book> {
        let saved = crate::server::connection::load(data_dir)?.ok_or_else(|| {
            crate::server::ServerError::Invalid(format!(
                "The data folder {} has not joined a shared book. Join one with `rapport server join`.",
                data_dir.display()
            ))
        })?;
        let server = crate::store::postgres::PgStore::open(&saved.spec_with_password(password)?)?;
        Ok(Book::with(
            Store::Postgres(Box::new(ServerBook::new(server, data_dir))),
            data_dir.to_path_buf(),
        ))
    }

    /// Signs in to the shared book `data_dir` joined with the password the person typed, and
    /// with `remember` keeps it in the system keyring for the next start. Nothing is remembered
    /// unless the sign-in worked.
    pub fn sign_in(data_dir: &Path, password: &str, remember: bool) -> Result<Book> {
        let book = Book::open_shared(data_dir, password)?;
        if remember {
            if let Some(mut saved) = crate::server::connection::load(data_dir)? {
                saved.remember_password(password)?;
                saved.password_in_keyring = true;
                crate::server::connection::save(data_dir, &saved)?;
            }
        }
        Ok(book)
    }

    /// Joins `data_dir` to the team's book on a server (a join code or a URL) and opens it: the
    /// window's "Join a shared book". The book file in the folder stays as it is, unused while
    /// the folder is joined.
    pub fn join_shared(
        data_dir: &Path,
        target: &crate::server::JoinTarget,
        login: &str,
        password: &str,
        remember: bool,
    ) -> Result<(Book, crate::server::Joined)> {
        let joined = crate::server::join(data_dir, target, Some(login), Some(password), remember)?;
        Ok((Book::open_shared(data_dir, password)?, joined))
    }

    /// Whether the book holds no customers and no photos yet (one a book can be moved into;
    /// staff without photos are merged with the staff moved in).
    pub fn is_empty_book(&self) -> Result<bool> {
        self.store.is_empty_book()
    }

    /// Copies this whole book into `target`, an empty book on a server (see
    /// server/move_in.rs), in one transaction: all of it or, on any error, nothing.
    pub fn copy_into(&self, target: &Book) -> Result<crate::server::move_in::MovedBook> {
        crate::server::move_in::copy_book(&self.store, &target.store)
    }

    /// Whether this is the team's book on a server (not a file on this computer).
    pub fn is_shared(&self) -> bool {
        self.store.is_server()
    }

    /// Who is signed in to the team's book (their login); None for a book file, which has one
    /// person and no sign-in.
    pub fn signed_in(&self) -> Option<&str> {
        match &self.store {
            Store::Postgres(book) => Some(book.login()),
            Store::Sqlite(_) => None,
        }
    }

    /// The window's title: which book is open, and on a shared book who is signed in, so a
    /// desk never works on the team's book without knowing it.
    pub fn window_title(&self) -> String {
        match self.signed_in() {
            Some(login) => format!("Rapport — Shared book — {login}"),
            None => "Rapport".to_string(),
        }
    }

    pub fn from_store(store: Store) -> Book {
        let data_dir = store
            .path()
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        Book::with(store, data_dir)
    }

    pub(crate) fn with(store: Store, data_dir: PathBuf) -> Book {
        Book {
            store,
            data_dir,
            seen_version: None,
        }
    }

    /// The folder holding the book and its own files.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The store behind the book: for the core's own areas only. The window and the command
    /// line go through the book's methods.
    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    pub(crate) fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Called by a program that ends without closing the book (the window, on exit): notes the
    /// file as it is, so the next open need not read every page of an untouched book.
    pub fn note_clean_close(&self) {
        self.store.note_clean_close();
    }

    /// The book's database file.
    pub fn book_file(&self) -> &Path {
        self.store.path()
    }

    /// The schema version of the open book.
    pub fn schema_version(&self) -> Result<u32> {
        self.store.schema_version()
    }

    /// SQLite's full integrity check of the book: "ok" or the problems found.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self.store.integrity_check()?)
    }

    /// How the book's connection is set up (journal mode, synchronous level, foreign keys).
    pub fn connection_settings(&self) -> Result<ConnectionSettings> {
        Ok(self.store.connection_settings()?)
    }

    /// Active contacts in the book.
    pub fn contact_count(&self) -> Result<i64> {
        self.store.contact_count()
    }

    /// Active contacts a card can be posted to (a usable address, not marked undeliverable).
    pub fn mailable_contact_count(&self) -> Result<i64> {
        self.store.mailable_contact_count()
    }

    /// Every active contact (or those with the tag), whole, in id order.
    pub fn all_contacts(&self, tag: Option<&str>) -> Result<Vec<Contact>> {
        self.store.all_contacts(tag)
    }

    /// The stored JPEGs of the contacts among `ids` that have a photo.
    pub fn contact_photos(&self, ids: &[i64]) -> Result<std::collections::HashMap<i64, Vec<u8>>> {
        self.store.contact_photos_jpeg(ids)
    }

    /// Writes many new contacts with their timelines in one bulk transaction (sample data, tests
    /// of big books): each item already checked, its derived fields worked out
    /// ([`NewContact::new`]); an error from `people` rolls everything back.
    pub fn add_contacts_with_history<I>(&mut self, expected: usize, people: I) -> Result<Vec<i64>>
    where
        I: IntoIterator<Item = Result<(NewContact, Vec<(NewTouchpoint, bool)>)>>,
    {
        self.store.insert_contacts_with_history(expected, people)
    }

    /// Adds many contacts in one transaction, each checked as a form would check it.
    pub fn add_contacts(
        &mut self,
        inputs: Vec<ContactInput>,
        today: NaiveDate,
    ) -> Result<Vec<i64>> {
        check_bulk_size(inputs.len())?;
        let inputs = inputs
            .into_iter()
            .map(|input| input.validated(today))
            .collect::<Result<Vec<_>>>()?;
        self.store.insert_contacts(&inputs)
    }

    /// The guard every file written for this book goes through: never over the book or its
    /// side files, backups only in the backups folder.
    pub fn output_guard(&self) -> OutputGuard {
        OutputGuard::for_book_file(self.store.path())
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

    /// Saves an edit made from the contact as it was read (`edit.base` at `edit.base_version`).
    /// When someone else saved it meanwhile (another desk, the command line), their changes are
    /// kept: fields only they changed stay theirs, fields only this edit changed are saved, and
    /// a field both changed differently is not saved but returned to be settled. Never a
    /// silent overwrite.
    pub fn save_contact_edit(
        &mut self,
        id: i64,
        edit: ContactEdit,
        today: NaiveDate,
    ) -> Result<ContactSave> {
        let mine = edit.input.validated(today)?;
        // A save can race another between the look and the write; the write names the version
        // it looked at, so a lost race looks again.
        for _ in 0..5 {
            let current = self.store.contact_detail(id)?;
            let (to_save, taken_from_them) = if current.version == edit.base_version {
                (mine.clone(), Vec::new())
            } else {
                let merge = three_way(&edit.base, &mine, &current.contact.fields)?;
                if !merge.conflicts.is_empty() {
                    return Ok(ContactSave::Conflict {
                        conflict: Box::new(EditConflict {
                            fields: merge.conflicts,
                            version: current.version,
                            theirs: current.contact.fields,
                            merged: merge.merged,
                            last_change: current.last_change,
                        }),
                    });
                }
                (merge.merged.validated(today)?, merge.taken_from_them)
            };
            if self
                .store
                .update_contact_at(id, &to_save, current.version)?
            {
                return Ok(ContactSave::Saved {
                    detail: Box::new(self.store.contact_detail(id)?),
                    taken_from_them,
                });
            }
        }
        Err(Error::Conflict(
            "Others keep changing this contact right now, so your changes were not saved. Wait a moment, then save again."
                .into(),
        ))
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
        let new = self.entry_to_log(new, today)?;
        self.store.add_touchpoint(contact_id, &new)
    }

    /// A new timeline entry checked and tidied. On the team's book an entry names who handled
    /// it: the signed-in person (by the name the team knows them by) unless told.
    pub(crate) fn entry_to_log(
        &self,
        new: NewTouchpoint,
        today: NaiveDate,
    ) -> Result<NewTouchpoint> {
        new.validate(today)?;
        let handled_by = match new.handled_by.trim() {
            "" => self.store.signed_in_name()?.unwrap_or_default(),
            given => given.to_string(),
        };
        Ok(NewTouchpoint {
            note: new.note.trim().to_string(),
            handled_by,
            ..new
        })
    }

    pub fn set_complaint_resolved(
        &mut self,
        touchpoint_id: i64,
        resolved: bool,
    ) -> Result<Touchpoint> {
        self.store.set_complaint_resolved(touchpoint_id, resolved)
    }

    /// One touchpoint, by id.
    pub fn touchpoint(&self, touchpoint_id: i64) -> Result<Touchpoint> {
        self.store.touchpoint(touchpoint_id)
    }

    /// Corrects a touchpoint: checked as a new one is, then stored; the contact's "last
    /// contacted" follows.
    pub fn edit_touchpoint(
        &mut self,
        touchpoint_id: i64,
        edit: NewTouchpoint,
        today: NaiveDate,
    ) -> Result<Touchpoint> {
        edit.validate(today)?;
        let edit = NewTouchpoint {
            note: edit.note.trim().to_string(),
            handled_by: edit.handled_by.trim().to_string(),
            ..edit
        };
        self.store.update_touchpoint(touchpoint_id, &edit)
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

    /// Who created the contact and who last changed it (the logins of a shared book; None on
    /// a book file, which has one person).
    pub fn contact_stamp(&self, id: i64) -> Result<Option<ChangeStamp>> {
        self.store.contact_stamp(id)
    }

    /// Who created and last changed each touchpoint of the contact (empty on a book file).
    pub fn touchpoint_stamps(&self, contact_id: i64) -> Result<Vec<(i64, ChangeStamp)>> {
        self.store.touchpoint_stamps(contact_id)
    }
}

fn check_bulk_size(count: usize) -> Result<()> {
    if count > MAX_BULK {
        return Err(Error::invalid(
            "contacts",
            format!("add at most {MAX_BULK} contacts at once"),
        ));
    }
    Ok(())
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
