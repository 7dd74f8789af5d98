//! Where the owner's data lives, and the one guarded way to write a file there or anywhere else.
//!
//! Every file Rapport writes for the owner (cards, labels, envelopes, welcome drafts, exports,
//! backups, calendars…) goes through [`OutputGuard`]: it refuses the book and its side files
//! however the path is spelled (links, `..`, a second mount of the folder: files are compared by
//! identity, not by name), keeps the backups folder for backups, and writes under a temporary
//! name beside the destination that is renamed only once the file is whole.

use crate::error::ErrorCode;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The environment variable that moves the data folder (as `--data-dir` does).
pub const DATA_DIR_ENV: &str = "RAPPORT_DATA_DIR";

/// The database file's name inside the data folder.
pub const DATABASE_FILE: &str = "rapport.db";

/// The folder inside the data folder that holds backups.
pub const BACKUP_FOLDER: &str = "backups";

/// `--data-dir`, else `RAPPORT_DATA_DIR`, else the user's data folder
/// (`~/.local/share/rapport` on Linux, `~/Library/Application Support/rapport` on macOS,
/// `%APPDATA%\rapport` on Windows).
pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| {
            std::env::var_os(DATA_DIR_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| dirs::data_dir().map(|d| d.join("rapport")))
        .unwrap_or_else(|| PathBuf::from(".rapport"))
}

/// What the window shows about where it keeps the book.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database_path: String,
    /// The app's idea of today, "YYYY-MM-DD" (pinned with RAPPORT_TODAY in tests).
    pub today: String,
    /// On the team's book on a server: who is signed in (their login). None for a book file.
    pub signed_in: Option<String>,
    /// The server could not be reached: the desk shows its copy of the team's book made then
    /// (`YYYY-MM-DD HH:MM`), read only, and reconnects by itself.
    pub offline_as_of: Option<String>,
}

impl AppInfo {
    pub fn new(version: &str, data_dir: &Path) -> AppInfo {
        AppInfo {
            version: version.to_string(),
            data_dir: data_dir.display().to_string(),
            database_path: data_dir.join(DATABASE_FILE).display().to_string(),
            today: crate::clock::today().to_string(),
            signed_in: None,
            offline_as_of: None,
        }
    }
}

/// Why a file was not written. Nothing is left at the destination in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{path} is {what}. Rapport never writes over the book or restores from it, so nothing was done: choose another file name or folder.")]
    IsTheBook { path: PathBuf, what: &'static str },
    #[error("{path} is inside Rapport's backups folder, which holds only backups. Nothing was written. Choose another folder.")]
    InBackups { path: PathBuf },
    #[error("{path} is a folder. Give the name of a file to write, for example {example}.")]
    IsAFolder { path: PathBuf, example: String },
    #[error("The disk holding {folder} is full, so {path} could not be written. Nothing was written. Free some space (or choose another disk) and try again.")]
    DiskFull { path: PathBuf, folder: PathBuf },
    #[error("Rapport could not write {path}: {reason}. Nothing was written. Choose another file or folder, or check that you may write there.")]
    CannotWrite { path: PathBuf, reason: String },
}

impl OutputError {
    pub fn code(&self) -> ErrorCode {
        match self {
            OutputError::IsTheBook { .. } | OutputError::InBackups { .. } => ErrorCode::RefusedPath,
            OutputError::IsAFolder { .. } => ErrorCode::Invalid,
            OutputError::DiskFull { .. } => ErrorCode::DiskFull,
            OutputError::CannotWrite { .. } => ErrorCode::CannotWrite,
        }
    }

    /// The error for an I/O failure while writing `path`: a full disk named as such.
    pub fn from_io(path: &Path, error: &std::io::Error) -> OutputError {
        if is_disk_full(error) {
            OutputError::DiskFull {
                path: path.to_path_buf(),
                folder: path
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."))
                    .to_path_buf(),
            }
        } else {
            OutputError::CannotWrite {
                path: path.to_path_buf(),
                reason: error.to_string(),
            }
        }
    }
}

/// Whether `error` means the disk (or the user's quota on it) is full.
pub fn is_disk_full(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

/// What is being written: a backup may go into the backups folder, nothing else may.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    Document,
    Backup,
}

/// The files a write must never replace, for one book.
#[derive(Debug, Clone)]
pub struct OutputGuard {
    /// The book's database file; none for a book on a server.
    book: Option<PathBuf>,
    backups: PathBuf,
}

/// SQLite's files for one database: the database, its write-ahead log and index, and the
/// rollback journal of a big write.
const BOOK_FILES: [(&str, &str); 4] = [
    ("", "Rapport's open customer book"),
    (
        "-wal",
        "the customer book's write-ahead log (a working file of the book)",
    ),
    (
        "-shm",
        "the customer book's shared-memory index (a working file of the book)",
    ),
    (
        "-journal",
        "the customer book's rollback journal (a working file of the book)",
    ),
];

impl OutputGuard {
    /// The guard for the book in the file `book_file`, whose backups live in
    /// `<data-dir>/backups/`.
    pub fn for_book_file(book_file: &Path) -> OutputGuard {
        let data_dir = book_file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        OutputGuard {
            book: Some(book_file.to_path_buf()),
            backups: data_dir.join(BACKUP_FOLDER),
        }
    }

    /// The guard for a book with no file on this machine (a server book): only the backups
    /// folder in `data_dir` is kept for backups.
    pub fn without_book_file(data_dir: &Path) -> OutputGuard {
        OutputGuard {
            book: None,
            backups: data_dir.join(BACKUP_FOLDER),
        }
    }

    /// Where a write to `destination` would really land, or why it must not happen. A link is
    /// followed: the file it points to is the one replaced, and the one checked.
    pub fn check(&self, destination: &Path, kind: OutputKind) -> Result<PathBuf, OutputError> {
        let target = whole_path(destination);
        let folder = match (target.parent(), target.file_name()) {
            (Some(folder), Some(_)) => folder.to_path_buf(),
            _ => {
                return Err(OutputError::IsAFolder {
                    path: destination.to_path_buf(),
                    example: "cards.pdf".into(),
                })
            }
        };
        if target.is_dir() {
            return Err(OutputError::IsAFolder {
                path: destination.to_path_buf(),
                example: target.join("cards.pdf").display().to_string(),
            });
        }
        self.refuse_book_files(&target, destination)?;
        if kind != OutputKind::Backup && self.backups.exists() {
            let inside_backups = folder
                .ancestors()
                .take_while(|a| !a.as_os_str().is_empty())
                .any(|a| a.exists() && same(a, &self.backups));
            if inside_backups {
                return Err(OutputError::InBackups {
                    path: destination.to_path_buf(),
                });
            }
        }
        Ok(target)
    }

    /// Refuses `path` (made whole) when it is the book or one of its side files, however
    /// `spelled`: a write there would replace the book, a restore from there would copy the book
    /// onto itself.
    pub fn refuse_book_files(&self, path: &Path, spelled: &Path) -> Result<(), OutputError> {
        let Some(book) = &self.book else {
            return Ok(());
        };
        let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
            return Ok(());
        };
        let book_folder = whole_path(book.parent().unwrap_or(Path::new(".")));
        let book_name = book.file_name().unwrap_or_default().to_string_lossy();
        for (suffix, what) in BOOK_FILES {
            let side_file = book_folder.join(format!("{book_name}{suffix}"));
            let same_file = path.exists() && side_file.exists() && same(path, &side_file);
            let same_name = same_name(&name.to_string_lossy(), &format!("{book_name}{suffix}"))
                && folder.exists()
                && same(folder, &book_folder);
            if same_file || same_name {
                return Err(OutputError::IsTheBook {
                    path: spelled.to_path_buf(),
                    what,
                });
            }
        }
        Ok(())
    }

    /// Writes `bytes` to `destination` ([`OutputGuard::write_with`]).
    pub fn write_bytes(
        &self,
        destination: &Path,
        kind: OutputKind,
        bytes: &[u8],
    ) -> Result<PathBuf, OutputError> {
        self.write_stream(destination, kind, |file| {
            file.write_all(bytes)
                .map_err(|e| OutputError::from_io(destination, &e))
        })
        .map(|((), path)| path)
    }

    /// Writes `destination` through `write`, which gets a buffered file under a temporary name
    /// in the destination's folder; the file is flushed to disk and renamed into place only when
    /// `write` succeeds. Returns what `write` returned and where the file is.
    pub fn write_stream<T, E: From<OutputError>>(
        &self,
        destination: &Path,
        kind: OutputKind,
        write: impl FnOnce(&mut BufWriter<File>) -> Result<T, E>,
    ) -> Result<(T, PathBuf), E> {
        self.write_with(destination, kind, |temp| {
            let file = File::options()
                .write(true)
                .create_new(true)
                .open(temp)
                .map_err(|e| OutputError::from_io(destination, &e))?;
            let mut file = BufWriter::new(file);
            let value = write(&mut file)?;
            file.flush()
                .map_err(|e| OutputError::from_io(destination, &e))?;
            Ok(value)
        })
    }

    /// Writes `destination` through `write`, which gets the temporary path to create (for
    /// writers that want a path: SQLite's `VACUUM INTO`, the XLSX writer). The folders are made
    /// when missing; the file is flushed to disk and renamed into place only when `write`
    /// succeeds; on any failure (or a cancel that `write` reports as an error) the temporary
    /// file is removed and the destination is as it was.
    pub fn write_with<T, E: From<OutputError>>(
        &self,
        destination: &Path,
        kind: OutputKind,
        write: impl FnOnce(&Path) -> Result<T, E>,
    ) -> Result<(T, PathBuf), E> {
        let target = self.check(destination, kind)?;
        let folder = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(folder).map_err(|e| OutputError::from_io(&target, &e))?;
        // The folders just made may be another spelling of a protected one.
        let target = self.check(&target, kind)?;
        let temp = temp_beside(&target);
        let _ = std::fs::remove_file(&temp);
        let finished = write(&temp).and_then(|value| {
            sync_file(&temp).map_err(|e| OutputError::from_io(&target, &e))?;
            std::fs::rename(&temp, &target).map_err(|e| OutputError::from_io(&target, &e))?;
            Ok(value)
        });
        match finished {
            Ok(value) => {
                sync_folder(folder);
                Ok((value, target))
            }
            Err(error) => {
                let _ = std::fs::remove_file(&temp);
                Err(error)
            }
        }
    }
}

/// `path` when it names a file with extension `ext` inside `folder` (links resolved), else none:
/// the window may read or open only files Rapport wrote there.
pub fn file_in(folder: &Path, path: &str, ext: &str) -> Option<PathBuf> {
    let folder = folder.canonicalize().ok()?;
    let path = Path::new(path).canonicalize().ok()?;
    (path.starts_with(&folder) && path.is_file() && path.extension().is_some_and(|e| e == ext))
        .then_some(path)
}

/// A temporary name beside `path`, its own for each call (two threads writing one file never
/// share a half-written copy); a dot file ending in `.part`, which the backups folder's
/// clean-up recognises.
pub fn temp_beside(path: &Path) -> PathBuf {
    static CALLS: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let call = CALLS.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.{}-{call}.part", std::process::id()))
}

fn sync_file(path: &Path) -> std::io::Result<()> {
    File::options().read(true).open(path)?.sync_all()
}

/// Makes a rename durable where the platform allows syncing a folder; a failure is harmless.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// Whether two existing paths are the same file or folder (device and inode, or the platform's
/// file index), however they are spelled.
///
/// On Unix this only asks `stat`: it must never open the book's files. SQLite's locks are POSIX
/// advisory locks, which belong to the process and are all dropped when *any* descriptor of the
/// file is closed; opening and closing the book (or its `-wal`/`-shm`) beside the window's own
/// connection would silently release the window's locks and let another program write under it.
#[cfg(unix)]
fn same(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Windows locks belong to handles, so opening a file to read its index is harmless there.
#[cfg(not(unix))]
fn same(a: &Path, b: &Path) -> bool {
    same_file::is_same_file(a, b).unwrap_or(false)
}

/// File names as the file system compares them: regardless of case where it ignores case.
fn same_name(a: &str, b: &str) -> bool {
    if cfg!(any(target_os = "macos", target_os = "windows")) {
        a.to_lowercase() == b.to_lowercase()
    } else {
        a == b
    }
}

/// `path` made whole: absolute, its links resolved as far as it exists (a link at the end is
/// followed to the file it names), and the rest (folders a write would create) with `.` and
/// `..` applied by name.
pub fn whole_path(path: &Path) -> PathBuf {
    if let Ok(path) = path.canonicalize() {
        return path;
    }
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| path.to_path_buf(), |dir| dir.join(path))
    };
    // A dangling link at the end: the file it would create is the one written.
    if let Ok(link) = std::fs::read_link(&absolute) {
        let target = match absolute.parent() {
            Some(parent) if link.is_relative() => parent.join(link),
            _ => link,
        };
        if target != absolute {
            return whole_path(&target);
        }
    }
    // The longest part that exists, with its links resolved, then the rest as named.
    let mut existing = PathBuf::new();
    let mut rest: Vec<Component> = Vec::new();
    for component in absolute.components() {
        if rest.is_empty() {
            let next = existing.join(component);
            if next.exists() {
                existing = next;
                continue;
            }
        }
        rest.push(component);
    }
    let mut whole = existing.canonicalize().unwrap_or(existing);
    for component in rest {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                whole.pop();
            }
            other => whole.push(other),
        }
    }
    whole
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book_in(dir: &Path) -> PathBuf {
        let book = dir.join("rapport.db");
        std::fs::write(&book, b"the book").unwrap();
        book
    }

    #[test]
    fn the_book_and_its_side_files_are_refused_by_name_even_when_missing() {
        let dir = tempfile::tempdir().unwrap();
        let guard = OutputGuard::for_book_file(&book_in(dir.path()));
        for name in [
            "rapport.db",
            "rapport.db-wal",
            "rapport.db-shm",
            "rapport.db-journal",
        ] {
            let error = guard
                .write_bytes(&dir.path().join(name), OutputKind::Document, b"pdf")
                .unwrap_err();
            assert!(
                matches!(error, OutputError::IsTheBook { .. }),
                "{name}: {error}"
            );
            assert!(!dir.path().join(name).exists() || name == "rapport.db");
        }
        assert_eq!(
            std::fs::read(dir.path().join("rapport.db")).unwrap(),
            b"the book"
        );
    }

    #[test]
    fn other_spellings_of_the_book_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let book = book_in(dir.path());
        let guard = OutputGuard::for_book_file(&book);
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::hard_link(&book, dir.path().join("hard.pdf")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&book, dir.path().join("soft.pdf")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path(), dir.path().join("alias")).unwrap();
        let mut spellings = vec![
            dir.path().join("sub/../rapport.db"),
            dir.path().join("./rapport.db-wal"),
            dir.path().join("hard.pdf"),
            dir.path().join("missing/../rapport.db"),
        ];
        if cfg!(unix) {
            spellings.push(dir.path().join("soft.pdf"));
            spellings.push(dir.path().join("alias/rapport.db-shm"));
        }
        for path in spellings {
            let error = guard
                .write_bytes(&path, OutputKind::Document, b"pdf")
                .unwrap_err();
            assert!(
                matches!(error, OutputError::IsTheBook { .. }),
                "{}",
                path.display()
            );
        }
        assert_eq!(std::fs::read(&book).unwrap(), b"the book");
        assert!(
            !dir.path().join("missing").exists(),
            "no folder is made for a refused write"
        );
    }

    #[test]
    fn only_backups_go_into_the_backups_folder() {
        let dir = tempfile::tempdir().unwrap();
        let guard = OutputGuard::for_book_file(&book_in(dir.path()));
        let backups = dir.path().join(BACKUP_FOLDER);
        std::fs::create_dir_all(backups.join("old")).unwrap();
        for path in [backups.join("cards.pdf"), backups.join("old/x.csv")] {
            let error = guard
                .write_bytes(&path, OutputKind::Document, b"x")
                .unwrap_err();
            assert!(matches!(error, OutputError::InBackups { .. }), "{error}");
            assert!(!path.exists());
        }
        let written = guard
            .write_bytes(
                &backups.join("rapport-2026-12-05.db"),
                OutputKind::Backup,
                b"db",
            )
            .unwrap();
        assert_eq!(std::fs::read(written).unwrap(), b"db");
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        let guard = OutputGuard::for_book_file(&book_in(dir.path()));
        let out = dir.path().join("out/cards.pdf");
        guard
            .write_bytes(&out, OutputKind::Document, b"first")
            .unwrap();
        let failed: Result<((), PathBuf), OutputError> =
            guard.write_stream(&out, OutputKind::Document, |file| {
                file.write_all(b"half").unwrap();
                Err(OutputError::CannotWrite {
                    path: out.clone(),
                    reason: "cancelled".into(),
                })
            });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&out).unwrap(), b"first");
        let left: Vec<_> = std::fs::read_dir(dir.path().join("out")).unwrap().collect();
        assert_eq!(left.len(), 1, "only the finished file stays");
    }

    #[test]
    fn a_link_elsewhere_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let guard = OutputGuard::for_book_file(&book_in(dir.path()));
        let real = dir.path().join("real.csv");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&real, dir.path().join("link.csv")).unwrap();
            guard
                .write_bytes(&dir.path().join("link.csv"), OutputKind::Document, b"a,b")
                .unwrap();
            assert_eq!(std::fs::read(&real).unwrap(), b"a,b");
            assert!(std::fs::symlink_metadata(dir.path().join("link.csv"))
                .unwrap()
                .file_type()
                .is_symlink());
        }
    }

    #[test]
    fn a_folder_is_not_a_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let guard = OutputGuard::for_book_file(&book_in(dir.path()));
        let error = guard
            .write_bytes(dir.path(), OutputKind::Document, b"x")
            .unwrap_err();
        assert!(matches!(error, OutputError::IsAFolder { .. }), "{error}");
    }
}
