//! Live screens: a thread that hears what changed in the book elsewhere — another desk of the
//! team's book, or another program on the book file — and tells the window, which re-reads what
//! it shows. The window asks for it once it stands (`watch_book`), with the channel to tell it on.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, TryLockError};
use std::time::Duration;

use rapport_core::live::{BookChanged, DeskWatch};
use rapport_core::Book;
use tauri::ipc::Channel;
use tauri::Manager;

use super::state::lock;
use super::AppState;

/// How often a book file is looked at for another program's commits (one pragma).
const FILE_LOOK_EVERY: Duration = Duration::from_millis(500);
/// How long a desk waits for a notice before it looks whether the open book is still the same.
const NOTICE_WAIT: Duration = Duration::from_secs(1);
/// How soon a desk tries the server again when it could not be reached.
const SERVER_RETRY_AFTER: Duration = Duration::from_secs(5);
/// How often a desk working on its copy offline tries the team's server again.
const RECONNECT_EVERY: Duration = Duration::from_secs(5);

/// The window's channel, replaced when the page loads again, and whether the thread runs.
#[derive(Default)]
pub struct LiveState {
    channel: Mutex<Option<Channel<BookChanged>>>,
    started: AtomicBool,
}

impl LiveState {
    /// Tells the window on `channel` from now on, starting the thread the first time.
    pub fn watch(&self, app: &tauri::AppHandle, channel: Channel<BookChanged>) {
        *lock(&self.channel) = Some(channel);
        if !self.started.swap(true, Ordering::SeqCst) {
            keep_watching(app.clone());
        }
    }

    fn tell(&self, change: BookChanged) {
        if let Some(channel) = lock(&self.channel).as_ref() {
            // A page that went away is replaced by the next `watch`: nothing to do meanwhile.
            let _ = channel.send(change);
        }
    }
}

/// The book being watched, and (on a server) the desk's listening connection.
struct Watching {
    book: Arc<Mutex<Book>>,
    desk: Option<DeskWatch>,
}

fn keep_watching(app: tauri::AppHandle) {
    let started = std::thread::Builder::new()
        .name("live-changes".into())
        .spawn(move || {
            let mut watching: Option<Watching> = None;
            let mut unreachable = false;
            loop {
                // Offline (the desk shows its copy of the team's book): try the server again
                // now and then; when it is back, every screen starts over on the team's book.
                if app.state::<AppState>().is_offline() {
                    std::thread::sleep(RECONNECT_EVERY);
                    if app.state::<AppState>().reconnect() {
                        eprintln!("rapport: the team's server is back; working on the team's book again");
                        app.state::<LiveState>().tell(BookChanged::reopened());
                    }
                    continue;
                }
                // The book can be replaced (a backup restored, another folder opened).
                let Ok(book) = app.state::<AppState>().shared_book() else {
                    std::thread::sleep(NOTICE_WAIT);
                    continue;
                };
                let current = match watching.take() {
                    Some(w) if Arc::ptr_eq(&w.book, &book) => w,
                    _ => match watch_other_desks(&book) {
                        Ok(desk) => Watching { book, desk },
                        Err(error) => {
                            eprintln!("rapport: the window cannot hear other desks' changes: {error}");
                            std::thread::sleep(SERVER_RETRY_AFTER);
                            continue;
                        }
                    },
                };
                let watched = watching.insert(current);
                let change = match &mut watched.desk {
                    Some(desk) => match desk.next(NOTICE_WAIT) {
                        Ok(change) => {
                            if unreachable {
                                eprintln!("rapport: hearing other desks' changes again");
                                unreachable = false;
                            }
                            change
                        }
                        Err(error) => {
                            if !unreachable {
                                eprintln!("rapport: other desks' changes cannot be heard now ({error}); trying again");
                                unreachable = true;
                            }
                            std::thread::sleep(SERVER_RETRY_AFTER);
                            None
                        }
                    },
                    None => {
                        std::thread::sleep(FILE_LOOK_EVERY);
                        changed_elsewhere(&watched.book)
                    }
                };
                if let Some(change) = change {
                    app.state::<LiveState>().tell(change);
                }
            }
        });
    if let Err(error) = started {
        eprintln!("rapport: the window cannot follow changes made elsewhere: {error}");
    }
}

fn watch_other_desks(book: &Mutex<Book>) -> rapport_core::Result<Option<DeskWatch>> {
    lock(book).watch_other_desks()
}

/// Another program's commits to the book file; a busy book is looked at next time.
fn changed_elsewhere(book: &Mutex<Book>) -> Option<BookChanged> {
    let result = match book.try_lock() {
        Ok(mut book) => book.changed_elsewhere(),
        Err(TryLockError::WouldBlock) => return None,
        Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner().changed_elsewhere(),
    };
    result.unwrap_or_else(|error| {
        eprintln!("rapport: could not look for changes made elsewhere: {error}");
        None
    })
}
