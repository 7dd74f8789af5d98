//! `rapport cards …`, `rapport labels …`, `rapport envelopes …`: print-ready PDFs headless.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use clap::Args;
use rapport_core::cards::{
    self as core_cards, parse_offset_mm, CardFormat, Destination, EnvelopeSize, FontSet,
    LabelSheet, MailRun, SkippedRecipient, UnprintableText,
};
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
    /// Record "card sent" on each recipient's timeline, as the window does after printing.
    #[arg(long)]
    record_sent: bool,
    /// Print the cards of names no installed font can print with those characters dropped,
    /// instead of leaving them out.
    #[arg(long)]
    drop_missing_characters: bool,
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

impl Recipients {
    /// The core's choice of recipients for these flags.
    fn choice(&self) -> Result<core_cards::Recipients, String> {
        if !self.contact.is_empty() {
            Ok(core_cards::Recipients::Picked {
                ids: self.contact.clone(),
            })
        } else if let Some(tag) = &self.tag {
            Ok(core_cards::Recipients::Tag { tag: tag.clone() })
        } else if self.all {
            Ok(core_cards::Recipients::Everyone)
        } else {
            Err("choose who to print for: --all, --tag TAG or --contact ID".into())
        }
    }
}

/// What a print run wrote, as `--json` prints it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Written {
    out: String,
    pages: u64,
    bytes: u64,
    skipped: Vec<SkippedRecipient>,
    /// Cards not printed because no installed font has some of their characters.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    left_out: Vec<UnprintableText>,
    /// How many "card sent" were recorded (with `--record-sent`).
    recorded: u32,
}

fn said(written: &Written, json: bool) -> String {
    if json {
        return to_json(written);
    }
    let noun = if written.pages == 1 { "page" } else { "pages" };
    let mut text = format!("Wrote {} ({} {noun}).", written.out, written.pages);
    for s in &written.skipped {
        text.push_str(&format!(
            "\nLeft out {} (#{}): {}.",
            s.display_name, s.contact_id, s.reason
        ));
    }
    for u in &written.left_out {
        text.push_str(&format!(
            "\nLeft out {} (#{}): no installed font can print \"{}\" (--drop-missing-characters prints it as \"{}\").",
            u.display_name, u.contact_id, u.missing, u.printable_name
        ));
    }
    if written.recorded > 0 {
        text.push_str(&format!(
            "\nRecorded \"card sent\" on {} timelines.",
            written.recorded
        ));
    }
    text
}

fn no_cancel() -> AtomicBool {
    AtomicBool::new(false)
}

pub fn cards(data_dir: &Path, args: CardsArgs, today: NaiveDate) -> Result<String, String> {
    let format = CardFormat::parse(&args.format)?;
    let who = args.recipients.choice()?;
    let mut book = open(data_dir)?;
    let occasion = book.occasion(&args.occasion).map_err(|_| {
        format!(
            "no occasion \"{}\"; `rapport occasions` lists their ids (thanksgiving-us, birthday, custom-1…)",
            args.occasion.trim()
        )
    })?;
    let mut design = book
        .card_design(&occasion, args.design.as_deref())
        .map_err(message)?;
    design.format = format;
    design.front_image = args.photo.clone();
    design.front_photo = args.photo_id;
    let run = book
        .prepare_cards(&who, design, &[], Destination::File(&args.out), today)
        .map_err(message)?;
    let fonts = FontSet::shared();
    let mut check = run.check(fonts);
    // A name no font can print leaves only that card out (below); these stop the whole batch.
    check.unprintable.clear();
    if !check.is_ready() {
        return Err(format!("nothing printed: {}", check.problems().join("; ")));
    }
    let run = if args.drop_missing_characters {
        run.dropping_missing_characters()
    } else {
        run
    };
    let printed = run
        .print(fonts, &mut |_, _| {}, &no_cancel())
        .map_err(message)?;
    let recorded = if args.record_sent {
        book.record_cards_sent(&printed.recipient_ids, &occasion.name, today, today)
            .map_err(message)?
            .recorded
    } else {
        0
    };
    Ok(said(
        &Written {
            out: printed.path,
            pages: printed.pages,
            bytes: printed.bytes,
            skipped: Vec::new(),
            left_out: printed.left_out,
            recorded,
        },
        args.json,
    ))
}

pub fn labels(data_dir: &Path, args: LabelsArgs, today: NaiveDate) -> Result<String, String> {
    let sheet = LabelSheet::parse(&args.sheet)?;
    let offset = match &args.offset_mm {
        Some(text) => Some(parse_offset_mm(text).map_err(|e| format!("--offset-mm {e}"))?),
        None => None,
    };
    let who = args.recipients.choice()?;
    let book = open(data_dir)?;
    let run = book
        .prepare_labels(&who, sheet, offset, Destination::File(&args.out), today)
        .map_err(message)?;
    mail_run(run, args.json)
}

pub fn envelopes(data_dir: &Path, args: EnvelopesArgs, today: NaiveDate) -> Result<String, String> {
    let size = EnvelopeSize::parse(&args.size)?;
    let who = args.recipients.choice()?;
    let book = open(data_dir)?;
    let run = book
        .prepare_envelopes(&who, size, Destination::File(&args.out), today)
        .map_err(message)?;
    mail_run(run, args.json)
}

fn mail_run(run: MailRun, json: bool) -> Result<String, String> {
    let printed = run
        .print(FontSet::shared(), &mut |_, _| {}, &no_cancel())
        .map_err(message)?;
    let bytes = std::fs::metadata(&printed.path)
        .map(|m| m.len())
        .unwrap_or(0);
    Ok(said(
        &Written {
            out: printed.path,
            pages: printed.pages,
            bytes,
            skipped: printed.skipped,
            left_out: Vec::new(),
            recorded: 0,
        },
        json,
    ))
}
