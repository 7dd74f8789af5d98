//! Replies to what we sent, and compliments kept as testimonials (with the customer's
//! permission to quote them). A reply and its testimonial are written with the timeline entry in
//! one transaction; deleting the entry (Undo) removes them.

use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};

use super::gestures::insert_entry;
use super::touchpoints::{touchpoint, touchpoint_from_row};
use super::SqliteStore;
use crate::contacts::{
    MayQuote, NewTouchpoint, ReplyLink, TestimonialMark, TestimonialRecord, TestimonialTerms,
    TimelineRecords, Touchpoint,
};
use crate::error::Result;

impl SqliteStore {
    /// Logs a reply (already checked) to entry `reply_to` on the contact's timeline, with its
    /// testimonial terms if it is kept as one, in one transaction.
    pub fn log_reply(
        &mut self,
        contact_id: i64,
        entry: &NewTouchpoint,
        reply_to: i64,
        terms: Option<&TestimonialTerms>,
        on: NaiveDate,
    ) -> Result<Touchpoint> {
        let tx = self.write_transaction()?;
        let id = insert_entry(&tx, contact_id, entry)?;
        tx.execute(
            "INSERT INTO replies (touchpoint_id, reply_to) VALUES (?1, ?2)",
            [id, reply_to],
        )?;
        if let Some(terms) = terms {
            upsert(&tx, id, terms, on)?;
        }
        let written = touchpoint(&tx, id)?;
        tx.commit()?;
        Ok(written)
    }

    /// Keeps compliment `touchpoint_id` as a testimonial on `terms`, or (None) no longer.
    pub fn set_testimonial(
        &mut self,
        touchpoint_id: i64,
        terms: Option<&TestimonialTerms>,
        on: NaiveDate,
    ) -> Result<()> {
        let tx = self.write_transaction()?;
        match terms {
            Some(terms) => upsert(&tx, touchpoint_id, terms, on)?,
            None => {
                tx.execute(
                    "DELETE FROM testimonials WHERE touchpoint_id = ?1",
                    [touchpoint_id],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The testimonials of contacts not archived (only those that may be quoted, if asked),
    /// newest first.
    pub fn testimonials(&self, only_quotable: bool) -> Result<Vec<(Touchpoint, TestimonialTerms)>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT t.id, t.contact_id, t.kind, t.happened_on, t.note, t.handled_by, t.resolved,
                        m.may_quote, m.takes_calls
                   FROM testimonials m JOIN touchpoints t ON t.id = m.touchpoint_id
                   JOIN contacts c ON c.id = t.contact_id
                  WHERE c.archived = 0 AND (?1 = 0 OR m.may_quote = 'yes')
                  ORDER BY t.happened_on DESC, t.id DESC",
            )?
            .query_map([only_quotable], |row| {
                Ok((touchpoint_from_row(row)?, terms_from(row, 7)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

fn upsert(
    conn: &Connection,
    touchpoint_id: i64,
    terms: &TestimonialTerms,
    on: NaiveDate,
) -> Result<()> {
    conn.execute(
        "INSERT INTO testimonials (touchpoint_id, may_quote, takes_calls, marked_on)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (touchpoint_id) DO UPDATE SET may_quote = ?2, takes_calls = ?3",
        params![
            touchpoint_id,
            terms.may_quote.as_str(),
            terms.takes_calls,
            on
        ],
    )?;
    Ok(())
}

fn terms_from(row: &Row, at: usize) -> rusqlite::Result<TestimonialTerms> {
    let may_quote: String = row.get(at)?;
    Ok(TestimonialTerms {
        // The table's CHECK constraint allows only the three answers.
        may_quote: MayQuote::parse(&may_quote).unwrap_or(MayQuote::NotAsked),
        takes_calls: row.get(at + 1)?,
    })
}

/// A contact's testimonials and replies, for their page.
pub(super) fn timeline_marks(
    conn: &Connection,
    contact_id: i64,
) -> Result<(Vec<TestimonialMark>, Vec<ReplyLink>)> {
    let records = records_of(conn, contact_id)?;
    Ok((
        records.testimonials.into_iter().map(|r| r.mark).collect(),
        records.replies,
    ))
}

/// The testimonials and replies of a contact's entries (kept when the contact is deleted).
pub(super) fn records_of(conn: &Connection, contact_id: i64) -> Result<TimelineRecords> {
    let testimonials = conn
        .prepare_cached(
            "SELECT m.touchpoint_id, m.marked_on, m.may_quote, m.takes_calls
               FROM testimonials m JOIN touchpoints t ON t.id = m.touchpoint_id
              WHERE t.contact_id = ?1 ORDER BY m.touchpoint_id",
        )?
        .query_map([contact_id], |row| {
            Ok(TestimonialRecord {
                mark: TestimonialMark {
                    touchpoint_id: row.get(0)?,
                    terms: terms_from(row, 2)?,
                },
                marked_on: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let replies = conn
        .prepare_cached(
            "SELECT r.touchpoint_id, r.reply_to
               FROM replies r JOIN touchpoints t ON t.id = r.touchpoint_id
              WHERE t.contact_id = ?1 ORDER BY r.touchpoint_id",
        )?
        .query_map([contact_id], |row| {
            Ok(ReplyLink {
                touchpoint_id: row.get(0)?,
                reply_to: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(TimelineRecords {
        testimonials,
        replies,
        ..TimelineRecords::default()
    })
}

/// Puts testimonials and replies back once their entries are back (undoing a deletion).
pub(super) fn put_back(conn: &Connection, records: &TimelineRecords) -> Result<()> {
    for r in &records.testimonials {
        upsert(conn, r.mark.touchpoint_id, &r.mark.terms, r.marked_on)?;
    }
    for r in &records.replies {
        conn.execute(
            "INSERT OR IGNORE INTO replies (touchpoint_id, reply_to)
             SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM touchpoints WHERE id = ?2) OR ?2 IS NULL",
            params![r.touchpoint_id, r.reply_to],
        )?;
    }
    Ok(())
}
