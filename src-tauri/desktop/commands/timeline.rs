use rapport_core::cards::FontSet;
use rapport_core::clock::today;
use rapport_core::contacts::{NewTouchpoint, Touchpoint};
use rapport_core::follow_ups::{FollowUp, FollowUpDone, NewFollowUp};
use rapport_core::testimonials::{
    NewReply, Testimonial, TestimonialTerms, TestimonialsFormat, TestimonialsWritten,
};
use rapport_core::AppError;
use tauri::State;

use crate::desktop::{blocking, AppState};

#[tauri::command(async)]
/// Logs an entry, with the promise made in it when one was typed (one transaction).
pub fn log_touchpoint(
    state: State<'_, AppState>,
    contact_id: i64,
    touchpoint: NewTouchpoint,
    promise: Option<String>,
) -> Result<Touchpoint, AppError> {
    state.with_book(|book| {
        book.log_promise(
            contact_id,
            touchpoint,
            promise.as_deref().unwrap_or_default(),
            today(),
        )
    })
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

/// "They replied": logs the reply on the timeline (and keeps it as a testimonial if asked).
#[tauri::command(async)]
pub fn log_reply(state: State<'_, AppState>, reply: NewReply) -> Result<Touchpoint, AppError> {
    state.with_book(|book| book.log_reply(reply, today()))
}

#[tauri::command(async)]
pub fn mark_testimonial(
    state: State<'_, AppState>,
    touchpoint_id: i64,
    terms: Option<TestimonialTerms>,
) -> Result<(), AppError> {
    state.with_book(|book| book.mark_testimonial(touchpoint_id, terms, today()))
}

#[tauri::command(async)]
pub fn list_testimonials(
    state: State<'_, AppState>,
    only_quotable: bool,
) -> Result<Vec<Testimonial>, AppError> {
    state.with_book(|book| book.testimonials(only_quotable))
}

/// Saves the testimonials in the data folder's testimonials folder (CSV: all; PDF: the quotes
/// that may be quoted), rendered without the book held.
#[tauri::command]
pub async fn save_testimonials(
    state: State<'_, AppState>,
    format: TestimonialsFormat,
) -> Result<TestimonialsWritten, AppError> {
    let today = today();
    let run = state.with_book(|book| {
        book.prepare_testimonials(&book.testimonials_file(format, today), format, today)
    })?;
    blocking(move || run.write(FontSet::shared())).await
}

/// Opens a saved export in the system's viewer (only files Rapport saved there).
#[tauri::command(async)]
pub fn open_testimonials_file(state: State<'_, AppState>, path: String) -> Result<(), AppError> {
    let path = state.with_book(|book| book.saved_testimonials_file(&path))?;
    crate::desktop::open_with_system(&path)
}

/// Saves the month's "what customers said" page (`month`: any day of it; this month if none).
#[tauri::command]
pub async fn save_month_page(
    state: State<'_, AppState>,
    month: Option<chrono::NaiveDate>,
) -> Result<TestimonialsWritten, AppError> {
    let month = month.unwrap_or_else(today);
    let run =
        state.with_book(|book| book.prepare_month_page(month, &book.month_page_file(month)))?;
    blocking(move || run.write(FontSet::shared())).await
}
