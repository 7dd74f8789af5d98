//! What the window keeps while it is open: the book (or why it could not be opened, until a
//! backup replaces it), and the contacts deleted this session (so a deletion can be undone until
//! the window closes).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, TryLockError};
use std::thread::JoinHandle;

use rapport_core::contacts::DeletedContact;
use rapport_core::exchange::backup::RestoreInfo;
use rapport_core::exchange::recovery::{may_recover, Recovery};
use rapport_core::paths::AppInfo;
use rapport_core::server::JoinTarget;
use rapport_core::{AppError, Book, Error, ErrorCode};

pub struct AppState {
    /// The book being opened at start on a thread of its own, while the window starts beside
    /// it (checking a large book file takes about as long as WebKit takes to start). The first
    /// look at `open` waits for it and puts it there.
    opening: Mutex<Option<JoinHandle<OpenBook>>>,
    /// Replaced once, when the book could not be opened and a backup is restored in its place
    /// or the owner opens another folder.
    open: RwLock<OpenBook>,
    deleted: Mutex<HashMap<i64, DeletedContact>>,
}

/// The data folder and its book (or why it could not be opened), changed together.
struct OpenBook {
    data_dir: PathBuf,
    book: Result<Arc<Mutex<Book>>, AppError>,
    /// The team's server could not be reached: `book` is this desk's copy made then, read only.
    offline_as_of: Option<String>,
}

impl OpenBook {
    /// Stands in while the book is being opened; never seen (every look waits for the book).
    fn not_yet(data_dir: PathBuf) -> OpenBook {
        OpenBook {
            data_dir,
            book: Err(AppError {
                code: ErrorCode::CannotOpen,
                message: "The book is still being opened.".into(),
                fields: Vec::new(),
            }),
            offline_as_of: None,
        }
    }

    fn at(data_dir: PathBuf) -> OpenBook {
        let opened = Book::open(&data_dir).map_err(AppError::from);
        let (book, offline_as_of) = match opened {
            Ok(book) => (Ok(book), None),
            // The team's server is away: the desk's last copy, read only, until it is back.
            Err(problem) if server_unreachable(&data_dir, &problem) => {
                match Book::open_offline(&data_dir) {
                    Ok((copy, as_of)) => {
                        eprintln!(
                            "rapport: {} Showing this desk's copy of {as_of}, read only.",
                            problem.message
                        );
                        (Ok(copy), Some(as_of))
                    }
                    Err(_) => (Err(problem), None),
                }
            }
            Err(problem) => (Err(problem), None),
        };
        OpenBook {
            data_dir,
            book: book.map(|book| Arc::new(Mutex::new(book))),
            offline_as_of,
        }
    }
}

/// Whether `problem` is the team's server being out of reach (not a wrong password, not a
/// damaged file): a joined folder that could not be opened for want of the server.
fn server_unreachable(data_dir: &Path, problem: &AppError) -> bool {
    problem.code == ErrorCode::CannotOpen
        && data_dir
            .join(rapport_core::server::connection::CONNECTION_FILE)
            .is_file()
}

impl AppState {
    /// Starts opening the book in `data_dir` (on a thread of its own) and returns at once; the
    /// first command that needs the book waits for it. Why it could not be opened is also said
    /// on standard error.
    pub fn open(data_dir: PathBuf) -> AppState {
        let folder = data_dir.clone();
        let opening = std::thread::Builder::new()
            .name("open-book".into())
            .spawn(move || {
                let opened = OpenBook::at(folder);
                match &opened.book {
                    Ok(book) => warm_up(&lock(book)),
                    Err(error) => eprintln!("rapport: {}", error.message),
                }
                opened
            });
        let (opening, open) = match opening {
            Ok(handle) => (Some(handle), OpenBook::not_yet(data_dir)),
            // No thread to be had: open it here, before the window.
            Err(_) => (None, OpenBook::at(data_dir)),
        };
        AppState {
            opening: Mutex::new(opening),
            open: RwLock::new(open),
            deleted: Mutex::new(HashMap::new()),
        }
    }

    /// Waits for the book opened at start, the first time only.
    fn opened(&self) {
        let mut opening = lock(&self.opening);
        if let Some(handle) = opening.take() {
            let data_dir = self
                .open
                .read()
                .map(|o| o.data_dir.clone())
                .unwrap_or_default();
            let opened = off_runtime(|| handle.join()).unwrap_or_else(|_| OpenBook {
                data_dir,
                book: Err(AppError {
                    code: ErrorCode::CannotOpen,
                    message:
                        "Rapport stopped while opening the book. Close Rapport and start it again."
                            .into(),
                    fields: Vec::new(),
                }),
                offline_as_of: None,
            });
            *self.open.write().unwrap_or_else(|p| p.into_inner()) = opened;
        }
    }

    /// The data folder of the open book (or of the one that could not be opened).
    pub fn data_dir(&self) -> PathBuf {
        self.read().data_dir.clone()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, OpenBook> {
        self.opened();
        self.open.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, OpenBook> {
        self.opened();
        self.open.write().unwrap_or_else(|p| p.into_inner())
    }

    pub fn open_error(&self) -> Result<(), AppError> {
        self.shared_book().map(|_| ())
    }

    /// What the window offers instead of the book when it could not be opened; none when open.
    pub fn recovery(&self) -> Option<Recovery> {
        let error = self.open_error().err()?;
        Some(Book::recovery(&self.data_dir(), &error))
    }

    /// Puts the backup at `path` (one in the backups folder, or a file the owner picked) in place
    /// of a damaged book, and opens it: the window goes on without restarting.
    pub fn recover(&self, path: &str) -> Result<RestoreInfo, AppError> {
        let mut open = self.write();
        let Err(problem) = &open.book else {
            return Err(already_open());
        };
        if !may_recover(problem.code) {
            return Err(problem.clone());
        }
        let file = Book::backup_source(&open.data_dir, path)?;
        let (opened, info) = Book::recover(&open.data_dir, &file)?;
        daily_backup(&opened);
        open.book = Ok(Arc::new(Mutex::new(opened)));
        Ok(info)
    }

    /// What the window shows of itself: the version, the data folder, and on the team's book
    /// who is signed in.
    pub fn app_info(&self) -> AppInfo {
        let mut info = AppInfo::new(env!("CARGO_PKG_VERSION"), &self.data_dir());
        info.signed_in = self
            .with_book(|book| Ok(book.signed_in().map(str::to_string)))
            .ok()
            .flatten();
        info.offline_as_of = self.read().offline_as_of.clone();
        info
    }

    /// Signs in to the team's book this data folder joined, when it could not be opened for
    /// want of a password (none remembered, or a wrong one), and goes on with it.
    pub fn sign_in(&self, password: &str, remember: bool) -> Result<AppInfo, AppError> {
        off_runtime(|| {
            let mut open = self.write();
            let Err(problem) = &open.book else {
                return Err(already_open());
            };
            if problem.code != ErrorCode::NoPassword {
                return Err(problem.clone());
            }
            let book = Book::sign_in(&open.data_dir, password, remember)?;
            open.book = Ok(Arc::new(Mutex::new(book)));
            Ok::<(), AppError>(())
        })?;
        Ok(self.app_info())
    }

    /// Joins the open book file's folder to the team's book on a server (a join code, or a
    /// `postgres://` address) and works on that book from now on. The file stays in the folder.
    pub fn join_shared(
        &self,
        code: &str,
        login: &str,
        password: &str,
        remember: bool,
    ) -> Result<AppInfo, AppError> {
        off_runtime(|| {
            let mut open = self.write();
            match &open.book {
                Ok(book) if lock(book).is_shared() => {
                    return Err(AppError {
                        code: ErrorCode::Conflict,
                        message: "This window already works on the team's shared book.".into(),
                        fields: Vec::new(),
                    })
                }
                Ok(_) => {}
                Err(problem) => return Err(problem.clone()),
            }
            let code = code.trim();
            let target = if code.starts_with("postgres://") || code.starts_with("postgresql://") {
                JoinTarget::Url(code.to_string())
            } else {
                JoinTarget::Code(code.to_string())
            };
            let (book, _joined) =
                Book::join_shared(&open.data_dir, &target, login.trim(), password, remember)?;
            open.book = Ok(Arc::new(Mutex::new(book)));
            Ok::<(), AppError>(())
        })?;
        Ok(self.app_info())
    }

    /// While the desk shows its copy offline: tries the team's server again, and on success
    /// works on the team's book from now on. True when it came back.
    pub fn reconnect(&self) -> bool {
        let data_dir = {
            let open = self.read();
            if open.offline_as_of.is_none() {
                return false;
            }
            open.data_dir.clone()
        };
        let Ok(book) = Book::open(&data_dir) else {
            return false;
        };
        let mut open = self.write();
        if open.data_dir != data_dir || open.offline_as_of.is_none() {
            return false;
        }
        open.book = Ok(Arc::new(Mutex::new(book)));
        open.offline_as_of = None;
        true
    }

    /// Whether the desk shows its copy of the team's book because the server is away.
    pub fn is_offline(&self) -> bool {
        self.read().offline_as_of.is_some()
    }

    /// Opens the book in another data folder instead of the one that could not be opened (a
    /// new, empty book when the folder has none). The window goes on with it; the folder given
    /// on the command line is not changed.
    pub fn open_other_folder(&self, folder: &str) -> Result<AppInfo, AppError> {
        let mut open = self.write();
        if open.book.is_ok() {
            return Err(already_open());
        }
        let folder = folder.trim();
        if folder.is_empty() || !Path::new(folder).is_absolute() {
            return Err(AppError {
                code: ErrorCode::Invalid,
                message: "Give the whole path of the folder, starting with /, or choose it with Choose folder…".into(),
                fields: Vec::new(),
            });
        }
        // The folder may have joined a team's book: opening it talks to the server.
        let other = off_runtime(|| OpenBook::at(PathBuf::from(folder)));
        let book = other.book.clone()?;
        daily_backup(&lock(&book));
        *open = other;
        Ok(AppInfo::new(env!("CARGO_PKG_VERSION"), &open.data_dir))
    }

    /// Today's automatic backup of the open book, unless it is made already; a failure is
    /// reported, never fatal. The copy is read through a connection of its own, so the book is
    /// locked only to read where it is and how many backups to keep. While the book is busy (an
    /// import holds it, or another program writes it through a rollback journal) nothing is
    /// started: a copy read beside a big write could hold that write's commit up.
    pub fn daily_backup(&self) -> DailyBackup {
        let (data_dir, book) = {
            let open = self.read();
            (open.data_dir.clone(), open.book.clone())
        };
        let Ok(book) = book else {
            return DailyBackup::Done;
        };
        if self.is_offline() {
            return DailyBackup::Done;
        }
        let today = rapport_core::clock::today();
        // What to do, decided with the book held for a moment: the team's book is copied over
        // a connection of its own (the desk's copy, shown if the server goes away), a book file
        // is read beside the window.
        let plan = |book: &Book| -> Result<BackupPlan, Error> {
            if book.is_shared() {
                // Checked every quarter of an hour: no connection once today's copy is made.
                if book.daily_backup_path(today).exists() {
                    return Ok(BackupPlan::Made);
                }
                return Ok(book.desk_copier()?.map_or(BackupPlan::Made, |copier| {
                    BackupPlan::Copy(Box::new(copier))
                }));
            }
            let (file, retention) = book.daily_backup_source()?;
            Ok(BackupPlan::File(file, retention))
        };
        let plan = match book.try_lock() {
            Ok(book) => plan(&book),
            Err(TryLockError::Poisoned(poisoned)) => plan(&poisoned.into_inner()),
            Err(TryLockError::WouldBlock) => return DailyBackup::Busy,
        };
        let (file, retention) = match plan {
            Ok(BackupPlan::Made) => return DailyBackup::Done,
            Ok(BackupPlan::Copy(copier)) => {
                if let Err(error) = off_runtime(|| copier.daily_backup(today)) {
                    eprintln!("rapport: this desk's copy of the team's book failed: {error}");
                }
                return DailyBackup::Done;
            }
            Ok(BackupPlan::File(file, retention)) => (file, retention),
            Err(error) => {
                eprintln!("rapport: the daily backup failed: {error}");
                return DailyBackup::Done;
            }
        };
        let mut journal = file.clone().into_os_string();
        journal.push("-journal");
        if Path::new(&journal).exists() {
            return DailyBackup::Busy;
        }
        if let Err(error) = Book::daily_backup_of_file(&file, &data_dir, today, retention) {
            eprintln!("rapport: the daily backup failed: {error}");
        }
        DailyBackup::Done
    }

    /// As the window exits (which does not close the book): notes an untouched book file, so the
    /// next start need not read every page. A book busy with a long write is left as it is.
    pub fn note_clean_close(&self) {
        if let Ok(book) = self.shared_book() {
            if let Ok(book) = book.try_lock() {
                book.note_clean_close();
            }
        }
    }

    /// Runs `work` with the book locked. Keep it short: it blocks other commands.
    pub fn with_book<T>(
        &self,
        work: impl FnOnce(&mut Book) -> Result<T, Error>,
    ) -> Result<T, AppError> {
        let book = self.shared_book()?;
        let result = off_runtime(|| {
            let mut guard = lock(&book);
            work(&mut guard).map_err(AppError::from)
        });
        result.map_err(|error| match &self.read().offline_as_of {
            // The copy shown offline is read only: say why a change cannot be made.
            Some(as_of) if error.code == ErrorCode::ReadOnly => AppError {
                code: ErrorCode::ReadOnly,
                message: format!(
                    "The team's server cannot be reached, so this desk shows its copy of {as_of}, read only: changes are off. Rapport reconnects by itself; make the change then."
                ),
                fields: Vec::new(),
            },
            _ => error,
        })
    }

    /// Runs `work` with the book locked on a blocking thread: long writes (an import, sample
    /// data) that must hold the book, without holding the window up.
    pub async fn with_book_blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Book) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, AppError> {
        let book = self.shared_book()?;
        crate::desktop::blocking(move || work(&mut lock(&book))).await
    }

    /// The book for long work on a blocking thread.
    pub fn shared_book(&self) -> Result<Arc<Mutex<Book>>, AppError> {
        self.read().book.clone()
    }

    pub fn remember_deleted(&self, deleted: DeletedContact) {
        lock(&self.deleted).insert(deleted.contact.id, deleted);
    }

    pub fn take_deleted(&self, id: i64) -> Result<DeletedContact, AppError> {
        lock(&self.deleted).remove(&id).ok_or_else(|| AppError {
            code: ErrorCode::NotFound,
            message: "That contact can no longer be restored: only deletions made since Rapport was opened can be undone.".into(),
            fields: Vec::new(),
        })
    }

    pub fn put_back_deleted(&self, deleted: DeletedContact) {
        self.remember_deleted(deleted);
    }
}

/// What today's backup needs: nothing (made already), the team's book copied over a second
/// connection, or the book file read beside the window.
enum BackupPlan {
    Made,
    Copy(Box<Book>),
    File(PathBuf, rapport_core::exchange::backup::Retention),
}

/// How the daily backup went: done (or not needed, or failed and reported), or put off
/// because the book was busy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DailyBackup {
    Done,
    Busy,
}

fn already_open() -> AppError {
    AppError {
        code: ErrorCode::Conflict,
        message: "The book is open and needs no recovery. To go back to a backup, use Restore on the Import & export screen.".into(),
        fields: Vec::new(),
    }
}

/// Today's automatic backup with retention, as on every start; a failure is reported, never
/// fatal.
pub fn daily_backup(book: &Book) {
    if let Err(error) = book.daily_backup(rapport_core::clock::today()) {
        eprintln!("rapport: the daily backup failed: {error}");
    }
}

/// Runs `work` where it may block: async commands run on the runtime's workers, where the team
/// book's client (which blocks on a runtime of its own) must not, so the work steps out of the
/// runtime first. Elsewhere (the main thread, a thread of our own) this simply runs it.
fn off_runtime<T>(work: impl FnOnce() -> T) -> T {
    tokio::task::block_in_place(work)
}

/// Reads Today once while WebKit starts (most of the window's first second), so the pages
/// the window's first question needs are in memory when it asks: at 100,000 contacts Today
/// from a cold file took 32–59 ms, warm 5–7 ms. A book file only: a team book's server keeps
/// its own cache, and the window must not wait for a slow network here. A failure is left for
/// the window's own question to report.
fn warm_up(book: &Book) {
    if !book.is_shared() {
        let _ = book.today(rapport_core::clock::today());
    }
}

/// A poisoned lock only means a command panicked mid-way; SQLite's transaction rolled back, so
/// the book is consistent and can be used again.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
