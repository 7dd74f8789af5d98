//! Files the owner picks in the window arrive as bytes (the window has no file-system access):
//! they are kept in `<data-dir>/incoming/` for the preview, the import or a restore, and only
//! files there may be read that way.

use std::path::{Path, PathBuf};

use super::{cannot_write, ExchangeError};
use crate::error::{Error, Result};

pub const STAGING_FOLDER: &str = "incoming";
/// As for imports: no address book or backup the window takes in is larger.
pub const MAX_STAGED_BYTES: usize = 512 * 1024 * 1024;

/// Keeps `bytes` (a file called `name` on the owner's machine) and returns where. Earlier
/// staged files are removed: only the file being worked on is kept.
pub fn stage(data_dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    if bytes.len() > MAX_STAGED_BYTES {
        return Err(Error::invalid(
            "file",
            format!(
                "{name} is {} MB; files up to 512 MB can be taken in",
                bytes.len() / 1_048_576
            ),
        ));
    }
    let folder = data_dir.join(STAGING_FOLDER);
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).map_err(|e| cannot_write(&folder, e.to_string()))?;
    let path = folder.join(safe_name(name));
    let guard =
        crate::paths::OutputGuard::for_book_file(&data_dir.join(crate::store::DATABASE_FILE));
    Ok(guard.write_bytes(&path, crate::paths::OutputKind::Document, bytes)?)
}

/// Removes the staged files: a copy of someone's address book should not linger once it is in.
pub fn clear(data_dir: &Path) {
    let _ = std::fs::remove_dir_all(data_dir.join(STAGING_FOLDER));
}

/// `path` if it is a file staged by [`stage`]; anything else is refused.
pub fn staged(data_dir: &Path, path: &str) -> Result<PathBuf> {
    let refuse = || {
        Error::from(ExchangeError::BadOption(
            "Choose the file again: only a file picked in this window can be read.".into(),
        ))
    };
    let folder = data_dir
        .join(STAGING_FOLDER)
        .canonicalize()
        .map_err(|_| refuse())?;
    let path = Path::new(path).canonicalize().map_err(|_| refuse())?;
    if path.parent() == Some(folder.as_path()) && path.is_file() {
        Ok(path)
    } else {
        Err(refuse())
    }
}

/// The file's own name, without folders or characters file systems refuse; the extension is kept.
fn safe_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .take(120)
        .collect();
    let cleaned = cleaned.trim_matches(['.', ' ']).to_string();
    if cleaned.is_empty() {
        "file".into()
    } else {
        cleaned
    }
}

impl crate::Book {
    /// Keeps a file the owner picked in the window for the preview, the import or a restore
    /// ([`stage`]); works without an open book (a recovery picks a backup too).
    pub fn stage_incoming(data_dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
        stage(data_dir, name, bytes)
    }

    /// `path` if it is a file staged in `data_dir` ([`staged`]).
    pub fn staged_file(data_dir: &Path, path: &str) -> Result<PathBuf> {
        staged(data_dir, path)
    }

    /// Removes the staged files once they are imported.
    pub fn clear_incoming(data_dir: &Path) {
        clear(data_dir)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn only_staged_files_can_be_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = stage(dir.path(), "../../etc/Kontakte ä.csv", b"Name\nAnn\n").unwrap();
        assert_eq!(path.file_name().unwrap(), "Kontakte ä.csv");
        assert!(staged(dir.path(), &path.display().to_string()).is_ok());
        let outside = dir.path().join("book.db");
        std::fs::write(&outside, b"x").unwrap();
        assert!(staged(dir.path(), &outside.display().to_string()).is_err());
        let sneaky = dir.path().join("incoming/../book.db");
        assert!(staged(dir.path(), &sneaky.display().to_string()).is_err());
        clear(dir.path());
        assert!(staged(dir.path(), &path.display().to_string()).is_err());
        assert!(outside.exists());
    }
}
