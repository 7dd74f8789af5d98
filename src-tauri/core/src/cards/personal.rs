//! The line written for one person under a card's message. The owner may write each one; where
//! they write none, a suggestion comes from what the book knows about the person (what was
//! talked about last, their interests, their family), framed so any note reads as a sentence.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts::Contact;

/// The owner's own line for one recipient. An empty `line` means "no line on this card", which
/// is different from not writing one (then the suggestion is printed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonalLine {
    #[ts(type = "number")]
    pub contact_id: i64,
    pub line: String,
}

/// What the Cards screen shows per recipient: the suggested line and the note it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonalLineSuggestion {
    #[ts(type = "number")]
    pub contact_id: i64,
    pub display_name: String,
    /// Empty when the book knows nothing personal about this contact.
    pub suggested: String,
    /// The note the suggestion was made from ("Interests: Loves sourdough"), or empty.
    pub source: String,
}

/// The owner's lines by contact, applied over the suggestions.
#[derive(Debug, Clone, Default)]
pub struct PersonalLines(HashMap<i64, String>);

impl PersonalLines {
    pub fn new(lines: &[PersonalLine]) -> PersonalLines {
        PersonalLines(
            lines
                .iter()
                .map(|l| (l.contact_id, l.line.trim().to_string()))
                .collect(),
        )
    }

    /// The line to print for `contact`: the owner's (even when they emptied it), else the
    /// suggestion, else none.
    pub fn for_contact(&self, contact: &Contact) -> Option<String> {
        match self.0.get(&contact.id) {
            Some(line) if line.is_empty() => None,
            Some(line) => Some(line.clone()),
            None => suggest(contact).map(|(line, _)| line),
        }
    }
}

/// The suggestion and its source for the Cards screen.
pub fn suggestion(contact: &Contact) -> PersonalLineSuggestion {
    let (suggested, source) = suggest(contact).unwrap_or_default();
    PersonalLineSuggestion {
        contact_id: contact.id,
        display_name: contact.display_name.clone(),
        suggested,
        source,
    }
}

/// A line from the freshest personal note: what was talked about, then interests, then family.
fn suggest(contact: &Contact) -> Option<(String, String)> {
    let fields = &contact.fields;
    if let Some(note) = first_note(&fields.talking_points) {
        return Some((
            format!(
                "P.S. We often think of our last chat ({}) and hope all is well.",
                lower_first(note)
            ),
            format!("What we talked about: {note}"),
        ));
    }
    if let Some(note) = first_note(&fields.interests) {
        return Some((
            format!(
                "P.S. Wishing you plenty of time for the things you enjoy ({}).",
                lower_first(note)
            ),
            format!("Interests: {note}"),
        ));
    }
    first_note(&fields.family).map(|note| {
        (
            "P.S. Our warmest wishes to all your family, too.".to_string(),
            format!("Family: {note}"),
        )
    })
}

/// The first note of a field where notes are separated by lines or semicolons, without a
/// trailing full stop; `None` when empty.
fn first_note(text: &str) -> Option<&str> {
    text.split(['\n', ';'])
        .map(|part| part.trim().trim_end_matches('.').trim())
        .find(|part| !part.is_empty())
}

/// "Loves sourdough" → "loves sourdough", but names and acronyms ("Tom's", "BBQ") stay as
/// written: only a capital followed by a lower-case letter is lowered, and not when the word
/// looks like a name (an apostrophe in it).
fn lower_first(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or_default();
    let mut chars = text.chars();
    let (Some(first), Some(second)) = (chars.next(), text.chars().nth(1)) else {
        return text.to_string();
    };
    if first.is_uppercase() && second.is_lowercase() && !first_word.contains(['\'', '’']) {
        first.to_lowercase().chain(chars).collect()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_split_and_trimmed() {
        assert_eq!(
            first_note("  ; Loves sourdough.; cycling"),
            Some("Loves sourdough")
        );
        assert_eq!(first_note("\n\n"), None);
    }

    #[test]
    fn only_ordinary_capitals_are_lowered() {
        assert_eq!(lower_first("Loves sourdough"), "loves sourdough");
        assert_eq!(lower_first("BBQ every Sunday"), "BBQ every Sunday");
        assert_eq!(lower_first("Tom's garden"), "Tom's garden");
        assert_eq!(lower_first("Ölmalerei"), "ölmalerei");
        assert_eq!(lower_first("太极拳"), "太极拳");
        assert_eq!(lower_first("x"), "x");
    }
}
