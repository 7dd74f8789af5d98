//! `rapport contacts …` and `rapport touchpoint …`.

use std::path::Path;

use clap::{Args, Subcommand};
use rapport_core::contacts::{
    Birthday, ContactDetail, ContactInput, ContactSummary, LabeledValue, ListQuery, NewTouchpoint,
    PostalAddress, TouchpointKind,
};

use rapport_core::photos::read_picture_file;

use super::{message, open, to_json};

#[derive(Subcommand)]
pub enum ContactsCommand {
    /// Add a contact and print its id.
    Add(Box<AddContact>),
    /// List active contacts by name.
    List {
        /// Only contacts with this tag.
        #[arg(long)]
        tag: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Search by any part of name, company, email, phone, tag or notes (accents optional).
    Search {
        query: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Show one contact with its timeline.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Give contact ID a photo from FILE (JPEG, PNG or WebP), or take it away with --remove.
    Photo {
        id: i64,
        #[arg(required_unless_present = "remove", conflicts_with = "remove")]
        file: Option<std::path::PathBuf>,
        #[arg(long)]
        remove: bool,
    },
    #[command(flatten)]
    Change(super::contact_edit::EditCommand),
}

#[derive(Args)]
pub struct AddContact {
    #[arg(long)]
    first_name: String,
    #[arg(long, default_value = "")]
    last_name: String,
    #[arg(long, default_value = "")]
    company: String,
    #[arg(long, default_value = "")]
    job_title: String,
    /// May be given several times.
    #[arg(long)]
    email: Vec<String>,
    /// May be given several times.
    #[arg(long)]
    phone: Vec<String>,
    /// YYYY-MM-DD, or --MM-DD without the year.
    #[arg(long, allow_hyphen_values = true)]
    birthday: Option<String>,
    /// YYYY-MM-DD.
    #[arg(long)]
    customer_since: Option<String>,
    /// Keep in touch at least every N days.
    #[arg(long)]
    keep_in_touch_days: Option<u32>,
    /// May be given several times.
    #[arg(long)]
    tag: Vec<String>,
    #[arg(long, default_value = "")]
    notes: String,
    /// Spouse, children, pets.
    #[arg(long, default_value = "")]
    family: String,
    #[arg(long, default_value = "")]
    interests: String,
    /// What you talked about last time.
    #[arg(long, default_value = "")]
    talked_about: String,
    /// The postal address (home): street lines, city, region, postal code and country.
    #[arg(long, default_value = "")]
    street: String,
    #[arg(long, default_value = "")]
    city: String,
    #[arg(long, default_value = "")]
    region: String,
    #[arg(long, default_value = "")]
    postal_code: String,
    /// ISO code (US, GB, DE, JP…) or the country's name.
    #[arg(long, default_value = "")]
    country: String,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum TouchpointCommand {
    /// Log a touchpoint on contact ID.
    Add {
        id: i64,
        /// call, email, meeting, purchase, compliment, complaint, note or question.
        #[arg(long)]
        kind: String,
        #[arg(long, default_value = "")]
        note: String,
        /// YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
        /// Who on the staff handled it.
        #[arg(long, default_value = "")]
        by: String,
        /// A promise made to the customer in it ("A new cake by Friday"): their page shows the
        /// last one made.
        #[arg(long, default_value = "")]
        promise: String,
        #[arg(long)]
        json: bool,
    },
    #[command(flatten)]
    Change(super::contact_edit::TouchpointEditCommand),
}

pub fn contacts(
    data_dir: &Path,
    command: ContactsCommand,
    today: chrono::NaiveDate,
) -> Result<String, String> {
    match command {
        ContactsCommand::Add(add) => {
            let json = add.json;
            let input = add.into_input()?.validated(today).map_err(message)?;
            let detail = open(data_dir)?
                .create_contact(input, today)
                .map_err(message)?;
            Ok(if json {
                to_json(&detail)
            } else {
                detail.contact.id.to_string()
            })
        }
        ContactsCommand::List { tag, json } => {
            let book = open(data_dir)?;
            let mut rows = Vec::new();
            let mut query = ListQuery {
                tag,
                limit: 500,
                ..ListQuery::default()
            };
            loop {
                let page = book.list(&query).map_err(message)?;
                let fetched = page.rows.len();
                rows.extend(page.rows);
                if fetched == 0 || rows.len() >= page.total as usize {
                    break;
                }
                query.offset += fetched as u32;
            }
            Ok(if json { to_json(&rows) } else { table(&rows) })
        }
        ContactsCommand::Search { query, limit, json } => {
            let book = open(data_dir)?;
            let page = book
                .list(&ListQuery {
                    search: query,
                    limit: limit.clamp(1, 500),
                    ..ListQuery::default()
                })
                .map_err(message)?;
            Ok(if json {
                to_json(&page.rows)
            } else {
                table(&page.rows)
            })
        }
        ContactsCommand::Photo { id, file, remove } => {
            let mut book = open(data_dir)?;
            // The contact is looked up first, so a wrong id is said before the file is read.
            let name = book.contact(id).map_err(message)?.contact.display_name;
            match file {
                Some(file) if !remove => {
                    let bytes = read_picture_file(&file).map_err(|e| message(e.into()))?;
                    book.set_contact_photo(id, &bytes).map_err(message)?;
                    Ok(format!("Photo of {name} saved."))
                }
                _ => Ok(if book.remove_contact_photo(id).map_err(message)? {
                    format!("Photo of {name} removed.")
                } else {
                    format!("{name} has no photo.")
                }),
            }
        }
        ContactsCommand::Change(command) => super::contact_edit::contacts(data_dir, command, today),
        ContactsCommand::Show { id, json } => {
            let detail = open(data_dir)?.contact(id).map_err(message)?;
            Ok(if json {
                to_json(&detail)
            } else {
                describe(&detail)
            })
        }
    }
}

pub fn touchpoint(
    data_dir: &Path,
    command: TouchpointCommand,
    today: chrono::NaiveDate,
) -> Result<String, String> {
    match command {
        TouchpointCommand::Change(command) => {
            super::contact_edit::touchpoint(data_dir, command, today)
        }
        TouchpointCommand::Add {
            id,
            kind,
            note,
            date,
            by,
            promise,
            json,
        } => {
            let kind = TouchpointKind::parse(&kind)?;
            let happened_on = match date {
                Some(text) => chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                    .map_err(|_| format!("--date \"{text}\" is not a date; write YYYY-MM-DD"))?,
                None => today,
            };
            let new = NewTouchpoint {
                kind,
                happened_on,
                note,
                handled_by: by,
            };
            new.validate(today).map_err(message)?;
            let touchpoint = open(data_dir)?
                .log_promise(id, new, &promise, today)
                .map_err(message)?;
            Ok(if json {
                to_json(&touchpoint)
            } else {
                format!(
                    "Logged {} on {} (touchpoint {}).",
                    touchpoint.kind.as_str(),
                    touchpoint.happened_on,
                    touchpoint.id
                )
            })
        }
    }
}

impl AddContact {
    fn into_input(self) -> Result<ContactInput, String> {
        let birthday = self.birthday.as_deref().map(Birthday::parse).transpose()?;
        let customer_since = self
            .customer_since
            .as_deref()
            .map(|text| {
                chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                    format!("--customer-since \"{text}\" is not a date; write YYYY-MM-DD")
                })
            })
            .transpose()?;
        let labeled = |values: Vec<String>, label: &str| {
            values
                .into_iter()
                .map(|value| LabeledValue {
                    label: label.into(),
                    value,
                })
                .collect()
        };
        Ok(ContactInput {
            given_name: self.first_name,
            family_name: self.last_name,
            company: self.company,
            job_title: self.job_title,
            emails: labeled(self.email, "work"),
            phones: labeled(self.phone, "mobile"),
            birthday,
            customer_since,
            keep_in_touch_days: self.keep_in_touch_days,
            tags: self.tag,
            notes: self.notes,
            family: self.family,
            interests: self.interests,
            talking_points: self.talked_about,
            addresses: vec![PostalAddress {
                label: "home".into(),
                street: self.street,
                city: self.city,
                region: self.region,
                postal_code: self.postal_code,
                country: self.country,
            }],
            ..ContactInput::default()
        })
    }
}

fn table(rows: &[ContactSummary]) -> String {
    rows.iter()
        .map(|r| {
            let mut line = format!("{}\t{}", r.id, r.display_name);
            for extra in [&r.company, &r.email, &r.phone] {
                line.push('\t');
                line.push_str(extra);
            }
            line.push('\t');
            line.push_str(&r.tags.join(", "));
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn describe(detail: &ContactDetail) -> String {
    let c = &detail.contact;
    let f = &c.fields;
    let mut out = vec![format!("{} (#{})", c.display_name, c.id)];
    if !f.company.is_empty() || !f.job_title.is_empty() {
        out.push(
            [f.job_title.as_str(), f.company.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    out.extend(
        f.emails
            .iter()
            .map(|e| format!("email ({}): {}", e.label, e.value)),
    );
    out.extend(
        f.phones
            .iter()
            .map(|p| format!("phone ({}): {}", p.label, p.value)),
    );
    if let Some(b) = f.birthday {
        out.push(format!("birthday: {}", b.to_text()));
    }
    if let Some(since) = f.customer_since {
        out.push(format!("customer since: {since}"));
    }
    if !f.tags.is_empty() {
        out.push(format!("tags: {}", f.tags.join(", ")));
    }
    if let Some(last) = c.last_contacted {
        out.push(format!("last contacted: {last}"));
    }
    if c.archived {
        out.push("archived".into());
    }
    if let Some(p) = detail.promises.first() {
        let by = if p.made_by.is_empty() {
            String::new()
        } else {
            format!(", {}", p.made_by)
        };
        out.push(format!("last promise: {} ({}{by})", p.promise, p.made_on));
    }
    for t in &detail.timeline {
        let by = if t.handled_by.is_empty() {
            String::new()
        } else {
            format!(" ({})", t.handled_by)
        };
        out.push(format!(
            "{}  {}{}  {}",
            t.happened_on,
            t.kind.as_str(),
            by,
            t.note
        ));
    }
    out.join("\n")
}
