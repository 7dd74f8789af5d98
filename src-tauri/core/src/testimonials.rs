//! "They replied" and testimonials: a customer's answer to a welcome, card or gesture we sent is
//! logged on their timeline (a compliment, a complaint or a note); a compliment can be kept as a
//! testimonial with their permission to quote it and whether they would take a call from a
//! prospect. The Testimonials screen lists them; they export as CSV (all, with the permission)
//! and print as a page of quotes (only those that may be quoted).

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cards::quotes::{quote_pages, Quote, QuoteSection};
use crate::cards::FontSet;
pub use crate::contacts::{MayQuote, NewReply, Testimonial, TestimonialTerms};
use crate::contacts::{NewTouchpoint, Touchpoint, TouchpointKind, MAX_NOTE_CHARS};
use crate::error::{Error, Result};
use crate::exchange::neutralise;
use crate::paths::{OutputGuard, OutputKind};
use crate::Book;

/// Where the window saves the testimonials it exports, in the data folder.
pub const TESTIMONIALS_FOLDER: &str = "testimonials";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TestimonialsFormat {
    /// Every testimonial with its permission, for a spreadsheet.
    Csv,
    /// A printable page of the quotes that may be quoted.
    Pdf,
}

impl TestimonialsFormat {
    fn extension(self) -> &'static str {
        match self {
            TestimonialsFormat::Csv => "csv",
            TestimonialsFormat::Pdf => "pdf",
        }
    }

    /// From a file name's extension.
    pub fn of_path(path: &Path) -> Option<TestimonialsFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(TestimonialsFormat::Csv),
            "pdf" => Some(TestimonialsFormat::Pdf),
            _ => None,
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TestimonialsWritten {
    pub path: String,
    /// How many testimonials it holds.
    #[ts(type = "number")]
    pub count: u64,
}

/// The kinds a reply is logged as.
const REPLY_KINDS: [TouchpointKind; 3] = [
    TouchpointKind::Compliment,
    TouchpointKind::Complaint,
    TouchpointKind::Note,
];

impl Book {
    /// Logs what a customer said back to a welcome, card or gesture we sent (`reply.reply_to`),
    /// and keeps a compliment as a testimonial if asked; one transaction. Returns the entry
    /// (deleting it is the Undo).
    pub fn log_reply(&mut self, reply: NewReply, today: NaiveDate) -> Result<Touchpoint> {
        let text = reply.text.trim().to_string();
        if text.is_empty() {
            return Err(Error::invalid("text", "paste what they wrote back"));
        }
        if text.chars().count() > MAX_NOTE_CHARS {
            return Err(Error::invalid(
                "text",
                format!(
                    "a reply of at most {MAX_NOTE_CHARS} characters is kept; keep the heart of it"
                ),
            ));
        }
        if !REPLY_KINDS.contains(&reply.kind) {
            return Err(Error::invalid(
                "kind",
                "log a reply as a compliment, a complaint or a note",
            ));
        }
        if reply.testimonial.is_some() && reply.kind != TouchpointKind::Compliment {
            return Err(Error::invalid(
                "testimonial",
                "only a compliment can be kept as a testimonial",
            ));
        }
        let answered = self.store().touchpoint(reply.reply_to)?;
        if !matches!(
            answered.kind,
            TouchpointKind::WelcomeSent | TouchpointKind::CardSent | TouchpointKind::GestureSent
        ) {
            return Err(Error::invalid(
                "replyTo",
                "a reply answers a welcome, card or gesture we sent",
            ));
        }
        let entry = NewTouchpoint {
            kind: reply.kind,
            happened_on: reply.happened_on.unwrap_or(today),
            note: text,
            handled_by: self.store().signed_in_name()?.unwrap_or_default(),
        };
        entry.validate(today)?;
        self.store_mut().log_reply(
            answered.contact_id,
            &entry,
            answered.id,
            reply.testimonial.as_ref(),
            today,
        )
    }

    /// Keeps a compliment as a testimonial on `terms`, or (None) no longer.
    pub fn mark_testimonial(
        &mut self,
        touchpoint_id: i64,
        terms: Option<TestimonialTerms>,
        today: NaiveDate,
    ) -> Result<()> {
        let entry = self.store().touchpoint(touchpoint_id)?;
        if entry.kind != TouchpointKind::Compliment {
            return Err(Error::invalid(
                "touchpointId",
                "only a compliment can be kept as a testimonial",
            ));
        }
        self.store_mut()
            .set_testimonial(touchpoint_id, terms.as_ref(), today)
    }

    /// The testimonials (only those that may be quoted, if asked), newest first.
    pub fn testimonials(&self, only_quotable: bool) -> Result<Vec<Testimonial>> {
        let rows = self.store().testimonials(only_quotable)?;
        let ids: Vec<i64> = rows.iter().map(|(t, _)| t.contact_id).collect();
        let people: std::collections::HashMap<i64, _> = self
            .store()
            .summaries(&ids)?
            .into_iter()
            .map(|person| (person.id, person))
            .collect();
        Ok(rows
            .into_iter()
            .filter_map(|(compliment, terms)| {
                Some(Testimonial {
                    contact: people.get(&compliment.contact_id)?.clone(),
                    compliment,
                    terms,
                })
            })
            .collect())
    }

    /// Where the window saves an export of the testimonials made `today`.
    pub fn testimonials_file(&self, format: TestimonialsFormat, today: NaiveDate) -> PathBuf {
        self.data_dir()
            .join(TESTIMONIALS_FOLDER)
            .join(format!("testimonials-{today}.{}", format.extension()))
    }

    /// `path` if it is an export the window saved (only those are opened for the owner).
    pub fn saved_testimonials_file(&self, path: &str) -> Result<PathBuf> {
        let folder = self.data_dir().join(TESTIMONIALS_FOLDER);
        ["pdf", "csv"]
            .iter()
            .find_map(|ext| crate::paths::file_in(&folder, path, ext))
            .ok_or_else(|| {
                Error::invalid("path", "only testimonial files Rapport saved can be opened")
            })
    }

    /// Writes the testimonials to `path` in one call (for a caller that holds the book anyway:
    /// the command line); the window prepares, then writes without the book held.
    pub fn write_testimonials(
        &self,
        path: &Path,
        format: TestimonialsFormat,
        fonts: &FontSet,
        today: NaiveDate,
    ) -> Result<TestimonialsWritten> {
        self.prepare_testimonials(path, format, today)?.write(fonts)
    }

    /// Gathers the testimonials for `path`: as CSV every one with its permission (UTF-8 with a
    /// BOM, no cell a spreadsheet would run), as a PDF page only those that may be quoted. A
    /// path that would replace the book, or nothing to print, is refused here.
    pub fn prepare_testimonials(
        &self,
        path: &Path,
        format: TestimonialsFormat,
        today: NaiveDate,
    ) -> Result<QuotesRun> {
        let (content, count) = match format {
            TestimonialsFormat::Csv => {
                let all = self.testimonials(false)?;
                (QuotesContent::Ready(testimonials_csv(&all)?), all.len())
            }
            TestimonialsFormat::Pdf => {
                let quotable = self.testimonials(true)?;
                if quotable.is_empty() {
                    return Err(Error::invalid(
                        "format",
                        "no testimonial may be quoted yet: ask the customers, and mark theirs \"may be quoted\"",
                    ));
                }
                let business = self.business_name()?;
                let subtitle = if business.is_empty() {
                    format!("Printed {}", today.format("%-d %B %Y"))
                } else {
                    format!("{business} \u{00B7} printed {}", today.format("%-d %B %Y"))
                };
                let quotes: Vec<Quote> = quotable
                    .iter()
                    .map(|t| Quote {
                        words: t.compliment.note.clone(),
                        said_by: said_by(t),
                    })
                    .collect();
                let sections = vec![QuoteSection {
                    heading: String::new(),
                    quotes,
                }];
                let page = QuotesContent::Page {
                    title: "What our customers say",
                    subtitle,
                    sections,
                };
                (page, quotable.len())
            }
        };
        self.quotes_run(path, content, count)
    }

    fn quotes_run(&self, path: &Path, content: QuotesContent, count: usize) -> Result<QuotesRun> {
        let guard = self.output_guard();
        guard.check(path, OutputKind::Document)?;
        Ok(QuotesRun {
            content,
            count,
            out: path.to_path_buf(),
            guard,
        })
    }
}

/// What a [`QuotesRun`] writes: bytes made already (a CSV), or a page still to render.
enum QuotesContent {
    Ready(Vec<u8>),
    Page {
        title: &'static str,
        subtitle: String,
        sections: Vec<QuoteSection>,
    },
}

/// Testimonials or the month's page gathered from the book, to render and save without it.
pub struct QuotesRun {
    content: QuotesContent,
    count: usize,
    out: PathBuf,
    guard: OutputGuard,
}

impl QuotesRun {
    /// Renders the page (if it is one) and saves the file through the output guard.
    pub fn write(self, fonts: &FontSet) -> Result<TestimonialsWritten> {
        let bytes = match self.content {
            QuotesContent::Ready(bytes) => bytes,
            QuotesContent::Page {
                title,
                subtitle,
                sections,
            } => quote_pages(title, &subtitle, &sections, fonts)?,
        };
        let written = self
            .guard
            .write_bytes(&self.out, OutputKind::Document, &bytes)?;
        Ok(TestimonialsWritten {
            path: written.display().to_string(),
            count: self.count as u64,
        })
    }
}

impl Book {
    /// Where the window saves the month's "what customers said" page.
    pub fn month_page_file(&self, month: NaiveDate) -> PathBuf {
        self.data_dir()
            .join(TESTIMONIALS_FOLDER)
            .join(format!("what-customers-said-{}.pdf", month.format("%Y-%m")))
    }

    /// Writes the month's page in one call (for the command line; the window prepares, then
    /// renders without the book held).
    pub fn write_month_page(
        &self,
        month: NaiveDate,
        path: &Path,
        fonts: &FontSet,
    ) -> Result<TestimonialsWritten> {
        self.prepare_month_page(month, path)?.write(fonts)
    }

    /// Gathers the month's "what customers said about us" page for the team: every compliment
    /// and complaint logged in the month of `month` (any day of it), with who handled it.
    pub fn prepare_month_page(&self, month: NaiveDate, path: &Path) -> Result<QuotesRun> {
        let first = month.with_day(1).unwrap_or(month);
        let last = first
            .checked_add_months(chrono::Months::new(1))
            .and_then(|next| next.pred_opt())
            .unwrap_or(first);
        let said = self.store().feedback_between(first, last)?;
        if said.is_empty() {
            return Err(Error::invalid(
                "month",
                format!(
                    "no compliment or complaint was logged in {}; choose another month",
                    first.format("%B %Y")
                ),
            ));
        }
        let line = |(customer, t): &(String, Touchpoint)| Quote {
            words: if t.note.trim().is_empty() {
                "(no words logged)".into()
            } else {
                t.note.clone()
            },
            said_by: if t.handled_by.is_empty() {
                format!("{customer} \u{00B7} {}", t.happened_on.format("%-d %B"))
            } else {
                format!(
                    "{customer} \u{00B7} {} \u{00B7} {} handled it",
                    t.happened_on.format("%-d %B"),
                    t.handled_by
                )
            },
        };
        let of = |kind| {
            said.iter()
                .filter(|(_, t)| t.kind == kind)
                .map(line)
                .collect()
        };
        let sections = [
            QuoteSection {
                heading: "What they loved".into(),
                quotes: of(TouchpointKind::Compliment),
            },
            QuoteSection {
                heading: "What we can do better".into(),
                quotes: of(TouchpointKind::Complaint),
            },
        ];
        let business = self.business_name()?;
        let subtitle = if business.is_empty() {
            first.format("%B %Y").to_string()
        } else {
            format!("{business} \u{00B7} {}", first.format("%B %Y"))
        };
        let sections: Vec<QuoteSection> = sections
            .into_iter()
            .filter(|s| !s.quotes.is_empty())
            .collect();
        let page = QuotesContent::Page {
            title: "What customers said",
            subtitle,
            sections,
        };
        self.quotes_run(path, page, said.len())
    }
}

/// "Ann Lee, Ann's Bakery · March 2026".
fn said_by(t: &Testimonial) -> String {
    let company = if t.contact.company.is_empty() {
        String::new()
    } else {
        format!(", {}", t.contact.company)
    };
    format!(
        "{}{company} \u{00B7} {}",
        t.contact.display_name,
        t.compliment.happened_on.format("%B %Y")
    )
}

fn testimonials_csv(all: &[Testimonial]) -> Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let failed = |e: csv::Error| Error::invalid("csv", e.to_string());
        writer
            .write_record([
                "Name",
                "Company",
                "Date",
                "Quote",
                "May quote",
                "Happy to take a call",
                "Email",
                "Phone",
            ])
            .map_err(failed)?;
        for t in all {
            let date = t.compliment.happened_on.to_string();
            let cells = [
                t.contact.display_name.as_str(),
                t.contact.company.as_str(),
                date.as_str(),
                t.compliment.note.as_str(),
                t.terms.may_quote.label(),
                if t.terms.takes_calls { "yes" } else { "no" },
                t.contact.email.as_str(),
                t.contact.phone.as_str(),
            ];
            writer
                .write_record(cells.iter().map(|c| neutralise(c).into_owned()))
                .map_err(failed)?;
        }
        writer
            .flush()
            .map_err(|e| Error::invalid("csv", e.to_string()))?;
    }
    Ok(out)
}
