//! The date the app considers "today".

use chrono::NaiveDate;

/// Pins "today" for tests and demonstrations (`RAPPORT_TODAY=2026-11-23`).
pub const TODAY_ENV: &str = "RAPPORT_TODAY";

/// The local date, unless `RAPPORT_TODAY` pins another one.
pub fn today() -> NaiveDate {
    std::env::var(TODAY_ENV)
        .ok()
        .and_then(|text| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}
