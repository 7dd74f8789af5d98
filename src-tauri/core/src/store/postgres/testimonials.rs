//! The server book's replies and testimonials: the book file's functions of the same names
//! (store/testimonials.rs) in PostgreSQL's SQL.

use chrono::NaiveDate;
use postgres::{GenericClient, Row};

use super::book::{PgResult, ServerBook};
use super::timeline::{insert_touchpoint, touchpoint_from_row};
use crate::contacts::{
    MayQuote, NewTouchpoint, ReplyLink, TestimonialMark, TestimonialRecord, TestimonialTerms,
    TimelineRecords, Touchpoint,
};
use crate::error::Result;

impl ServerBook {
    /// Logs a reply (already checked) to entry `reply_to`, with its testimonial terms if it is
    /// kept as one, in one transaction.
    pub fn log_reply(
        &self,
        contact_id: i64,
        entry: &NewTouchpoint,
        reply_to: i64,
        terms: Option<&TestimonialTerms>,
        on: NaiveDate,
    ) -> Result<Touchpoint> {
        self.in_tx(|tx| {
            let written = insert_touchpoint(tx, contact_id, entry)?;
            tx.execute(
                "INSERT INTO replies (touchpoint_id, reply_to) VALUES ($1, $2)",
                &[&written.id, &reply_to],
            )?;
            if let Some(terms) = terms {
                upsert(tx, written.id, terms, on)?;
            }
            Ok(written)
        })
    }

    /// Keeps compliment `touchpoint_id` as a testimonial on `terms`, or (None) no longer.
    pub fn set_testimonial(
        &self,
        touchpoint_id: i64,
        terms: Option<&TestimonialTerms>,
        on: NaiveDate,
    ) -> Result<()> {
        self.in_tx(|tx| {
            match terms {
                Some(terms) => upsert(tx, touchpoint_id, terms, on)?,
                None => {
                    tx.execute(
                        "DELETE FROM testimonials WHERE touchpoint_id = $1",
                        &[&touchpoint_id],
                    )?;
                }
            }
            Ok(())
        })
    }

    /// The testimonials of contacts not archived (only those that may be quoted, if asked),
    /// newest first.
    pub fn testimonials(&self, only_quotable: bool) -> Result<Vec<(Touchpoint, TestimonialTerms)>> {
        self.run(|client| {
            client
                .query(
                    "SELECT t.id, t.contact_id, t.kind, t.happened_on, t.note, t.handled_by,
                            t.resolved, m.may_quote, m.takes_calls
                       FROM testimonials m JOIN touchpoints t ON t.id = m.touchpoint_id
                       JOIN contacts c ON c.id = t.contact_id
                      WHERE NOT c.archived AND (NOT $1 OR m.may_quote = 'yes')
                      ORDER BY t.happened_on DESC, t.id DESC",
                    &[&only_quotable],
                )?
                .iter()
                .map(|row| Ok((touchpoint_from_row(row)?, terms_from(row, 7)?)))
                .collect()
        })
    }
}

fn upsert(
    tx: &mut impl GenericClient,
    touchpoint_id: i64,
    terms: &TestimonialTerms,
    on: NaiveDate,
) -> PgResult<()> {
    tx.execute(
        "INSERT INTO testimonials (touchpoint_id, may_quote, takes_calls, marked_on)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (touchpoint_id) DO UPDATE SET may_quote = $2, takes_calls = $3",
        &[
            &touchpoint_id,
            &terms.may_quote.as_str(),
            &terms.takes_calls,
            &on,
        ],
    )?;
    Ok(())
}

fn terms_from(row: &Row, at: usize) -> PgResult<TestimonialTerms> {
    let may_quote: String = row.try_get(at)?;
    Ok(TestimonialTerms {
        // The table's CHECK constraint allows only the three answers.
        may_quote: MayQuote::parse(&may_quote).unwrap_or(MayQuote::NotAsked),
        takes_calls: row.try_get(at + 1)?,
    })
}

/// A contact's testimonials and replies, for their page.
pub(crate) fn timeline_marks(
    client: &mut impl GenericClient,
    contact_id: i64,
) -> PgResult<(Vec<TestimonialMark>, Vec<ReplyLink>)> {
    let records = records_of(client, contact_id)?;
    Ok((
        records.testimonials.into_iter().map(|r| r.mark).collect(),
        records.replies,
    ))
}

/// Every testimonial and reply in the book, for a copy into a book file.
pub(crate) fn every_record(client: &mut impl GenericClient) -> PgResult<TimelineRecords> {
    let ids: Vec<i64> = client
        .query("SELECT DISTINCT contact_id FROM touchpoints t WHERE EXISTS (SELECT 1 FROM testimonials m WHERE m.touchpoint_id = t.id) OR EXISTS (SELECT 1 FROM replies r WHERE r.touchpoint_id = t.id)", &[])?
        .iter()
        .map(|row| row.try_get(0))
        .collect::<Result<_, _>>()?;
    let mut all = TimelineRecords::default();
    for id in ids {
        all = all.joined(records_of(client, id)?);
    }
    Ok(all)
}

/// The testimonials and replies of a contact's entries (kept when the contact is deleted).
pub(crate) fn records_of(
    client: &mut impl GenericClient,
    contact_id: i64,
) -> PgResult<TimelineRecords> {
    let testimonials = client
        .query(
            "SELECT m.touchpoint_id, m.marked_on, m.may_quote, m.takes_calls
               FROM testimonials m JOIN touchpoints t ON t.id = m.touchpoint_id
              WHERE t.contact_id = $1 ORDER BY m.touchpoint_id",
            &[&contact_id],
        )?
        .iter()
        .map(|row| {
            Ok(TestimonialRecord {
                mark: TestimonialMark {
                    touchpoint_id: row.try_get(0)?,
                    terms: terms_from(row, 2)?,
                },
                marked_on: row.try_get(1)?,
            })
        })
        .collect::<PgResult<_>>()?;
    let replies = client
        .query(
            "SELECT r.touchpoint_id, r.reply_to
               FROM replies r JOIN touchpoints t ON t.id = r.touchpoint_id
              WHERE t.contact_id = $1 ORDER BY r.touchpoint_id",
            &[&contact_id],
        )?
        .iter()
        .map(|row| {
            Ok(ReplyLink {
                touchpoint_id: row.try_get(0)?,
                reply_to: row.try_get(1)?,
            })
        })
        .collect::<PgResult<_>>()?;
    Ok(TimelineRecords {
        testimonials,
        replies,
        ..TimelineRecords::default()
    })
}

/// Puts testimonials and replies back once their entries are back (undoing a deletion).
pub(crate) fn put_back(tx: &mut impl GenericClient, records: &TimelineRecords) -> PgResult<()> {
    for r in &records.testimonials {
        upsert(tx, r.mark.touchpoint_id, &r.mark.terms, r.marked_on)?;
    }
    for r in &records.replies {
        tx.execute(
            "INSERT INTO replies (touchpoint_id, reply_to)
             SELECT $1, $2 WHERE $2::bigint IS NULL OR EXISTS (SELECT 1 FROM touchpoints WHERE id = $2)
             ON CONFLICT (touchpoint_id) DO NOTHING",
            &[&r.touchpoint_id, &r.reply_to],
        )?;
    }
    Ok(())
}
