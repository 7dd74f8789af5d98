//! `rapport cards …`, `rapport labels …`, `rapport envelopes …`: print-ready PDFs headless.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use clap::Args;
use rapport_core::cards::{
    check_job, parse_offset_mm, render_cards_with_front, render_envelopes, render_labels,
    CardFormat, CardJob, CardRecipient, EnvelopeSize, FontSet, LabelSheet, PersonalLines, Printed,
};
use rapport_core::contacts::{ArchiveFilter, ListQuery};
use rapport_core::occasions::designs_for;
use rapport_core::Book;
use serde::Serialize;

use super::{message, open, to_json};

/// Who to print for.
#[derive(Args)]
pub struct Recipients {
    /// Everyone active in the book.
    #[arg(long, conflicts_with_all = ["tag", "contact"])]
    all: bool,
    /// Everyone with this tag.
    #[arg(long, conflicts_with = "contact")]
    tag: Option<String>,
    /// These contacts (may be given several times).
    #[arg(long)]
    contact: Vec<i64>,
}

#[derive(Args)]
pub struct CardsArgs {
    /// The occasion's id as `rapport occasions` lists it (thanksgiving-us, birthday, custom-1…);
    /// its kind picks the designs.
    #[arg(long)]
    occasion: String,
    #[command(flatten)]
    recipients: Recipients,
    /// A built-in design's name (default: the occasion's first).
    #[arg(long)]
    design: Option<String>,
    /// a6, a7, 5x7, 4x6, folded-a4 or folded-letter.
    #[arg(long, default_value = "a6")]
    format: String,
    /// A JPEG or PNG picture for the front.
    #[arg(long, conflicts_with = "photo_id")]
    photo: Option<PathBuf>,
    /// A staff or team photo from the book for the front (`rapport photos list` shows ids).
    #[arg(long)]
    photo_id: Option<i64>,
    #[arg(long)]
    out: PathBuf,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct LabelsArgs {
    /// avery-5160 (US Letter, 30 a sheet) or l7160 (A4, 21 a sheet).
    #[arg(long)]
    sheet: String,
    #[command(flatten)]
    recipients: Recipients,
    /// Printer offset in mm, right and down: X,Y (e.g. 0.5,-1). Default: the offset saved in
    /// the settings (label_offset_mm), else none.
    #[arg(long, allow_hyphen_values = true)]
    offset_mm: Option<String>,
    #[arg(long)]
    out: PathBuf,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct EnvelopesArgs {
    /// dl, c6, us10 or a7.
    #[arg(long)]
    size: String,
    #[command(flatten)]
    recipients: Recipients,
    #[arg(long)]
    out: PathBuf,
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Written {
    out: String,
    pages: usize,
    bytes: usize,
    skipped: Vec<rapport_core::cards::SkippedRecipient>,
}

fn recipients(
    book: &Book,
    who: &Recipients,
    today: NaiveDate,
) -> Result<Vec<CardRecipient>, String> {
    let ids: Vec<i64> = if !who.contact.is_empty() {
        who.contact.clone()
    } else if who.all || who.tag.is_some() {
        let page = book
            .list(&ListQuery {
                tag: who.tag.clone(),
                archive: ArchiveFilter::Active,
                limit: u32::MAX,
                ..ListQuery::default()
            })
            .map_err(message)?;
        page.rows.iter().map(|r| r.id).collect()
    } else {
        return Err("choose who to print for: --all, --tag TAG or --contact ID".into());
    };
    // Each card carries the line suggested from the contact's personal details.
    let lines = PersonalLines::default();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let detail = book.contact(id).map_err(message)?;
        let line = lines.for_contact(&detail.contact);
        out.push(CardRecipient::for_contact(&detail.contact, today, line));
    }
    if out.is_empty() {
        return Err("nobody matches; check the tag or add contacts".into());
    }
    Ok(out)
}

fn setting(book: &Book, key: &str) -> String {
    book.store().setting(key).ok().flatten().unwrap_or_default()
}

fn write(
    out: &Path,
    pdf: &[u8],
    skipped: Vec<rapport_core::cards::SkippedRecipient>,
    pages: usize,
    json: bool,
) -> Result<String, String> {
    std::fs::write(out, pdf).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let written = Written {
        out: out.display().to_string(),
        pages,
        bytes: pdf.len(),
        skipped,
    };
    if json {
        return Ok(to_json(&written));
    }
    let noun = if pages == 1 { "page" } else { "pages" };
    let mut text = format!("Wrote {} ({pages} {noun}).", written.out);
    for s in &written.skipped {
        text.push_str(&format!(
            "\nLeft out {} (#{}): {}.",
            s.display_name, s.contact_id, s.reason
        ));
    }
    Ok(text)
}

pub fn cards(data_dir: &Path, args: CardsArgs, today: NaiveDate) -> Result<String, String> {
    let format = CardFormat::parse(&args.format)?;
    let book = open(data_dir)?;
    let occasion = book.occasion(&args.occasion).map_err(|_| {
        format!(
            "no occasion \"{}\"; `rapport occasions` lists their ids (thanksgiving-us, birthday, custom-1…)",
            args.occasion.trim()
        )
    })?;
    let designs = designs_for(&occasion);
    let mut design = match &args.design {
        Some(name) => designs
            .iter()
            .find(|d| d.name.eq_ignore_ascii_case(name.trim()))
            .cloned()
            .ok_or_else(|| {
                let names: Vec<&str> = designs.iter().map(|d| d.name.as_str()).collect();
                format!(
                    "no design \"{name}\" for {}; use one of {}",
                    occasion.name,
                    names.join(", ")
                )
            })?,
        None => designs
            .first()
            .cloned()
            .ok_or("no designs for this occasion")?,
    };
    design.format = format;
    design.front_image = args.photo.clone();
    design.front_photo = args.photo_id;
    let front = book.card_front(&design).map_err(message)?;
    let job = CardJob {
        design,
        recipients: recipients(&book, &args.recipients, today)?,
        business_name: setting(&book, "business_name"),
    };
    let fonts = FontSet::shared();
    let check = check_job(&job, fonts);
    if !check.is_ready() {
        let mut problems: Vec<String> = check
            .unknown_fields
            .iter()
            .map(|f| format!("unknown field {{{}}}", f.name))
            .collect();
        problems.extend(check.unprintable.iter().map(|u| {
            format!(
                "{} (#{}) has characters no installed font can print: {}",
                u.display_name, u.contact_id, u.missing
            )
        }));
        if check.missing_business_name {
            problems.push(
                "the card signs with {business_name} but none is set; set it with `rapport settings set business_name \"Ann's Bakery\"`".into(),
            );
        }
        return Err(format!("nothing printed: {}", problems.join("; ")));
    }
    let pdf = render_cards_with_front(&job, front, fonts, &mut |_, _| {}, &AtomicBool::new(false))
        .map_err(|e| e.to_string())?;
    write(&args.out, &pdf, Vec::new(), job.recipients.len(), args.json)
}

pub fn labels(data_dir: &Path, args: LabelsArgs, today: NaiveDate) -> Result<String, String> {
    let sheet = LabelSheet::parse(&args.sheet)?;
    let book = open(data_dir)?;
    let offset = match &args.offset_mm {
        Some(text) => parse_offset_mm(text).map_err(|e| format!("--offset-mm {e}"))?,
        None => book.label_offset_mm().map_err(message)?,
    };
    let who = recipients(&book, &args.recipients, today)?;
    let Printed { pdf, skipped } =
        render_labels(&who, sheet, offset, FontSet::shared()).map_err(|e| e.to_string())?;
    let printed = who.len() - skipped.len();
    let pages = printed.div_ceil(sheet.per_sheet());
    write(&args.out, &pdf, skipped, pages, args.json)
}

pub fn envelopes(data_dir: &Path, args: EnvelopesArgs, today: NaiveDate) -> Result<String, String> {
    let size = EnvelopeSize::parse(&args.size)?;
    let book = open(data_dir)?;
    let who = recipients(&book, &args.recipients, today)?;
    let from = book.return_address().map_err(message)?;
    let Printed { pdf, skipped } = render_envelopes(
        &who,
        size,
        &from,
        FontSet::shared(),
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
    .map_err(|e| e.to_string())?;
    let pages = who.len() - skipped.len();
    write(&args.out, &pdf, skipped, pages, args.json)
}
