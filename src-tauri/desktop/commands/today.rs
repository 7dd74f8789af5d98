use rapport_core::today::TodayView;
use rapport_core::AppError;
use tauri::State;

use crate::desktop::AppState;

#[tauri::command(async)]
pub fn today(state: State<'_, AppState>) -> Result<TodayView, AppError> {
    state.with_book(|book| book.today(rapport_core::clock::today()))
}
