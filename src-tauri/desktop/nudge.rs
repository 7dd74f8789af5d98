//! The morning nudge: when the window opens for the first time in a day, a desktop notification
//! says what Today has waiting (the wording and the once-a-day rule are the core's,
//! `Book::morning_nudge`). Clicking it brings the window forward on Today, where the
//! notification server reports clicks (on Linux: a server that offers the "default" action,
//! such as GNOME's, KDE's, dunst or notification-daemon). Started at login, Rapport opens
//! minimised (`--minimised`) and still nudges.

use std::path::Path;

use rapport_core::clock::today;
use tauri::{AppHandle, Manager};
use tauri_plugin_autostart::ManagerExt as _;
use tauri_plugin_notification::NotificationExt;

use crate::desktop::AppState;

/// The argument the login start gives Rapport.
pub const MINIMISED: &str = "--minimised";

/// The autostart plugin, registering `rapport --minimised [--data-dir DIR]` when the owner turns
/// "Start Rapport at login" on (an XDG autostart entry on Linux, the registry's Run key on
/// Windows, a launch agent on macOS). A book outside the usual folder is named, so the login
/// start opens the book the owner chose it from.
pub fn autostart_plugin(data_dir: &Path, usual: bool) -> tauri::plugin::TauriPlugin<tauri::Wry> {
    let mut args = vec![MINIMISED.to_string()];
    if !usual {
        let folder = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
        let folder = folder.display().to_string();
        args.push("--data-dir".into());
        // The XDG entry's Exec line is the arguments joined by spaces, unquoted: quote a folder
        // with a space in it, as the desktop entry format asks.
        #[cfg(target_os = "linux")]
        let folder = if folder.contains(char::is_whitespace) {
            format!("\"{}\"", folder.replace('\\', "\\\\").replace('"', "\\\""))
        } else {
            folder
        };
        args.push(folder);
    }
    tauri_plugin_autostart::Builder::new().args(args).build()
}

/// Gives the day's nudge, if it is the first opening of the day and something is due. Runs on
/// its own thread: Today on a big book must not hold up the window's start.
pub fn give(app: &AppHandle) {
    let app = app.clone();
    let started = std::thread::Builder::new()
        .name("morning-nudge".into())
        .spawn(move || {
            let state = app.state::<AppState>();
            let nudge = match state.with_book(|book| book.morning_nudge(today())) {
                Ok(Some(nudge)) => nudge,
                Ok(None) => return,
                // A book that did not open says why in the window; nothing to nudge about.
                Err(_) => return,
            };
            let handle = app.clone();
            let notifications = app.notification();
            let _ = notifications.on_action(move |_| open_today(&handle));
            if let Err(error) = notifications
                .builder()
                .title(nudge.title)
                .body(nudge.body)
                .show()
            {
                eprintln!("rapport: the morning notification could not be shown: {error}");
            }
        });
    if let Err(error) = started {
        eprintln!("rapport: the morning notification could not be prepared: {error}");
    }
}

/// The window in front, on Today.
fn open_today(app: &AppHandle) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let shown = window
        .unminimize()
        .and_then(|()| window.show())
        .and_then(|()| window.set_focus())
        .and_then(|()| window.eval("location.hash = '#/today'"));
    if let Err(error) = shown {
        eprintln!("rapport: could not open Today from the notification: {error}");
    }
}

/// Starts the window minimised, as the login start asks.
pub fn minimise(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        if let Err(error) = window.minimize() {
            eprintln!("rapport: could not start minimised: {error}");
        }
    }
}

/// Whether Rapport is registered to start at login.
pub fn starts_at_login(app: &AppHandle) -> Result<bool, rapport_core::AppError> {
    app.autolaunch().is_enabled().map_err(autostart_error)
}

/// Registers or removes the start at login; returns whether it is now registered.
pub fn set_start_at_login(app: &AppHandle, enabled: bool) -> Result<bool, rapport_core::AppError> {
    let launcher = app.autolaunch();
    let changed = if enabled {
        launcher.enable()
    } else {
        launcher.disable()
    };
    changed
        .and_then(|()| launcher.is_enabled())
        .map_err(autostart_error)
}

fn autostart_error(error: tauri_plugin_autostart::Error) -> rapport_core::AppError {
    rapport_core::AppError {
        code: rapport_core::ErrorCode::Settings,
        message: format!(
            "Starting Rapport at login could not be changed ({error}). Check that your autostart folder (~/.config/autostart on Linux) can be written."
        ),
        fields: Vec::new(),
    }
}
