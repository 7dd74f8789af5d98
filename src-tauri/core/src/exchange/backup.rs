//! One-file backups: a consistent copy made while the book is open (`VACUUM INTO` a temporary
//! name, integrity-checked, then renamed), a daily automatic one with retention, and restore.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{cannot_write, ExchangeError};
use crate::book::Book;
use crate::error::Result;
use crate::paths::{whole_path, OutputGuard, OutputKind};
use crate::store::{check_database_file, check_own_copy, vacuum_file_into, Store, StoreError};

pub use crate::paths::BACKUP_FOLDER;
const KEEP_DAILY_KEY: &str = "backup.keep_daily";
const KEEP_WEEKLY_KEY: &str = "backup.keep_weekly";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Retention {
    /// The newest daily backups kept.
    pub daily: u32,
    /// Beyond those, one per week for this many weeks.
    pub weekly: u32,
}

impl Default for Retention {
    fn default() -> Retention {
        Retention {
            daily: 7,
            weekly: 4,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Older automatic backups removed by the retention rule.
    pub removed: Vec<String>,
}

/// Copies the book to `out` (which is replaced if it exists): the copy is written under a
/// temporary name, checked, and only then renamed.
pub fn backup_to(store: &Store, out: &Path) -> Result<BackupInfo> {
    let guard = OutputGuard::for_book_file(store.path());
    checked_copy(&guard, out, |temp| store.vacuum_into(temp))
}

/// [`backup_to`] for the book in the file `book_file`, read through a connection of its own
/// (the daily backup, made beside the window without holding the book up).
pub fn backup_file_to(book_file: &Path, out: &Path) -> Result<BackupInfo> {
    let guard = OutputGuard::for_book_file(book_file);
    checked_copy(&guard, out, |temp| vacuum_file_into(book_file, temp))
}

/// Writes a copy to a temporary name beside `out` with `copy`, checks it, then renames it
/// (through the output guard: never over the book, a damaged copy never kept).
fn checked_copy(
    guard: &OutputGuard,
    out: &Path,
    copy: impl FnOnce(&Path) -> std::result::Result<(), StoreError>,
) -> Result<BackupInfo> {
    let ((), path) = guard.write_with(out, OutputKind::Backup, |temp| {
        copy(temp)?;
        check_own_copy(temp).map(|_| ()).map_err(|error| {
            crate::Error::from(ExchangeError::BackupDamaged {
                path: out.to_path_buf(),
                detail: error.to_string(),
            })
        })
    })?;
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        path: path.display().to_string(),
        bytes,
        removed: Vec::new(),
    })
}

impl Book {
    /// Backs the book up to `out`, or to `<data-dir>/backups/rapport-backup-<time>.db`: a
    /// checked copy, never over the book.
    pub fn backup(&self, out: Option<&Path>) -> Result<BackupInfo> {
        let out = match out {
            Some(out) => out.to_path_buf(),
            None => self.data_dir().join(BACKUP_FOLDER).join(format!(
                "rapport-backup-{}.db",
                chrono::Utc::now().format("%Y%m%d-%H%M%S")
            )),
        };
        backup_to(self.store(), &out)
    }

    /// How many automatic backups are kept.
    pub fn backup_retention(&self) -> Result<Retention> {
        retention(self)
    }

    pub fn set_backup_retention(&mut self, retention: Retention) -> Result<()> {
        set_retention(self, retention)
    }

    /// Today's automatic backup with retention, unless it is made already.
    pub fn daily_backup(&self, today: NaiveDate) -> Result<Option<BackupInfo>> {
        daily_backup(self, self.data_dir(), today)
    }

    /// Today's copy of the team's book on this desk (as the daily backup of a file book),
    /// made over a connection of its own so the window's is not held while it copies: the copy
    /// the desk opens when the server cannot be reached. None for a book file, whose daily
    /// backup the window reads beside it.
    pub fn desk_copy(&self, today: NaiveDate) -> Result<Option<BackupInfo>> {
        match self.desk_copier()? {
            Some(copier) => copier.daily_backup(today),
            None => Ok(None),
        }
    }

    /// The team's book over a second connection, to copy it without holding this one (the
    /// window takes it with the book held for a moment, then copies). None for a book file.
    pub fn desk_copier(&self) -> Result<Option<Book>> {
        Ok(self
            .store()
            .second_connection(self.data_dir())?
            .map(|store| Book::with(store, self.data_dir().to_path_buf())))
    }

    /// The newest copy of the team's book on this desk, opened to read only, and when it was
    /// made (`YYYY-MM-DD HH:MM`): what the desk shows while the server cannot be reached.
    pub fn open_offline(data_dir: &Path) -> Result<(Book, String)> {
        let mut last_problem = None;
        for copy in list_backups(data_dir)? {
            match crate::store::SqliteStore::open_read_only(Path::new(&copy.path)) {
                Ok(store) => {
                    return Ok((
                        Book::with(Store::Sqlite(store), data_dir.to_path_buf()),
                        copy.modified,
                    ))
                }
                Err(problem) => last_problem = Some(problem),
            }
        }
        Err(match last_problem {
            Some(problem) => problem.into(),
            None => crate::Error::not_found(format!(
                "A copy of the team's book on this computer (in {})",
                data_dir.join(BACKUP_FOLDER).display()
            )),
        })
    }

    /// Where today's automatic backup is (or will be) kept.
    pub fn daily_backup_path(&self, today: NaiveDate) -> PathBuf {
        self.data_dir().join(BACKUP_FOLDER).join(daily_name(today))
    }

    /// Replaces the book with the backup `file` (a backup in the backups folder or one the owner
    /// picked), after checking it; the current book is kept as a backup first.
    pub fn restore(&mut self, file: &Path) -> Result<RestoreInfo> {
        let data_dir = self.data_dir().to_path_buf();
        restore(self, &data_dir, file)
    }

    /// The backups in the backups folder, newest first.
    pub fn backups(&self) -> Result<Vec<BackupFile>> {
        list_backups(self.data_dir())
    }

    /// Where the book is and how many backups to keep: what the daily backup beside the window
    /// needs, read while the book is held for a moment.
    pub fn daily_backup_source(&self) -> Result<(PathBuf, Retention)> {
        if self.is_shared() {
            // The file read beside the window does not exist for a server book; its daily
            // copy is made through the book ([`Book::daily_backup`]).
            return Err(crate::store::StoreError::OnlyForFile {
                action: "The daily backup read beside the window".into(),
            }
            .into());
        }
        Ok((self.store().path().to_path_buf(), retention(self)?))
    }

    /// Today's automatic backup of the book file `book_file`, read through a connection of its
    /// own so the book is not held ([`daily_backup_of_file`]).
    pub fn daily_backup_of_file(
        book_file: &Path,
        data_dir: &Path,
        today: NaiveDate,
        retention: Retention,
    ) -> Result<Option<BackupInfo>> {
        daily_backup_of_file(book_file, data_dir, today, retention)
    }

    /// `path` if it is a backup in `<data-dir>/backups/` or a file the owner picked in the
    /// window (staged); anything else is refused (a restore reads only those).
    pub fn backup_source(data_dir: &Path, path: &str) -> Result<PathBuf> {
        let folder = data_dir.join(BACKUP_FOLDER);
        let candidate = Path::new(path);
        if candidate.parent() == Some(folder.as_path()) && candidate.is_file() {
            return Ok(candidate.to_path_buf());
        }
        super::staging::staged(data_dir, path)
    }

    /// The backups in `data_dir`'s backups folder, for a book that could not be opened.
    pub fn backups_in(data_dir: &Path) -> Result<Vec<BackupFile>> {
        list_backups(data_dir)
    }
}

pub fn retention(book: &Book) -> Result<Retention> {
    let read = |key: &str, default: u32| -> Result<u32> {
        Ok(book
            .store()
            .setting(key)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(default))
    };
    let default = Retention::default();
    Ok(Retention {
        daily: read(KEEP_DAILY_KEY, default.daily)?,
        weekly: read(KEEP_WEEKLY_KEY, default.weekly)?,
    })
}

pub fn set_retention(book: &mut Book, retention: Retention) -> Result<()> {
    if retention.daily == 0 || retention.daily > 365 || retention.weekly > 520 {
        return Err(crate::Error::invalid(
            "retention",
            "keep 1 to 365 daily backups and 0 to 520 weekly ones",
        ));
    }
    let store = book.store_mut();
    store.set_setting(KEEP_DAILY_KEY, &retention.daily.to_string())?;
    store.set_setting(KEEP_WEEKLY_KEY, &retention.weekly.to_string())?;
    Ok(())
}

fn daily_name(day: NaiveDate) -> String {
    format!("rapport-{}.db", day.format("%Y-%m-%d"))
}

fn day_of(name: &str) -> Option<NaiveDate> {
    let day = name.strip_prefix("rapport-")?.strip_suffix(".db")?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// Makes today's automatic backup in `<data-dir>/backups/` unless it exists, then applies the
/// retention rule. Returns `None` when today's backup was already there.
pub fn daily_backup(book: &Book, data_dir: &Path, today: NaiveDate) -> Result<Option<BackupInfo>> {
    if book.is_shared() {
        // A server book has no file to read: it is copied through its own connection.
        let folder = data_dir.join(BACKUP_FOLDER);
        let target = folder.join(daily_name(today));
        if target.exists() {
            return Ok(None);
        }
        let mut info = backup_to(book.store(), &target)?;
        info.removed = prune(&folder, retention(book)?)?;
        remove_stale_copies(&folder);
        return Ok(Some(info));
    }
    daily_backup_of_file(book.store().path(), data_dir, today, retention(book)?)
}

/// [`daily_backup`] of the book in the file `book_file`, read through a connection of its own:
/// the window runs it on a thread of its own at start and whenever the day changes.
pub fn daily_backup_of_file(
    book_file: &Path,
    data_dir: &Path,
    today: NaiveDate,
    retention: Retention,
) -> Result<Option<BackupInfo>> {
    let folder = data_dir.join(BACKUP_FOLDER);
    let target = folder.join(daily_name(today));
    if target.exists() {
        return Ok(None);
    }
    let mut info = backup_file_to(book_file, &target)?;
    info.removed = prune(&folder, retention)?;
    remove_stale_copies(&folder);
    Ok(Some(info))
}

/// Half-written copies older than this were left by a program that stopped mid-copy.
const STALE_COPY_AGE: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Removes half-written copies (`.name.part`) a killed program left in `folder`; a copy being
/// written now is younger than [`STALE_COPY_AGE`] and stays.
fn remove_stale_copies(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(|entry| entry.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > STALE_COPY_AGE);
        if name.starts_with('.') && name.ends_with(".part") && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Removes automatic backups the retention rule no longer keeps: the `daily` newest, and
/// beyond them the newest backup of each of the `weekly` next older ISO weeks (weeks the daily
/// ones already reach into do not take a weekly place; weeks without any backup, when the
/// computer was off, are skipped). Files that are not daily backups are left alone.
pub fn prune(folder: &Path, retention: Retention) -> Result<Vec<String>> {
    let entries = std::fs::read_dir(folder).map_err(|e| ExchangeError::CannotRead {
        path: folder.to_path_buf(),
        reason: e.to_string(),
    })?;
    let mut backups: Vec<(NaiveDate, PathBuf)> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            day_of(&name).map(|day| (day, entry.path()))
        })
        .collect();
    backups.sort_by_key(|b| std::cmp::Reverse(b.0));
    let week_of = |day: &NaiveDate| (day.iso_week().year(), day.iso_week().week());
    let daily = (retention.daily as usize).min(backups.len());
    let mut weeks_with_a_backup: Vec<(i32, u32)> = backups[..daily]
        .iter()
        .map(|(day, _)| week_of(day))
        .collect();
    let mut weekly_kept = 0;
    let mut removed = Vec::new();
    for (day, path) in &backups[daily..] {
        let week = week_of(day);
        if !weeks_with_a_backup.contains(&week) && weekly_kept < retention.weekly {
            weeks_with_a_backup.push(week);
            weekly_kept += 1;
            continue;
        }
        std::fs::remove_file(path).map_err(|e| cannot_write(path, e.to_string()))?;
        removed.push(path.display().to_string());
    }
    Ok(removed)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreInfo {
    /// Where the book as it was before the restore was kept.
    pub previous_saved_to: String,
    #[ts(type = "number")]
    pub contacts: i64,
}

/// Replaces the book with the backup in `file`, after checking it is a Rapport database, intact
/// and not newer than this version. The current book is first backed up into
/// `<data-dir>/backups/before-restore-….db`.
pub fn restore(book: &mut Book, data_dir: &Path, file: &Path) -> Result<RestoreInfo> {
    book.output_guard()
        .refuse_book_files(&whole_path(file), file)?;
    check_database_file(file)?;
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let keep = data_dir
        .join(BACKUP_FOLDER)
        .join(format!("before-restore-{stamp}.db"));
    backup_to(book.store(), &keep)?;
    book.store_mut().replace_from(file)?;
    Ok(RestoreInfo {
        previous_saved_to: keep.display().to_string(),
        contacts: book.store().contact_count()?,
    })
}

/// A backup file in `<data-dir>/backups/`, for the list in the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    pub name: String,
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// When it was written, local time, `YYYY-MM-DD HH:MM`.
    pub modified: String,
    /// Made by the daily automatic backup (and so removed by the retention rule in time).
    pub automatic: bool,
}

/// The backups in `<data-dir>/backups/`, newest first (none when the folder does not exist).
pub fn list_backups(data_dir: &Path) -> Result<Vec<BackupFile>> {
    let folder = data_dir.join(BACKUP_FOLDER);
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(ExchangeError::CannotRead {
                path: folder,
                reason: e.to_string(),
            }
            .into())
        }
    };
    let mut files: Vec<(std::time::SystemTime, BackupFile)> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let meta = entry.metadata().ok()?;
            if !meta.is_file() || !name.ends_with(".db") {
                return None;
            }
            let modified = meta.modified().ok()?;
            let local: chrono::DateTime<chrono::Local> = modified.into();
            Some((
                modified,
                BackupFile {
                    automatic: day_of(&name).is_some(),
                    path: entry.path().display().to_string(),
                    bytes: meta.len(),
                    modified: local.format("%Y-%m-%d %H:%M").to_string(),
                    name,
                },
            ))
        })
        .collect();
    files.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.name.cmp(&a.1.name)));
    Ok(files.into_iter().map(|(_, file)| file).collect())
}
