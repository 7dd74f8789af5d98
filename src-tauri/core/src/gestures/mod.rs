//! Gestures beyond the welcome, with one composer: a thank-you after a purchase, an apology after
//! a complaint, a check-in, a birthday greeting, a referral thanks and the owner's own kinds.
//! Each kind has warm default words for a small shop, its own merge fields and a picture; it is
//! delivered as the welcome is (an `.eml` draft, SMTP, a printed card) or done in person, and
//! recorded on the timeline as "<kind> sent" (deleting that entry is the Undo).
//!
//! The words and the picture are gathered by the welcome's machinery ([`crate::welcome`]); this
//! area adds the kinds, their fields and values, and the record. The complaint's loop is in
//! [`complaints`].

pub mod complaints;
pub mod goodwill;
pub mod kinds;
pub mod send;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts::TouchpointKind;
use crate::error::{ErrorCode, Result};
use crate::merge;
use crate::photos::PhotoKind;
use crate::welcome::{PhotoChoice, WelcomeParts};
use crate::Book;

pub use complaints::{
    ComplaintLoop, LoopStage, LoopStep, OpenLoop, OpenLoopList, Outcome, QuarterCount,
};
pub use goodwill::Goodwill;
pub use kinds::{GestureKindInfo, BUILTIN_KINDS};
pub use send::{Delivery, GestureDelivered, GestureDone, GestureRun};

#[derive(Debug, thiserror::Error)]
pub enum GestureError {
    #[error("There is no kind of gesture {kind:?}. Kinds: {}.", .known.join(", "))]
    UnknownKind { kind: String, known: Vec<String> },
    #[error("The {kind} template uses fields Rapport does not know: {}. Known fields for it: {}.", .fields.join(", "), .known.join(", "))]
    UnknownFields {
        kind: String,
        fields: Vec<String>,
        known: Vec<String>,
    },
    #[error("{0}")]
    OutOfOrder(String),
    #[error("Touchpoint {id} is not a complaint; a loop starts from a complaint on the timeline.")]
    NotAComplaint { id: i64 },
}

impl GestureError {
    pub fn code(&self) -> ErrorCode {
        match self {
            GestureError::UnknownKind { .. } => ErrorCode::Invalid,
            GestureError::UnknownFields { .. } => ErrorCode::UnknownFields,
            GestureError::OutOfOrder(_) => ErrorCode::Conflict,
            GestureError::NotAComplaint { .. } => ErrorCode::NotFound,
        }
    }
}

impl Book {
    /// Logs a gift or voucher given to a customer: a "gift" entry on their timeline ("A bunch of
    /// tulips — birthday (value 12.50)") with what, value and occasion kept; deleting the entry
    /// is the Undo.
    pub fn give_gift(
        &mut self,
        contact_id: i64,
        gift: crate::contacts::NewGift,
        today: NaiveDate,
    ) -> Result<crate::contacts::Touchpoint> {
        let gift = gift.validated()?;
        let entry = crate::contacts::NewTouchpoint {
            kind: TouchpointKind::Gift,
            happened_on: gift.given_on.unwrap_or(today),
            note: gift.timeline_note(),
            handled_by: self.store().signed_in_name()?.unwrap_or_default(),
        };
        entry.validate(today)?;
        self.store_mut().record_gift(contact_id, &entry, &gift)
    }
}

/// Which picture goes with a gesture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum GesturePhoto {
    /// As a welcome: the default photo, else the team photo, else the newest portrait.
    Default,
    /// No picture.
    None,
    /// The portrait of the staff member who handled it (the default photo if they have none).
    Staff,
    /// The newest team photo.
    Team,
    /// The newest team photo with the customer's name on its whiteboard.
    TeamWhiteboard,
    /// This photo, optionally with the name written on it.
    Photo {
        #[ts(type = "number")]
        id: i64,
        whiteboard: bool,
    },
}

/// A gesture for one customer, as the composer asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GestureRequest {
    /// welcome, thank-you, apology, check-in, birthday, referral-thanks, or an own kind.
    pub kind: String,
    #[ts(type = "number")]
    pub contact_id: i64,
    /// The timeline entry it answers (a purchase, a complaint, a compliment); none: the newest
    /// one of the kind that fits.
    #[ts(type = "number | null")]
    pub about: Option<i64>,
    pub photo: GesturePhoto,
    /// Who handled it (`{staff_name}`); none: who handled the entry it answers.
    pub staff_name: Option<String>,
    /// The friend they sent us (`{referred_name}`).
    pub referred_name: Option<String>,
    /// This message's own subject instead of the kind's template (merge fields allowed).
    #[serde(default)]
    pub subject: Option<String>,
    /// This message's own text instead of the kind's template (merge fields allowed).
    #[serde(default)]
    pub text: Option<String>,
}

impl GestureRequest {
    pub fn new(kind: &str, contact_id: i64) -> GestureRequest {
        GestureRequest {
            kind: kind.to_string(),
            contact_id,
            about: None,
            photo: GesturePhoto::Default,
            staff_name: None,
            referred_name: None,
            subject: None,
            text: None,
        }
    }
}

/// The message as the customer will see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GesturePreview {
    pub kind: String,
    /// The kind as the owner reads it: "Thank-you".
    pub label: String,
    #[ts(type = "number")]
    pub contact_id: i64,
    /// "Name <address>", or none when they have no email (a card or in person still work).
    pub to: Option<String>,
    pub subject: String,
    pub text: String,
    pub photo_data_url: Option<String>,
    /// Why no picture goes with it, and the sentences about one left out.
    pub photo_note: Option<String>,
}

impl Book {
    /// Gathers one gesture: its kind's template (checked), the values it answers, the picture.
    fn gesture_parts(
        &self,
        req: &GestureRequest,
        today: NaiveDate,
    ) -> Result<(GestureKindInfo, WelcomeParts)> {
        let mut info = self.gesture_kind(&req.kind)?;
        // The composer may change the words for this one message; they are checked as a
        // template is, so an unknown field is refused the same way.
        if let Some(subject) = req.subject.as_deref().map(crate::contacts::clean_line) {
            if !subject.is_empty() {
                info.subject = subject;
            }
        }
        if let Some(text) = req.text.as_deref().map(|t| t.replace("\r\n", "\n")) {
            if !text.trim().is_empty() {
                info.body = text.trim().to_string();
            }
        }
        check_fields(&info, &info.subject)?;
        check_fields(&info, &info.body)?;
        let timeline = self.store().timeline(req.contact_id)?;
        let about = match req.about {
            Some(id) => Some(
                timeline
                    .iter()
                    .find(|t| t.id == id)
                    .ok_or_else(|| crate::Error::not_found(format!("Timeline entry {id}")))?,
            ),
            None => {
                let wanted = match info.kind.as_str() {
                    "thank-you" => Some(TouchpointKind::Purchase),
                    "apology" => Some(TouchpointKind::Complaint),
                    _ => None,
                };
                wanted.and_then(|k| timeline.iter().find(|t| t.kind == k))
            }
        };
        let newest_note = |kind: TouchpointKind| {
            timeline
                .iter()
                .find(|t| t.kind == kind)
                .map(|t| t.note.clone())
                .unwrap_or_default()
        };
        let about_note = |kind: TouchpointKind| match about {
            Some(t) if t.kind == kind => t.note.clone(),
            _ => newest_note(kind),
        };
        let staff_name = match &req.staff_name {
            Some(name) if !name.trim().is_empty() => crate::contacts::clean_line(name),
            _ => about.map(|t| t.handled_by.clone()).unwrap_or_default(),
        };
        // Nobody named as who handled it: the person signed in, else the one who signs the
        // messages, else the business; never an empty name in a sentence ("… is looking after it").
        let staff_name = if staff_name.trim().is_empty() {
            let signature = self.setting("signature")?;
            let signer = signature.lines().next().unwrap_or("").trim().to_string();
            [
                self.store().signed_in_name()?.unwrap_or_default(),
                signer,
                self.business_name()?,
            ]
            .into_iter()
            .find(|name| !name.trim().is_empty())
            .unwrap_or_else(|| "Our team".to_string())
        } else {
            staff_name
        };
        let what_we_did = match about.filter(|t| t.kind == TouchpointKind::Complaint) {
            Some(t) => self.complaint_loop(t.id)?.what_we_did,
            None => String::new(),
        };
        let detail = self.contact(req.contact_id)?;
        // The friend they sent us: as given, else the newest one noted as referred by them.
        let referred_name = match req
            .referred_name
            .as_deref()
            .map(crate::contacts::clean_line)
        {
            Some(name) if !name.is_empty() => name,
            _ => detail
                .referred
                .first()
                .map(|friend| friend.display_name.clone())
                .unwrap_or_default(),
        };
        let extra = [
            ("last_purchase", about_note(TouchpointKind::Purchase)),
            ("complaint", about_note(TouchpointKind::Complaint)),
            ("what_we_did", what_we_did),
            ("staff_name", staff_name.clone()),
            ("referred_name", referred_name),
        ];
        let choice = self.gesture_photo(&req.photo, &staff_name)?;
        let board = info.board_words(&detail.contact);
        let parts = self.message_parts(
            req.contact_id,
            (&info.subject, &info.body),
            &extra,
            &choice,
            Some(&board),
            today,
        )?;
        Ok((info, parts))
    }

    /// The gesture as the customer will see it.
    pub fn gesture_preview(
        &self,
        req: &GestureRequest,
        today: NaiveDate,
    ) -> Result<GesturePreview> {
        let (info, parts) = self.gesture_parts(req, today)?;
        let to = parts.to_email().map(str::to_string);
        let photo_note = parts.photo_note().map(str::to_string);
        let (subject, text, photo) = parts.words_and_picture()?;
        Ok(GesturePreview {
            kind: info.kind,
            label: info.label,
            contact_id: req.contact_id,
            to,
            subject,
            text,
            photo_data_url: photo.as_deref().map(crate::photos::data_url),
            photo_note,
        })
    }

    /// The welcome's photo choice a gesture's picture means.
    fn gesture_photo(&self, photo: &GesturePhoto, staff_name: &str) -> Result<PhotoChoice> {
        let newest_team = || -> Result<Option<i64>> {
            Ok(self
                .store()
                .photos()?
                .into_iter()
                .filter(|p| p.kind == PhotoKind::Team)
                .map(|p| p.id)
                .max())
        };
        Ok(match photo {
            GesturePhoto::Default => PhotoChoice::Default,
            GesturePhoto::None => PhotoChoice::None,
            GesturePhoto::Photo { id, whiteboard } => PhotoChoice::Photo {
                id: *id,
                whiteboard: *whiteboard,
            },
            GesturePhoto::Team | GesturePhoto::TeamWhiteboard => match newest_team()? {
                Some(id) => PhotoChoice::Photo {
                    id,
                    whiteboard: *photo == GesturePhoto::TeamWhiteboard,
                },
                None => PhotoChoice::Default,
            },
            GesturePhoto::Staff => {
                let portrait = self
                    .store()
                    .staff()?
                    .into_iter()
                    .find(|s| !staff_name.is_empty() && s.name.eq_ignore_ascii_case(staff_name))
                    .and_then(|s| s.photo_id);
                match portrait {
                    Some(id) => PhotoChoice::Photo {
                        id,
                        whiteboard: false,
                    },
                    None => PhotoChoice::Default,
                }
            }
        })
    }
}

/// Refuses a template naming a field the kind does not know, listing the ones it does.
fn check_fields(info: &GestureKindInfo, template: &str) -> Result<()> {
    let known: Vec<&str> = info.fields.iter().map(String::as_str).collect();
    let unknown = merge::unknown_fields(template, &known);
    if unknown.is_empty() {
        return Ok(());
    }
    Err(GestureError::UnknownFields {
        kind: info.label.clone(),
        fields: unknown
            .into_iter()
            .map(|u| format!("{{{}}}", u.name))
            .collect(),
        known: info.fields.iter().map(|f| format!("{{{f}}}")).collect(),
    }
    .into())
}
