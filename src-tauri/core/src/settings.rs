//! The owner's settings: business name and address, signature, sender and SMTP server, the
//! welcome template, the default photo, the label printer's offset. Each key is checked before it
//! is stored; the SMTP password is kept in the system keyring, never in the book.

use crate::error::ErrorCode;
use lettre::Address;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts::clean_line;
use crate::error::{Error, Invalid, Result};
use crate::merge::{self, UnknownField, BUSINESS_FIELDS, CONTACT_FIELDS};
use crate::Book;

pub const DEFAULT_SUBJECT: &str = "Welcome to {business_name}, {first_name}!";
pub const DEFAULT_BODY: &str = "Dear {first_name},

Thank you for choosing {business_name}. All of us here — {staff_names} — are so glad you found us, and we look forward to getting to know you.

The picture is us, saying hello. Whenever you need anything, simply reply to this message or give us a call: one of us will answer, not a machine.

Warm regards,
{signature}";

/// A setting's value before anyone set it.
fn default_of(key: &str) -> &'static str {
    match key {
        "welcome_subject" => DEFAULT_SUBJECT,
        "welcome_body" => DEFAULT_BODY,
        _ => "",
    }
}

/// What became of a setting saved from the value the window showed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "outcome")]
pub enum SettingSave {
    /// Stored as it will be read back (tidied: trimmed, one line where one line is meant).
    Saved { value: String },
    /// Nothing stored: someone else changed it since it was shown. Save again from `theirs`
    /// to keep mine.
    #[serde(rename_all = "camelCase")]
    Conflict {
        key: String,
        theirs: String,
        mine: String,
        /// Who changed it, and when (on the team's book).
        last_change: Option<crate::contacts::LastChange>,
    },
}

/// Settings the owner can change, with what each is for.
pub const SETTINGS: &[(&str, &str)] = &[
    ("business_name", "your business's name, used in messages"),
    (
        "business_address",
        "your postal address, printed as the return address on envelopes (one line each)",
    ),
    (
        "home_country",
        "the country you post from, e.g. SE or Sweden: envelopes and labels to it leave the country line off (empty: the last line of your business address, when it names a country)",
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
        "the photo welcomes and gestures carry (its number; empty: the newest team photo, else the newest portrait)",
    ),
    (
        "default_whiteboard",
        "yes: write the customer's name on the default photo",
    ),
    (
        "check_back_days",
        "how many days after putting a complaint right to check back with the customer (7 if not set)",
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
    (
        "daily_digest",
        "yes: `rapport digest --send --daily` (run by a timer) mails Today to from_email once a day",
    ),
];

/// The keyring service the SMTP password is stored under.
pub const KEYRING_SERVICE: &str = "rapport-smtp";
/// Whether the SMTP user's password is stored (never the password itself).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SmtpPasswordState {
    /// The SMTP user it belongs to ("" when none is set yet).
    pub user: String,
    pub stored: bool,
    /// Why the keyring could not be asked, when it could not.
    pub problem: Option<String>,
}

/// For scripts and machines without a keyring.
pub const PASSWORD_ENV: &str = "RAPPORT_SMTP_PASSWORD";

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("There is no setting {key:?}. Settings: {}.", SETTINGS.iter().map(|s| s.0).collect::<Vec<_>>().join(", "))]
    UnknownSetting { key: String },
    #[error("No SMTP password is available: {detail}. Store it in Settings (or with `rapport settings smtp-password`) where a keyring exists, or set the environment variable {PASSWORD_ENV} for scripts.")]
    NoPassword { detail: String },
    #[error("The system keyring could not store the password ({detail}). On a machine without a keyring, set the environment variable {PASSWORD_ENV} instead.")]
    Keyring { detail: String },
}

impl SettingsError {
    pub fn code(&self) -> ErrorCode {
        match self {
            SettingsError::UnknownSetting { .. } => ErrorCode::Settings,
            SettingsError::NoPassword { .. } | SettingsError::Keyring { .. } => {
                ErrorCode::NoPassword
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingValue {
    pub key: String,
    pub value: String,
    pub description: String,
}

/// The merge fields a welcome template may use: the contact's and the business's.
pub fn template_fields() -> Vec<&'static str> {
    CONTACT_FIELDS
        .iter()
        .chain(BUSINESS_FIELDS)
        .map(|f| f.0)
        .collect()
}

impl Book {
    /// A setting's value, with the built-in default for the templates; empty when not set.
    pub fn setting(&self, key: &str) -> Result<String> {
        if !SETTINGS.iter().any(|s| s.0 == key) {
            return Err(SettingsError::UnknownSetting { key: key.into() }.into());
        }
        let stored = self.store().setting(key)?;
        Ok(stored.unwrap_or_else(|| default_of(key).to_string()))
    }

    /// Every setting with its value and what it is for.
    pub fn settings(&self) -> Result<Vec<SettingValue>> {
        SETTINGS
            .iter()
            .map(|(key, description)| {
                Ok(SettingValue {
                    key: key.to_string(),
                    value: self.setting(key)?,
                    description: description.to_string(),
                })
            })
            .collect()
    }

    /// Checks and stores a setting.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let value = self.checked_setting(key, value)?;
        self.store_mut().set_setting(key, &value)
    }

    /// Checks and stores a setting the window showed as `base`: if someone else changed it
    /// since (another desk, or the command line), nothing is written and both values come back
    /// for the person to choose, so no change is ever lost without being seen.
    pub fn save_setting(&mut self, key: &str, base: &str, value: &str) -> Result<SettingSave> {
        let value = self.checked_setting(key, value)?;
        let clash =
            self.store_mut()
                .set_setting_unless_changed(key, &value, base, default_of(key))?;
        Ok(match clash {
            None => SettingSave::Saved { value },
            Some((theirs, _)) if theirs == value => SettingSave::Saved { value },
            Some((theirs, last_change)) => SettingSave::Conflict {
                key: key.to_string(),
                theirs,
                mine: value,
                last_change,
            },
        })
    }

    /// A setting's value as it will be stored, or why it cannot be.
    fn checked_setting(&self, key: &str, value: &str) -> Result<String> {
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
                parse_offset_mm(&value).map_err(|e| Error::invalid(key, e))?;
            }
            "welcome_subject" | "welcome_body" => {
                let unknown = merge::unknown_fields(&value, &template_fields());
                if !unknown.is_empty() {
                    return Err(Error::invalid(key, unknown_message(&unknown)));
                }
            }
            "home_country"
                if !value.is_empty() && crate::contacts::country_code(&value).is_none() =>
            {
                return Err(Error::invalid(
                    key,
                    format!(
                        "“{value}” is not a country Rapport knows: write its two-letter code \
                         (SE) or its name in English (Sweden)"
                    ),
                ));
            }
            "from_email" if !value.is_empty() => {
                value
                    .parse::<Address>()
                    .map_err(|e| Error::invalid(key, format!("not an email address ({e})")))?;
            }
            "default_photo" if !value.is_empty() => {
                let id: i64 = value.parse().map_err(|_| {
                    Error::invalid(key, "a photo number from `rapport photos list`")
                })?;
                self.store().photo(id)?;
            }
            "check_back_days" if !value.is_empty() => {
                value
                    .parse::<u32>()
                    .ok()
                    .filter(|d| (1..=365).contains(d))
                    .ok_or_else(|| Error::invalid(key, "a number of days from 1 to 365"))?;
            }
            "default_whiteboard" | "daily_digest"
                if !matches!(value.as_str(), "" | "yes" | "no") =>
            {
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
                return Err(SettingsError::UnknownSetting { key: key.into() }.into());
            }
            _ => {}
        }
        Ok(value)
    }

    /// Keeps the SMTP password for the SMTP user in Settings in the system keyring.
    pub fn set_smtp_password(&self, password: &str) -> Result<()> {
        let user = self.setting("smtp_user")?;
        if user.is_empty() {
            return Err(Error::invalid(
                "smtp_user",
                "set the SMTP user name first; the password belongs to it",
            ));
        }
        if password.is_empty() {
            return Err(Error::invalid("password", "type the password"));
        }
        let keyring_failed = |e: keyring::Error| SettingsError::Keyring {
            detail: e.to_string(),
        };
        keyring::Entry::new(KEYRING_SERVICE, &user)
            .and_then(|entry| entry.set_password(password))
            .map_err(keyring_failed)?;
        Ok(())
    }

    /// Whether an SMTP password is stored for the SMTP user, without reading it out: what
    /// Settings shows beside the password field.
    pub fn smtp_password_state(&self) -> Result<SmtpPasswordState> {
        let user = self.setting("smtp_user")?;
        if user.is_empty() {
            return Ok(SmtpPasswordState {
                user,
                stored: false,
                problem: None,
            });
        }
        let (stored, problem) = match smtp_password(&user) {
            Ok(_) => (true, None),
            Err(SettingsError::NoPassword { detail }) if detail.contains("none is stored") => {
                (false, None)
            }
            Err(other) => (false, Some(other.to_string())),
        };
        Ok(SmtpPasswordState {
            user,
            stored,
            problem,
        })
    }

    /// The business name cards and messages are signed with (setting `business_name`), empty if
    /// not set.
    pub fn business_name(&self) -> Result<String> {
        self.setting("business_name")
    }

    /// The printer offset for label sheets the owner calibrated (setting `label_offset_mm`).
    pub fn label_offset_mm(&self) -> Result<(f32, f32)> {
        Ok(parse_offset_mm(&self.setting("label_offset_mm")?).unwrap_or((0.0, 0.0)))
    }
}

/// The SMTP password of `user`: from the environment (scripts), else the system keyring.
pub(crate) fn smtp_password(user: &str) -> Result<String, SettingsError> {
    if let Ok(password) = std::env::var(PASSWORD_ENV) {
        return Ok(password);
    }
    let entry =
        keyring::Entry::new(KEYRING_SERVICE, user).map_err(|e| SettingsError::NoPassword {
            detail: e.to_string(),
        })?;
    entry.get_password().map_err(|e| SettingsError::NoPassword {
        detail: match e {
            keyring::Error::NoEntry => "none is stored in the keyring".into(),
            keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_) => {
                format!("this machine has no usable keyring ({e})")
            }
            other => other.to_string(),
        },
    })
}

fn unknown_message(unknown: &[UnknownField]) -> String {
    let names: Vec<String> = unknown.iter().map(|u| format!("{{{}}}", u.name)).collect();
    format!(
        "unknown fields {}; known: {}",
        names.join(", "),
        template_fields().join(", ")
    )
}

/// A printer offset written as "X,Y" in millimetres (right, down), each within ±10 mm.
pub fn parse_offset_mm(text: &str) -> Result<(f32, f32), Invalid> {
    let bad = || {
        Invalid(format!(
            "\"{text}\" is not X,Y in millimetres (e.g. 0.5,-1)"
        ))
    };
    let (x, y) = text.split_once(',').ok_or_else(bad)?;
    let x: f32 = x.trim().parse().map_err(|_| bad())?;
    let y: f32 = y.trim().parse().map_err(|_| bad())?;
    if !(-10.0..=10.0).contains(&x) || !(-10.0..=10.0).contains(&y) {
        return Err("the printer offset must be between -10 and 10 mm in each direction".into());
    }
    Ok((x, y))
}
