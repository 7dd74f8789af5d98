//! An import: read the file (CSV or vCard, any of the usual encodings), check every row, find
//! duplicates, and store the result as ONE transaction — or, in a dry run, only report it.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::csv_import::{self, ColumnMapping};
use super::duplicates::{merge_with_picks, ContactKeys, DuplicateIndex, FieldPick, Slot};
use super::{vcard, ExchangeError};
use crate::book::Book;
use crate::contacts::{display_name, ContactInput};
use crate::error::{Error, Result};
use crate::photos::{self, NormalizedPhoto};

/// Files larger than this are refused before reading: no address book is that big.
pub const MAX_IMPORT_BYTES: u64 = 512 * 1024 * 1024;
/// Rows shown in a preview.
pub const PREVIEW_ROWS: usize = 10;

/// One contact as read from the file, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    /// The line the row (or the card's BEGIN) starts on.
    pub line: usize,
    pub input: ContactInput,
    /// What could not be read (a date of 31 February…): the row is refused with these.
    pub problems: Vec<String>,
    /// A vCard's inline photo, as decoded from the card (checked and normalised only when the
    /// contact is stored), or why it cannot be used. Never sent to the window.
    pub photo: Option<std::result::Result<Vec<u8>, String>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ImportFormat {
    #[default]
    Auto,
    Google,
    Outlook,
    Csv,
    Vcard,
}

impl ImportFormat {
    pub fn parse(text: &str) -> std::result::Result<ImportFormat, String> {
        match text.trim().to_lowercase().as_str() {
            "auto" => Ok(ImportFormat::Auto),
            "google" => Ok(ImportFormat::Google),
            "outlook" => Ok(ImportFormat::Outlook),
            "csv" => Ok(ImportFormat::Csv),
            "vcard" | "vcf" => Ok(ImportFormat::Vcard),
            other => Err(format!(
                "\"{other}\" is not a format; use auto, google, outlook, csv or vcard"
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum OnDuplicate {
    /// Leave the stored contact as it is; do not add the row.
    #[default]
    Skip,
    /// Fill the stored contact's empty fields and add new emails, phones, addresses and tags.
    Merge,
    /// Add the row as a new contact anyway.
    Keep,
}

impl OnDuplicate {
    pub fn parse(text: &str) -> std::result::Result<OnDuplicate, String> {
        match text.trim().to_lowercase().as_str() {
            "skip" => Ok(OnDuplicate::Skip),
            "merge" => Ok(OnDuplicate::Merge),
            "keep" => Ok(OnDuplicate::Keep),
            other => Err(format!(
                "\"{other}\" is not a choice; use skip, merge or keep"
            )),
        }
    }
}

/// A choice for one duplicate (by its line), made in the side-by-side view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateChoice {
    #[ts(type = "number")]
    pub line: u64,
    pub action: OnDuplicate,
    /// For a merge: which side each differing field takes (fields not listed: the stored
    /// value, or the incoming one where the stored is empty).
    #[serde(default)]
    pub picks: Vec<FieldPick>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ImportOptions {
    pub format: ImportFormat,
    pub on_duplicate: OnDuplicate,
    pub dry_run: bool,
    /// For a spreadsheet: where each column goes (default: guessed from the headers).
    pub mapping: Option<Vec<ColumnMapping>>,
    /// Per-duplicate choices that override `on_duplicate`.
    pub choices: Vec<DuplicateChoice>,
}

/// What was read: the kind of file, how it was decoded, and its rows.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub format: ImportFormat,
    pub encoding: String,
    pub delimiter: Option<String>,
    pub headers: Vec<String>,
    pub mapping: Vec<ColumnMapping>,
    pub rows: Vec<SourceRow>,
    pub notes: Vec<String>,
}

/// A row that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefusedRow {
    #[ts(type = "number")]
    pub line: u64,
    pub reason: String,
}

/// A row that matches a contact already in the book (or an earlier row of the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateRow {
    #[ts(type = "number")]
    pub line: u64,
    /// The stored contact's id; none when it matches an earlier row of the same file.
    #[ts(type = "number | null")]
    pub existing_id: Option<i64>,
    pub existing: ContactInput,
    pub incoming: ContactInput,
    pub reason: String,
    pub action: OnDuplicate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub format: ImportFormat,
    pub encoding: String,
    pub delimiter: Option<String>,
    pub dry_run: bool,
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub added: u64,
    #[ts(type = "number")]
    pub merged: u64,
    #[ts(type = "number")]
    pub skipped: u64,
    pub refused: Vec<RefusedRow>,
    pub duplicates: Vec<DuplicateRow>,
    pub notes: Vec<String>,
}

/// A look at a file before importing it: how it was read, where each column goes, and the first
/// rows as they will be stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub format: ImportFormat,
    pub encoding: String,
    pub delimiter: Option<String>,
    pub headers: Vec<String>,
    pub mapping: Vec<ColumnMapping>,
    pub rows: Vec<PreviewRow>,
    #[ts(type = "number")]
    pub total_rows: u64,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewRow {
    #[ts(type = "number")]
    pub line: u64,
    pub display_name: String,
    pub input: ContactInput,
    /// Why the row would be refused; empty when it is fine.
    pub problems: Vec<String>,
}

/// Reads `path` as `format` (auto: by content).
pub fn read_file(
    path: &Path,
    format: ImportFormat,
    mapping: Option<Vec<ColumnMapping>>,
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
    let (text, encoding) = csv_import::decode(&bytes);
    let looks_vcard = text
        .trim_start()
        .get(..11)
        .is_some_and(|head| head.eq_ignore_ascii_case("BEGIN:VCARD"));
    let mut notes = Vec::new();
    if format == ImportFormat::Vcard || (format == ImportFormat::Auto && looks_vcard) {
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
            rows,
            notes,
        });
    }
    if text.contains('\0') {
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
    let headers = csv_import::read_headers(&text, delimiter).map_err(unreadable)?;
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
    let rows = csv_import::read_rows(&text, delimiter, |line, values| {
        csv_import::row_to_contact(line, values, &mapping)
    })
    .map_err(unreadable)?;
    let detected = match (format, csv_import::detect_kind(&headers)) {
        (ImportFormat::Auto, "google") => ImportFormat::Google,
        (ImportFormat::Auto, "outlook") => ImportFormat::Outlook,
        (ImportFormat::Auto, _) => ImportFormat::Csv,
        (other, _) => other,
    };
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
        rows,
        notes,
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
    let rows = source
        .rows
        .iter()
        .take(PREVIEW_ROWS)
        .map(|row| {
            let (input, problems) = match check(row.input.clone(), &row.problems, today) {
                Ok(input) => (input, Vec::new()),
                Err(reason) => (row.input.clone(), vec![reason]),
            };
            PreviewRow {
                line: row.line as u64,
                display_name: display_name(&input),
                input,
                problems,
            }
        })
        .collect();
    Ok(ImportPreview {
        format: source.format,
        encoding: source.encoding,
        delimiter: source.delimiter,
        headers: source.headers,
        mapping: source.mapping,
        rows,
        total_rows: source.rows.len() as u64,
        notes: source.notes,
    })
}

/// A spreadsheet whose every column is left out: nothing could be imported from it.
fn maps_nothing(source: &SourceFile) -> bool {
    !source.headers.is_empty()
        && source
            .mapping
            .iter()
            .all(|m| m.target == csv_import::Target::Ignore)
}

/// A row's problems, or the row cleaned and validated.
/// A row's contact, validated, or why the row is refused.
fn check(
    input: ContactInput,
    problems: &[String],
    today: NaiveDate,
) -> std::result::Result<ContactInput, String> {
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    input.validated(today).map_err(|e| match e {
        Error::Invalid(fields) => fields
            .iter()
            .map(|f| format!("{}: {}", f.field, f.message))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    })
}

/// Photos noted one by one, at most this many; the rest are counted.
const PHOTO_NOTES: usize = 20;

/// Says which cards' photos were skipped and why (their contacts were read all the same).
fn skipped_photo_notes(skipped: &[(usize, String)]) -> Vec<String> {
    let mut notes: Vec<String> = skipped
        .iter()
        .take(PHOTO_NOTES)
        .map(|(line, reason)| {
            format!("The photo of the card on line {line} was skipped (the contact itself was read): {reason}")
        })
        .collect();
    if skipped.len() > PHOTO_NOTES {
        notes.push(format!(
            "{} more photos were skipped, as above.",
            skipped.len() - PHOTO_NOTES
        ));
    }
    notes
}

/// Imports `path` into the book: every row checked, duplicates handled as chosen, and the
/// result stored as one transaction (nothing at all when the store fails). A dry run stores
/// nothing and reports the same. `progress(done, total)` hears about the rows.
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

/// [`import`] that stops with [`ExchangeError::ImportCancelled`] once `cancel` is set (looked at
/// every few thousand rows, and last just before the transaction commits): the book is unchanged.
pub fn import_cancellable(
    book: &mut Book,
    path: &Path,
    options: &ImportOptions,
    today: NaiveDate,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<ImportReport> {
    let cancelled = || cancel.load(Ordering::Relaxed);
    let mut source = read_file(path, options.format, options.mapping.clone())?;
    if maps_nothing(&source) {
        return Err(ExchangeError::Unreadable {
            path: path.to_path_buf(),
            reason: "no column header is one Rapport knows (like Name, First Name, Email); map the columns by hand".into(),
        }
        .into());
    }
    let total = source.rows.len() as u64;
    progress(0, total);
    let existing = book.store().all_contacts(None)?;
    let mut index = DuplicateIndex::default();
    for (i, contact) in existing.iter().enumerate() {
        index.add(&contact.fields, Slot::Existing(i));
    }
    let choices: BTreeMap<u64, &DuplicateChoice> =
        options.choices.iter().map(|c| (c.line, c)).collect();
    let mut adds: Vec<ContactInput> = Vec::new();
    let mut merged: BTreeMap<usize, ContactInput> = BTreeMap::new();
    // Photos of the cards stored, beside `adds` and by existing contact for merges.
    let mut add_photos: Vec<Option<NormalizedPhoto>> = Vec::new();
    let mut merge_photos: BTreeMap<usize, NormalizedPhoto> = BTreeMap::new();
    let mut skipped_photos: Vec<(usize, String)> = Vec::new();
    // A card's photo through the same checks and limits as any photo; a refused one is noted.
    let mut photo_of = |line: usize, photo: &Option<std::result::Result<Vec<u8>, String>>| {
        let reason = match photo.as_ref()? {
            Ok(bytes) => match photos::normalize(bytes) {
                Ok(photo) => return Some(photo),
                Err(e) => e.to_string(),
            },
            Err(reason) => reason.clone(),
        };
        skipped_photos.push((line, reason));
        None
    };
    let mut report = ImportReport {
        format: source.format,
        encoding: source.encoding.clone(),
        delimiter: source.delimiter.clone(),
        dry_run: options.dry_run,
        rows: total,
        added: 0,
        merged: 0,
        skipped: 0,
        refused: Vec::new(),
        duplicates: Vec::new(),
        notes: source.notes.clone(),
    };
    // The rows are taken, not copied: a big file's contacts are held once.
    for (done, row) in std::mem::take(&mut source.rows).into_iter().enumerate() {
        if done % 5000 == 4999 {
            progress(done as u64 + 1, total);
            if cancelled() {
                return Err(ExchangeError::ImportCancelled.into());
            }
        }
        let SourceRow {
            line: row_line,
            input,
            problems,
            photo,
        } = row;
        let line = row_line as u64;
        let input = match check(input, &problems, today) {
            Ok(input) => input,
            Err(reason) => {
                report.refused.push(RefusedRow { line, reason });
                continue;
            }
        };
        let keys = ContactKeys::of(&input);
        let Some((slot, reason)) = index.find_keys(&keys) else {
            index.add_keys(keys, Slot::New(adds.len()));
            adds.push(input);
            add_photos.push(photo_of(row_line, &photo));
            continue;
        };
        let choice = choices.get(&line);
        let action = choice.map_or(options.on_duplicate, |c| c.action);
        let picks = choice.map_or(&[][..], |c| c.picks.as_slice());
        let (existing_id, current) = match slot {
            Slot::Existing(i) => (
                Some(existing[i].id),
                merged.get(&i).unwrap_or(&existing[i].fields).clone(),
            ),
            Slot::New(i) => (None, adds[i].clone()),
        };
        // Both sides as they were, for the side-by-side view; copied only when still needed.
        let duplicate = |existing: ContactInput, incoming: ContactInput| DuplicateRow {
            line,
            existing_id,
            existing,
            incoming,
            reason: reason.into(),
            action,
        };
        match action {
            OnDuplicate::Skip => {
                report.duplicates.push(duplicate(current, input));
                report.skipped += 1;
            }
            OnDuplicate::Keep => {
                report.duplicates.push(duplicate(current, input.clone()));
                index.add_keys(keys, Slot::New(adds.len()));
                adds.push(input);
                add_photos.push(photo_of(row_line, &photo));
            }
            OnDuplicate::Merge => {
                let mut target = current.clone();
                merge_with_picks(&mut target, &input, picks);
                report.duplicates.push(duplicate(current, input));
                match target.validated(today) {
                    Ok(target) => {
                        index.add(&target, slot);
                        // The card's photo, when it has a usable one, replaces the contact's.
                        let photo = photo_of(row_line, &photo);
                        match slot {
                            Slot::Existing(i) => {
                                merged.insert(i, target);
                                if let Some(photo) = photo {
                                    merge_photos.insert(i, photo);
                                }
                            }
                            Slot::New(i) => {
                                adds[i] = target;
                                if let Some(slot_photo) = add_photos.get_mut(i) {
                                    if photo.is_some() {
                                        *slot_photo = photo;
                                    }
                                }
                            }
                        }
                        report.merged += 1;
                    }
                    Err(e) => report.refused.push(RefusedRow {
                        line,
                        reason: format!("merging would make an invalid contact: {e}"),
                    }),
                }
            }
        }
    }
    report.added = adds.len() as u64;
    report.refused.sort_by_key(|r| r.line);
    report.notes.extend(skipped_photo_notes(&skipped_photos));
    if !options.dry_run {
        let merges: Vec<(i64, ContactInput)> = merged
            .into_iter()
            .map(|(i, input)| (existing[i].id, input))
            .collect();
        let merge_photos: Vec<(i64, NormalizedPhoto)> = merge_photos
            .into_iter()
            .map(|(i, photo)| (existing[i].id, photo))
            .collect();
        book.store_mut().import_contacts(
            &adds,
            &add_photos,
            &merges,
            &merge_photos,
            &mut |done| {
                progress(done as u64, total);
                !cancelled()
            },
        )?;
    }
    progress(total, total);
    Ok(report)
}
