//! Text folded for search, so that what the owner types finds what was written: case, accents
//! and the letters that have no decomposition (ł, ø, ß, æ…) are folded the same way on both
//! sides, in every script. SQLite's own `remove_diacritics` misses ł and ø and Greek tonos on
//! some letters, so the store indexes text folded here.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Lowercase, decomposed, without combining marks (accents, Arabic vowel marks, Hebrew points),
/// with special letters spelled out.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            // Most text is ASCII: no decomposition needed.
            out.push(c.to_ascii_lowercase());
        } else {
            // Decomposing one character at a time is enough: the marks it yields are dropped.
            decompose_compatible(c, |part| push_folded(&mut out, part));
        }
    }
    out
}

fn push_folded(out: &mut String, c: char) {
    if is_combining_mark(c) || is_ignorable(c) {
        return;
    }
    match c {
        'ł' | 'Ł' => out.push('l'),
        'ø' | 'Ø' => out.push('o'),
        'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
        'ħ' | 'Ħ' => out.push('h'),
        'ı' => out.push('i'),
        'ß' | 'ẞ' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'þ' | 'Þ' => out.push_str("th"),
        'ŧ' | 'Ŧ' => out.push('t'),
        'ς' => out.push('σ'),
        // Arabic letter forms that people type interchangeably.
        'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
        'ى' => out.push('ي'),
        'ة' => out.push('ه'),
        _ => out.extend(c.to_lowercase()),
    }
}

/// Tatweel (Arabic elongation) and zero-width joiners change nothing a reader sees.
fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{0640}' | '\u{200B}'..='\u{200F}' | '\u{FEFF}')
}

/// Words of folded text as the search index splits them: runs of letters and digits.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// A phone number's digits, and its tails from the start of each group of digits as written
/// (and the last four and seven digits), so that typing a part of the number as people say it
/// ("4567", "555 12", "7946") finds it by prefix.
pub fn phone_tails(phone: &str) -> Vec<String> {
    let mut digits = String::new();
    let mut group_starts = Vec::new();
    let mut in_group = false;
    for c in phone.chars() {
        if c.is_ascii_digit() {
            if !in_group {
                group_starts.push(digits.len());
            }
            digits.push(c);
            in_group = true;
        } else {
            in_group = false;
        }
    }
    let len = digits.len();
    group_starts.extend([len.saturating_sub(4), len.saturating_sub(7)]);
    group_starts.sort_unstable();
    group_starts.dedup();
    group_starts
        .into_iter()
        .filter(|start| len - start >= 3)
        .map(|start| digits[start..].to_string())
        .collect()
}

/// A phone number's digits, as the full-text index holds it.
pub fn phone_digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// If the query is a phone fragment ("555-12", "+44 20"), its digits.
pub fn as_phone_fragment(query: &str) -> Option<String> {
    let digits: String = query.chars().filter(char::is_ascii_digit).collect();
    let only_phone_chars = query
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()./".contains(c));
    (only_phone_chars && digits.len() >= 3).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_special_letters_in_every_script() {
        assert_eq!(fold("José"), "jose");
        assert_eq!(fold("Müller"), "muller");
        assert_eq!(fold("Łukasz"), "lukasz");
        assert_eq!(fold("Ødegård"), "odegard");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Νίκος Παπαδόπουλος"), "νικοσ παπαδοπουλοσ");
        assert_eq!(fold("ΝΙΚΟΣ"), fold("Νίκος"));
        assert_eq!(fold("مُحَمَّد"), "محمد");
        assert_eq!(fold("王小明"), "王小明");
        assert_eq!(fold("Ｆｕｌｌ"), "full");
    }

    #[test]
    fn phone_fragments_are_found_from_any_point_of_the_number() {
        let tokens = phone_tails("+1 (555) 123-4567");
        assert!(tokens.contains(&"15551234567".to_string()));
        assert!(tokens.iter().any(|t| t.starts_with("55512")));
        assert!(tokens.iter().any(|t| t.starts_with("4567")));
        assert_eq!(as_phone_fragment("555-12"), Some("55512".into()));
        assert_eq!(as_phone_fragment("ann"), None);
        assert_eq!(as_phone_fragment("12"), None);
    }
}
