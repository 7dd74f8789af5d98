//! One window per book: starting Rapport on a data folder whose window is already open brings
//! that window to the front and exits, so two windows never write one book side by side. A
//! window on another data folder opens as usual.
//!
//! Tauri's single-instance plugin keys the running instance by a name: the D-Bus name on Linux
//! (which the plugin lets us choose), the app's identifier on Windows (a named mutex) and macOS
//! (a socket in /tmp). We derive that name from the data folder. The owner's usual folder keeps
//! the app's own identifier; any other folder gets the identifier plus a fingerprint of its
//! canonical path, so `--data-dir ./book` and `--data-dir /home/ann/book` are the same key.
//! On Windows and macOS the identifier itself is changed for such a folder (nothing else in
//! Rapport reads it; the webview's own storage then lives under that name too).

use std::path::{Path, PathBuf};

use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Wry};

/// The plugin that makes this process the window for `data_dir`, or hands over to the window
/// already open on it. Register it before every other plugin.
pub fn plugin(data_dir: &Path, context: &mut tauri::Context<Wry>) -> TauriPlugin<Wry> {
    let key = instance_key(
        &context.config().identifier,
        data_dir,
        usual_data_dir().as_deref(),
    );
    let builder = tauri_plugin_single_instance::Builder::new().callback(bring_to_front);
    #[cfg(target_os = "linux")]
    let builder = builder.dbus_id(key);
    #[cfg(not(target_os = "linux"))]
    {
        context.config_mut().identifier = key;
    }
    builder.build()
}

/// Called in the running window when Rapport is started again on its data folder.
fn bring_to_front(app: &AppHandle, _args: Vec<String>, _cwd: String) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let shown = window
        .unminimize()
        .and_then(|()| window.show())
        .and_then(|()| window.set_focus());
    if let Err(error) = shown {
        eprintln!("rapport: could not bring the open window to the front: {error}");
    }
}

/// The folder the book lives in when neither `--data-dir` nor `RAPPORT_DATA_DIR` is given
/// (as `rapport_core::paths::data_dir` finds it).
fn usual_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join("rapport"))
}

/// Whether `data_dir` is the owner's usual folder (however it is spelled).
pub fn is_usual_data_dir(data_dir: &Path) -> bool {
    usual_data_dir().map(|usual| resolved(&usual)) == Some(resolved(data_dir))
}

/// `identifier` for the usual folder, else `identifier.book_<fingerprint>`: a valid D-Bus name
/// element, mutex and socket name on every system.
fn instance_key(identifier: &str, data_dir: &Path, usual: Option<&Path>) -> String {
    let folder = resolved(data_dir);
    if usual.map(resolved).as_deref() == Some(folder.as_path()) {
        return identifier.to_string();
    }
    format!(
        "{identifier}.book_{:016x}",
        fnv1a(folder.as_os_str().as_encoded_bytes())
    )
}

/// The folder's canonical path (links and `..` resolved), or its absolute path when it does
/// not exist (yet).
fn resolved(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir)
        .or_else(|_| std::path::absolute(dir))
        .unwrap_or_else(|_| dir.to_path_buf())
}

/// 64-bit FNV-1a: a fingerprint that stays the same across builds and versions of Rapport (the
/// standard library's hasher does not promise that), so a newer Rapport finds an older window.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_folder_keeps_the_identifier_however_it_is_spelled() {
        let root = tempfile::tempdir().unwrap();
        let usual = root.path().join("rapport");
        std::fs::create_dir(&usual).unwrap();
        let spelled_otherwise = root.path().join("rapport").join("..").join("rapport");
        assert_eq!(
            instance_key("app.x", &spelled_otherwise, Some(&usual)),
            "app.x"
        );
    }

    #[test]
    fn one_folder_is_one_key_and_two_folders_are_two() {
        let root = tempfile::tempdir().unwrap();
        let (a, b) = (root.path().join("a"), root.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        let key_a = instance_key("app.x", &a, None);
        assert_eq!(key_a, instance_key("app.x", &b.join("..").join("a"), None));
        assert_ne!(key_a, instance_key("app.x", &b, None));
        assert!(key_a.starts_with("app.x.book_"), "{key_a}");
        // A D-Bus name element: letters, digits and `_`, not starting with a digit.
        let element = key_a.rsplit('.').next().unwrap();
        assert!(element
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_'));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_folder_is_that_folder() {
        let root = tempfile::tempdir().unwrap();
        let book = root.path().join("book");
        std::fs::create_dir(&book).unwrap();
        let link = root.path().join("link");
        std::os::unix::fs::symlink(&book, &link).unwrap();
        assert_eq!(
            instance_key("app.x", &link, None),
            instance_key("app.x", &book, None)
        );
    }

    #[test]
    fn the_fingerprint_is_fnv1a() {
        // Published FNV-1a 64 test vectors: the key must not change between versions.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
