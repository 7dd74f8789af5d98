//! The column mapping as a whole: names of the targets for the command line, the rules that
//! read one column in the light of the others ("Nom" beside "Prénom" is the last name), and
//! the owner's own choices (`--map "Firma=company"`) laid over the guess.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::header_names::{
    header_key, BIRTHDAY_PARTS, FAMILY_OR_FULL, GIVEN_OR_FULL, MAYBE_ANNIVERSARY,
    NICKNAME_BESIDE_SURNAME,
};
use super::targets::{ColumnMapping, Target};

impl Target {
    pub const ALL: [Target; 30] = [
        Target::Ignore,
        Target::FullName,
        Target::AttentionTo,
        Target::Prefix,
        Target::GivenName,
        Target::MiddleName,
        Target::FamilyNamePrefix,
        Target::FamilyName,
        Target::Nickname,
        Target::Company,
        Target::JobTitle,
        Target::Email,
        Target::EmailLabel,
        Target::Phone,
        Target::PhoneLabel,
        Target::Street,
        Target::HouseNumber,
        Target::StreetMore,
        Target::City,
        Target::Region,
        Target::PostalCode,
        Target::Country,
        Target::AddressLabel,
        Target::Birthday,
        Target::CustomerSince,
        Target::Tags,
        Target::Notes,
        Target::Family,
        Target::Interests,
        Target::TalkingPoints,
    ];

    /// The name on the command line (`--map "Firma=company"`).
    pub fn key(self) -> &'static str {
        match self {
            Target::Ignore => "ignore",
            Target::FullName => "full_name",
            Target::AttentionTo => "attention_to",
            Target::Prefix => "prefix",
            Target::GivenName => "given_name",
            Target::MiddleName => "middle_name",
            Target::FamilyNamePrefix => "family_name_prefix",
            Target::FamilyName => "family_name",
            Target::Nickname => "nickname",
            Target::Company => "company",
            Target::JobTitle => "job_title",
            Target::Email => "email",
            Target::EmailLabel => "email_label",
            Target::Phone => "phone",
            Target::PhoneLabel => "phone_label",
            Target::Street => "street",
            Target::HouseNumber => "house_number",
            Target::StreetMore => "street_more",
            Target::City => "city",
            Target::Region => "region",
            Target::PostalCode => "postal_code",
            Target::Country => "country",
            Target::AddressLabel => "address_label",
            Target::Birthday => "birthday",
            Target::CustomerSince => "customer_since",
            Target::Tags => "tags",
            Target::Notes => "notes",
            Target::Family => "family",
            Target::Interests => "interests",
            Target::TalkingPoints => "talking_points",
        }
    }

    /// A field by its command-line name (`first_name` and `last_name` too, `skip` for ignore).
    pub fn parse(text: &str) -> Result<Target, String> {
        let wanted = text.trim().to_lowercase().replace(['-', ' '], "_");
        let aliases = [
            ("first_name", Target::GivenName),
            ("last_name", Target::FamilyName),
            ("name", Target::FullName),
            ("skip", Target::Ignore),
            ("none", Target::Ignore),
            ("zip", Target::PostalCode),
            ("state", Target::Region),
            ("mobile", Target::Phone),
        ];
        Target::ALL
            .into_iter()
            .find(|t| t.key() == wanted)
            .or_else(|| aliases.iter().find(|(a, _)| *a == wanted).map(|(_, t)| *t))
            .ok_or_else(|| {
                format!(
                    "\"{}\" is not a field; use one of {}",
                    text.trim(),
                    Target::valid_keys()
                )
            })
    }

    /// Every field's command-line name, comma-separated.
    pub fn valid_keys() -> String {
        Target::ALL.map(Target::key).join(", ")
    }

    /// How the field reads in a sentence ("postal code").
    pub fn describe(self) -> String {
        match self {
            Target::Ignore => "not imported".into(),
            Target::FullName => "name (split into first and last name)".into(),
            other => other.key().replace('_', " "),
        }
    }
}

/// One column the owner sends somewhere else: `header=field` on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnChoice {
    /// The column's header, as in the file (case, accents and spacing need not match).
    pub column: String,
    pub target: Target,
}

/// Parses `Firma=company,PLZ=postal_code`. A header holding a comma or an equals sign is
/// written in double quotes (`"Straße, Nr."=street`).
pub fn parse_choices(text: &str) -> Result<Vec<ColumnChoice>, String> {
    let mut choices = Vec::new();
    for pair in split_outside_quotes(text, ',') {
        if pair.trim().is_empty() {
            continue;
        }
        let parts = split_outside_quotes(&pair, '=');
        let [column, field] = parts.as_slice() else {
            return Err(format!(
                "\"{}\" is not COLUMN=field (for example Firma=company)",
                pair.trim()
            ));
        };
        let column = column.trim().trim_matches('"').trim().to_string();
        if column.is_empty() {
            return Err(format!("\"{}\" names no column", pair.trim()));
        }
        choices.push(ColumnChoice {
            column,
            target: Target::parse(field)?,
        });
    }
    Ok(choices)
}

fn split_outside_quotes(text: &str, separator: char) -> Vec<String> {
    let mut parts = Vec::new();
    let mut part = String::new();
    let mut quoted = false;
    for c in text.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if c == separator && !quoted {
            parts.push(std::mem::take(&mut part));
        } else {
            part.push(c);
        }
    }
    parts.push(part);
    parts
}

/// Lays the owner's choices over `mapping`: each names a column of the file (by its header,
/// exactly or by its key) and where it goes. An email or phone gets the next free number,
/// so "Handy=phone" beside "Telefon" is a second phone. Says which column is not in the file.
pub fn apply_choices(
    mapping: &mut [ColumnMapping],
    choices: &[ColumnChoice],
) -> Result<(), String> {
    for choice in choices {
        let exact = mapping.iter().position(|m| m.header == choice.column);
        let key = header_key(&choice.column);
        let index = exact
            .or_else(|| {
                mapping
                    .iter()
                    .position(|m| !key.is_empty() && header_key(&m.header) == key)
            })
            .ok_or_else(|| {
                let headers: Vec<&str> = mapping.iter().map(|m| m.header.as_str()).collect();
                format!(
                    "the file has no column \"{}\"; its columns are {}",
                    choice.column,
                    headers.join(", ")
                )
            })?;
        if mapping[index].target == choice.target {
            continue;
        }
        let multi = matches!(
            choice.target,
            Target::Email | Target::EmailLabel | Target::Phone | Target::PhoneLabel
        );
        let slot = if multi {
            let kin = |t: Target| match t {
                Target::EmailLabel => Target::Email,
                Target::PhoneLabel => Target::Phone,
                t => t,
            };
            let taken = |slot: u32| {
                mapping.iter().enumerate().any(|(i, m)| {
                    i != index && kin(m.target) == kin(choice.target) && m.slot == slot
                })
            };
            (1..).find(|s| !taken(*s)).unwrap_or(1)
        } else {
            1
        };
        let column = &mut mapping[index];
        column.target = choice.target;
        column.slot = slot;
        column.label.clear();
    }
    Ok(())
}

/// Reads each column in the light of the others, after each was guessed alone:
/// - "Name"/"Nom"/"Naam" beside a first-name column and no last-name column is the last name
///   (German forms: "Name, Vorname"; French Outlook: "Nom", "Prénom");
/// - "Nombre"/"Nome" without a last-name or whole-name column is the whole name;
/// - a second column of the same name as a first one that is the title is the job title
///   (French Outlook names both "Titre");
/// - Brazilian "Apelido" beside "Sobrenome" is a nickname;
/// - a birthday column that may be an anniversary ("Aniversário") beside another birthday
///   column, and a birthday day beside birth-month columns (Thunderbird), are left out;
/// - a plain town, street… column beside Outlook's labelled ones of the same address (German
///   Outlook's "Ort" is its Location field) is left out.
pub fn resolve(mapping: &mut [ColumnMapping]) {
    let keys: Vec<String> = mapping.iter().map(|m| header_key(&m.header)).collect();
    let has =
        |mapping: &[ColumnMapping], target: Target| mapping.iter().any(|m| m.target == target);
    let given = has(mapping, Target::GivenName);
    let family = has(mapping, Target::FamilyName);
    for (i, key) in keys.iter().enumerate() {
        if FAMILY_OR_FULL.contains(&key.as_str())
            && mapping[i].target == Target::FullName
            && given
            && !family
        {
            mapping[i].target = Target::FamilyName;
        }
    }
    let family = has(mapping, Target::FamilyName);
    let full = has(mapping, Target::FullName);
    for (i, key) in keys.iter().enumerate() {
        if GIVEN_OR_FULL.contains(&key.as_str())
            && mapping[i].target == Target::GivenName
            && !family
            && !full
        {
            mapping[i].target = Target::FullName;
        }
        if NICKNAME_BESIDE_SURNAME.contains(&key.as_str())
            && mapping[i].target == Target::FamilyName
            && keys.iter().any(|k| k == "sobrenome")
        {
            mapping[i].target = Target::Nickname;
        }
        if mapping[i].target == Target::Prefix
            && keys[..i]
                .iter()
                .enumerate()
                .any(|(j, k)| k == key && mapping[j].target == Target::Prefix)
        {
            mapping[i].target = Target::JobTitle;
        }
    }
    let birthdays = mapping
        .iter()
        .filter(|m| m.target == Target::Birthday)
        .count();
    let parts = keys.iter().any(|k| BIRTHDAY_PARTS.contains(&k.as_str()));
    for (i, key) in keys.iter().enumerate() {
        if mapping[i].target == Target::Birthday
            && ((birthdays > 1 && MAYBE_ANNIVERSARY.contains(&key.as_str())) || parts)
        {
            mapping[i].target = Target::Ignore;
        }
    }
    let address_parts = [
        Target::Street,
        Target::City,
        Target::Region,
        Target::PostalCode,
        Target::Country,
    ];
    for i in 0..mapping.len() {
        let m = &mapping[i];
        if address_parts.contains(&m.target)
            && m.label.is_empty()
            && mapping
                .iter()
                .any(|o| o.target == m.target && o.slot == m.slot && !o.label.is_empty())
        {
            mapping[i].target = Target::Ignore;
        }
    }
}

/// One line per column: where it goes, or that it is not imported.
pub fn describe(mapping: &[ColumnMapping]) -> Vec<String> {
    mapping
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let header = if m.header.is_empty() {
                format!("(column {})", i + 1)
            } else {
                m.header.clone()
            };
            let numbered = m.target != Target::Ignore
                && mapping
                    .iter()
                    .enumerate()
                    .any(|(j, o)| j != i && o.target == m.target && o.slot != m.slot);
            let mut text = format!("  {header} → {}", m.target.describe());
            if numbered {
                text.push_str(&format!(" #{}", m.slot));
            }
            if !m.label.is_empty() && m.target != Target::Ignore {
                text.push_str(&format!(" ({})", m.label));
            }
            text
        })
        .collect()
}
