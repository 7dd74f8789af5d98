//! What the window keeps while it is open: the book (or why it could not be opened, until a
//! backup replaces it), and the contacts deleted this session (so a deletion can be undone until
//! the window closes).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use rapport_core::contacts::DeletedContact;
use rapport_core::exchange::backup::{self, Recovery, RestoreInfo};
use rapport_core::exchange::staging;
use rapport_core::{AppError, Book, Error};

pub struct AppState {
    pub data_dir: PathBuf,
    /// Replaced once, when the book could not be opened and a backup is restored in its place.
    book: RwLock<Result<Arc<Mutex<Book>>, AppError>>,
    deleted: Mutex<HashMap<i64, DeletedContact>>,
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> AppState {
        let book = Book::open(&data_dir)
            .map(|book| Arc::new(Mutex::new(book)))
            .map_err(AppError::from);
        AppState {
            data_dir,
            book: RwLock::new(book),
            deleted: Mutex::new(HashMap::new()),
        }
    }

    pub fn open_error(&self) -> Result<(), AppError> {
        self.shared_book().map(|_| ())
    }

    /// What the window offers instead of the book when it could not be opened; none when open.
    pub fn recovery(&self) -> Option<Recovery> {
        let error = self.open_error().err()?;
        Some(backup::recovery(&self.data_dir, &error))
    }

    /// Puts the backup at `path` (one in the backups folder, or a file the owner picked) in place
    /// of a damaged book, and opens it: the window goes on without restarting.
    pub fn recover(&self, path: &str) -> Result<RestoreInfo, AppError> {
        let mut book = self.book.write().unwrap_or_else(|p| p.into_inner());
        let Err(problem) = &*book else {
            return Err(AppError {
                code: "conflict".into(),
                message: "The book is open and needs no recovery. To go back to a backup, use Restore on the Import & export screen.".into(),
                fields: Vec::new(),
            });
        };
        if !backup::may_recover(&problem.code) {
            return Err(problem.clone());
        }
        let file = self.backup_file(path)?;
        let (opened, info) = backup::recover(&self.data_dir, &file)?;
        *book = Ok(Arc::new(Mutex::new(opened)));
        Ok(info)
    }

    /// `path` if it is a file in `<data-dir>/backups/` or one staged from the owner's pick.
    fn backup_file(&self, path: &str) -> Result<PathBuf, AppError> {
        let folder = self.data_dir.join(backup::BACKUP_FOLDER);
        let candidate = Path::new(path);
        if candidate.parent() == Some(folder.as_path()) && candidate.is_file() {
            return Ok(candidate.to_path_buf());
        }
        staging::staged(&self.data_dir, path).map_err(AppError::from)
    }

    /// Runs `work` with the book locked. Keep it short: it blocks other commands.
    pub fn with_book<T>(
        &self,
        work: impl FnOnce(&mut Book) -> Result<T, Error>,
    ) -> Result<T, AppError> {
        let book = self.shared_book()?;
        let mut guard = lock(&book);
        work(&mut guard).map_err(AppError::from)
    }

    /// The book for long work on a blocking thread.
    pub fn shared_book(&self) -> Result<Arc<Mutex<Book>>, AppError> {
        self.book.read().unwrap_or_else(|p| p.into_inner()).clone()
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
