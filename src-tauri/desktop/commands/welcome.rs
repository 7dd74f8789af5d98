//! Staff, photos, settings and the welcome composer.

use rapport_core::cards::{CardFormat, FontSet};
use rapport_core::clock::today;
use rapport_core::photos::{self, BoardArea, PhotoInfo, PhotoKind, StaffMember};
use rapport_core::welcome::{
    self, CardOutput, CardPrinted, DraftSaved, PhotoChoice, SendReport, SettingValue,
    WelcomePreview,
};
use rapport_core::{AppError, Error};
use tauri::State;

use crate::desktop::AppState;

#[tauri::command(async)]
pub fn list_staff(state: State<'_, AppState>) -> Result<Vec<StaffMember>, AppError> {
    state.with_book(|book| book.store().staff())
}

#[tauri::command(async)]
pub fn add_staff(
    state: State<'_, AppState>,
    name: String,
    role: String,
    photo_base64: Option<String>,
) -> Result<StaffMember, AppError> {
    let bytes = photo_base64
        .as_deref()
        .map(photos::from_base64)
        .transpose()
        .map_err(|e| AppError::from(Error::from(e)))?;
    state.with_book(|book| welcome::add_staff(book, &name, &role, bytes.as_deref()))
}

#[tauri::command(async)]
pub fn set_staff_active(
    state: State<'_, AppState>,
    id: i64,
    active: bool,
) -> Result<StaffMember, AppError> {
    state.with_book(|book| book.store_mut().set_staff_active(id, active))
}

#[tauri::command(async)]
pub fn list_photos(state: State<'_, AppState>) -> Result<Vec<PhotoInfo>, AppError> {
    state.with_book(|book| book.store().photos())
}

#[tauri::command(async)]
pub fn import_photo(
    state: State<'_, AppState>,
    photo_base64: String,
    kind: PhotoKind,
    staff_id: Option<i64>,
    caption: String,
) -> Result<PhotoInfo, AppError> {
    let bytes = photos::from_base64(&photo_base64).map_err(|e| AppError::from(Error::from(e)))?;
    state.with_book(|book| welcome::import_photo(book, &bytes, kind, staff_id, &caption))
}

#[tauri::command(async)]
pub fn photo_data_url(
    state: State<'_, AppState>,
    id: i64,
    thumbnail: bool,
) -> Result<String, AppError> {
    state.with_book(|book| Ok(photos::data_url(&book.store().photo_jpeg(id, thumbnail)?)))
}

#[tauri::command(async)]
pub fn set_photo_board(
    state: State<'_, AppState>,
    id: i64,
    area: BoardArea,
) -> Result<PhotoInfo, AppError> {
    state.with_book(|book| welcome::set_board(book, id, area))
}

#[tauri::command(async)]
pub fn delete_photo(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    state.with_book(|book| book.store_mut().delete_photo(id))
}

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> Result<Vec<SettingValue>, AppError> {
    state.with_book(|book| welcome::settings(book))
}

#[tauri::command(async)]
pub fn set_setting(state: State<'_, AppState>, key: String, value: String) -> Result<(), AppError> {
    state.with_book(|book| welcome::set_setting(book, &key, &value))
}

#[tauri::command(async)]
pub fn welcome_preview(
    state: State<'_, AppState>,
    contact_id: i64,
    choice: PhotoChoice,
) -> Result<WelcomePreview, AppError> {
    state.with_book(|book| welcome::preview(book, contact_id, &choice, today()))
}

#[tauri::command(async)]
pub fn save_welcome_draft(
    state: State<'_, AppState>,
    contact_id: i64,
    choice: PhotoChoice,
) -> Result<DraftSaved, AppError> {
    let data_dir = state.data_dir();
    state.with_book(|book| welcome::save_draft(book, contact_id, &choice, today(), None, &data_dir))
}

/// Prints the welcome card to `<data-dir>/cards/` (laying out and rendering off the UI thread).
#[tauri::command(async)]
pub fn print_welcome_card(
    state: State<'_, AppState>,
    contact_id: i64,
    choice: PhotoChoice,
    format: CardFormat,
) -> Result<CardPrinted, AppError> {
    let data_dir = state.data_dir();
    state.with_book(|book| {
        let to = CardOutput {
            format,
            path: None,
            data_dir: &data_dir,
        };
        welcome::print_card(book, contact_id, &choice, today(), to, FontSet::shared())
    })
}

/// Opens a saved welcome (an `.eml` draft in the mail program, a card in the PDF viewer); only
/// files Rapport wrote in `<data-dir>/drafts/` or `<data-dir>/cards/`.
#[tauri::command(async)]
pub fn open_welcome_file(state: State<'_, AppState>, path: String) -> Result<(), AppError> {
    let path = welcome::saved_file(&state.data_dir(), &path)?;
    crate::desktop::open_with_system(&path).map_err(|e| {
        let what = if path.extension().is_some_and(|x| x == "eml") {
            "No mail program could be opened"
        } else {
            "No PDF viewer could be opened"
        };
        AppError {
            code: "cannotOpen".into(),
            message: format!(
                "{what}: {e}. The file is saved; open it yourself from the folder shown."
            ),
            fields: Vec::new(),
        }
    })
}

#[tauri::command(async)]
pub fn send_welcome(
    state: State<'_, AppState>,
    contact_ids: Vec<i64>,
    choice: PhotoChoice,
) -> Result<SendReport, AppError> {
    state.with_book(|book| welcome::send_welcomes(book, &contact_ids, &choice, today()))
}
