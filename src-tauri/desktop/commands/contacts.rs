use rapport_core::clock::today;
use rapport_core::contacts::{
    Company, ContactDetail, ContactEdit, ContactInput, ContactPage, ContactSave, ListQuery,
    TagCount,
};
use rapport_core::{photos, AppError, Error};
use tauri::State;

use crate::desktop::AppState;

#[tauri::command(async)]
pub fn list_contacts(
    state: State<'_, AppState>,
    query: ListQuery,
) -> Result<ContactPage, AppError> {
    state.with_book(|book| book.list(&query))
}

#[tauri::command(async)]
pub fn get_contact(state: State<'_, AppState>, id: i64) -> Result<ContactDetail, AppError> {
    state.with_book(|book| book.contact(id))
}

/// The contact's photo as the window shows it; none when it has no photo.
#[tauri::command(async)]
pub fn contact_photo_data_url(
    state: State<'_, AppState>,
    id: i64,
    thumbnail: bool,
) -> Result<Option<String>, AppError> {
    state.with_book(|book| {
        Ok(book
            .contact_photo(id, thumbnail)?
            .map(|j| photos::data_url(&j)))
    })
}

#[tauri::command(async)]
pub fn set_contact_photo(
    state: State<'_, AppState>,
    id: i64,
    photo_base64: String,
) -> Result<(), AppError> {
    let bytes = photos::from_base64(&photo_base64).map_err(|e| AppError::from(Error::from(e)))?;
    state.with_book(|book| book.set_contact_photo(id, &bytes))
}

#[tauri::command(async)]
pub fn remove_contact_photo(state: State<'_, AppState>, id: i64) -> Result<bool, AppError> {
    state.with_book(|book| book.remove_contact_photo(id))
}

#[tauri::command(async)]
pub fn create_contact(
    state: State<'_, AppState>,
    input: ContactInput,
) -> Result<ContactDetail, AppError> {
    state.with_book(|book| book.create_contact(input, today()))
}

/// Saves an edit made from the contact as the form read it; someone else's save meanwhile is
/// merged in, or its conflicting fields come back to be settled.
#[tauri::command(async)]
pub fn update_contact(
    state: State<'_, AppState>,
    id: i64,
    edit: ContactEdit,
) -> Result<ContactSave, AppError> {
    state.with_book(|book| book.save_contact_edit(id, edit, today()))
}

#[tauri::command(async)]
pub fn set_archived(
    state: State<'_, AppState>,
    ids: Vec<i64>,
    archived: bool,
) -> Result<u32, AppError> {
    state.with_book(|book| book.set_archived(&ids, archived))
}

#[tauri::command(async)]
pub fn tag_contacts(
    state: State<'_, AppState>,
    ids: Vec<i64>,
    tag: String,
) -> Result<u32, AppError> {
    state.with_book(|book| book.tag(&ids, &tag))
}

#[tauri::command(async)]
pub fn untag_contacts(
    state: State<'_, AppState>,
    ids: Vec<i64>,
    tag: String,
) -> Result<u32, AppError> {
    state.with_book(|book| book.untag(&ids, &tag))
}

/// Deletes for good; the window asked twice. The contact is kept in memory so the deletion can
/// be undone until the window closes. Returns the deleted contact's name.
#[tauri::command(async)]
pub fn delete_contact(state: State<'_, AppState>, id: i64) -> Result<String, AppError> {
    let deleted = state.with_book(|book| book.delete_contact(id))?;
    let name = deleted.contact.display_name.clone();
    state.remember_deleted(deleted);
    Ok(name)
}

#[tauri::command(async)]
pub fn undo_delete(state: State<'_, AppState>, id: i64) -> Result<ContactDetail, AppError> {
    let deleted = state.take_deleted(id)?;
    state
        .with_book(|book| book.undo_delete(&deleted))
        .inspect_err(|_| state.put_back_deleted(deleted))
}

#[tauri::command(async)]
pub fn list_tags(state: State<'_, AppState>) -> Result<Vec<TagCount>, AppError> {
    state.with_book(|book| book.tags())
}

#[tauri::command(async)]
pub fn list_companies(state: State<'_, AppState>) -> Result<Vec<Company>, AppError> {
    state.with_book(|book| book.companies())
}

/// First run: fills an empty book with sample customers, on a blocking thread.
#[tauri::command]
pub async fn load_sample_contacts(
    state: State<'_, AppState>,
    count: usize,
) -> Result<usize, AppError> {
    let count = count.min(10_000);
    state
        .with_book_blocking(move |book| Ok(book.add_sample_customers(count, 7, today())?.contacts))
        .await
}

/// Notes who sent us the contact (None: nobody); returns the page as it now reads.
#[tauri::command(async)]
pub fn set_referrer(
    state: State<'_, AppState>,
    contact_id: i64,
    referred_by: Option<i64>,
) -> Result<ContactDetail, AppError> {
    state.with_book(|book| {
        book.set_referrer(contact_id, referred_by, today())?;
        book.contact(contact_id)
    })
}
