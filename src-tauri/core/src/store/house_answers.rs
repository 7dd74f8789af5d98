//! House answers and the promises made to customers (migration 018).

use rusqlite::{params, Connection, OptionalExtension};

use super::gestures::insert_entry;
use super::touchpoints::touchpoint;
use super::{now_timestamp, SqliteStore};
use crate::contacts::{
    HouseAnswer, HouseAnswerInput, NewTouchpoint, PromiseMade, PromiseRecord, TimelineRecords,
    Touchpoint,
};
use crate::error::{Error, Result};

impl SqliteStore {
    /// The house answers, by topic.
    pub fn house_answers(&self) -> Result<Vec<HouseAnswer>> {
        house_answers(&self.conn)
    }

    /// Adds a house answer (already checked), refusing one past `limit`.
    pub fn insert_house_answer(
        &mut self,
        input: &HouseAnswerInput,
        limit: usize,
    ) -> Result<HouseAnswer> {
        let tx = self.write_transaction()?;
        let count: i64 = tx.query_row("SELECT count(*) FROM house_answers", [], |r| r.get(0))?;
        if usize::try_from(count).unwrap_or(usize::MAX) >= limit {
            return Err(too_many(limit));
        }
        tx.execute(
            "INSERT INTO house_answers (topic, answer, is_promise, updated_at) VALUES (?1, ?2, ?3, ?4)",
            params![input.topic, input.answer, input.is_promise, now_timestamp()],
        )?;
        let id = tx.last_insert_rowid();
        let answer = house_answer(&tx, id)?;
        tx.commit()?;
        Ok(answer)
    }

    /// Rewrites a house answer (already checked).
    pub fn update_house_answer(
        &mut self,
        id: i64,
        input: &HouseAnswerInput,
    ) -> Result<HouseAnswer> {
        let tx = self.write_transaction()?;
        let changed = tx.execute(
            "UPDATE house_answers SET topic = ?2, answer = ?3, is_promise = ?4, updated_at = ?5
             WHERE id = ?1",
            params![
                id,
                input.topic,
                input.answer,
                input.is_promise,
                now_timestamp()
            ],
        )?;
        if changed == 0 {
            return Err(not_found(id));
        }
        let answer = house_answer(&tx, id)?;
        tx.commit()?;
        Ok(answer)
    }

    /// Removes a house answer; the promises already made stay on their entries.
    pub fn delete_house_answer(&mut self, id: i64) -> Result<HouseAnswer> {
        let tx = self.write_transaction()?;
        let answer = house_answer(&tx, id)?;
        tx.execute("DELETE FROM house_answers WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(answer)
    }

    /// Logs a timeline entry (already checked) with the promise made in it, in one
    /// transaction.
    pub fn record_promise(
        &mut self,
        contact_id: i64,
        entry: &NewTouchpoint,
        promise: &str,
    ) -> Result<Touchpoint> {
        let tx = self.write_transaction()?;
        let id = insert_entry(&tx, contact_id, entry)?;
        tx.execute(
            "INSERT INTO promises (touchpoint_id, promise) VALUES (?1, ?2)",
            params![id, promise],
        )?;
        let written = touchpoint(&tx, id)?;
        tx.commit()?;
        Ok(written)
    }
}

pub(super) fn house_answers(conn: &Connection) -> Result<Vec<HouseAnswer>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, topic, answer, is_promise FROM house_answers
              ORDER BY topic COLLATE NOCASE, id",
        )?
        .query_map([], answer_from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

fn house_answer(conn: &Connection, id: i64) -> Result<HouseAnswer> {
    conn.query_row(
        "SELECT id, topic, answer, is_promise FROM house_answers WHERE id = ?1",
        [id],
        answer_from_row,
    )
    .optional()?
    .ok_or_else(|| not_found(id))
}

fn answer_from_row(row: &rusqlite::Row) -> rusqlite::Result<HouseAnswer> {
    Ok(HouseAnswer {
        id: row.get(0)?,
        topic: row.get(1)?,
        answer: row.get(2)?,
        is_promise: row.get(3)?,
    })
}

pub(crate) fn not_found(id: i64) -> Error {
    Error::not_found(format!("House answer {id}"))
}

pub(crate) fn too_many(limit: usize) -> Error {
    Error::invalid(
        "topic",
        format!("the house answers are a short list: at most {limit}; remove one first"),
    )
}

/// The promises made to a contact, newest first.
pub(super) fn promises_of(conn: &Connection, contact_id: i64) -> Result<Vec<PromiseMade>> {
    Ok(conn
        .prepare_cached(
            "SELECT p.touchpoint_id, p.promise, t.happened_on, t.handled_by
               FROM promises p JOIN touchpoints t ON t.id = p.touchpoint_id
              WHERE t.contact_id = ?1 ORDER BY t.happened_on DESC, t.id DESC",
        )?
        .query_map([contact_id], |row| {
            Ok(PromiseMade {
                touchpoint_id: row.get(0)?,
                promise: row.get(1)?,
                made_on: row.get(2)?,
                made_by: row.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// A contact's promises as records kept when the contact is deleted.
pub(super) fn records_of(conn: &Connection, contact_id: i64) -> Result<TimelineRecords> {
    Ok(TimelineRecords {
        promises: promises_of(conn, contact_id)?
            .into_iter()
            .map(|p| PromiseRecord {
                touchpoint_id: p.touchpoint_id,
                promise: p.promise,
            })
            .collect(),
        ..TimelineRecords::default()
    })
}

/// Puts promises back once their entries are back (undoing a deletion, or filling a copy).
pub(super) fn put_back(conn: &Connection, records: &TimelineRecords) -> Result<()> {
    for p in &records.promises {
        conn.execute(
            "INSERT OR IGNORE INTO promises (touchpoint_id, promise) VALUES (?1, ?2)",
            params![p.touchpoint_id, p.promise],
        )?;
    }
    Ok(())
}

/// Writes the house answers of a copied book, ids kept.
pub(super) fn put_back_answers(conn: &Connection, answers: &[HouseAnswer]) -> Result<()> {
    for a in answers {
        conn.execute(
            "INSERT INTO house_answers (id, topic, answer, is_promise, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![a.id, a.topic, a.answer, a.is_promise, now_timestamp()],
        )?;
    }
    Ok(())
}
