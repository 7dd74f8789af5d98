//! The gesture composer and the complaint loop. A gesture is gathered with the book held, its
//! picture drawn, card rendered or mail sent on a blocking thread without it, and recorded with
//! it again: another window or desk is not kept waiting on a slow mail server.

use rapport_core::cards::FontSet;
use rapport_core::clock::today;
use rapport_core::contacts::{NewGift, Touchpoint};
use rapport_core::gestures::{
    ComplaintLoop, Delivery, GestureDone, GestureKindInfo, GesturePreview, GestureRequest,
    Goodwill, LoopStep, OpenLoopList, QuarterCount,
};
use rapport_core::today::TODAY_LIST_LIMIT;
use rapport_core::AppError;
use tauri::State;

use crate::desktop::{blocking, AppState};

#[tauri::command(async)]
pub fn gesture_kinds(state: State<'_, AppState>) -> Result<Vec<GestureKindInfo>, AppError> {
    state.with_book(|book| book.gesture_kinds())
}

#[tauri::command(async)]
pub fn set_gesture_template(
    state: State<'_, AppState>,
    kind: String,
    subject: String,
    body: String,
) -> Result<GestureKindInfo, AppError> {
    state.with_book(|book| book.set_gesture_template(&kind, &subject, &body))
}

#[tauri::command(async)]
pub fn add_gesture_kind(
    state: State<'_, AppState>,
    label: String,
    subject: String,
    body: String,
) -> Result<GestureKindInfo, AppError> {
    state.with_book(|book| book.add_gesture_kind(&label, &subject, &body))
}

#[tauri::command(async)]
pub fn reset_gesture_kind(state: State<'_, AppState>, kind: String) -> Result<(), AppError> {
    state.with_book(|book| book.reset_gesture_kind(&kind))
}

#[tauri::command(async)]
pub fn gesture_preview(
    state: State<'_, AppState>,
    request: GestureRequest,
) -> Result<GesturePreview, AppError> {
    state.with_book(|book| book.gesture_preview(&request, today()))
}

/// Gives the gesture: gathered under the lock, delivered without it, recorded under it.
#[tauri::command]
pub async fn give_gesture(
    state: State<'_, AppState>,
    request: GestureRequest,
    delivery: Delivery,
) -> Result<GestureDone, AppError> {
    let today = today();
    let run = state.with_book(|book| book.prepare_gesture(&request, &delivery, today))?;
    let delivered = blocking(move || run.deliver(FontSet::shared())).await?;
    state.with_book(|book| book.record_gesture_given(delivered, today))
}

#[tauri::command(async)]
pub fn complaint_loop(
    state: State<'_, AppState>,
    complaint_id: i64,
) -> Result<ComplaintLoop, AppError> {
    state.with_book(|book| book.complaint_loop(complaint_id))
}

#[tauri::command(async)]
pub fn complaint_step(
    state: State<'_, AppState>,
    complaint_id: i64,
    step: LoopStep,
) -> Result<Touchpoint, AppError> {
    state.with_book(|book| book.complaint_step(complaint_id, &step, today()))
}

#[tauri::command(async)]
pub fn open_loops(state: State<'_, AppState>) -> Result<OpenLoopList, AppError> {
    state.with_book(|book| book.open_loops_first(today(), TODAY_LIST_LIMIT as usize))
}

#[tauri::command(async)]
pub fn complaints_ended_this_quarter(state: State<'_, AppState>) -> Result<QuarterCount, AppError> {
    state.with_book(|book| book.complaints_ended_this_quarter(today()))
}

/// The goodwill ledger: what we gave a customer beside what went wrong (contact page, apology).
#[tauri::command(async)]
pub fn goodwill(state: State<'_, AppState>, contact_id: i64) -> Result<Goodwill, AppError> {
    state.with_book(|book| book.goodwill(contact_id, today()))
}

/// A gift or voucher given: its own entry on the timeline (deleting it is the Undo).
#[tauri::command(async)]
pub fn give_gift(
    state: State<'_, AppState>,
    contact_id: i64,
    gift: NewGift,
) -> Result<Touchpoint, AppError> {
    state.with_book(|book| book.give_gift(contact_id, gift, today()))
}
