//! `rapport send …` (one gesture, one customer), `rapport complaint …` (the loop from a
//! complaint to a customer who is happy again) and `rapport gestures …` (the kinds and their
//! templates).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Subcommand;
use rapport_core::cards::{CardFormat, FontSet};
use rapport_core::gestures::{Delivery, GesturePhoto, GestureRequest, LoopStep, Outcome};

use super::{message, open, to_json};

/// The fields `--field` may give; the others come from the contact and the timeline.
const GIVEN_FIELDS: &[&str] = &["staff_name", "referred_name"];

#[derive(clap::Args)]
#[command(group = clap::ArgGroup::new("delivery").required(true)
    .args(["eml", "smtp", "pdf", "in_person", "preview"]))]
pub struct SendArgs {
    /// thank-you, apology, check-in, birthday, referral-thanks, welcome, or your own kind.
    kind: String,
    /// The customer's contact id.
    id: i64,
    /// Save it as an .eml draft to this file.
    #[arg(long)]
    eml: Option<PathBuf>,
    /// Send it now over SMTP (settings smtp_host…).
    #[arg(long, alias = "send")]
    smtp: bool,
    /// Print it as a card: write the PDF to this file.
    #[arg(long)]
    pdf: Option<PathBuf>,
    /// The card's size with --pdf: folded-a4, folded-letter, a6, a7, 5x7 or 4x6.
    #[arg(long, requires = "pdf", default_value = "folded-a4")]
    format: String,
    /// Done in person or by phone: only recorded on the timeline.
    #[arg(long, alias = "done")]
    in_person: bool,
    /// Show the message as the customer will see it; nothing is sent or recorded.
    #[arg(long, alias = "dry-run")]
    preview: bool,
    /// The timeline entry it answers (a purchase, a complaint); default: the newest that fits.
    #[arg(long)]
    about: Option<i64>,
    /// This message's subject instead of the kind's template.
    #[arg(long)]
    subject: Option<String>,
    /// This message's text instead of the kind's template.
    #[arg(long)]
    text: Option<String>,
    /// A merge field's value: staff_name=Ann (who handled it), referred_name=Bo (the friend).
    #[arg(long = "field", value_name = "NAME=VALUE")]
    fields: Vec<String>,
    /// The picture: default, none, staff, team, team-whiteboard, or a photo id.
    #[arg(long, default_value = "default")]
    photo: String,
    /// Write the customer's name on the photo given by id.
    #[arg(long)]
    whiteboard: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum ComplaintCommand {
    /// Where complaint ID's loop stands: apologised, put right, checked back.
    Steps {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Apologised in person or by phone (an apology sent with `rapport send` counts too).
    #[command(alias = "apologised", alias = "apologize")]
    Apologise {
        id: i64,
        /// Who apologised.
        #[arg(long, default_value = "")]
        by: String,
        #[arg(long)]
        json: bool,
    },
    /// Put it right: what we did, and who did it.
    PutRight {
        id: i64,
        /// What we did, e.g. "replaced the cake".
        #[arg(long)]
        what: String,
        #[arg(long, default_value = "")]
        by: String,
        #[arg(long)]
        json: bool,
    },
    /// Checked back ("are we good now?"): happy, neutral or unhappy.
    #[command(alias = "checked-back")]
    CheckBack {
        id: i64,
        #[arg(long, alias = "satisfied")]
        outcome: String,
        #[arg(long, default_value = "")]
        by: String,
        #[arg(long)]
        json: bool,
    },
    /// Open loops with their next step and due date, oldest first, and how many complaints
    /// ended happy this quarter.
    Open {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum GesturesCommand {
    /// The kinds of gesture with their subject, text and merge fields.
    Kinds {
        #[arg(long)]
        json: bool,
    },
    /// Change a kind's subject and text (unknown merge fields are refused).
    Template {
        kind: String,
        #[arg(long)]
        subject: String,
        #[arg(long)]
        text: String,
        #[arg(long)]
        json: bool,
    },
    /// Put a built-in kind's words back to their default, or remove your own kind.
    Reset {
        kind: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn send(data_dir: &Path, args: SendArgs, today: NaiveDate) -> Result<String, String> {
    let mut req = GestureRequest::new(&args.kind, args.id);
    req.about = args.about;
    req.subject = args.subject.clone();
    req.text = args.text.clone();
    req.photo = photo(&args.photo, args.whiteboard)?;
    for field in &args.fields {
        let (name, value) = field.split_once('=').ok_or_else(|| {
            format!("--field {field}: write it as NAME=VALUE, e.g. staff_name=Ann")
        })?;
        match name.trim().trim_matches(['{', '}']) {
            "staff_name" => req.staff_name = Some(value.to_string()),
            "referred_name" => req.referred_name = Some(value.to_string()),
            other => {
                return Err(format!(
                    "--field {other}: Rapport fills that field itself or does not know it; fields you can give: {}.",
                    GIVEN_FIELDS.join(", ")
                ))
            }
        }
    }
    let delivery = if let Some(path) = &args.eml {
        Delivery::Eml {
            path: Some(path.display().to_string()),
        }
    } else if let Some(path) = &args.pdf {
        Delivery::Card {
            format: CardFormat::parse(&args.format)?,
            path: Some(path.display().to_string()),
        }
    } else if args.smtp {
        Delivery::Smtp
    } else {
        Delivery::InPerson
    };
    if args.preview {
        let preview = open(data_dir)?
            .gesture_preview(&req, today)
            .map_err(message)?;
        return Ok(if args.json {
            to_json(&preview)
        } else {
            let mut lines = vec![
                format!(
                    "To: {}",
                    preview.to.as_deref().unwrap_or("(no email address)")
                ),
                format!("Subject: {}", preview.subject),
                String::new(),
                preview.text,
            ];
            if let Some(note) = preview.photo_note {
                lines.push(format!("\n({note})"));
            }
            lines.join("\n")
        });
    }
    let mut book = open(data_dir)?;
    let done = book
        .give_gesture(&req, &delivery, FontSet::shared(), today)
        .map_err(message)?;
    Ok(if args.json {
        to_json(&done)
    } else {
        let mut text = format!("On the timeline: {}", done.touchpoint.note);
        if let Some(path) = &done.path {
            text = format!("Wrote {path}.\n{text}");
        }
        text
    })
}

/// The picture asked for by name or photo id.
fn photo(text: &str, whiteboard: bool) -> Result<GesturePhoto, String> {
    let named = match text.trim().to_lowercase().as_str() {
        "default" => Some(GesturePhoto::Default),
        "none" => Some(GesturePhoto::None),
        "staff" => Some(GesturePhoto::Staff),
        "team" if whiteboard => Some(GesturePhoto::TeamWhiteboard),
        "team" => Some(GesturePhoto::Team),
        "team-whiteboard" | "whiteboard" => Some(GesturePhoto::TeamWhiteboard),
        _ => None,
    };
    match (named, text.trim().parse::<i64>()) {
        (Some(photo), _) => Ok(photo),
        (None, Ok(id)) => Ok(GesturePhoto::Photo { id, whiteboard }),
        (None, Err(_)) => Err(format!(
            "--photo {text}: say default, none, staff, team, team-whiteboard or a photo id"
        )),
    }
}

pub fn complaint(
    data_dir: &Path,
    command: ComplaintCommand,
    today: NaiveDate,
) -> Result<String, String> {
    let (id, step, json) = match command {
        ComplaintCommand::Steps { id, json } => {
            let state = open(data_dir)?.complaint_loop(id).map_err(message)?;
            return Ok(if json {
                to_json(&state)
            } else {
                let mut lines = vec![format!(
                    "Complaint of {}: {}",
                    state.complained_on, state.complaint
                )];
                if let Some(on) = state.apologised_on {
                    lines.push(format!("apologised {on}"));
                }
                if let Some(on) = state.put_right_on {
                    let by = if state.put_right_by.is_empty() {
                        String::new()
                    } else {
                        format!(" by {}", state.put_right_by)
                    };
                    lines.push(format!("put right {on}: {}{by}", state.what_we_did));
                }
                match (state.checked_back_on, state.outcome) {
                    (Some(on), Some(outcome)) => {
                        lines.push(format!("checked back {on} — {}", outcome.as_str()))
                    }
                    (Some(on), None) => lines.push(format!("checked back {on}")),
                    _ => lines.push("(open)".into()),
                }
                lines.join("\n")
            });
        }
        ComplaintCommand::Open { json } => {
            let book = open(data_dir)?;
            let loops = book.open_loops(today).map_err(message)?;
            let quarter = book.complaints_ended_this_quarter(today).map_err(message)?;
            return Ok(if json {
                to_json(&serde_json::json!({ "openLoops": loops, "quarter": quarter }))
            } else {
                let mut lines: Vec<String> = loops
                    .iter()
                    .map(|l| {
                        format!(
                            "{}\t{}\t{}: {} by {}{}",
                            l.complaint_id,
                            l.contact.display_name,
                            l.complaint,
                            l.next_step,
                            l.due_on,
                            if l.due { " (due)" } else { "" }
                        )
                    })
                    .collect();
                lines.push(format!(
                    "{} of {} complaints ended happy this quarter.",
                    quarter.happy, quarter.closed
                ));
                lines.join("\n")
            });
        }
        ComplaintCommand::Apologise { id, by, json } => (id, LoopStep::Apologised { by }, json),
        ComplaintCommand::PutRight { id, what, by, json } => {
            (id, LoopStep::PutRight { what, by }, json)
        }
        ComplaintCommand::CheckBack {
            id,
            outcome,
            by,
            json,
        } => {
            let outcome = Outcome::parse(&outcome)
                .ok_or_else(|| format!("--outcome {outcome}: say happy, neutral or unhappy"))?;
            (id, LoopStep::CheckedBack { outcome, by }, json)
        }
    };
    let mut book = open(data_dir)?;
    let entry = book.complaint_step(id, &step, today).map_err(message)?;
    Ok(if json {
        to_json(&entry)
    } else {
        format!("On the timeline: {}", entry.note)
    })
}

pub fn gestures(data_dir: &Path, command: GesturesCommand) -> Result<String, String> {
    match command {
        GesturesCommand::Kinds { json } => {
            let kinds = open(data_dir)?.gesture_kinds().map_err(message)?;
            Ok(if json {
                to_json(&kinds)
            } else {
                kinds
                    .iter()
                    .map(|k| {
                        format!(
                            "{}\t{}\t{}{}",
                            k.kind,
                            k.label,
                            k.subject,
                            if k.customized { "\t(changed)" } else { "" }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        GesturesCommand::Template {
            kind,
            subject,
            text,
            json,
        } => {
            let info = open(data_dir)?
                .set_gesture_template(&kind, &subject, &text)
                .map_err(message)?;
            Ok(if json {
                to_json(&info)
            } else {
                format!("The {} template is changed.", info.label)
            })
        }
        GesturesCommand::Reset { kind, json } => {
            let mut book = open(data_dir)?;
            book.reset_gesture_kind(&kind).map_err(message)?;
            Ok(if json {
                to_json(&serde_json::json!({ "reset": kind }))
            } else {
                format!("{kind}: back to its default words (an own kind is removed).")
            })
        }
    }
}
