//! Opening a large book checks every page of it first (`PRAGMA quick_check`, half a second at
//! 100,000 contacts), on every start of the window and every command. A book that Rapport itself
//! closed cleanly and nothing has touched since needs no second look: on a clean close the file's
//! size, modification time and identity are noted beside it (`rapport.db.checked`), and an open
//! that finds the file exactly so (and no write-ahead log holding anything) skips the check. A
//! file changed in any way — by another program, a copy put in its place, damage that wrote to
//! it, a process that was killed — no longer matches and is checked as before.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::Connection;

use crate::paths::{OutputGuard, OutputKind};

/// How long after the file's last change its note is written: longer than the coarsest clock
/// tick a file system stamps a change with, so any later change gets another time.
const SETTLE: Duration = Duration::from_millis(20);

fn note_path(book: &Path) -> PathBuf {
    let mut name = book.as_os_str().to_owned();
    name.push(".checked");
    PathBuf::from(name)
}

/// What identifies the file as it is: size, modification time (ns), inode.
fn fingerprint(book: &Path) -> Option<String> {
    let meta = std::fs::metadata(book).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    #[cfg(unix)]
    let identity = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let identity = 0u64;
    Some(format!("{} {} {identity}", meta.len(), modified.as_nanos()))
}

/// A mark that changes whenever a write reaches the book file or its write-ahead log: the
/// file's fingerprint and the log's size and time (an empty log counts as none: opening the
/// book makes one).
pub(super) fn write_mark(book: &Path) -> String {
    let mut log = book.as_os_str().to_owned();
    log.push("-wal");
    let log = match std::fs::metadata(PathBuf::from(log)) {
        Ok(meta) if meta.len() > 0 => {
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{} {modified}", meta.len())
        }
        _ => "0".to_string(),
    };
    format!("{} / {log}", fingerprint(book).unwrap_or_default())
}

/// Whether the write-ahead log is absent or empty (another connection's work would be in it).
fn log_is_empty(book: &Path) -> bool {
    let mut log = book.as_os_str().to_owned();
    log.push("-wal");
    std::fs::metadata(PathBuf::from(log)).map_or(true, |m| m.len() == 0)
}

/// Whether the book is exactly as Rapport left it at its last clean close.
pub(super) fn unchanged_since_clean_close(book: &Path) -> bool {
    let Ok(noted) = std::fs::read_to_string(note_path(book)) else {
        return false;
    };
    log_is_empty(book) && fingerprint(book).is_some_and(|now| now == noted.trim())
}

/// On closing the book: moves everything into the file and, when no other connection is at
/// work on it, notes the file as it is. Best effort: without the note the next open checks.
pub(super) fn note_clean_close(conn: &Connection, book: &Path) {
    let note = note_path(book);
    // Whatever happens next, an old note must not vouch for the file as it will be.
    let _ = std::fs::remove_file(&note);
    let settled: rusqlite::Result<(i64, i64)> =
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        });
    // Busy, or frames left: another connection is at work; its close will note the file.
    if !matches!(settled, Ok((0, 0) | (0, -1))) || !log_is_empty(book) {
        return;
    }
    let changed = std::fs::metadata(book).and_then(|m| m.modified());
    if let Ok(changed) = changed {
        let since = SystemTime::now()
            .duration_since(changed)
            .unwrap_or_default();
        if since < SETTLE {
            std::thread::sleep(SETTLE - since);
        }
    }
    if let Some(fingerprint) = fingerprint(book) {
        let _ = OutputGuard::for_book_file(book).write_bytes(
            &note,
            OutputKind::Document,
            fingerprint.as_bytes(),
        );
    }
}
