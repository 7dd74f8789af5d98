//! Rapport: without arguments it opens the window; with a subcommand it works headless.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod cli;
mod desktop;

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::Parser;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error)
            if matches!(
                error.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            error.exit()
        }
        Err(error) => {
            eprintln!(
                "rapport: {} (see rapport --help)",
                one_line(&error.render().to_string())
            );
            return ExitCode::from(2);
        }
    };
    let data_dir = rapport_core::paths::data_dir(cli.data_dir);
    match cli.command {
        None => desktop::run(data_dir, cli.minimised),
        Some(command) => cli::run(data_dir, command),
    }
}

/// clap's message without its usage block and tips, on one line.
fn one_line(message: &str) -> String {
    message
        .lines()
        .take_while(|line| !line.starts_with("Usage:") && !line.trim_start().starts_with("tip:"))
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .trim_start_matches("error: ")
        .to_string()
}
