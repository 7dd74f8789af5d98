use rapport_core::exchange::backup::RestoreInfo;
use rapport_core::exchange::recovery::Recovery;
use rapport_core::paths::AppInfo;
use rapport_core::AppError;
use tauri::State;

use crate::desktop::AppState;

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    state.app_info()
}

/// Signs in to the team's book this folder joined, with the password the person typed.
#[tauri::command(async)]
pub fn sign_in(
    state: State<'_, AppState>,
    password: String,
    remember: bool,
) -> Result<AppInfo, AppError> {
    state.sign_in(&password, remember)
}

/// Joins this folder to the team's book (join code or address) and works on it from now on.
#[tauri::command(async)]
pub fn join_shared_book(
    state: State<'_, AppState>,
    code: String,
    login: String,
    password: String,
    remember: bool,
) -> Result<AppInfo, AppError> {
    state.join_shared(&code, &login, &password, remember)
}

/// Why the book could not be opened and the backups that could replace it; none when it is open.
#[tauri::command(async)]
pub fn recovery_status(state: State<'_, AppState>) -> Option<Recovery> {
    state.recovery()
}

/// Replaces a damaged book with the backup at `path` and opens it.
#[tauri::command(async)]
pub fn recover_from_backup(
    state: State<'_, AppState>,
    path: String,
) -> Result<RestoreInfo, AppError> {
    state.recover(&path)
}

/// Opens the book in another data folder instead of one that could not be opened.
#[tauri::command(async)]
pub fn open_other_folder(state: State<'_, AppState>, folder: String) -> Result<AppInfo, AppError> {
    state.open_other_folder(&folder)
}

/// Tells the window on `on_change` whenever the book changes elsewhere (another desk, another
/// program), so it re-reads what it shows. Called again when the page reloads.
#[tauri::command]
pub fn watch_book(
    app: tauri::AppHandle,
    live: State<'_, crate::desktop::live::LiveState>,
    on_change: tauri::ipc::Channel<rapport_core::live::BookChanged>,
) {
    live.watch(&app, on_change);
}
