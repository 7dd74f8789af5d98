//! Export for the accountant, backups and restore from the window. Files go to the user's
//! Downloads (or Documents) folder and the window shows the path: the window has no file dialog.

use std::path::PathBuf;

use rapport_core::exchange::backup::{self, BackupInfo, RestoreInfo};
use rapport_core::exchange::{self, ExportFormat, ExportOptions, ExportSummary};
use rapport_core::AppError;
use tauri::ipc::Channel;
use tauri::State;

use crate::desktop::state::lock;
use crate::desktop::AppState;

/// Where the window writes exports: Downloads, else Documents, else the data folder.
fn output_folder(state: &AppState) -> PathBuf {
    dirs_folder().unwrap_or_else(|| state.data_dir.clone())
}

fn dirs_folder() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .map(|home| home.join("Downloads"))
        .filter(|p| p.is_dir())
}

/// Exports to `rapport-contacts-<date>.<ext>` in the Downloads folder; reports progress
/// `[done, total]` on `progress`; returns where the file went.
#[tauri::command(async)]
pub async fn export_contacts(
    state: State<'_, AppState>,
    options: ExportOptions,
    progress: Channel<[u64; 2]>,
) -> Result<ExportSummary, AppError> {
    let book = state.shared_book()?;
    let ext = match options.format {
        ExportFormat::Csv => "csv",
        ExportFormat::Xlsx => "xlsx",
        ExportFormat::Vcard => "vcf",
    };
    let out = output_folder(&state).join(format!(
        "rapport-contacts-{}.{ext}",
        rapport_core::clock::today()
    ));
    tauri::async_runtime::spawn_blocking(move || {
        let book = lock(&book);
        exchange::export(&book, &options, &out, &mut |done, total| {
            let _ = progress.send([done, total]);
        })
        .map_err(AppError::from)
    })
    .await
    .map_err(|e| AppError {
        code: "internal".into(),
        message: format!("The export stopped unexpectedly ({e}); nothing was written. Try again."),
        fields: Vec::new(),
    })?
}

#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>) -> Result<BackupInfo, AppError> {
    let out = state.data_dir.join(backup::BACKUP_FOLDER).join(format!(
        "rapport-backup-{}.db",
        chrono::Utc::now().format("%Y%m%d-%H%M%S")
    ));
    state.with_book(|book| backup::backup_to(book.store(), &out))
}

/// Restores the backup at `path` (typed or pasted by the owner) after checking it.
#[tauri::command(async)]
pub fn restore_backup(state: State<'_, AppState>, path: String) -> Result<RestoreInfo, AppError> {
    let data_dir = state.data_dir.clone();
    state.with_book(|book| backup::restore(book, &data_dir, std::path::Path::new(&path)))
}
