//! `rapport staff …`, `rapport photos …`, `rapport welcome …` and `rapport settings …`.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Subcommand;
use rapport_core::cards::{CardFormat, FontSet};
use rapport_core::photos::{read_picture_file, PhotoKind};
use rapport_core::welcome::{CardOutput, PhotoChoice};

use super::{message, open, to_json};

#[derive(Subcommand)]
pub enum StaffCommand {
    /// Add a staff member, with their photo.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        role: String,
        /// A JPEG, PNG or WebP portrait.
        #[arg(long)]
        photo: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// List staff members.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Logins to the team's book on a server: add, remove, list.
    #[command(subcommand)]
    Login(super::server::StaffLoginCommand),
}

#[derive(Subcommand)]
pub enum PhotosCommand {
    /// Import a picture: a team photo (--team) or a staff member's portrait (--staff ID).
    Add {
        file: PathBuf,
        #[arg(long, conflicts_with = "staff")]
        team: bool,
        #[arg(long)]
        staff: Option<i64>,
        #[arg(long, default_value = "")]
        caption: String,
        #[arg(long)]
        json: bool,
    },
    /// List stored photos.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Where the welcome is written on photo ID: X Y WIDTH HEIGHT in pixels of the stored photo.
    Board {
        id: i64,
        x: u32,
        y: u32,
        width: u32,
        height: u32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum SettingsCommand {
    /// Change a setting (see `rapport settings list`).
    Set {
        key: String,
        value: String,
        #[arg(long)]
        json: bool,
    },
    /// Print one setting.
    Get {
        key: String,
        #[arg(long)]
        json: bool,
    },
    /// Every setting with what it is for.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Store the SMTP password (read from standard input) in the system keyring.
    SmtpPassword {
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args)]
#[command(group = clap::ArgGroup::new("delivery").required(true).args(["eml", "send", "pdf"]))]
pub struct WelcomeArgs {
    /// The new customer's contact id (several for --send).
    #[arg(required = true)]
    ids: Vec<i64>,
    /// Save the welcome as an .eml draft to this file.
    #[arg(long)]
    eml: Option<PathBuf>,
    /// Send it over SMTP (settings smtp_host…).
    #[arg(long)]
    send: bool,
    /// Print it as a welcome card: write the PDF to this file.
    #[arg(long)]
    pdf: Option<PathBuf>,
    /// The card's size with --pdf: folded-a4, folded-letter, a6, a7, 5x7 or 4x6.
    #[arg(long, requires = "pdf", default_value = "folded-a4")]
    format: String,
    /// Retry the messages of this batch that did not go out.
    #[arg(long, requires = "send")]
    retry: Option<i64>,
    /// Attach this photo instead of the default one.
    #[arg(long)]
    photo: Option<i64>,
    /// Write the customer's name on the photo.
    #[arg(long)]
    whiteboard: bool,
    /// No picture.
    #[arg(long, conflicts_with_all = ["photo", "whiteboard"])]
    no_photo: bool,
    #[arg(long)]
    json: bool,
}

pub fn staff(data_dir: &Path, command: StaffCommand) -> Result<String, String> {
    match command {
        StaffCommand::Login(command) => super::server::staff_login(data_dir, command),
        StaffCommand::Add {
            name,
            role,
            photo,
            json,
        } => {
            let bytes = photo
                .as_deref()
                .map(read_picture_file)
                .transpose()
                .map_err(|e| message(e.into()))?;
            let mut book = open(data_dir)?;
            let member = book
                .add_staff(&name, &role, bytes.as_deref())
                .map_err(message)?;
            Ok(if json {
                to_json(&member)
            } else {
                format!("Added staff member {} ({}).", member.id, member.name)
            })
        }
        StaffCommand::List { json } => {
            let book = open(data_dir)?;
            let staff = book.staff().map_err(message)?;
            Ok(if json {
                to_json(&staff)
            } else {
                staff
                    .iter()
                    .map(|s| {
                        format!(
                            "{}\t{}\t{}\t{}{}",
                            s.id,
                            s.name,
                            s.role,
                            s.photo_id.map(|p| format!("photo {p}")).unwrap_or_default(),
                            if s.active { "" } else { "\t(inactive)" }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}

pub fn photos(data_dir: &Path, command: PhotosCommand) -> Result<String, String> {
    match command {
        PhotosCommand::Add {
            file,
            team,
            staff,
            caption,
            json,
        } => {
            if !team && staff.is_none() {
                return Err("say whose photo it is: --team or --staff ID".into());
            }
            let bytes = read_picture_file(&file).map_err(|e| message(e.into()))?;
            let kind = if team {
                PhotoKind::Team
            } else {
                PhotoKind::Staff
            };
            let mut book = open(data_dir)?;
            let info = book
                .import_photo(&bytes, kind, staff, &caption)
                .map_err(message)?;
            Ok(if json {
                to_json(&info)
            } else {
                format!(
                    "Imported photo {} ({} × {}).",
                    info.id, info.width, info.height
                )
            })
        }
        PhotosCommand::List { json } => {
            let book = open(data_dir)?;
            let photos = book.photos().map_err(message)?;
            Ok(if json {
                to_json(&photos)
            } else {
                photos
                    .iter()
                    .map(|p| {
                        format!(
                            "{}\t{}\t{} × {}\t{}",
                            p.id,
                            p.kind.as_str(),
                            p.width,
                            p.height,
                            p.caption
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        PhotosCommand::Board {
            id,
            x,
            y,
            width,
            height,
            json,
        } => {
            let mut book = open(data_dir)?;
            let area = rapport_core::photos::BoardArea {
                x,
                y,
                width,
                height,
            };
            let info = book.set_photo_board(id, area).map_err(message)?;
            Ok(if json {
                to_json(&info)
            } else {
                format!("The welcome on photo {id} is written at {x},{y} ({width} × {height}).")
            })
        }
    }
}

pub fn settings(data_dir: &Path, command: SettingsCommand) -> Result<String, String> {
    match command {
        SettingsCommand::Set { key, value, json } => {
            let mut book = open(data_dir)?;
            book.set_setting(&key, &value).map_err(message)?;
            let value = book.setting(&key).map_err(message)?;
            Ok(if json {
                to_json(&serde_json::json!({ "key": key, "value": value }))
            } else {
                format!("{key} = {value}")
            })
        }
        SettingsCommand::Get { key, json } => {
            let book = open(data_dir)?;
            let value = book.setting(&key).map_err(message)?;
            Ok(if json {
                to_json(&serde_json::json!({ "key": key, "value": value }))
            } else {
                value
            })
        }
        SettingsCommand::List { json } => {
            let book = open(data_dir)?;
            let all = book.settings().map_err(message)?;
            Ok(if json {
                to_json(&all)
            } else {
                all.iter()
                    .map(|s| {
                        format!(
                            "{} = {}\t# {}",
                            s.key,
                            s.value.replace('\n', "\\n"),
                            s.description
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        SettingsCommand::SmtpPassword { json } => {
            let book = open(data_dir)?;
            let user = book.setting("smtp_user").map_err(message)?;
            if user.is_empty() {
                return Err("set smtp_user first: rapport settings set smtp_user NAME".into());
            }
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
            let password = line.trim_end_matches(['\r', '\n']);
            if password.is_empty() {
                return Err("type the password on standard input".into());
            }
            book.set_smtp_password(password).map_err(message)?;
            Ok(if json {
                to_json(&serde_json::json!({ "stored": true }))
            } else {
                "The SMTP password is stored in the system keyring.".into()
            })
        }
    }
}

pub fn welcome(data_dir: &Path, args: WelcomeArgs, today: NaiveDate) -> Result<String, String> {
    let choice = match (args.no_photo, args.photo) {
        (true, _) => PhotoChoice::None,
        (false, Some(id)) => PhotoChoice::Photo {
            id,
            whiteboard: args.whiteboard,
        },
        (false, None) if args.whiteboard => {
            return Err("--whiteboard needs --photo ID (the photo to write on)".into());
        }
        (false, None) => PhotoChoice::Default,
    };
    if let Some(path) = &args.eml {
        let [id] = args.ids[..] else {
            return Err("--eml writes one draft: give one contact id".into());
        };
        let mut book = open(data_dir)?;
        let saved = book
            .save_welcome_draft(id, &choice, today, Some(path))
            .map_err(message)?;
        return Ok(if args.json {
            to_json(&saved)
        } else {
            format!(
                "Saved the welcome draft to {} and marked them as welcomed on their timeline.",
                saved.path
            )
        });
    }
    if let Some(path) = &args.pdf {
        let [id] = args.ids[..] else {
            return Err("--pdf prints one card: give one contact id".into());
        };
        let format = CardFormat::parse(&args.format)?;
        let mut book = open(data_dir)?;
        let printed = book
            .print_welcome_card(
                id,
                &choice,
                today,
                CardOutput {
                    format,
                    path: Some(path),
                },
                FontSet::shared(),
            )
            .map_err(message)?;
        return Ok(if args.json {
            to_json(&printed)
        } else {
            format!(
                "Wrote the welcome card to {} and marked them as welcomed on their timeline.",
                printed.path
            )
        });
    }
    let mut book = open(data_dir)?;
    let report = match args.retry {
        Some(batch) => book.retry_welcome_batch(batch, &choice, today),
        None => book.send_welcomes(&args.ids, &choice, today),
    }
    .map_err(message)?;
    if args.json {
        return Ok(to_json(&report));
    }
    let mut lines = vec![format!(
        "Batch {}: {} sent, {} failed.",
        report.batch, report.sent, report.failed
    )];
    for failed in report.results.iter().filter(|r| r.status == "failed") {
        lines.push(format!("  contact {}: {}", failed.contact_id, failed.error));
    }
    if report.failed > 0 {
        lines.push(format!(
            "Retry the others with: rapport welcome {} --send --retry {}",
            args.ids
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(" "),
            report.batch
        ));
        return Err(lines.join("\n"));
    }
    Ok(lines.join("\n"))
}
