//! A batch of cards, envelopes or labels as one use case for the window and the command line
//! alike: who receives them ([`Recipients`]), the job laid out for each person, the file written
//! (in `<data-dir>/cards/` or where the owner says, through the output guard), and "card sent"
//! recorded on each timeline.
//!
//! The book is held only to gather what a run needs ([`Book::prepare_cards`] and friends); the
//! rendering and writing ([`CardRun::print`], [`MailRun::print`]) run after it is let go, so a
//! batch of thousands never blocks the window.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    check_job, render_cards_with_front, render_envelopes, render_labels,
    without_missing_characters, CardCheck, CardDesign, CardError, CardJob, CardRecipient,
    EnvelopeSize, FontSet, LabelSheet, PersonalLine, PersonalLineSuggestion, PersonalLines,
    PrintedFile, ReturnAddress, UnprintableText,
};
use crate::calendar::Occasion;
use crate::contacts::{ContactSummary, MAX_BULK};
use crate::error::{Error, Result};
use crate::paths::{OutputGuard, OutputKind};
use crate::Book;

/// The folder inside the data folder where generated cards, envelopes and labels are kept.
pub const CARDS_FOLDER: &str = "cards";

/// Who receives the cards of one batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum Recipients {
    /// Every active contact.
    Everyone,
    /// Active contacts with this tag.
    Tag { tag: String },
    /// Hand-picked contacts.
    Picked {
        #[ts(type = "number[]")]
        ids: Vec<i64>,
    },
    /// Active contacts whose birthday is in the calendar month after today's.
    BirthdaysNextMonth,
    /// Active contacts whose birthday falls in the next `days` days.
    BirthdaysWithin { days: u32 },
    /// Active contacts whose customer anniversary falls in the next `days` days.
    AnniversariesWithin { days: u32 },
}

/// The result of recording a batch as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordedBatch {
    pub recorded: u32,
    pub note: String,
    pub happened_on: NaiveDate,
}

/// Where a print run is saved.
#[derive(Debug, Clone, Copy)]
pub enum Destination<'a> {
    /// `<data-dir>/cards/<name>.pdf`, the name made safe for any file system.
    CardsFolder(&'a str),
    /// A file the owner named.
    File(&'a Path),
}

/// A generated batch of cards: where the PDF is, and for whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintedCards {
    pub path: String,
    #[ts(type = "number[]")]
    pub recipient_ids: Vec<i64>,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub pages: u64,
    /// The people whose card was not printed because no installed font has some of its
    /// characters (the rest of the batch is printed).
    pub left_out: Vec<UnprintableText>,
}

/// A card batch gathered from the book, ready to be rendered and saved without it.
pub struct CardRun {
    job: CardJob,
    front: Option<Vec<u8>>,
    out: PathBuf,
    guard: OutputGuard,
    drop_missing: bool,
}

impl CardRun {
    /// Prints every card with the characters no installed font has dropped, instead of leaving
    /// those cards out (the owner chose it after seeing how the names will look).
    pub fn dropping_missing_characters(mut self) -> CardRun {
        self.drop_missing = true;
        self
    }

    /// What must be fixed before printing (unknown fields, names no font can print, an unsigned
    /// card).
    pub fn check(&self, fonts: &FontSet) -> CardCheck {
        check_job(&self.job, fonts)
    }

    /// The people the batch is for, in print order.
    pub fn recipient_ids(&self) -> Vec<i64> {
        self.job.recipients.iter().map(|r| r.contact_id).collect()
    }

    /// Renders one PDF (progress after each card, stopped by `cancel`) and saves it through the
    /// output guard: a cancelled or failed run leaves no file. A card with characters no
    /// installed font can print is left out and listed in [`PrintedCards::left_out`] (one name
    /// must not stop a batch of hundreds); when every card is, nothing is written
    /// ([`CardError::NothingPrintable`]).
    pub fn print(
        self,
        fonts: &FontSet,
        progress: &mut dyn FnMut(usize, usize),
        cancel: &AtomicBool,
    ) -> Result<PrintedCards> {
        let mut job = if self.drop_missing {
            without_missing_characters(&self.job, fonts)
        } else {
            self.job
        };
        let left_out = check_job(&job, fonts).unprintable;
        if !left_out.is_empty() {
            if left_out.len() == job.recipients.len() {
                let names = left_out.iter().map(UnprintableText::reason).collect();
                return Err(CardError::NothingPrintable(names).into());
            }
            job.recipients
                .retain(|r| !left_out.iter().any(|u| u.contact_id == r.contact_id));
        }
        let pdf = render_cards_with_front(&job, self.front, fonts, progress, cancel)?;
        let path = self
            .guard
            .write_bytes(&self.out, OutputKind::Document, &pdf)?;
        Ok(PrintedCards {
            path: path.display().to_string(),
            recipient_ids: job.recipients.iter().map(|r| r.contact_id).collect(),
            bytes: pdf.len() as u64,
            pages: job.recipients.len() as u64,
            left_out,
        })
    }
}

/// What goes on the pieces of a mail run.
enum MailPieces {
    Envelopes {
        size: EnvelopeSize,
        from: ReturnAddress,
    },
    Labels {
        sheet: LabelSheet,
        offset_mm: (f32, f32),
    },
}

/// Envelopes or labels gathered from the book, ready to be rendered and saved without it.
pub struct MailRun {
    who: Vec<CardRecipient>,
    pieces: MailPieces,
    /// The country the mail is posted from ([`Book::home_country`]).
    home_country: String,
    out: PathBuf,
    guard: OutputGuard,
}

impl MailRun {
    /// Renders the envelopes or label sheets for everyone with a usable address and saves the
    /// PDF; the people left out are listed in the result.
    pub fn print(
        self,
        fonts: &FontSet,
        progress: &mut dyn FnMut(usize, usize),
        cancel: &AtomicBool,
    ) -> Result<PrintedFile> {
        let (printed, pages) = match &self.pieces {
            MailPieces::Envelopes { size, from } => {
                let printed = render_envelopes(
                    &self.who,
                    *size,
                    from,
                    &self.home_country,
                    fonts,
                    progress,
                    cancel,
                )?;
                let pages = self.who.len() - printed.skipped.len();
                (printed, pages)
            }
            MailPieces::Labels { sheet, offset_mm } => {
                let printed =
                    render_labels(&self.who, *sheet, *offset_mm, &self.home_country, fonts)?;
                let pages = (self.who.len() - printed.skipped.len()).div_ceil(sheet.per_sheet());
                (printed, pages)
            }
        };
        let path = self
            .guard
            .write_bytes(&self.out, OutputKind::Document, &printed.pdf)?;
        Ok(PrintedFile {
            path: path.display().to_string(),
            pages: pages as u64,
            skipped: printed.skipped,
        })
    }
}

impl Book {
    /// The ids of a batch's recipients, in name order (soonest date first for the
    /// birthday/anniversary windows). An unknown tag or contact is an error, not an empty batch.
    pub fn recipient_ids(&self, recipients: &Recipients, today: NaiveDate) -> Result<Vec<i64>> {
        let store = self.store();
        match recipients {
            Recipients::Everyone => store.contact_ids(None),
            Recipients::Tag { tag } => {
                if !store.tag_exists(tag)? {
                    return Err(Error::invalid(
                        "tag",
                        format!("no contact has the tag \"{}\"", tag.trim()),
                    ));
                }
                store.contact_ids(Some(tag))
            }
            Recipients::Picked { ids } => {
                if ids.is_empty() {
                    return Err(Error::invalid("recipients", "pick at least one contact"));
                }
                if ids.len() > MAX_BULK {
                    return Err(Error::invalid(
                        "recipients",
                        format!("pick at most {MAX_BULK} contacts"),
                    ));
                }
                let mut seen = std::collections::HashSet::new();
                let unique: Vec<i64> = ids.iter().copied().filter(|id| seen.insert(*id)).collect();
                let found = store.summaries(&unique)?;
                if found.len() == unique.len() {
                    Ok(unique)
                } else {
                    Err(Error::not_found("One of the picked contacts"))
                }
            }
            Recipients::BirthdaysNextMonth => store.birthday_ids_in_month(today.month() % 12 + 1),
            Recipients::BirthdaysWithin { days } => Ok(store
                .birthdays_within(today, (*days).clamp(1, 366))?
                .into_iter()
                .map(|due| due.contact_id)
                .collect()),
            Recipients::AnniversariesWithin { days } => Ok(store
                .anniversary_ids_within(today, (*days).clamp(1, 366))?
                .into_iter()
                .map(|(id, _)| id)
                .collect()),
        }
    }

    /// Records a printed batch: one "card sent" touchpoint (note = the occasion's name) on each
    /// recipient's timeline, in one transaction.
    pub fn record_cards_sent(
        &mut self,
        ids: &[i64],
        occasion_name: &str,
        happened_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<RecordedBatch> {
        if ids.is_empty() {
            return Err(Error::invalid("recipients", "the batch has no recipients"));
        }
        if ids.len() > MAX_BULK {
            return Err(Error::invalid(
                "recipients",
                format!("record at most {MAX_BULK} cards at once"),
            ));
        }
        let note = crate::contacts::clean_line(occasion_name);
        let check = crate::contacts::NewTouchpoint {
            kind: crate::contacts::TouchpointKind::CardSent,
            happened_on,
            note: note.clone(),
            handled_by: String::new(),
        };
        check.validate(today)?;
        let mut seen = std::collections::HashSet::new();
        let unique: Vec<i64> = ids.iter().copied().filter(|id| seen.insert(*id)).collect();
        let recorded = self
            .store_mut()
            .record_cards_sent(&unique, happened_on, &note, "")?;
        Ok(RecordedBatch {
            recorded,
            note,
            happened_on,
        })
    }

    /// Marks a contact's address as undeliverable (a card came back), or clears the mark.
    pub fn set_address_undeliverable(
        &mut self,
        contact_id: i64,
        undeliverable: bool,
        today: NaiveDate,
    ) -> Result<Option<NaiveDate>> {
        let on = undeliverable.then_some(today);
        self.store_mut().set_address_undeliverable(contact_id, on)?;
        Ok(on)
    }

    /// The day a card to this contact came back, if one did.
    pub fn address_undeliverable(&self, contact_id: i64) -> Result<Option<NaiveDate>> {
        self.store().address_undeliverable(contact_id)
    }

    /// The contacts a choice of recipients means, for the count and the list shown before
    /// printing.
    pub fn batch_recipients(
        &self,
        recipients: &Recipients,
        today: NaiveDate,
    ) -> Result<Vec<ContactSummary>> {
        self.store()
            .summaries(&self.recipient_ids(recipients, today)?)
    }

    /// Each recipient's suggested personal line, for the owner to accept or rewrite.
    pub fn personal_line_suggestions(
        &self,
        recipients: &Recipients,
        today: NaiveDate,
    ) -> Result<Vec<PersonalLineSuggestion>> {
        let ids = self.recipient_ids(recipients, today)?;
        Ok(self
            .store()
            .contacts(&ids)?
            .iter()
            .map(super::suggestion)
            .collect())
    }

    /// The batch laid out for each recipient: the design, their merge values and address, and
    /// the owner's personal line (or the suggested one).
    pub fn card_job(
        &self,
        recipients: &Recipients,
        design: CardDesign,
        personal_lines: &[PersonalLine],
        today: NaiveDate,
    ) -> Result<CardJob> {
        let ids = self.nonempty_recipients(recipients, today)?;
        Ok(CardJob {
            design,
            recipients: self.card_recipients(&ids, today, &PersonalLines::new(personal_lines))?,
            business_name: self.business_name()?,
        })
    }

    /// The pre-print check of a batch: unknown merge fields, names no font can print, a card
    /// signed with a business name that is not set.
    pub fn check_cards(
        &self,
        recipients: &Recipients,
        design: CardDesign,
        personal_lines: &[PersonalLine],
        today: NaiveDate,
        fonts: &FontSet,
    ) -> Result<CardCheck> {
        Ok(check_job(
            &self.card_job(recipients, design, personal_lines, today)?,
            fonts,
        ))
    }

    /// Gathers a card batch: the job, the front photo from the book, and where it goes
    /// (checked now, so a refused destination is said before anything is rendered).
    pub fn prepare_cards(
        &self,
        recipients: &Recipients,
        design: CardDesign,
        personal_lines: &[PersonalLine],
        to: Destination<'_>,
        today: NaiveDate,
    ) -> Result<CardRun> {
        let out = self.print_destination(to)?;
        let front = self.card_front(&design)?;
        Ok(CardRun {
            job: self.card_job(recipients, design, personal_lines, today)?,
            front,
            out,
            guard: self.output_guard(),
            drop_missing: false,
        })
    }

    /// Gathers an envelope run for the recipients, with the return address from the settings.
    pub fn prepare_envelopes(
        &self,
        recipients: &Recipients,
        size: EnvelopeSize,
        to: Destination<'_>,
        today: NaiveDate,
    ) -> Result<MailRun> {
        let out = self.print_destination(to)?;
        let ids = self.nonempty_recipients(recipients, today)?;
        Ok(MailRun {
            who: self.card_recipients(&ids, today, &PersonalLines::default())?,
            pieces: MailPieces::Envelopes {
                size,
                from: self.return_address()?,
            },
            home_country: self.home_country()?,
            out,
            guard: self.output_guard(),
        })
    }

    /// Gathers a label run for the recipients, moved by `offset_mm` or else by the printer
    /// offset saved in the settings.
    pub fn prepare_labels(
        &self,
        recipients: &Recipients,
        sheet: LabelSheet,
        offset_mm: Option<(f32, f32)>,
        to: Destination<'_>,
        today: NaiveDate,
    ) -> Result<MailRun> {
        let out = self.print_destination(to)?;
        let ids = self.nonempty_recipients(recipients, today)?;
        let offset_mm = match offset_mm {
            Some(offset) => offset,
            None => self.label_offset_mm()?,
        };
        Ok(MailRun {
            who: self.card_recipients(&ids, today, &PersonalLines::default())?,
            pieces: MailPieces::Labels { sheet, offset_mm },
            home_country: self.home_country()?,
            out,
            guard: self.output_guard(),
        })
    }

    /// The card designs offered for an occasion.
    pub fn card_designs(&self, occasion_id: &str) -> Result<Vec<CardDesign>> {
        Ok(super::designs_for(&self.occasion(occasion_id)?))
    }

    /// A design of the occasion by name (any case), or its first design.
    pub fn card_design(&self, occasion: &Occasion, name: Option<&str>) -> Result<CardDesign> {
        let designs = super::designs_for(occasion);
        match name {
            Some(name) => designs
                .iter()
                .find(|d| d.name.eq_ignore_ascii_case(name.trim()))
                .cloned()
                .ok_or_else(|| {
                    let names: Vec<&str> = designs.iter().map(|d| d.name.as_str()).collect();
                    Error::invalid(
                        "design",
                        format!(
                            "no design \"{}\" for {}; use one of {}",
                            name.trim(),
                            occasion.name,
                            names.join(", ")
                        ),
                    )
                }),
            None => designs
                .into_iter()
                .next()
                .ok_or_else(|| Error::invalid("design", "no designs for this occasion")),
        }
    }

    /// A generated file in `<data-dir>/cards/` (the window may read or open only those).
    pub fn generated_card_file(&self, path: &str) -> Result<PathBuf> {
        crate::paths::file_in(&self.data_dir().join(CARDS_FOLDER), path, "pdf").ok_or_else(|| {
            Error::invalid("path", "only card files Rapport generated can be opened")
        })
    }

    /// A batch's recipients with their merge values and addresses, in the order given, each with
    /// the owner's personal line or, where they wrote none, the suggested one.
    pub fn card_recipients(
        &self,
        ids: &[i64],
        today: NaiveDate,
        lines: &super::PersonalLines,
    ) -> Result<Vec<super::CardRecipient>> {
        Ok(self
            .store()
            .contacts(ids)?
            .iter()
            .map(|c| super::CardRecipient::for_contact(c, today, lines.for_contact(c)))
            .collect())
    }

    /// The JPEG of the stored photo a design puts on its front (`design.front_photo`), if any.
    fn card_front(&self, design: &super::CardDesign) -> Result<Option<Vec<u8>>> {
        design
            .front_photo
            .map(|id| self.store().photo_jpeg(id, false))
            .transpose()
    }

    /// The sender printed on envelopes (settings `business_name` and `business_address`).
    pub fn return_address(&self) -> Result<super::ReturnAddress> {
        Ok(super::ReturnAddress {
            business_name: self.business_name()?,
            address: self.setting("business_address")?,
        })
    }

    /// The country the owner posts from, as written: the setting `home_country`, or else the
    /// last line of the business address when it names a country ("…\nSweden"); empty when
    /// neither says. Envelopes and labels to addresses in it leave the country line off.
    pub fn home_country(&self) -> Result<String> {
        let set = self.setting("home_country")?;
        if !set.trim().is_empty() {
            return Ok(set);
        }
        let address = self.setting("business_address")?;
        let last_line = address.lines().map(str::trim).rfind(|l| !l.is_empty());
        Ok(last_line
            .filter(|line| crate::contacts::country_code(line).is_some())
            .unwrap_or_default()
            .to_string())
    }

    /// The ids for a print run: as [`Book::recipient_ids`], and never nobody.
    fn nonempty_recipients(&self, recipients: &Recipients, today: NaiveDate) -> Result<Vec<i64>> {
        let ids = self.recipient_ids(recipients, today)?;
        if ids.is_empty() {
            return Err(CardError::NoRecipients.into());
        }
        Ok(ids)
    }

    /// Where a print run is written: the owner's file, or `<data-dir>/cards/<name>.pdf`;
    /// refused now when the guard would refuse it.
    fn print_destination(&self, to: Destination<'_>) -> Result<PathBuf> {
        let out = match to {
            Destination::File(path) => path.to_path_buf(),
            Destination::CardsFolder(name) => self
                .data_dir()
                .join(CARDS_FOLDER)
                .join(format!("{}.pdf", safe_file_name(name, "cards"))),
        };
        self.output_guard().check(&out, OutputKind::Document)?;
        Ok(out)
    }
}

/// A name any file system takes: letters, digits and dashes, at most 60 characters.
pub fn safe_file_name(name: &str, fallback: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    let cleaned = cleaned.trim_matches('-').to_string();
    if cleaned.is_empty() {
        fallback.into()
    } else {
        cleaned
    }
}
