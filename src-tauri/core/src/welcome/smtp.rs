//! Welcomes sent over SMTP, each message tracked: a batch cut short can be retried and sends
//! only what did not go out. The messages are gathered while the book is held
//! ([`Book::prepare_welcome_sends`]), sent without it ([`WelcomeSending::send`]), and the
//! outcome recorded on each timeline ([`Book::record_welcome_sends`]).

use std::time::Duration;

use chrono::NaiveDate;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{SmtpTransport, Transport};

use super::eml::{build_message, message_id};
use super::{check_ids, PhotoChoice, SendReport, SendResult, WelcomeError, WelcomeParts};
use crate::contacts::{NewTouchpoint, TouchpointKind};
use crate::error::{Error, Result};
use crate::settings::smtp_password;
use crate::Book;

/// One message of a batch, to build and send.
struct Outgoing {
    send_id: i64,
    contact_id: i64,
    parts: Result<WelcomeParts>,
}

/// A batch gathered from the book, to be sent without it.
pub struct WelcomeSending {
    batch: i64,
    transport: SmtpTransport,
    from: Mailbox,
    outgoing: Vec<Outgoing>,
}

/// What happened to one message: its message id and subject, or why it failed.
struct Outcome {
    send_id: i64,
    contact_id: i64,
    sent: std::result::Result<(String, String), String>,
}

/// What happened to each message of a batch, to record.
pub struct WelcomeSent {
    batch: i64,
    outcomes: Vec<Outcome>,
}

impl WelcomeSending {
    /// Draws each picture, builds each message and hands it to the mail server. A message that
    /// fails is noted and the others still go.
    pub fn send(self) -> WelcomeSent {
        let WelcomeSending {
            batch,
            transport,
            from,
            outgoing,
        } = self;
        let outcomes = outgoing
            .into_iter()
            .map(|o| {
                let outcome = o.parts.and_then(|parts| {
                    let message = parts.message()?;
                    let built = build_message(&message, from.clone(), false)?;
                    transport.send(&built).map_err(|e| WelcomeError::Send {
                        detail: e.to_string(),
                    })?;
                    Ok((message_id(&built), message.subject))
                });
                Outcome {
                    send_id: o.send_id,
                    contact_id: o.contact_id,
                    sent: outcome.map_err(|e| e.to_string()),
                }
            })
            .collect();
        WelcomeSent { batch, outcomes }
    }
}

impl Book {
    /// Queues a welcome to each contact as a batch and gathers the messages. Settings problems
    /// are reported before anything is queued.
    pub fn prepare_welcome_sends(
        &mut self,
        contact_ids: &[i64],
        choice: &PhotoChoice,
        today: NaiveDate,
    ) -> Result<WelcomeSending> {
        check_ids(contact_ids)?;
        let transport = transport(self)?;
        let from = self.sender()?;
        let batch = self.store_mut().queue_welcome_sends(contact_ids)?;
        self.gather_batch(batch, transport, from, choice, today)
    }

    /// Gathers the messages of `batch` that are not sent yet, to send them again.
    pub fn prepare_welcome_retry(
        &self,
        batch: i64,
        choice: &PhotoChoice,
        today: NaiveDate,
    ) -> Result<WelcomeSending> {
        let transport = transport(self)?;
        let from = self.sender()?;
        self.gather_batch(batch, transport, from, choice, today)
    }

    /// Records what was sent ("welcome sent" on each timeline) and what failed, and reports
    /// where the batch stands.
    pub fn record_welcome_sends(
        &mut self,
        sent: WelcomeSent,
        today: NaiveDate,
    ) -> Result<SendReport> {
        for Outcome {
            send_id,
            contact_id,
            sent: outcome,
        } in sent.outcomes
        {
            match outcome {
                Ok((message_id, subject)) => self.store_mut().mark_welcome_sent(
                    send_id,
                    contact_id,
                    &message_id,
                    &NewTouchpoint {
                        kind: TouchpointKind::WelcomeSent,
                        happened_on: today,
                        note: format!("Welcome sent: {subject}"),
                        handled_by: String::new(),
                    },
                )?,
                Err(error) => self.store_mut().mark_welcome_failed(send_id, &error)?,
            }
        }
        self.welcome_report(sent.batch)
    }

    /// Sends a welcome to each contact and records it, in one go (the command line; the window
    /// sends with the book let go).
    pub fn send_welcomes(
        &mut self,
        contact_ids: &[i64],
        choice: &PhotoChoice,
        today: NaiveDate,
    ) -> Result<SendReport> {
        let sent = self
            .prepare_welcome_sends(contact_ids, choice, today)?
            .send();
        self.record_welcome_sends(sent, today)
    }

    /// Sends the messages of `batch` that did not go out, and records them.
    pub fn retry_welcome_batch(
        &mut self,
        batch: i64,
        choice: &PhotoChoice,
        today: NaiveDate,
    ) -> Result<SendReport> {
        let sent = self.prepare_welcome_retry(batch, choice, today)?.send();
        self.record_welcome_sends(sent, today)
    }

    /// Where a batch stands.
    pub fn welcome_report(&self, batch: i64) -> Result<SendReport> {
        let rows = self.store().welcome_sends(batch)?;
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

    fn gather_batch(
        &self,
        batch: i64,
        transport: SmtpTransport,
        from: Mailbox,
        choice: &PhotoChoice,
        today: NaiveDate,
    ) -> Result<WelcomeSending> {
        let rows = self.store().welcome_sends(batch)?;
        if rows.is_empty() {
            return Err(Error::not_found(format!("Welcome batch {batch}")));
        }
        let outgoing = rows
            .iter()
            .filter(|r| r.status != "sent")
            .map(|r| Outgoing {
                send_id: r.id,
                contact_id: r.contact_id,
                parts: self.welcome_parts(r.contact_id, choice, today),
            })
            .collect();
        Ok(WelcomeSending {
            batch,
            transport,
            from,
            outgoing,
        })
    }
}

/// The SMTP connection the settings describe; refused before anything is queued when they are
/// incomplete.
pub(crate) fn transport(book: &Book) -> Result<SmtpTransport> {
    let host = book.setting("smtp_host")?;
    if host.is_empty() {
        return Err(WelcomeError::NoSmtpServer.into());
    }
    let security = match book.setting("smtp_security")?.as_str() {
        "" => "starttls".to_string(),
        other => other.to_string(),
    };
    let port: Option<u16> = book.setting("smtp_port")?.parse().ok();
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
    let user = book.setting("smtp_user")?;
    if !user.is_empty() {
        builder = builder.credentials(Credentials::new(user.clone(), smtp_password(&user)?));
    }
    Ok(builder.timeout(Some(Duration::from_secs(30))).build())
}
