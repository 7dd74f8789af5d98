//! CSV from Google Contacts (current and older headers), Outlook, or any spreadsheet through a
//! column mapping. Text is decoded from UTF-8 (with or without BOM), UTF-16 with BOM or
//! Windows-1252; the delimiter (comma, semicolon, tab) is detected. A format reader, long by
//! nature: each program's quirks are handled here, in one place.

use std::ops::ControlFlow;

use chrono::NaiveDate;

use super::rows::SourceRow;
pub use super::targets::{ColumnMapping, Target};
use super::unneutralise;
use super::vcard::parse_vcard_date;
use crate::contacts::{Birthday, ContactInput, LabeledValue, PostalAddress};
use crate::error::Invalid;

/// Decodes a file's bytes; returns the text and the encoding's name.
pub fn decode(bytes: Vec<u8>) -> (String, &'static str) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let name = match encoding.name() {
            "UTF-8" => "UTF-8 with BOM",
            "UTF-16LE" => "UTF-16LE",
            _ => "UTF-16BE",
        };
        return (text.into_owned(), name);
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, "UTF-8"),
        Err(not_utf8) => (
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(not_utf8.as_bytes())
                .0
                .into_owned(),
            "Windows-1252",
        ),
    }
}

/// The delimiter used most on the header line, outside quotes.
pub fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut in_quotes = false;
    for c in header.bytes() {
        if c == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes {
            for (d, n) in counts.iter_mut() {
                if *d == c {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map(|(d, _)| *d)
        .unwrap_or(b',')
}

pub fn delimiter_name(delimiter: u8) -> &'static str {
    match delimiter {
        b';' => "semicolon",
        b'\t' => "tab",
        _ => "comma",
    }
}

/// Which kind of file the headers say this is.
pub fn detect_kind(headers: &[String]) -> &'static str {
    let has = |name: &str| headers.iter().any(|h| h.trim().eq_ignore_ascii_case(name));
    let old_google = has("Given Name") && has("Group Membership");
    let new_google = has("First Name") && (has("Labels") || has("E-mail 1 - Value"));
    if old_google || new_google {
        "google"
    } else if has("E-mail Address")
        || has("Business Street")
        || has("Home Street")
        || headers.iter().any(|h| {
            super::header_names::OUTLOOK_MARKERS
                .contains(&super::header_names::header_key(h).as_str())
        })
    {
        "outlook"
    } else {
        "csv"
    }
}

/// Guesses every column's target from its header (Google, Outlook in its languages, our own
/// exports, QuickBooks, Xero, and spreadsheets' names in the languages owners use most; see
/// header_names), then reads each in the light of the others ([`super::mapping::resolve`]).
pub fn guess_mapping(headers: &[String]) -> Vec<ColumnMapping> {
    let mut mapping: Vec<ColumnMapping> = headers.iter().map(|h| guess(h)).collect();
    super::mapping::resolve(&mut mapping);
    mapping
}

fn guess(header: &str) -> ColumnMapping {
    let mut mapping = ColumnMapping {
        header: header.to_string(),
        target: Target::Ignore,
        slot: 1,
        label: String::new(),
    };
    let h = header.trim().trim_start_matches('*').to_lowercase();
    // Google: "E-mail 2 - Value", "Phone 1 - Type", "Address 1 - Postal Code", "Organization 1 - Name".
    if let Some((left, part)) = h.split_once(" - ") {
        let mut words = left.rsplitn(2, ' ');
        let slot = words.next().and_then(|n| n.parse::<u32>().ok());
        let kind = words.next().unwrap_or("");
        if let Some(slot) = slot {
            mapping.slot = slot;
            mapping.target = match (kind, part) {
                ("e-mail" | "email", "value") => Target::Email,
                ("e-mail" | "email", "type" | "label") => Target::EmailLabel,
                ("phone", "value") => Target::Phone,
                ("phone", "type" | "label") => Target::PhoneLabel,
                ("address", "street") => Target::Street,
                ("address", "extended address" | "po box") => Target::StreetMore,
                ("address", "city") => Target::City,
                ("address", "region") => Target::Region,
                ("address", "postal code") => Target::PostalCode,
                ("address", "country") => Target::Country,
                ("address", "type" | "label") => Target::AddressLabel,
                ("organization", "name") if slot == 1 => Target::Company,
                ("organization", "title") if slot == 1 => Target::JobTitle,
                _ => Target::Ignore,
            };
            return mapping;
        }
    }
    // Outlook: "Business Street", "Home Postal Code", "Other Country/Region" …
    for (prefix, slot, label) in [
        ("business ", 1, "work"),
        ("home ", 2, "home"),
        ("other ", 3, "other"),
    ] {
        if let Some(part) = h.strip_prefix(prefix) {
            let target = match part {
                "street" => Some(Target::Street),
                "street 2" | "street 3" | "po box" => Some(Target::StreetMore),
                "city" => Some(Target::City),
                "state" => Some(Target::Region),
                "postal code" => Some(Target::PostalCode),
                "country/region" | "country" => Some(Target::Country),
                _ => None,
            };
            if let Some(target) = target {
                mapping.target = target;
                mapping.slot = slot;
                mapping.label = label.into();
                return mapping;
            }
        }
    }
    let (target, slot, label) = super::header_names::lookup(&super::header_names::header_key(
        header,
    ))
    .unwrap_or((Target::Ignore, 1, ""));
    mapping.target = target;
    mapping.slot = slot;
    mapping.label = label.into();
    mapping
}

fn table_reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes())
}

/// The column names in the first row of `text`.
pub fn read_headers(text: &str, delimiter: u8) -> Result<Vec<String>, Invalid> {
    let mut record = csv::StringRecord::new();
    match table_reader(text, delimiter).read_record(&mut record) {
        Ok(true) => Ok(record.iter().map(|h| h.trim().to_string()).collect()),
        Ok(false) => Err("the file is empty".into()),
        Err(e) => Err(Invalid(e.to_string())),
    }
}

/// The line a quoted value starts on when the file ends inside it (a quote opened and never
/// closed swallows the rest of the file into one value); none for a well-formed file. A quote
/// opens a value only at its start, as the reader has it; `""` inside is a quote.
pub fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let mut line = 1;
    let mut opened_on = None;
    let mut at_value_start = true;
    let mut bytes = text.as_bytes().iter().peekable();
    while let Some(&byte) = bytes.next() {
        if byte == b'\n' {
            line += 1;
        }
        match opened_on {
            Some(_) if byte == b'"' => {
                if bytes.peek() == Some(&&b'"') {
                    bytes.next();
                } else {
                    opened_on = None;
                }
            }
            Some(_) => {}
            None if byte == b'"' && at_value_start => opened_on = Some(line),
            None => {}
        }
        at_value_start = opened_on.is_none() && matches!(byte, b'\n' | b'\r') || byte == delimiter;
    }
    opened_on
}

/// Whether the file writes its birthdays with slashes day first (`03/04/1975` is 3 April): a
/// UK or French export does, a US one month first. Decided for the whole file by the first
/// date whose first number cannot be a month (day first) or whose second cannot (month
/// first); a file that never tells is read month first, as Outlook in the US writes it.
/// Reading stops at the first birthday not written with slashes.
pub fn slash_dates_are_day_first(text: &str, delimiter: u8, mapping: &[ColumnMapping]) -> bool {
    let columns: Vec<usize> = mapping
        .iter()
        .enumerate()
        .filter(|(_, m)| m.target == Target::Birthday)
        .map(|(i, _)| i)
        .collect();
    if columns.is_empty() {
        return false;
    }
    let mut verdict = None;
    let _ = read_rows(text, delimiter, |_, values, _| {
        for value in columns.iter().filter_map(|i| values.get(*i)).map(str::trim) {
            if value.is_empty() || value.starts_with("0/0/") {
                continue;
            }
            let mut numbers = value.split('/').map(|n| n.trim().parse::<u32>());
            verdict = match (numbers.next(), numbers.next(), numbers.next()) {
                (Some(Ok(first)), Some(Ok(second)), Some(Ok(_))) if value.contains('/') => {
                    if first > 12 && first <= 31 {
                        Some(true)
                    } else if second > 12 {
                        Some(false)
                    } else {
                        continue;
                    }
                }
                _ => Some(false),
            };
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    });
    verdict.unwrap_or(false)
}

/// Hands each non-empty row after the header to `each_row`, with the line it starts on and
/// the byte where it ends, until `each_row` breaks. Rows are not kept: a big file's values go
/// straight into whatever `each_row` makes of them.
pub fn read_rows(
    text: &str,
    delimiter: u8,
    mut each_row: impl FnMut(usize, &csv::StringRecord, u64) -> ControlFlow<()>,
) -> Result<(), String> {
    let mut reader = table_reader(text, delimiter);
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => {}
        Ok(false) => return Ok(()),
        Err(e) => return Err(e.to_string()),
    }
    // A record starts where the one before it ended; its line is counted from the bytes, since
    // a quoted field may span lines.
    let (mut counted_to, mut line) = (0usize, 1usize);
    let mut start = reader.position().byte() as usize;
    let bytes = text.as_bytes();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(e.to_string()),
        }
        let begin = start.min(text.len());
        start = reader.position().byte() as usize;
        // Skip the line break that ended the previous record.
        let mut first = begin;
        while first < bytes.len() && (bytes[first] == b'\r' || bytes[first] == b'\n') {
            first += 1;
        }
        if first > counted_to {
            line += bytes[counted_to..first]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            counted_to = first;
        }
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        if each_row(line, &record, start as u64).is_break() {
            break;
        }
    }
    Ok(())
}

/// One row through the mapping.
pub fn row_to_contact(
    line: usize,
    values: &csv::StringRecord,
    mapping: &[ColumnMapping],
    day_first: bool,
) -> SourceRow {
    let mut input = ContactInput::default();
    let mut problems = Vec::new();
    let mut full_name = String::new();
    let mut attention_to = String::new();
    let mut middle = String::new();
    let mut family_prefix = String::new();
    let mut full_name_key = String::new();
    // The last name came from a "Name" column beside a first-name column: it may hold the
    // whole name ("Ann Lee" beside "Ann").
    let mut family_from_name_column = false;
    let mut house_numbers: Vec<(u32, Vec<String>)> = Vec::new();
    let mut addresses: Vec<(u32, PostalAddress)> = Vec::new();
    // Each address's further street lines, in the order of their columns.
    let mut more_lines: Vec<(u32, Vec<String>)> = Vec::new();
    fn slot_of<T: Default>(list: &mut Vec<(u32, T)>, slot: u32) -> &mut T {
        let i = match list.iter().position(|(s, _)| *s == slot) {
            Some(i) => i,
            None => {
                list.push((slot, T::default()));
                list.len() - 1
            }
        };
        &mut list[i].1
    }
    let mut email_slots: Vec<(u32, (Vec<String>, String))> = Vec::new();
    let mut phone_slots: Vec<(u32, (Vec<String>, String))> = Vec::new();
    for (map, raw) in mapping.iter().zip(values) {
        let value = unneutralise(raw.trim()).trim();
        if value.is_empty() || map.target == Target::Ignore {
            continue;
        }
        let value = value.to_string();
        let multi = || -> Vec<String> {
            value
                .split(" ::: ")
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect()
        };
        match map.target {
            Target::Ignore => {}
            Target::FullName => {
                full_name = value;
                full_name_key = super::header_names::header_key(&map.header);
            }
            Target::AttentionTo => attention_to = value,
            Target::Prefix => input.prefix = value,
            Target::GivenName => input.given_name = value,
            Target::MiddleName => middle = value,
            Target::FamilyNamePrefix => family_prefix = value,
            Target::FamilyName => {
                input.family_name = value;
                family_from_name_column = super::header_names::FAMILY_OR_FULL
                    .contains(&super::header_names::header_key(&map.header).as_str());
            }
            Target::Nickname => input.nickname = value,
            Target::Company => input.company = value,
            Target::JobTitle => input.job_title = value,
            Target::Email => {
                let slot = slot_of(&mut email_slots, map.slot);
                slot.0.extend(multi());
                if slot.1.is_empty() {
                    slot.1 = map.label.clone();
                }
            }
            Target::EmailLabel => slot_of(&mut email_slots, map.slot).1 = label_text(&value),
            Target::Phone => {
                let slot = slot_of(&mut phone_slots, map.slot);
                slot.0.extend(multi());
                if slot.1.is_empty() {
                    slot.1 = map.label.clone();
                }
            }
            Target::PhoneLabel => slot_of(&mut phone_slots, map.slot).1 = label_text(&value),
            Target::Street => slot_of(&mut addresses, map.slot).street = value,
            Target::StreetMore => {
                slot_of(&mut addresses, map.slot);
                slot_of(&mut more_lines, map.slot).push(value);
            }
            Target::HouseNumber => {
                slot_of(&mut addresses, map.slot);
                slot_of(&mut house_numbers, map.slot).push(value);
            }
            Target::City => slot_of(&mut addresses, map.slot).city = value,
            Target::Region => slot_of(&mut addresses, map.slot).region = value,
            Target::PostalCode => slot_of(&mut addresses, map.slot).postal_code = value,
            Target::Country => slot_of(&mut addresses, map.slot).country = value,
            Target::AddressLabel => slot_of(&mut addresses, map.slot).label = label_text(&value),
            Target::Birthday => match parse_birthday(&value, day_first) {
                Ok(birthday) => input.birthday = birthday,
                Err(reason) => problems.push(format!("birthday: {reason}")),
            },
            Target::CustomerSince => match NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
                Ok(day) => input.customer_since = Some(day),
                Err(_) => problems.push(format!(
                    "customer since: \"{value}\" is not a date (write YYYY-MM-DD)"
                )),
            },
            Target::Tags => input.tags.extend(tags_in(&value)),
            Target::Notes => input.notes = value,
            Target::Family => input.family = value,
            Target::Interests => input.interests = value,
            Target::TalkingPoints => input.talking_points = value,
        }
    }
    for (slot, numbers) in house_numbers {
        let street = &mut slot_of(&mut addresses, slot).street;
        for number in numbers {
            if !street.is_empty() {
                street.push(' ');
            }
            street.push_str(&number);
        }
    }
    for (slot, lines) in more_lines {
        let street = &mut slot_of(&mut addresses, slot).street;
        for line in lines {
            if !street.is_empty() {
                street.push('\n');
            }
            street.push_str(&line);
        }
    }
    // Outlook gives each address a label by its columns; keep it unless a label column said otherwise.
    for (slot, address) in addresses.iter_mut() {
        if address.label.is_empty() {
            if let Some(map) = mapping.iter().find(|m| {
                m.slot == *slot
                    && matches!(
                        m.target,
                        Target::Street | Target::StreetMore | Target::City | Target::PostalCode
                    )
            }) {
                address.label = map.label.clone();
            }
        }
    }
    for (_, (values, label)) in email_slots {
        input
            .emails
            .extend(values.into_iter().map(|value| LabeledValue {
                label: label.clone(),
                value,
            }));
    }
    for (_, (values, label)) in phone_slots {
        input
            .phones
            .extend(values.into_iter().map(|value| LabeledValue {
                label: label.clone(),
                value,
            }));
    }
    input.addresses = addresses.into_iter().map(|(_, a)| a).collect();
    if !middle.is_empty() {
        input.given_name = format!("{} {middle}", input.given_name).trim().to_string();
    }
    if !attention_to.is_empty() {
        // Xero's contact is the organisation, its attention-to the person.
        if input.company.is_empty() {
            input.company = std::mem::take(&mut full_name);
        }
        full_name = attention_to;
    }
    if family_from_name_column && !input.given_name.is_empty() {
        // "Name" = "Ann Lee" beside "First name" = "Ann": the last name is what follows.
        if let Some(rest) = input
            .family_name
            .strip_prefix(input.given_name.as_str())
            .and_then(|rest| rest.strip_prefix(' '))
        {
            input.family_name = rest.trim().to_string();
        }
    }
    if !family_prefix.is_empty() {
        input.family_name = format!("{family_prefix} {}", input.family_name)
            .trim()
            .to_string();
    }
    if input.given_name.is_empty() && input.family_name.is_empty() && !full_name.is_empty() {
        let same =
            |other: &str| !other.is_empty() && other.to_lowercase() == full_name.to_lowercase();
        if same(&input.company) || same(&input.nickname) || same(&input.prefix) {
            // The name column repeats the company, the nickname or the title alone (how a
            // contact without a name is shown): nobody by name.
        } else if input.company.is_empty() && super::name_split::looks_like_company(&full_name) {
            input.company = full_name;
        } else {
            let name = full_name
                .strip_prefix(&format!("{} ", input.prefix))
                .filter(|_| !input.prefix.is_empty())
                .unwrap_or(&full_name);
            let two_surnames =
                super::header_names::SPANISH_NAME_COLUMNS.contains(&full_name_key.as_str());
            let parts = super::name_split::split_as(name, two_surnames);
            if input.prefix.is_empty() {
                input.prefix = parts.prefix;
                input.given_name = parts.given;
            } else {
                input.given_name = format!("{} {}", parts.prefix, parts.given)
                    .trim()
                    .to_string();
            }
            input.family_name = parts.family;
        }
    }
    SourceRow {
        line,
        input,
        problems,
        photo: None,
    }
}

/// A cell's tags: Google separates its labels with " ::: " (its system groups start with "* "),
/// other files with commas or semicolons. A tag holds neither (the tag lists of exports are
/// separated by them), so a label "Bakers, Paris" becomes two tags rather than a refused row.
fn tags_in(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(" ::: ")
        .flat_map(|v| v.split([',', ';']))
        .map(str::trim)
        .filter(|t| !t.is_empty() && !t.starts_with("* "))
        .map(str::to_string)
}

/// Google writes "* Home" or "Work"; we keep "home", "work"…
fn label_text(value: &str) -> String {
    value.trim_start_matches('*').trim().to_lowercase()
}

/// `1980-02-29`, `--02-29`, `--0229`, `19800229`, Outlook's `2/29/1980` (`0/0/00` is none), a
/// European `29/2/1980` (when the first number cannot be a month) or `29.2.1980`, and
/// `1980/2/29`.
pub fn parse_birthday(value: &str, day_first: bool) -> Result<Option<Birthday>, Invalid> {
    let value = value.trim();
    // Outlook writes a missing date as zeros in its locale's form: 0/0/00, 0.0.00, 00-00-0000.
    if !value.is_empty()
        && value.chars().any(|c| c == '0')
        && value.chars().all(|c| matches!(c, '0' | '/' | '.' | '-'))
    {
        return Ok(None);
    }
    let numeric = value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-' | ' '));
    // Dutch Outlook writes 17-5-1975: dashes after a day or month, not after a year.
    let dashed = numeric
        && value.contains('-')
        && value
            .split('-')
            .next()
            .is_some_and(|first| (1..=2).contains(&first.len()));
    if let Some(separator) = ['/', '.', '-']
        .into_iter()
        .find(|s| numeric && value.contains(*s) && (*s != '-' || dashed))
    {
        return parse_numeric_date(value, separator, day_first).map(Some);
    }
    Birthday::parse(value)
        .or_else(|_| parse_vcard_date(value, false))
        .map(Some)
}

/// A date written as three numbers: year first when it has four digits, else month first
/// with slashes (Outlook's `5/17/1975`) unless the file writes them day first (`day_first`,
/// see [`slash_dates_are_day_first`]) or the first cannot be a month (`17/5/1975`), and day
/// first with dots (`17.5.1975`). A two-digit year is 2000–2029 or 1930–1999.
fn parse_numeric_date(value: &str, separator: char, day_first: bool) -> Result<Birthday, Invalid> {
    let bad = || {
        Invalid(format!(
            "\"{value}\" is not a date; write it as YYYY-MM-DD, or M/D/YYYY as Outlook does"
        ))
    };
    let parts: Vec<&str> = value.split(separator).map(str::trim).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(bad());
    };
    let number = |text: &str| -> Result<u32, Invalid> {
        if text.is_empty() || text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        text.parse().map_err(|_| bad())
    };
    let (first, second, third) = (number(a)?, number(b)?, number(c)?);
    let full_year = |digits: &str, year: u32| -> Result<i32, Invalid> {
        let year = match digits.len() {
            4 => year,
            2 if year < 30 => 2000 + year,
            2 => 1900 + year,
            _ => return Err(bad()),
        };
        i32::try_from(year).map_err(|_| bad())
    };
    let (year, month, day) = if a.len() == 4 {
        (full_year(a, first)?, second, third)
    } else if separator != '/' || day_first || (first > 12 && second <= 12) {
        if separator == '-' && second > 12 && first <= 12 {
            // 05-17-1975: month first after all.
            return Birthday::new(Some(full_year(c, third)?), first, second);
        }
        (full_year(c, third)?, second, first)
    } else {
        (full_year(c, third)?, first, second)
    };
    Birthday::new(Some(year), month, day)
}

#[cfg(test)]
mod tests {
    use super::parse_birthday;
    use crate::contacts::Birthday;

    fn parse_birthday_us(value: &str) -> Result<Option<Birthday>, crate::Invalid> {
        parse_birthday(value, false)
    }

    #[test]
    fn birthdays_are_read_in_the_forms_address_books_write() {
        let day = |y, m, d| {
            Ok(Some(
                Birthday::new(y, m, d).unwrap_or_else(|e| panic!("{e}")),
            ))
        };
        assert_eq!(parse_birthday_us("1975-05-17"), day(Some(1975), 5, 17));
        assert_eq!(parse_birthday_us("--05-17"), day(None, 5, 17));
        assert_eq!(parse_birthday_us("5/17/1975"), day(Some(1975), 5, 17));
        assert_eq!(parse_birthday_us("17/5/1975"), day(Some(1975), 5, 17));
        assert_eq!(parse_birthday_us("17.05.1975"), day(Some(1975), 5, 17));
        assert_eq!(parse_birthday_us("3.4.1975"), day(Some(1975), 4, 3));
        assert_eq!(parse_birthday_us("1975/05/17"), day(Some(1975), 5, 17));
        assert_eq!(parse_birthday_us("5/17/75"), day(Some(1975), 5, 17));
        assert_eq!(parse_birthday_us("1/2/05"), day(Some(2005), 1, 2));
        assert_eq!(parse_birthday_us("0/0/00"), Ok(None));
        assert_eq!(parse_birthday_us("0.0.00"), Ok(None));
        assert_eq!(parse_birthday_us("00/00/0000"), Ok(None));
        assert_eq!(parse_birthday_us("0-0-00"), Ok(None));
        assert_eq!(parse_birthday_us("17-5-1975"), day(Some(1975), 5, 17));
        assert_eq!(parse_birthday_us("05-17-1975"), day(Some(1975), 5, 17));
        assert!(parse_birthday_us("1975-02-30").is_err());
        assert!(parse_birthday_us("2/30/1975").is_err());
        assert!(parse_birthday_us("31.02.1975").is_err());
        assert!(parse_birthday_us("13/13/1975").is_err());
        assert!(parse_birthday_us("5/17").is_err());
        assert!(parse_birthday_us("a/b/c").is_err());
        // A file that writes day first: every slashed date is read so.
        assert_eq!(parse_birthday("03/04/1975", true), day(Some(1975), 4, 3));
        assert_eq!(parse_birthday("03/04/1975", false), day(Some(1975), 3, 4));
        // A time after the date is no numeric date with dots.
        assert_eq!(
            parse_birthday_us("1975-05-17T00:00:00.000Z"),
            day(Some(1975), 5, 17)
        );
    }

    #[test]
    fn a_quote_never_closed_is_found_with_its_line() {
        use super::unclosed_quote;
        assert_eq!(
            unclosed_quote("Name,Email\n\"Ann,ann@x.com\nBob,b@x.com\n", b','),
            Some(2)
        );
        assert_eq!(
            unclosed_quote("A;B\r\nx;\"two\r\nlines\";y\r\nz;\"w", b';'),
            Some(4)
        );
        // Well-formed: quotes closed, doubled quotes inside, a quote in the middle of a value.
        assert_eq!(
            unclosed_quote("A,B\n\"say \"\"hi\"\"\",12\" pizza\n\"x\ny\",z\n", b','),
            None
        );
        assert_eq!(unclosed_quote("A\tB\n\"\"\t\"\"\n", b'\t'), None);
    }

    #[test]
    fn rows_are_numbered_by_their_physical_line() {
        let text = "A;B\r\nx;y\r\n\"=H(\"\"u\"\")\";z\r\n\"two\nlines\";w\r\nlast;v\r\n";
        let mut lines = Vec::new();
        let read = super::read_rows(text, b';', |line, _, _| {
            lines.push(line);
            std::ops::ControlFlow::Continue(())
        });
        assert_eq!(read, Ok(()));
        assert_eq!(lines, [2, 3, 4, 6]);
    }
}
