//! vCards: written as 4.0 (or 3.0 for older address books), read as 2.1, 3.0 or 4.0 with folded
//! lines, quoted-printable, several cards per file, birthdays without a year and Apple's
//! related names and anniversaries.

use std::collections::HashMap;

use super::rows::SourceRow;
use super::VcardVersion;
use crate::contacts::{Birthday, Contact, ContactInput, LabeledValue, PostalAddress};
use crate::error::Invalid;

/// One contact as a vCard, with its photo (the stored JPEG) inline when it has one, lines folded
/// at 75 octets and ended with CRLF.
pub fn card(contact: &Contact, version: VcardVersion, photo: Option<&[u8]>) -> String {
    let f = &contact.fields;
    let v4 = version == VcardVersion::V4;
    let mut lines: Vec<String> = vec![
        "BEGIN:VCARD".into(),
        format!("VERSION:{}", if v4 { "4.0" } else { "3.0" }),
        format!("FN:{}", escape(&contact.display_name)),
        format!(
            "N:{};{};;{};",
            escape(&f.family_name),
            escape(&f.given_name),
            escape(&f.prefix)
        ),
    ];
    if !f.nickname.is_empty() {
        lines.push(format!("NICKNAME:{}", escape(&f.nickname)));
    }
    if !f.company.is_empty() {
        lines.push(format!("ORG:{}", escape(&f.company)));
    }
    if !f.job_title.is_empty() {
        lines.push(format!("TITLE:{}", escape(&f.job_title)));
    }
    let type_param = |label: &str| {
        let label = match label {
            "mobile" => "cell",
            other => other,
        };
        if label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') && !label.is_empty() {
            format!(";TYPE={label}")
        } else {
            String::new()
        }
    };
    for email in &f.emails {
        lines.push(format!(
            "EMAIL{}:{}",
            type_param(&email.label),
            escape(&email.value)
        ));
    }
    for phone in &f.phones {
        lines.push(format!(
            "TEL{}:{}",
            type_param(&phone.label),
            escape(&phone.value)
        ));
    }
    for a in &f.addresses {
        lines.push(format!(
            "ADR{}:;;{};{};{};{};{}",
            type_param(&a.label),
            escape(&a.street),
            escape(&a.city),
            escape(&a.region),
            escape(&a.postal_code),
            escape(&a.country)
        ));
    }
    if let Some(b) = f.birthday {
        lines.push(match (b.year, v4) {
            (Some(y), _) => format!("BDAY:{y:04}{:02}{:02}", b.month, b.day),
            (None, true) => format!("BDAY:--{:02}{:02}", b.month, b.day),
            // 3.0 has no birthday without a year; Apple's convention is understood widely.
            (None, false) => format!(
                "BDAY;X-APPLE-OMIT-YEAR=1604:1604-{:02}-{:02}",
                b.month, b.day
            ),
        });
    }
    if !f.tags.is_empty() {
        let tags: Vec<String> = f.tags.iter().map(|t| escape(t)).collect();
        lines.push(format!("CATEGORIES:{}", tags.join(",")));
    }
    if !f.notes.is_empty() {
        lines.push(format!("NOTE:{}", escape(&f.notes)));
    }
    if let Some(jpeg) = photo {
        use base64::Engine;
        let data = base64::engine::general_purpose::STANDARD.encode(jpeg);
        lines.push(if v4 {
            format!("PHOTO:data:image/jpeg;base64,{data}")
        } else {
            format!("PHOTO;ENCODING=b;TYPE=JPEG:{data}")
        });
    }
    lines.push("END:VCARD".into());
    let mut out = String::new();
    for line in lines {
        fold_into(&mut out, &line);
    }
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds at 75 octets without splitting a UTF-8 character.
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

struct Property {
    group: String,
    name: String,
    params: Vec<(String, String)>,
    value: String,
}

impl Property {
    fn has_param(&self, key: &str, value: &str) -> bool {
        self.params.iter().any(|(k, v)| {
            (k == key || k.is_empty()) && v.split(',').any(|v| v.trim().eq_ignore_ascii_case(value))
        })
    }

    fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The first TYPE that is a label a person would use (home, work, mobile…).
    fn label(&self) -> String {
        for (key, value) in &self.params {
            if key != "TYPE" && !key.is_empty() {
                continue;
            }
            for t in value.split(',') {
                let t = t.trim().to_lowercase();
                match t.as_str() {
                    "cell" | "mobile" => return "mobile".into(),
                    "home" | "work" | "other" | "fax" | "main" | "iphone" => return t,
                    _ => {}
                }
            }
        }
        String::new()
    }
}

/// Reads every card in `text`; each becomes a row numbered by the line of its BEGIN.
pub fn parse(text: &str, notes: &mut Vec<String>) -> Vec<SourceRow> {
    let mut rows = Vec::new();
    let mut current: Option<(usize, Vec<Property>)> = None;
    for (line_no, line) in logical_lines(text) {
        let Some(property) = parse_line(&line) else {
            continue;
        };
        match (
            property.name.as_str(),
            property.value.trim().to_uppercase().as_str(),
        ) {
            ("BEGIN", "VCARD") => current = Some((line_no, Vec::new())),
            ("END", "VCARD") => {
                if let Some((start, props)) = current.take() {
                    rows.push(card_to_row(start, props));
                }
            }
            _ => {
                if let Some((_, props)) = current.as_mut() {
                    props.push(property);
                }
            }
        }
    }
    if current.is_some() {
        notes.push(
            "The last card has no END:VCARD; the file may be cut short. It was not read.".into(),
        );
    }
    rows
}

/// Unfolds continuation lines (a leading space or tab) and quoted-printable soft line breaks.
fn logical_lines(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut qp_open = false;
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(last) = out.last_mut() {
            if qp_open {
                // The soft break's '=' goes; the next line goes on as it is (a space at its
                // start is part of the text).
                last.1.pop();
                last.1.push_str(raw);
                qp_open = last.1.ends_with('=');
                continue;
            }
            if raw.starts_with([' ', '\t']) {
                last.1.push_str(&raw[1..]);
                continue;
            }
        }
        if raw.trim().is_empty() {
            continue;
        }
        out.push((i + 1, raw.to_string()));
        let head = raw.split(':').next().unwrap_or("").to_uppercase();
        qp_open = head.contains("QUOTED-PRINTABLE") && raw.ends_with('=');
    }
    out
}

fn parse_line(line: &str) -> Option<Property> {
    // The value starts after the first ':' outside a quoted parameter.
    let mut in_quotes = false;
    let mut split = None;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ':' if !in_quotes => {
                split = Some(i);
                break;
            }
            _ => {}
        }
    }
    let split = split?;
    let (head, value) = (&line[..split], &line[split + 1..]);
    let mut parts = head.split(';');
    let full_name = parts.next()?.trim();
    let (group, name) = match full_name.rsplit_once('.') {
        Some((group, name)) => (group.to_string(), name.to_uppercase()),
        None => (String::new(), full_name.to_uppercase()),
    };
    let params: Vec<(String, String)> = parts
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (
                k.trim().to_uppercase(),
                v.trim().trim_matches('"').to_string(),
            ),
            None => (String::new(), p.trim().to_string()),
        })
        .collect();
    let mut property = Property {
        group,
        name,
        params,
        value: value.to_string(),
    };
    if property.has_param("ENCODING", "QUOTED-PRINTABLE") {
        let bytes = decode_quoted_printable(&property.value);
        let charset = property.param("CHARSET").unwrap_or("UTF-8");
        let encoding =
            encoding_rs::Encoding::for_label(charset.as_bytes()).unwrap_or(encoding_rs::UTF_8);
        property.value = encoding.decode(&bytes).0.into_owned();
    }
    Some(property)
}

fn decode_quoted_printable(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Splits a structured value at unescaped `sep` and unescapes each part.
fn components(value: &str, sep: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') | Some('N') => parts.last_mut().map(|p| p.push('\n')),
                Some(other) => parts.last_mut().map(|p| p.push(other)),
                None => None,
            }
            .unwrap_or(()),
            c if c == sep => parts.push(String::new()),
            c => {
                if let Some(p) = parts.last_mut() {
                    p.push(c)
                }
            }
        };
    }
    parts.into_iter().map(|p| p.trim().to_string()).collect()
}

fn text(value: &str) -> String {
    components(value, '\u{0}').join("").replace("\r\n", "\n")
}

fn card_to_row(line: usize, props: Vec<Property>) -> SourceRow {
    let mut input = ContactInput::default();
    let mut problems = Vec::new();
    let mut photo: Option<Result<Vec<u8>, String>> = None;
    let mut full_name = String::new();
    let mut labels: HashMap<String, String> = HashMap::new();
    for p in &props {
        if p.name == "X-ABLABEL" && !p.group.is_empty() {
            let label = p.value.trim_start_matches("_$!<").trim_end_matches(">!$_");
            labels.insert(p.group.clone(), label.to_string());
        }
    }
    let mut family_lines = Vec::new();
    let mut extra_notes = Vec::new();
    for p in &props {
        match p.name.as_str() {
            "FN" => full_name = text(&p.value),
            "N" => {
                let parts = components(&p.value, ';');
                let get = |i: usize| parts.get(i).cloned().unwrap_or_default();
                input.family_name = get(0);
                input.given_name = [get(1), get(2)]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                input.prefix = get(3);
            }
            "NICKNAME" => input.nickname = text(&p.value),
            "ORG" => {
                input.company = components(&p.value, ';')
                    .into_iter()
                    .next()
                    .unwrap_or_default()
            }
            "TITLE" => input.job_title = text(&p.value),
            "EMAIL" => input.emails.push(LabeledValue {
                label: p.label(),
                value: text(&p.value),
            }),
            "TEL" => {
                let value = text(&p.value);
                let value = value.strip_prefix("tel:").unwrap_or(&value).to_string();
                input.phones.push(LabeledValue {
                    label: p.label(),
                    value,
                });
            }
            "ADR" => {
                let parts = components(&p.value, ';');
                let get = |i: usize| parts.get(i).cloned().unwrap_or_default();
                let street = [get(1), get(2)]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n");
                input.addresses.push(PostalAddress {
                    label: p.label(),
                    street,
                    city: get(3),
                    region: get(4),
                    postal_code: get(5),
                    country: get(6),
                });
            }
            "BDAY" => match parse_vcard_date(&p.value, p.param("X-APPLE-OMIT-YEAR").is_some()) {
                Ok(b) => input.birthday = Some(b),
                Err(reason) => problems.push(format!("birthday: {reason}")),
            },
            "CATEGORIES" => input.tags.extend(
                components(&p.value, ',')
                    .into_iter()
                    .filter(|t| !t.is_empty()),
            ),
            "NOTE" => input.notes = text(&p.value),
            "PHOTO" if photo.is_none() => photo = Some(inline_photo(p)),
            "ANNIVERSARY" | "X-ANNIVERSARY" => {
                extra_notes.push(format!("Anniversary: {}", readable_date(&text(&p.value))))
            }
            "X-ABDATE" => {
                let label = labels
                    .get(&p.group)
                    .cloned()
                    .unwrap_or_else(|| "Date".into());
                extra_notes.push(format!("{label}: {}", readable_date(&text(&p.value))));
            }
            "X-ABRELATEDNAMES" | "RELATED" => {
                let label = labels
                    .get(&p.group)
                    .cloned()
                    .or_else(|| p.param("TYPE").map(str::to_string))
                    .unwrap_or_else(|| "Related".into());
                family_lines.push(format!("{label}: {}", text(&p.value)));
            }
            "X-SPOUSE" => family_lines.push(format!("Spouse: {}", text(&p.value))),
            _ => {}
        }
    }
    if input.given_name.is_empty() && input.family_name.is_empty() && !full_name.is_empty() {
        match full_name.rsplit_once(' ') {
            Some((given, family)) => {
                input.given_name = given.to_string();
                input.family_name = family.to_string();
            }
            None => input.given_name = full_name,
        }
    }
    input.family = family_lines.join("\n");
    if !extra_notes.is_empty() {
        if !input.notes.is_empty() {
            extra_notes.insert(0, std::mem::take(&mut input.notes));
        }
        input.notes = extra_notes.join("\n");
    }
    SourceRow {
        line,
        input,
        problems,
        photo,
    }
}

/// The picture of an inline PHOTO: 2.1 `ENCODING=BASE64`, 3.0 `ENCODING=b` or 4.0 `data:` URI.
/// Its bytes are checked later, by the same checks as any photo.
fn inline_photo(p: &Property) -> Result<Vec<u8>, String> {
    let value = p.value.trim();
    let data = if p.has_param("ENCODING", "B") || p.has_param("ENCODING", "BASE64") {
        value
    } else if let Some(uri) = value
        .get(..5)
        .filter(|head| head.eq_ignore_ascii_case("data:"))
        .map(|_| &value[5..])
    {
        match uri.split_once(',') {
            Some((media, data)) if media.to_ascii_lowercase().ends_with(";base64") => data,
            _ => return Err("its data: link is not base64 data".into()),
        }
    } else {
        return Err(
            "it is a link to a picture elsewhere, not a picture in the card (Rapport does not fetch pictures)"
                .into(),
        );
    };
    let data: String = data.chars().filter(|c| !c.is_whitespace()).collect();
    let approx = (data.len() as u64 / 4) * 3;
    if approx > crate::photos::MAX_FILE_BYTES {
        return Err(crate::photos::PhotoError::TooLarge { bytes: approx }.to_string());
    }
    use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
    use base64::engine::DecodePaddingMode;
    use base64::Engine;
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    LENIENT
        .decode(data.as_bytes())
        .map_err(|_| "its data is not valid base64 (the card may be damaged)".to_string())
}

/// `1980-02-29`, `19800229`, `--0229`, `--02-29`, a date-time, or Apple's year 1604 for "no year".
/// A vCard date as YYYY-MM-DD (or --MM-DD without a year); anything else as it was written.
fn readable_date(value: &str) -> String {
    match parse_vcard_date(value, false) {
        Ok(Birthday {
            year: Some(year),
            month,
            day,
        }) => format!("{year}-{month:02}-{day:02}"),
        Ok(Birthday {
            year: None,
            month,
            day,
        }) => format!("--{month:02}-{day:02}"),
        Err(_) => value.to_string(),
    }
}

pub fn parse_vcard_date(value: &str, omit_year: bool) -> Result<Birthday, Invalid> {
    let value = value.trim();
    let date = value.split('T').next().unwrap_or(value);
    if let Some(rest) = date.strip_prefix("--") {
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        if digits.len() == 4 {
            let month = digits[..2]
                .parse()
                .map_err(|_| Invalid(format!("\"{value}\" is not a date")))?;
            let day = digits[2..]
                .parse()
                .map_err(|_| Invalid(format!("\"{value}\" is not a date")))?;
            return Birthday::new(None, month, day);
        }
        return Err(Invalid(format!("\"{value}\" is not a date")));
    }
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 8 || date.chars().any(|c| !(c.is_ascii_digit() || c == '-')) {
        return Err(Invalid(format!("\"{value}\" is not a date")));
    }
    let bad = || Invalid(format!("\"{value}\" is not a date"));
    let year: i32 = digits[..4].parse().map_err(|_| bad())?;
    let month = digits[4..6].parse().map_err(|_| bad())?;
    let day = digits[6..].parse().map_err(|_| bad())?;
    let year = if omit_year || year == 1604 {
        None
    } else {
        Some(year)
    };
    Birthday::new(year, month, day)
}
