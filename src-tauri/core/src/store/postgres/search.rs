//! Search on the server finds the same people as on the file: the text is folded and split into
//! words by Rapport (search_text.rs), exactly as for SQLite's index, and the words are handed
//! to PostgreSQL as they are — a `tsvector` and a `tsquery` written out here, never passed
//! through PostgreSQL's own parser (which would keep "ann@example.com" whole, or split other
//! words than SQLite does).

use crate::search_text::{fold, words};
use crate::store::search::{Matcher, SearchDocument};

/// Most positions a tsvector keeps for one word; later ones are dropped (weights stay).
const MAX_POSITION: usize = 16_383;

/// The contact's search document as a `tsvector` literal: every word with its position and its
/// column's weight (A name, B company, C email, phone and tags, D notes). Use as `$1::text::tsvector` (a text parameter).
pub fn document_literal(doc: &SearchDocument) -> String {
    let columns: [(&str, char); 6] = [
        (&doc.name, 'A'),
        (&doc.company, 'B'),
        (&doc.email, 'C'),
        (&doc.phone, 'C'),
        (&doc.tags, 'C'),
        (&doc.notes, 'D'),
    ];
    let mut out = String::new();
    let mut position = 0usize;
    for (text, weight) in columns {
        for word in words(text) {
            position = (position + 1).min(MAX_POSITION);
            if !out.is_empty() {
                out.push(' ');
            }
            push_lexeme(&mut out, word);
            out.push_str(&format!(":{position}{weight}"));
        }
    }
    out
}

/// What the owner typed as a `tsquery` literal: every word must start a word of the contact
/// (`'ann':* & 'lee':*`), as SQLite's `"ann"* "lee"*`. None when nothing searchable was typed
/// or the text is a phone fragment (found through the phone tails instead).
pub fn query_literal(typed: &str) -> Option<String> {
    match crate::store::search::matcher(typed)? {
        Matcher::Words(_) => {
            let folded = fold(typed);
            let terms: Vec<String> = words(&folded)
                .take(12)
                .map(|word| {
                    let mut term = String::new();
                    push_lexeme(&mut term, word);
                    term.push_str(":*");
                    term
                })
                .collect();
            (!terms.is_empty()).then(|| terms.join(" & "))
        }
        Matcher::PhoneDigits(_) => None,
    }
}

/// The digits of a phone fragment typed (at least three), looked up among the phone tails;
/// None for anything else.
pub fn phone_digits(typed: &str) -> Option<String> {
    match crate::store::search::matcher(typed)? {
        Matcher::PhoneDigits(digits) => Some(digits),
        Matcher::Words(_) => None,
    }
}

/// A word quoted for tsvector/tsquery input: in single quotes, quotes and backslashes doubled.
fn push_lexeme(out: &mut String, word: &str) {
    out.push('\'');
    for c in word.chars() {
        if c == '\'' || c == '\\' {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contacts::{ContactInput, LabeledValue};

    #[test]
    fn words_are_written_out_with_positions_and_weights() {
        let input = ContactInput {
            given_name: "José".into(),
            family_name: "Lee".into(),
            company: "Acme".into(),
            emails: vec![LabeledValue {
                label: "work".into(),
                value: "jo@x.io".into(),
            }],
            tags: vec!["VIP".into()],
            notes: "likes rye".into(),
            ..ContactInput::default()
        };
        let doc = SearchDocument::from_input(&input, "José Lee");
        assert_eq!(
            document_literal(&doc),
            "'jose':1A 'lee':2A 'acme':3B 'jo':4C 'x':5C 'io':6C 'vip':7C 'likes':8D 'rye':9D"
        );
        let mut quoted = String::new();
        push_lexeme(&mut quoted, "o'b\\c");
        assert_eq!(quoted, "'o''b\\\\c'");
    }

    #[test]
    fn typed_text_becomes_prefix_terms_joined_by_and() {
        assert_eq!(
            query_literal("José Mü").as_deref(),
            Some("'jose':* & 'mu':*")
        );
        assert_eq!(query_literal("o'\\x").as_deref(), Some("'o':* & 'x':*"));
        assert_eq!(query_literal("(555) 12"), None);
        assert_eq!(phone_digits("(555) 12").as_deref(), Some("55512"));
        assert_eq!(query_literal(" -- "), None);
    }
}
