//! Giving a gesture: an `.eml` draft, SMTP, a printed card, or done in person / by phone (only
//! recorded). Each is recorded on the timeline as "<kind> sent" with which gesture it was; an
//! apology about a complaint is also the loop's "apologised" step, in the same transaction.

use std::path::PathBuf;

use chrono::NaiveDate;
use lettre::Transport;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{GestureKindInfo, GestureRequest};
use crate::cards::{CardFormat, FontSet, CARDS_FOLDER};
use crate::contacts::{NewTouchpoint, Touchpoint, TouchpointKind};
use crate::error::Result;
use crate::paths::OutputKind;
use crate::store::{NewComplaintStep, NewGesture};
use crate::welcome::eml::{build_message, message_id, DRAFTS_FOLDER};
use crate::welcome::{WelcomeCardRun, WelcomeError};
use crate::Book;

/// How the gesture reaches the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Delivery {
    /// An `.eml` draft for the owner's mail program (none: `<data-dir>/drafts/`).
    Eml { path: Option<String> },
    /// Sent now over SMTP (Settings).
    Smtp,
    /// A printed card (none: `<data-dir>/cards/`).
    Card {
        format: CardFormat,
        path: Option<String>,
    },
    /// Done in person or by phone: only recorded.
    InPerson,
}

impl Delivery {
    fn as_str(&self) -> &'static str {
        match self {
            Delivery::Eml { .. } => "eml",
            Delivery::Smtp => "smtp",
            Delivery::Card { .. } => "card",
            Delivery::InPerson => "in_person",
        }
    }

    fn phrase(&self) -> &'static str {
        match self {
            Delivery::Eml { .. } => "draft saved",
            Delivery::Smtp => "sent by email",
            Delivery::Card { .. } => "card printed",
            Delivery::InPerson => "in person / by phone",
        }
    }
}

/// A gesture given and recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GestureDone {
    pub kind: String,
    pub delivery: String,
    /// The file written (a draft or a card).
    pub path: Option<String>,
    pub message_id: Option<String>,
    /// The "<kind> sent" on the timeline: deleting it is the Undo.
    pub touchpoint: Touchpoint,
}

impl Book {
    /// Gives a gesture and records it. A file goes through the output guard; mail that cannot be
    /// built or sent records nothing.
    pub fn give_gesture(
        &mut self,
        req: &GestureRequest,
        delivery: &Delivery,
        fonts: &FontSet,
        today: NaiveDate,
    ) -> Result<GestureDone> {
        let (info, parts) = self.gesture_parts(req, today)?;
        let subject = parts.subject().to_string();
        let mut path = None;
        let mut mid = None;
        match delivery {
            Delivery::Eml { path: to } => {
                let out = self.out_path(to.as_deref(), DRAFTS_FOLDER, &info, req, today, "eml");
                let guard = self.output_guard();
                guard.check(&out, OutputKind::Document)?;
                let message = parts.message()?;
                let built = build_message(&message, self.sender()?, true)?;
                let written = guard.write_bytes(&out, OutputKind::Document, &built.formatted())?;
                path = Some(written.display().to_string());
                mid = Some(message_id(&built));
            }
            Delivery::Smtp => {
                let transport = crate::welcome::smtp::transport(self)?;
                let message = parts.message()?;
                let built = build_message(&message, self.sender()?, false)?;
                transport.send(&built).map_err(|e| WelcomeError::Send {
                    detail: e.to_string(),
                })?;
                mid = Some(message_id(&built));
            }
            Delivery::Card { format, path: to } => {
                let out = self.out_path(to.as_deref(), CARDS_FOLDER, &info, req, today, "pdf");
                let guard = self.output_guard();
                guard.check(&out, OutputKind::Document)?;
                let printed = WelcomeCardRun::new(parts, *format, out, guard).print(fonts)?;
                path = Some(printed.path);
            }
            Delivery::InPerson => {}
        }
        let touchpoint = self.record_gesture(req, &info, delivery, &subject, today)?;
        Ok(GestureDone {
            kind: info.kind,
            delivery: delivery.as_str().into(),
            path,
            message_id: mid,
            touchpoint,
        })
    }

    fn record_gesture(
        &mut self,
        req: &GestureRequest,
        info: &GestureKindInfo,
        delivery: &Delivery,
        subject: &str,
        today: NaiveDate,
    ) -> Result<Touchpoint> {
        let kind = if info.kind == "welcome" {
            TouchpointKind::WelcomeSent
        } else {
            TouchpointKind::GestureSent
        };
        let entry = NewTouchpoint {
            kind,
            happened_on: today,
            note: format!("{} sent ({}): {subject}", info.label, delivery.phrase()),
            handled_by: req.staff_name.clone().unwrap_or_default(),
        };
        entry.validate(today)?;
        // An apology about an open complaint moves its loop on, in the same transaction.
        let complaint = match (info.kind.as_str(), req.about) {
            ("apology", Some(id)) => Some(id),
            ("apology", None) => self.newest_open_complaint(req.contact_id)?,
            _ => None,
        };
        let step = match complaint {
            Some(id) if self.complaint_loop(id)?.stage == super::LoopStage::Open => {
                Some(NewComplaintStep {
                    complaint_id: id,
                    step: "apologised",
                    what_we_did: "",
                    done_by: &entry.handled_by,
                    outcome: "",
                })
            }
            _ => None,
        };
        self.store_mut().record_gesture(
            req.contact_id,
            &entry,
            &NewGesture {
                kind: &info.kind,
                delivery: delivery.as_str(),
                subject,
            },
            step.as_ref(),
        )
    }

    fn out_path(
        &self,
        given: Option<&str>,
        folder: &str,
        info: &GestureKindInfo,
        req: &GestureRequest,
        today: NaiveDate,
        ext: &str,
    ) -> PathBuf {
        match given {
            Some(path) => PathBuf::from(path),
            None => self.data_dir().join(folder).join(format!(
                "{}-{}-{}.{ext}",
                info.kind,
                req.contact_id,
                today.format("%Y%m%d")
            )),
        }
    }
}
