//! The same book without a window, for scripts: `rapport contacts add …`, `rapport demo …`.
//! Every subcommand prints plain text, or JSON with `--json`; a bad argument prints one line and
//! exits non-zero with nothing written.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use rapport_core::clock::today;
use rapport_core::{Book, Error};
use serde::Serialize;

mod cards;
mod contact_edit;
mod contacts;
mod exchange;
mod follow_ups;
mod gestures;
mod house_answers;
mod nudge;
mod occasions;
mod server;
mod testimonials;
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

    /// Open the window minimised (the start at login does, to give the morning nudge).
    #[arg(long)]
    pub minimised: bool,

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
    /// A gesture for one customer: thank-you, apology, check-in, birthday, referral-thanks…, as
    /// an .eml draft (--eml FILE), over SMTP (--smtp), a card (--pdf FILE) or done in person
    /// (--in-person); --preview shows it without sending.
    Send(gestures::SendArgs),
    /// A complaint's loop: apologise, put right, check back; the open loops.
    #[command(subcommand)]
    Complaint(gestures::ComplaintCommand),
    /// The kinds of gesture and their templates.
    #[command(subcommand)]
    Gestures(gestures::GesturesCommand),
    /// What a customer wrote back to a welcome, card or gesture (ID: that entry), logged as a
    /// compliment, complaint or note; --testimonial keeps a compliment as a testimonial.
    Reply(testimonials::ReplyArgs),
    /// Keep compliment ID as a testimonial, with permission to quote it (or --remove).
    Testimonial(testimonials::TestimonialArgs),
    /// The testimonials that may be quoted (--all: every one); --out F.csv or F.pdf exports them.
    Testimonials(testimonials::TestimonialsArgs),
    /// The month's "what customers said about us" page for the team, as a PDF.
    Said(testimonials::SaidArgs),
    /// A gift or voucher given to a customer (what, value, occasion), on their timeline.
    Gift(testimonials::GiftArgs),
    /// The shop's house answers (opening hours, allergens, returns, delivery), so everyone
    /// answers the same way.
    #[command(subcommand, alias = "answer")]
    Answers(house_answers::AnswersCommand),
    /// Dated follow-ups: add one to a contact, list those open, mark one done.
    #[command(
        subcommand,
        name = "followup",
        alias = "follow-up",
        alias = "followups"
    )]
    FollowUp(follow_ups::FollowUpCommand),
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
    /// What needs a gesture today: birthdays, new customers, open complaints, follow-ups due,
    /// who is overdue.
    Today(nudge::TodayArgs),
    /// Today as a message: printed, or mailed to you with --send (--daily for a timer).
    Digest(nudge::DigestArgs),
    /// Birthdays, customer anniversaries, card occasions and follow-ups as an iCalendar file.
    Calendar(nudge::CalendarArgs),
    /// The team's shared book on a PostgreSQL server: set one up (init), join it (join).
    #[command(subcommand)]
    Server(server::ServerCommand),
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
    // The team's server book has no calendar file here; every other command may have changed
    // what the calendar in the data folder shows.
    let keeps_calendar = !matches!(command, Command::Server(_));
    match execute(data_dir.clone(), command) {
        Ok(output) => {
            if keeps_calendar {
                nudge::refresh_calendar(&data_dir, today());
            }
            print_output(&output)
        }
        Err(message) => {
            eprintln!("rapport: {message}");
            if WAS_BUSY.load(std::sync::atomic::Ordering::Relaxed) {
                ExitCode::from(EXIT_BUSY)
            } else if NOTHING_PRINTED.load(std::sync::atomic::Ordering::Relaxed) {
                ExitCode::from(EXIT_NOTHING_PRINTED)
            } else {
                ExitCode::FAILURE
            }
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
            let summary = book
                .add_sample_customers(contacts as usize, seed, today)
                .map_err(message)?;
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
        Command::Send(args) => gestures::send(&data_dir, args, today),
        Command::Complaint(command) => gestures::complaint(&data_dir, command, today),
        Command::Gestures(command) => gestures::gestures(&data_dir, command),
        Command::FollowUp(command) => follow_ups::follow_up(&data_dir, command, today),
        Command::Answers(command) => house_answers::answers(&data_dir, command),
        Command::Reply(args) => testimonials::reply(&data_dir, args, today),
        Command::Testimonial(args) => testimonials::testimonial(&data_dir, args, today),
        Command::Testimonials(args) => testimonials::testimonials(&data_dir, args, today),
        Command::Said(args) => testimonials::said(&data_dir, args, today),
        Command::Gift(args) => testimonials::gift(&data_dir, args, today),
        Command::Cards(args) => cards::cards(&data_dir, args, today),
        Command::Labels(args) => cards::labels(&data_dir, args, today),
        Command::Envelopes(args) => cards::envelopes(&data_dir, args, today),
        Command::Occasions(args) => occasions::occasions(&data_dir, args, today),
        Command::Server(command) => server::server(&data_dir, command),
        Command::Today(args) => nudge::today(&data_dir, args, today),
        Command::Digest(args) => nudge::digest(&data_dir, args, today),
        Command::Calendar(args) => nudge::calendar(&data_dir, args, today),
    }
}

pub fn open(data_dir: &std::path::Path) -> Result<Book, String> {
    Book::open(data_dir).map_err(message)
}

/// The exit status of a command refused because Rapport was busy with another window's or
/// command's change (sysexits' EX_TEMPFAIL): a script can tell "try again" from "wrong".
pub const EXIT_BUSY: u8 = 75;

/// The exit status of `rapport cards` when no card at all could be printed because no installed
/// font has the names' characters (a batch with some cards printed exits 0 and lists the rest).
pub const EXIT_NOTHING_PRINTED: u8 = 3;

/// Set when a card batch printed nothing for want of fonts; errors reach `run` as text.
static NOTHING_PRINTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Set when a command failed because the book was busy; errors reach `run` as text.
static WAS_BUSY: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// One line: every field problem, or the store's message.
pub fn message(error: Error) -> String {
    if error.code() == rapport_core::ErrorCode::Busy {
        WAS_BUSY.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    if error.code() == rapport_core::ErrorCode::NothingPrintable {
        NOTHING_PRINTED.store(true, std::sync::atomic::Ordering::Relaxed);
    }
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
