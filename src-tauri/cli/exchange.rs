//! `rapport export …`, `rapport import …`, `rapport backup` and `rapport restore`.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use clap::Args;
use rapport_core::exchange::columns::{parse_columns, Profile};
use rapport_core::exchange::import::{ImportFormat, ImportOptions, OnDuplicate};
use rapport_core::exchange::mapping;
use rapport_core::exchange::{ExportFormat, ExportOptions, VcardVersion};
use rapport_core::Book;

use super::{message, open, to_json};

#[derive(Args)]
pub struct ExportArgs {
    /// csv, xlsx or vcard.
    format: String,
    /// plain, quickbooks or xero: their column names and limits.
    #[arg(long, default_value = "plain")]
    profile: String,
    /// Comma-separated, e.g. display_name,email,phone (default: name, company, email, phone,
    /// address, customer since, tags).
    #[arg(long, default_value = "")]
    columns: String,
    /// Only contacts with this tag.
    #[arg(long)]
    tag: Option<String>,
    /// , or ; (European Excel) or tab.
    #[arg(long, default_value = ",")]
    delimiter: String,
    /// 3 or 4.
    #[arg(long, default_value = "4")]
    vcard_version: String,
    #[arg(long)]
    out: PathBuf,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct ImportArgs {
    file: PathBuf,
    /// auto, google, outlook, csv or vcard.
    #[arg(long, default_value = "auto")]
    format: String,
    /// Report what would be added, merged and refused; store nothing.
    #[arg(long)]
    dry_run: bool,
    /// skip, merge or keep.
    #[arg(long, default_value = "skip")]
    on_duplicate: String,
    /// For a spreadsheet: send columns elsewhere than Rapport guessed, e.g.
    /// "Firma=company,PLZ=postal_code,Notizen=ignore" (--dry-run shows where each goes).
    #[arg(long, value_name = "COLUMN=field,…")]
    map: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn export(data_dir: &Path, args: ExportArgs) -> Result<String, String> {
    let format = match args.format.to_lowercase().as_str() {
        "csv" => ExportFormat::Csv,
        "xlsx" => ExportFormat::Xlsx,
        "vcard" | "vcf" => ExportFormat::Vcard,
        other => {
            return Err(format!(
                "\"{other}\" is not a format; use csv, xlsx or vcard"
            ))
        }
    };
    let vcard_version = match args.vcard_version.trim() {
        "3" | "3.0" => VcardVersion::V3,
        "4" | "4.0" => VcardVersion::V4,
        other => return Err(format!("--vcard-version: \"{other}\"; use 3 or 4")),
    };
    let options = ExportOptions {
        format,
        profile: Profile::parse(&args.profile).map_err(|e| format!("--profile: {e}"))?,
        columns: parse_columns(&args.columns).map_err(|e| format!("--columns: {e}"))?,
        tag: args.tag.filter(|t| !t.trim().is_empty()),
        delimiter: args.delimiter,
        vcard_version,
    };
    options
        .delimiter_byte()
        .map_err(|e| format!("--delimiter: {e}"))?;
    let book = open(data_dir)?;
    let summary = book
        .export(&options, &args.out, &mut |_, _| {}, &AtomicBool::new(false))
        .map_err(message)?;
    Ok(if args.json {
        to_json(&summary)
    } else {
        let mut text = format!(
            "Exported {} contacts to {}.",
            summary.contacts, summary.path
        );
        if summary.shortened_values > 0 {
            text.push_str(&format!(
                " {} values were shortened to the program's limits.",
                summary.shortened_values
            ));
        }
        for note in &summary.notes {
            text.push_str(&format!("\n{note}"));
        }
        text
    })
}

pub fn import(
    data_dir: &Path,
    args: ImportArgs,
    today: chrono::NaiveDate,
) -> Result<String, String> {
    let options = ImportOptions {
        format: ImportFormat::parse(&args.format).map_err(|e| format!("--format: {e}"))?,
        on_duplicate: OnDuplicate::parse(&args.on_duplicate)
            .map_err(|e| format!("--on-duplicate: {e}"))?,
        dry_run: args.dry_run,
        column_choices: args
            .map
            .as_deref()
            .map(mapping::parse_choices)
            .transpose()
            .map_err(|e| format!("--map: {e}"))?,
        ..ImportOptions::default()
    };
    if !args.file.is_file() {
        return Err(format!("{} is not a file", args.file.display()));
    }
    let mut book = open(data_dir)?;
    let report = book
        .import_file(
            &args.file,
            &options,
            today,
            &mut |_, _| {},
            &AtomicBool::new(false),
        )
        .map_err(message)?;
    if args.json {
        return Ok(to_json(&report));
    }
    let mut lines = vec![format!(
        "{} {:?} file ({}{}), {} rows: {} added, {} merged, {} duplicates skipped, {} refused.",
        if report.dry_run {
            "Dry run of a"
        } else {
            "Imported a"
        },
        report.format,
        report.encoding,
        report
            .delimiter
            .as_deref()
            .map(|d| format!(", {d}-separated"))
            .unwrap_or_default(),
        report.rows,
        report.added,
        report.merged,
        report.skipped,
        report.refused.len()
    )];
    for duplicate in &report.duplicates {
        lines.push(format!(
            "line {}: duplicate ({}) of {}{} — {:?}",
            duplicate.line,
            duplicate.reason,
            rapport_core::contacts::display_name(&duplicate.existing),
            duplicate
                .existing_id
                .map(|id| format!(" (#{id})"))
                .unwrap_or_else(|| " (earlier in the file)".into()),
            duplicate.action
        ));
    }
    let unlisted = report.duplicates_found - report.duplicates.len() as u64;
    if unlisted > 0 {
        lines.push(format!(
            "… and {unlisted} more duplicates, handled the same way (--on-duplicate)."
        ));
    }
    for refused in &report.refused {
        lines.push(format!(
            "line {}: refused — {}",
            refused.line, refused.reason
        ));
    }
    lines.extend(report.notes.iter().cloned());
    if report.dry_run && !report.mapping.is_empty() {
        lines.push("Columns (change with --map \"COLUMN=field,…\"):".into());
        lines.extend(mapping::describe(&report.mapping));
    }
    Ok(lines.join("\n"))
}

pub fn backup(data_dir: &Path, out: Option<PathBuf>, json: bool) -> Result<String, String> {
    let book = open(data_dir)?;
    let info = book.backup(out.as_deref()).map_err(message)?;
    Ok(if json {
        to_json(&info)
    } else {
        format!("Backed up to {} ({} bytes).", info.path, info.bytes)
    })
}

pub fn restore(data_dir: &Path, file: &Path, json: bool) -> Result<String, String> {
    if !file.is_file() {
        return Err(format!("{} is not a file", file.display()));
    }
    let info = Book::restore_in_folder(data_dir, file).map_err(message)?;
    Ok(if json {
        to_json(&info)
    } else {
        format!(
            "Restored {} ({} contacts). The book as it was is kept in {}.",
            file.display(),
            info.contacts,
            info.previous_saved_to
        )
    })
}
