//! The store as the book sees it: the book file on this computer (SQLite) or the team's book on
//! a PostgreSQL server, behind one set of functions. One enum with two arms keeps every call
//! synchronous and shows in one place what each backend does: what only makes sense for a file
//! (the file check, restoring a file over the book) says so with [`StoreError::OnlyForFile`]
//! instead of doing something else.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use super::postgres::ServerBook;
use super::{
    ConnectionSettings, ImportChange, NewContact, NewPhoto, SqliteStore, StoreError, WelcomeSendRow,
};
use crate::calendar::{NewOccasion, Occasion};
use crate::contacts::{
    BirthdayDue, Company, Contact, ContactDetail, ContactInput, ContactPage, ContactSummary,
    DeletedContact, ListQuery, NewCustomer, NewTouchpoint, OpenComplaint, OverdueContact, TagCount,
    Touchpoint, TouchpointKind,
};
use crate::error::Result;
use crate::photos::{BoardArea, NormalizedPhoto, PhotoInfo, StaffMember};

/// Who created a row and who last changed it, and when (`2026-11-23T08:30:00Z`): the logins
/// of the people signed in to the server book.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeStamp {
    pub created_by: Option<String>,
    pub changed_by: Option<String>,
    pub changed_at: String,
}

/// An open book: a file on this computer or a book on a server.
pub enum Store {
    Sqlite(SqliteStore),
    /// Boxed: the server's client is several times the size of an SQLite connection.
    Postgres(Box<ServerBook>),
}

/// Functions both arms have: each call goes to the arm's function of the same name.
macro_rules! both {
    () => {};
    ($(#[$meta:meta])* fn $name:ident(&mut self $(, $arg:ident : $ty:ty)*) -> $ret:ty; $($rest:tt)*) => {
        $(#[$meta])*
        pub fn $name(&mut self $(, $arg: $ty)*) -> $ret {
            match self {
                Store::Sqlite(store) => store.$name($($arg),*),
                Store::Postgres(book) => book.$name($($arg),*),
            }
        }
        both! { $($rest)* }
    };
    ($(#[$meta:meta])* fn $name:ident(&self $(, $arg:ident : $ty:ty)*) -> $ret:ty; $($rest:tt)*) => {
        $(#[$meta])*
        pub fn $name(&self $(, $arg: $ty)*) -> $ret {
            match self {
                Store::Sqlite(store) => store.$name($($arg),*),
                Store::Postgres(book) => book.$name($($arg),*),
            }
        }
        both! { $($rest)* }
    };
}

// Gestures, complaint loops, the calendar file and timeline edits.
impl Store {
    both! {
        fn calendar_rows(&self) -> Result<Vec<super::CalendarRow>>;
        fn touchpoint(&self, id: i64) -> Result<Touchpoint>;
        fn update_touchpoint(&mut self, id: i64, edit: &NewTouchpoint) -> Result<Touchpoint>;
        fn gesture_templates(&self) -> Result<Vec<super::GestureTemplateRow>>;
        fn set_gesture_template(&mut self, row: &super::GestureTemplateRow) -> Result<()>;
        fn delete_gesture_template(&mut self, kind: &str) -> Result<bool>;
        fn record_gesture(&mut self, contact_id: i64, entry: &NewTouchpoint, gesture: &super::NewGesture<'_>, step: Option<&super::NewComplaintStep<'_>>) -> Result<Touchpoint>;
        fn add_complaint_step(&mut self, contact_id: i64, entry: &NewTouchpoint, step: &super::NewComplaintStep<'_>) -> Result<Touchpoint>;
        fn complaint_loop(&self, complaint_id: i64) -> Result<(Touchpoint, Vec<super::ComplaintStepRow>)>;
        fn open_complaint_loops(&self) -> Result<Vec<super::OpenLoopRow>>;
        fn loops_closed_between(&self, from: NaiveDate, to: NaiveDate) -> Result<(i64, i64)>;
        fn gesture_of(&self, touchpoint_id: i64) -> Result<Option<(String, String)>>;
        fn last_gestures(&self, contact_ids: &[i64], kind: &str, since: NaiveDate) -> Result<Vec<(i64, NaiveDate)>>;
        fn feedback_for(&self, name: &str, kind: TouchpointKind, limit: u32) -> Result<(Vec<(String, Touchpoint)>, i64)>;
    }
}

// Replies and testimonials.
impl Store {
    both! {
        fn log_reply(&mut self, contact_id: i64, entry: &NewTouchpoint, reply_to: i64, terms: Option<&crate::contacts::TestimonialTerms>, on: NaiveDate) -> Result<Touchpoint>;
        fn set_testimonial(&mut self, touchpoint_id: i64, terms: Option<&crate::contacts::TestimonialTerms>, on: NaiveDate) -> Result<()>;
        fn testimonials(&self, only_quotable: bool) -> Result<Vec<(Touchpoint, crate::contacts::TestimonialTerms)>>;
    }
}

// The month's page of what customers said.
impl Store {
    both! {
        fn feedback_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(String, Touchpoint)>>;
    }
}

// Gifts.
impl Store {
    both! {
        fn record_gift(&mut self, contact_id: i64, entry: &NewTouchpoint, gift: &crate::contacts::NewGift) -> Result<Touchpoint>;
        fn gifts_of(&self, contact_id: i64) -> Result<Vec<crate::contacts::GiftRecord>>;
    }
}

// House answers and promises.
impl Store {
    both! {
        fn house_answers(&self) -> Result<Vec<crate::contacts::HouseAnswer>>;
        fn insert_house_answer(&mut self, input: &crate::contacts::HouseAnswerInput, limit: usize) -> Result<crate::contacts::HouseAnswer>;
        fn update_house_answer(&mut self, id: i64, input: &crate::contacts::HouseAnswerInput) -> Result<crate::contacts::HouseAnswer>;
        fn delete_house_answer(&mut self, id: i64) -> Result<crate::contacts::HouseAnswer>;
        fn record_promise(&mut self, contact_id: i64, entry: &NewTouchpoint, promise: &str) -> Result<Touchpoint>;
    }
}

// Referrals.
impl Store {
    both! {
        fn set_referrer(&mut self, contact_id: i64, referred_by: Option<i64>, on: NaiveDate) -> Result<()>;
        fn referrals_to_thank(&self, since: NaiveDate, limit: u32) -> Result<(Vec<crate::contacts::Referral>, i64)>;
    }
}

// Follow-ups.
impl Store {
    both! {
        fn add_follow_up(&mut self, contact_id: i64, new: &crate::contacts::NewFollowUp) -> Result<crate::contacts::FollowUp>;
        fn follow_up(&self, id: i64) -> Result<crate::contacts::FollowUp>;
        fn update_follow_up(&mut self, id: i64, edit: &crate::contacts::NewFollowUp) -> Result<crate::contacts::FollowUp>;
        fn delete_follow_up(&mut self, id: i64) -> Result<crate::contacts::FollowUp>;
        fn complete_follow_up(&mut self, id: i64, entry: &NewTouchpoint) -> Result<Touchpoint>;
        fn open_follow_ups(&self, through: Option<NaiveDate>, limit: u32) -> Result<(Vec<crate::contacts::FollowUp>, i64)>;
    }
}

impl Store {
    /// Opens (creating if needed) the book file in `data_dir`.
    pub fn open_in(data_dir: &Path) -> Result<Store, StoreError> {
        SqliteStore::open_in(data_dir).map(Store::Sqlite)
    }

    /// Opens the book file at `path`, creating it if it does not exist.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        SqliteStore::open(path).map(Store::Sqlite)
    }

    /// Opens and migrates only up to `version`: for tests of migrations.
    #[doc(hidden)]
    pub fn open_at(path: &Path, version: u32) -> Result<Store, StoreError> {
        SqliteStore::open_at(path, version).map(Store::Sqlite)
    }

    /// The book file, or for a server book the file it would be in this data folder (which
    /// the output guard keeps clear, and a backup never overwrites).
    pub fn path(&self) -> &Path {
        match self {
            Store::Sqlite(store) => store.path(),
            Store::Postgres(book) => book.path(),
        }
    }

    /// Notes a book file as it is now, as a clean close does, for a program that ends without
    /// closing it (the window); nothing for a server's book.
    pub fn note_clean_close(&self) {
        if let Store::Sqlite(store) = self {
            store.note_clean_close();
        }
    }

    /// Whether this is the team's book on a server.
    pub fn is_server(&self) -> bool {
        matches!(self, Store::Postgres(_))
    }

    /// A book file's count of commits made by other connections ([`SqliteStore::data_version`]);
    /// None on a server, whose desks are told by notices.
    pub fn data_version(&self) -> Result<Option<i64>> {
        match self {
            Store::Sqlite(store) => Ok(Some(store.data_version()?)),
            Store::Postgres(_) => Ok(None),
        }
    }

    /// A mark that changes whenever a write commits to the book (and stays while nothing is
    /// written): the book file's size and time with its write-ahead log's, or the server's
    /// write horizon.
    pub fn write_mark(&self) -> Result<String> {
        match self {
            Store::Sqlite(store) => Ok(store.write_mark()),
            Store::Postgres(book) => book.write_horizon(),
        }
    }

    /// Who is signed in to a server book, as the team knows them (the staff member's name);
    /// None for a book file.
    pub fn signed_in_name(&self) -> Result<Option<String>> {
        match self {
            Store::Sqlite(_) => Ok(None),
            Store::Postgres(book) => book.signed_in_name().map(Some),
        }
    }

    /// A second connection to the same server book (the desk's backup copies it without
    /// holding the window's); None for a book file.
    pub fn second_connection(&self, data_dir: &Path) -> Result<Option<Store>> {
        let Some((spec, _)) = self.listening_spec()? else {
            return Ok(None);
        };
        let store = super::postgres::PgStore::open(&spec)?;
        Ok(Some(Store::Postgres(Box::new(ServerBook::new(
            store, data_dir,
        )))))
    }

    /// How a desk on a server book opens its listening connection, and its own connection's
    /// server process; None for a book file.
    pub fn listening_spec(&self) -> Result<Option<(super::postgres::ConnectSpec, i32)>> {
        match self {
            Store::Sqlite(_) => Ok(None),
            Store::Postgres(book) => book.listening_spec().map(Some),
        }
    }

    pub fn schema_version(&self) -> Result<u32> {
        match self {
            Store::Sqlite(store) => Ok(store.schema_version()?),
            Store::Postgres(book) => book.schema_version(),
        }
    }

    /// SQLite's full integrity check; a server checks its own pages.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        match self {
            Store::Sqlite(store) => store.integrity_check(),
            Store::Postgres(_) => Err(StoreError::OnlyForFile {
                action: "The file check".into(),
            }),
        }
    }

    pub fn connection_settings(&self) -> Result<ConnectionSettings, StoreError> {
        match self {
            Store::Sqlite(store) => store.connection_settings(),
            Store::Postgres(_) => Err(StoreError::OnlyForFile {
                action: "Showing the file's connection settings".into(),
            }),
        }
    }

    /// Writes a compacted copy of the book to the new book file `path`: the file's own copy
    /// (`VACUUM INTO`), or for a server book the whole book read from the server and written
    /// into an ordinary book file ("Back up" on the team's book).
    pub fn vacuum_into(&self, path: &Path) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(store) => store.vacuum_into(path),
            Store::Postgres(book) => book.copy_to_file(path).map_err(|error| match error {
                crate::Error::Store(store) => store,
                other => StoreError::Database {
                    detail: other.to_string(),
                },
            }),
        }
    }

    /// The whole book as stored, ids and all, read to fill another book.
    pub(crate) fn book_copy(&self) -> Result<super::book_copy::BookCopy> {
        match self {
            Store::Sqlite(store) => store.book_copy(),
            Store::Postgres(book) => book.book_copy(),
        }
    }

    /// Whether this book holds no customers and no photos yet (one a book can move into).
    pub(crate) fn is_empty_book(&self) -> crate::Result<bool> {
        match self {
            Store::Sqlite(store) => Ok(store.contact_count()? == 0 && store.photos()?.is_empty()),
            Store::Postgres(book) => book.is_empty_book(),
        }
    }

    /// Fills this empty book on a server with `copy` (a book file is filled by Back up, which
    /// writes a new file); returns how many contacts were written.
    pub(crate) fn fill_from(&self, copy: &super::book_copy::BookCopy) -> crate::Result<usize> {
        match self {
            Store::Sqlite(_) => Err(crate::Error::Conflict(
                "A book is moved only into an empty book on a server; to copy a book into a file, use Back up.".into(),
            )),
            Store::Postgres(book) => book.fill_from(copy),
        }
    }

    /// Replaces the whole book with a database file (restoring a backup).
    pub fn replace_from(&mut self, path: &Path) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(store) => store.replace_from(path),
            Store::Postgres(_) => Err(StoreError::OnlyForFile {
                action: "Restoring a backup file over the book".into(),
            }),
        }
    }

    /// Who created contact `id` and who last changed it: recorded by the server book (the
    /// logins of the people signed in); a book file has one person and records none (None).
    pub fn contact_stamp(&self, id: i64) -> Result<Option<ChangeStamp>> {
        match self {
            Store::Sqlite(_) => Ok(None),
            Store::Postgres(book) => book.contact_stamp(id),
        }
    }

    /// Who created and last changed each touchpoint of a contact (newest first); none on a
    /// book file.
    pub fn touchpoint_stamps(&self, contact_id: i64) -> Result<Vec<(i64, ChangeStamp)>> {
        match self {
            Store::Sqlite(_) => Ok(Vec::new()),
            Store::Postgres(book) => book.touchpoint_stamps(contact_id),
        }
    }

    /// Writes many new contacts with their timelines in one bulk transaction.
    pub fn insert_contacts_with_history<I>(
        &mut self,
        expected: usize,
        people: I,
    ) -> Result<Vec<i64>>
    where
        I: IntoIterator<Item = Result<(NewContact, Vec<(NewTouchpoint, bool)>)>>,
    {
        match self {
            Store::Sqlite(store) => store.insert_contacts_with_history(expected, people),
            Store::Postgres(book) => book.insert_contacts_with_history(expected, people),
        }
    }

    /// Imports contacts batch by batch in one transaction (see the SQLite arm).
    pub fn import_contacts(
        &mut self,
        expected: usize,
        next_batch: impl FnMut() -> Option<Vec<NewContact>>,
        changes: impl FnOnce() -> Result<Vec<ImportChange>>,
        keep_going: &mut dyn FnMut(usize) -> bool,
    ) -> Result<Vec<i64>> {
        match self {
            Store::Sqlite(store) => {
                store.import_contacts(expected, next_batch, changes, keep_going)
            }
            Store::Postgres(book) => {
                book.import_contacts(expected, next_batch, changes, keep_going)
            }
        }
    }

    both! {
        fn insert_contact(&mut self, input: &ContactInput) -> Result<i64>;
        fn insert_contacts(&mut self, inputs: &[ContactInput]) -> Result<Vec<i64>>;
        fn update_contact(&mut self, id: i64, input: &ContactInput) -> Result<()>;
        fn update_contact_at(&mut self, id: i64, input: &ContactInput, version: i64) -> Result<bool>;
        fn contact(&self, id: i64) -> Result<Contact>;
        fn contact_detail(&self, id: i64) -> Result<ContactDetail>;
        fn set_archived(&mut self, ids: &[i64], archived: bool) -> Result<u32>;
        fn delete_contact(&mut self, id: i64) -> Result<DeletedContact>;
        fn restore_deleted(&mut self, deleted: &DeletedContact) -> Result<()>;
        fn contact_count(&self) -> Result<i64>;
        fn contact_ids(&self, tag: Option<&str>) -> Result<Vec<i64>>;
        fn summaries(&self, ids: &[i64]) -> Result<Vec<ContactSummary>>;
        fn contacts(&self, ids: &[i64]) -> Result<Vec<Contact>>;
        fn list_contacts(&self, query: &ListQuery) -> Result<ContactPage>;
        fn add_tag(&mut self, ids: &[i64], tag: &str) -> Result<u32>;
        fn remove_tag(&mut self, ids: &[i64], tag: &str) -> Result<u32>;
        fn tags(&self) -> Result<Vec<TagCount>>;
        fn tag_exists(&self, tag: &str) -> Result<bool>;
        fn companies(&self) -> Result<Vec<Company>>;
        fn add_touchpoint(&mut self, contact_id: i64, new: &NewTouchpoint) -> Result<Touchpoint>;
        fn set_complaint_resolved(&mut self, touchpoint_id: i64, resolved: bool) -> Result<Touchpoint>;
        fn delete_touchpoint(&mut self, touchpoint_id: i64) -> Result<()>;
        fn timeline(&self, contact_id: i64) -> Result<Vec<Touchpoint>>;
        fn staff_names(&self) -> Result<Vec<String>>;
        fn open_complaints(&self, today: NaiveDate, limit: u32) -> Result<(Vec<OpenComplaint>, i64)>;
        fn overdue_contacts(&self, today: NaiveDate, limit: u32) -> Result<(Vec<OverdueContact>, i64)>;
        fn new_customers(&self, today: NaiveDate, days: u32, limit: u32) -> Result<(Vec<NewCustomer>, i64)>;
        fn birthdays_within(&self, from: NaiveDate, days: u32) -> Result<Vec<BirthdayDue>>;
        fn next_birthday_of_anyone(&self, from: NaiveDate) -> Result<Option<NaiveDate>>;
        fn birthday_ids_in_month(&self, month: u32) -> Result<Vec<i64>>;
        fn anniversary_ids_within(&self, from: NaiveDate, days: u32) -> Result<Vec<(i64, NaiveDate)>>;
        fn next_anniversary_of_anyone(&self, from: NaiveDate) -> Result<Option<NaiveDate>>;
        fn setting(&self, key: &str) -> Result<Option<String>>;
        fn set_setting(&mut self, key: &str, value: &str) -> Result<()>;
        fn set_setting_unless_changed(&mut self, key: &str, value: &str, base: &str, default: &str) -> Result<Option<(String, Option<crate::contacts::LastChange>)>>;
        fn all_contacts(&self, tag: Option<&str>) -> Result<Vec<Contact>>;
        fn every_contact(&self) -> Result<Vec<Contact>>;
        fn all_contacts_without_personal(&self, tag: Option<&str>) -> Result<Vec<Contact>>;
        fn insert_staff(&mut self, name: &str, role: &str, photo: Option<&NormalizedPhoto>) -> Result<StaffMember>;
        fn set_staff_active(&mut self, id: i64, active: bool) -> Result<StaffMember>;
        fn staff(&self) -> Result<Vec<StaffMember>>;
        fn insert_photo(&mut self, new: &NewPhoto) -> Result<PhotoInfo>;
        fn photos(&self) -> Result<Vec<PhotoInfo>>;
        fn photo(&self, id: i64) -> Result<PhotoInfo>;
        fn photo_jpeg(&self, id: i64, thumbnail: bool) -> Result<Vec<u8>>;
        fn set_photo_board(&mut self, id: i64, area: BoardArea) -> Result<PhotoInfo>;
        fn delete_photo(&mut self, id: i64) -> Result<()>;
        fn queue_welcome_sends(&mut self, contact_ids: &[i64]) -> Result<i64>;
        fn welcome_sends(&self, batch: i64) -> Result<Vec<WelcomeSendRow>>;
        fn mark_welcome_sent(&mut self, send_id: i64, contact_id: i64, message_id: &str, touchpoint: &NewTouchpoint) -> Result<()>;
        fn mark_welcome_failed(&mut self, send_id: i64, error: &str) -> Result<()>;
        fn record_cards_sent(&mut self, ids: &[i64], happened_on: NaiveDate, note: &str, handled_by: &str) -> Result<u32>;
        fn insert_touchpoints(&mut self, items: &[(i64, NewTouchpoint, bool)]) -> Result<u32>;
        fn address_undeliverable(&self, id: i64) -> Result<Option<NaiveDate>>;
        fn set_address_undeliverable(&mut self, id: i64, on: Option<NaiveDate>) -> Result<()>;
        fn merge_contacts(&mut self, keep: i64, other: i64, merged: &ContactInput) -> Result<()>;
        fn delete_occasion(&mut self, id: i64) -> Result<()>;
        fn insert_occasion(&mut self, new: &NewOccasion) -> Result<Occasion>;
        fn custom_occasions(&self) -> Result<Vec<Occasion>>;
        fn mailable_contact_count(&self) -> Result<i64>;
        fn contact_photos_jpeg(&self, contact_ids: &[i64]) -> Result<HashMap<i64, Vec<u8>>>;
        fn remove_contact_photo(&mut self, contact_id: i64) -> Result<bool>;
        fn contact_photo(&self, contact_id: i64, thumbnail: bool) -> Result<Option<Vec<u8>>>;
        fn set_contact_photo(&mut self, contact_id: i64, photo: &NormalizedPhoto) -> Result<()>;
    }
}
