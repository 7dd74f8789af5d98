//! Opening a file Rapport wrote in the program the system uses for it (the PDF viewer, the mail
//! program for an `.eml` draft).

use std::path::Path;

use rapport_core::{AppError, ErrorCode};
use std::process::Command;
use std::time::{Duration, Instant};

/// How long a launcher that fails (no program for this kind of file) takes to say so.
const LAUNCH_GRACE: Duration = Duration::from_millis(1500);

/// Opens a file Rapport wrote in the program the system uses for it; when none can be opened,
/// says so and that the file is saved.
pub fn open_with_system(path: &Path) -> Result<(), AppError> {
    launch(path).map_err(|reason| {
        let what = if path.extension().is_some_and(|x| x == "eml") {
            "No mail program could be opened"
        } else {
            "No PDF viewer could be opened"
        };
        AppError {
            code: ErrorCode::CannotOpen,
            message: format!(
                "{what}: {reason}. The file is saved as {}; open it yourself from there.",
                path.display()
            ),
            fields: Vec::new(),
        }
    })
}

/// Opens `path` with `xdg-open` (`open` on macOS, `explorer` on Windows). A launcher that fails
/// within a moment — no program set up for this kind of file — is reported; one still running
/// then is taken to have opened it.
fn launch(path: &Path) -> Result<(), String> {
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let mut child = Command::new(program)
        .arg(path)
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound if program == "xdg-open" => {
                "xdg-open is missing (install the xdg-utils package)".to_string()
            }
            _ => format!("{program} could not be started ({e})"),
        })?;
    let started = Instant::now();
    while started.elapsed() < LAUNCH_GRACE {
        match child.try_wait() {
            // explorer's exit status means nothing; the others say whether a program was found.
            Ok(Some(status)) if status.success() || cfg!(target_os = "windows") => return Ok(()),
            Ok(Some(status)) => {
                return Err(format!(
                    "no program is set up for this kind of file ({program} ended with {status})"
                ))
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(e.to_string()),
        }
    }
    // Still running: it opened the file. Reap it when it ends.
    std::thread::spawn(move || child.wait());
    Ok(())
}
