//! The server book's house answers and promises: the book file's functions of the same names
//! (store/house_answers.rs) in PostgreSQL's SQL. Only owners may write the house answers (the
//! staff group reads them: roles.rs).

use postgres::{GenericClient, Row};

use super::book::{PgResult, ServerBook};
use super::timeline::insert_touchpoint;
use crate::contacts::{
    HouseAnswer, HouseAnswerInput, NewTouchpoint, PromiseMade, PromiseRecord, TimelineRecords,
    Touchpoint,
};
use crate::error::Result;
use crate::store::house_answers::{not_found, too_many};

const ANSWER: &str = "id, topic, answer, is_promise";

impl ServerBook {
    /// The house answers, by topic.
    pub fn house_answers(&self) -> Result<Vec<HouseAnswer>> {
        self.run(house_answers)
    }

    /// Adds a house answer (already checked), refusing one past `limit`.
    pub fn insert_house_answer(
        &self,
        input: &HouseAnswerInput,
        limit: usize,
    ) -> Result<HouseAnswer> {
        self.in_tx(|tx| {
            // Two owners adding at once still keep the list short: one waits for the other.
            tx.execute("LOCK TABLE house_answers IN SHARE ROW EXCLUSIVE MODE", &[])?;
            let count: i64 = tx
                .query_one("SELECT count(*) FROM house_answers", &[])?
                .try_get(0)?;
            if usize::try_from(count).unwrap_or(usize::MAX) >= limit {
                return Err(too_many(limit).into());
            }
            let row = tx.query_one(
                &format!(
                    "INSERT INTO house_answers (topic, answer, is_promise) VALUES ($1, $2, $3)
                     RETURNING {ANSWER}"
                ),
                &[&input.topic, &input.answer, &input.is_promise],
            )?;
            Ok(answer_from_row(&row)?)
        })
    }

    /// Rewrites a house answer (already checked).
    pub fn update_house_answer(&self, id: i64, input: &HouseAnswerInput) -> Result<HouseAnswer> {
        self.in_tx(|tx| {
            let row = tx
                .query_opt(
                    &format!(
                        "UPDATE house_answers SET topic = $2, answer = $3, is_promise = $4,
                                updated_at = now()
                          WHERE id = $1 RETURNING {ANSWER}"
                    ),
                    &[&id, &input.topic, &input.answer, &input.is_promise],
                )?
                .ok_or_else(|| not_found(id))?;
            Ok(answer_from_row(&row)?)
        })
    }

    /// Removes a house answer; the promises already made stay on their entries.
    pub fn delete_house_answer(&self, id: i64) -> Result<HouseAnswer> {
        self.in_tx(|tx| {
            let row = tx
                .query_opt(
                    &format!("DELETE FROM house_answers WHERE id = $1 RETURNING {ANSWER}"),
                    &[&id],
                )?
                .ok_or_else(|| not_found(id))?;
            Ok(answer_from_row(&row)?)
        })
    }

    /// Logs a timeline entry (already checked) with the promise made in it, in one
    /// transaction.
    pub fn record_promise(
        &self,
        contact_id: i64,
        entry: &NewTouchpoint,
        promise: &str,
    ) -> Result<Touchpoint> {
        self.in_tx(|tx| {
            let written = insert_touchpoint(tx, contact_id, entry)?;
            tx.execute(
                "INSERT INTO promises (touchpoint_id, promise) VALUES ($1, $2)",
                &[&written.id, &promise],
            )?;
            Ok(written)
        })
    }
}

pub(crate) fn house_answers(client: &mut impl GenericClient) -> PgResult<Vec<HouseAnswer>> {
    client
        .query(
            &format!("SELECT {ANSWER} FROM house_answers ORDER BY lower(topic), id"),
            &[],
        )?
        .iter()
        .map(|row| Ok(answer_from_row(row)?))
        .collect()
}

fn answer_from_row(row: &Row) -> Result<HouseAnswer, postgres::Error> {
    Ok(HouseAnswer {
        id: row.try_get(0)?,
        topic: row.try_get(1)?,
        answer: row.try_get(2)?,
        is_promise: row.try_get(3)?,
    })
}

/// The promises made to a contact, newest first.
pub(crate) fn promises_of(
    client: &mut impl GenericClient,
    contact_id: i64,
) -> PgResult<Vec<PromiseMade>> {
    client
        .query(
            "SELECT p.touchpoint_id, p.promise, t.happened_on, t.handled_by
               FROM promises p JOIN touchpoints t ON t.id = p.touchpoint_id
              WHERE t.contact_id = $1 ORDER BY t.happened_on DESC, t.id DESC",
            &[&contact_id],
        )?
        .iter()
        .map(|row| {
            Ok(PromiseMade {
                touchpoint_id: row.try_get(0)?,
                promise: row.try_get(1)?,
                made_on: row.try_get(2)?,
                made_by: row.try_get(3)?,
            })
        })
        .collect()
}

/// A contact's promises as records kept when the contact is deleted.
pub(crate) fn records_of(
    client: &mut impl GenericClient,
    contact_id: i64,
) -> PgResult<TimelineRecords> {
    Ok(TimelineRecords {
        promises: promises_of(client, contact_id)?
            .into_iter()
            .map(|p| PromiseRecord {
                touchpoint_id: p.touchpoint_id,
                promise: p.promise,
            })
            .collect(),
        ..TimelineRecords::default()
    })
}

/// Every promise in the book, for a copy into a book file.
pub(crate) fn every_promise(client: &mut impl GenericClient) -> PgResult<TimelineRecords> {
    let promises = client
        .query(
            "SELECT touchpoint_id, promise FROM promises ORDER BY touchpoint_id",
            &[],
        )?
        .iter()
        .map(|row| {
            Ok(PromiseRecord {
                touchpoint_id: row.try_get(0)?,
                promise: row.try_get(1)?,
            })
        })
        .collect::<PgResult<_>>()?;
    Ok(TimelineRecords {
        promises,
        ..TimelineRecords::default()
    })
}

/// Puts promises back once their entries are back (undoing a deletion, or filling a copy).
pub(crate) fn put_back(tx: &mut impl GenericClient, records: &TimelineRecords) -> PgResult<()> {
    for p in &records.promises {
        tx.execute(
            "INSERT INTO promises (touchpoint_id, promise) VALUES ($1, $2)
             ON CONFLICT (touchpoint_id) DO NOTHING",
            &[&p.touchpoint_id, &p.promise],
        )?;
    }
    Ok(())
}

/// Writes the house answers of a copied book, ids kept.
pub(crate) fn put_back_answers(
    tx: &mut impl GenericClient,
    answers: &[HouseAnswer],
) -> PgResult<()> {
    for a in answers {
        tx.execute(
            "INSERT INTO house_answers (id, topic, answer, is_promise) VALUES ($1, $2, $3, $4)",
            &[&a.id, &a.topic, &a.answer, &a.is_promise],
        )?;
    }
    Ok(())
}
