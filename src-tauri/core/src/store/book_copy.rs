//! A whole book written into a new book file: how "Back up" on the team's book on a server
//! makes the ordinary `rapport.db` the owner knows (and the way back to a single-user book).
//! The contacts keep their ids, dates, archive state, timelines and photos.

use std::collections::HashMap;

use rusqlite::params;

use super::contact_writer::{ContactWriter, DerivedFields};
use super::SqliteStore;
use crate::contacts::{Contact, Touchpoint};
use crate::error::Result;
use crate::photos::NormalizedPhoto;

/// Everything a book file is filled with from another book.
#[derive(Default)]
pub(crate) struct BookCopy {
    pub contacts: Vec<Contact>,
    /// Each contact's timeline, by contact id.
    pub timelines: HashMap<i64, Vec<Touchpoint>>,
    pub photos: HashMap<i64, NormalizedPhoto>,
    pub settings: Vec<(String, String)>,
    /// The owner's occasions as stored: id, name, kind, rule, month, day, nth, weekday, day.
    pub occasions: Vec<OccasionRow>,
    pub gesture_templates: Vec<super::GestureTemplateRow>,
    /// Which gesture each "gesture sent" entry was: touchpoint id, kind, delivery, subject.
    pub gestures: Vec<(i64, String, String, String)>,
    pub complaint_steps: Vec<CopiedStep>,
    pub follow_ups: Vec<crate::contacts::FollowUp>,
    pub referrals: Vec<crate::contacts::Referral>,
    /// Testimonials and replies (the rest of these records is unused here).
    pub records: crate::contacts::TimelineRecords,
}

/// One step of a complaint's loop as stored.
pub(crate) struct CopiedStep {
    pub touchpoint_id: i64,
    pub complaint_id: i64,
    pub step: super::ComplaintStepRow,
}

/// One stored occasion, column by column.
pub(crate) type OccasionRow = (
    i64,
    String,
    String,
    String,
    Option<i32>,
    Option<i32>,
    Option<i32>,
    Option<i32>,
    Option<chrono::NaiveDate>,
);

impl SqliteStore {
    /// Writes `copy` into this (new, empty) book in one transaction.
    pub(crate) fn fill_from(&mut self, copy: &BookCopy) -> Result<()> {
        let tables = ["contacts", "contact_tags", "touchpoints"];
        self.write_in_bulk(copy.contacts.len(), &tables, |tx| {
            let mut writer = ContactWriter::for_bulk(tx)?;
            for contact in &copy.contacts {
                let fields = &contact.fields;
                writer.insert(fields, DerivedFields::of(fields), Some(contact), None)?;
                if let Some(photo) = copy.photos.get(&contact.id) {
                    super::contact_photos::set_contact_photo_tx(tx, contact.id, photo)?;
                }
                for touchpoint in copy.timelines.get(&contact.id).into_iter().flatten() {
                    super::touchpoints::insert_with_id(tx, touchpoint)?;
                }
            }
            writer.finish()?;
            for (key, value) in &copy.settings {
                tx.execute(
                    "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                    [key, value],
                )?;
            }
            for (id, name, kind, rule, month, day, nth, weekday, on_date) in &copy.occasions {
                tx.execute(
                    "INSERT INTO occasions (id, name, kind, rule, month, day, nth, weekday, on_date, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![id, name, kind, rule, month, day, nth, weekday, on_date, super::now_timestamp()],
                )?;
            }
            for t in &copy.gesture_templates {
                tx.execute(
                    "INSERT INTO gesture_templates (kind, label, subject, body, builtin)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![t.kind, t.label, t.subject, t.body, t.builtin],
                )?;
            }
            for (touchpoint_id, kind, delivery, subject) in &copy.gestures {
                tx.execute(
                    "INSERT INTO gestures (touchpoint_id, kind, delivery, subject) VALUES (?1, ?2, ?3, ?4)",
                    params![touchpoint_id, kind, delivery, subject],
                )?;
            }
            for copied in &copy.complaint_steps {
                let s = &copied.step;
                tx.execute(
                    "INSERT INTO complaint_steps (touchpoint_id, complaint_id, step, happened_on, what_we_did, done_by, outcome)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![copied.touchpoint_id, copied.complaint_id, s.step, s.happened_on, s.what_we_did, s.done_by, s.outcome],
                )?;
            }
            for follow_up in &copy.follow_ups {
                super::follow_ups::insert_with_id(tx, follow_up)?;
            }
            super::referrals::put_back(tx, &copy.referrals)?;
            super::testimonials::put_back(tx, &copy.records)?;
            super::gifts::put_back(tx, &copy.records)?;
            Ok(())
        })
    }
}
