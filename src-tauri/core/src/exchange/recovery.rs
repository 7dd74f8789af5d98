//! When the book cannot be opened: the backups offered in its place (each checked first), and
//! putting one in place of the damaged book, which is set aside, not deleted.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::backup::{list_backups, restore, BackupFile, RestoreInfo};
use super::cannot_write;
use crate::book::Book;
use crate::error::Result;
use crate::paths::temp_beside;
use crate::store::{
    check_book_file, check_database_file, check_own_copy, contacts_in_file, StoreError,
    DATABASE_FILE,
};

impl Book {
    /// What the window offers when the book in `data_dir` could not be opened ([`recovery`]).
    pub fn recovery(data_dir: &Path, problem: &crate::AppError) -> Recovery {
        recovery(data_dir, problem)
    }

    /// Puts a backup in place of a damaged book and opens it ([`recover`]).
    pub fn recover(data_dir: &Path, file: &Path) -> Result<(Book, RestoreInfo)> {
        recover(data_dir, file)
    }

    /// `rapport restore FILE` ([`restore_in_folder`]).
    pub fn restore_in_folder(data_dir: &Path, file: &Path) -> Result<RestoreInfo> {
        restore_in_folder(data_dir, file)
    }
}

/// A backup offered when the book cannot be opened. Each is checked (integrity) before it is
/// offered; `problem` says why one cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryCandidate {
    pub name: String,
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// When it was written, local time, `YYYY-MM-DD HH:MM`.
    pub modified: String,
    /// Active contacts in it; none when it cannot be read safely.
    #[ts(type = "number | null")]
    pub contacts: Option<i64>,
    /// Why it cannot be restored (damaged, not a Rapport book, newer); none when it is good.
    pub problem: Option<String>,
}

/// What the window shows instead of the book when the book cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Recovery {
    /// Why the book could not be opened: `corrupt`, `locked`, `tooNew`, `readOnly`, …
    pub code: crate::error::ErrorCode,
    pub message: String,
    pub data_dir: String,
    pub database_path: String,
    /// Whether a backup may replace the book: only when it is damaged or not a database (never
    /// when another program holds it locked or a newer Rapport wrote it).
    pub can_restore: bool,
    /// The backups in `<data-dir>/backups/`, newest first, each checked; empty unless
    /// `can_restore`.
    pub backups: Vec<RecoveryCandidate>,
}

/// Whether a book that failed to open with `code` may be replaced by a backup.
pub fn may_recover(code: crate::error::ErrorCode) -> bool {
    code == crate::error::ErrorCode::Corrupt
}

/// What to offer when the book in `data_dir` failed to open with `problem`: the backups found,
/// newest first, each checked with SQLite's integrity check and counted, read-only.
pub fn recovery(data_dir: &Path, problem: &crate::AppError) -> Recovery {
    let can_restore = may_recover(problem.code);
    let backups = if can_restore {
        list_backups(data_dir)
            .unwrap_or_default()
            .into_iter()
            .map(checked_candidate)
            .collect()
    } else {
        Vec::new()
    };
    Recovery {
        code: problem.code,
        message: problem.message.clone(),
        data_dir: data_dir.display().to_string(),
        database_path: data_dir.join(DATABASE_FILE).display().to_string(),
        can_restore,
        backups,
    }
}

fn checked_candidate(file: BackupFile) -> RecoveryCandidate {
    let path = PathBuf::from(&file.path);
    let (contacts, problem) = match check_database_file(&path).and_then(|_| contacts_in_file(&path))
    {
        Ok(count) => (Some(count), None),
        Err(error) => (None, Some(candidate_problem(&error))),
    };
    RecoveryCandidate {
        name: file.name,
        path: file.path,
        bytes: file.bytes,
        modified: file.modified,
        contacts,
        problem,
    }
}

/// Why a backup cannot be offered, in a few words (the list says which file).
fn candidate_problem(error: &StoreError) -> String {
    match error {
        StoreError::Corrupt { .. } => "it is damaged: it failed SQLite's integrity check".into(),
        StoreError::NotADatabase { .. } => "it is not a Rapport book".into(),
        StoreError::TooNew { found, .. } => {
            format!("it was made by a newer Rapport (schema {found}); update Rapport to use it")
        }
        StoreError::Locked { .. } => "another program holds it locked".into(),
        other => other.to_string(),
    }
}

/// Puts the backup `file` in place of the book in `data_dir` when that book cannot be opened
/// because it is damaged or not a database, without ever opening the damaged file for writing:
/// the backup is checked, copied in under a temporary name and checked again; the damaged file
/// (with its `-wal` and `-shm` companions) is renamed aside to `rapport-damaged-<time>.db`,
/// never deleted; the copy is renamed into place and the book opened. A bad backup, or a book
/// that is not damaged (or locked, or newer), is refused and nothing changes.
pub fn recover(data_dir: &Path, file: &Path) -> Result<(Book, RestoreInfo)> {
    let db = data_dir.join(DATABASE_FILE);
    if db.exists() {
        match check_book_file(&db) {
            Ok(()) => {
                return Err(crate::Error::Conflict(format!(
                    "The book {} is not damaged, so it was not replaced. Use Restore on the Import & export screen (or `rapport restore FILE`), which keeps the current book as a backup first.",
                    db.display()
                )))
            }
            Err(error) if may_recover(error.code()) => {}
            Err(error) => return Err(error.into()),
        }
    }
    check_database_file(file)?;
    let temp = temp_beside(&db);
    let _ = std::fs::remove_file(&temp);
    let copied = std::fs::copy(file, &temp)
        .map_err(|e| crate::Error::from(cannot_write(&temp, e.to_string())))
        .and_then(|_| check_own_copy(&temp).map_err(crate::Error::from));
    if let Err(error) = copied {
        let _ = std::fs::remove_file(&temp);
        return Err(error);
    }
    let aside = set_aside(data_dir, &db).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })?;
    if let Err(e) = std::fs::rename(&temp, &db) {
        let _ = std::fs::remove_file(&temp);
        if let Some(aside) = &aside {
            let _ = std::fs::rename(aside, &db);
        }
        return Err(cannot_write(&db, e.to_string()).into());
    }
    let book = Book::open(data_dir)?;
    let contacts = book.store().contact_count()?;
    Ok((
        book,
        RestoreInfo {
            previous_saved_to: aside.map(|p| p.display().to_string()).unwrap_or_default(),
            contacts,
        },
    ))
}

/// Renames the damaged book (and the journal files beside it) to `rapport-damaged-<time>.db`
/// in the same folder. Returns where it went, or none when there was no book.
fn set_aside(data_dir: &Path, db: &Path) -> Result<Option<PathBuf>> {
    if !db.exists() {
        return Ok(None);
    }
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let mut aside = data_dir.join(format!("rapport-damaged-{stamp}.db"));
    let mut n = 2;
    while aside.exists() {
        aside = data_dir.join(format!("rapport-damaged-{stamp}-{n}.db"));
        n += 1;
    }
    std::fs::rename(db, &aside).map_err(|e| cannot_write(db, e.to_string()))?;
    for suffix in ["-wal", "-shm"] {
        let companion = PathBuf::from(format!("{}{suffix}", db.display()));
        if companion.exists() {
            let target = PathBuf::from(format!("{}{suffix}", aside.display()));
            if let Err(e) = std::fs::rename(&companion, &target) {
                let _ = std::fs::rename(&aside, db);
                return Err(cannot_write(&companion, e.to_string()).into());
            }
        }
    }
    Ok(Some(aside))
}

/// `rapport restore FILE`: replaces the book in `data_dir` with the backup `file`. An intact
/// book is kept as a backup first ([`restore`]); a damaged one is set aside ([`recover`]).
pub fn restore_in_folder(data_dir: &Path, file: &Path) -> Result<RestoreInfo> {
    match Book::open(data_dir) {
        Ok(mut book) => restore(&mut book, data_dir, file),
        Err(error) if may_recover(error.code()) => recover(data_dir, file).map(|(_, info)| info),
        Err(error) => Err(error),
    }
}
