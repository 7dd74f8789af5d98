//! The window: Tauri set-up and the app's state. Commands live in `commands/`, one module per area.

mod commands;
mod open;
mod state;

use std::path::PathBuf;
use std::process::ExitCode;

pub use open::open_with_system;
pub use state::AppState;

use tauri::Manager;

/// How often the backup thread looks whether the day has changed, and how soon it tries again
/// when the book was busy.
const BACKUP_CHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(15 * 60);
const BACKUP_RETRY_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

/// Makes the day's automatic backup on a thread of its own: at start, and again when the day
/// changes with the window left open. It reads the book through a connection of its own, so
/// the window opens and works without waiting for it.
fn keep_daily_backups(app: tauri::AppHandle) {
    let started = std::thread::Builder::new()
        .name("daily-backup".into())
        .spawn(move || loop {
            let wait = match app.state::<AppState>().daily_backup() {
                state::DailyBackup::Done => BACKUP_CHECK_EVERY,
                state::DailyBackup::Busy => BACKUP_RETRY_AFTER,
            };
            std::thread::sleep(wait);
        });
    if let Err(error) = started {
        eprintln!("rapport: the daily backup could not start: {error}");
    }
}

/// Opens the window on the book in `data_dir`. A book that cannot be opened (damaged, locked,
/// read-only) still opens the window, which shows the reason and what to do.
pub fn run(data_dir: PathBuf) -> ExitCode {
    let state = AppState::open(data_dir);
    if let Err(error) = state.open_error() {
        eprintln!("rapport: {}", error.message);
    }
    let result = tauri::Builder::default()
        .setup(|app| {
            keep_daily_backups(app.handle().clone());
            Ok(())
        })
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .manage(commands::cards::CardsState::default())
        .manage(commands::exchange::ExchangeState::default())
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::recovery_status,
            commands::app::recover_from_backup,
            commands::app::open_other_folder,
            commands::today::today,
            commands::contacts::list_contacts,
            commands::contacts::get_contact,
            commands::contacts::contact_photo_data_url,
            commands::contacts::set_contact_photo,
            commands::contacts::remove_contact_photo,
            commands::contacts::create_contact,
            commands::contacts::update_contact,
            commands::contacts::set_archived,
            commands::contacts::tag_contacts,
            commands::contacts::untag_contacts,
            commands::contacts::delete_contact,
            commands::contacts::undo_delete,
            commands::contacts::list_tags,
            commands::contacts::list_companies,
            commands::contacts::load_sample_contacts,
            commands::timeline::log_touchpoint,
            commands::timeline::set_complaint_resolved,
            commands::timeline::delete_touchpoint,
            commands::timeline::staff_names,
            commands::exchange::export_contacts,
            commands::exchange::backup_now,
            commands::exchange::restore_backup,
            commands::exchange::export_destination,
            commands::exchange::stage_file,
            commands::exchange::import_preview,
            commands::exchange::import_contacts,
            commands::exchange::merge_contacts,
            commands::exchange::list_backups,
            commands::exchange::backup_retention,
            commands::exchange::set_backup_retention,
            commands::exchange::cancel_exchange,
            commands::welcome::list_staff,
            commands::welcome::add_staff,
            commands::welcome::set_staff_active,
            commands::welcome::list_photos,
            commands::welcome::import_photo,
            commands::welcome::photo_data_url,
            commands::welcome::set_photo_board,
            commands::welcome::delete_photo,
            commands::welcome::get_settings,
            commands::welcome::set_setting,
            commands::welcome::welcome_preview,
            commands::welcome::save_welcome_draft,
            commands::welcome::send_welcome,
            commands::welcome::print_welcome_card,
            commands::welcome::open_welcome_file,
            commands::cards::list_occasions,
            commands::cards::add_occasion,
            commands::cards::remove_occasion,
            commands::cards::card_designs,
            commands::cards::card_merge_fields,
            commands::cards::batch_recipients,
            commands::cards::personal_line_suggestions,
            commands::cards::generate_envelopes,
            commands::cards::generate_labels,
            commands::cards::check_cards,
            commands::cards::generate_cards,
            commands::cards::cancel_cards,
            commands::cards::read_cards_pdf,
            commands::cards::open_cards_pdf,
            commands::cards::record_cards_sent,
            commands::cards::set_address_undeliverable,
            commands::cards::address_undeliverable,
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("rapport: the window could not start: {error}");
            ExitCode::FAILURE
        }
    }
}
