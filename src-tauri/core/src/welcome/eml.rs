//! The welcome as a MIME message (text and HTML, the picture inline) and as an `.eml` draft the
//! owner opens in their own mail program.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use lettre::message::header::{self, ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{Address, Message};

use super::{DraftSaved, PhotoChoice, WelcomeError, WelcomeMessage, PHOTO_CID};
use crate::contacts::clean_line;
use crate::error::{Error, Result};
use crate::paths::OutputKind;
use crate::Book;

/// The folder inside the data folder where welcome drafts are saved.
pub const DRAFTS_FOLDER: &str = "drafts";

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

impl Book {
    /// Who messages come from: the business's name and the address in Settings.
    pub(crate) fn sender(&self) -> Result<Mailbox> {
        let from = self.setting("from_email")?;
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
        let name = self.setting("business_name")?;
        Ok(Mailbox::new((!name.is_empty()).then_some(name), address))
    }

    /// Writes the welcome as an `.eml` draft (to `path`, or `<data-dir>/drafts/`) and records it
    /// on the timeline: the owner sends it from their own mail client.
    pub fn save_welcome_draft(
        &mut self,
        contact_id: i64,
        choice: &PhotoChoice,
        today: NaiveDate,
        path: Option<&Path>,
    ) -> Result<DraftSaved> {
        let path = match path {
            Some(path) => path.to_path_buf(),
            None => default_path(self.data_dir(), DRAFTS_FOLDER, contact_id, today, "eml"),
        };
        let guard = self.output_guard();
        guard.check(&path, OutputKind::Document)?;
        let message = self.compose_welcome(contact_id, choice, today)?;
        let built = build_message(&message, self.sender()?, true)?;
        let path = guard.write_bytes(&path, OutputKind::Document, &built.formatted())?;
        let touchpoint = self.record_welcome(
            contact_id,
            format!("Welcome draft saved: {}", message.subject),
            today,
        )?;
        Ok(DraftSaved {
            path: path.display().to_string(),
            message_id: message_id(&built),
            touchpoint_id: touchpoint.id,
        })
    }

    /// A welcome file Rapport wrote: an `.eml` in `<data-dir>/drafts/` or a `.pdf` in
    /// `<data-dir>/cards/`; anything else is refused (the window may only open those).
    pub fn saved_welcome_file(&self, path: &str) -> Result<PathBuf> {
        [(DRAFTS_FOLDER, "eml"), (crate::cards::CARDS_FOLDER, "pdf")]
            .iter()
            .find_map(|(folder, ext)| {
                crate::paths::file_in(&self.data_dir().join(folder), path, ext)
            })
            .ok_or_else(|| {
                Error::invalid(
                    "path",
                    "only welcome drafts and cards Rapport saved can be opened",
                )
            })
    }
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

pub(crate) fn message_id(message: &Message) -> String {
    message
        .headers()
        .get_raw(header::MessageId::name().as_ref())
        .unwrap_or("")
        .to_string()
}

/// `<data-dir>/<folder>/welcome-<id>-<yyyymmdd>.<ext>`.
pub(super) fn default_path(
    data_dir: &Path,
    folder: &str,
    contact_id: i64,
    today: NaiveDate,
    ext: &str,
) -> PathBuf {
    data_dir.join(folder).join(format!(
        "welcome-{contact_id}-{}.{ext}",
        today.format("%Y%m%d")
    ))
}
