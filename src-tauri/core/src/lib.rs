//! Rapport's core: the contact book, its store and its rules. No Tauri in here: the desktop
//! window and the command line are two thin callers of the same functions.

pub mod bindings;
pub mod book;
pub mod calendar;
pub mod cards;
pub mod clock;
pub mod contacts;
pub mod demo;
pub mod digest;
pub mod error;
pub mod exchange;
pub mod follow_ups;
pub mod gestures;
pub mod house_answers;
pub mod ical;
pub mod live;
pub mod merge;
pub mod occasions;
pub mod paths;
pub mod photos;
pub mod progress;
pub mod referrals;
pub mod search_text;
pub mod server;
pub mod settings;
pub mod staff;
pub mod store;
pub mod testimonials;
pub mod today;
pub mod welcome;
pub mod whiteboard;

pub use book::Book;
pub use error::{AppError, Cancelled, Error, ErrorCode, FieldError, Invalid, Result};

/// Every program built on the core (the app, the command line, the benchmark, the tests)
/// allocates through mimalloc; see the store's allocator for SQLite's share.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
