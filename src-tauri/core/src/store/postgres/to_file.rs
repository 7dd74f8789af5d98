//! "Back up" on the team's book: the whole book read from the server and written into a new
//! book file (see store/book_copy.rs).

use std::collections::HashMap;
use std::path::Path;

use super::book::ServerBook;
use super::timeline::touchpoint_from_row;
use crate::error::Result;
use crate::photos::NormalizedPhoto;
use crate::store::book_copy::{BookCopy, CopiedStep};
use crate::store::ComplaintStepRow;
use crate::store::SqliteStore;

impl ServerBook {
    /// Writes the whole book into a new book file at `path` (which must not hold a book yet).
    pub fn copy_to_file(&self, path: &Path) -> Result<()> {
        let mut copy = BookCopy {
            contacts: self.every_contact()?,
            ..BookCopy::default()
        };
        self.run(|client| {
            for row in client.query(
                "SELECT id, contact_id, kind, happened_on, note, handled_by, resolved
                 FROM touchpoints ORDER BY contact_id, happened_on DESC, id DESC",
                &[],
            )? {
                let touchpoint = touchpoint_from_row(&row)?;
                copy.timelines
                    .entry(touchpoint.contact_id)
                    .or_default()
                    .push(touchpoint);
            }
            let mut photos = HashMap::new();
            for row in client.query(
                "SELECT contact_id, jpeg, thumb_jpeg, width, height FROM contact_photos",
                &[],
            )? {
                let (width, height): (i32, i32) = (row.try_get(3)?, row.try_get(4)?);
                photos.insert(
                    row.try_get::<_, i64>(0)?,
                    NormalizedPhoto {
                        jpeg: row.try_get(1)?,
                        thumb_jpeg: row.try_get(2)?,
                        width: u32::try_from(width).unwrap_or(0),
                        height: u32::try_from(height).unwrap_or(0),
                    },
                );
            }
            copy.photos = photos;
            for row in client.query("SELECT key, value FROM settings ORDER BY key", &[])? {
                copy.settings.push((row.try_get(0)?, row.try_get(1)?));
            }
            for row in client.query(
                "SELECT id, name, kind, rule, month, day, nth, weekday, on_date
                 FROM occasions ORDER BY id",
                &[],
            )? {
                copy.occasions.push((
                    row.try_get(0)?,
                    row.try_get(1)?,
                    row.try_get(2)?,
                    row.try_get(3)?,
                    row.try_get(4)?,
                    row.try_get(5)?,
                    row.try_get(6)?,
                    row.try_get(7)?,
                    row.try_get(8)?,
                ));
            }
            for row in client.query(
                "SELECT touchpoint_id, kind, delivery, subject FROM gestures ORDER BY touchpoint_id",
                &[],
            )? {
                copy.gestures.push((
                    row.try_get(0)?,
                    row.try_get(1)?,
                    row.try_get(2)?,
                    row.try_get(3)?,
                ));
            }
            for row in client.query(
                "SELECT touchpoint_id, complaint_id, step, happened_on, what_we_did, done_by, outcome
                 FROM complaint_steps ORDER BY touchpoint_id",
                &[],
            )? {
                copy.complaint_steps.push(CopiedStep {
                    touchpoint_id: row.try_get(0)?,
                    complaint_id: row.try_get(1)?,
                    step: ComplaintStepRow {
                        touchpoint_id: row.try_get(0)?,
                        step: row.try_get(2)?,
                        happened_on: row.try_get(3)?,
                        what_we_did: row.try_get(4)?,
                        done_by: row.try_get(5)?,
                        outcome: row.try_get(6)?,
                    },
                });
            }
            copy.follow_ups = super::follow_ups::every_follow_up(client)?;
            copy.referrals = super::referrals::every_referral(client)?;
            copy.records = super::testimonials::every_record(client)?
                .joined(super::gifts::every_gift(client)?);
            Ok(())
        })?;
        copy.gesture_templates = self.gesture_templates()?;
        let mut file = SqliteStore::open(path)?;
        file.fill_from(&copy)
    }
}
