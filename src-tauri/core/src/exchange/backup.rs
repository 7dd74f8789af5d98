//! One-file backups: a consistent copy made while the book is open (`VACUUM INTO` a temporary
//! name, integrity-checked, then renamed), a daily automatic one with retention, and restore.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{cannot_write, temp_beside, ExchangeError};
use crate::book::Book;
use crate::error::Result;
use crate::store::{check_database_file, Store};

/// The folder inside the data folder that holds automatic backups.
pub const BACKUP_FOLDER: &str = "backups";
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
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| cannot_write(parent, e.to_string()))?;
    }
    let temp = temp_beside(out);
    let _ = std::fs::remove_file(&temp);
    if let Err(error) = store.vacuum_into(&temp) {
        let _ = std::fs::remove_file(&temp);
        return Err(error.into());
    }
    if let Err(error) = check_database_file(&temp) {
        let _ = std::fs::remove_file(&temp);
        return Err(ExchangeError::BackupDamaged {
            path: out.to_path_buf(),
            detail: error.to_string(),
        }
        .into());
    }
    std::fs::rename(&temp, out).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        cannot_write(out, e.to_string())
    })?;
    let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        path: out.display().to_string(),
        bytes,
        removed: Vec::new(),
    })
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
    let folder = data_dir.join(BACKUP_FOLDER);
    let target = folder.join(daily_name(today));
    if target.exists() {
        return Ok(None);
    }
    let mut info = backup_to(book.store(), &target)?;
    info.removed = prune(&folder, retention(book)?, today)?;
    Ok(Some(info))
}

/// Removes automatic backups the retention rule no longer keeps: the `daily` newest, and beyond
/// them the newest of each ISO week for `weekly` weeks. Files that are not daily backups are
/// left alone.
pub fn prune(folder: &Path, retention: Retention, today: NaiveDate) -> Result<Vec<String>> {
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
    let mut keep_weeks: Vec<(i32, u32)> = Vec::new();
    let this_week = today.iso_week();
    let mut removed = Vec::new();
    for (n, (day, path)) in backups.iter().enumerate() {
        if n < retention.daily as usize {
            continue;
        }
        let week = (day.iso_week().year(), day.iso_week().week());
        let weeks_ago = (today - *day).num_days() / 7;
        let keep = (week != (this_week.year(), this_week.week()) || n < retention.daily as usize)
            && !keep_weeks.contains(&week)
            && keep_weeks.len() < retention.weekly as usize
            && weeks_ago <= i64::from(retention.weekly) + 1;
        if keep {
            keep_weeks.push(week);
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
