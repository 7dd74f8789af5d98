//! `rapport reply` (what a customer said back to a welcome, card or gesture), `rapport
//! testimonial` (keep a compliment as a testimonial, with permission) and `rapport testimonials`
//! (list them, or export them as CSV or a printable PDF page).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rapport_core::cards::FontSet;
use rapport_core::contacts::TouchpointKind;
use rapport_core::testimonials::{
    MayQuote, NewReply, Testimonial, TestimonialTerms, TestimonialsFormat,
};

use super::{message, open, to_json};

#[derive(clap::Args)]
pub struct ReplyArgs {
    /// The timeline entry they answered: a welcome, card or gesture sent (its id).
    id: i64,
    /// What they wrote back.
    #[arg(long)]
    text: String,
    /// compliment, complaint or note.
    #[arg(long, default_value = "compliment")]
    kind: String,
    /// When they replied, YYYY-MM-DD (default: today).
    #[arg(long)]
    date: Option<String>,
    /// Keep this compliment as a testimonial.
    #[arg(long)]
    testimonial: bool,
    /// With --testimonial: may we quote them? yes, no or not-asked.
    #[arg(long, default_value = "not-asked", requires = "testimonial")]
    may_quote: String,
    /// With --testimonial: happy to take a call from a prospect.
    #[arg(long, requires = "testimonial")]
    takes_calls: bool,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct TestimonialArgs {
    /// The compliment's timeline entry id.
    id: i64,
    /// May we quote them? yes, no or not-asked.
    #[arg(long, default_value = "not-asked")]
    may_quote: String,
    /// Happy to take a call from a prospect.
    #[arg(long)]
    takes_calls: bool,
    /// It is no longer a testimonial (the compliment stays on the timeline).
    #[arg(long, conflicts_with_all = ["may_quote", "takes_calls"])]
    remove: bool,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct TestimonialsArgs {
    /// Every testimonial, not only those that may be quoted.
    #[arg(long)]
    all: bool,
    /// Export them: F.csv (every one, with its permission) or F.pdf (a printable page of the
    /// quotes that may be quoted).
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct SaidArgs {
    /// The month, YYYY-MM (default: this month).
    #[arg(long)]
    month: Option<String>,
    /// Where to write the PDF.
    #[arg(long)]
    out: PathBuf,
    #[arg(long)]
    json: bool,
}

/// The month's "what customers said" page for the team.
pub fn said(data_dir: &Path, args: SaidArgs, today: NaiveDate) -> Result<String, String> {
    let month = match args.month {
        Some(text) => NaiveDate::parse_from_str(&format!("{}-01", text.trim()), "%Y-%m-%d")
            .map_err(|_| {
                format!("--month \"{text}\" is not a month; write YYYY-MM, e.g. 2026-11")
            })?,
        None => today,
    };
    let written = open(data_dir)?
        .write_month_page(month, &args.out, FontSet::shared())
        .map_err(message)?;
    Ok(if args.json {
        to_json(&written)
    } else {
        format!(
            "Wrote what customers said in {} ({} compliments and complaints) to {}.",
            month.format("%B %Y"),
            written.count,
            written.path
        )
    })
}

#[derive(clap::Args)]
pub struct GiftArgs {
    /// The customer's contact id.
    id: i64,
    /// What it was: "a bunch of tulips", "voucher for a coffee".
    #[arg(long)]
    what: String,
    /// Its value, e.g. 12.50 (in the shop's currency).
    #[arg(long)]
    value: Option<String>,
    /// The occasion: birthday, "sorry for the wait"…
    #[arg(long, default_value = "")]
    occasion: String,
    /// When it was given, YYYY-MM-DD (default: today).
    #[arg(long)]
    date: Option<String>,
    #[arg(long)]
    json: bool,
}

/// A gift or voucher given to a customer.
pub fn gift(data_dir: &Path, args: GiftArgs, today: NaiveDate) -> Result<String, String> {
    let value_cents = args
        .value
        .map(|text| {
            rapport_core::contacts::parse_money(&text).ok_or_else(|| {
                format!("--value \"{text}\" is not an amount; write it as 12 or 12.50")
            })
        })
        .transpose()?;
    let given_on = args
        .date
        .map(|text| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map_err(|_| format!("--date \"{text}\" is not a date; write YYYY-MM-DD"))
        })
        .transpose()?;
    let logged = open(data_dir)?
        .give_gift(
            args.id,
            rapport_core::contacts::NewGift {
                what: args.what,
                value_cents,
                occasion: args.occasion,
                given_on,
            },
            today,
        )
        .map_err(message)?;
    Ok(if args.json {
        to_json(&logged)
    } else {
        format!(
            "Logged the gift on the timeline: {} (entry {}).",
            logged.note, logged.id
        )
    })
}

pub fn reply(data_dir: &Path, args: ReplyArgs, today: NaiveDate) -> Result<String, String> {
    let kind = TouchpointKind::parse(&args.kind).map_err(|e| e.0)?;
    let happened_on = args
        .date
        .map(|text| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map_err(|_| format!("--date \"{text}\" is not a date; write YYYY-MM-DD"))
        })
        .transpose()?;
    let testimonial = if args.testimonial {
        Some(TestimonialTerms {
            may_quote: MayQuote::parse(&args.may_quote).map_err(|e| e.0)?,
            takes_calls: args.takes_calls,
        })
    } else {
        None
    };
    let logged = open(data_dir)?
        .log_reply(
            NewReply {
                reply_to: args.id,
                text: args.text,
                kind,
                happened_on,
                testimonial,
            },
            today,
        )
        .map_err(message)?;
    Ok(if args.json {
        to_json(&logged)
    } else {
        format!(
            "Logged their reply as a {} (entry {}){}.",
            logged.kind.as_str(),
            logged.id,
            if args.testimonial {
                ", kept as a testimonial"
            } else {
                ""
            }
        )
    })
}

pub fn testimonial(
    data_dir: &Path,
    args: TestimonialArgs,
    today: NaiveDate,
) -> Result<String, String> {
    let terms = if args.remove {
        None
    } else {
        Some(TestimonialTerms {
            may_quote: MayQuote::parse(&args.may_quote).map_err(|e| e.0)?,
            takes_calls: args.takes_calls,
        })
    };
    open(data_dir)?
        .mark_testimonial(args.id, terms, today)
        .map_err(message)?;
    Ok(if args.json {
        to_json(&serde_json::json!({ "id": args.id, "terms": terms }))
    } else {
        match terms {
            Some(terms) => format!(
                "Entry {} is a testimonial ({}{}).",
                args.id,
                terms.may_quote.label(),
                if terms.takes_calls {
                    "; happy to take a call"
                } else {
                    ""
                }
            ),
            None => format!("Entry {} is no longer a testimonial.", args.id),
        }
    })
}

pub fn testimonials(
    data_dir: &Path,
    args: TestimonialsArgs,
    today: NaiveDate,
) -> Result<String, String> {
    let book = open(data_dir)?;
    if let Some(out) = args.out {
        let format = TestimonialsFormat::of_path(&out).ok_or_else(|| {
            format!(
                "--out {}: name a .csv (every testimonial) or a .pdf (a page of the quotes) file",
                out.display()
            )
        })?;
        let written = book
            .write_testimonials(&out, format, FontSet::shared(), today)
            .map_err(message)?;
        return Ok(if args.json {
            to_json(&written)
        } else {
            format!("Wrote {} testimonials to {}.", written.count, written.path)
        });
    }
    let list = book.testimonials(!args.all).map_err(message)?;
    Ok(if args.json {
        to_json(&list)
    } else if list.is_empty() {
        if args.all {
            "No testimonials yet: keep a compliment as one (rapport testimonial ID).".into()
        } else {
            "No testimonial may be quoted yet (--all lists every one).".into()
        }
    } else {
        list.iter().map(line).collect::<Vec<_>>().join("\n")
    })
}

fn line(t: &Testimonial) -> String {
    format!(
        "{} ({}), {} — \"{}\" [{}{}]",
        t.contact.display_name,
        t.contact.id,
        t.compliment.happened_on,
        t.compliment.note.lines().next().unwrap_or(""),
        t.terms.may_quote.label(),
        if t.terms.takes_calls {
            "; takes calls"
        } else {
            ""
        }
    )
}
