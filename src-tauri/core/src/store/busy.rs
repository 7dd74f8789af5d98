//! Writers wait their turn. Every transaction that will write starts as a writer (`BEGIN
//! IMMEDIATE`): a transaction that began as a reader and later wants to write cannot wait for
//! another process's write (its snapshot would be stale), so SQLite refused it at once, busy
//! timeout or not. Started as a writer it waits up to the timeout, and a refusal says Rapport is
//! busy, never "locked by another program".
//!
//! A long write (an import, sample customers, a restore) holds the writer's lock longer than the
//! timeout. It says so in a small file beside the book, `rapport.db.busy`, which it holds locked
//! while it writes; a process refused meanwhile reads it and tells the owner what is going on.
//! The operating system drops the file lock when the process ends, however it ends, so a killed
//! import never leaves the book looking busy.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use rusqlite::{Transaction, TransactionBehavior};

use super::{SqliteStore, StoreError};

/// What a long write is doing, as the owner reads it in "Rapport is busy with …".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LongWrite {
    Import,
    SampleData,
    Restore,
}

impl LongWrite {
    fn describe(self) -> &'static str {
        match self {
            LongWrite::Import => "an import",
            LongWrite::SampleData => "adding sample customers",
            LongWrite::Restore => "restoring a backup",
        }
    }
}

/// The marker of a long write in progress; dropping it says the write is over.
pub(crate) struct LongWriteMarker {
    file: File,
}

impl Drop for LongWriteMarker {
    fn drop(&mut self) {
        // Emptied before it is unlocked, so a reader never sees a finished write's words.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

/// The marker file beside the book at `book`.
fn marker_path(book: &Path) -> PathBuf {
    let mut name = book.as_os_str().to_os_string();
    name.push(".busy");
    PathBuf::from(name)
}

/// Says that a long write of `kind` is starting on the book at `book`. Best effort: if the
/// marker cannot be written (a read-only folder, another long write holding it), the write goes
/// on and others are told only that Rapport is busy.
pub(crate) fn mark_long_write(book: &Path, kind: LongWrite) -> Option<LongWriteMarker> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(marker_path(book))
        .ok()?;
    file.try_lock().ok()?;
    // From here on the marker unlocks the file whatever happens.
    let mut marker = LongWriteMarker { file };
    marker.file.set_len(0).ok()?;
    marker.file.write_all(kind.describe().as_bytes()).ok()?;
    Some(marker)
}

/// What a long write on the book at `book` is doing, if one is in progress in any process.
pub(crate) fn long_write_in_progress(book: &Path) -> Option<String> {
    let mut file = File::open(marker_path(book)).ok()?;
    match file.try_lock_shared() {
        // Nobody holds it: whatever it says is from a write that is over.
        Ok(()) => {
            let _ = file.unlock();
            None
        }
        Err(TryLockError::WouldBlock) => {
            let mut words = String::new();
            file.rewind().ok()?;
            file.take(200).read_to_string(&mut words).ok()?;
            let words = words.trim();
            Some(if words.is_empty() {
                "a long change".to_string()
            } else {
                words.to_string()
            })
        }
        Err(TryLockError::Error(_)) => None,
    }
}

/// Whether `error` is SQLite saying another connection holds the lock it needs.
pub(crate) fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// The owner's "busy" for the book at `book`, naming a long write when one is in progress.
pub(crate) fn busy_error(book: &Path) -> StoreError {
    StoreError::Busy {
        activity: long_write_in_progress(book),
    }
}

impl SqliteStore {
    /// Starts a transaction that will write: it waits up to the busy timeout for any other
    /// writer, then reports the book busy.
    pub(super) fn write_transaction(&mut self) -> Result<Transaction<'_>, StoreError> {
        let path = &self.path;
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| {
                if is_busy(&e) {
                    busy_error(path)
                } else {
                    StoreError::from(e)
                }
            })
    }

    /// Marks a long write of `kind` on this book until the marker is dropped.
    pub(crate) fn mark_long_write(&self, kind: LongWrite) -> Option<LongWriteMarker> {
        mark_long_write(&self.path, kind)
    }

    /// Turns a busy refusal from a statement run outside [`Store::write_transaction`] into the
    /// owner's "busy"; other errors pass.
    pub(super) fn explain_busy(&self, error: rusqlite::Error) -> crate::Error {
        if is_busy(&error) {
            crate::Error::Store(busy_error(&self.path))
        } else {
            error.into()
        }
    }
}
