//! Exchange: the accountant's export (CSV, XLSX), vCards, imports from real address books with
//! duplicate detection, and one-file backups.

pub mod backup;
pub mod columns;
pub mod csv_export;
pub mod csv_import;
pub mod duplicates;
pub mod import;
mod plan;
pub mod staging;
pub mod vcard;
pub mod xlsx;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::book::Book;
use crate::error::Result;
use crate::store::Store;
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
    #[error("The import was cancelled; nothing was added or changed.")]
    ImportCancelled,
    #[error("The export was cancelled; no file was written.")]
    ExportCancelled,
    #[error("{path} is the book Rapport has open (or one of its working files); choose another file name or folder. Nothing was written.")]
    IsTheBook { path: PathBuf },
    #[error("The import stopped before its end; nothing was added or changed. Try again, and report it if it happens again.")]
    ImportStopped,
}

impl ExchangeError {
    pub fn code(&self) -> &'static str {
        match self {
            ExchangeError::CannotWrite { .. } => "cannotWrite",
            ExchangeError::CannotRead { .. } => "cannotRead",
            ExchangeError::BadOption(_) | ExchangeError::IsTheBook { .. } => "invalid",
            ExchangeError::Unreadable { .. } => "unreadable",
            ExchangeError::BackupDamaged { .. } => "corrupt",
            ExchangeError::ImportCancelled | ExchangeError::ExportCancelled => "cancelled",
            ExchangeError::ImportStopped => "failed",
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

/// [`export`] that stops with [`ExchangeError::ExportCancelled`], leaving no file, once
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
    refuse_the_book(book.store(), out)?;
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
    let temp = temp_beside(out);
    let written = (|| -> Result<(u64, Vec<String>)> {
        Ok(match options.format {
            ExportFormat::Csv => {
                let file = create(&temp)?;
                let shortened = csv_export::write(
                    file,
                    &contacts,
                    &options.columns(),
                    options.profile,
                    delimiter,
                    &mut |done| {
                        progress(done, total);
                        !cancelled()
                    },
                )
                .map_err(|reason| cannot_write(out, reason))?;
                (shortened, Vec::new())
            }
            ExportFormat::Xlsx => {
                let shortened = xlsx::write(
                    &temp,
                    &contacts,
                    &options.columns(),
                    options.profile,
                    &mut |done| {
                        progress(done, total);
                        !cancelled()
                    },
                )
                .map_err(|reason| cannot_write(out, reason))?;
                (shortened, Vec::new())
            }
            ExportFormat::Vcard => {
                let mut file = std::io::BufWriter::new(create(&temp)?);
                // Photos are read a thousand contacts at a time: one query each, bounded memory.
                let mut done = 0;
                for chunk in contacts.chunks(1000) {
                    let ids: Vec<i64> = chunk.iter().map(|c| c.id).collect();
                    let photos = book.store().contact_photos_jpeg(&ids)?;
                    for contact in chunk {
                        let photo = photos.get(&contact.id).map(Vec::as_slice);
                        file.write_all(
                            vcard::card(contact, options.vcard_version, photo).as_bytes(),
                        )
                        .map_err(|e| cannot_write(out, e.to_string()))?;
                    }
                    done += chunk.len() as u64;
                    progress(done, total);
                    if cancelled() {
                        return Err(ExchangeError::ExportCancelled.into());
                    }
                }
                file.flush().map_err(|e| cannot_write(out, e.to_string()))?;
                (0, Vec::new())
            }
        })
    })();
    let (shortened, notes) = match written {
        Ok(_) | Err(_) if cancelled() => {
            let _ = std::fs::remove_file(&temp);
            return Err(ExchangeError::ExportCancelled.into());
        }
        Ok(result) => result,
        Err(error) => {
            let _ = std::fs::remove_file(&temp);
            return Err(error);
        }
    };
    std::fs::rename(&temp, out).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        cannot_write(out, e.to_string())
    })?;
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

/// A spreadsheet runs a cell starting with `=`, `+`, `-`, `@`, tab, CR or LF as a formula; an
/// apostrophe in front makes it plain text (and the import takes it off again).
pub fn neutralise(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// Undoes [`neutralise`].
pub fn unneutralise(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) => rest,
        _ => value,
    }
}

/// Refuses `path` when it is the open book or one of SQLite's files beside it: an export or a
/// backup written there would replace the book, a restore from it would copy it onto itself.
pub(crate) fn refuse_the_book(store: &Store, path: &Path) -> Result<(), ExchangeError> {
    let book = comparable(&resolved(store.path()));
    let target = comparable(&resolved(path));
    let is_the_book = ["", "-wal", "-shm", "-journal"]
        .iter()
        .any(|suffix| format!("{book}{suffix}") == target);
    if is_the_book {
        return Err(ExchangeError::IsTheBook {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// A path as the file system compares names: without regard to case where it ignores case.
fn comparable(path: &Path) -> String {
    let text = path.to_string_lossy();
    if cfg!(any(target_os = "macos", target_os = "windows")) {
        text.to_lowercase()
    } else {
        text.into_owned()
    }
}

/// `path` made whole: its links resolved as far as it exists, and the rest (folders a backup
/// would create) with `.` and `..` applied by name.
fn resolved(path: &Path) -> PathBuf {
    use std::path::Component;
    if let Ok(path) = path.canonicalize() {
        return path;
    }
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| path.to_path_buf(), |dir| dir.join(path))
    };
    let mut normal = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    // The longest part that exists, with its links resolved, then the rest as named.
    let mut existing = normal.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(ToOwned::to_owned),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return normal,
        }
    }
    let mut whole = existing.canonicalize().unwrap_or(existing);
    whole.extend(rest.iter().rev());
    whole
}

/// A temporary name beside `path`, its own for each call: two threads writing the same file
/// (the daily backup and a recovery's) never share a half-written copy.
pub(crate) fn temp_beside(path: &Path) -> PathBuf {
    static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let call = CALLS.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.{}-{call}.part", std::process::id()))
}

fn create(path: &Path) -> Result<std::fs::File, ExchangeError> {
    std::fs::File::create(path).map_err(|e| cannot_write(path, e.to_string()))
}

pub(crate) fn cannot_write(path: &Path, reason: impl Into<String>) -> ExchangeError {
    ExchangeError::CannotWrite {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}
