//! Rapport: without arguments it opens the window; with a subcommand it works headless.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod cli;
mod desktop;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let data_dir = rapport_core::paths::data_dir(cli.data_dir);
    match cli.command {
        None => desktop::run(data_dir),
        Some(command) => cli::run(data_dir, command),
    }
}
