use rapport_core::store::DATABASE_FILE;
use serde::Serialize;
use tauri::State;

use crate::desktop::AppState;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    version: &'static str,
    data_dir: String,
    database_path: String,
    today: String,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: state.data_dir.display().to_string(),
        database_path: state.data_dir.join(DATABASE_FILE).display().to_string(),
        today: rapport_core::clock::today().to_string(),
    }
}
