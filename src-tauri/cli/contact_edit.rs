//! `rapport contacts edit|tag|untag|archive|restore|delete|merge` and `rapport touchpoint
//! resolve|edit`: what the window does to contacts, for scripts. Each calls the same `Book`
//! method as the window, so the checks and the messages are the window's.

use std::path::Path;

use clap::{Args, Subcommand};
use rapport_core::contacts::{
    Birthday, ContactDetail, ContactEdit, ContactSave, FieldPick, LabeledValue, MergeField,
    NewTouchpoint, PostalAddress, TouchpointKind,
};
use serde::Serialize;

use super::{message, open, to_json};

#[derive(Subcommand)]
pub enum EditCommand {
    /// Change some fields of contact ID; the others stay. An empty value clears a field
    /// (`--birthday ""`); --email, --phone and --tag replace the whole list.
    Edit(Box<EditContact>),
    /// Give a tag to contacts.
    Tag {
        #[arg(required = true)]
        ids: Vec<i64>,
        #[arg(long)]
        tag: String,
        #[arg(long)]
        json: bool,
    },
    /// Take a tag off contacts.
    Untag {
        #[arg(required = true)]
        ids: Vec<i64>,
        #[arg(long)]
        tag: String,
        #[arg(long)]
        json: bool,
    },
    /// Archive contacts: off the lists and Today, kept with their history.
    Archive {
        #[arg(required = true)]
        ids: Vec<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Bring archived contacts back.
    Restore {
        #[arg(required = true)]
        ids: Vec<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Delete contact ID and its timeline for good (there is no undo here: --yes says you mean
    /// it; `contacts archive` keeps them instead).
    Delete {
        id: i64,
        #[arg(long)]
        yes: bool,
        #[arg(long)]
        json: bool,
    },
    /// Join contact OTHER into KEEP: emails, phones, addresses, tags and timelines combined;
    /// each other field keeps KEEP's value (or OTHER's where KEEP has none) unless --prefer
    /// says `other:FIELD` (or `keep:FIELD`). OTHER is gone afterwards.
    Merge {
        keep: i64,
        other: i64,
        /// e.g. other:birthday,other:company,keep:notes
        #[arg(long, value_delimiter = ',')]
        prefer: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Note who sent us contact ID (--by THEIR_ID), or that nobody did (--none). Today then
    /// suggests a referral thank-you to them.
    #[command(group = clap::ArgGroup::new("referrer").required(true).args(["by", "none"]))]
    Refer {
        id: i64,
        #[arg(long)]
        by: Option<i64>,
        #[arg(long)]
        none: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct EditContact {
    id: i64,
    #[arg(long)]
    first_name: Option<String>,
    #[arg(long)]
    last_name: Option<String>,
    /// Dr., Mrs…
    #[arg(long)]
    prefix: Option<String>,
    #[arg(long)]
    nickname: Option<String>,
    #[arg(long)]
    company: Option<String>,
    #[arg(long)]
    job_title: Option<String>,
    /// May be given several times; replaces the contact's emails.
    #[arg(long)]
    email: Vec<String>,
    /// May be given several times; replaces the contact's phones.
    #[arg(long)]
    phone: Vec<String>,
    /// YYYY-MM-DD, or --MM-DD without the year; "" clears it.
    #[arg(long, allow_hyphen_values = true)]
    birthday: Option<String>,
    /// YYYY-MM-DD; "" clears it.
    #[arg(long)]
    customer_since: Option<String>,
    /// Keep in touch at least every N days; "" clears it.
    #[arg(long)]
    keep_in_touch_days: Option<String>,
    /// May be given several times; replaces the contact's tags.
    #[arg(long)]
    tag: Vec<String>,
    #[arg(long)]
    notes: Option<String>,
    #[arg(long)]
    family: Option<String>,
    #[arg(long)]
    interests: Option<String>,
    #[arg(long)]
    talked_about: Option<String>,
    /// The first postal address: street lines, city, region, postal code and country.
    #[arg(long)]
    street: Option<String>,
    #[arg(long)]
    city: Option<String>,
    #[arg(long)]
    region: Option<String>,
    #[arg(long)]
    postal_code: Option<String>,
    #[arg(long)]
    country: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum TouchpointEditCommand {
    /// Mark complaint ID as put right (or open again with --reopen).
    Resolve {
        id: i64,
        #[arg(long)]
        reopen: bool,
        #[arg(long)]
        json: bool,
    },
    /// Correct touchpoint ID: its kind, date, note or who handled it.
    Edit {
        id: i64,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        note: Option<String>,
        /// YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        by: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Remove touchpoint ID from the timeline: one logged by mistake, or the Undo of a gesture,
    /// a complaint's step or a follow-up done (which opens the follow-up again).
    Delete {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

/// What a command on several contacts did.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Changed<'a> {
    action: &'a str,
    changed: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    tag: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Deleted {
    id: i64,
    display_name: String,
    touchpoints: usize,
}

pub fn contacts(
    data_dir: &Path,
    command: EditCommand,
    today: chrono::NaiveDate,
) -> Result<String, String> {
    match command {
        EditCommand::Edit(edit) => {
            let json = edit.json;
            let mut book = open(data_dir)?;
            let id = edit.id;
            let read = book.contact(id).map_err(message)?;
            let mut fields = read.contact.fields.clone();
            (*edit).apply(&mut fields)?;
            // Saved as the window saves: a change the window (or another desk) saved since
            // this read is kept, and a field both changed is refused, never overwritten.
            let saved = book
                .save_contact_edit(
                    id,
                    ContactEdit {
                        base: read.contact.fields,
                        base_version: read.version,
                        input: fields,
                    },
                    today,
                )
                .map_err(message)?;
            let detail = match saved {
                ContactSave::Saved { detail, .. } => *detail,
                ContactSave::Conflict { conflict } => {
                    let fields: Vec<&str> =
                        conflict.fields.iter().map(|f| f.label.as_str()).collect();
                    return Err(format!(
                        "Contact #{id} was changed elsewhere while this edit was made ({}); nothing was saved. Run the edit again.",
                        fields.join(", ")
                    ));
                }
            };
            Ok(if json {
                to_json(&detail)
            } else {
                format!("Saved {} (#{id}).", detail.contact.display_name)
            })
        }
        EditCommand::Tag { ids, tag, json } => {
            let mut book = open(data_dir)?;
            known(&book, &ids)?;
            let changed = book.tag(&ids, &tag).map_err(message)?;
            Ok(report("tag", changed, Some(tag.as_str()), json))
        }
        EditCommand::Untag { ids, tag, json } => {
            let mut book = open(data_dir)?;
            known(&book, &ids)?;
            let changed = book.untag(&ids, &tag).map_err(message)?;
            Ok(report("untag", changed, Some(tag.as_str()), json))
        }
        EditCommand::Archive { ids, json } => {
            let mut book = open(data_dir)?;
            known(&book, &ids)?;
            let changed = book.set_archived(&ids, true).map_err(message)?;
            Ok(report("archive", changed, None, json))
        }
        EditCommand::Restore { ids, json } => {
            let mut book = open(data_dir)?;
            known(&book, &ids)?;
            let changed = book.set_archived(&ids, false).map_err(message)?;
            Ok(report("restore", changed, None, json))
        }
        EditCommand::Delete { id, yes, json } => {
            let mut book = open(data_dir)?;
            let name = book.contact(id).map_err(message)?.contact.display_name;
            if !yes {
                return Err(format!(
                    "deleting {name} (#{id}) removes the contact and its timeline for good; add --yes to delete, or keep them with `rapport contacts archive {id}`"
                ));
            }
            let deleted = book.delete_contact(id).map_err(message)?;
            let out = Deleted {
                id,
                display_name: deleted.contact.display_name,
                touchpoints: deleted.timeline.len(),
            };
            Ok(if json {
                to_json(&out)
            } else {
                format!("Deleted {} (#{id}).", out.display_name)
            })
        }
        EditCommand::Merge {
            keep,
            other,
            prefer,
            json,
        } => {
            let picks = prefer
                .iter()
                .filter(|p| !p.trim().is_empty())
                .map(|p| parse_pick(p.as_str()))
                .collect::<Result<Vec<_>, _>>()?;
            let mut book = open(data_dir)?;
            let other_name = book.contact(other).map_err(message)?.contact.display_name;
            let detail = book
                .merge_contacts(keep, other, &picks, today)
                .map_err(message)?;
            Ok(if json {
                to_json(&detail)
            } else {
                merged(&detail, &other_name, other)
            })
        }
        EditCommand::Refer { id, by, json, .. } => {
            let mut book = open(data_dir)?;
            book.set_referrer(id, by, today).map_err(message)?;
            let detail = book.contact(id).map_err(message)?;
            Ok(if json {
                to_json(&detail)
            } else {
                match &detail.referred_by {
                    Some(referrer) => format!(
                        "{} was sent to us by {} ({}).",
                        detail.contact.display_name, referrer.display_name, referrer.id
                    ),
                    None => format!(
                        "Nobody is noted as having sent us {}.",
                        detail.contact.display_name
                    ),
                }
            })
        }
    }
}

pub fn touchpoint(
    data_dir: &Path,
    command: TouchpointEditCommand,
    today: chrono::NaiveDate,
) -> Result<String, String> {
    match command {
        TouchpointEditCommand::Resolve { id, reopen, json } => {
            let touchpoint = open(data_dir)?
                .set_complaint_resolved(id, !reopen)
                .map_err(message)?;
            Ok(if json {
                to_json(&touchpoint)
            } else if reopen {
                format!("Complaint {id} is open again.")
            } else {
                format!("Complaint {id} is resolved.")
            })
        }
        TouchpointEditCommand::Edit {
            id,
            kind,
            note,
            date,
            by,
            json,
        } => {
            let kind = kind.as_deref().map(TouchpointKind::parse).transpose()?;
            let date = date
                .map(|text| {
                    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                        .map_err(|_| format!("--date \"{text}\" is not a date; write YYYY-MM-DD"))
                })
                .transpose()?;
            let mut book = open(data_dir)?;
            let current = book.touchpoint(id).map_err(message)?;
            let edit = NewTouchpoint {
                kind: kind.unwrap_or(current.kind),
                happened_on: date.unwrap_or(current.happened_on),
                note: note.unwrap_or(current.note),
                handled_by: by.unwrap_or(current.handled_by),
            };
            let touchpoint = book.edit_touchpoint(id, edit, today).map_err(message)?;
            Ok(if json {
                to_json(&touchpoint)
            } else {
                format!(
                    "Touchpoint {id}: {} on {}.",
                    touchpoint.kind.as_str(),
                    touchpoint.happened_on
                )
            })
        }
        TouchpointEditCommand::Delete { id, json } => {
            let mut book = open(data_dir)?;
            let gone = book.touchpoint(id).map_err(message)?;
            book.delete_touchpoint(id).map_err(message)?;
            Ok(if json {
                to_json(&gone)
            } else {
                format!(
                    "Touchpoint {id} ({} on {}) removed from contact {}'s timeline.",
                    gone.kind.as_str(),
                    gone.happened_on,
                    gone.contact_id
                )
            })
        }
    }
}

impl EditContact {
    /// Puts the given flags over the stored fields; checking is the book's.
    fn apply(self, f: &mut rapport_core::contacts::ContactInput) -> Result<(), String> {
        let set = |field: &mut String, value: Option<String>| {
            if let Some(value) = value {
                *field = value;
            }
        };
        set(&mut f.given_name, self.first_name);
        set(&mut f.family_name, self.last_name);
        set(&mut f.prefix, self.prefix);
        set(&mut f.nickname, self.nickname);
        set(&mut f.company, self.company);
        set(&mut f.job_title, self.job_title);
        set(&mut f.notes, self.notes);
        set(&mut f.family, self.family);
        set(&mut f.interests, self.interests);
        set(&mut f.talking_points, self.talked_about);
        if !self.email.is_empty() {
            f.emails = labeled(self.email, &f.emails, "work");
        }
        if !self.phone.is_empty() {
            f.phones = labeled(self.phone, &f.phones, "mobile");
        }
        if !self.tag.is_empty() {
            f.tags = self
                .tag
                .into_iter()
                .filter(|t| !t.trim().is_empty())
                .collect();
        }
        if let Some(text) = self.birthday {
            f.birthday = blank_or(&text, Birthday::parse)?;
        }
        if let Some(text) = self.customer_since {
            f.customer_since = blank_or(&text, |t| {
                chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
                    format!("--customer-since \"{t}\" is not a date; write YYYY-MM-DD")
                })
            })?;
        }
        if let Some(text) = self.keep_in_touch_days {
            f.keep_in_touch_days = blank_or(&text, |t| {
                t.parse::<u32>().map_err(|_| {
                    format!("--keep-in-touch-days \"{t}\" is not a number of days; write e.g. 30, or \"\" for none")
                })
            })?;
        }
        let address_parts = [
            self.street,
            self.city,
            self.region,
            self.postal_code,
            self.country,
        ];
        if address_parts.iter().any(Option::is_some) {
            if f.addresses.is_empty() {
                f.addresses.push(PostalAddress {
                    label: "home".into(),
                    ..PostalAddress::default()
                });
            }
            let [street, city, region, postal_code, country] = address_parts;
            if let Some(first) = f.addresses.first_mut() {
                set(&mut first.street, street);
                set(&mut first.city, city);
                set(&mut first.region, region);
                set(&mut first.postal_code, postal_code);
                set(&mut first.country, country);
            }
            f.addresses.retain(|a| !a.is_empty());
        }
        Ok(())
    }
}

/// The new values, each keeping the label of the value it replaces where there was one.
fn labeled(values: Vec<String>, old: &[LabeledValue], default: &str) -> Vec<LabeledValue> {
    values
        .into_iter()
        .filter(|v| !v.trim().is_empty())
        .enumerate()
        .map(|(i, value)| LabeledValue {
            label: old.get(i).map_or(default, |o| o.label.as_str()).to_string(),
            value,
        })
        .collect()
}

/// None for an empty value (the field is cleared), else the parsed value.
fn blank_or<T, E: Into<String>>(
    text: &str,
    parse: impl Fn(&str) -> Result<T, E>,
) -> Result<Option<T>, String> {
    let text = text.trim();
    if text.is_empty() {
        Ok(None)
    } else {
        parse(text).map(Some).map_err(Into::into)
    }
}

/// The names `--prefer` takes, as the other flags spell them.
const FIELD_NAMES: [(&str, MergeField); 13] = [
    ("first-name", MergeField::GivenName),
    ("last-name", MergeField::FamilyName),
    ("prefix", MergeField::Prefix),
    ("nickname", MergeField::Nickname),
    ("company", MergeField::Company),
    ("job-title", MergeField::JobTitle),
    ("birthday", MergeField::Birthday),
    ("customer-since", MergeField::CustomerSince),
    ("keep-in-touch-days", MergeField::KeepInTouchDays),
    ("family", MergeField::Family),
    ("interests", MergeField::Interests),
    ("talked-about", MergeField::TalkingPoints),
    ("notes", MergeField::Notes),
];

/// `other:birthday` (the other contact's value) or `keep:notes`.
fn parse_pick(text: &str) -> Result<FieldPick, String> {
    let text = text.trim();
    let (side, field) = text.split_once(':').ok_or_else(|| {
        format!("--prefer \"{text}\" names no side; write other:FIELD or keep:FIELD, e.g. other:birthday")
    })?;
    let incoming = match side.trim().to_ascii_lowercase().as_str() {
        "other" => true,
        "keep" => false,
        _ => {
            return Err(format!(
                "--prefer \"{text}\": \"{side}\" is not a side; write other or keep"
            ))
        }
    };
    let wanted = field.trim().to_ascii_lowercase().replace('_', "-");
    let field = FIELD_NAMES
        .iter()
        .find(|(name, _)| *name == wanted)
        .map(|(_, field)| *field)
        .ok_or_else(|| {
            let names: Vec<&str> = FIELD_NAMES.iter().map(|(name, _)| *name).collect();
            format!(
                "--prefer \"{text}\": \"{field}\" is not a field a merge chooses; use one of {} (emails, phones, addresses and tags are always combined)",
                names.join(", ")
            )
        })?;
    Ok(FieldPick { field, incoming })
}

/// A script that names a contact that is not there is told so, before anything changes.
fn known(book: &rapport_core::Book, ids: &[i64]) -> Result<(), String> {
    for id in ids {
        book.contact(*id).map_err(message)?;
    }
    Ok(())
}

fn report(action: &str, changed: u32, tag: Option<&str>, json: bool) -> String {
    if json {
        return to_json(&Changed {
            action,
            changed,
            tag: tag.map(str::trim),
        });
    }
    let people = if changed == 1 { "contact" } else { "contacts" };
    match (action, tag) {
        ("tag", Some(tag)) => format!("Tagged {changed} {people} {}.", tag.trim()),
        ("untag", Some(tag)) => format!("Took {} off {changed} {people}.", tag.trim()),
        ("archive", _) => format!("Archived {changed} {people}."),
        _ => format!("Restored {changed} {people}."),
    }
}

fn merged(detail: &ContactDetail, other_name: &str, other: i64) -> String {
    format!(
        "Merged {other_name} (#{other}) into {} (#{}); the timeline has {} entries.",
        detail.contact.display_name,
        detail.contact.id,
        detail.timeline.len()
    )
}
