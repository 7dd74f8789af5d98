//! The complaint-to-forgiveness loop: open → apologised → put right (what we did, by whom) →
//! checked back ("are we good now?") with how they feel: happy, neutral or unhappy. Each step is
//! one call and one entry on the timeline; where a loop stands is its newest step, so deleting a
//! step's entry (Undo) takes the loop back one step. Today lists the open loops with their next
//! step and when it is due.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::GestureError;
use crate::contacts::{clean_line, ContactSummary, NewTouchpoint, Touchpoint, TouchpointKind};
use crate::error::{Error, Result};
use crate::store::NewComplaintStep;
use crate::Book;

/// Days after putting a complaint right that the owner checks back, unless Settings say
/// otherwise (`check_back_days`).
pub const DEFAULT_CHECK_BACK_DAYS: u32 = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LoopStage {
    Open,
    Apologised,
    PutRight,
    /// Checked back: the loop is closed with an outcome.
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Happy,
    Neutral,
    Unhappy,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Happy => "happy",
            Outcome::Neutral => "neutral",
            Outcome::Unhappy => "unhappy",
        }
    }

    pub fn parse(text: &str) -> Option<Outcome> {
        match text.trim().to_lowercase().as_str() {
            "happy" | "satisfied" => Some(Outcome::Happy),
            "neutral" => Some(Outcome::Neutral),
            "unhappy" | "still unhappy" => Some(Outcome::Unhappy),
            _ => None,
        }
    }
}

/// One step the owner takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "step")]
pub enum LoopStep {
    /// Apologised in person or by phone (an apology gesture records this itself).
    Apologised { by: String },
    /// Put right: what we did, and who did it.
    PutRight { what: String, by: String },
    /// Checked back: are we good now?
    CheckedBack { outcome: Outcome, by: String },
}

/// Where one complaint's loop stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintLoop {
    #[ts(type = "number")]
    pub complaint_id: i64,
    #[ts(type = "number")]
    pub contact_id: i64,
    pub complained_on: NaiveDate,
    pub complaint: String,
    pub stage: LoopStage,
    pub apologised_on: Option<NaiveDate>,
    pub put_right_on: Option<NaiveDate>,
    pub what_we_did: String,
    pub put_right_by: String,
    pub checked_back_on: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
}

/// An open loop as Today shows it: the next step and when it is due.
/// The first open loops and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenLoopList {
    pub loops: Vec<OpenLoop>,
    #[ts(type = "number")]
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenLoop {
    pub contact: ContactSummary,
    #[ts(type = "number")]
    pub complaint_id: i64,
    pub complaint: String,
    pub complained_on: NaiveDate,
    pub stage: LoopStage,
    /// "Apologise", "Put it right" or "Check back".
    pub next_step: String,
    pub due_on: NaiveDate,
    /// Due on or before today.
    pub due: bool,
}

/// Complaints whose loop ended this quarter, and how many of them ended happy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuarterCount {
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[ts(type = "number")]
    pub happy: i64,
    #[ts(type = "number")]
    pub closed: i64,
}

impl Book {
    /// Where a complaint's loop stands.
    pub fn complaint_loop(&self, complaint_id: i64) -> Result<ComplaintLoop> {
        let (complaint, steps) = self.store().complaint_loop(complaint_id)?;
        if complaint.kind != TouchpointKind::Complaint {
            return Err(GestureError::NotAComplaint { id: complaint_id }.into());
        }
        let mut out = ComplaintLoop {
            complaint_id,
            contact_id: complaint.contact_id,
            complained_on: complaint.happened_on,
            complaint: complaint.note,
            stage: LoopStage::Open,
            apologised_on: None,
            put_right_on: None,
            what_we_did: String::new(),
            put_right_by: String::new(),
            checked_back_on: None,
            outcome: None,
        };
        for step in steps {
            match step.step.as_str() {
                "apologised" => {
                    out.apologised_on = Some(step.happened_on);
                    out.stage = LoopStage::Apologised;
                }
                "put_right" => {
                    out.put_right_on = Some(step.happened_on);
                    out.what_we_did = step.what_we_did;
                    out.put_right_by = step.done_by;
                    out.stage = LoopStage::PutRight;
                }
                _ => {
                    out.checked_back_on = Some(step.happened_on);
                    out.outcome = Outcome::parse(&step.outcome);
                    out.stage = LoopStage::Closed;
                }
            }
        }
        Ok(out)
    }

    /// Takes one step of a complaint's loop and puts it on the timeline (one transaction). Steps
    /// go in order; apologising may be skipped (a shop often just puts it right).
    pub fn complaint_step(
        &mut self,
        complaint_id: i64,
        step: &LoopStep,
        today: NaiveDate,
    ) -> Result<Touchpoint> {
        let current = self.complaint_loop(complaint_id)?;
        let out_of_order = |why: &str| -> Result<Touchpoint> {
            Err(GestureError::OutOfOrder(why.to_string()).into())
        };
        let (name, what, by, outcome, note) = match step {
            LoopStep::Apologised { by } => {
                if current.stage != LoopStage::Open {
                    return out_of_order("This complaint has had its apology already; the next step is to put it right or check back.");
                }
                (
                    "apologised",
                    String::new(),
                    by,
                    "",
                    "Apologised".to_string(),
                )
            }
            LoopStep::PutRight { what, by } => {
                if matches!(current.stage, LoopStage::PutRight | LoopStage::Closed) {
                    return out_of_order("This complaint is put right already; the next step is to check back. (Undo the step on the timeline to change it.)");
                }
                let what = clean_line(what);
                if what.is_empty() {
                    return Err(Error::invalid(
                        "what",
                        "say what we did to put it right, e.g. \"replaced the cake\"",
                    ));
                }
                let note = format!("Put right: {what}");
                ("put_right", what, by, "", note)
            }
            LoopStep::CheckedBack { outcome, by } => {
                if current.stage != LoopStage::PutRight {
                    return out_of_order(if current.stage == LoopStage::Closed {
                        "This complaint's loop is closed already."
                    } else {
                        "Put the complaint right first, then check back."
                    });
                }
                let note = format!("Checked back: {}", outcome.as_str());
                ("checked_back", String::new(), by, outcome.as_str(), note)
            }
        };
        let by = clean_line(by);
        let entry = NewTouchpoint {
            kind: TouchpointKind::ComplaintStep,
            happened_on: today,
            note: format!("{note} (complaint of {})", current.complained_on),
            handled_by: by.clone(),
        };
        entry.validate(today)?;
        self.store_mut().add_complaint_step(
            current.contact_id,
            &entry,
            &NewComplaintStep {
                complaint_id,
                step: name,
                what_we_did: &what,
                done_by: &by,
                outcome,
            },
        )
    }

    /// The newest complaint of a contact whose loop is still open.
    pub(crate) fn newest_open_complaint(&self, contact_id: i64) -> Result<Option<i64>> {
        Ok(self
            .store()
            .open_complaint_loops()?
            .into_iter()
            .filter(|l| l.contact_id == contact_id)
            .map(|l| l.complaint_id)
            .max())
    }

    /// Every open loop with its next step and when it is due, oldest complaint first.
    pub fn open_loops(&self, today: NaiveDate) -> Result<Vec<OpenLoop>> {
        Ok(self.open_loops_first(today, usize::MAX)?.loops)
    }

    /// The first `limit` open loops, oldest complaint first, and how many are open in all (Today
    /// shows a few; reading every customer of thousands of loops would only slow it down).
    pub fn open_loops_first(&self, today: NaiveDate, limit: usize) -> Result<OpenLoopList> {
        let days = self.check_back_days()?;
        let mut rows = self.store().open_complaint_loops()?;
        let total = rows.len() as i64;
        rows.truncate(limit);
        let ids: Vec<i64> = rows.iter().map(|r| r.contact_id).collect();
        // summaries() drops repeats: a customer with two open loops is listed twice.
        let people: std::collections::HashMap<i64, _> = self
            .store()
            .summaries(&ids)?
            .into_iter()
            .map(|person| (person.id, person))
            .collect();
        let loops = rows
            .into_iter()
            .filter_map(|row| {
                let contact = people.get(&row.contact_id)?.clone();
                let (stage, next_step, due_on) = match &row.last_step {
                    None => (LoopStage::Open, "Apologise", row.complained_on),
                    Some((step, on)) if step == "apologised" => {
                        (LoopStage::Apologised, "Put it right", *on)
                    }
                    Some((_, on)) => (
                        LoopStage::PutRight,
                        "Check back",
                        on.checked_add_days(Days::new(days.into())).unwrap_or(*on),
                    ),
                };
                Some(OpenLoop {
                    contact,
                    complaint_id: row.complaint_id,
                    complaint: row.complaint,
                    complained_on: row.complained_on,
                    stage,
                    next_step: next_step.into(),
                    due_on,
                    due: due_on <= today,
                })
            })
            .collect();
        Ok(OpenLoopList { loops, total })
    }

    /// How many complaints ended happy in `today`'s quarter, of all that ended in it.
    pub fn complaints_ended_this_quarter(&self, today: NaiveDate) -> Result<QuarterCount> {
        let first_month = (today.month0() / 3) * 3 + 1;
        let from = NaiveDate::from_ymd_opt(today.year(), first_month, 1).unwrap_or(today);
        let to = from
            .checked_add_months(chrono::Months::new(3))
            .and_then(|d| d.pred_opt())
            .unwrap_or(today);
        let (happy, closed) = self.store().loops_closed_between(from, to)?;
        Ok(QuarterCount {
            from,
            to,
            happy,
            closed,
        })
    }

    /// Days after putting a complaint right that the owner checks back (Settings).
    pub fn check_back_days(&self) -> Result<u32> {
        Ok(self
            .setting("check_back_days")?
            .parse()
            .unwrap_or(DEFAULT_CHECK_BACK_DAYS))
    }
}
