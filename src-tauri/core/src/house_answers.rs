//! The shop's house answers, kept by the owner and shown beside the timeline and the composer so
//! everyone answers the same way; and the promises made to customers (the last one is shown on
//! their page).

use chrono::NaiveDate;

use crate::book::Book;
use crate::contacts::{
    checked_promise, HouseAnswer, HouseAnswerInput, NewTouchpoint, Touchpoint, MAX_HOUSE_ANSWERS,
};
use crate::error::Result;

impl Book {
    /// The house answers, by topic.
    pub fn house_answers(&self) -> Result<Vec<HouseAnswer>> {
        self.store().house_answers()
    }

    /// Adds a house answer. On the team's book only an owner may.
    pub fn add_house_answer(&mut self, input: HouseAnswerInput) -> Result<HouseAnswer> {
        let input = input.validated()?;
        self.store_mut()
            .insert_house_answer(&input, MAX_HOUSE_ANSWERS)
    }

    /// Rewrites a house answer. On the team's book only an owner may.
    pub fn edit_house_answer(&mut self, id: i64, input: HouseAnswerInput) -> Result<HouseAnswer> {
        let input = input.validated()?;
        self.store_mut().update_house_answer(id, &input)
    }

    /// Removes a house answer (the promises made with it stay on their entries).
    pub fn remove_house_answer(&mut self, id: i64) -> Result<HouseAnswer> {
        self.store_mut().delete_house_answer(id)
    }

    /// Logs a timeline entry and the promise made in it, in one transaction; with no promise
    /// typed it is an ordinary entry. The contact's page shows the last promise made.
    pub fn log_promise(
        &mut self,
        contact_id: i64,
        entry: NewTouchpoint,
        promise: &str,
        today: NaiveDate,
    ) -> Result<Touchpoint> {
        let Some(promise) = checked_promise(promise)? else {
            return self.log_touchpoint(contact_id, entry, today);
        };
        let entry = self.entry_to_log(entry, today)?;
        self.store_mut()
            .record_promise(contact_id, &entry, &promise)
    }
}
