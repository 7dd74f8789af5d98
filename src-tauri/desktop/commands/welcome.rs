//! The welcome composer: preview, `.eml` draft, SMTP, printed card. Pictures are drawn, cards
//! rendered and mail sent on a blocking thread, without the book held.

use rapport_core::cards::{CardFormat, FontSet};
use rapport_core::clock::today;
use rapport_core::welcome::{
    CardOutput, CardPrinted, DraftSaved, PhotoChoice, SendReport, WelcomePreview,
};
use rapport_core::AppError;
use tauri::State;

use crate::desktop::{blocking, AppState};

#[tauri::command]
pub async fn welcome_preview(
    state: State<'_, AppState>,
    contact_id: i64,
    choice: PhotoChoice,
) -> Result<WelcomePreview, AppError> {
    let parts = state.with_book(|book| book.welcome_parts(contact_id, &choice, today()))?;
    blocking(move || parts.preview()).await
}

#[tauri::command(async)]
pub fn save_welcome_draft(
    state: State<'_, AppState>,
    contact_id: i64,
    choice: PhotoChoice,
) -> Result<DraftSaved, AppError> {
    state.with_book(|book| book.save_welcome_draft(contact_id, &choice, today(), None))
}

/// Prints the welcome card to `<data-dir>/cards/` and records it.
#[tauri::command]
pub async fn print_welcome_card(
    state: State<'_, AppState>,
    contact_id: i64,
    choice: PhotoChoice,
    format: CardFormat,
) -> Result<CardPrinted, AppError> {
    let to = CardOutput { format, path: None };
    let run =
        state.with_book(|book| book.prepare_welcome_card(contact_id, &choice, today(), to))?;
    let printed = blocking(move || run.print(FontSet::shared())).await?;
    state.with_book(|book| book.record_welcome_card(printed, today()))
}

/// Opens a saved welcome (an `.eml` draft in the mail program, a card in the PDF viewer); only
/// files Rapport wrote in `<data-dir>/drafts/` or `<data-dir>/cards/`.
#[tauri::command(async)]
pub fn open_welcome_file(state: State<'_, AppState>, path: String) -> Result<(), AppError> {
    let path = state.with_book(|book| book.saved_welcome_file(&path))?;
    crate::desktop::open_with_system(&path)
}

/// Sends a welcome to each contact over SMTP and records each on its timeline.
#[tauri::command]
pub async fn send_welcome(
    state: State<'_, AppState>,
    contact_ids: Vec<i64>,
    choice: PhotoChoice,
) -> Result<SendReport, AppError> {
    let sending =
        state.with_book(|book| book.prepare_welcome_sends(&contact_ids, &choice, today()))?;
    let sent = blocking(move || Ok(sending.send())).await?;
    state.with_book(|book| book.record_welcome_sends(sent, today()))
}
