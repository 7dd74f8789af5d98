//! Export for the accountant, imports, merging contacts, backups and restore from the window.
//! The window has no file-system access: exports go where the owner chose in the Save dialog
//! or typed (by default the Downloads folder), and files the owner picks arrive as bytes and
//! are staged by the core.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rapport_core::clock::today;
use rapport_core::contacts::ContactDetail;
use rapport_core::exchange::backup::{self, BackupFile, BackupInfo, RestoreInfo, Retention};
use rapport_core::exchange::csv_import::ColumnMapping;
use rapport_core::exchange::duplicates::FieldPick;
use rapport_core::exchange::import::{
    self, ImportFormat, ImportOptions, ImportPreview, ImportReport,
};
use rapport_core::exchange::{self, staging, ExportFormat, ExportOptions, ExportSummary};
use rapport_core::AppError;
use tauri::ipc::{Channel, InvokeBody, Request};
use tauri::State;

use crate::desktop::state::{backup_file, lock};
use crate::desktop::AppState;

/// The cancel flag of the import or export under way.
#[derive(Default)]
pub struct ExchangeState {
    cancel: Arc<AtomicBool>,
}

impl ExchangeState {
    /// A fresh flag for the work starting now.
    fn start(&self) -> Arc<AtomicBool> {
        self.cancel.store(false, Ordering::SeqCst);
        self.cancel.clone()
    }
}

/// Asks the import or export under way to stop: an import then changes nothing, an export
/// leaves no file.
#[tauri::command]
pub fn cancel_exchange(running: State<'_, ExchangeState>) {
    running.cancel.store(true, Ordering::SeqCst);
}

/// Where the window writes exports: Downloads, else Documents, else the data folder.
fn output_folder(state: &AppState) -> PathBuf {
    dirs_folder().unwrap_or_else(|| state.data_dir())
}

fn dirs_folder() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .map(|home| home.join("Downloads"))
        .filter(|p| p.is_dir())
}

/// Where an export goes unless the owner types another path: `rapport-contacts-<date>.<ext>`
/// in the Downloads folder.
#[tauri::command(async)]
pub fn export_destination(state: State<'_, AppState>, format: ExportFormat) -> String {
    let ext = match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Xlsx => "xlsx",
        ExportFormat::Vcard => "vcf",
    };
    output_folder(&state)
        .join(format!("rapport-contacts-{}.{ext}", today()))
        .display()
        .to_string()
}

fn stopped(what: &str, e: impl std::fmt::Display) -> AppError {
    AppError {
        code: "internal".into(),
        message: format!("The {what} stopped unexpectedly ({e}); nothing was changed. Try again."),
        fields: Vec::new(),
    }
}

/// Exports to `out` (a bare file name goes to the Downloads folder) on a blocking thread,
/// reporting progress `[done, total]` on `progress`.
#[tauri::command(async)]
pub async fn export_contacts(
    state: State<'_, AppState>,
    running: State<'_, ExchangeState>,
    options: ExportOptions,
    out: String,
    progress: Channel<[u64; 2]>,
) -> Result<ExportSummary, AppError> {
    let book = state.shared_book()?;
    let out = output_folder(&state).join(out);
    let cancel = running.start();
    tauri::async_runtime::spawn_blocking(move || {
        let mut report = |done, total| {
            let _ = progress.send([done, total]);
        };
        exchange::export_cancellable(&lock(&book), &options, &out, &mut report, &cancel)
            .map_err(AppError::from)
    })
    .await
    .map_err(|e| stopped("export", e))?
}

/// Keeps a file the owner picked (the raw bytes of the request; its name in the `x-file-name`
/// header) for the preview, the import or a restore; returns the staged path.
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
    staging::stage(&state.data_dir(), name, bytes)
        .map(|path| path.display().to_string())
        .map_err(AppError::from)
}

fn staged(state: &AppState, path: &str) -> Result<PathBuf, AppError> {
    staging::staged(&state.data_dir(), path).map_err(AppError::from)
}

/// How a staged file reads: format, encoding, delimiter, the column mapping and the first rows
/// as they will be stored.
#[tauri::command(async)]
pub fn import_preview(
    state: State<'_, AppState>,
    path: String,
    format: ImportFormat,
    mapping: Option<Vec<ColumnMapping>>,
) -> Result<ImportPreview, AppError> {
    let path = staged(&state, &path)?;
    import::preview(&path, format, mapping, today()).map_err(AppError::from)
}

/// Imports (or, with `dryRun`, only checks) a staged file as one transaction, on a blocking
/// thread, reporting progress `[done, total]`.
#[tauri::command(async)]
pub async fn import_contacts(
    state: State<'_, AppState>,
    running: State<'_, ExchangeState>,
    path: String,
    options: ImportOptions,
    progress: Channel<[u64; 2]>,
) -> Result<ImportReport, AppError> {
    let book = state.shared_book()?;
    let path = staged(&state, &path)?;
    let data_dir = state.data_dir();
    let cancel = running.start();
    tauri::async_runtime::spawn_blocking(move || {
        let report = import::import_cancellable(
            &mut lock(&book),
            &path,
            &options,
            today(),
            &mut |done, total| {
                let _ = progress.send([done, total]);
            },
            &cancel,
        )?;
        if !options.dry_run {
            staging::clear(&data_dir);
        }
        Ok(report)
    })
    .await
    .map_err(|e| stopped("import", e))?
}

/// Merges contact `other` into `keep`, each field as picked; `other` is gone afterwards.
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
    backup::list_backups(&state.data_dir()).map_err(AppError::from)
}

#[tauri::command(async)]
pub fn backup_retention(state: State<'_, AppState>) -> Result<Retention, AppError> {
    state.with_book(|book| backup::retention(book))
}

#[tauri::command(async)]
pub fn set_backup_retention(
    state: State<'_, AppState>,
    retention: Retention,
) -> Result<(), AppError> {
    state.with_book(|book| backup::set_retention(book, retention))
}

/// Backs the book up to `out` (chosen in the Save dialog) or, without one, into
/// `<data-dir>/backups/rapport-backup-<time>.db`.
#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>, out: Option<String>) -> Result<BackupInfo, AppError> {
    let out = out.map(PathBuf::from).unwrap_or_else(|| {
        state.data_dir().join(backup::BACKUP_FOLDER).join(format!(
            "rapport-backup-{}.db",
            chrono::Utc::now().format("%Y%m%d-%H%M%S")
        ))
    });
    state.with_book(|book| backup::backup_to(book.store(), &out))
}

/// Restores the backup at `path` (one listed in the backups folder, or a staged file) after
/// checking it; the current book is kept as a backup first.
#[tauri::command(async)]
pub fn restore_backup(state: State<'_, AppState>, path: String) -> Result<RestoreInfo, AppError> {
    let data_dir = state.data_dir();
    let file = backup_file(&data_dir, &path)?;
    state.with_book(|book| backup::restore(book, &data_dir, &file))
}
