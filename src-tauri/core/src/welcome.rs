//! A personal welcome for a new customer: a message from a template with merge fields and the
//! team's picture (optionally with the customer's name written on it), saved as an `.eml` draft
//! for the owner's mail client, sent over SMTP, or printed as a card; recorded on the customer's
//! timeline.

use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine;
use chrono::NaiveDate;
use lettre::message::header::{self, ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Address, Message, SmtpTransport, Transport};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use std::sync::atomic::AtomicBool;

use crate::cards::{self, CardDesign, CardFormat, CardJob, CardRecipient, FontSet, Motif};
use crate::contacts::{clean_line, NewTouchpoint, TouchpointKind};
use crate::error::{Error, Result};
use crate::merge::{self, MergeValues, UnknownField, CONTACT_FIELDS};
use crate::photos::{self, PhotoKind};
use crate::store::NewPhoto;
use crate::{whiteboard, Book};

/// Fields a welcome may use besides the contact's own.
pub const WELCOME_FIELDS: &[(&str, &str)] = &[
    ("business_name", "your business's name (Settings)"),
    ("signature", "your signature (Settings)"),
    (
        "staff_names",
        "the names of your active staff, e.g. Ann, Bo and Cy",
    ),
];

pub const DEFAULT_SUBJECT: &str = "Welcome to {business_name}, {first_name}!";
pub const DEFAULT_BODY: &str = "Dear {first_name},

Thank you for choosing {business_name}. All of us here — {staff_names} — are so glad you found us, and we look forward to getting to know you.

The picture is us, saying hello. Whenever you need anything, simply reply to this message or give us a call: one of us will answer, not a machine.

Warm regards,
{signature}";

/// Settings the owner can change, with what each is for.
pub const SETTINGS: &[(&str, &str)] = &[
    ("business_name", "your business's name, used in messages"),
    (
        "business_address",
        "your postal address, printed as the return address on envelopes (one line each)",
    ),
    (
        "label_offset_mm",
        "how far label sheets print off on your printer, in mm right and down: X,Y",
    ),
    (
        "signature",
        "how you sign a message (several lines allowed)",
    ),
    (
        "from_email",
        "the address messages come from, e.g. ann@bakery.example",
    ),
    (
        "welcome_subject",
        "the welcome message's subject (merge fields allowed)",
    ),
    (
        "welcome_body",
        "the welcome message's text (merge fields allowed)",
    ),
    (
        "default_photo",
        "the photo id attached to welcomes by default",
    ),
    (
        "default_whiteboard",
        "yes: write the customer's name on the default photo",
    ),
    (
        "smtp_host",
        "your mail provider's SMTP server, e.g. smtp.example.com",
    ),
    ("smtp_port", "the SMTP port (587 for STARTTLS, 465 for TLS)"),
    (
        "smtp_security",
        "starttls, tls, or plain (plain only for a server on this machine)",
    ),
    (
        "smtp_user",
        "the SMTP user name; the password is kept in the system keyring",
    ),
];

/// The keyring service the SMTP password is stored under.
pub const KEYRING_SERVICE: &str = "rapport-smtp";
/// For scripts and machines without a keyring.
pub const PASSWORD_ENV: &str = "RAPPORT_SMTP_PASSWORD";

#[derive(Debug, thiserror::Error)]
pub enum WelcomeError {
    #[error("{name} has no email address. Add one on their page, then welcome them.")]
    NoEmail { name: String },
    #[error("The email address {address:?} cannot be used ({reason}). Correct it and try again.")]
    BadAddress { address: String, reason: String },
    #[error("The welcome template uses fields Rapport does not know: {}. Correct them in Settings (known fields: {}).", .fields.join(", "), known_fields().join(", "))]
    UnknownFields { fields: Vec<String> },
    #[error("Set the address your messages come from first: Settings → Your email (rapport settings set from_email you@example.com).")]
    NoSender,
    #[error("Set your mail provider's SMTP server first: Settings → SMTP server (rapport settings set smtp_host smtp.example.com).")]
    NoSmtpServer,
    #[error("Sending without encryption is only allowed to a server on this machine; {host} needs smtp_security starttls or tls.")]
    PlainNotLocal { host: String },
    #[error("No SMTP password is available: {detail}. Store it with `rapport settings smtp-password` where a keyring exists, or set the environment variable {PASSWORD_ENV} for scripts.")]
    NoPassword { detail: String },
    #[error("The system keyring could not store the password ({detail}). On a machine without a keyring, set the environment variable {PASSWORD_ENV} instead.")]
    Keyring { detail: String },
    #[error("The message could not be built ({detail}).")]
    Build { detail: String },
    #[error("The mail server did not take the message: {detail}. Check the SMTP settings and your connection, then retry; messages already sent are not sent twice.")]
    Send { detail: String },
    #[error("There is no setting {key:?}. Settings: {}.", SETTINGS.iter().map(|s| s.0).collect::<Vec<_>>().join(", "))]
    UnknownSetting { key: String },
    #[error("Rapport cannot write {path}: {reason}.")]
    Write { path: String, reason: String },
    #[error("The card would show boxes instead of these characters: {missing}. No font on this machine has them; install a font for that script (for example the Noto fonts), then print again.")]
    Unprintable { missing: String },
    #[error("The welcome card could not be made: {detail}")]
    Card { detail: String },
}

impl WelcomeError {
    pub fn code(&self) -> &'static str {
        match self {
            WelcomeError::NoEmail { .. } | WelcomeError::BadAddress { .. } => "noEmail",
            WelcomeError::UnknownFields { .. } => "unknownFields",
            WelcomeError::NoSender
            | WelcomeError::NoSmtpServer
            | WelcomeError::PlainNotLocal { .. }
            | WelcomeError::UnknownSetting { .. } => "settings",
            WelcomeError::NoPassword { .. } | WelcomeError::Keyring { .. } => "noPassword",
            WelcomeError::Build { .. } => "build",
            WelcomeError::Send { .. } => "send",
            WelcomeError::Write { .. } => "cannotWrite",
            WelcomeError::Unprintable { .. } | WelcomeError::Card { .. } => "card",
        }
    }
}

fn known_fields() -> Vec<&'static str> {
    CONTACT_FIELDS
        .iter()
        .chain(WELCOME_FIELDS)
        .map(|f| f.0)
        .collect()
}

/// Which picture goes with the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum PhotoChoice {
    /// The default photo from Settings (none when none is set).
    Default,
    /// No picture.
    None,
    /// This photo, optionally with the customer's name written on it.
    Photo {
        #[ts(type = "number")]
        id: i64,
        whiteboard: bool,
    },
}

/// A finished message for one customer.
#[derive(Debug, Clone)]
pub struct WelcomeMessage {
    pub contact_id: i64,
    pub to_name: String,
    pub to_email: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub photo_jpeg: Option<Vec<u8>>,
}

/// What the composer shows: the message as the customer will see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WelcomePreview {
    #[ts(type = "number")]
    pub contact_id: i64,
    pub to: String,
    pub subject: String,
    pub text: String,
    /// `data:image/jpeg;base64,…`, or none without a picture.
    pub photo_data_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SendResult {
    #[ts(type = "number")]
    pub contact_id: i64,
    /// pending, sent or failed
    pub status: String,
    pub message_id: String,
    pub error: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SendReport {
    #[ts(type = "number")]
    pub batch: i64,
    pub sent: u32,
    pub failed: u32,
    pub results: Vec<SendResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DraftSaved {
    pub path: String,
    pub message_id: String,
    /// The "welcome sent" recorded on the timeline (deleting it undoes the mark).
    #[ts(type = "number")]
    pub touchpoint_id: i64,
}

/// A printed welcome card, written and recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CardPrinted {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: i64,
    /// The "welcome sent" recorded on the timeline (deleting it undoes the mark).
    #[ts(type = "number")]
    pub touchpoint_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingValue {
    pub key: String,
    pub value: String,
    pub description: String,
}

// ----- settings -----

/// A setting's value, with the built-in default for the templates.
pub fn setting(book: &Book, key: &str) -> Result<String> {
    if !SETTINGS.iter().any(|s| s.0 == key) {
        return Err(WelcomeError::UnknownSetting { key: key.into() }.into());
    }
    let stored = book.store().setting(key)?;
    Ok(match (stored, key) {
        (Some(v), _) => v,
        (None, "welcome_subject") => DEFAULT_SUBJECT.into(),
        (None, "welcome_body") => DEFAULT_BODY.into(),
        (None, _) => String::new(),
    })
}

pub fn settings(book: &Book) -> Result<Vec<SettingValue>> {
    SETTINGS
        .iter()
        .map(|(key, description)| {
            Ok(SettingValue {
                key: key.to_string(),
                value: setting(book, key)?,
                description: description.to_string(),
            })
        })
        .collect()
}

/// Checks and stores a setting.
pub fn set_setting(book: &mut Book, key: &str, value: &str) -> Result<()> {
    let multiline = matches!(key, "signature" | "welcome_body" | "business_address");
    let value = if multiline {
        value.replace("\r\n", "\n").trim().to_string()
    } else {
        clean_line(value)
    };
    if value.chars().count() > 10_000 {
        return Err(Error::invalid(key, "at most 10,000 characters"));
    }
    match key {
        "label_offset_mm" if !value.is_empty() => {
            crate::cards::parse_offset_mm(&value).map_err(|e| Error::invalid(key, e))?;
        }
        "welcome_subject" | "welcome_body" => {
            let unknown = merge::unknown_fields(&value, &known_fields());
            if !unknown.is_empty() {
                return Err(Error::invalid(key, unknown_message(&unknown)));
            }
        }
        "from_email" if !value.is_empty() => {
            value
                .parse::<Address>()
                .map_err(|e| Error::invalid(key, format!("not an email address ({e})")))?;
        }
        "default_photo" if !value.is_empty() => {
            let id: i64 = value
                .parse()
                .map_err(|_| Error::invalid(key, "a photo number from `rapport photos list`"))?;
            book.store().photo(id)?;
        }
        "default_whiteboard" if !matches!(value.as_str(), "" | "yes" | "no") => {
            return Err(Error::invalid(key, "yes or no"));
        }
        "smtp_port" if !value.is_empty() => {
            value
                .parse::<u16>()
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| Error::invalid(key, "a port number such as 587"))?;
        }
        "smtp_security" if !matches!(value.as_str(), "" | "starttls" | "tls" | "plain") => {
            return Err(Error::invalid(key, "starttls, tls or plain"));
        }
        _ if !SETTINGS.iter().any(|s| s.0 == key) => {
            return Err(WelcomeError::UnknownSetting { key: key.into() }.into());
        }
        _ => {}
    }
    book.store_mut().set_setting(key, &value)
}

fn unknown_message(unknown: &[UnknownField]) -> String {
    let names: Vec<String> = unknown.iter().map(|u| format!("{{{}}}", u.name)).collect();
    format!(
        "unknown fields {}; known: {}",
        names.join(", "),
        known_fields().join(", ")
    )
}

/// Keeps the SMTP password in the system keyring.
pub fn store_smtp_password(user: &str, password: &str) -> Result<()> {
    let entry = keyring::Entry::new(KEYRING_SERVICE, user).map_err(|e| WelcomeError::Keyring {
        detail: e.to_string(),
    })?;
    entry
        .set_password(password)
        .map_err(|e| WelcomeError::Keyring {
            detail: e.to_string(),
        })?;
    Ok(())
}

fn smtp_password(user: &str) -> Result<String, WelcomeError> {
    if let Ok(password) = std::env::var(PASSWORD_ENV) {
        return Ok(password);
    }
    let entry =
        keyring::Entry::new(KEYRING_SERVICE, user).map_err(|e| WelcomeError::NoPassword {
            detail: e.to_string(),
        })?;
    entry.get_password().map_err(|e| WelcomeError::NoPassword {
        detail: match e {
            keyring::Error::NoEntry => "none is stored in the keyring".into(),
            keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_) => {
                format!("this machine has no usable keyring ({e})")
            }
            other => other.to_string(),
        },
    })
}

// ----- composing -----

/// The words and picture of a welcome, before any address is needed (a printed card has none).
struct Content {
    display_name: String,
    values: MergeValues,
    subject: String,
    text: String,
    photo_jpeg: Option<Vec<u8>>,
    /// The body template names `{signature}` itself.
    body_has_signature: bool,
}

fn content(
    book: &Book,
    contact: &crate::contacts::Contact,
    choice: &PhotoChoice,
    today: NaiveDate,
) -> Result<Content> {
    let subject_template = setting(book, "welcome_subject")?;
    let body_template = setting(book, "welcome_body")?;
    let known = known_fields();
    let mut unknown = merge::unknown_fields(&subject_template, &known);
    unknown.extend(merge::unknown_fields(&body_template, &known));
    if !unknown.is_empty() {
        return Err(WelcomeError::UnknownFields {
            fields: unknown
                .into_iter()
                .map(|u| format!("{{{}}}", u.name))
                .collect(),
        }
        .into());
    }
    let mut values = MergeValues::for_contact(contact, today);
    values
        .set("business_name", setting(book, "business_name")?)
        .set("signature", setting(book, "signature")?)
        .set("staff_names", staff_names(book)?);
    // A subject is one line whatever the values hold.
    let subject = clean_line(&merge::fill(&subject_template, &values));
    let text = merge::fill(&body_template, &values);
    let photo_jpeg = picture(book, &board_words(&values), choice)?;
    let body_has_signature = merge::unknown_fields(&body_template, &[])
        .iter()
        .any(|f| f.name == "signature");
    Ok(Content {
        display_name: clean_line(&contact.display_name),
        values,
        subject,
        text,
        photo_jpeg,
        body_has_signature,
    })
}

/// The message for one customer, with the picture chosen.
pub fn compose(
    book: &Book,
    contact_id: i64,
    choice: &PhotoChoice,
    today: NaiveDate,
) -> Result<WelcomeMessage> {
    let contact = book.contact(contact_id)?.contact;
    let to_email = contact
        .fields
        .emails
        .first()
        .map(|e| e.value.trim().to_string())
        .filter(|e| !e.is_empty())
        .ok_or_else(|| WelcomeError::NoEmail {
            name: contact.display_name.clone(),
        })?;
    let content = content(book, &contact, choice, today)?;
    let html = html_body(&content.text, content.photo_jpeg.is_some());
    Ok(WelcomeMessage {
        contact_id,
        to_name: content.display_name,
        to_email,
        subject: content.subject,
        text: content.text,
        html,
        photo_jpeg: content.photo_jpeg,
    })
}

/// The words written on the whiteboard.
fn board_words(values: &MergeValues) -> String {
    let first = values.get("first_name").unwrap_or("");
    let company = values.get("company").unwrap_or("");
    let name = if first.is_empty() {
        values.get("full_name").unwrap_or("")
    } else {
        first
    };
    if company.is_empty() {
        format!("Welcome, {name}!")
    } else {
        format!("Welcome, {name} of {company}!")
    }
}

/// The text written on the whiteboard for a name and company (for previews and tests).
pub fn whiteboard_text(first_name: &str, company: &str) -> String {
    let mut values = MergeValues::new();
    values.set("first_name", first_name).set("company", company);
    board_words(&values)
}

fn staff_names(book: &Book) -> Result<String> {
    let names: Vec<String> = book
        .store()
        .staff()?
        .into_iter()
        .filter(|s| s.active)
        .map(|s| s.name)
        .collect();
    Ok(match names.as_slice() {
        [] => "the whole team".to_string(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    })
}

fn picture(book: &Book, board_text: &str, choice: &PhotoChoice) -> Result<Option<Vec<u8>>> {
    let (id, write) = match choice {
        PhotoChoice::None => return Ok(None),
        PhotoChoice::Photo { id, whiteboard } => (*id, *whiteboard),
        PhotoChoice::Default => {
            let Ok(id) = setting(book, "default_photo")?.parse::<i64>() else {
                return Ok(None);
            };
            (id, setting(book, "default_whiteboard")? == "yes")
        }
    };
    let info = book.store().photo(id)?;
    let jpeg = book.store().photo_jpeg(id, false)?;
    if !write {
        return Ok(Some(jpeg));
    }
    let image = photos::decode_stored(&jpeg)?;
    let area = info
        .board
        .unwrap_or_else(|| photos::default_board(info.width, info.height));
    let written = whiteboard::write_on_photo(&image, area, board_text);
    Ok(Some(photos::encode_jpeg(&written)?))
}

fn html_body(text: &str, with_photo: bool) -> String {
    let mut html = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>\n<body style=\"font-family: sans-serif; line-height: 1.5;\">\n",
    );
    let paragraphs: Vec<&str> = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        let lines: Vec<String> = paragraph.lines().map(escape_html).collect();
        html.push_str(&format!("<p>{}</p>\n", lines.join("<br>\n")));
        if i == 0 && with_photo {
            html.push_str(&format!(
                "<p><img src=\"cid:{PHOTO_CID}\" alt=\"Our team\" style=\"max-width: 100%; border-radius: 8px;\"></p>\n"
            ));
        }
    }
    html.push_str("</body></html>\n");
    html
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const PHOTO_CID: &str = "welcome-photo";

pub fn preview(
    book: &Book,
    contact_id: i64,
    choice: &PhotoChoice,
    today: NaiveDate,
) -> Result<WelcomePreview> {
    let message = compose(book, contact_id, choice, today)?;
    Ok(WelcomePreview {
        contact_id,
        to: format!("{} <{}>", message.to_name, message.to_email),
        subject: message.subject,
        text: message.text,
        photo_data_url: message.photo_jpeg.map(|jpeg| {
            format!(
                "data:image/jpeg;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(jpeg)
            )
        }),
    })
}

// ----- MIME -----

/// `X-Unsent: 1`: Outlook and Thunderbird open the file as a draft to send.
#[derive(Debug, Clone)]
struct XUnsent;

impl Header for XUnsent {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("X-Unsent")
    }

    fn parse(_: &str) -> std::result::Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(XUnsent)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "1".to_string())
    }
}

fn sender(book: &Book) -> Result<Mailbox> {
    let from = setting(book, "from_email")?;
    if from.is_empty() {
        return Err(WelcomeError::NoSender.into());
    }
    let address: Address =
        from.parse().map_err(
            |e: lettre::address::AddressError| WelcomeError::BadAddress {
                address: from.clone(),
                reason: e.to_string(),
            },
        )?;
    let name = setting(book, "business_name")?;
    Ok(Mailbox::new((!name.is_empty()).then_some(name), address))
}

/// The MIME message: related(alternative(text, html), inline photo).
pub fn build_message(message: &WelcomeMessage, from: Mailbox, draft: bool) -> Result<Message> {
    let address: Address =
        message
            .to_email
            .parse()
            .map_err(
                |e: lettre::address::AddressError| WelcomeError::BadAddress {
                    address: message.to_email.clone(),
                    reason: e.to_string(),
                },
            )?;
    let to = Mailbox::new(Some(clean_line(&message.to_name)), address);
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(clean_line(&message.subject))
        .date_now()
        .message_id(None);
    if draft {
        builder = builder.header(XUnsent);
    }
    let alternative = MultiPart::alternative()
        .singlepart(SinglePart::plain(message.text.clone()))
        .singlepart(SinglePart::html(message.html.clone()));
    let body = match &message.photo_jpeg {
        Some(jpeg) => {
            let content_type =
                ContentType::parse("image/jpeg").map_err(|e| WelcomeError::Build {
                    detail: e.to_string(),
                })?;
            MultiPart::related().multipart(alternative).singlepart(
                Attachment::new_inline_with_name(PHOTO_CID.into(), "welcome.jpg".into())
                    .body(jpeg.clone(), content_type),
            )
        }
        None => alternative,
    };
    Ok(builder.multipart(body).map_err(|e| WelcomeError::Build {
        detail: e.to_string(),
    })?)
}

fn message_id(message: &Message) -> String {
    message
        .headers()
        .get_raw(header::MessageId::name().as_ref())
        .unwrap_or("")
        .to_string()
}

/// Writes the welcome as an `.eml` draft (to `path`, or `<data-dir>/drafts/`) and records it on
/// the timeline: the owner sends it from their own mail client.
pub fn save_draft(
    book: &mut Book,
    contact_id: i64,
    choice: &PhotoChoice,
    today: NaiveDate,
    path: Option<&Path>,
    data_dir: &Path,
) -> Result<DraftSaved> {
    let message = compose(book, contact_id, choice, today)?;
    let built = build_message(&message, sender(book)?, true)?;
    let path = output_path(path, data_dir, "drafts", contact_id, today, "eml")?;
    std::fs::write(&path, built.formatted()).map_err(|e| WelcomeError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let message_id = message_id(&built);
    let touchpoint = book.log_touchpoint(
        contact_id,
        NewTouchpoint {
            kind: TouchpointKind::WelcomeSent,
            happened_on: today,
            note: format!("Welcome draft saved: {}", message.subject),
            handled_by: String::new(),
        },
        today,
    )?;
    Ok(DraftSaved {
        path: path.display().to_string(),
        message_id,
        touchpoint_id: touchpoint.id,
    })
}

// ----- printed card -----

/// A welcome laid out as a card, ready for the card renderer.
#[derive(Debug, Clone)]
pub struct WelcomeCard {
    /// One recipient; the words already merged (braces escaped).
    pub job: CardJob,
    /// The picture for the front (the whiteboard written on it when chosen).
    pub photo_jpeg: Option<Vec<u8>>,
    /// The subject as merged, used as the card's greeting.
    pub subject: String,
}

/// The welcome as a card: the subject as the greeting, the picture on the front (shown whole),
/// the body inside and the signature under it (unless the body already ends with it).
pub fn card_job(
    book: &Book,
    contact_id: i64,
    choice: &PhotoChoice,
    today: NaiveDate,
    format: CardFormat,
) -> Result<WelcomeCard> {
    let contact = book.contact(contact_id)?.contact;
    let content = content(book, &contact, choice, today)?;
    // The words are merged already: braces a customer's name holds are kept as written.
    let literal = |text: &str| text.replace('{', "{{").replace('}', "}}");
    // The closing ("Warm regards,\nAnn") goes where a card's signature goes, once.
    let signature_value = content.values.get("signature").unwrap_or("").trim();
    let body = content.text.trim();
    let (message, signature) = match body.rsplit_once("\n\n") {
        Some((rest, closing))
            if content.body_has_signature
                && !signature_value.is_empty()
                && closing.contains(signature_value) =>
        {
            (rest.trim_end(), closing.trim())
        }
        _ if content.body_has_signature => (body, ""),
        _ => (body, signature_value),
    };
    let mut recipient = CardRecipient::for_contact(&contact, today, None);
    recipient.display_name = content.display_name.clone();
    let job = CardJob {
        design: CardDesign {
            name: "Welcome".into(),
            format,
            front_image: None,
            greeting: literal(&content.subject),
            message: literal(message),
            signature: literal(signature),
            accent: "forest".into(),
            // Shown when the welcome goes without a picture.
            motif: Motif::Flowers,
            // The photo comes as bytes (it may carry the whiteboard text).
            front_photo: None,
        },
        recipients: vec![recipient],
        business_name: content
            .values
            .get("business_name")
            .unwrap_or("")
            .to_string(),
    };
    Ok(WelcomeCard {
        job,
        photo_jpeg: content.photo_jpeg,
        subject: content.subject,
    })
}

/// Where and how a welcome card is printed.
#[derive(Debug, Clone, Copy)]
pub struct CardOutput<'a> {
    pub format: CardFormat,
    /// The file to write; none: `<data-dir>/cards/welcome-<id>-<yyyymmdd>.pdf`.
    pub path: Option<&'a Path>,
    pub data_dir: &'a Path,
}

/// Prints the welcome as a card PDF (to `path`, or `<data-dir>/cards/welcome-<id>-<date>.pdf`)
/// and records "welcome sent" on the timeline: the owner hands the card over or posts it, so
/// printing it is the welcome (the mark can be undone by deleting the touchpoint returned).
pub fn print_card(
    book: &mut Book,
    contact_id: i64,
    choice: &PhotoChoice,
    today: NaiveDate,
    to: CardOutput<'_>,
    fonts: &FontSet,
) -> Result<CardPrinted> {
    let WelcomeCard {
        job,
        photo_jpeg,
        subject,
    } = card_job(book, contact_id, choice, today, to.format)?;
    let check = cards::check_job(&job, fonts);
    if let Some(problem) = check.unprintable.first() {
        return Err(WelcomeError::Unprintable {
            missing: problem.missing.clone(),
        }
        .into());
    }
    let pdf = match photo_jpeg {
        Some(photo) => cards::render_cards_with_photo(&job, photo, fonts),
        None => cards::render_cards(&job, fonts, &mut |_, _| {}, &AtomicBool::new(false)),
    }
    .map_err(|e| WelcomeError::Card {
        detail: e.to_string(),
    })?;
    let path = output_path(to.path, to.data_dir, "cards", contact_id, today, "pdf")?;
    std::fs::write(&path, &pdf).map_err(|e| WelcomeError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let touchpoint = book.log_touchpoint(
        contact_id,
        NewTouchpoint {
            kind: TouchpointKind::WelcomeSent,
            happened_on: today,
            note: format!("Welcome card printed: {subject}"),
            handled_by: String::new(),
        },
        today,
    )?;
    Ok(CardPrinted {
        path: path.display().to_string(),
        bytes: pdf.len() as i64,
        touchpoint_id: touchpoint.id,
    })
}

/// A welcome file Rapport wrote: an `.eml` in `<data-dir>/drafts/` or a `.pdf` in
/// `<data-dir>/cards/`; anything else is refused (the window may only open those).
pub fn saved_file(data_dir: &Path, path: &str) -> Result<PathBuf> {
    let refused = || {
        Error::invalid(
            "path",
            "only welcome drafts and cards Rapport saved can be opened",
        )
    };
    let path = PathBuf::from(path)
        .canonicalize()
        .map_err(|_| Error::not_found(format!("The file {path}")))?;
    let allowed = [("drafts", "eml"), ("cards", "pdf")];
    for (folder, ext) in allowed {
        let Ok(dir) = data_dir.join(folder).canonicalize() else {
            continue;
        };
        if path.starts_with(&dir) && path.extension().is_some_and(|e| e == ext) {
            return Ok(path);
        }
    }
    Err(refused())
}

/// `path`, or `<data-dir>/<folder>/welcome-<id>-<yyyymmdd>.<ext>` (the folder made if missing).
fn output_path(
    path: Option<&Path>,
    data_dir: &Path,
    folder: &str,
    contact_id: i64,
    today: NaiveDate,
    ext: &str,
) -> Result<PathBuf, WelcomeError> {
    if let Some(p) = path {
        return Ok(p.to_path_buf());
    }
    let folder = data_dir.join(folder);
    std::fs::create_dir_all(&folder).map_err(|e| WelcomeError::Write {
        path: folder.display().to_string(),
        reason: e.to_string(),
    })?;
    Ok(folder.join(format!(
        "welcome-{contact_id}-{}.{ext}",
        today.format("%Y%m%d")
    )))
}

// ----- SMTP -----

fn transport(book: &Book) -> Result<SmtpTransport> {
    let host = setting(book, "smtp_host")?;
    if host.is_empty() {
        return Err(WelcomeError::NoSmtpServer.into());
    }
    let security = match setting(book, "smtp_security")?.as_str() {
        "" => "starttls".to_string(),
        other => other.to_string(),
    };
    let port: Option<u16> = setting(book, "smtp_port")?.parse().ok();
    let failed = |e: lettre::transport::smtp::Error| WelcomeError::Send {
        detail: e.to_string(),
    };
    let mut builder = match security.as_str() {
        "plain" => {
            let local = matches!(host.as_str(), "localhost" | "127.0.0.1" | "::1");
            if !local {
                return Err(WelcomeError::PlainNotLocal { host }.into());
            }
            SmtpTransport::builder_dangerous(host.clone()).tls(Tls::None)
        }
        "tls" => {
            let params = TlsParameters::new(host.clone()).map_err(failed)?;
            SmtpTransport::builder_dangerous(host.clone())
                .port(465)
                .tls(Tls::Wrapper(params))
        }
        _ => {
            let params = TlsParameters::new(host.clone()).map_err(failed)?;
            SmtpTransport::builder_dangerous(host.clone())
                .port(587)
                .tls(Tls::Required(params))
        }
    };
    if let Some(port) = port {
        builder = builder.port(port);
    }
    let user = setting(book, "smtp_user")?;
    if !user.is_empty() {
        builder = builder.credentials(Credentials::new(user.clone(), smtp_password(&user)?));
    }
    Ok(builder.timeout(Some(Duration::from_secs(30))).build())
}

/// Sends a welcome to each contact, tracking each message: a batch cut short can be retried with
/// [`retry_batch`] and sends only what did not go out.
pub fn send_welcomes(
    book: &mut Book,
    contact_ids: &[i64],
    choice: &PhotoChoice,
    today: NaiveDate,
) -> Result<SendReport> {
    if contact_ids.is_empty() {
        return Err(Error::invalid("ids", "choose at least one customer"));
    }
    // Settings problems are reported before anything is queued.
    let transport = transport(book)?;
    let from = sender(book)?;
    let batch = book.store_mut().queue_welcome_sends(contact_ids)?;
    run_batch(book, batch, &transport, &from, choice, today)
}

/// Sends the messages of `batch` that are not sent yet.
pub fn retry_batch(
    book: &mut Book,
    batch: i64,
    choice: &PhotoChoice,
    today: NaiveDate,
) -> Result<SendReport> {
    let transport = transport(book)?;
    let from = sender(book)?;
    run_batch(book, batch, &transport, &from, choice, today)
}

fn run_batch(
    book: &mut Book,
    batch: i64,
    transport: &SmtpTransport,
    from: &Mailbox,
    choice: &PhotoChoice,
    today: NaiveDate,
) -> Result<SendReport> {
    let rows = book.store().welcome_sends(batch)?;
    if rows.is_empty() {
        return Err(Error::not_found(format!("Welcome batch {batch}")));
    }
    for row in rows.iter().filter(|r| r.status != "sent") {
        let outcome = compose(book, row.contact_id, choice, today).and_then(|message| {
            let built = build_message(&message, from.clone(), false)?;
            transport.send(&built).map_err(|e| WelcomeError::Send {
                detail: e.to_string(),
            })?;
            Ok((message_id(&built), message.subject))
        });
        match outcome {
            Ok((message_id, subject)) => book.store_mut().mark_welcome_sent(
                row.id,
                row.contact_id,
                &message_id,
                &NewTouchpoint {
                    kind: TouchpointKind::WelcomeSent,
                    happened_on: today,
                    note: format!("Welcome sent: {subject}"),
                    handled_by: String::new(),
                },
            )?,
            Err(error) => book
                .store_mut()
                .mark_welcome_failed(row.id, &error.to_string())?,
        }
    }
    report(book, batch)
}

/// Where a batch stands.
pub fn report(book: &Book, batch: i64) -> Result<SendReport> {
    let rows = book.store().welcome_sends(batch)?;
    let count = |status: &str| rows.iter().filter(|r| r.status == status).count() as u32;
    Ok(SendReport {
        batch,
        sent: count("sent"),
        failed: count("failed"),
        results: rows
            .iter()
            .map(|r| SendResult {
                contact_id: r.contact_id,
                status: r.status.clone(),
                message_id: r.message_id.clone(),
                error: r.error.clone(),
            })
            .collect(),
    })
}

// ----- staff and photos (the book's side) -----

/// Adds a staff member; their portrait (already checked) is stored in the same transaction.
pub fn add_staff(
    book: &mut Book,
    name: &str,
    role: &str,
    photo_bytes: Option<&[u8]>,
) -> Result<photos::StaffMember> {
    let name = clean_line(name);
    let role = clean_line(role);
    if name.is_empty() {
        return Err(Error::invalid("name", "type the staff member's name"));
    }
    if name.chars().count() > 200 || role.chars().count() > 200 {
        return Err(Error::invalid("name", "at most 200 characters"));
    }
    let photo = photo_bytes.map(photos::normalize).transpose()?;
    book.store_mut().insert_staff(&name, &role, photo.as_ref())
}

/// Imports a picture (checked, normalised) as a team photo or a staff member's portrait.
pub fn import_photo(
    book: &mut Book,
    bytes: &[u8],
    kind: PhotoKind,
    staff_id: Option<i64>,
    caption: &str,
) -> Result<photos::PhotoInfo> {
    if kind == PhotoKind::Staff && staff_id.is_none() {
        return Err(Error::invalid("staffId", "choose whose portrait this is"));
    }
    let photo = photos::normalize(bytes)?;
    book.store_mut().insert_photo(&NewPhoto {
        kind,
        staff_id,
        caption: &clean_line(caption),
        photo: &photo,
    })
}

/// Stores where on the photo the welcome is written.
pub fn set_board(
    book: &mut Book,
    photo_id: i64,
    area: photos::BoardArea,
) -> Result<photos::PhotoInfo> {
    let info = book.store().photo(photo_id)?;
    photos::check_board(area, info.width, info.height)?;
    book.store_mut().set_photo_board(photo_id, area)
}
