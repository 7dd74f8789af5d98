//! Tauri commands: each takes typed arguments, makes one call into the core, maps the error.

pub mod app;
pub mod cards;
pub mod contacts;
pub mod exchange;
pub mod gestures;
pub mod settings;
pub mod staff;
pub mod timeline;
pub mod today;
pub mod welcome;
