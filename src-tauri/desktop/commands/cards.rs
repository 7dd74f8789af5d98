//! Card occasions and batches: list and add occasions, choose recipients and a design, check,
//! generate the PDF off the UI thread (progress over a channel, cancellable), read it back for the
//! preview, open it to print, and record the batch on every recipient's timeline.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use chrono::NaiveDate;
use rapport_core::cards::{
    self, CardCheck, CardDesign, CardJob, CardProgress, EnvelopeSize, FontSet, LabelSheet,
    PersonalLine, PersonalLineSuggestion, PersonalLines, PrintedFile,
};
use rapport_core::clock::today;
use rapport_core::contacts::ContactSummary;
use rapport_core::occasions::{
    designs_for, NewOccasion, Occasion, Recipients, RecordedBatch, UpcomingOccasion,
};
use rapport_core::{AppError, Book, Error};
use serde::Serialize;
use tauri::ipc::{Channel, Response};
use tauri::State;

use crate::desktop::AppState;

/// The cancel flag of the batch being generated.
#[derive(Default)]
pub struct CardsState {
    cancel: Arc<AtomicBool>,
}

/// A generated batch: where the PDF is, and for whom.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GeneratedCards {
    path: String,
    recipient_ids: Vec<i64>,
    bytes: usize,
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError {
        code: "internal".into(),
        message: format!("The cards could not be made: {e}"),
        fields: Vec::new(),
    }
}

fn card_error(e: cards::CardError) -> AppError {
    AppError {
        code: e.code().into(),
        message: e.to_string(),
        fields: Vec::new(),
    }
}

fn cards_dir(state: &AppState) -> PathBuf {
    state.data_dir().join("cards")
}

#[tauri::command(async)]
pub fn list_occasions(state: State<'_, AppState>) -> Result<Vec<UpcomingOccasion>, AppError> {
    state.with_book(|book| book.occasions(today()))
}

#[tauri::command(async)]
pub fn add_occasion(state: State<'_, AppState>, new: NewOccasion) -> Result<Occasion, AppError> {
    state.with_book(|book| book.add_occasion(new))
}

#[tauri::command(async)]
pub fn remove_occasion(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.with_book(|book| book.remove_occasion(&id))
}

#[tauri::command(async)]
pub fn card_designs(
    state: State<'_, AppState>,
    occasion_id: String,
) -> Result<Vec<CardDesign>, AppError> {
    state.with_book(|book| Ok(designs_for(&book.occasion(&occasion_id)?)))
}

#[tauri::command(async)]
pub fn card_merge_fields() -> Vec<&'static str> {
    cards::merge_fields()
}

/// Who a choice of recipients means, for the count and the list shown before generating.
#[tauri::command(async)]
pub fn batch_recipients(
    state: State<'_, AppState>,
    recipients: Recipients,
) -> Result<Vec<ContactSummary>, AppError> {
    state.with_book(|book| {
        book.store()
            .summaries(&book.recipient_ids(&recipients, today())?)
    })
}

/// Each recipient's suggested personal line, for the owner to accept or rewrite.
#[tauri::command(async)]
pub fn personal_line_suggestions(
    state: State<'_, AppState>,
    recipients: Recipients,
) -> Result<Vec<PersonalLineSuggestion>, AppError> {
    state.with_book(|book| {
        book.personal_line_suggestions(&book.recipient_ids(&recipients, today())?)
    })
}

fn job(
    book: &Book,
    recipients: &Recipients,
    design: CardDesign,
    lines: &[PersonalLine],
) -> Result<CardJob, Error> {
    let ids = book.recipient_ids(recipients, today())?;
    Ok(CardJob {
        design,
        recipients: book.card_recipients(&ids, today(), &PersonalLines::new(lines))?,
        business_name: book.business_name()?,
    })
}

/// The pre-print check: unknown merge fields, names no available font can print.
#[tauri::command]
pub async fn check_cards(
    state: State<'_, AppState>,
    recipients: Recipients,
    design: CardDesign,
    personal_lines: Vec<PersonalLine>,
) -> Result<CardCheck, AppError> {
    let job = state.with_book(|book| job(book, &recipients, design, &personal_lines))?;
    tauri::async_runtime::spawn_blocking(move || cards::check_job(&job, FontSet::shared()))
        .await
        .map_err(internal)
}

/// Renders the batch on a blocking thread, reporting progress; saves `<data-dir>/cards/<name>.pdf`.
#[tauri::command]
pub async fn generate_cards(
    state: State<'_, AppState>,
    cards_state: State<'_, CardsState>,
    recipients: Recipients,
    design: CardDesign,
    personal_lines: Vec<PersonalLine>,
    name: String,
    on_progress: Channel<CardProgress>,
) -> Result<GeneratedCards, AppError> {
    let (job, front) = state.with_book(|book| {
        let front = book.card_front(&design)?;
        Ok((job(book, &recipients, design, &personal_lines)?, front))
    })?;
    let cancel = cards_state.cancel.clone();
    cancel.store(false, Ordering::SeqCst);
    let dir = cards_dir(&state);
    let file = safe_file_name(&name);
    tauri::async_runtime::spawn_blocking(move || {
        let mut progress = |done: usize, total: usize| {
            let _ = on_progress.send(CardProgress {
                done: done as u64,
                total: total as u64,
            });
        };
        let pdf =
            cards::render_cards_with_front(&job, front, FontSet::shared(), &mut progress, &cancel)
                .map_err(card_error)?;
        std::fs::create_dir_all(&dir).map_err(internal)?;
        let path = dir.join(format!("{file}.pdf"));
        std::fs::write(&path, &pdf).map_err(internal)?;
        Ok(GeneratedCards {
            path: path.display().to_string(),
            recipient_ids: job.recipients.iter().map(|r| r.contact_id).collect(),
            bytes: pdf.len(),
        })
    })
    .await
    .map_err(internal)?
}

/// Envelopes for the batch's recipients with a usable address, saved beside the cards.
#[tauri::command]
pub async fn generate_envelopes(
    state: State<'_, AppState>,
    cards_state: State<'_, CardsState>,
    recipients: Recipients,
    size: EnvelopeSize,
    name: String,
    on_progress: Channel<CardProgress>,
) -> Result<PrintedFile, AppError> {
    let (who, from) = state.with_book(|book| {
        let ids = book.recipient_ids(&recipients, today())?;
        Ok((
            book.card_recipients(&ids, today(), &PersonalLines::default())?,
            book.return_address()?,
        ))
    })?;
    let cancel = cards_state.cancel.clone();
    cancel.store(false, Ordering::SeqCst);
    let path = cards_dir(&state).join(format!("{}.pdf", safe_file_name(&name)));
    tauri::async_runtime::spawn_blocking(move || {
        let mut progress = |done: usize, total: usize| {
            let _ = on_progress.send(CardProgress {
                done: done as u64,
                total: total as u64,
            });
        };
        let printed =
            cards::render_envelopes(&who, size, &from, FontSet::shared(), &mut progress, &cancel)
                .map_err(card_error)?;
        let pages = who.len() - printed.skipped.len();
        save(&path, printed, pages)
    })
    .await
    .map_err(internal)?
}

/// Address labels for the batch's recipients, moved by the printer offset saved in the
/// settings; saved beside the cards.
#[tauri::command]
pub async fn generate_labels(
    state: State<'_, AppState>,
    recipients: Recipients,
    sheet: LabelSheet,
    name: String,
) -> Result<PrintedFile, AppError> {
    let (who, offset) = state.with_book(|book| {
        let ids = book.recipient_ids(&recipients, today())?;
        Ok((
            book.card_recipients(&ids, today(), &PersonalLines::default())?,
            book.label_offset_mm()?,
        ))
    })?;
    let path = cards_dir(&state).join(format!("{}.pdf", safe_file_name(&name)));
    tauri::async_runtime::spawn_blocking(move || {
        let printed =
            cards::render_labels(&who, sheet, offset, FontSet::shared()).map_err(card_error)?;
        let pages = (who.len() - printed.skipped.len()).div_ceil(sheet.per_sheet());
        save(&path, printed, pages)
    })
    .await
    .map_err(internal)?
}

fn save(
    path: &std::path::Path,
    printed: cards::Printed,
    pages: usize,
) -> Result<PrintedFile, AppError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(internal)?;
    }
    std::fs::write(path, &printed.pdf).map_err(internal)?;
    Ok(PrintedFile {
        path: path.display().to_string(),
        pages: pages as u64,
        skipped: printed.skipped,
    })
}

#[tauri::command]
pub fn cancel_cards(cards_state: State<'_, CardsState>) {
    cards_state.cancel.store(true, Ordering::SeqCst);
}

/// The bytes of a generated batch, for the preview (only files in `<data-dir>/cards/`).
#[tauri::command(async)]
pub fn read_cards_pdf(state: State<'_, AppState>, path: String) -> Result<Response, AppError> {
    let path = generated(&state, &path)?;
    std::fs::read(path).map(Response::new).map_err(internal)
}

/// Opens a generated batch in the system's PDF viewer to print it.
#[tauri::command(async)]
pub fn open_cards_pdf(state: State<'_, AppState>, path: String) -> Result<(), AppError> {
    let path = generated(&state, &path)?;
    crate::desktop::open_with_system(&path).map_err(|e| AppError {
        code: "internal".into(),
        message: format!(
            "No PDF viewer could be opened: {e}. Open {} yourself to print it.",
            path.display()
        ),
        fields: Vec::new(),
    })
}

/// One "card sent" on each recipient's timeline, in one transaction.
#[tauri::command(async)]
pub fn record_cards_sent(
    state: State<'_, AppState>,
    ids: Vec<i64>,
    occasion_name: String,
    sent_on: Option<NaiveDate>,
) -> Result<RecordedBatch, AppError> {
    state.with_book(|book| {
        book.record_cards_sent(&ids, &occasion_name, sent_on.unwrap_or_else(today), today())
    })
}

#[tauri::command(async)]
pub fn set_address_undeliverable(
    state: State<'_, AppState>,
    contact_id: i64,
    undeliverable: bool,
) -> Result<Option<NaiveDate>, AppError> {
    state.with_book(|book| book.set_address_undeliverable(contact_id, undeliverable, today()))
}

#[tauri::command(async)]
pub fn address_undeliverable(
    state: State<'_, AppState>,
    contact_id: i64,
) -> Result<Option<NaiveDate>, AppError> {
    state.with_book(|book| book.address_undeliverable(contact_id))
}

/// A path inside `<data-dir>/cards/`, refusing anything else.
fn generated(state: &AppState, path: &str) -> Result<PathBuf, AppError> {
    let dir = cards_dir(state).canonicalize().map_err(internal)?;
    let path = PathBuf::from(path).canonicalize().map_err(internal)?;
    if path.starts_with(&dir) && path.extension().is_some_and(|e| e == "pdf") {
        Ok(path)
    } else {
        Err(AppError {
            code: "invalid".into(),
            message: "Only generated card files can be opened.".into(),
            fields: Vec::new(),
        })
    }
}

fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    let cleaned = cleaned.trim_matches('-').to_string();
    if cleaned.is_empty() {
        "cards".into()
    } else {
        cleaned
    }
}
