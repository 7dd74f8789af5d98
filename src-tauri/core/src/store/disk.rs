//! Full disks, said as such: which disk (the book's or a copy's destination) and what to do,
//! instead of SQLite's "database or disk is full" or "disk I/O error".

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::StoreError;

/// Below this many free bytes a folder's disk counts as full: SQLite needs a few pages (and its
/// 32 KiB shared-memory file) to write anything at all.
const NEARLY_FULL_BYTES: u64 = 256 * 1024;

/// The folder holding `path` (a file), as the owner knows it.
pub(super) fn folder_of(path: &Path) -> PathBuf {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// The error for a full disk met while writing `path`.
pub(super) fn full(path: &Path, book: bool) -> StoreError {
    StoreError::DiskFull {
        folder: Some(folder_of(path)),
        book,
    }
}

/// Whether the disk holding `path` has (almost) no space left for Rapport.
pub(crate) fn is_full(path: &Path) -> bool {
    free_bytes(&folder_of(path)).is_some_and(|free| free < NEARLY_FULL_BYTES)
}

#[cfg(unix)]
fn free_bytes(folder: &Path) -> Option<u64> {
    let stat = rustix::fs::statvfs(folder).ok()?;
    Some(stat.f_bavail.saturating_mul(stat.f_frsize))
}

#[cfg(not(unix))]
fn free_bytes(_folder: &Path) -> Option<u64> {
    // SQLite reports a full disk as such on Windows; no second look is needed there.
    None
}

/// The owner's words for a full disk.
pub(super) fn describe_full(folder: Option<&Path>, book: bool) -> String {
    let disk = match (folder, book) {
        (Some(folder), true) => format!(
            "The disk holding your Rapport book ({}) is full",
            folder.display()
        ),
        (None, true) => "The disk holding your Rapport book is full".to_string(),
        (Some(folder), false) => format!("The disk holding {} is full", folder.display()),
        (None, false) => "The destination disk is full".to_string(),
    };
    let what = if book {
        "the change could not be saved and nothing was changed; your book can still be read. Free some space on that disk and try again."
    } else {
        "the copy could not be written and nothing was written there; your book is unchanged. Free some space on that disk, or choose another one, and try again."
    };
    format!("{disk}: {what}")
}

/// A connection that can still read a book on a disk with no space left. SQLite keeps the
/// write-ahead log's index in a small shared file beside the book, which cannot be created or
/// grown there ("disk I/O error" on every read); in exclusive locking mode the connection keeps
/// that index in its own memory instead. It then has the book to itself while it is open, which
/// costs nothing on a full disk: no one else could write anyway.
pub(super) fn connect_on_full_disk(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = super::connect(path, flags)?;
    conn.query_row("PRAGMA locking_mode = EXCLUSIVE", [], |row| {
        row.get::<_, String>(0)
    })
    .and_then(|_| conn.busy_timeout(super::BUSY_TIMEOUT))
    .map_err(|e| super::classify(path, e))?;
    Ok(conn)
}

/// Whether `error` is a full disk (as [`super::classify`] sees it for `path`).
pub(super) fn is_full_disk_error(path: &Path, error: &rusqlite::Error) -> bool {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => true,
        Some(rusqlite::ErrorCode::SystemIoFailure) => is_full(path),
        _ => false,
    }
}
