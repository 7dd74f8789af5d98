//! The welcome printed as a card: the subject as the greeting, the picture on the front (shown
//! whole), the body inside and the signature under it. No email address needed.

use std::path::Path;

use chrono::NaiveDate;

use super::{CardPrinted, PhotoChoice, WelcomeError, WelcomeParts};
use crate::cards::{self, CardDesign, CardFormat, CardJob, FontSet, Motif, CARDS_FOLDER};
use crate::error::Result;
use crate::paths::{OutputGuard, OutputKind};
use crate::Book;

/// A welcome laid out as a card, ready for the card renderer.
#[derive(Debug, Clone)]
pub struct WelcomeCard {
    /// One recipient; the words already merged (braces escaped).
    pub job: CardJob,
    /// The picture for the front (the whiteboard written on it when chosen).
    pub photo_jpeg: Option<Vec<u8>>,
    /// The subject as merged, used as the card's greeting.
    pub subject: String,
}

/// Where and how a welcome card is printed.
#[derive(Debug, Clone, Copy)]
pub struct CardOutput<'a> {
    pub format: CardFormat,
    /// The file to write; none: `<data-dir>/cards/welcome-<id>-<yyyymmdd>.pdf`.
    pub path: Option<&'a Path>,
}

/// A welcome card gathered from the book, to be drawn, rendered and saved without it.
pub struct WelcomeCardRun {
    parts: WelcomeParts,
    format: CardFormat,
    out: std::path::PathBuf,
    guard: OutputGuard,
}

/// A welcome card written, not yet recorded.
pub struct WelcomeCardFile {
    pub contact_id: i64,
    pub path: String,
    pub bytes: i64,
    pub subject: String,
}

impl WelcomeCardRun {
    /// A card for message parts gathered elsewhere (a gesture), written to `out` (checked).
    pub(crate) fn new(
        parts: WelcomeParts,
        format: CardFormat,
        out: std::path::PathBuf,
        guard: OutputGuard,
    ) -> WelcomeCardRun {
        WelcomeCardRun {
            parts,
            format,
            out,
            guard,
        }
    }

    /// The card laid out (the picture drawn).
    pub fn card(self) -> Result<WelcomeCard> {
        let WelcomeCardRun { parts, format, .. } = self;
        layout(parts, format)
    }

    /// Draws the picture, renders the card and saves it through the output guard. A card with
    /// characters no font can print is refused before anything is written.
    pub fn print(self, fonts: &FontSet) -> Result<WelcomeCardFile> {
        let contact_id = self.parts.contact_id;
        let (out, guard) = (self.out.clone(), self.guard.clone());
        let WelcomeCard {
            job,
            photo_jpeg,
            subject,
        } = self.card()?;
        let check = cards::check_job(&job, fonts);
        if let Some(problem) = check.unprintable.first() {
            return Err(WelcomeError::Unprintable {
                missing: problem.missing.clone(),
            }
            .into());
        }
        let pdf = cards::render_cards_with_front(
            &job,
            photo_jpeg,
            fonts,
            &mut |_, _| {},
            &std::sync::atomic::AtomicBool::new(false),
        )
        .map_err(|e| WelcomeError::Card {
            detail: e.to_string(),
        })?;
        let path = guard.write_bytes(&out, OutputKind::Document, &pdf)?;
        Ok(WelcomeCardFile {
            contact_id,
            path: path.display().to_string(),
            bytes: pdf.len() as i64,
            subject,
        })
    }
}

impl Book {
    /// Gathers a welcome card (the words, the picture chosen, where it goes: checked now).
    pub fn prepare_welcome_card(
        &self,
        contact_id: i64,
        choice: &PhotoChoice,
        today: NaiveDate,
        to: CardOutput<'_>,
    ) -> Result<WelcomeCardRun> {
        let out = match to.path {
            Some(path) => path.to_path_buf(),
            None => {
                super::eml::default_path(self.data_dir(), CARDS_FOLDER, contact_id, today, "pdf")
            }
        };
        let guard = self.output_guard();
        guard.check(&out, OutputKind::Document)?;
        Ok(WelcomeCardRun {
            parts: self.welcome_parts(contact_id, choice, today)?,
            format: to.format,
            out,
            guard,
        })
    }

    /// The welcome as a card, laid out (for previews and tests).
    pub fn welcome_card(
        &self,
        contact_id: i64,
        choice: &PhotoChoice,
        today: NaiveDate,
        format: CardFormat,
    ) -> Result<WelcomeCard> {
        layout(self.welcome_parts(contact_id, choice, today)?, format)
    }

    /// Records a printed welcome card as "welcome sent": the owner hands the card over or posts
    /// it, so printing it is the welcome (deleting the touchpoint returned undoes the mark).
    pub fn record_welcome_card(
        &mut self,
        printed: WelcomeCardFile,
        today: NaiveDate,
    ) -> Result<CardPrinted> {
        let touchpoint = self.record_welcome(
            printed.contact_id,
            format!("Welcome card printed: {}", printed.subject),
            today,
        )?;
        Ok(CardPrinted {
            path: printed.path,
            bytes: printed.bytes,
            touchpoint_id: touchpoint.id,
        })
    }

    /// Prints the welcome card and records it, in one go (the command line; the window renders
    /// with the book let go).
    pub fn print_welcome_card(
        &mut self,
        contact_id: i64,
        choice: &PhotoChoice,
        today: NaiveDate,
        to: CardOutput<'_>,
        fonts: &FontSet,
    ) -> Result<CardPrinted> {
        let printed = self
            .prepare_welcome_card(contact_id, choice, today, to)?
            .print(fonts)?;
        self.record_welcome_card(printed, today)
    }
}

/// The welcome as a card: the subject as the greeting, the body inside and the signature under
/// it (unless the body already ends with it), the picture drawn for the front.
fn layout(parts: WelcomeParts, format: CardFormat) -> Result<WelcomeCard> {
    // The words are merged already: braces a customer's name holds are kept as written.
    let literal = |text: &str| text.replace('{', "{{").replace('}', "}}");
    // The closing ("Warm regards,\nAnn") goes where a card's signature goes, once.
    let signature_value = parts
        .values
        .get("signature")
        .unwrap_or("")
        .trim()
        .to_string();
    let body = parts.text.trim();
    let (message, signature) = match body.rsplit_once("\n\n") {
        Some((rest, closing))
            if parts.body_has_signature
                && !signature_value.is_empty()
                && closing.contains(signature_value.as_str()) =>
        {
            (rest.trim_end(), closing.trim())
        }
        _ if parts.body_has_signature => (body, ""),
        _ => (body, signature_value.as_str()),
    };
    let recipient = parts.card_recipient.clone();
    let job = CardJob {
        design: CardDesign {
            name: "Welcome".into(),
            format,
            front_image: None,
            greeting: literal(&parts.subject),
            message: literal(message),
            signature: literal(signature),
            accent: "forest".into(),
            // Shown when the welcome goes without a picture.
            motif: Motif::Flowers,
            // The photo comes as bytes (it may carry the whiteboard text).
            front_photo: None,
        },
        recipients: vec![recipient],
        business_name: parts.values.get("business_name").unwrap_or("").to_string(),
    };
    let photo_jpeg = parts.picture.map(super::Picture::finish).transpose()?;
    Ok(WelcomeCard {
        job,
        photo_jpeg,
        subject: parts.subject,
    })
}
