//! The owner's settings.

use rapport_core::settings::{SettingValue, SmtpPasswordState};
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

#[tauri::command(async)]
pub fn smtp_password_state(state: State<'_, AppState>) -> Result<SmtpPasswordState, AppError> {
    state.with_book(|book| book.smtp_password_state())
}

/// Keeps the SMTP password in the system keyring (never in the book).
#[tauri::command(async)]
pub fn set_smtp_password(
    state: State<'_, AppState>,
    password: String,
) -> Result<SmtpPasswordState, AppError> {
    state.with_book(|book| {
        book.set_smtp_password(&password)?;
        book.smtp_password_state()
    })
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
