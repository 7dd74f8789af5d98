//! Giving a gesture: an `.eml` draft, SMTP, a printed card, or done in person / by phone (only
//! recorded). Each is recorded on the timeline as "<kind> sent" with which gesture it was; an
//! apology about a complaint is also the loop's "apologised" step, in the same transaction.
//!
//! Like the welcome, a gesture is gathered with the book held ([`Book::prepare_gesture`]),
//! delivered without it ([`GestureRun::deliver`]: the picture drawn, the card rendered, the mail
//! server's answer awaited) and recorded with it again ([`Book::record_gesture_given`]).

use std::path::PathBuf;

use chrono::NaiveDate;
use lettre::message::Mailbox;
use lettre::{SmtpTransport, Transport};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{GestureKindInfo, GestureRequest};
use crate::cards::{CardFormat, FontSet, CARDS_FOLDER};
use crate::contacts::{NewTouchpoint, Touchpoint, TouchpointKind};
use crate::error::Result;
use crate::paths::{OutputGuard, OutputKind};
use crate::store::{NewComplaintStep, NewGesture};
use crate::welcome::eml::{self, build_message, DRAFTS_FOLDER};
use crate::welcome::{WelcomeCardRun, WelcomeError, WelcomeParts};
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

/// Where a gathered gesture goes, with what it needs to get there.
enum Target {
    Eml {
        out: PathBuf,
        guard: OutputGuard,
        from: Mailbox,
    },
    Smtp {
        transport: SmtpTransport,
        from: Mailbox,
    },
    Card {
        format: CardFormat,
        out: PathBuf,
        guard: OutputGuard,
    },
    InPerson,
}

/// A gesture gathered from the book ([`Book::prepare_gesture`]): everything needed to draw the
/// picture, write the draft, print the card or send the mail without the book held.
pub struct GestureRun {
    req: GestureRequest,
    info: GestureKindInfo,
    parts: WelcomeParts,
    delivery: Delivery,
    target: Target,
}

/// A gesture that reached the customer (or the file), to record with
/// [`Book::record_gesture_given`].
pub struct GestureDelivered {
    req: GestureRequest,
    info: GestureKindInfo,
    delivery: Delivery,
    subject: String,
    path: Option<String>,
    message_id: Option<String>,
}

impl GestureRun {
    /// Draws the picture and delivers: writes the draft, prints the card or hands the mail to
    /// the server. Needs no book; nothing is recorded yet.
    pub fn deliver(self, fonts: &FontSet) -> Result<GestureDelivered> {
        let GestureRun {
            req,
            info,
            parts,
            delivery,
            target,
        } = self;
        let subject = parts.subject().to_string();
        let mut path = None;
        let mut message_id = None;
        match target {
            Target::Eml { out, guard, from } => {
                let message = parts.message()?;
                let built = build_message(&message, from, true)?;
                let written = guard.write_bytes(&out, OutputKind::Document, &built.formatted())?;
                path = Some(written.display().to_string());
                message_id = Some(eml::message_id(&built));
            }
            Target::Smtp { transport, from } => {
                let message = parts.message()?;
                let built = build_message(&message, from, false)?;
                transport.send(&built).map_err(|e| WelcomeError::NotSent {
                    detail: e.to_string(),
                })?;
                message_id = Some(eml::message_id(&built));
            }
            Target::Card { format, out, guard } => {
                let printed = WelcomeCardRun::new(parts, format, out, guard).print(fonts)?;
                path = Some(printed.path);
            }
            Target::InPerson => {}
        }
        Ok(GestureDelivered {
            req,
            info,
            delivery,
            subject,
            path,
            message_id,
        })
    }
}

impl Book {
    /// Gives a gesture and records it, in one call: for a caller that holds the book anyway
    /// (the command line). The window uses the three steps so the book is free while a card
    /// renders or the mail server answers.
    pub fn give_gesture(
        &mut self,
        req: &GestureRequest,
        delivery: &Delivery,
        fonts: &FontSet,
        today: NaiveDate,
    ) -> Result<GestureDone> {
        let delivered = self.prepare_gesture(req, delivery, today)?.deliver(fonts)?;
        self.record_gesture_given(delivered, today)
    }

    /// Gathers a gesture: its words and picture, and where it goes. Every problem the book can
    /// see (an unknown field, no sender, no mail server, a file path that would replace the book)
    /// is reported here, before anything is drawn, written or sent.
    pub fn prepare_gesture(
        &self,
        req: &GestureRequest,
        delivery: &Delivery,
        today: NaiveDate,
    ) -> Result<GestureRun> {
        let (info, parts) = self.gesture_parts(req, today)?;
        let target = match delivery {
            Delivery::Eml { path: to } => {
                let out = self.out_path(to.as_deref(), DRAFTS_FOLDER, &info, req, today, "eml");
                let guard = self.output_guard();
                guard.check(&out, OutputKind::Document)?;
                Target::Eml {
                    out,
                    guard,
                    from: self.sender()?,
                }
            }
            Delivery::Smtp => Target::Smtp {
                transport: crate::welcome::smtp::transport(self)?,
                from: self.sender()?,
            },
            Delivery::Card { format, path: to } => {
                let out = self.out_path(to.as_deref(), CARDS_FOLDER, &info, req, today, "pdf");
                let guard = self.output_guard();
                guard.check(&out, OutputKind::Document)?;
                Target::Card {
                    format: *format,
                    out,
                    guard,
                }
            }
            Delivery::InPerson => Target::InPerson,
        };
        Ok(GestureRun {
            req: req.clone(),
            info,
            parts,
            delivery: delivery.clone(),
            target,
        })
    }

    /// Records a delivered gesture as "<kind> sent" on the timeline (and an apology as its
    /// complaint's "apologised" step, in the same transaction).
    pub fn record_gesture_given(
        &mut self,
        delivered: GestureDelivered,
        today: NaiveDate,
    ) -> Result<GestureDone> {
        let GestureDelivered {
            req,
            info,
            delivery,
            subject,
            path,
            message_id,
        } = delivered;
        let touchpoint = self.record_gesture(&req, &info, &delivery, &subject, today)?;
        Ok(GestureDone {
            kind: info.kind,
            delivery: delivery.as_str().into(),
            path,
            message_id,
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
