use rapport_core::clock::today;
use rapport_core::contacts::{NewTouchpoint, Touchpoint};
use rapport_core::follow_ups::{FollowUp, FollowUpDone, NewFollowUp};
use rapport_core::AppError;
use tauri::State;

use crate::desktop::AppState;

#[tauri::command(async)]
pub fn log_touchpoint(
    state: State<'_, AppState>,
    contact_id: i64,
    touchpoint: NewTouchpoint,
) -> Result<Touchpoint, AppError> {
    state.with_book(|book| book.log_touchpoint(contact_id, touchpoint, today()))
}

#[tauri::command(async)]
pub fn set_complaint_resolved(
    state: State<'_, AppState>,
    touchpoint_id: i64,
    resolved: bool,
) -> Result<Touchpoint, AppError> {
    state.with_book(|book| book.set_complaint_resolved(touchpoint_id, resolved))
}

#[tauri::command(async)]
pub fn delete_touchpoint(state: State<'_, AppState>, touchpoint_id: i64) -> Result<(), AppError> {
    state.with_book(|book| book.delete_touchpoint(touchpoint_id))
}

#[tauri::command(async)]
pub fn add_follow_up(
    state: State<'_, AppState>,
    contact_id: i64,
    follow_up: NewFollowUp,
) -> Result<FollowUp, AppError> {
    state.with_book(|book| book.add_follow_up(contact_id, follow_up, today()))
}

#[tauri::command(async)]
pub fn change_follow_up(
    state: State<'_, AppState>,
    id: i64,
    follow_up: NewFollowUp,
) -> Result<FollowUp, AppError> {
    state.with_book(|book| book.change_follow_up(id, follow_up, today()))
}

#[tauri::command(async)]
pub fn delete_follow_up(state: State<'_, AppState>, id: i64) -> Result<FollowUp, AppError> {
    state.with_book(|book| book.delete_follow_up(id))
}

#[tauri::command(async)]
pub fn complete_follow_up(
    state: State<'_, AppState>,
    id: i64,
    done: FollowUpDone,
) -> Result<Touchpoint, AppError> {
    state.with_book(|book| book.complete_follow_up(id, done, today()))
}

#[tauri::command(async)]
pub fn staff_names(state: State<'_, AppState>) -> Result<Vec<String>, AppError> {
    state.with_book(|book| book.staff_names())
}
