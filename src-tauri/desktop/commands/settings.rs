//! The owner's settings.

use rapport_core::settings::SettingValue;
use rapport_core::AppError;
use tauri::{AppHandle, State};

use crate::desktop::AppState;

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> Result<Vec<SettingValue>, AppError> {
    state.with_book(|book| book.settings())
}

#[tauri::command(async)]
pub fn set_setting(state: State<'_, AppState>, key: String, value: String) -> Result<(), AppError> {
    state.with_book(|book| book.set_setting(&key, &value))
}

/// Whether Rapport starts at login (minimised) to give the morning nudge.
#[tauri::command(async)]
pub fn start_at_login(app: AppHandle) -> Result<bool, AppError> {
    crate::desktop::nudge::starts_at_login(&app)
}

/// Turns the start at login on or off; returns whether it is now on.
#[tauri::command(async)]
pub fn set_start_at_login(app: AppHandle, enabled: bool) -> Result<bool, AppError> {
    crate::desktop::nudge::set_start_at_login(&app, enabled)
}
