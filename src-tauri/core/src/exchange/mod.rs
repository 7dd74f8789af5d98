//! Exchange: the accountant's export (CSV, XLSX), vCards, imports from real address books with
//! duplicate detection, and one-file backups.

pub mod backup;
pub mod columns;
pub mod csv_export;
pub mod csv_import;
pub mod duplicates;
mod header_names;
pub mod import;
mod import_types;
pub mod mapping;
mod name_split;
mod plan;
pub mod recovery;
mod rows;
pub mod staging;
mod targets;
pub mod vcard;
pub mod xlsx;

use crate::error::ErrorCode;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::book::Book;
use crate::error::Result;
use crate::paths::{OutputError, OutputKind};
pub use columns::{Column, Profile};

#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error("Rapport could not write {path}: {reason}. Choose another file or folder, or free some space; nothing was written.")]
    CannotWrite { path: PathBuf, reason: String },
    #[error(
        "Rapport could not read {path}: {reason}. Check the file name and that you may read it."
    )]
    CannotRead { path: PathBuf, reason: String },
    #[error("{0}")]
    BadOption(String),
    #[error("{path} is not a file Rapport can import ({reason}). Export CSV or vCard (.vcf) from your address book and try again.")]
    Unreadable { path: PathBuf, reason: String },
    #[error("The backup copy {path} failed its integrity check ({detail}); it was removed and your book is unchanged. Check the disk and try again.")]
    BackupDamaged { path: PathBuf, detail: String },
    #[error("The import stopped before its end; nothing was added or changed. Try again, and report it if it happens again.")]
    ImportStopped,
}

impl ExchangeError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ExchangeError::CannotWrite { .. } => ErrorCode::CannotWrite,
            ExchangeError::CannotRead { .. } => ErrorCode::CannotRead,
            ExchangeError::BadOption(_) => ErrorCode::Invalid,
            ExchangeError::Unreadable { .. } => ErrorCode::Unreadable,
            ExchangeError::BackupDamaged { .. } => ErrorCode::Corrupt,
            ExchangeError::ImportStopped => ErrorCode::Failed,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ExportFormat {
    #[default]
    Csv,
    Xlsx,
    Vcard,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum VcardVersion {
    /// 3.0, for older address books.
    V3,
    #[default]
    V4,
}

/// What to export and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ExportOptions {
    pub format: ExportFormat,
    pub profile: Profile,
    /// Empty means the default columns (no personal details).
    pub columns: Vec<Column>,
    /// Only contacts with this tag; none for all active contacts.
    pub tag: Option<String>,
    /// `,`, `;` or a tab.
    pub delimiter: String,
    pub vcard_version: VcardVersion,
}

impl Default for ExportOptions {
    fn default() -> ExportOptions {
        ExportOptions {
            format: ExportFormat::Csv,
            profile: Profile::Plain,
            columns: Column::DEFAULT.to_vec(),
            tag: None,
            delimiter: ",".into(),
            vcard_version: VcardVersion::V4,
        }
    }
}

impl ExportOptions {
    pub fn delimiter_byte(&self) -> Result<u8, ExchangeError> {
        match self.delimiter.as_str() {
            "," | "" => Ok(b','),
            ";" => Ok(b';'),
            "\t" | "tab" | "\\t" => Ok(b'\t'),
            other => Err(ExchangeError::BadOption(format!(
                "\"{other}\" cannot separate columns; use , or ; or tab"
            ))),
        }
    }

    pub fn columns(&self) -> Vec<Column> {
        if self.columns.is_empty() {
            Column::DEFAULT.to_vec()
        } else {
            self.columns.clone()
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportSummary {
    pub path: String,
    #[ts(type = "number")]
    pub contacts: u64,
    /// Values cut to the accounting program's limit.
    #[ts(type = "number")]
    pub shortened_values: u64,
    pub notes: Vec<String>,
}

impl Book {
    /// Exports the active contacts (or those with the tag) to `out` ([`export_cancellable`]).
    pub fn export(
        &self,
        options: &ExportOptions,
        out: &Path,
        progress: &mut dyn FnMut(u64, u64),
        cancel: &AtomicBool,
    ) -> Result<ExportSummary> {
        export_cancellable(self, options, out, progress, cancel)
    }

    /// Where the window offers to save an export: the Downloads folder (else the data folder),
    /// named for today.
    pub fn default_export_path(&self, format: ExportFormat, today: chrono::NaiveDate) -> PathBuf {
        let ext = match format {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Vcard => "vcf",
        };
        let folder = dirs::download_dir()
            .filter(|p| p.is_dir())
            .unwrap_or_else(|| self.data_dir().to_path_buf());
        folder.join(format!("rapport-contacts-{today}.{ext}"))
    }

    /// What a file would bring in: its format, encoding, columns and first rows
    /// ([`import::preview`]); the book is not touched.
    pub fn import_preview(
        path: &Path,
        format: import::ImportFormat,
        mapping: Option<Vec<csv_import::ColumnMapping>>,
        today: chrono::NaiveDate,
    ) -> Result<import::ImportPreview> {
        import::preview(path, format, mapping, today)
    }

    /// Imports a CSV or vCard file in one transaction, or plans it as a dry run
    /// ([`import::import_cancellable`]).
    pub fn import_file(
        &mut self,
        path: &Path,
        options: &import::ImportOptions,
        today: chrono::NaiveDate,
        progress: &mut dyn FnMut(u64, u64),
        cancel: &AtomicBool,
    ) -> Result<import::ImportReport> {
        import::import_cancellable(self, path, options, today, progress, cancel)
    }
}

/// Exports the active contacts (or those with the tag) to `out`. The file is written under a
/// temporary name beside it and renamed at the end: a failed export leaves no half file.
/// `progress(done, total)` is called now and then.
pub fn export(
    book: &Book,
    options: &ExportOptions,
    out: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ExportSummary> {
    export_cancellable(book, options, out, progress, &AtomicBool::new(false))
}

/// [`export`] that stops with [`crate::Cancelled::Export`], leaving no file, once
/// `cancel` is set (it is looked at every few thousand contacts and before the file is put in
/// place).
pub fn export_cancellable(
    book: &Book,
    options: &ExportOptions,
    out: &Path,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<ExportSummary> {
    let cancelled = || cancel.load(Ordering::Relaxed);
    book.output_guard().check(out, OutputKind::Document)?;
    let delimiter = options.delimiter_byte()?;
    let columns = options.columns();
    let personal = columns.iter().any(|c| c.is_personal());
    let contacts = if personal || options.format == ExportFormat::Vcard {
        book.store().all_contacts(options.tag.as_deref())?
    } else {
        book.store()
            .all_contacts_without_personal(options.tag.as_deref())?
    };
    let total = contacts.len() as u64;
    progress(0, total);
    let guard = book.output_guard();
    let kind = OutputKind::Document;
    let stopped = || crate::Error::Cancelled(crate::Cancelled::Export);
    let written: Result<(u64, PathBuf)> = match options.format {
        ExportFormat::Csv => guard.write_stream(out, kind, |file| {
            csv_export::write(
                file,
                &contacts,
                &options.columns(),
                options.profile,
                delimiter,
                &mut |done| {
                    progress(done, total);
                    !cancelled()
                },
                out,
            )
            .and_then(|shortened| {
                if cancelled() {
                    Err(stopped())
                } else {
                    Ok(shortened)
                }
            })
        }),
        ExportFormat::Xlsx => guard.write_with(out, kind, |temp| {
            xlsx::write(
                temp,
                &contacts,
                &options.columns(),
                options.profile,
                &mut |done| {
                    progress(done, total);
                    !cancelled()
                },
                out,
            )
            .and_then(|shortened| {
                if cancelled() {
                    Err(stopped())
                } else {
                    Ok(shortened)
                }
            })
        }),
        ExportFormat::Vcard => guard.write_stream(out, kind, |file| {
            // Photos are read a thousand contacts at a time: one query each, bounded memory.
            let mut done = 0;
            for chunk in contacts.chunks(1000) {
                let ids: Vec<i64> = chunk.iter().map(|c| c.id).collect();
                let photos = book.store().contact_photos_jpeg(&ids)?;
                for contact in chunk {
                    let photo = photos.get(&contact.id).map(Vec::as_slice);
                    file.write_all(vcard::card(contact, options.vcard_version, photo).as_bytes())
                        .map_err(|e| OutputError::from_io(out, &e))?;
                }
                done += chunk.len() as u64;
                progress(done, total);
                if cancelled() {
                    return Err(stopped());
                }
            }
            Ok(0)
        }),
    };
    let shortened = match written {
        Err(_) if cancelled() => return Err(stopped()),
        Err(error) => return Err(error),
        Ok((shortened, _)) => shortened,
    };
    let notes = Vec::new();
    progress(total, total);
    let mut notes = notes;
    if options.profile == Profile::Xero && total > XERO_CONTACTS_PER_FILE {
        notes.push(format!(
            "Xero takes up to {XERO_CONTACTS_PER_FILE} contacts per import file and this one has {total}: export by tag, or split the file, and import the parts one by one."
        ));
    }
    Ok(ExportSummary {
        path: out.display().to_string(),
        contacts: total,
        shortened_values: shortened,
        notes,
    })
}

/// Xero's contact import takes at most this many rows per file.
const XERO_CONTACTS_PER_FILE: u64 = 1_000;

/// A spreadsheet runs a cell starting with `=`, `+`, `-`, `@`, tab, CR or LF as a formula, and
/// some read the full-width signs (＝ ＋ － ＠) or skip a byte-order mark or zero-width character
/// in front of one; an apostrophe in front makes the cell plain text, and the import takes one
/// off again. A value that really begins with an apostrophe gets one more, so "one leading
/// apostrophe was ours" is always right and the round trip keeps every value.
pub fn neutralise(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(FORMULA_TRIGGERS) {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// Undoes [`neutralise`].
pub fn unneutralise(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_TRIGGERS) => rest,
        _ => value,
    }
}

/// What a cell may not start with unless an apostrophe goes first (see [`neutralise`]).
pub const FORMULA_TRIGGERS: [char; 18] = [
    '=', '+', '-', '@', '\t', '\r', '\n', '\'',
    // Full-width equals, plus, minus (and the minus sign) and commercial at.
    '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{2212}', '\u{FF20}',
    // Byte-order mark, zero-width space, joiners and word joiner: invisible, so a formula
    // behind one looks like plain text.
    '\u{FEFF}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}',
];

/// A write of `shown` that failed. A full disk is named as such: the libraries' own words
/// ("No space left on device (os error 28)") do not say which disk or what to do.
pub(crate) fn write_failed(shown: &Path, error: impl std::fmt::Display) -> crate::Error {
    if crate::store::disk_is_full(shown) {
        return OutputError::DiskFull {
            path: shown.to_path_buf(),
            folder: shown
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf(),
        }
        .into();
    }
    cannot_write(shown, error.to_string()).into()
}

pub(crate) fn cannot_write(path: &Path, reason: impl Into<String>) -> ExchangeError {
    ExchangeError::CannotWrite {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}
