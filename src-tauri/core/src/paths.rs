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

/// What the window shows about where it keeps the book.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database_path: String,
    /// The app's idea of today, "YYYY-MM-DD" (pinned with RAPPORT_TODAY in tests).
    pub today: String,
}

impl AppInfo {
    pub fn new(version: &str, data_dir: &std::path::Path) -> AppInfo {
        AppInfo {
            version: version.to_string(),
            data_dir: data_dir.display().to_string(),
            database_path: data_dir
                .join(crate::store::DATABASE_FILE)
                .display()
                .to_string(),
            today: crate::clock::today().to_string(),
        }
    }
}
