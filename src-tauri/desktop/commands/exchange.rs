//! Import & export: the accountant's file, address books, backups and restore. Exports and
//! imports run on a blocking thread with progress over a channel, and can be cancelled.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rapport_core::clock::today;
use rapport_core::contacts::{ContactDetail, FieldPick};
use rapport_core::exchange::backup::{BackupFile, BackupInfo, RestoreInfo, Retention};
use rapport_core::exchange::csv_import::ColumnMapping;
use rapport_core::exchange::import::{ImportFormat, ImportOptions, ImportPreview, ImportReport};
use rapport_core::exchange::{ExportFormat, ExportOptions, ExportSummary};
use rapport_core::progress::Progress;
use rapport_core::{AppError, Book};
use tauri::ipc::{Channel, InvokeBody, Request};
use tauri::State;

use crate::desktop::AppState;

/// The cancel flag of the export or import running.
#[derive(Default)]
pub struct ExchangeState {
    cancel: Arc<AtomicBool>,
}

impl ExchangeState {
    fn start(&self) -> Arc<AtomicBool> {
        self.cancel.store(false, Ordering::SeqCst);
        self.cancel.clone()
    }
}

#[tauri::command]
pub fn cancel_exchange(running: State<'_, ExchangeState>) {
    running.cancel.store(true, Ordering::SeqCst);
}

/// Where the window offers to save an export.
#[tauri::command(async)]
pub fn export_destination(
    state: State<'_, AppState>,
    format: ExportFormat,
) -> Result<String, AppError> {
    state.with_book(|book| {
        Ok(book
            .default_export_path(format, today())
            .display()
            .to_string())
    })
}

/// Writes the export (a relative path is taken in the folder the window offered).
#[tauri::command]
pub async fn export_contacts(
    state: State<'_, AppState>,
    running: State<'_, ExchangeState>,
    options: ExportOptions,
    out: String,
    progress: Channel<Progress>,
) -> Result<ExportSummary, AppError> {
    let cancel = running.start();
    state
        .with_book_blocking(move |book| {
            let folder = book.default_export_path(options.format, today());
            let out = folder.parent().unwrap_or(Path::new(".")).join(out);
            let mut report = |done, total| {
                let _ = progress.send(Progress::new(done, total));
            };
            book.export(&options, &out, &mut report, &cancel)
        })
        .await
}

/// Keeps a file the owner picked (sent as raw bytes with its name in a header) for the preview,
/// the import or a restore.
#[tauri::command(async)]
pub fn stage_file(state: State<'_, AppState>, request: Request<'_>) -> Result<String, AppError> {
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("file");
    let bytes: &[u8] = match request.body() {
        InvokeBody::Raw(bytes) => bytes,
        InvokeBody::Json(_) => &[],
    };
    Book::stage_incoming(&state.data_dir(), name, bytes)
        .map(|path| path.display().to_string())
        .map_err(AppError::from)
}

fn staged(state: &AppState, path: &str) -> Result<PathBuf, AppError> {
    Book::staged_file(&state.data_dir(), path).map_err(AppError::from)
}

#[tauri::command(async)]
pub fn import_preview(
    state: State<'_, AppState>,
    path: String,
    format: ImportFormat,
    mapping: Option<Vec<ColumnMapping>>,
) -> Result<ImportPreview, AppError> {
    let path = staged(&state, &path)?;
    Book::import_preview(&path, format, mapping, today()).map_err(AppError::from)
}

#[tauri::command]
pub async fn import_contacts(
    state: State<'_, AppState>,
    running: State<'_, ExchangeState>,
    path: String,
    options: ImportOptions,
    progress: Channel<Progress>,
) -> Result<ImportReport, AppError> {
    let path = staged(&state, &path)?;
    let cancel = running.start();
    state
        .with_book_blocking(move |book| {
            let mut report = |done, total| {
                let _ = progress.send(Progress::new(done, total));
            };
            let imported = book.import_file(&path, &options, today(), &mut report, &cancel)?;
            if !options.dry_run {
                Book::clear_incoming(book.data_dir());
            }
            Ok(imported)
        })
        .await
}

#[tauri::command(async)]
pub fn merge_contacts(
    state: State<'_, AppState>,
    keep: i64,
    other: i64,
    picks: Vec<FieldPick>,
) -> Result<ContactDetail, AppError> {
    state.with_book(|book| book.merge_contacts(keep, other, &picks, today()))
}

#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupFile>, AppError> {
    Book::backups_in(&state.data_dir()).map_err(AppError::from)
}

#[tauri::command(async)]
pub fn backup_retention(state: State<'_, AppState>) -> Result<Retention, AppError> {
    state.with_book(|book| book.backup_retention())
}

#[tauri::command(async)]
pub fn set_backup_retention(
    state: State<'_, AppState>,
    retention: Retention,
) -> Result<(), AppError> {
    state.with_book(|book| book.set_backup_retention(retention))
}

#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>, out: Option<String>) -> Result<BackupInfo, AppError> {
    state.with_book(|book| book.backup(out.as_deref().map(Path::new)))
}

#[tauri::command(async)]
pub fn restore_backup(state: State<'_, AppState>, path: String) -> Result<RestoreInfo, AppError> {
    let file = Book::backup_source(&state.data_dir(), &path)?;
    state.with_book(|book| book.restore(&file))
}
