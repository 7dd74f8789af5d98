//! The owner's settings.

use rapport_core::contacts::{HouseAnswer, HouseAnswerInput};
use rapport_core::settings::{SettingSave, SettingValue, SmtpPasswordState};
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

/// Saves a setting from the value the window showed (`base`): a change made elsewhere since
/// comes back as a conflict instead of being written over.
#[tauri::command(async)]
pub fn save_setting(
    state: State<'_, AppState>,
    key: String,
    base: String,
    value: String,
) -> Result<SettingSave, AppError> {
    state.with_book(|book| book.save_setting(&key, &base, &value))
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

/// The shop's house answers, by topic.
#[tauri::command(async)]
pub fn house_answers(state: State<'_, AppState>) -> Result<Vec<HouseAnswer>, AppError> {
    state.with_book(|book| book.house_answers())
}

#[tauri::command(async)]
pub fn add_house_answer(
    state: State<'_, AppState>,
    answer: HouseAnswerInput,
) -> Result<HouseAnswer, AppError> {
    state.with_book(|book| book.add_house_answer(answer))
}

#[tauri::command(async)]
pub fn edit_house_answer(
    state: State<'_, AppState>,
    id: i64,
    answer: HouseAnswerInput,
) -> Result<HouseAnswer, AppError> {
    state.with_book(|book| book.edit_house_answer(id, answer))
}

#[tauri::command(async)]
pub fn remove_house_answer(state: State<'_, AppState>, id: i64) -> Result<HouseAnswer, AppError> {
    state.with_book(|book| book.remove_house_answer(id))
}
