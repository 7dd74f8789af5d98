//! A message that goes without a picture must not speak of one: the sentences of a template that
//! mention a picture or photo are left out, and the composer is told which and why.

/// Words that make a sentence speak of the picture sent with a message.
const PICTURE_WORDS: &[&str] = &["picture", "photo", "pictured", "snapshot", "selfie"];

/// The template without the sentences that speak of a picture, and those sentences as written.
/// Works on the template (before merging) so a customer's or business's name with "Photo" in it
/// never removes a sentence. Line breaks and paragraphs are kept; a paragraph left empty goes.
pub fn without_picture_sentences(template: &str) -> (String, Vec<String>) {
    let mut dropped = Vec::new();
    let mut paragraphs = Vec::new();
    for paragraph in template.split("\n\n") {
        let mut lines = Vec::new();
        for line in paragraph.split('\n') {
            let (about, kept): (Vec<&str>, Vec<&str>) = sentences(line)
                .into_iter()
                .partition(|s| speaks_of_picture(s));
            if about.is_empty() {
                lines.push(line.to_string());
                continue;
            }
            dropped.extend(about.iter().map(|s| s.trim().to_string()));
            // A line whose every sentence was about the picture goes.
            if !kept.is_empty() {
                lines.push(kept.iter().map(|s| s.trim()).collect::<Vec<_>>().join(" "));
            }
        }
        if lines.iter().all(|l| l.trim().is_empty()) && !paragraph.trim().is_empty() {
            continue;
        }
        paragraphs.push(lines.join("\n"));
    }
    (paragraphs.join("\n\n"), dropped)
}

/// A line cut after each `.`, `!`, `?` or `…` that a space or the end follows.
fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?' | '…') {
            let end = i + c.len_utf8();
            match chars.peek() {
                None => {}
                Some((_, next)) if next.is_whitespace() => {
                    out.push(&line[start..end]);
                    start = end;
                }
                _ => {}
            }
        }
    }
    if !line[start..].trim().is_empty() {
        out.push(&line[start..]);
    }
    out
}

fn speaks_of_picture(sentence: &str) -> bool {
    sentence
        .split(|c: char| !c.is_alphanumeric() && c != '{' && c != '_')
        .filter(|w| !w.starts_with('{'))
        .map(str::to_lowercase)
        .any(|w| {
            PICTURE_WORDS
                .iter()
                .any(|p| w == *p || w == format!("{p}s"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_welcome_loses_only_its_picture_sentence() {
        let (text, dropped) = without_picture_sentences(crate::settings::DEFAULT_BODY);
        assert_eq!(dropped, vec!["The picture is us, saying hello."]);
        assert!(text.contains("\n\nWhenever you need anything, simply reply"));
        assert!(text.ends_with("Warm regards,\n{signature}"));
        assert!(!text.to_lowercase().contains("picture"));
    }

    #[test]
    fn names_in_fields_and_words_that_merely_contain_photo_are_kept() {
        let template = "Thanks from {photo_studio}. Our photographer says hi!\n\nA photo of us.";
        let (text, dropped) = without_picture_sentences(template);
        assert_eq!(
            text,
            "Thanks from {photo_studio}. Our photographer says hi!"
        );
        assert_eq!(dropped, vec!["A photo of us."]);
    }
}
