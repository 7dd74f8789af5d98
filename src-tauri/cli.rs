//! The same book without a window, for scripts: `rapport contacts add …`, `rapport demo …`.
//! Every subcommand prints plain text, or JSON with `--json`; a bad argument prints one line and
//! exits non-zero with nothing written.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use rapport_core::clock::today;
use rapport_core::{demo, Book, Error};
use serde::Serialize;

mod cards;
mod contacts;
mod exchange;
mod occasions;
mod welcome;

use contacts::{ContactsCommand, TouchpointCommand};
use welcome::{PhotosCommand, SettingsCommand, StaffCommand, WelcomeArgs};

#[derive(Parser)]
#[command(
    name = "rapport",
    version,
    about = "Keep warm, personal relationships with your customers."
)]
#[command(after_help = "Without a subcommand, Rapport opens its window.")]
pub struct Cli {
    /// The folder holding the database (default: the user's data folder, ~/.local/share/rapport on Linux).
    #[arg(long, global = true, env = rapport_core::paths::DATA_DIR_ENV, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Fill the book with realistic sample customers.
    Demo {
        /// How many sample customers to add.
        #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        contacts: u32,
        /// Different seeds give different customers.
        #[arg(long, default_value_t = 7)]
        seed: u64,
        #[arg(long)]
        json: bool,
    },
    /// Add, list, search and show contacts.
    #[command(subcommand)]
    Contacts(ContactsCommand),
    /// Log what happened with a customer.
    #[command(subcommand)]
    Touchpoint(TouchpointCommand),
    /// Export contacts for the accountant (CSV, XLSX) or an address book (vCard).
    Export(exchange::ExportArgs),
    /// Import contacts from a CSV (Google, Outlook, any spreadsheet) or vCard file.
    Import(exchange::ImportArgs),
    /// Copy the whole book to one file (checked before it is kept).
    Backup {
        /// Where to write (default: <data-dir>/backups/rapport-backup-<time>.db).
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Replace the book with a backup, after checking it; the current book is backed up first.
    Restore {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Staff members and their photos.
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Team photos and portraits.
    #[command(subcommand)]
    Photos(PhotosCommand),
    /// Welcome a new customer: an .eml draft (--eml FILE), sent over SMTP (--send) or printed as a
    /// card (--pdf FILE).
    Welcome(WelcomeArgs),
    /// Business name, signature, welcome template, SMTP server.
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// Print personalised cards for an occasion as one PDF.
    Cards(cards::CardsArgs),
    /// Print address labels (Avery 5160 or L7160).
    Labels(cards::LabelsArgs),
    /// Print envelopes (DL, C6, US #10, A7).
    Envelopes(cards::EnvelopesArgs),
    /// The card calendar with next dates; add or remove your own occasions.
    Occasions(occasions::OccasionsArgs),
}

/// Prints a command's output. A reader that stops early (`rapport contacts list | head`) is
/// not an error: the work is done, so the command ends quietly instead of panicking.
fn print_output(output: &str) -> ExitCode {
    use std::io::Write;
    if output.is_empty() {
        return ExitCode::SUCCESS;
    }
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{output}").and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!(
                "rapport: the output could not be written ({error}); the command itself was done."
            );
            ExitCode::FAILURE
        }
    }
}

/// Runs a headless subcommand against the book in `data_dir`.
pub fn run(data_dir: PathBuf, command: Command) -> ExitCode {
    match execute(data_dir, command) {
        Ok(output) => print_output(&output),
        Err(message) => {
            eprintln!("rapport: {message}");
            ExitCode::FAILURE
        }
    }
}

fn execute(data_dir: PathBuf, command: Command) -> Result<String, String> {
    // Arguments are checked before the database is opened: a bad one writes nothing.
    let today = today();
    match command {
        Command::Demo {
            contacts,
            seed,
            json,
        } => {
            let mut book = open(&data_dir)?;
            let summary = demo::fill(&mut book, contacts as usize, seed, today).map_err(message)?;
            Ok(if json {
                to_json(&summary)
            } else {
                format!(
                    "Added {} sample customers and {} touchpoints.",
                    summary.contacts, summary.touchpoints
                )
            })
        }
        Command::Contacts(command) => contacts::contacts(&data_dir, command, today),
        Command::Touchpoint(command) => contacts::touchpoint(&data_dir, command, today),
        Command::Export(args) => exchange::export(&data_dir, args),
        Command::Import(args) => exchange::import(&data_dir, args, today),
        Command::Backup { out, json } => exchange::backup(&data_dir, out, json),
        Command::Restore { file, json } => exchange::restore(&data_dir, &file, json),
        Command::Staff(command) => welcome::staff(&data_dir, command),
        Command::Photos(command) => welcome::photos(&data_dir, command),
        Command::Welcome(args) => welcome::welcome(&data_dir, args, today),
        Command::Settings(command) => welcome::settings(&data_dir, command),
        Command::Cards(args) => cards::cards(&data_dir, args, today),
        Command::Labels(args) => cards::labels(&data_dir, args, today),
        Command::Envelopes(args) => cards::envelopes(&data_dir, args, today),
        Command::Occasions(args) => occasions::occasions(&data_dir, args, today),
    }
}

pub fn open(data_dir: &std::path::Path) -> Result<Book, String> {
    Book::open(data_dir).map_err(message)
}

/// One line: every field problem, or the store's message.
pub fn message(error: Error) -> String {
    match &error {
        Error::Invalid(fields) => fields
            .iter()
            .map(|f| format!("{}: {}", cli_flag(&f.field), f.message))
            .collect::<Vec<_>>()
            .join("; "),
        _ => error.to_string(),
    }
}

/// The flag a form field came from, so the message names what the user typed.
fn cli_flag(field: &str) -> String {
    let base = field.split('.').next().unwrap_or(field);
    let flag = match base {
        "givenName" => "first-name",
        "familyName" => "last-name",
        "emails" => "email",
        "phones" => "phone",
        "tags" => "tag",
        "customerSince" => "customer-since",
        "keepInTouchDays" => "keep-in-touch-days",
        "jobTitle" => "job-title",
        "happenedOn" => "date",
        "handledBy" => "by",
        other => other,
    };
    format!("--{flag}")
}

pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
