//! The window: Tauri set-up and the app's state. Commands live in `commands/`, one module per area.

mod commands;
mod live;
mod nudge;
mod open;
mod single_instance;
mod state;

use std::path::PathBuf;
use std::process::ExitCode;

pub use open::open_with_system;
pub use state::AppState;

use rapport_core::{AppError, ErrorCode};

/// Runs long work (rendering, sending, a big import) on a blocking thread, off the window's;
/// a panic there is reported as an error, not a crash.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, rapport_core::Error> + Send + 'static,
) -> Result<T, AppError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| AppError {
            code: ErrorCode::Internal,
            message: format!(
                "The work stopped unexpectedly ({e}); nothing was changed. Try again."
            ),
            fields: Vec::new(),
        })?
        .map_err(AppError::from)
}

/// A file Rapport wrote that could not be read back.
pub fn cannot_open(path: &std::path::Path, error: std::io::Error) -> AppError {
    AppError {
        code: ErrorCode::CannotOpen,
        message: format!(
            "{} could not be read ({error}). Generate it again.",
            path.display()
        ),
        fields: Vec::new(),
    }
}

use tauri::Manager;

/// How often the backup thread looks whether the day has changed, and how soon it tries again
/// when the book was busy.
const BACKUP_CHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(15 * 60);
const BACKUP_RETRY_AFTER: std::time::Duration = std::time::Duration::from_secs(5);

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

/// How often the window looks whether `<data-dir>/rapport.ics` needs rewriting.
const CALENDAR_CHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// How long after start the first look waits, so the first screen has the machine to itself.
const CALENDAR_FIRST_LOOK_AFTER: std::time::Duration = std::time::Duration::from_secs(20);

/// Keeps the calendar file in the data folder current: soon after start, then within a minute
/// of any change to the book. The book is held only while the events are read (a busy book is
/// left alone until the next look); the file is written without it. A failure is reported,
/// never fatal.
fn keep_calendar_current(app: tauri::AppHandle) {
    let started = std::thread::Builder::new()
        .name("calendar-file".into())
        .spawn(move || {
            std::thread::sleep(CALENDAR_FIRST_LOOK_AFTER);
            loop {
                if let Err(error) = refresh_calendar(&app.state::<AppState>()) {
                    eprintln!("rapport: the calendar file could not be updated: {error}");
                }
                std::thread::sleep(CALENDAR_CHECK_EVERY);
            }
        });
    if let Err(error) = started {
        eprintln!("rapport: the calendar file could not be kept current: {error}");
    }
}

fn refresh_calendar(state: &AppState) -> Result<(), rapport_core::Error> {
    let Ok(book) = state.shared_book() else {
        return Ok(()); // no book open (a recovery, a sign-in waiting)
    };
    let Some(_turn) = rapport_core::ical::CalendarTurn::take(&state.data_dir())? else {
        return Ok(()); // a command-line refresher is about to do it
    };
    let run = match book.try_lock() {
        Ok(book) => book.prepare_calendar_refresh(rapport_core::clock::today())?,
        Err(_) => None,
    };
    if let Some(run) = run {
        run.write()?;
    }
    Ok(())
}

/// Titles the window after the book (on the team's book, who is signed in) once it is open,
/// from a thread of its own: the window does not wait for the book to start.
fn show_which_book(app: tauri::AppHandle) {
    let started = std::thread::Builder::new()
        .name("window-title".into())
        .spawn(move || {
            let Ok(title) = app
                .state::<AppState>()
                .with_book(|book| Ok(book.window_title()))
            else {
                return;
            };
            if let Some(window) = app.get_webview_window("main") {
                if let Err(error) = window.set_title(&title) {
                    eprintln!("rapport: the window's title could not be set: {error}");
                }
            }
        });
    if let Err(error) = started {
        eprintln!("rapport: the window's title could not be set: {error}");
    }
}

/// Opens the window on the book in `data_dir`. A book that cannot be opened (damaged, locked,
/// read-only) still opens the window, which shows the reason and what to do.
pub fn run(data_dir: PathBuf, minimised: bool) -> ExitCode {
    // The book opens beside the window's start; the first command that needs it waits.
    let state = AppState::open(data_dir.clone());
    let mut context = tauri::generate_context!();
    let result = tauri::Builder::default()
        // First: a second window on the same book hands over before anything else starts.
        .plugin(single_instance::plugin(&data_dir, &mut context))
        .setup(move |app| {
            show_which_book(app.handle().clone());
            // The backup first: it only tries the book's lock, and would wait a retry out if
            // the nudge's Today held it.
            keep_daily_backups(app.handle().clone());
            if minimised {
                nudge::minimise(app.handle());
            }
            nudge::give(app.handle());
            keep_calendar_current(app.handle().clone());
            Ok(())
        })
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(nudge::autostart_plugin(
            &data_dir,
            single_instance::is_usual_data_dir(&data_dir),
        ))
        .manage(state)
        .manage(live::LiveState::default())
        .manage(commands::cards::CardsState::default())
        .manage(commands::exchange::ExchangeState::default())
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::recovery_status,
            commands::app::recover_from_backup,
            commands::app::open_other_folder,
            commands::app::watch_book,
            commands::app::sign_in,
            commands::app::join_shared_book,
            commands::today::today,
            commands::contacts::list_contacts,
            commands::contacts::get_contact,
            commands::contacts::set_referrer,
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
            commands::settings::house_answers,
            commands::settings::save_setting,
            commands::settings::add_house_answer,
            commands::settings::edit_house_answer,
            commands::settings::remove_house_answer,
            commands::gestures::goodwill,
            commands::gestures::give_gift,
            commands::timeline::log_reply,
            commands::timeline::mark_testimonial,
            commands::timeline::list_testimonials,
            commands::timeline::save_testimonials,
            commands::timeline::open_testimonials_file,
            commands::timeline::save_month_page,
            commands::timeline::add_follow_up,
            commands::timeline::change_follow_up,
            commands::timeline::delete_follow_up,
            commands::timeline::complete_follow_up,
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
            commands::staff::list_staff,
            commands::staff::staff_feedback,
            commands::staff::add_staff,
            commands::staff::set_staff_active,
            commands::staff::list_photos,
            commands::staff::import_photo,
            commands::staff::photo_data_url,
            commands::staff::set_photo_board,
            commands::staff::delete_photo,
            commands::settings::get_settings,
            commands::settings::set_setting,
            commands::settings::smtp_password_state,
            commands::settings::set_smtp_password,
            commands::settings::start_at_login,
            commands::settings::set_start_at_login,
            commands::welcome::welcome_preview,
            commands::welcome::save_welcome_draft,
            commands::welcome::send_welcome,
            commands::welcome::print_welcome_card,
            commands::welcome::open_welcome_file,
            commands::gestures::gesture_kinds,
            commands::gestures::set_gesture_template,
            commands::gestures::add_gesture_kind,
            commands::gestures::reset_gesture_kind,
            commands::gestures::gesture_preview,
            commands::gestures::give_gesture,
            commands::gestures::complaint_loop,
            commands::gestures::complaint_step,
            commands::gestures::open_loops,
            commands::gestures::complaints_ended_this_quarter,
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
        .build(context);
    match result {
        Ok(app) => {
            app.run(|app, event| {
                if let tauri::RunEvent::Exit = event {
                    app.state::<AppState>().note_clean_close();
                }
            });
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("rapport: the window could not start: {error}");
            ExitCode::FAILURE
        }
    }
}
