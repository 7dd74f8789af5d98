//! The one place that speaks SQL. It opens the database file, checks it, migrates it, and offers
//! typed functions; nothing outside this module sees a rusqlite type.

mod allocator;
mod backend;
mod birthdays;
mod book_copy;
mod bulk;
mod busy;
mod calendar_rows;
mod clean_close;
mod contact_list;
mod contact_photos;
mod contact_rows;
mod contact_writer;
mod contacts;
mod disk;
mod exchange;
mod follow_ups;
mod gestures;
mod gifts;
pub(crate) mod house_answers;
mod migrate;
mod name_order;
mod occasions;
mod phone_tails;
mod photos;
pub mod postgres;
mod referrals;
mod search;
mod settings;
mod tags;
mod testimonials;
mod today;
mod touchpoint_edit;
mod touchpoints;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

pub use backend::{ChangeStamp, Store};
pub use busy::LongWrite;
pub use calendar_rows::CalendarRow;
pub use contact_writer::NewContact;
pub(crate) use disk::is_full as disk_is_full;
pub use exchange::{
    check_database_file, check_own_copy, contacts_in_file, vacuum_file_into, ImportChange,
    ImportTarget,
};
pub use gestures::{
    ComplaintStepRow, GestureTemplateRow, NewComplaintStep, NewGesture, OpenLoopRow,
};
pub use photos::{NewPhoto, WelcomeSendRow};
pub use search::SearchDocument;

pub use crate::paths::DATABASE_FILE;
use migrate::migrate;

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = 18;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Rapport cannot create its data folder {path}: {reason}. Choose another folder with --data-dir, or fix the folder's permissions.")]
    CannotCreateFolder { path: PathBuf, reason: String },
    #[error("Rapport cannot write to {path}: the folder or file is read-only. Rapport has not changed it. Make the folder writable, or choose another one with --data-dir.")]
    ReadOnly { path: PathBuf },
    #[error("{path} is not a Rapport database (it may be another kind of file, or damaged beyond reading). Rapport has not changed it. Move it aside, or restore a backup.")]
    NotADatabase { path: PathBuf },
    #[error("The database {path} is damaged ({detail}). Rapport has not written to it. Restore your newest backup, or copy the file aside and start with --data-dir pointing to an empty folder.")]
    Corrupt { path: PathBuf, detail: String },
    #[error("The database {path} is in use by another program that holds it locked. Close that program (or the other Rapport window) and try again.")]
    Locked { path: PathBuf },
    /// The disk ran out of space: the book's (`book`) or a copy's destination. `folder` is
    /// known where the error met a path.
    #[error("{}", describe_disk_full(.folder.as_deref(), .book))]
    DiskFull { folder: Option<PathBuf>, book: bool },
    /// Another Rapport process is writing and did not finish within the busy timeout.
    #[error("{}", describe_busy(.activity.as_deref()))]
    Busy { activity: Option<String> },
    #[error("The database {path} was written by a newer version of Rapport (schema {found}; this version knows up to {supported}). Rapport has not changed it. Install the newer version to open it.")]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("The database could not complete the change ({detail}); nothing was changed. Try again; if it keeps happening, make a backup and report it.")]
    Database { detail: String },
    /// A write to a book open to read only (a desk's copy of the team's book shown offline).
    #[error(
        "The book is open to read only here, so this change was not made. Nothing was changed."
    )]
    WriteRefused,
    /// Something only a book file can do, asked of the team's book on a server.
    #[error("{action} works on a book kept as a file on this computer; this book is shared on a server, which looks after its own storage. Nothing was changed. To work on a file, make one with \"Back up\" and open that.")]
    OnlyForFile { action: String },
}

impl StoreError {
    pub fn code(&self) -> crate::error::ErrorCode {
        match self {
            StoreError::CannotCreateFolder { .. }
            | StoreError::ReadOnly { .. }
            | StoreError::WriteRefused => crate::error::ErrorCode::ReadOnly,
            StoreError::NotADatabase { .. } | StoreError::Corrupt { .. } => {
                crate::error::ErrorCode::Corrupt
            }
            StoreError::Locked { .. } => crate::error::ErrorCode::Locked,
            StoreError::Busy { .. } => crate::error::ErrorCode::Busy,
            StoreError::DiskFull { .. } => crate::error::ErrorCode::DiskFull,
            StoreError::TooNew { .. } => crate::error::ErrorCode::TooNew,
            StoreError::Database { .. } => crate::error::ErrorCode::Database,
            StoreError::OnlyForFile { .. } => crate::error::ErrorCode::Failed,
        }
    }
}

fn describe_disk_full(folder: Option<&Path>, book: &bool) -> String {
    disk::describe_full(folder, *book)
}

/// [`classify`] for a copy of the book being written to `out`: a full disk there is the
/// destination's, not the book's.
pub(super) fn classify_copy(out: &Path, error: rusqlite::Error) -> StoreError {
    match classify(out, error) {
        StoreError::DiskFull { folder, .. } => StoreError::DiskFull {
            folder,
            book: false,
        },
        other => other,
    }
}

/// "Rapport is busy …": with what, when a long write in another process said so.
fn describe_busy(activity: Option<&str>) -> String {
    match activity {
        Some(activity) => format!(
            "Rapport is busy with {activity} in another window; nothing was changed. Try again in a moment."
        ),
        None => "Rapport is busy: another window or command is saving a change to the book; nothing was changed. Try again in a moment.".to_string(),
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        if busy::is_busy(&error) {
            return StoreError::Busy { activity: None };
        }
        if error.sqlite_error_code() == Some(ErrorCode::ReadOnly) {
            return StoreError::WriteRefused;
        }
        if error.sqlite_error_code() == Some(ErrorCode::DiskFull) {
            return StoreError::DiskFull {
                folder: None,
                book: true,
            };
        }
        StoreError::Database {
            detail: error.to_string(),
        }
    }
}

impl From<rusqlite::Error> for crate::Error {
    fn from(error: rusqlite::Error) -> crate::Error {
        crate::Error::Store(error.into())
    }
}

/// An open, checked, migrated database.
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    /// The book itself (not a copy opened to read): its clean close is noted, so the next open
    /// may skip the check of an untouched file (`clean_close`).
    notes_clean_close: bool,
    /// Each active contact's place in name order, for searches matching thousands (boxed: the
    /// store is moved by value).
    name_order: Box<name_order::NameOrderCache>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database in `data_dir`.
    pub fn open_in(data_dir: &Path) -> Result<SqliteStore, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|e| StoreError::CannotCreateFolder {
            path: data_dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        SqliteStore::open(&data_dir.join(DATABASE_FILE))
    }

    /// Opens the database file at `path`, creating it if it does not exist. An existing file is
    /// first checked through a read-only connection, so a damaged, foreign or newer file is
    /// refused before anything could write to it (a write that was cut off is rolled back
    /// first, as SQLite does on any open).
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        SqliteStore::open_at(path, SCHEMA_VERSION)
    }

    /// Opens a copy of the book (a backup) to read only: a desk's view of the team's book while
    /// the server cannot be reached. Only a copy of this schema version is read as it is (an
    /// older one would need migrating, which reading only cannot do).
    pub fn open_read_only(path: &Path) -> Result<SqliteStore, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = connect(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .and_then(|()| {
                conn.execute_batch("PRAGMA query_only = ON; PRAGMA temp_store = MEMORY;")
            })
            .map_err(|e| classify(path, e))?;
        let version: u32 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|e| classify(path, e))?;
        if version != SCHEMA_VERSION {
            return Err(StoreError::Database {
                detail: format!(
                    "the copy {} is of schema {version}, this version reads {SCHEMA_VERSION}",
                    path.display()
                ),
            });
        }
        Ok(SqliteStore {
            conn,
            path: path.to_path_buf(),
            notes_clean_close: false,
            name_order: Default::default(),
        })
    }

    /// Opens and migrates only up to `version`: for tests that build databases of earlier
    /// schema versions and migrate them.
    #[doc(hidden)]
    pub fn open_at(path: &Path, version: u32) -> Result<SqliteStore, StoreError> {
        if path.exists() {
            check_existing(path)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = connect(path, flags)?;
        if let Err(error) = configure(&conn) {
            if !disk::is_full_disk_error(path, &error) {
                return Err(classify(path, error));
            }
            // The book can still be read; writes will say the disk is full.
            drop(conn);
            conn = disk::connect_on_full_disk(path)?;
            configure(&conn).map_err(|e| classify(path, e))?;
        }
        migrate(&mut conn, version).map_err(|e| classify(path, e))?;
        Ok(SqliteStore {
            name_order: Box::new(name_order::NameOrderCache::counting(&conn)),
            conn,
            path: path.to_path_buf(),
            notes_clean_close: true,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A mark that changes whenever a write reaches the book (see `clean_close::write_mark`).
    pub fn write_mark(&self) -> String {
        clean_close::write_mark(&self.path)
    }

    /// Notes the book file as it is now (`clean_close`): for a program that ends without
    /// closing the book; closing it does the same.
    pub fn note_clean_close(&self) {
        if self.notes_clean_close {
            clean_close::note_clean_close(&self.conn, &self.path);
        }
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))?)
    }

    /// A number that changes when another connection (another program, the command line)
    /// commits to the book, and never for this connection's own commits.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |row| row.get(0))?)
    }

    /// SQLite's full integrity check: "ok" or the problems found.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        let problems: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(problems.join("; "))
    }
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        // Keeps the query planner's statistics fresh; cheap when nothing changed.
        let _ = self.conn.execute_batch("PRAGMA optimize");
        self.note_clean_close();
    }
}

/// The look [`Store::open`] takes at an existing book before writing to it, read-only: is it a
/// database, undamaged (quick check), not newer than this version, not locked? The one write it
/// may make first is SQLite's own: playing back the journal of a write that was cut off.
pub fn check_book_file(path: &Path) -> Result<(), StoreError> {
    check_existing(path)
}

/// Runs `PRAGMA quick_check` or `integrity_check` on `conn`; anything but "ok" is damage.
pub(super) fn run_check(conn: &Connection, path: &Path, pragma: &str) -> Result<(), StoreError> {
    let verdict: Vec<String> = conn
        .prepare(&format!("PRAGMA {pragma}"))
        .and_then(|mut stmt| stmt.query_map([], |row| row.get(0))?.collect())
        .map_err(|e| classify(path, e))?;
    if verdict != ["ok"] {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: summarise_problems(&verdict),
        });
    }
    Ok(())
}

/// How long the look before opening waits for another program's write: a book that stays
/// busy longer is reported as in use rather than leaving the window waiting.
const CHECK_BUSY_TIMEOUT: Duration = Duration::from_millis(1500);

/// Read-only look at an existing file: is it a database, undamaged, not newer than us, not locked?
fn check_existing(path: &Path) -> Result<(), StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = connect(path, flags)?;
    conn.busy_timeout(CHECK_BUSY_TIMEOUT)
        .map_err(|e| classify(path, e))?;
    let mut version = conn.query_row("PRAGMA user_version", [], |row| row.get::<_, u32>(0));
    if matches!(&version, Err(e) if disk::is_full_disk_error(path, e)) {
        // A read-only connection needs SQLite's shared index file, which a full disk has no
        // room for; this one keeps it in memory (and only reads here).
        drop(conn);
        conn = disk::connect_on_full_disk(path)?;
        version = conn.query_row("PRAGMA user_version", [], |row| row.get(0));
    }
    if is_interrupted_write(&version) {
        // A big write that was cut off (a killed process, a power cut) left its rollback
        // journal. A read-only connection cannot play it back, and the file cannot be read
        // right until it is; playing it back puts the book as it was before that write.
        drop(conn);
        roll_back_interrupted_write(path)?;
        conn = connect(path, flags)?;
        version = conn.query_row("PRAGMA user_version", [], |row| row.get(0));
    }
    let version = version.map_err(|e| classify(path, e))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if clean_close::unchanged_since_clean_close(path) {
        return Ok(());
    }
    quick_check_tables(&conn, path)
}

/// `PRAGMA quick_check` of every stored table and its indexes, one table at a time. The check of
/// the whole file also runs FTS5's complete check of the search index (SQLite does that even in
/// a quick check), which cost a second of every start at 100,000 contacts; this one still reads
/// every page of every table, the search index's own tables included, so a damaged page is
/// found all the same.
fn quick_check_tables(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema
             WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
             ORDER BY name",
        )
        .and_then(|mut stmt| stmt.query_map([], |row| row.get(0))?.collect())
        .map_err(|e| classify(path, e))?;
    for table in std::iter::once("sqlite_schema".to_string()).chain(tables) {
        let quoted = table.replace('"', "\"\"");
        run_check(conn, path, &format!("quick_check(\"{quoted}\")"))?;
    }
    Ok(())
}

/// Whether `result` failed only because a write left a journal that must be played back.
fn is_interrupted_write<T>(result: &rusqlite::Result<T>) -> bool {
    matches!(result, Err(rusqlite::Error::SqliteFailure(e, _))
        if e.extended_code == rusqlite::ffi::SQLITE_READONLY_ROLLBACK)
}

/// Plays back the journal of an interrupted write: any read through a connection that may
/// write does it, before it reads.
fn roll_back_interrupted_write(path: &Path) -> Result<(), StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = connect(path, flags)?;
    conn.busy_timeout(CHECK_BUSY_TIMEOUT)
        .and_then(|()| {
            conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| {
                row.get::<_, i64>(0)
            })
        })
        .map_err(|e| classify(path, e))?;
    Ok(())
}

/// SQLite's check verdict in one short line: the first three problems, without its banner lines.
pub(crate) fn summarise_problems(verdict: &[String]) -> String {
    let problems: Vec<&str> = verdict
        .iter()
        .flat_map(|v| v.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("***"))
        .collect();
    let mut detail = problems
        .iter()
        .take(3)
        .copied()
        .collect::<Vec<_>>()
        .join("; ");
    if problems.len() > 3 {
        detail.push_str(&format!("; and {} more", problems.len() - 3));
    }
    detail
}

/// How long a statement waits for another connection's write before it reports the book busy.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // WAL lets the window read while a batch writes; FULL makes a confirmed edit survive a power
    // cut (NORMAL could lose the last transactions).
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
            Some(format!("journal mode stayed {mode}")),
        ));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -32000;",
    )
}

/// Turns SQLite's error codes into what the owner can do about them.
fn classify(path: &Path, error: rusqlite::Error) -> StoreError {
    let path = path.to_path_buf();
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase { path },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path,
            detail: error.to_string(),
        },
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
            // Busy because another Rapport is importing (or restoring) is not "in use by
            // another program": the owner only has to wait.
            match busy::long_write_in_progress(&path) {
                Some(activity) => StoreError::Busy {
                    activity: Some(activity),
                },
                None => StoreError::Locked { path },
            }
        }
        Some(ErrorCode::DiskFull) => disk::full(&path, true),
        // SQLite reports some writes that found no space (growing its shared-memory file) as
        // a plain I/O error: a folder with no space left is named as the cause.
        Some(ErrorCode::SystemIoFailure) if disk::is_full(&path) => disk::full(&path, true),
        Some(ErrorCode::ReadOnly)
        | Some(ErrorCode::CannotOpen)
        | Some(ErrorCode::PermissionDenied) => StoreError::ReadOnly { path },
        _ => StoreError::Database {
            detail: error.to_string(),
        },
    }
}

/// Opens a connection; every connection in the process is opened here.
fn connect(path: &Path, flags: OpenFlags) -> Result<Connection, StoreError> {
    allocator::use_mimalloc();
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
    search::add_functions(&conn).map_err(|e| classify(path, e))?;
    Ok(conn)
}

/// The time of a write, as stored (`2026-11-23T08:30:00Z`). Spelled out field by field: a
/// format string is parsed again on every call, and a big import writes one per contact.
fn now_timestamp() -> String {
    use chrono::{Datelike, Timelike};
    let now = chrono::Utc::now();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        now.year(),
        now.month(),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

/// How the connection is set up, for tests and diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionSettings {
    pub journal_mode: String,
    /// 2 is FULL.
    pub synchronous: i64,
    pub foreign_keys: bool,
}

impl SqliteStore {
    pub fn connection_settings(&self) -> Result<ConnectionSettings, StoreError> {
        Ok(ConnectionSettings {
            journal_mode: self
                .conn
                .query_row("PRAGMA journal_mode", [], |row| row.get(0))?,
            synchronous: self
                .conn
                .query_row("PRAGMA synchronous", [], |row| row.get(0))?,
            foreign_keys: self
                .conn
                .query_row("PRAGMA foreign_keys", [], |row| row.get(0))?,
        })
    }
}
