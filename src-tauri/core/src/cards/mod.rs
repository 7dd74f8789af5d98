//! Personalised cards, envelopes and address labels as print-ready PDF.
//!
//! Text is laid out with parley (bidi, script runs, shaping, line breaking, font fallback through
//! fontique) and written with krilla (fonts embedded and subset, ToUnicode so `pdftotext` gives
//! every name back, JPEGs passed through untouched). Latin, Greek and Cyrillic come from the
//! shipped Noto fonts; other scripts from the system's fonts. [`check_job`] says, before anything
//! is printed, which names cannot be printed with the fonts available.

use crate::error::ErrorCode;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod batch;
mod designs;
mod mail;
mod motifs;
mod personal;
pub(crate) mod quotes;
mod render;
mod shapes;
mod text;

pub use crate::progress::Progress;
pub use crate::settings::parse_offset_mm;
pub use batch::{
    safe_file_name, CardRun, Destination, MailRun, PrintedCards, Recipients, RecordedBatch,
    CARDS_FOLDER,
};
pub use designs::{accent, built_in_designs, design_family, designs_for, Accent, ACCENTS};
pub use mail::address_lines;
pub use motifs::Motif;
pub use personal::{suggestion, PersonalLine, PersonalLineSuggestion, PersonalLines};
pub use text::FontSet;

use crate::contacts::{Contact, PostalAddress};
use crate::merge::{unknown_fields, MergeValues, UnknownField, CONTACT_FIELDS};

/// The size and fold of a card. The ids (`"a6"`, `"5x7"`, `"folded-a4"`…) are what the CLI and
/// the UI use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum CardFormat {
    /// 105 × 148 mm, flat.
    #[serde(rename = "a6")]
    A6,
    /// 74 × 105 mm, flat.
    #[serde(rename = "a7")]
    A7,
    /// 5 × 7 in, flat.
    #[serde(rename = "5x7")]
    FiveBySeven,
    /// 4 × 6 in postcard, flat.
    #[serde(rename = "4x6")]
    FourBySix,
    /// An A4 sheet folded twice (quarter fold) into an A6 card.
    #[serde(rename = "folded-a4")]
    FoldedA4,
    /// A US Letter sheet folded twice into a 4¼ × 5½ in card.
    #[serde(rename = "folded-letter")]
    FoldedLetter,
}

/// A printed greeting card's look and words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CardDesign {
    /// Unique among the designs offered for an occasion ("Candles", "Harvest"…).
    pub name: String,
    pub format: CardFormat,
    /// A JPEG or PNG file for the front, read once per batch (a JPEG is embedded as it is, never
    /// re-compressed). `None`: a drawn design in the accent's colours.
    #[ts(type = "string | null")]
    pub front_image: Option<PathBuf>,
    /// Large words on the front or at the top of the message ("Happy Birthday").
    pub greeting: String,
    /// The message, with merge fields (`Dear {first_name}, …`); see [`merge_fields`].
    pub message: String,
    /// Closing line(s), e.g. "Warmly,\nAnn and the team at {business_name}". Merge fields allowed.
    pub signature: String,
    /// A theme id from [`ACCENTS`] ("rose", "forest"…): colours and the drawn front.
    pub accent: String,
    /// What the drawn front shows when there is no picture.
    #[serde(default)]
    pub motif: Motif,
    /// A staff or team photo from the book for the front, shown whole; it takes the place of
    /// `front_image`. See [`crate::Book::card_front`].
    #[serde(default)]
    #[ts(type = "number | null")]
    pub front_photo: Option<i64>,
}

/// One person to print a card, envelope or label for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CardRecipient {
    #[ts(type = "number")]
    pub contact_id: i64,
    /// The name as shown in Rapport (for envelopes, labels and reports).
    pub display_name: String,
    /// Merge field values (`first_name` → `Ann`…); see [`CardRecipient::for_contact`].
    pub values: BTreeMap<String, String>,
    /// The postal address to write on envelopes and labels (the contact's first usable one).
    pub address: Option<PostalAddress>,
    /// A line written for this person only, printed under the message.
    pub personal_line: Option<String>,
}

impl CardRecipient {
    /// A recipient with the contact's merge values as of `today` and their first address that
    /// has a street or a city.
    pub fn for_contact(
        contact: &Contact,
        today: NaiveDate,
        personal_line: Option<String>,
    ) -> CardRecipient {
        let merge = MergeValues::for_contact(contact, today);
        let values = CONTACT_FIELDS
            .iter()
            .filter_map(|(name, _)| merge.get(name).map(|v| (name.to_string(), v.to_string())))
            .collect();
        let address = contact
            .fields
            .addresses
            .iter()
            .find(|a| a.is_mailable())
            .cloned();
        CardRecipient {
            contact_id: contact.id,
            display_name: contact.display_name.clone(),
            values,
            address,
            personal_line: personal_line.filter(|l| !l.trim().is_empty()),
        }
    }
}

/// A batch: one design, many recipients.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CardJob {
    pub design: CardDesign,
    pub recipients: Vec<CardRecipient>,
    /// Fills `{business_name}` (store setting `business_name`).
    pub business_name: String,
}

/// A name (or a line of a card) that the fonts available cannot print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnprintableText {
    #[ts(type = "number")]
    pub contact_id: i64,
    pub display_name: String,
    /// The characters no font has, each once, in order.
    pub missing: String,
    /// The name as it prints with those characters dropped (what the owner will see on the
    /// card if they choose to print it anyway).
    pub printable_name: String,
}

impl UnprintableText {
    /// "Bob 🧑‍🍳 (#2) has characters no installed font can print: 🧑🍳".
    pub fn reason(&self) -> String {
        format!(
            "{} (#{}) has characters no installed font can print: {}",
            self.display_name, self.contact_id, self.missing
        )
    }
}

/// What to fix before printing. `is_ready()` when nothing is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CardCheck {
    /// Fields in the message or signature that nobody knows (`{frist_name}`).
    pub unknown_fields: Vec<UnknownField>,
    /// People whose card would show boxes instead of letters.
    pub unprintable: Vec<UnprintableText>,
    /// The design signs with `{business_name}` but no business name is set, so every card would
    /// read "the team at" and stop.
    pub missing_business_name: bool,
}

impl CardCheck {
    pub fn is_ready(&self) -> bool {
        self.unknown_fields.is_empty() && self.unprintable.is_empty() && !self.missing_business_name
    }

    /// Each problem in the owner's words.
    pub fn problems(&self) -> Vec<String> {
        let mut problems: Vec<String> = self
            .unknown_fields
            .iter()
            .map(|f| format!("unknown field {{{}}}", f.name))
            .collect();
        problems.extend(self.unprintable.iter().map(UnprintableText::reason));
        if self.missing_business_name {
            problems.push(
                "the card signs with {business_name} but none is set; set it in Settings (`rapport settings set business_name \"Ann's Bakery\"`)".into(),
            );
        }
        problems
    }
}

/// Envelope sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum EnvelopeSize {
    /// 220 × 110 mm.
    #[serde(rename = "dl")]
    Dl,
    /// 162 × 114 mm (holds an A6 card).
    #[serde(rename = "c6")]
    C6,
    /// US #10, 9½ × 4⅛ in.
    #[serde(rename = "us10")]
    Us10,
    /// US A7, 7¼ × 5¼ in (holds a 5 × 7 card).
    #[serde(rename = "a7")]
    A7,
}

/// Address label sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum LabelSheet {
    /// US Letter, 3 × 10 labels of 2⅝ × 1 in.
    #[serde(rename = "avery-5160")]
    Avery5160,
    /// A4, 3 × 7 labels of 63.5 × 38.1 mm.
    #[serde(rename = "l7160")]
    L7160,
}

/// The sender printed in the corner of envelopes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReturnAddress {
    /// Store setting `business_name`.
    pub business_name: String,
    /// Store setting `business_address`, lines separated by newlines.
    pub address: String,
}

/// A person left out of an envelope or label run, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SkippedRecipient {
    #[ts(type = "number")]
    pub contact_id: i64,
    pub display_name: String,
    pub reason: String,
}

/// Envelopes or labels saved for printing: where, how many pages, and who was left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintedFile {
    pub path: String,
    #[ts(type = "number")]
    pub pages: u64,
    pub skipped: Vec<SkippedRecipient>,
}

/// A finished PDF and who was left out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    pub pdf: Vec<u8>,
    pub skipped: Vec<SkippedRecipient>,
}

/// Every merge field a card may use: the contact's fields and `business_name`.
pub fn merge_fields() -> Vec<&'static str> {
    CONTACT_FIELDS
        .iter()
        .map(|(name, _)| *name)
        .chain(["business_name"])
        .collect()
}

/// Why a print run could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CardError {
    #[error("Nobody is chosen to print for. Choose everyone, a tag or some people.")]
    NoRecipients,
    #[error("The card names fields nobody knows: {}. Correct them or use one of: {}.", .0.join(", "), merge_fields().join(", "))]
    UnknownFields(Vec<String>),
    #[error("The front picture {path} cannot be used: {reason}. Choose a JPEG or PNG picture.")]
    Picture { path: String, reason: String },
    #[error(
        "None of the {0} people chosen has a usable postal address. Add addresses and try again."
    )]
    NoAddresses(usize),
    #[error("Nothing was printed: {} has characters no installed font can print. Install a font for them (Rapport's setup installs the Noto fonts), or print with the missing characters dropped.", .0.join("; "))]
    NothingPrintable(Vec<String>),
    #[error("The printer offset must be between -10 and 10 mm in each direction.")]
    Offset,
    #[error("Printing was cancelled; no file was written.")]
    Cancelled,
    #[error("The PDF could not be made ({0}). Please report this.")]
    Pdf(String),
}

impl CardError {
    pub fn code(&self) -> ErrorCode {
        match self {
            CardError::Cancelled => ErrorCode::Cancelled,
            CardError::NothingPrintable(_) => ErrorCode::NothingPrintable,
            _ => ErrorCode::Invalid,
        }
    }
}

/// Unknown fields in the design's greeting, message and signature.
pub(crate) fn unknown_design_fields(design: &CardDesign) -> Vec<UnknownField> {
    let known = merge_fields();
    [&design.greeting, &design.message, &design.signature]
        .iter()
        .flat_map(|t| unknown_fields(t, &known))
        .collect()
}

/// What must be fixed before printing: unknown merge fields, and the people whose card has
/// characters no available font can draw (their names, lines and the message as merged).
pub fn check_job(job: &CardJob, fonts: &FontSet) -> CardCheck {
    let unknown_fields = unknown_design_fields(&job.design);
    let mut unprintable = Vec::new();
    for recipient in &job.recipients {
        let text = render::card_text(job, recipient);
        let all = format!(
            "{}\n{}\n{}\n{}\n{}",
            recipient.display_name, text.greeting, text.message, text.personal, text.signature
        );
        let missing = fonts.missing_characters(&all);
        if !missing.is_empty() {
            unprintable.push(UnprintableText {
                contact_id: recipient.contact_id,
                display_name: recipient.display_name.clone(),
                printable_name: text::without_characters(&recipient.display_name, &missing),
                missing,
            });
        }
    }
    let uses_business_name = [
        &job.design.greeting,
        &job.design.message,
        &job.design.signature,
    ]
    .iter()
    .any(|t| t.contains("{business_name}"));
    CardCheck {
        unknown_fields,
        unprintable,
        missing_business_name: uses_business_name && job.business_name.trim().is_empty(),
    }
}

/// The job with every character no available font can draw dropped, from each recipient's name,
/// merge values and personal line and from the design's own words, so every card can be printed.
pub fn without_missing_characters(job: &CardJob, fonts: &FontSet) -> CardJob {
    let drop = |text: &str| text::without_characters(text, &fonts.missing_characters(text));
    let mut job = job.clone();
    for t in [
        &mut job.design.greeting,
        &mut job.design.message,
        &mut job.design.signature,
        &mut job.business_name,
    ] {
        *t = drop(t);
    }
    for recipient in &mut job.recipients {
        recipient.display_name = drop(&recipient.display_name);
        for value in recipient.values.values_mut() {
            *value = drop(value);
        }
        // A first name made only of characters no font has is greeted by what is left of the
        // whole name ("Dear Lee," for "🦊 Lee"), never "Dear ,".
        if let Some(first) = recipient.values.get_mut("first_name") {
            if first.is_empty() {
                first.clone_from(&recipient.display_name);
            }
        }
        recipient.personal_line = recipient.personal_line.as_deref().map(drop);
    }
    job
}

/// One PDF, one card per recipient (one page each when flat, one sheet each when folded).
/// `progress(done, total)` after each card; stops with [`CardError::Cancelled`] when `cancel`
/// is set. Refuses unknown merge fields; run [`check_job`] first to warn about missing glyphs.
pub fn render_cards(
    job: &CardJob,
    fonts: &FontSet,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<Vec<u8>, CardError> {
    render::render(job, fonts, progress, cancel)
}

/// Like [`render_cards`], with a JPEG or PNG held in memory on the front instead of
/// `design.front_image`, shown whole (never cropped): a team photo keeps everyone in it, a
/// whiteboard picture every word written on it.
pub fn render_cards_with_photo(
    job: &CardJob,
    photo: Vec<u8>,
    fonts: &FontSet,
) -> Result<Vec<u8>, CardError> {
    render_cards_with_front(
        job,
        Some(photo),
        fonts,
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
}

/// [`render_cards`] with `front` (a photo's JPEG from the book, see
/// [`crate::Book::card_front`]) shown whole on the front when there is one.
pub fn render_cards_with_front(
    job: &CardJob,
    front: Option<Vec<u8>>,
    fonts: &FontSet,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<Vec<u8>, CardError> {
    let Some(photo) = front else {
        return render::render(job, fonts, progress, cancel);
    };
    let picture = render::picture_from_bytes(photo, true).map_err(|reason| CardError::Picture {
        path: "the chosen photo".into(),
        reason: reason.into(),
    })?;
    render::render_with(job, Some(&picture), fonts, progress, cancel)
}

/// One envelope per recipient with a usable address, the sender in the corner; the others are
/// listed in [`Printed::skipped`]. Addresses in `home_country` (as the owner writes it; empty
/// when not known) leave the country line off.
pub fn render_envelopes(
    recipients: &[CardRecipient],
    size: EnvelopeSize,
    from: &ReturnAddress,
    home_country: &str,
    fonts: &FontSet,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<Printed, CardError> {
    mail::envelopes(
        recipients,
        size,
        from,
        home_country,
        fonts,
        progress,
        cancel,
    )
}

/// Address labels on `sheet`, moved by `offset_mm` (right, down) to match the printer. People
/// without a usable address are listed in [`Printed::skipped`], never printed blank; addresses
/// in `home_country` leave the country line off.
pub fn render_labels(
    recipients: &[CardRecipient],
    sheet: LabelSheet,
    offset_mm: (f32, f32),
    home_country: &str,
    fonts: &FontSet,
) -> Result<Printed, CardError> {
    mail::labels(recipients, sheet, offset_mm, home_country, fonts)
}
