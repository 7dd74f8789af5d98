//! Card occasions and batches: each command is one call into the book; a print run is gathered
//! with the book held and rendered on a blocking thread without it (progress over a channel,
//! cancellable).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use chrono::NaiveDate;
use rapport_core::cards::{
    CardCheck, CardDesign, Destination, EnvelopeSize, FontSet, LabelSheet, PersonalLine,
    PersonalLineSuggestion, PrintedCards, PrintedFile, Recipients, RecordedBatch,
};
use rapport_core::clock::today;
use rapport_core::contacts::ContactSummary;
use rapport_core::occasions::{NewOccasion, Occasion, UpcomingOccasion};
use rapport_core::progress::Progress;
use rapport_core::AppError;
use tauri::ipc::{Channel, Response};
use tauri::State;

use crate::desktop::{blocking, AppState};

/// The cancel flag of the batch being generated.
#[derive(Default)]
pub struct CardsState {
    cancel: Arc<AtomicBool>,
}

impl CardsState {
    fn start(&self) -> Arc<AtomicBool> {
        self.cancel.store(false, Ordering::SeqCst);
        self.cancel.clone()
    }
}

/// Sends `done` of `total` to the window.
fn reporter(channel: Channel<Progress>) -> impl FnMut(usize, usize) {
    move |done, total| {
        let _ = channel.send(Progress::new(done, total));
    }
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
    state.with_book(|book| book.card_designs(&occasion_id))
}

#[tauri::command(async)]
pub fn card_merge_fields() -> Vec<&'static str> {
    rapport_core::cards::merge_fields()
}

/// Who a choice of recipients means, for the count and the list shown before generating.
#[tauri::command(async)]
pub fn batch_recipients(
    state: State<'_, AppState>,
    recipients: Recipients,
) -> Result<Vec<ContactSummary>, AppError> {
    state.with_book(|book| book.batch_recipients(&recipients, today()))
}

/// Each recipient's suggested personal line, for the owner to accept or rewrite.
#[tauri::command(async)]
pub fn personal_line_suggestions(
    state: State<'_, AppState>,
    recipients: Recipients,
) -> Result<Vec<PersonalLineSuggestion>, AppError> {
    state.with_book(|book| book.personal_line_suggestions(&recipients, today()))
}

/// The pre-print check: unknown merge fields, names no available font can print.
#[tauri::command]
pub async fn check_cards(
    state: State<'_, AppState>,
    recipients: Recipients,
    design: CardDesign,
    personal_lines: Vec<PersonalLine>,
) -> Result<CardCheck, AppError> {
    let job =
        state.with_book(|book| book.card_job(&recipients, design, &personal_lines, today()))?;
    blocking(move || Ok(rapport_core::cards::check_job(&job, FontSet::shared()))).await
}

/// Renders the batch without the book held, reporting progress; saves
/// `<data-dir>/cards/<name>.pdf`. Cards no installed font can print are left out and listed,
/// or with `drop_missing` printed without those characters.
// Each argument is a field of the window's call; a struct would only rename them.
#[allow(clippy::too_many_arguments)]
#[tauri::command]
pub async fn generate_cards(
    state: State<'_, AppState>,
    cards_state: State<'_, CardsState>,
    recipients: Recipients,
    design: CardDesign,
    personal_lines: Vec<PersonalLine>,
    name: String,
    drop_missing: bool,
    on_progress: Channel<Progress>,
) -> Result<PrintedCards, AppError> {
    let run = state.with_book(|book| {
        let to = Destination::CardsFolder(&name);
        book.prepare_cards(&recipients, design, &personal_lines, to, today())
    })?;
    let run = if drop_missing {
        run.dropping_missing_characters()
    } else {
        run
    };
    let cancel = cards_state.start();
    blocking(move || run.print(FontSet::shared(), &mut reporter(on_progress), &cancel)).await
}

/// Envelopes for the batch's recipients with a usable address, saved beside the cards.
#[tauri::command]
pub async fn generate_envelopes(
    state: State<'_, AppState>,
    cards_state: State<'_, CardsState>,
    recipients: Recipients,
    size: EnvelopeSize,
    name: String,
    on_progress: Channel<Progress>,
) -> Result<PrintedFile, AppError> {
    let run = state.with_book(|book| {
        book.prepare_envelopes(&recipients, size, Destination::CardsFolder(&name), today())
    })?;
    let cancel = cards_state.start();
    blocking(move || run.print(FontSet::shared(), &mut reporter(on_progress), &cancel)).await
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
    let run = state.with_book(|book| {
        let to = Destination::CardsFolder(&name);
        book.prepare_labels(&recipients, sheet, None, to, today())
    })?;
    blocking(move || run.print(FontSet::shared(), &mut |_, _| {}, &AtomicBool::new(false))).await
}

#[tauri::command]
pub fn cancel_cards(cards_state: State<'_, CardsState>) {
    cards_state.cancel.store(true, Ordering::SeqCst);
}

/// The bytes of a generated batch, for the preview (only files in `<data-dir>/cards/`).
#[tauri::command(async)]
pub fn read_cards_pdf(state: State<'_, AppState>, path: String) -> Result<Response, AppError> {
    let path = state.with_book(|book| book.generated_card_file(&path))?;
    std::fs::read(&path)
        .map(Response::new)
        .map_err(|e| crate::desktop::cannot_open(&path, e))
}

/// Opens a generated batch in the system's PDF viewer to print it.
#[tauri::command(async)]
pub fn open_cards_pdf(state: State<'_, AppState>, path: String) -> Result<(), AppError> {
    let path = state.with_book(|book| book.generated_card_file(&path))?;
    crate::desktop::open_with_system(&path)
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
