//! Where an imported column's values go: the targets, and one column's mapping. Shared by the
//! CSV reader, the column-name table and the mapping rules, which each build on it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a column's values go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Target {
    Ignore,
    /// A whole name, split at the last space when no first/last name column is given.
    FullName,
    /// The person a letter goes to the attention of (Xero's POAttentionTo): with it, the whole
    /// name is the organisation's and this is the person's.
    AttentionTo,
    Prefix,
    GivenName,
    MiddleName,
    /// A particle written apart, that goes before the last name (Dutch "Tussenvoegsel":
    /// "van", "de").
    FamilyNamePrefix,
    FamilyName,
    Nickname,
    Company,
    JobTitle,
    Email,
    EmailLabel,
    Phone,
    PhoneLabel,
    Street,
    /// The house number written apart ("Hausnummer", "Huisnummer"): it goes after the street.
    HouseNumber,
    /// More lines of the street: an apartment or suite, a PO box, Outlook's "Street 2".
    StreetMore,
    City,
    Region,
    PostalCode,
    Country,
    AddressLabel,
    Birthday,
    CustomerSince,
    Tags,
    Notes,
    Family,
    Interests,
    TalkingPoints,
}

/// One column of the file and where it goes. `slot` groups the columns of one email, phone or
/// address (Google's "Address 2 - City" and "Address 2 - Street" are slot 2); `label` is the
/// label the value gets when no label column says otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnMapping {
    pub header: String,
    pub target: Target,
    pub slot: u32,
    pub label: String,
}
