//! The columns an export can hold, and the accounting programs' names and limits for them.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts::Contact;
use crate::error::Invalid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Column {
    DisplayName,
    Prefix,
    GivenName,
    FamilyName,
    Nickname,
    Company,
    JobTitle,
    Email,
    Email2,
    Phone,
    Phone2,
    Street,
    City,
    Region,
    PostalCode,
    Country,
    Birthday,
    CustomerSince,
    Tags,
    Notes,
    Family,
    Interests,
    TalkingPoints,
}

impl Column {
    pub const ALL: [Column; 23] = [
        Column::DisplayName,
        Column::Prefix,
        Column::GivenName,
        Column::FamilyName,
        Column::Nickname,
        Column::Company,
        Column::JobTitle,
        Column::Email,
        Column::Email2,
        Column::Phone,
        Column::Phone2,
        Column::Street,
        Column::City,
        Column::Region,
        Column::PostalCode,
        Column::Country,
        Column::Birthday,
        Column::CustomerSince,
        Column::Tags,
        Column::Notes,
        Column::Family,
        Column::Interests,
        Column::TalkingPoints,
    ];

    /// What the accountant needs: how to reach and bill the customer. No personal details,
    /// family or complaints.
    pub const DEFAULT: [Column; 11] = [
        Column::DisplayName,
        Column::Company,
        Column::Email,
        Column::Phone,
        Column::Street,
        Column::City,
        Column::Region,
        Column::PostalCode,
        Column::Country,
        Column::CustomerSince,
        Column::Tags,
    ];

    /// The name on the command line (`--columns display_name,email`).
    pub fn key(self) -> &'static str {
        match self {
            Column::DisplayName => "display_name",
            Column::Prefix => "prefix",
            Column::GivenName => "given_name",
            Column::FamilyName => "family_name",
            Column::Nickname => "nickname",
            Column::Company => "company",
            Column::JobTitle => "job_title",
            Column::Email => "email",
            Column::Email2 => "email2",
            Column::Phone => "phone",
            Column::Phone2 => "phone2",
            Column::Street => "street",
            Column::City => "city",
            Column::Region => "region",
            Column::PostalCode => "postal_code",
            Column::Country => "country",
            Column::Birthday => "birthday",
            Column::CustomerSince => "customer_since",
            Column::Tags => "tags",
            Column::Notes => "notes",
            Column::Family => "family",
            Column::Interests => "interests",
            Column::TalkingPoints => "talking_points",
        }
    }

    /// The header in a plain export; the import recognises it again.
    pub fn header(self) -> &'static str {
        match self {
            Column::DisplayName => "Name",
            Column::Prefix => "Prefix",
            Column::GivenName => "First name",
            Column::FamilyName => "Last name",
            Column::Nickname => "Nickname",
            Column::Company => "Company",
            Column::JobTitle => "Job title",
            Column::Email => "Email",
            Column::Email2 => "Email 2",
            Column::Phone => "Phone",
            Column::Phone2 => "Phone 2",
            Column::Street => "Street",
            Column::City => "City",
            Column::Region => "Region",
            Column::PostalCode => "Postal code",
            Column::Country => "Country",
            Column::Birthday => "Birthday",
            Column::CustomerSince => "Customer since",
            Column::Tags => "Tags",
            Column::Notes => "Notes",
            Column::Family => "Family",
            Column::Interests => "Interests",
            Column::TalkingPoints => "Talking points",
        }
    }

    pub fn parse(key: &str) -> Result<Column, Invalid> {
        let wanted = key.trim().to_lowercase().replace(['-', ' '], "_");
        Column::ALL
            .into_iter()
            .find(|c| c.key() == wanted)
            .ok_or_else(|| {
                let keys: Vec<&str> = Column::ALL.iter().map(|c| c.key()).collect();
                Invalid(format!(
                    "\"{key}\" is not a column; use {}",
                    keys.join(", ")
                ))
            })
    }

    /// Family, interests, what was talked about and notes: private, never in the default export.
    pub fn is_personal(self) -> bool {
        matches!(
            self,
            Column::Notes | Column::Family | Column::Interests | Column::TalkingPoints
        )
    }

    /// The column's text for one contact (the first address holds street to country),
    /// borrowed where the contact holds it as written.
    pub fn value(self, contact: &Contact) -> Cow<'_, str> {
        let f = &contact.fields;
        let address = f.addresses.first();
        let text: &str = match self {
            Column::DisplayName => &contact.display_name,
            Column::Prefix => &f.prefix,
            Column::GivenName => &f.given_name,
            Column::FamilyName => &f.family_name,
            Column::Nickname => &f.nickname,
            Column::Company => &f.company,
            Column::JobTitle => &f.job_title,
            Column::Email => nth(&f.emails, 0),
            Column::Email2 => nth(&f.emails, 1),
            Column::Phone => nth(&f.phones, 0),
            Column::Phone2 => nth(&f.phones, 1),
            Column::Street => address.map_or("", |a| &a.street),
            Column::City => address.map_or("", |a| &a.city),
            Column::Region => address.map_or("", |a| &a.region),
            Column::PostalCode => address.map_or("", |a| &a.postal_code),
            Column::Country => address.map_or("", |a| &a.country),
            Column::Birthday => {
                return f
                    .birthday
                    .map(|b| Cow::Owned(b.to_text()))
                    .unwrap_or_default()
            }
            Column::CustomerSince => {
                return f
                    .customer_since
                    // Display is ISO 8601 (2026-11-23) without parsing a format string per row.
                    .map(|d| Cow::Owned(d.to_string()))
                    .unwrap_or_default();
            }
            Column::Tags => return Cow::Owned(f.tags.join(", ")),
            Column::Notes => &f.notes,
            Column::Family => &f.family,
            Column::Interests => &f.interests,
            Column::TalkingPoints => &f.talking_points,
        };
        Cow::Borrowed(text)
    }
}

/// Parses `display_name,email,…`; an empty list means the default columns.
pub fn parse_columns(list: &str) -> Result<Vec<Column>, Invalid> {
    let mut columns = Vec::new();
    for key in list.split(',').filter(|k| !k.trim().is_empty()) {
        let column = Column::parse(key)?;
        if !columns.contains(&column) {
            columns.push(column);
        }
    }
    Ok(if columns.is_empty() {
        Column::DEFAULT.to_vec()
    } else {
        columns
    })
}

/// Whose column names and limits the export follows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Profile {
    #[default]
    Plain,
    /// QuickBooks Online's customer import.
    Quickbooks,
    /// Xero's contact import.
    Xero,
}

impl Profile {
    pub fn parse(text: &str) -> Result<Profile, Invalid> {
        match text.trim().to_lowercase().as_str() {
            "plain" => Ok(Profile::Plain),
            "quickbooks" | "qbo" => Ok(Profile::Quickbooks),
            "xero" => Ok(Profile::Xero),
            other => Err(Invalid(format!(
                "\"{other}\" is not a profile; use plain, quickbooks or xero"
            ))),
        }
    }

    /// The header for `column` in this program, and the most characters it accepts (longer
    /// values are cut, and the export says how many were).
    pub fn header(self, column: Column) -> (String, Option<usize>) {
        match self {
            Profile::Plain => (column.header().to_string(), None),
            Profile::Quickbooks => {
                let (name, limit) = match column {
                    // QuickBooks Online's own limits ("Which contact fields are imported?").
                    Column::DisplayName => ("Name", 100),
                    Column::Prefix => ("Title", 16),
                    Column::GivenName => ("First Name", 100),
                    Column::FamilyName => ("Last Name", 100),
                    Column::Company => ("Company", 50),
                    Column::Email => ("Email", 100),
                    Column::Phone => ("Phone", 21),
                    Column::Phone2 => ("Mobile", 21),
                    Column::Street => ("Street", 2000),
                    Column::City => ("City", 255),
                    Column::Region => ("State", 255),
                    Column::PostalCode => ("ZIP", 30),
                    Column::Country => ("Country", 255),
                    Column::Notes => ("Notes", 4000),
                    other => return (other.header().to_string(), Some(500)),
                };
                (name.to_string(), Some(limit))
            }
            Profile::Xero => {
                let (name, limit) = match column {
                    Column::DisplayName => ("*ContactName", 255),
                    Column::GivenName => ("FirstName", 255),
                    Column::FamilyName => ("LastName", 255),
                    Column::Company => ("POAttentionTo", 255),
                    Column::Email => ("EmailAddress", 255),
                    Column::Phone => ("PhoneNumber", 50),
                    Column::Phone2 => ("MobileNumber", 50),
                    Column::Street => ("POAddressLine1", 500),
                    Column::City => ("POCity", 255),
                    Column::Region => ("PORegion", 255),
                    Column::PostalCode => ("POPostalCode", 50),
                    Column::Country => ("POCountry", 50),
                    other => return (other.header().to_string(), Some(500)),
                };
                (name.to_string(), Some(limit))
            }
        }
    }
}

impl Profile {
    /// The contact's value for `column` as this program takes it. Xero's contact is the
    /// organisation when there is one: *ContactName is the company, and the person goes in
    /// the address's "attention to"; a private customer is the contact by their own name.
    pub fn value<'a>(self, column: Column, contact: &'a Contact) -> Cow<'a, str> {
        let company = contact.fields.company.trim();
        // A contact that is only a company has nobody to write to the attention of.
        let has_person =
            !contact.fields.given_name.is_empty() || !contact.fields.family_name.is_empty();
        let value = match (self, column) {
            (Profile::Xero, Column::DisplayName) if !company.is_empty() => Cow::Borrowed(company),
            (Profile::Xero, Column::Company) if !company.is_empty() && has_person => {
                Cow::Borrowed(contact.display_name.as_str())
            }
            (Profile::Xero, Column::Company) => Cow::Borrowed(""),
            _ => column.value(contact),
        };
        self.clean(column, value)
    }

    /// `value` as the program accepts it in `column`: QuickBooks refuses a name with a tab,
    /// a line break, a colon (its customer:job separator) or a double quote.
    pub fn clean<'a>(self, column: Column, value: Cow<'a, str>) -> Cow<'a, str> {
        let refused = |c: char| matches!(c, ':' | '"' | '\t' | '\r' | '\n');
        if self != Profile::Quickbooks || column != Column::DisplayName || !value.contains(refused)
        {
            return value;
        }
        let cleaned: String = value
            .chars()
            .map(|c| match c {
                ':' => '-',
                '"' => '\'',
                c if refused(c) => ' ',
                c => c,
            })
            .collect();
        Cow::Owned(cleaned)
    }
}

/// The `n`th value of a list, or "".
fn nth(values: &[crate::contacts::LabeledValue], n: usize) -> &str {
    values.get(n).map_or("", |v| v.value.as_str())
}

/// Cuts `value` to at most `limit` characters; says whether it did.
pub fn fit(value: Cow<'_, str>, limit: Option<usize>) -> (Cow<'_, str>, bool) {
    match limit {
        Some(limit) if value.chars().count() > limit => {
            (Cow::Owned(value.chars().take(limit).collect()), true)
        }
        _ => (value, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quickbooks_names_lose_the_characters_it_refuses() {
        let name = Cow::Borrowed("Ann \"Nan\" Lee: Bakery\tNorth");
        assert_eq!(
            Profile::Quickbooks.clean(Column::DisplayName, name.clone()),
            "Ann 'Nan' Lee- Bakery North"
        );
        assert_eq!(
            Profile::Plain.clean(Column::DisplayName, name.clone()),
            name
        );
        assert_eq!(Profile::Quickbooks.clean(Column::Notes, name.clone()), name);
    }

    #[test]
    fn quickbooks_limits_are_its_own() {
        assert_eq!(
            Profile::Quickbooks.header(Column::Company),
            ("Company".into(), Some(50))
        );
        assert_eq!(
            Profile::Quickbooks.header(Column::Phone),
            ("Phone".into(), Some(21))
        );
        assert_eq!(Profile::Xero.header(Column::DisplayName).0, "*ContactName");
    }
}
