//! Where the owner's data lives.

use std::path::PathBuf;

/// The environment variable that moves the data folder (as `--data-dir` does).
pub const DATA_DIR_ENV: &str = "RAPPORT_DATA_DIR";

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
