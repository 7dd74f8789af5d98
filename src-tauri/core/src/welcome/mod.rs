//! A personal welcome for a new customer: a message from a template with merge fields and the
//! team's picture (optionally with the customer's name written on it, like a whiteboard the team
//! holds up), saved as an `.eml` draft for the owner's mail client ([`eml`]), sent over SMTP
//! ([`smtp`]), or printed as a card ([`card`]); each way recorded on the customer's timeline.
//!
//! What a welcome needs from the book is gathered while the book is held ([`WelcomeParts`]); the
//! picture is drawn, the card rendered and the mail sent after it is let go.

pub mod card;
pub mod eml;
pub mod no_picture;
pub mod smtp;

use crate::error::ErrorCode;
use base64::Engine;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cards::CardRecipient;
use crate::contacts::{clean_line, Contact, NewTouchpoint, Touchpoint, TouchpointKind};
use crate::error::{Error, Result};
use crate::merge::{self, MergeValues};
use crate::photos::{self, BoardArea, PhotoKind};
use crate::settings::template_fields;
use crate::{whiteboard, Book};

pub use card::{CardOutput, WelcomeCard, WelcomeCardRun};
pub use eml::build_message;
pub use smtp::{WelcomeSending, WelcomeSent};

#[derive(Debug, thiserror::Error)]
pub enum WelcomeError {
    #[error("{name} has no email address. Add one on their page, then welcome them.")]
    NoEmail { name: String },
    #[error("The email address {address:?} cannot be used ({reason}). Correct it and try again.")]
    BadAddress { address: String, reason: String },
    #[error("The welcome template uses fields Rapport does not know: {}. Correct them in Settings (known fields: {}).", .fields.join(", "), template_fields().join(", "))]
    UnknownFields { fields: Vec<String> },
    #[error("Set the address your messages come from first: Settings → Your email (rapport settings set from_email you@example.com).")]
    NoSender,
    #[error("Set your mail provider's SMTP server first: Settings → SMTP server (rapport settings set smtp_host smtp.example.com).")]
    NoSmtpServer,
    #[error("Sending without encryption is only allowed to a server on this machine; {host} needs smtp_security starttls or tls.")]
    PlainNotLocal { host: String },
    #[error("The message could not be built ({detail}).")]
    Build { detail: String },
    #[error("The mail server did not take the message: {detail}. Check the SMTP settings and your connection, then retry; messages already sent are not sent twice.")]
    Send { detail: String },
    #[error("The mail server did not take the message: {detail}. Nothing was recorded; check the SMTP settings and your connection, then send it again.")]
    NotSent { detail: String },
    #[error("The card would show boxes instead of these characters: {missing}. No font on this machine has them; install a font for that script (for example the Noto fonts), then print again.")]
    Unprintable { missing: String },
    #[error("The welcome card could not be made: {detail}")]
    Card { detail: String },
}

impl WelcomeError {
    pub fn code(&self) -> ErrorCode {
        match self {
            WelcomeError::NoEmail { .. } | WelcomeError::BadAddress { .. } => ErrorCode::NoEmail,
            WelcomeError::UnknownFields { .. } => ErrorCode::UnknownFields,
            WelcomeError::NoSender
            | WelcomeError::NoSmtpServer
            | WelcomeError::PlainNotLocal { .. } => ErrorCode::Settings,
            WelcomeError::Build { .. } => ErrorCode::Build,
            WelcomeError::Send { .. } | WelcomeError::NotSent { .. } => ErrorCode::Send,
            WelcomeError::Unprintable { .. } | WelcomeError::Card { .. } => ErrorCode::Card,
        }
    }
}

/// Which picture goes with the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum PhotoChoice {
    /// The default photo from Settings (none when none is set).
    Default,
    /// No picture.
    None,
    /// This photo, optionally with the customer's name written on it.
    Photo {
        #[ts(type = "number")]
        id: i64,
        whiteboard: bool,
    },
}

/// A finished message for one customer.
#[derive(Debug, Clone)]
pub struct WelcomeMessage {
    pub contact_id: i64,
    pub to_name: String,
    pub to_email: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub photo_jpeg: Option<Vec<u8>>,
}

/// What the composer shows: the message as the customer will see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WelcomePreview {
    #[ts(type = "number")]
    pub contact_id: i64,
    pub to: String,
    pub subject: String,
    pub text: String,
    /// `data:image/jpeg;base64,…`, or none without a picture.
    pub photo_data_url: Option<String>,
    /// Why no picture goes with the message and which sentences about one were left out.
    pub photo_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SendResult {
    #[ts(type = "number")]
    pub contact_id: i64,
    /// pending, sent or failed
    pub status: String,
    pub message_id: String,
    pub error: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SendReport {
    #[ts(type = "number")]
    pub batch: i64,
    pub sent: u32,
    pub failed: u32,
    pub results: Vec<SendResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DraftSaved {
    pub path: String,
    pub message_id: String,
    /// The "welcome sent" recorded on the timeline (deleting it undoes the mark).
    #[ts(type = "number")]
    pub touchpoint_id: i64,
}

/// A printed welcome card, written and recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CardPrinted {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: i64,
    /// The "welcome sent" recorded on the timeline (deleting it undoes the mark).
    #[ts(type = "number")]
    pub touchpoint_id: i64,
}

/// The picture of a welcome as stored, and the words to write on it, if any.
#[derive(Debug, Clone)]
struct Picture {
    jpeg: Vec<u8>,
    board: Option<(BoardArea, String)>,
}

impl Picture {
    /// The JPEG to send or print: as stored, or with the words written on its board.
    fn finish(self) -> Result<Vec<u8>> {
        let Some((area, words)) = self.board else {
            return Ok(self.jpeg);
        };
        let image = photos::decode_stored(&self.jpeg)?;
        let written = whiteboard::write_on_photo(&image, area, &words);
        Ok(photos::encode_jpeg(&written)?)
    }
}

/// The words and picture of one welcome as gathered from the book: everything but the pixels.
#[derive(Debug, Clone)]
pub struct WelcomeParts {
    contact_id: i64,
    display_name: String,
    /// The first email address, if the contact has one (a printed card needs none).
    to_email: Option<String>,
    values: MergeValues,
    subject: String,
    text: String,
    picture: Option<Picture>,
    /// Why there is no picture, and the sentences about one left out (none with a picture).
    photo_note: Option<String>,
    /// The body template names `{signature}` itself.
    body_has_signature: bool,
    /// The contact as a card addresses them, for a printed welcome.
    card_recipient: CardRecipient,
}

impl WelcomeParts {
    /// The message for the contact's email address, its picture drawn.
    pub fn message(self) -> Result<WelcomeMessage> {
        let to_email = self.to_email.clone().ok_or_else(|| WelcomeError::NoEmail {
            name: self.display_name.clone(),
        })?;
        let photo_jpeg = self.picture.map(Picture::finish).transpose()?;
        let html = html_body(&self.text, photo_jpeg.is_some());
        Ok(WelcomeMessage {
            contact_id: self.contact_id,
            to_name: self.display_name,
            to_email,
            subject: self.subject,
            text: self.text,
            html,
            photo_jpeg,
        })
    }

    /// What the composer shows: the message as the customer will see it.
    pub fn preview(self) -> Result<WelcomePreview> {
        let contact_id = self.contact_id;
        let photo_note = self.photo_note.clone();
        let message = self.message()?;
        Ok(WelcomePreview {
            contact_id,
            to: format!("{} <{}>", message.to_name, message.to_email),
            subject: message.subject,
            text: message.text,
            photo_data_url: message.photo_jpeg.map(|jpeg| {
                format!(
                    "data:image/jpeg;base64,{}",
                    base64::engine::general_purpose::STANDARD.encode(jpeg)
                )
            }),
            photo_note,
        })
    }

    /// The subject and text, and the picture drawn, whether or not they have an email address.
    pub fn words_and_picture(self) -> Result<(String, String, Option<Vec<u8>>)> {
        let photo = self.picture.map(Picture::finish).transpose()?;
        Ok((self.subject, self.text, photo))
    }

    /// The contact's first email address, if they have one.
    pub fn to_email(&self) -> Option<&str> {
        self.to_email.as_deref()
    }

    /// The subject as merged.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// Why no picture goes with the message, if none does.
    pub fn photo_note(&self) -> Option<&str> {
        self.photo_note.as_deref()
    }
}

impl Book {
    /// Gathers a welcome for one contact: the template merged with their values and the
    /// business's, and the picture chosen (not drawn yet). Unknown fields in the template are
    /// refused with the known ones named.
    pub fn welcome_parts(
        &self,
        contact_id: i64,
        choice: &PhotoChoice,
        today: NaiveDate,
    ) -> Result<WelcomeParts> {
        let subject_template = self.setting("welcome_subject")?;
        let body_template = self.setting("welcome_body")?;
        let known = template_fields();
        let mut unknown = merge::unknown_fields(&subject_template, &known);
        unknown.extend(merge::unknown_fields(&body_template, &known));
        if !unknown.is_empty() {
            return Err(WelcomeError::UnknownFields {
                fields: unknown
                    .into_iter()
                    .map(|u| format!("{{{}}}", u.name))
                    .collect(),
            }
            .into());
        }
        self.message_parts(
            contact_id,
            (&subject_template, &body_template),
            &[],
            choice,
            None,
            today,
        )
    }

    /// A message for one contact from these templates (their fields already checked), with
    /// values beyond the contact's and the business's (`extra`), the picture chosen and the
    /// words for its whiteboard (none: "Welcome, …!"). The welcome and every other gesture.
    pub(crate) fn message_parts(
        &self,
        contact_id: i64,
        (subject_template, body_template): (&str, &str),
        extra: &[(&str, String)],
        choice: &PhotoChoice,
        board: Option<&str>,
        today: NaiveDate,
    ) -> Result<WelcomeParts> {
        let contact = self.contact(contact_id)?.contact;
        let mut values = MergeValues::for_contact(&contact, today);
        values
            .set("business_name", self.setting("business_name")?)
            .set("signature", self.setting("signature")?)
            .set("staff_names", self.staff_names_line()?);
        for (name, value) in extra {
            values.set(name, value.clone());
        }
        // A subject is one line whatever the values hold.
        let subject = clean_line(&merge::fill(subject_template, &values));
        let words = board.map_or_else(|| board_words(&values), str::to_string);
        let (picture, why_none) = self.welcome_picture(&words, choice)?;
        // Without a picture, the words that speak of one are left out, and the owner told.
        let (body_template, photo_note) = match why_none {
            None => (body_template.to_string(), None),
            Some(why) => {
                let (kept, dropped) = no_picture::without_picture_sentences(body_template);
                let note = match dropped.as_slice() {
                    [] => why,
                    _ => format!(
                        "{why} So the message leaves out: {}",
                        dropped
                            .iter()
                            .map(|d| format!("“{d}”"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                };
                (kept, Some(note))
            }
        };
        let text = merge::fill(&body_template, &values);
        let body_has_signature = merge::unknown_fields(&body_template, &[])
            .iter()
            .any(|f| f.name == "signature");
        let mut card_recipient = CardRecipient::for_contact(&contact, today, None);
        card_recipient.display_name = clean_line(&contact.display_name);
        Ok(WelcomeParts {
            card_recipient,
            contact_id,
            display_name: clean_line(&contact.display_name),
            to_email: first_email(&contact),
            values,
            subject,
            text,
            picture,
            photo_note,
            body_has_signature,
        })
    }

    /// The message for one customer, with the picture chosen (drawn here: for one message).
    pub fn compose_welcome(
        &self,
        contact_id: i64,
        choice: &PhotoChoice,
        today: NaiveDate,
    ) -> Result<WelcomeMessage> {
        let parts = self.welcome_parts(contact_id, choice, today)?;
        if parts.to_email.is_none() {
            return Err(WelcomeError::NoEmail {
                name: parts.display_name,
            }
            .into());
        }
        parts.message()
    }

    /// The message as the customer will see it, for the composer.
    pub fn welcome_preview(
        &self,
        contact_id: i64,
        choice: &PhotoChoice,
        today: NaiveDate,
    ) -> Result<WelcomePreview> {
        self.welcome_parts(contact_id, choice, today)?.preview()
    }

    /// Records "welcome sent" on the contact's timeline (deleting it undoes the mark).
    pub(crate) fn record_welcome(
        &mut self,
        contact_id: i64,
        note: String,
        today: NaiveDate,
    ) -> Result<Touchpoint> {
        self.log_touchpoint(
            contact_id,
            NewTouchpoint {
                kind: TouchpointKind::WelcomeSent,
                happened_on: today,
                note,
                handled_by: String::new(),
            },
            today,
        )
    }

    /// The active staff's names as a welcome says them: "Ann, Bo and Cy".
    fn staff_names_line(&self) -> Result<String> {
        let names: Vec<String> = self
            .store()
            .staff()?
            .into_iter()
            .filter(|s| s.active)
            .map(|s| s.name)
            .collect();
        Ok(match names.as_slice() {
            [] => "the whole team".to_string(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        })
    }

    /// The stored picture a choice means and the words to write on it when asked; without a
    /// picture, why there is none (for the composer).
    fn welcome_picture(
        &self,
        board_text: &str,
        choice: &PhotoChoice,
    ) -> Result<(Option<Picture>, Option<String>)> {
        let (id, write) = match choice {
            PhotoChoice::None => {
                return Ok((None, Some("You chose to send no picture.".into())));
            }
            PhotoChoice::Photo { id, whiteboard } => (*id, *whiteboard),
            PhotoChoice::Default => {
                let write = self.setting("default_whiteboard")? == "yes";
                match self.default_photo_id()? {
                    Some(id) => (id, write),
                    None => return Ok((None, Some(NO_PHOTO_YET.into()))),
                }
            }
        };
        let info = self.store().photo(id)?;
        let jpeg = self.store().photo_jpeg(id, false)?;
        let board = write.then(|| {
            let area = info
                .board
                .unwrap_or_else(|| photos::default_board(info.width, info.height));
            (area, board_text.to_string())
        });
        Ok((Some(Picture { jpeg, board }), None))
    }

    /// The photo a welcome takes when none is named: the one chosen in Settings, else the newest
    /// team photo, else the newest portrait of someone on the staff.
    pub fn default_photo_id(&self) -> Result<Option<i64>> {
        let photos = self.store().photos()?;
        if let Ok(id) = self.setting("default_photo")?.parse::<i64>() {
            // A chosen photo deleted since falls back like no choice.
            if photos.iter().any(|p| p.id == id) {
                return Ok(Some(id));
            }
        }
        let newest = |kind: PhotoKind| photos.iter().filter(|p| p.kind == kind).map(|p| p.id).max();
        Ok(newest(PhotoKind::Team).or_else(|| newest(PhotoKind::Staff)))
    }
}

fn first_email(contact: &Contact) -> Option<String> {
    contact
        .fields
        .emails
        .first()
        .map(|e| e.value.trim().to_string())
        .filter(|e| !e.is_empty())
}

/// The words written on the whiteboard.
fn board_words(values: &MergeValues) -> String {
    let first = values.get("first_name").unwrap_or("");
    let company = values.get("company").unwrap_or("");
    let name = if first.is_empty() {
        values.get("full_name").unwrap_or("")
    } else {
        first
    };
    if company.is_empty() {
        format!("Welcome, {name}!")
    } else {
        format!("Welcome, {name} of {company}!")
    }
}

/// The text written on the whiteboard for a name and company (for previews and tests).
pub fn whiteboard_text(first_name: &str, company: &str) -> String {
    let mut values = MergeValues::new();
    values.set("first_name", first_name).set("company", company);
    board_words(&values)
}

fn html_body(text: &str, with_photo: bool) -> String {
    let mut html = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>\n<body style=\"font-family: sans-serif; line-height: 1.5;\">\n",
    );
    let paragraphs: Vec<&str> = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        let lines: Vec<String> = paragraph.lines().map(escape_html).collect();
        html.push_str(&format!("<p>{}</p>\n", lines.join("<br>\n")));
        if i == 0 && with_photo {
            html.push_str(&format!(
                "<p><img src=\"cid:{PHOTO_CID}\" alt=\"Our team\" style=\"max-width: 100%; border-radius: 8px;\"></p>\n"
            ));
        }
    }
    html.push_str("</body></html>\n");
    html
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const PHOTO_CID: &str = "welcome-photo";

const NO_PHOTO_YET: &str = "No picture goes with this message: the book has no team photo or staff portrait yet (add one under Staff & photos).";

/// Checks a choice of recipients for a welcome batch: at least one.
fn check_ids(contact_ids: &[i64]) -> Result<()> {
    if contact_ids.is_empty() {
        return Err(Error::invalid("ids", "choose at least one customer"));
    }
    Ok(())
}
