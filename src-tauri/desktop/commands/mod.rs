//! Tauri commands: each takes typed arguments, makes one call into the core, maps the error.

pub mod app;
pub mod cards;
pub mod contacts;
pub mod exchange;
pub mod timeline;
pub mod today;
pub mod welcome;
