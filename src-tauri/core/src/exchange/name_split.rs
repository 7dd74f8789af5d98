//! A whole name from one column ("Name", "Nom", "Nombre") split into its parts: "Lee, Ann"
//! is written last name first, "王小明" has its family name first, "Ludwig van Beethoven"
//! keeps "van" with the last name, "Madonna" is a first name alone, and "Bäckerei Schmidt
//! GmbH" is a company, not a person.

use super::header_names::{
    header_key, BUSINESS_WORDS, COMPOUND_SURNAMES_KO, COMPOUND_SURNAMES_ZH, HONORIFICS,
    LEGAL_FORMS, PARTICLES,
};

/// The parts of one name.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct NameParts {
    pub prefix: String,
    pub given: String,
    pub family: String,
}

/// Whether a name from a name column is a company's or a shop's ("Müller GmbH", "Café Luna").
pub fn looks_like_company(name: &str) -> bool {
    let words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == ',' || c == '&' || c == '+')
        .map(header_key)
        .filter(|w| !w.is_empty())
        .collect();
    name.contains('&')
        || words
            .last()
            .is_some_and(|w| LEGAL_FORMS.contains(&w.as_str()))
        || words.iter().any(|w| BUSINESS_WORDS.contains(&w.as_str()))
}

/// Splits `name` into prefix, given and family name. With `two_surnames` (a Spanish file: "Ana
/// García López") the last two words of a name of three or more are the last name.
pub fn split_as(name: &str, two_surnames: bool) -> NameParts {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return NameParts::default();
    }
    if name.chars().any(is_east_asian) && name.chars().all(|c| is_east_asian(c) || c == ' ') {
        return split_east_asian(&name);
    }
    // "Lee, Ann": last name first, unless what follows the comma is a suffix ("Ann Lee, Jr.").
    if let Some((family, given)) = name.split_once(',') {
        let (family, given) = (family.trim(), given.trim());
        if !family.is_empty() && !given.is_empty() && !given.contains(',') && !is_suffix(given) {
            let mut parts = split_western(given, false);
            if !parts.family.is_empty() {
                // "Lee, Ann Marie": everything after the comma is the first name.
                parts.given = format!("{} {}", parts.given, parts.family)
                    .trim()
                    .to_string();
            }
            parts.family = family.to_string();
            return parts;
        }
    }
    split_western(&name, two_surnames)
}

fn is_suffix(text: &str) -> bool {
    matches!(
        header_key(text).as_str(),
        "jr" | "sr" | "ii" | "iii" | "iv" | "phd" | "md" | "esq" | "msc" | "mba"
    )
}

/// Given names, then the family name: its last word, or from a particle on ("van Beethoven").
fn split_western(name: &str, two_surnames: bool) -> NameParts {
    let mut words: Vec<&str> = name.split(' ').collect();
    let mut parts = NameParts::default();
    if words.len() > 1 && HONORIFICS.contains(&header_key(words[0]).as_str()) {
        parts.prefix = words.remove(0).to_string();
    }
    // A suffix stays with the family name ("Ann Lee Jr.").
    let suffix_from = if words.len() > 2 && words.last().is_some_and(|w| is_suffix(w)) {
        words.len() - 1
    } else {
        words.len()
    };
    if suffix_from <= 1 {
        parts.given = words.join(" ");
        return parts;
    }
    let family_from = (1..suffix_from - 1)
        .find(|&i| PARTICLES.contains(&words[i].to_lowercase().as_str()))
        .unwrap_or(if two_surnames && suffix_from > 2 {
            suffix_from - 2
        } else {
            suffix_from - 1
        });
    parts.given = words[..family_from].join(" ");
    parts.family = words[family_from..].join(" ");
    parts
}

/// Chinese, Japanese and Korean names: family name first. With a space, the first word is the
/// family name; without, a Chinese or Korean family name is one character (or one of the
/// known two-character ones), a Japanese one the characters before the kana of the given
/// name, or the first two of four.
fn split_east_asian(name: &str) -> NameParts {
    if let Some((family, given)) = name.split_once(' ') {
        return NameParts {
            prefix: String::new(),
            given: given.trim().to_string(),
            family: family.trim().to_string(),
        };
    }
    let chars: Vec<char> = name.chars().collect();
    let take = |n: usize| NameParts {
        prefix: String::new(),
        family: chars[..n].iter().collect(),
        given: chars[n..].iter().collect(),
    };
    if chars.len() < 2 {
        return NameParts {
            given: name.to_string(),
            ..NameParts::default()
        };
    }
    let starts_with_any = |list: &[&str]| list.iter().any(|s| name.starts_with(s));
    if chars.iter().all(|c| is_hangul(*c)) {
        let n = if chars.len() > 2 && starts_with_any(COMPOUND_SURNAMES_KO) {
            2
        } else {
            1
        };
        return take(n);
    }
    if let Some(kana) = chars.iter().position(|c| is_kana(*c)) {
        // "田中はなこ": the kanji before the kana are the family name.
        return if kana == 0 {
            NameParts {
                given: name.to_string(),
                ..NameParts::default()
            }
        } else {
            take(kana)
        };
    }
    if chars.len() > 2 && starts_with_any(COMPOUND_SURNAMES_ZH) {
        return take(2);
    }
    // Four characters without a compound Chinese family name: a Japanese name ("山田太郎").
    take(if chars.len() == 4 { 2 } else { 1 })
}

fn is_east_asian(c: char) -> bool {
    is_hangul(c) || is_kana(c) || is_han(c)
}

fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F)
}

fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x31F0..=0x31FF)
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(name: &str) -> NameParts {
        split_as(name, false)
    }

    fn parts(prefix: &str, given: &str, family: &str) -> NameParts {
        NameParts {
            prefix: prefix.into(),
            given: given.into(),
            family: family.into(),
        }
    }

    #[test]
    fn a_whole_name_splits_as_people_write_it() {
        assert_eq!(split("Ann Lee"), parts("", "Ann", "Lee"));
        assert_eq!(split("  Ann   Marie  Lee "), parts("", "Ann Marie", "Lee"));
        assert_eq!(split("Lee, Ann"), parts("", "Ann", "Lee"));
        assert_eq!(split("Lee, Ann Marie"), parts("", "Ann Marie", "Lee"));
        assert_eq!(split("Ann Lee, Jr."), parts("", "Ann", "Lee, Jr."));
        assert_eq!(split("Ann Lee Jr."), parts("", "Ann", "Lee Jr."));
        assert_eq!(split("Madonna"), parts("", "Madonna", ""));
        assert_eq!(
            split_as("Ana García López", true),
            parts("", "Ana", "García López")
        );
        assert_eq!(split_as("Ana García", true), parts("", "Ana", "García"));
        assert_eq!(
            split_as("Pedro de la Fuente", true),
            parts("", "Pedro", "de la Fuente")
        );
        assert_eq!(split("Dr. Ann Lee"), parts("Dr.", "Ann", "Lee"));
        assert_eq!(split("Herr Hans Müller"), parts("Herr", "Hans", "Müller"));
        assert_eq!(split("Dr."), parts("", "Dr.", ""));
        assert_eq!(
            split("Ludwig van Beethoven"),
            parts("", "Ludwig", "van Beethoven")
        );
        assert_eq!(split("Maria de la Cruz"), parts("", "Maria", "de la Cruz"));
        assert_eq!(
            split("Anna Maria da Silva"),
            parts("", "Anna Maria", "da Silva")
        );
        // East Asian names: family name first.
        assert_eq!(split("王小明"), parts("", "小明", "王"));
        assert_eq!(split("欧阳娜娜"), parts("", "娜娜", "欧阳"));
        assert_eq!(split("山田太郎"), parts("", "太郎", "山田"));
        assert_eq!(split("山田 太郎"), parts("", "太郎", "山田"));
        assert_eq!(split("田中はなこ"), parts("", "はなこ", "田中"));
        assert_eq!(split("김민준"), parts("", "민준", "김"));
        assert_eq!(split("남궁민수"), parts("", "민수", "남궁"));
    }

    #[test]
    fn companies_in_a_name_column_are_seen() {
        for name in [
            "Bäckerei Schmidt",
            "Müller GmbH",
            "Acme Ltd",
            "Lee & Sons",
            "Café Luna",
            "Boulangerie Dupont SARL",
        ] {
            assert!(looks_like_company(name), "{name}");
        }
        for name in [
            "Ann Lee",
            "Hans Müller",
            "Co Nguyen",
            "王小明",
            "Barbara Sánchez",
        ] {
            assert!(!looks_like_company(name), "{name}");
        }
    }
}
