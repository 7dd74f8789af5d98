//! An import: read the file (CSV or vCard, any of the usual encodings), check every row, find
//! duplicates, and store the result as ONE transaction — or, in a dry run, only report it.

use std::ops::ControlFlow;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;

use chrono::NaiveDate;

use super::csv_import::{self, ColumnMapping};
pub use super::import_types::{
    ImportFormat, ImportOptions, ImportPreview, ImportReport, PreviewRow, MAX_IMPORT_BYTES,
    PREVIEW_ROWS,
};
use super::mapping::ColumnChoice;
pub use super::plan::REPORTED_DUPLICATES;
use super::plan::{Outcome, Planner};
use super::rows::check;
pub use super::rows::{DuplicateChoice, DuplicateRow, OnDuplicate, RefusedRow, SourceRow};
use super::{vcard, ExchangeError};
use crate::book::Book;
use crate::contacts::display_name;
use crate::error::{Error, Result};
use crate::store::NewContact;

/// What was read: the kind of file, how it was decoded, and where its rows come from.
#[derive(Debug)]
pub struct SourceFile {
    pub format: ImportFormat,
    pub encoding: String,
    pub delimiter: Option<String>,
    pub headers: Vec<String>,
    pub mapping: Vec<ColumnMapping>,
    pub notes: Vec<String>,
    body: Body,
}

#[derive(Debug)]
enum Body {
    /// A spreadsheet's text; its rows are read from it as they are needed, so a big file's
    /// values are never all held at once.
    Table {
        text: String,
        delimiter: u8,
        /// Birthdays written with slashes are day first (`17/05/1975`).
        day_first: bool,
    },
    /// A vCard file's cards, read whole.
    Cards(Vec<SourceRow>),
}

impl SourceFile {
    /// How far reading goes: progress counts up to this (bytes of a spreadsheet, cards).
    fn extent(&self) -> u64 {
        match &self.body {
            Body::Table { text, .. } => text.len() as u64,
            Body::Cards(cards) => cards.len() as u64,
        }
    }

    /// At most how many rows the file holds (a spreadsheet's lines), found without reading them.
    fn max_rows(&self) -> usize {
        match &self.body {
            Body::Table { text, .. } => text.bytes().filter(|b| *b == b'\n').count() + 1,
            Body::Cards(cards) => cards.len(),
        }
    }

    /// Hands each row to `each`, with how far through the file it ends (see
    /// [`SourceFile::extent`]), until `each` breaks.
    fn for_each_row(
        self,
        mut each: impl FnMut(SourceRow, u64) -> ControlFlow<()>,
    ) -> std::result::Result<(), String> {
        match self.body {
            Body::Table {
                text,
                delimiter,
                day_first,
            } => {
                let mapping = self.mapping;
                csv_import::read_rows(&text, delimiter, |line, values, end| {
                    each(
                        csv_import::row_to_contact(line, values, &mapping, day_first),
                        end,
                    )
                })
            }
            Body::Cards(cards) => {
                for (done, card) in cards.into_iter().enumerate() {
                    if each(card, done as u64 + 1).is_break() {
                        break;
                    }
                }
                Ok(())
            }
        }
    }
}

/// Reads `path` as `format` (auto: by content).
pub fn read_file(
    path: &Path,
    format: ImportFormat,
    mapping: Option<Vec<ColumnMapping>>,
) -> Result<SourceFile> {
    read_file_with(path, format, mapping, &[])
}

/// [`read_file`] with the owner's `choices` laid over the mapping (see
/// [`super::mapping::apply_choices`]); a choice naming a column the file does not have is
/// refused with [`ExchangeError::BadOption`].
pub fn read_file_with(
    path: &Path,
    format: ImportFormat,
    mapping: Option<Vec<ColumnMapping>>,
    choices: &[ColumnChoice],
) -> Result<SourceFile> {
    let cannot_read = |reason: String| ExchangeError::CannotRead {
        path: path.to_path_buf(),
        reason,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| cannot_read(e.to_string()))?
        .len();
    if size > MAX_IMPORT_BYTES {
        return Err(ExchangeError::Unreadable {
            path: path.to_path_buf(),
            reason: format!("it is {} MB; at most 512 MB", size / 1_048_576),
        }
        .into());
    }
    let bytes = std::fs::read(path).map_err(|e| cannot_read(e.to_string()))?;
    let (text, encoding) = csv_import::decode(bytes);
    let looks_vcard = text
        .trim_start()
        .get(..11)
        .is_some_and(|head| head.eq_ignore_ascii_case("BEGIN:VCARD"));
    let mut notes = Vec::new();
    if format == ImportFormat::Vcard || (format == ImportFormat::Auto && looks_vcard) {
        if !choices.is_empty() {
            return Err(ExchangeError::BadOption(
                "a vCard file has no columns to send elsewhere; --map is for spreadsheets (CSV)"
                    .into(),
            )
            .into());
        }
        let rows = vcard::parse(&text, &mut notes);
        if rows.is_empty() {
            return Err(ExchangeError::Unreadable {
                path: path.to_path_buf(),
                reason: "no BEGIN:VCARD … END:VCARD card was found".into(),
            }
            .into());
        }
        return Ok(SourceFile {
            format: ImportFormat::Vcard,
            encoding: encoding.into(),
            delimiter: None,
            headers: Vec::new(),
            mapping: Vec::new(),
            notes,
            body: Body::Cards(rows),
        });
    }
    // A picture or a UTF-16 file without its mark is NULs throughout, its first line too; a
    // NUL inside a value (a note pasted from elsewhere, exported as it was kept) is text.
    let first_line = text.lines().next().unwrap_or("");
    let nuls = text.bytes().filter(|b| *b == 0).count();
    if first_line.contains('\0') || nuls * 100 > text.len() {
        return Err(ExchangeError::Unreadable {
            path: path.to_path_buf(),
            reason: "it holds binary data, not text".into(),
        }
        .into());
    }
    let delimiter = csv_import::detect_delimiter(&text);
    let unreadable = |reason| ExchangeError::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let headers = csv_import::read_headers(&text, delimiter).map_err(|e| unreadable(e.0))?;
    if let Some(line) = csv_import::unclosed_quote(&text, delimiter) {
        return Err(unreadable(format!(
            "a quoted value that starts on line {line} is never closed, so everything after it would be read as one value; check that line (a \" too many or too few) and try again"
        ))
        .into());
    }
    let mapping = match mapping {
        Some(mapping) => {
            if mapping.len() != headers.len() {
                return Err(Error::invalid(
                    "mapping",
                    format!(
                        "the mapping has {} columns but the file has {}",
                        mapping.len(),
                        headers.len()
                    ),
                ));
            }
            mapping
        }
        None => csv_import::guess_mapping(&headers),
    };
    let mut mapping = mapping;
    super::mapping::apply_choices(&mut mapping, choices).map_err(ExchangeError::BadOption)?;
    let detected = match (format, csv_import::detect_kind(&headers)) {
        (ImportFormat::Auto, "google") => ImportFormat::Google,
        (ImportFormat::Auto, "outlook") => ImportFormat::Outlook,
        (ImportFormat::Auto, _) => ImportFormat::Csv,
        (other, _) => other,
    };
    let day_first = csv_import::slash_dates_are_day_first(&text, delimiter, &mapping);
    if day_first {
        notes.push(
            "Birthdays are written day first in this file (17/05/1975), so 03/04/1975 is read as 3 April."
                .into(),
        );
    }
    let ignored: Vec<&str> = mapping
        .iter()
        .filter(|m| m.target == csv_import::Target::Ignore && !m.header.is_empty())
        .map(|m| m.header.as_str())
        .collect();
    if !ignored.is_empty() && detected == ImportFormat::Csv {
        notes.push(format!("Columns not imported: {}", ignored.join(", ")));
    }
    Ok(SourceFile {
        format: detected,
        encoding: encoding.into(),
        delimiter: Some(csv_import::delimiter_name(delimiter).into()),
        headers,
        mapping,
        notes,
        body: Body::Table {
            text,
            delimiter,
            day_first,
        },
    })
}

/// The first rows as they will be stored, with the problems that would refuse them.
pub fn preview(
    path: &Path,
    format: ImportFormat,
    mapping: Option<Vec<ColumnMapping>>,
    today: NaiveDate,
) -> Result<ImportPreview> {
    let mut source = read_file(path, format, mapping)?;
    if maps_nothing(&source) {
        source.notes.insert(
            0,
            "No column header is one Rapport knows: choose below where each column goes.".into(),
        );
    }
    let (format, encoding, delimiter) = (
        source.format,
        source.encoding.clone(),
        source.delimiter.clone(),
    );
    let (headers, mapping, notes) = (
        source.headers.clone(),
        source.mapping.clone(),
        source.notes.clone(),
    );
    let mut rows = Vec::new();
    let mut total_rows = 0u64;
    source
        .for_each_row(|row, _| {
            total_rows += 1;
            if rows.len() < PREVIEW_ROWS {
                let (input, problems) = match check(row.input.clone(), &row.problems, today) {
                    Ok(input) => (input, Vec::new()),
                    Err(reason) => (row.input, vec![reason]),
                };
                rows.push(PreviewRow {
                    line: row.line as u64,
                    display_name: display_name(&input),
                    input,
                    problems,
                });
            }
            ControlFlow::Continue(())
        })
        .map_err(|reason| unreadable(path, reason))?;
    Ok(ImportPreview {
        format,
        encoding,
        delimiter,
        headers,
        mapping,
        rows,
        total_rows,
        notes,
    })
}

fn unreadable(path: &Path, reason: String) -> Error {
    ExchangeError::Unreadable {
        path: path.to_path_buf(),
        reason,
    }
    .into()
}

/// A spreadsheet whose every column is left out: nothing could be imported from it.
fn maps_nothing(source: &SourceFile) -> bool {
    !source.headers.is_empty()
        && source
            .mapping
            .iter()
            .all(|m| m.target == csv_import::Target::Ignore)
}

/// Imports `path` into the book: every row checked, duplicates handled as chosen, and the
/// result stored as one transaction (nothing at all when the store fails). A dry run stores
/// nothing and reports the same. `progress(done, total)` hears how far through the file it is.
pub fn import(
    book: &mut Book,
    path: &Path,
    options: &ImportOptions,
    today: NaiveDate,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportReport> {
    import_cancellable(
        book,
        path,
        options,
        today,
        progress,
        &AtomicBool::new(false),
    )
}

/// New contacts handed to the writer at once, and rows read at most before a hand-over (so
/// progress and cancelling are heard of while a stretch of duplicates is read).
const BATCH_CONTACTS: usize = 500;
const BATCH_ROWS: usize = 2_000;
/// Batches that may wait for the writer: reading runs ahead of writing by at most this many.
const BATCHES_AHEAD: usize = 4;
/// A batch is handed over once its photos (stored JPEGs, up to a few hundred kB each) come to
/// this much, so a vCard full of photos holds a few batches' worth, not thousands of photos.
const BATCH_PHOTO_BYTES: usize = 16 << 20;

/// [`import`] that stops with [`crate::Cancelled::Import`] once `cancel` is set (looked at
/// every few thousand rows, and last just before the transaction commits): the book is unchanged.
///
/// The file is read and each row checked and matched on one thread while the contacts are
/// written on this one, in one transaction; a dry run only reads.
pub fn import_cancellable(
    book: &mut Book,
    path: &Path,
    options: &ImportOptions,
    today: NaiveDate,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<ImportReport> {
    let source = read_file_with(
        path,
        options.format,
        options.mapping.clone(),
        options.column_choices.as_deref().unwrap_or_default(),
    )?;
    if maps_nothing(&source) {
        return Err(ExchangeError::Unreadable {
            path: path.to_path_buf(),
            reason: "no column header is one Rapport knows (like Name, First Name, Email); map the columns by hand".into(),
        }
        .into());
    }
    let extent = source.extent();
    let max_rows = source.max_rows();
    let (format, encoding, delimiter) = (
        source.format,
        source.encoding.clone(),
        source.delimiter.clone(),
    );
    let mut notes = source.notes.clone();
    let mapping = source.mapping.clone();
    progress(0, extent);
    let existing = book.store().every_contact()?;
    let mut planner = Planner::new(&existing, &options.choices, options.on_duplicate, today);
    if options.dry_run {
        planner.check_photos_only();
    }
    let mut outcome = if options.dry_run {
        check_rows(path, source, planner, progress, cancel)?
    } else {
        read_and_store(book, path, source, planner, max_rows, progress, cancel)?
    };
    outcome.refused.sort_by_key(|r| r.line);
    notes.extend(outcome.photo_notes);
    let report = ImportReport {
        format,
        encoding,
        delimiter,
        dry_run: options.dry_run,
        rows: outcome.rows,
        added: outcome.added,
        merged: outcome.merged,
        skipped: outcome.skipped,
        refused: outcome.refused,
        duplicates: outcome.duplicates,
        duplicates_found: outcome.duplicates_found,
        notes,
        mapping,
    };
    progress(extent, extent);
    Ok(report)
}

/// A dry run: reads and plans every row, storing nothing.
fn check_rows(
    path: &Path,
    source: SourceFile,
    mut planner: Planner<'_>,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<Outcome> {
    let extent = source.extent();
    let mut rows = 0usize;
    let mut stopped = false;
    source
        .for_each_row(|row, at| {
            planner.plan(row);
            rows += 1;
            if rows.is_multiple_of(BATCH_ROWS) {
                progress(at, extent);
                stopped = cancel.load(Ordering::Relaxed);
            }
            if stopped {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
        .map_err(|reason| unreadable(path, reason))?;
    if stopped {
        return Err(crate::Cancelled::Import.into());
    }
    Ok(planner.finish().0)
}

/// Reads and plans the rows on a second thread while this one stores the new contacts as they
/// come, then the merges; all in one transaction.
fn read_and_store(
    book: &mut Book,
    path: &Path,
    source: SourceFile,
    mut planner: Planner<'_>,
    max_rows: usize,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<Outcome> {
    let extent = source.extent();
    // How far the reading thread has got, for the progress bar.
    let read_to = AtomicU64::new(0);
    // Set when the writing stops early (cancelled, failed): the reading thread stops too.
    let writer_stopped = AtomicBool::new(false);
    let (sender, receiver) = mpsc::sync_channel::<Vec<NewContact>>(BATCHES_AHEAD);
    let (outcome_sender, outcome_receiver) = mpsc::channel();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            // Owned here: should this thread panic, the outcome's sender goes with it and the
            // writer hears that the import stopped instead of waiting for ever.
            let outcome_sender = outcome_sender;
            let mut batch = Vec::with_capacity(BATCH_CONTACTS);
            let mut rows_in_batch = 0;
            let mut photo_bytes = 0;
            let read = source.for_each_row(|row, at| {
                read_to.store(at, Ordering::Relaxed);
                if let Some(addition) = planner.plan(row) {
                    photo_bytes += addition
                        .photo
                        .as_ref()
                        .map_or(0, |p| p.jpeg.len() + p.thumb_jpeg.len());
                    batch.push(NewContact::new(addition.input, addition.photo));
                }
                rows_in_batch += 1;
                if batch.len() >= BATCH_CONTACTS
                    || rows_in_batch >= BATCH_ROWS
                    || photo_bytes >= BATCH_PHOTO_BYTES
                {
                    rows_in_batch = 0;
                    photo_bytes = 0;
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_CONTACTS));
                    if writer_stopped.load(Ordering::Relaxed) || sender.send(full).is_err() {
                        return ControlFlow::Break(());
                    }
                }
                ControlFlow::Continue(())
            });
            if !batch.is_empty() {
                // The writer may have stopped; then there is nobody left to tell.
                let _ = sender.send(batch);
            }
            drop(sender);
            let (outcome, rest) = planner.finish();
            let _ = outcome_sender.send(read.map(|()| outcome));
            // Freed while the writer finishes its transaction.
            drop(rest);
        });
        let mut finished = None;
        let stored = book.store_mut().import_contacts(
            max_rows,
            move || receiver.recv().ok(),
            || {
                let mut outcome = outcome_receiver
                    .recv()
                    .map_err(|_| Error::from(ExchangeError::ImportStopped))?
                    .map_err(|reason| unreadable(path, reason))?;
                let changes = std::mem::take(&mut outcome.changes);
                finished = Some(outcome);
                Ok(changes)
            },
            &mut |_| {
                progress(read_to.load(Ordering::Relaxed), extent);
                !cancel.load(Ordering::Relaxed)
            },
        );
        if stored.is_err() {
            writer_stopped.store(true, Ordering::Relaxed);
        }
        stored?;
        finished.ok_or_else(|| ExchangeError::ImportStopped.into())
    })
}
