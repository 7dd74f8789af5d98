//! What an import is asked to do and what it says back: the file's format, the options, the
//! report of a run and the preview of a file (the types the window, the CLI and the import share).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::csv_import::ColumnMapping;
use super::mapping::ColumnChoice;
use super::rows::{DuplicateChoice, DuplicateRow, OnDuplicate, RefusedRow};
use crate::contacts::ContactInput;
use crate::error::Invalid;

/// Files larger than this are refused before reading: no address book is that big.
pub const MAX_IMPORT_BYTES: u64 = 512 * 1024 * 1024;
/// Rows shown in a preview.
pub const PREVIEW_ROWS: usize = 10;

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
    pub fn parse(text: &str) -> Result<ImportFormat, Invalid> {
        match text.trim().to_lowercase().as_str() {
            "auto" => Ok(ImportFormat::Auto),
            "google" => Ok(ImportFormat::Google),
            "outlook" => Ok(ImportFormat::Outlook),
            "csv" => Ok(ImportFormat::Csv),
            "vcard" | "vcf" => Ok(ImportFormat::Vcard),
            other => Err(Invalid(format!(
                "\"{other}\" is not a format; use auto, google, outlook, csv or vcard"
            ))),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ImportOptions {
    pub format: ImportFormat,
    pub on_duplicate: OnDuplicate,
    pub dry_run: bool,
    /// For a spreadsheet: where each column goes (default: guessed from the headers).
    pub mapping: Option<Vec<ColumnMapping>>,
    /// For a spreadsheet: columns sent elsewhere than `mapping` (or the guess) says, by header
    /// (`rapport import --map "Firma=company"`). A header the file does not have is refused.
    #[ts(optional)]
    pub column_choices: Option<Vec<ColumnChoice>>,
    /// Per-duplicate choices that override `on_duplicate`.
    pub choices: Vec<DuplicateChoice>,
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
    /// The first duplicates (at most [`REPORTED_DUPLICATES`]), both sides each.
    pub duplicates: Vec<DuplicateRow>,
    /// How many rows matched a contact, all told.
    #[ts(type = "number")]
    pub duplicates_found: u64,
    pub notes: Vec<String>,
    /// Where each column of a spreadsheet went (empty for a vCard file).
    pub mapping: Vec<ColumnMapping>,
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
