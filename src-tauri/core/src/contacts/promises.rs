//! House answers (the shop's agreed answers and promises, kept by the owner) and the promises
//! made to a customer, each riding on the timeline entry it was made in.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::validation::check_len;
use crate::error::{Error, FieldError};

/// How long a house answer may be: a few short paragraphs.
pub const MAX_ANSWER_CHARS: usize = 2_000;
/// How long a topic may be: a few words ("Opening hours").
pub const MAX_TOPIC_CHARS: usize = 80;
/// How many house answers a book keeps: a short list everyone can read at a glance.
pub const MAX_HOUSE_ANSWERS: usize = 100;
/// How long a promise may be: one or two sentences.
pub const MAX_PROMISE_CHARS: usize = 500;

/// One of the shop's agreed answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HouseAnswer {
    #[ts(type = "number")]
    pub id: i64,
    /// "Opening hours", "Allergens", "Returns", "Delivery".
    pub topic: String,
    /// What we say: "Tuesday to Saturday, 8 to 6; Sundays 9 to 1."
    pub answer: String,
    /// A promise the shop makes ("A refund within 14 days"): offered as the promise when an
    /// entry is logged.
    pub is_promise: bool,
}

/// A house answer as the owner writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HouseAnswerInput {
    pub topic: String,
    pub answer: String,
    #[serde(default)]
    pub is_promise: bool,
}

impl HouseAnswerInput {
    /// Trimmed and checked: a topic of one line, an answer of a few paragraphs.
    pub fn validated(self) -> Result<HouseAnswerInput, Error> {
        let topic = super::clean_line(self.topic.trim());
        let answer = clean_paragraphs(&self.answer);
        let mut errors = Vec::new();
        if topic.is_empty() {
            errors.push(FieldError::new(
                "topic",
                "name the topic, e.g. \"Opening hours\"",
            ));
        }
        if answer.is_empty() {
            errors.push(FieldError::new("answer", "write the answer everyone gives"));
        }
        check_len(&mut errors, "topic", &topic, MAX_TOPIC_CHARS);
        check_len(&mut errors, "answer", &answer, MAX_ANSWER_CHARS);
        Error::from_field_errors(errors)?;
        Ok(HouseAnswerInput {
            topic,
            answer,
            is_promise: self.is_promise,
        })
    }
}

/// A promise made to a customer, with the entry it was made in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PromiseMade {
    #[ts(type = "number")]
    pub touchpoint_id: i64,
    pub promise: String,
    pub made_on: NaiveDate,
    /// Who made it (the entry's "handled by").
    pub made_by: String,
}

/// A promise as kept when its contact is deleted (and put back by Undo) or the book copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseRecord {
    pub touchpoint_id: i64,
    pub promise: String,
}

/// A promise as typed: one line, checked. None when nothing was typed.
pub fn checked_promise(text: &str) -> Result<Option<String>, Error> {
    let promise = super::clean_line(text.trim());
    if promise.is_empty() {
        return Ok(None);
    }
    let mut errors = Vec::new();
    check_len(&mut errors, "promise", &promise, MAX_PROMISE_CHARS);
    Error::from_field_errors(errors)?;
    Ok(Some(promise))
}

/// Paragraphs as typed, tidied: line breaks kept (as `\n`), other control characters and the
/// spaces at each line's ends dropped, no more than one empty line in a row.
fn clean_paragraphs(text: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in text.replace("\r\n", "\n").replace('\r', "\n").split('\n') {
        let line = super::clean_line(line);
        if line.is_empty() && lines.last().is_some_and(String::is_empty) {
            continue;
        }
        lines.push(line);
    }
    lines.join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_keeps_its_paragraphs_and_loses_stray_characters() {
        let input = HouseAnswerInput {
            topic: "  Opening\thours ".into(),
            answer: "Tue–Sat 8–6\r\n\r\n\r\nSun 9–1\u{7}  \n".into(),
            is_promise: false,
        }
        .validated()
        .expect("valid");
        assert_eq!(input.topic, "Opening hours");
        assert_eq!(input.answer, "Tue–Sat 8–6\n\nSun 9–1");
    }

    #[test]
    fn an_empty_or_overlong_answer_is_refused_by_field() {
        let Err(Error::Invalid(errors)) = (HouseAnswerInput {
            topic: " ".into(),
            answer: "x".repeat(MAX_ANSWER_CHARS + 1),
            is_promise: true,
        })
        .validated() else {
            panic!("refused");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["topic", "answer"]);
        assert_eq!(checked_promise("  ").expect("nothing"), None);
        assert!(checked_promise(&"y".repeat(MAX_PROMISE_CHARS + 1)).is_err());
        assert_eq!(
            checked_promise(" A new cake\nby Friday ").expect("ok"),
            Some("A new cake by Friday".into())
        );
    }
}
