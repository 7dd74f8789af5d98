//! Staff members, team photos and portraits.

use rapport_core::photos::{self, BoardArea, PhotoInfo, PhotoKind, StaffMember};
use rapport_core::staff::StaffFeedback;
use rapport_core::{AppError, Error};
use tauri::State;

use crate::desktop::AppState;

/// The window sends pictures as base64 text; this is their bytes.
fn picture(base64: &str) -> Result<Vec<u8>, AppError> {
    photos::from_base64(base64).map_err(|e| AppError::from(Error::from(e)))
}

#[tauri::command(async)]
pub fn list_staff(state: State<'_, AppState>) -> Result<Vec<StaffMember>, AppError> {
    state.with_book(|book| book.staff())
}

/// What customers said about one staff member: the compliments and complaints naming them.
#[tauri::command(async)]
pub fn staff_feedback(state: State<'_, AppState>, id: i64) -> Result<StaffFeedback, AppError> {
    state.with_book(|book| book.staff_feedback(id))
}

#[tauri::command(async)]
pub fn add_staff(
    state: State<'_, AppState>,
    name: String,
    role: String,
    photo_base64: Option<String>,
) -> Result<StaffMember, AppError> {
    let bytes = photo_base64.as_deref().map(picture).transpose()?;
    state.with_book(|book| book.add_staff(&name, &role, bytes.as_deref()))
}

#[tauri::command(async)]
pub fn set_staff_active(
    state: State<'_, AppState>,
    id: i64,
    active: bool,
) -> Result<StaffMember, AppError> {
    state.with_book(|book| book.set_staff_active(id, active))
}

#[tauri::command(async)]
pub fn list_photos(state: State<'_, AppState>) -> Result<Vec<PhotoInfo>, AppError> {
    state.with_book(|book| book.photos())
}

#[tauri::command(async)]
pub fn import_photo(
    state: State<'_, AppState>,
    photo_base64: String,
    kind: PhotoKind,
    staff_id: Option<i64>,
    caption: String,
) -> Result<PhotoInfo, AppError> {
    let bytes = picture(&photo_base64)?;
    state.with_book(|book| book.import_photo(&bytes, kind, staff_id, &caption))
}

#[tauri::command(async)]
pub fn photo_data_url(
    state: State<'_, AppState>,
    id: i64,
    thumbnail: bool,
) -> Result<String, AppError> {
    state.with_book(|book| book.photo_data_url(id, thumbnail))
}

#[tauri::command(async)]
pub fn set_photo_board(
    state: State<'_, AppState>,
    id: i64,
    area: BoardArea,
) -> Result<PhotoInfo, AppError> {
    state.with_book(|book| book.set_photo_board(id, area))
}

#[tauri::command(async)]
pub fn delete_photo(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    state.with_book(|book| book.delete_photo(id))
}
