//! The kinds of gesture: the built-in ones with their warm default words, the owner's own, and
//! the template of each (edited in Settings; the welcome keeps its own settings).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{check_fields, GestureError};
use crate::contacts::{clean_line, Contact};
use crate::error::{Error, Result};
use crate::settings::template_fields;
use crate::store::GestureTemplateRow;
use crate::Book;

/// A built-in kind: its name, label, default subject and text, and the fields it adds.
pub struct BuiltinKind {
    pub kind: &'static str,
    pub label: &'static str,
    pub subject: &'static str,
    pub body: &'static str,
    pub fields: &'static [&'static str],
    /// Written on the whiteboard: `{name}` is the customer's first name.
    pub board: &'static str,
}

/// The fields every kind may use beyond the contact's and the business's.
const SHARED_FIELDS: &[&str] = &["staff_name"];

/// The birthday greeting's kind: Today marks a birthday greeted when one went.
pub const BIRTHDAY_GESTURE: &str = "birthday";

pub const BUILTIN_KINDS: &[BuiltinKind] = &[
    BuiltinKind {
        kind: "welcome",
        label: "Welcome",
        subject: "",
        body: "",
        fields: &[],
        board: "Welcome, {name}!",
    },
    BuiltinKind {
        kind: "thank-you",
        label: "Thank-you",
        subject: "Thank you, {first_name}!",
        body: "Dear {first_name},

Thank you for coming in — we hope you enjoy the {last_purchase}. It was lovely to see you, and it means a lot to a small shop like ours.

If anything is not quite right, just reply to this message and we will sort it out.

Warmly,
{signature}",
        fields: &["last_purchase"],
        board: "Thank you, {name}!",
    },
    BuiltinKind {
        kind: "apology",
        label: "Apology",
        subject: "We are sorry, {first_name}",
        body: "Dear {first_name},

We are truly sorry about {complaint}. That is not how we want anyone to feel after dealing with us, and you were right to tell us.

{staff_name} is looking after it personally, and we will make it right. Thank you for your patience with us.

With apologies,
{signature}",
        fields: &["complaint", "what_we_did"],
        board: "Sorry, {name}!",
    },
    BuiltinKind {
        kind: "check-in",
        label: "Check-in",
        subject: "How are you, {first_name}?",
        body: "Dear {first_name},

It has been a while, and we were thinking of you. How are things? If there is anything we can help with, or you would simply like to drop by for a chat, we would be glad to see you.

All the best,
{signature}",
        fields: &["last_purchase"],
        board: "We miss you, {name}!",
    },
    BuiltinKind {
        kind: BIRTHDAY_GESTURE,
        label: "Birthday greeting",
        subject: "Happy birthday, {first_name}!",
        body: "Dear {first_name},

Happy birthday from all of us at {business_name}! We hope your day is full of good things and good people.

With warm wishes,
{signature}",
        fields: &[],
        board: "Happy birthday, {name}!",
    },
    BuiltinKind {
        kind: "referral-thanks",
        label: "Referral thanks",
        subject: "Thank you for sending {referred_name} our way",
        body: "Dear {first_name},

{referred_name} came to see us and told us it was thanks to you. Recommending us to a friend is the kindest thing a customer can do for a small business — thank you.

Warmly,
{signature}",
        fields: &["referred_name"],
        board: "Thank you, {name}!",
    },
];

/// Fields only an own kind may want: all of them.
const ALL_GESTURE_FIELDS: &[&str] = &[
    "last_purchase",
    "complaint",
    "what_we_did",
    "staff_name",
    "referred_name",
];

/// One kind with its template as the owner has it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GestureKindInfo {
    pub kind: String,
    pub label: String,
    pub subject: String,
    pub body: String,
    /// The merge fields its template may use.
    pub fields: Vec<String>,
    pub builtin: bool,
    /// The owner changed the words (a built-in kind can go back to its default).
    pub customized: bool,
    /// The words on the whiteboard, `{name}` for the first name.
    pub board: String,
}

impl GestureKindInfo {
    /// The words written on the whiteboard for this contact.
    pub(super) fn board_words(&self, contact: &Contact) -> String {
        let f = &contact.fields;
        let name = [&f.nickname, &f.given_name, &contact.display_name]
            .into_iter()
            .map(|s| s.trim())
            .find(|s| !s.is_empty())
            .unwrap_or("");
        self.board.replace("{name}", name)
    }
}

fn fields_for(extra: &[&str]) -> Vec<String> {
    template_fields()
        .into_iter()
        .chain(SHARED_FIELDS.iter().copied())
        .chain(extra.iter().copied())
        .map(str::to_string)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

impl Book {
    /// Every kind, built-in first, with its template as it stands.
    pub fn gesture_kinds(&self) -> Result<Vec<GestureKindInfo>> {
        let rows = self.store().gesture_templates()?;
        let mut out = Vec::new();
        for builtin in BUILTIN_KINDS {
            out.push(self.builtin_info(builtin, &rows)?);
        }
        out.extend(rows.iter().filter(|r| !r.builtin).map(own_info));
        Ok(out)
    }

    /// One kind, by its name; an unknown one is refused with the list.
    pub fn gesture_kind(&self, kind: &str) -> Result<GestureKindInfo> {
        let wanted = kind.trim().to_lowercase();
        let all = self.gesture_kinds()?;
        let known = all.iter().map(|k| k.kind.clone()).collect();
        all.into_iter()
            .find(|k| k.kind == wanted || k.label.to_lowercase() == wanted)
            .ok_or_else(|| {
                GestureError::UnknownKind {
                    kind: kind.to_string(),
                    known,
                }
                .into()
            })
    }

    fn builtin_info(
        &self,
        builtin: &BuiltinKind,
        rows: &[GestureTemplateRow],
    ) -> Result<GestureKindInfo> {
        let (subject, body, customized) = if builtin.kind == "welcome" {
            let subject = self.setting("welcome_subject")?;
            let body = self.setting("welcome_body")?;
            let customized = subject != crate::settings::DEFAULT_SUBJECT
                || body != crate::settings::DEFAULT_BODY;
            (subject, body, customized)
        } else {
            match rows.iter().find(|r| r.kind == builtin.kind) {
                Some(row) => (row.subject.clone(), row.body.clone(), true),
                None => (builtin.subject.into(), builtin.body.into(), false),
            }
        };
        let fields = if builtin.kind == "welcome" {
            template_fields().into_iter().map(str::to_string).collect()
        } else {
            fields_for(builtin.fields)
        };
        Ok(GestureKindInfo {
            kind: builtin.kind.into(),
            label: builtin.label.into(),
            subject,
            body,
            fields,
            builtin: true,
            customized,
            board: builtin.board.into(),
        })
    }

    /// Changes a kind's subject and text; fields it does not know are refused with the list of
    /// those it does, and nothing is stored.
    pub fn set_gesture_template(
        &mut self,
        kind: &str,
        subject: &str,
        body: &str,
    ) -> Result<GestureKindInfo> {
        let mut info = self.gesture_kind(kind)?;
        let (subject, body) = check_words(subject, body)?;
        info.subject = subject;
        info.body = body;
        check_fields(&info, &info.subject)?;
        check_fields(&info, &info.body)?;
        if info.kind == "welcome" {
            self.set_setting("welcome_subject", &info.subject)?;
            self.set_setting("welcome_body", &info.body)?;
        } else {
            self.store_mut().set_gesture_template(&GestureTemplateRow {
                kind: info.kind.clone(),
                label: info.label.clone(),
                subject: info.subject.clone(),
                body: info.body.clone(),
                builtin: info.builtin,
            })?;
        }
        self.gesture_kind(&info.kind)
    }

    /// Adds the owner's own kind of gesture ("Get well soon"), with its words.
    pub fn add_gesture_kind(
        &mut self,
        label: &str,
        subject: &str,
        body: &str,
    ) -> Result<GestureKindInfo> {
        let label = clean_line(label);
        let kind: String = label
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        if kind.is_empty() || label.chars().count() > 60 {
            return Err(Error::invalid(
                "label",
                "name the kind in a few words (at most 60 characters), e.g. Get well soon",
            ));
        }
        if self.gesture_kind(&kind).is_ok() || self.gesture_kind(&label).is_ok() {
            return Err(Error::invalid(
                "label",
                format!("there is already a kind called {label}"),
            ));
        }
        let (subject, body) = check_words(subject, body)?;
        let info = own_info(&GestureTemplateRow {
            kind: kind.clone(),
            label: label.clone(),
            subject,
            body,
            builtin: false,
        });
        check_fields(&info, &info.subject)?;
        check_fields(&info, &info.body)?;
        self.store_mut().set_gesture_template(&GestureTemplateRow {
            kind,
            label,
            subject: info.subject.clone(),
            body: info.body.clone(),
            builtin: false,
        })?;
        Ok(info)
    }

    /// Removes an own kind, or puts a built-in kind's words back to their default.
    pub fn reset_gesture_kind(&mut self, kind: &str) -> Result<()> {
        let info = self.gesture_kind(kind)?;
        if info.kind == "welcome" {
            self.set_gesture_template(
                "welcome",
                crate::settings::DEFAULT_SUBJECT,
                crate::settings::DEFAULT_BODY,
            )?;
            return Ok(());
        }
        self.store_mut().delete_gesture_template(&info.kind)?;
        Ok(())
    }
}

fn own_info(row: &GestureTemplateRow) -> GestureKindInfo {
    GestureKindInfo {
        kind: row.kind.clone(),
        label: row.label.clone(),
        subject: row.subject.clone(),
        body: row.body.clone(),
        fields: fields_for(ALL_GESTURE_FIELDS),
        builtin: false,
        customized: true,
        board: "For you, {name}!".into(),
    }
}

/// A subject is one line; a text has no Windows line ends; neither is empty or huge.
fn check_words(subject: &str, body: &str) -> Result<(String, String)> {
    let subject = clean_line(subject);
    let body = body.replace("\r\n", "\n").trim().to_string();
    if subject.is_empty() {
        return Err(Error::invalid("subject", "write a subject"));
    }
    if body.is_empty() {
        return Err(Error::invalid("body", "write the message"));
    }
    if subject.chars().count() > 500 || body.chars().count() > 10_000 {
        return Err(Error::invalid(
            "body",
            "at most 500 characters of subject and 10,000 of text",
        ));
    }
    Ok((subject, body))
}
