//! What the window keeps while it is open: the book, and the contacts deleted this session (so a
//! deletion can be undone until the window closes).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use rapport_core::contacts::DeletedContact;
use rapport_core::{AppError, Book, Error};

pub struct AppState {
    pub data_dir: PathBuf,
    book: Result<Arc<Mutex<Book>>, AppError>,
    deleted: Mutex<HashMap<i64, DeletedContact>>,
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> AppState {
        let book = Book::open(&data_dir)
            .map(|book| Arc::new(Mutex::new(book)))
            .map_err(AppError::from);
        AppState {
            data_dir,
            book,
            deleted: Mutex::new(HashMap::new()),
        }
    }

    pub fn open_error(&self) -> Result<(), AppError> {
        self.book.as_ref().map(|_| ()).map_err(Clone::clone)
    }

    /// Runs `work` with the book locked. Keep it short: it blocks other commands.
    pub fn with_book<T>(
        &self,
        work: impl FnOnce(&mut Book) -> Result<T, Error>,
    ) -> Result<T, AppError> {
        let book = self.book.as_ref().map_err(Clone::clone)?;
        let mut guard = lock(book);
        work(&mut guard).map_err(AppError::from)
    }

    /// The book for long work on a blocking thread.
    pub fn shared_book(&self) -> Result<Arc<Mutex<Book>>, AppError> {
        self.book.clone()
    }

    pub fn remember_deleted(&self, deleted: DeletedContact) {
        lock(&self.deleted).insert(deleted.contact.id, deleted);
    }

    pub fn take_deleted(&self, id: i64) -> Result<DeletedContact, AppError> {
        lock(&self.deleted).remove(&id).ok_or_else(|| AppError {
            code: "notFound".into(),
            message: "That contact can no longer be restored: only deletions made since Rapport was opened can be undone.".into(),
            fields: Vec::new(),
        })
    }

    pub fn put_back_deleted(&self, deleted: DeletedContact) {
        self.remember_deleted(deleted);
    }
}

/// A poisoned lock only means a command panicked mid-way; SQLite's transaction rolled back, so
/// the book is consistent and can be used again.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
