use rapport_core::paths::AppInfo;
use tauri::State;

use crate::desktop::AppState;

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo::new(env!("CARGO_PKG_VERSION"), &state.data_dir)
}
