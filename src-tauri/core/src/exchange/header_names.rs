//! A data table, long by nature: the column names that address books and spreadsheets write,
//! in the languages owners use most, and where each goes. One line per name, grouped by
//! language and by program. Outlook's localised CSV exports name every field in the language
//! of the Office that wrote them (the names below are Outlook's own, as its CSV import reads
//! them back, per language); Google Contacts writes its "Google CSV" headers in English in every
//! language (its slot columns, "E-mail 1 - Value", are read in csv_import), and spreadsheets
//! carry whatever people type, so the common words of each language are here too.
//!
//! Names are compared by their key ([`header_key`]): case, accents, spaces and punctuation do
//! not count, so "E-Mail-Adresse", "e-mail adresse" and "EMAIL ADRESSE" are one name.
//! Slots and labels follow csv_import's Outlook convention: addresses work 1, home 2, other 3
//! (a spreadsheet's one address is slot 1 without a label); phones plain 1, second/mobile 2,
//! mobile 3, work 4, home 5, other 6, work 2 → 7, home 2 → 8, mobile 2 → 9.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::targets::Target as T;

/// (name as written, where it goes, slot, label).
type Entry = (&'static str, T, u32, &'static str);

/// Every name Rapport knows, by language. Names that mean nothing to keep (Outlook's "E-mail
/// Type", "Gender"…) are not listed: an unknown column is left out anyway.
pub(super) const NAMES: &[Entry] = &[
    // ── English: spreadsheets, our own export, QuickBooks, Xero, Google, Thunderbird ──────────
    ("Name", T::FullName, 1, ""),
    ("Full name", T::FullName, 1, ""),
    ("Display name", T::FullName, 1, ""),
    ("Contact name", T::FullName, 1, ""),
    ("ContactName", T::FullName, 1, ""),
    ("Customer", T::FullName, 1, ""),
    ("Customer name", T::FullName, 1, ""),
    ("Client name", T::FullName, 1, ""),
    ("Prefix", T::Prefix, 1, ""),
    ("Title", T::Prefix, 1, ""),
    ("Name prefix", T::Prefix, 1, ""),
    ("Salutation", T::Prefix, 1, ""),
    ("First name", T::GivenName, 1, ""),
    ("Given name", T::GivenName, 1, ""),
    ("FirstName", T::GivenName, 1, ""),
    ("First", T::GivenName, 1, ""),
    ("Forename", T::GivenName, 1, ""),
    ("Middle name", T::MiddleName, 1, ""),
    ("Additional name", T::MiddleName, 1, ""),
    ("Last name", T::FamilyName, 1, ""),
    ("Family name", T::FamilyName, 1, ""),
    ("LastName", T::FamilyName, 1, ""),
    ("Surname", T::FamilyName, 1, ""),
    ("Last", T::FamilyName, 1, ""),
    ("Nickname", T::Nickname, 1, ""),
    ("Company", T::Company, 1, ""),
    ("Company name", T::Company, 1, ""),
    ("Organization", T::Company, 1, ""),
    ("Organisation", T::Company, 1, ""),
    ("Organization name", T::Company, 1, ""),
    ("Organisation name", T::Company, 1, ""),
    ("Business", T::Company, 1, ""),
    ("Business name", T::Company, 1, ""),
    ("Employer", T::Company, 1, ""),
    ("POAttentionTo", T::AttentionTo, 1, ""),
    ("SAAttentionTo", T::AttentionTo, 1, ""),
    ("Attention to", T::AttentionTo, 1, ""),
    ("Attention", T::AttentionTo, 1, ""),
    ("Job title", T::JobTitle, 1, ""),
    ("Organization title", T::JobTitle, 1, ""),
    ("Position", T::JobTitle, 1, ""),
    ("Role", T::JobTitle, 1, ""),
    ("Email", T::Email, 1, ""),
    ("Mail", T::Email, 1, ""),
    ("Email address", T::Email, 1, ""),
    ("E-mail address", T::Email, 1, ""),
    ("EmailAddress", T::Email, 1, ""),
    ("Primary email", T::Email, 1, ""),
    ("Email 2", T::Email, 2, ""),
    ("E-mail 2 address", T::Email, 2, ""),
    ("Secondary email", T::Email, 2, ""),
    ("Email 3", T::Email, 3, ""),
    ("E-mail 3 address", T::Email, 3, ""),
    ("Phone", T::Phone, 1, ""),
    ("Telephone", T::Phone, 1, ""),
    ("Tel", T::Phone, 1, ""),
    ("Phone number", T::Phone, 1, ""),
    ("PhoneNumber", T::Phone, 1, ""),
    ("Primary phone", T::Phone, 1, ""),
    ("Phone 2", T::Phone, 2, "mobile"),
    ("Mobile", T::Phone, 2, "mobile"),
    ("MobileNumber", T::Phone, 2, "mobile"),
    ("Mobile number", T::Phone, 2, "mobile"),
    ("Cell", T::Phone, 2, "mobile"),
    ("Cell phone", T::Phone, 2, "mobile"),
    ("Mobile phone", T::Phone, 3, "mobile"),
    ("Business phone", T::Phone, 4, "work"),
    ("Company main phone", T::Phone, 4, "work"),
    ("Work phone", T::Phone, 4, "work"),
    ("Home phone", T::Phone, 5, "home"),
    ("Other phone", T::Phone, 6, "other"),
    ("Business phone 2", T::Phone, 7, "work"),
    ("Home phone 2", T::Phone, 8, "home"),
    ("Street", T::Street, 1, ""),
    ("Address", T::Street, 1, ""),
    ("Street address", T::Street, 1, ""),
    ("Address line 1", T::Street, 1, ""),
    ("POAddressLine1", T::Street, 1, ""),
    ("Address line 2", T::StreetMore, 1, ""),
    ("Address line 3", T::StreetMore, 1, ""),
    ("Street 2", T::StreetMore, 1, ""),
    ("POAddressLine2", T::StreetMore, 1, ""),
    ("POAddressLine3", T::StreetMore, 1, ""),
    ("POAddressLine4", T::StreetMore, 1, ""),
    ("PO box", T::StreetMore, 1, ""),
    ("House number", T::HouseNumber, 1, ""),
    ("Street number", T::HouseNumber, 1, ""),
    ("City", T::City, 1, ""),
    ("Town", T::City, 1, ""),
    ("POCity", T::City, 1, ""),
    ("Region", T::Region, 1, ""),
    ("State", T::Region, 1, ""),
    ("Province", T::Region, 1, ""),
    ("County", T::Region, 1, ""),
    ("State/Province", T::Region, 1, ""),
    ("PORegion", T::Region, 1, ""),
    ("Postal code", T::PostalCode, 1, ""),
    ("Zip", T::PostalCode, 1, ""),
    ("Zip code", T::PostalCode, 1, ""),
    ("Postcode", T::PostalCode, 1, ""),
    ("Zip/Postal code", T::PostalCode, 1, ""),
    ("POPostalCode", T::PostalCode, 1, ""),
    ("Country", T::Country, 1, ""),
    ("Country/Region", T::Country, 1, ""),
    ("POCountry", T::Country, 1, ""),
    ("Birthday", T::Birthday, 1, ""),
    ("Date of birth", T::Birthday, 1, ""),
    ("Birth date", T::Birthday, 1, ""),
    ("Birthdate", T::Birthday, 1, ""),
    ("DOB", T::Birthday, 1, ""),
    ("Customer since", T::CustomerSince, 1, ""),
    ("Tags", T::Tags, 1, ""),
    ("Labels", T::Tags, 1, ""),
    ("Group membership", T::Tags, 1, ""),
    ("Categories", T::Tags, 1, ""),
    ("Groups", T::Tags, 1, ""),
    ("Notes", T::Notes, 1, ""),
    ("Note", T::Notes, 1, ""),
    ("Comments", T::Notes, 1, ""),
    ("Remarks", T::Notes, 1, ""),
    ("Family", T::Family, 1, ""),
    ("Spouse", T::Family, 1, ""),
    ("Interests", T::Interests, 1, ""),
    ("Hobby", T::Interests, 1, ""),
    ("Talking points", T::TalkingPoints, 1, ""),
    // Thunderbird (English).
    ("Primary Email", T::Email, 1, ""),
    ("Secondary Email", T::Email, 2, ""),
    ("Work Phone", T::Phone, 4, "work"),
    ("Home Address", T::Street, 2, "home"),
    ("Home Address 2", T::StreetMore, 2, "home"),
    ("Home Post Code", T::PostalCode, 2, "home"),
    ("Home County", T::Region, 2, "home"),
    ("Work Address", T::Street, 1, "work"),
    ("Work Address 2", T::StreetMore, 1, "work"),
    ("Work City", T::City, 1, "work"),
    ("Work County", T::Region, 1, "work"),
    ("Work Post Code", T::PostalCode, 1, "work"),
    ("Work Country", T::Country, 1, "work"),
    // ── German ────────────────────────────────────────────────────────────────────────────
    // Outlook (Deutsch): every field as its CSV export names it.
    ("Anrede", T::Prefix, 1, ""),
    ("Vorname", T::GivenName, 1, ""),
    ("Weitere Vornamen", T::MiddleName, 1, ""),
    ("Nachname", T::FamilyName, 1, ""),
    ("Firma", T::Company, 1, ""),
    ("Position", T::JobTitle, 1, ""),
    ("Straße geschäftlich", T::Street, 1, "work"),
    ("Straße geschäftlich 2", T::StreetMore, 1, "work"),
    ("Straße geschäftlich 3", T::StreetMore, 1, "work"),
    ("Postfach geschäftlich", T::StreetMore, 1, "work"),
    ("Ort geschäftlich", T::City, 1, "work"),
    ("Region geschäftlich", T::Region, 1, "work"),
    ("Postleitzahl geschäftlich", T::PostalCode, 1, "work"),
    ("Land/Region geschäftlich", T::Country, 1, "work"),
    ("Straße privat", T::Street, 2, "home"),
    ("Straße privat 2", T::StreetMore, 2, "home"),
    ("Straße privat 3", T::StreetMore, 2, "home"),
    ("Postfach privat", T::StreetMore, 2, "home"),
    ("Ort privat", T::City, 2, "home"),
    ("Bundesland/Kanton privat", T::Region, 2, "home"),
    ("Postleitzahl privat", T::PostalCode, 2, "home"),
    ("Land/Region privat", T::Country, 2, "home"),
    ("Weitere Straße", T::Street, 3, "other"),
    ("Weitere Straße 2", T::StreetMore, 3, "other"),
    ("Weitere Straße 3", T::StreetMore, 3, "other"),
    ("Weiteres Postfach", T::StreetMore, 3, "other"),
    ("Weiterer Ort", T::City, 3, "other"),
    ("Weiteres/r Bundesland/Kanton", T::Region, 3, "other"),
    ("Weitere Postleitzahl", T::PostalCode, 3, "other"),
    ("Weiteres/e Land/Region", T::Country, 3, "other"),
    ("Telefon geschäftlich", T::Phone, 4, "work"),
    ("Telefon geschäftlich 2", T::Phone, 7, "work"),
    ("Telefon Firma", T::Phone, 4, "work"),
    ("Telefon privat", T::Phone, 5, "home"),
    ("Telefon privat 2", T::Phone, 8, "home"),
    ("Mobiltelefon", T::Phone, 3, "mobile"),
    ("Mobiltelefon 2", T::Phone, 9, "mobile"),
    ("Weiteres Telefon", T::Phone, 6, "other"),
    ("Haupttelefon", T::Phone, 1, ""),
    ("E-Mail-Adresse", T::Email, 1, ""),
    ("E-Mail 2: Adresse", T::Email, 2, ""),
    ("E-Mail 3: Adresse", T::Email, 3, ""),
    ("Geburtstag", T::Birthday, 1, ""),
    ("Kategorien", T::Tags, 1, ""),
    ("Notizen", T::Notes, 1, ""),
    ("Partner", T::Family, 1, ""),
    ("Hobby", T::Interests, 1, ""),
    // Thunderbird (Deutsch).
    ("Anzeigename", T::FullName, 1, ""),
    ("Spitzname", T::Nickname, 1, ""),
    ("Primäre E-Mail-Adresse", T::Email, 1, ""),
    ("Sekundäre E-Mail-Adresse", T::Email, 2, ""),
    ("Tel. dienstlich", T::Phone, 4, "work"),
    ("Tel. privat", T::Phone, 5, "home"),
    ("Mobil-Tel.-Nr.", T::Phone, 3, "mobile"),
    ("Privat: Adresse", T::Street, 2, "home"),
    ("Privat: Adresse 2", T::StreetMore, 2, "home"),
    ("Privat: Ort", T::City, 2, "home"),
    ("Privat: Bundesland", T::Region, 2, "home"),
    ("Privat: PLZ", T::PostalCode, 2, "home"),
    ("Privat: Land", T::Country, 2, "home"),
    ("Dienstlich: Adresse", T::Street, 1, "work"),
    ("Dienstlich: Adresse 2", T::StreetMore, 1, "work"),
    ("Dienstlich: Ort", T::City, 1, "work"),
    ("Dienstlich: Bundesland", T::Region, 1, "work"),
    ("Dienstlich: PLZ", T::PostalCode, 1, "work"),
    ("Dienstlich: Land", T::Country, 1, "work"),
    ("Arbeitstitel", T::JobTitle, 1, ""),
    ("Organisation", T::Company, 1, ""),
    // Spreadsheets (Deutsch).
    ("Name", T::FullName, 1, ""),
    ("Familienname", T::FamilyName, 1, ""),
    ("Titel", T::Prefix, 1, ""),
    ("Firmenname", T::Company, 1, ""),
    ("Unternehmen", T::Company, 1, ""),
    ("Funktion", T::JobTitle, 1, ""),
    ("Berufsbezeichnung", T::JobTitle, 1, ""),
    ("E-Mail", T::Email, 1, ""),
    ("E-Mail 2", T::Email, 2, ""),
    ("Telefon", T::Phone, 1, ""),
    ("Telefonnummer", T::Phone, 1, ""),
    ("Festnetz", T::Phone, 1, ""),
    ("Telefon 2", T::Phone, 2, "mobile"),
    ("Handy", T::Phone, 2, "mobile"),
    ("Mobil", T::Phone, 2, "mobile"),
    ("Mobilnummer", T::Phone, 2, "mobile"),
    ("Handynummer", T::Phone, 2, "mobile"),
    ("Straße", T::Street, 1, ""),
    ("Str.", T::Street, 1, ""),
    ("Straße und Hausnummer", T::Street, 1, ""),
    ("Straße, Nr.", T::Street, 1, ""),
    ("Anschrift", T::Street, 1, ""),
    ("Adresse", T::Street, 1, ""),
    ("Adresszusatz", T::StreetMore, 1, ""),
    ("Postfach", T::StreetMore, 1, ""),
    ("Hausnummer", T::HouseNumber, 1, ""),
    ("Hausnr.", T::HouseNumber, 1, ""),
    ("Nr.", T::HouseNumber, 1, ""),
    ("PLZ", T::PostalCode, 1, ""),
    ("Postleitzahl", T::PostalCode, 1, ""),
    // Outlook names its "Location" field "Ort"; in a spreadsheet it is the town (see
    // csv_import's resolve: beside Outlook's own city columns it is left out).
    ("Ort", T::City, 1, ""),
    ("Stadt", T::City, 1, ""),
    ("Wohnort", T::City, 1, ""),
    ("Bundesland", T::Region, 1, ""),
    ("Kanton", T::Region, 1, ""),
    ("Land", T::Country, 1, ""),
    ("Staat", T::Country, 1, ""),
    ("Geburtsdatum", T::Birthday, 1, ""),
    ("Kunde seit", T::CustomerSince, 1, ""),
    ("Kategorie", T::Tags, 1, ""),
    ("Gruppe", T::Tags, 1, ""),
    ("Gruppen", T::Tags, 1, ""),
    ("Schlagwörter", T::Tags, 1, ""),
    ("Notiz", T::Notes, 1, ""),
    ("Bemerkung", T::Notes, 1, ""),
    ("Bemerkungen", T::Notes, 1, ""),
    ("Anmerkungen", T::Notes, 1, ""),
    ("Kommentar", T::Notes, 1, ""),
    ("Familie", T::Family, 1, ""),
    ("Interessen", T::Interests, 1, ""),
    // ── French ────────────────────────────────────────────────────────────────────────────
    // Outlook (Français). It names both the title and the job title "Titre": the first is
    // the title, the second the job title (csv_import's resolve).
    ("Titre", T::Prefix, 1, ""),
    ("Prénom", T::GivenName, 1, ""),
    ("Deuxième prénom", T::MiddleName, 1, ""),
    ("Nom", T::FullName, 1, ""),
    ("Société", T::Company, 1, ""),
    ("Rue (bureau)", T::Street, 1, "work"),
    ("Rue (bureau) 2", T::StreetMore, 1, "work"),
    ("Rue (bureau) 3", T::StreetMore, 1, "work"),
    ("B.P. professionnelle", T::StreetMore, 1, "work"),
    ("Ville (bureau)", T::City, 1, "work"),
    ("Dép/Région (bureau)", T::Region, 1, "work"),
    ("Code postal (bureau)", T::PostalCode, 1, "work"),
    ("Pays/Région (bureau)", T::Country, 1, "work"),
    ("Rue (domicile)", T::Street, 2, "home"),
    ("Rue (domicile) 2", T::StreetMore, 2, "home"),
    ("Rue (domicile) 3", T::StreetMore, 2, "home"),
    ("Boîte postale du domicile", T::StreetMore, 2, "home"),
    ("Ville (domicile)", T::City, 2, "home"),
    ("Dép/Région (domicile)", T::Region, 2, "home"),
    ("Code postal (domicile)", T::PostalCode, 2, "home"),
    ("Pays/Région (domicile)", T::Country, 2, "home"),
    ("Rue (autre)", T::Street, 3, "other"),
    ("Rue (autre) 2", T::StreetMore, 3, "other"),
    ("Rue (autre) 3", T::StreetMore, 3, "other"),
    ("Autre boîte postale", T::StreetMore, 3, "other"),
    ("Ville (autre)", T::City, 3, "other"),
    ("Dép/Région (autre)", T::Region, 3, "other"),
    ("Code postal (autre)", T::PostalCode, 3, "other"),
    ("Pays/Région (autre)", T::Country, 3, "other"),
    ("Téléphone (bureau)", T::Phone, 4, "work"),
    ("Téléphone 2 (bureau)", T::Phone, 7, "work"),
    ("Téléphone société", T::Phone, 4, "work"),
    ("Téléphone (domicile)", T::Phone, 5, "home"),
    ("Téléphone 2 (domicile)", T::Phone, 8, "home"),
    ("Tél. mobile", T::Phone, 3, "mobile"),
    ("Téléphone (autre)", T::Phone, 6, "other"),
    ("Téléphone principal", T::Phone, 1, ""),
    ("Adresse de messagerie", T::Email, 1, ""),
    ("Adresse de messagerie 2", T::Email, 2, ""),
    ("Adresse de messagerie 3", T::Email, 3, ""),
    ("Anniversaire", T::Birthday, 1, ""),
    ("Catégories", T::Tags, 1, ""),
    ("Notes", T::Notes, 1, ""),
    ("Conjoint(e)", T::Family, 1, ""),
    ("Passe-temps", T::Interests, 1, ""),
    // Spreadsheets (Français).
    ("Nom de famille", T::FamilyName, 1, ""),
    ("Nom complet", T::FullName, 1, ""),
    ("Civilité", T::Prefix, 1, ""),
    ("Surnom", T::Nickname, 1, ""),
    ("Entreprise", T::Company, 1, ""),
    ("Raison sociale", T::Company, 1, ""),
    ("Fonction", T::JobTitle, 1, ""),
    ("Poste", T::JobTitle, 1, ""),
    ("E-mail", T::Email, 1, ""),
    ("Courriel", T::Email, 1, ""),
    ("Adresse e-mail", T::Email, 1, ""),
    ("Adresse électronique", T::Email, 1, ""),
    ("Téléphone", T::Phone, 1, ""),
    ("Tél.", T::Phone, 1, ""),
    ("Téléphone fixe", T::Phone, 1, ""),
    ("Portable", T::Phone, 2, "mobile"),
    ("Téléphone portable", T::Phone, 2, "mobile"),
    ("Téléphone mobile", T::Phone, 2, "mobile"),
    ("Adresse", T::Street, 1, ""),
    ("Rue", T::Street, 1, ""),
    ("Complément d'adresse", T::StreetMore, 1, ""),
    ("Numéro", T::HouseNumber, 1, ""),
    ("Code postal", T::PostalCode, 1, ""),
    ("CP", T::PostalCode, 1, ""),
    ("Ville", T::City, 1, ""),
    ("Localité", T::City, 1, ""),
    ("Commune", T::City, 1, ""),
    ("Département", T::Region, 1, ""),
    ("Région", T::Region, 1, ""),
    ("Pays", T::Country, 1, ""),
    ("Date de naissance", T::Birthday, 1, ""),
    ("Client depuis", T::CustomerSince, 1, ""),
    ("Catégorie", T::Tags, 1, ""),
    ("Étiquettes", T::Tags, 1, ""),
    ("Remarques", T::Notes, 1, ""),
    ("Commentaire", T::Notes, 1, ""),
    ("Commentaires", T::Notes, 1, ""),
    ("Famille", T::Family, 1, ""),
    ("Centres d'intérêt", T::Interests, 1, ""),
    // ── Spanish ───────────────────────────────────────────────────────────────────────────
    // Outlook (Español). Some of its columns keep their English names ("Mobile Phone",
    // "Home Street", "E-mail Address", "Birthday"): those are above. "Nombre" is the first
    // name beside "Apellidos", a whole name alone (csv_import's resolve).
    ("Tratamiento", T::Prefix, 1, ""),
    ("Nombre", T::GivenName, 1, ""),
    ("Segundo nombre", T::MiddleName, 1, ""),
    ("Apellidos", T::FamilyName, 1, ""),
    ("Organización", T::Company, 1, ""),
    ("Puesto", T::JobTitle, 1, ""),
    ("Calle del trabajo", T::Street, 1, "work"),
    ("Calle del trabajo 2", T::StreetMore, 1, "work"),
    ("Calle del trabajo 3", T::StreetMore, 1, "work"),
    (
        "Apartado postal de la dirección del trabajo",
        T::StreetMore,
        1,
        "work",
    ),
    ("Ciudad de trabajo", T::City, 1, "work"),
    ("Provincia o estado de trabajo", T::Region, 1, "work"),
    ("Código postal del trabajo", T::PostalCode, 1, "work"),
    ("País o región del trabajo", T::Country, 1, "work"),
    ("Calle del domicilio", T::Street, 2, "home"),
    ("Calle del domicilio 2", T::StreetMore, 2, "home"),
    ("Ciudad del domicilio", T::City, 2, "home"),
    ("Provincia o estado del domicilio", T::Region, 2, "home"),
    ("Código postal del domicilio", T::PostalCode, 2, "home"),
    ("País o región del domicilio", T::Country, 2, "home"),
    (
        "Apartado postal de la dirección personal",
        T::StreetMore,
        2,
        "home",
    ),
    ("Otra calle", T::Street, 3, "other"),
    ("Otra calle 2", T::StreetMore, 3, "other"),
    ("Otra calle 3", T::StreetMore, 3, "other"),
    ("Otro apartado postal", T::StreetMore, 3, "other"),
    ("Otra ciudad", T::City, 3, "other"),
    ("Otra provincia o estado", T::Region, 3, "other"),
    ("Otro código postal", T::PostalCode, 3, "other"),
    ("Otro país o región", T::Country, 3, "other"),
    ("Teléfono del trabajo", T::Phone, 4, "work"),
    ("Teléfono del trabajo 2", T::Phone, 7, "work"),
    (
        "Número de centralita de la organización",
        T::Phone,
        4,
        "work",
    ),
    ("Particular", T::Phone, 5, "home"),
    ("Teléfono particular", T::Phone, 5, "home"),
    ("Teléfono móvil", T::Phone, 3, "mobile"),
    ("Otro teléfono", T::Phone, 6, "other"),
    ("Teléfono principal", T::Phone, 1, ""),
    ("Dirección de correo electrónico", T::Email, 1, ""),
    ("Dirección de correo electrónico 2", T::Email, 2, ""),
    ("Dirección del correo electrónico 3", T::Email, 3, ""),
    ("Dirección de correo electrónico 3", T::Email, 3, ""),
    ("Cumpleaños", T::Birthday, 1, ""),
    ("Categorías", T::Tags, 1, ""),
    ("Notas", T::Notes, 1, ""),
    ("Aficiones", T::Interests, 1, ""),
    // Spreadsheets (Español).
    ("Nombre completo", T::FullName, 1, ""),
    ("Apellido", T::FamilyName, 1, ""),
    ("Apodo", T::Nickname, 1, ""),
    ("Empresa", T::Company, 1, ""),
    ("Compañía", T::Company, 1, ""),
    ("Razón social", T::Company, 1, ""),
    ("Cargo", T::JobTitle, 1, ""),
    ("Correo", T::Email, 1, ""),
    ("Correo electrónico", T::Email, 1, ""),
    ("Teléfono", T::Phone, 1, ""),
    ("Teléfono fijo", T::Phone, 1, ""),
    ("Móvil", T::Phone, 2, "mobile"),
    ("Celular", T::Phone, 2, "mobile"),
    ("Dirección", T::Street, 1, ""),
    ("Calle", T::Street, 1, ""),
    ("Código postal", T::PostalCode, 1, ""),
    ("Ciudad", T::City, 1, ""),
    ("Localidad", T::City, 1, ""),
    ("Población", T::City, 1, ""),
    ("Municipio", T::City, 1, ""),
    ("Provincia", T::Region, 1, ""),
    ("País", T::Country, 1, ""),
    ("Fecha de nacimiento", T::Birthday, 1, ""),
    ("Cliente desde", T::CustomerSince, 1, ""),
    ("Etiquetas", T::Tags, 1, ""),
    ("Comentarios", T::Notes, 1, ""),
    ("Observaciones", T::Notes, 1, ""),
    ("Familia", T::Family, 1, ""),
    ("Intereses", T::Interests, 1, ""),
    // ── Italian ───────────────────────────────────────────────────────────────────────────
    // Outlook (Italiano): its phones are named by place alone ("Ufficio", "Abitazione").
    ("Titolo", T::Prefix, 1, ""),
    ("Nome", T::GivenName, 1, ""),
    ("Secondo nome", T::MiddleName, 1, ""),
    ("Cognome", T::FamilyName, 1, ""),
    ("Società", T::Company, 1, ""),
    ("Posizione", T::JobTitle, 1, ""),
    ("Via (uff.)", T::Street, 1, "work"),
    ("Via (uff.) 2", T::StreetMore, 1, "work"),
    ("Via (uff.) 3", T::StreetMore, 1, "work"),
    (
        "Indirizzo (uff.) - Casella postale",
        T::StreetMore,
        1,
        "work",
    ),
    ("Città (uff.)", T::City, 1, "work"),
    ("Provincia (uff.)", T::Region, 1, "work"),
    ("CAP (uff.)", T::PostalCode, 1, "work"),
    ("Paese (uff.)", T::Country, 1, "work"),
    ("Via (ab.)", T::Street, 2, "home"),
    ("Via (ab.) 2", T::StreetMore, 2, "home"),
    ("Via (ab.) 3", T::StreetMore, 2, "home"),
    (
        "Indirizzo (ab.) - Casella postale",
        T::StreetMore,
        2,
        "home",
    ),
    ("Città (ab.)", T::City, 2, "home"),
    ("Provincia (ab.)", T::Region, 2, "home"),
    ("CAP (ab.)", T::PostalCode, 2, "home"),
    ("Paese (ab.)", T::Country, 2, "home"),
    ("Altra via", T::Street, 3, "other"),
    ("Altra via 2", T::StreetMore, 3, "other"),
    ("Altra via 3", T::StreetMore, 3, "other"),
    (
        "Altro indirizzo - Casella postale",
        T::StreetMore,
        3,
        "other",
    ),
    ("Altra città", T::City, 3, "other"),
    ("Altra provincia", T::Region, 3, "other"),
    ("Altro CAP", T::PostalCode, 3, "other"),
    ("Altro paese", T::Country, 3, "other"),
    ("Ufficio", T::Phone, 4, "work"),
    ("Ufficio 2", T::Phone, 7, "work"),
    ("Telefono principale società", T::Phone, 4, "work"),
    ("Abitazione", T::Phone, 5, "home"),
    ("Abitazione 2", T::Phone, 8, "home"),
    ("Cellulare", T::Phone, 3, "mobile"),
    ("Altro telefono", T::Phone, 6, "other"),
    ("Telefono principale", T::Phone, 1, ""),
    ("Indirizzo posta elettronica", T::Email, 1, ""),
    ("Indirizzo posta elettronica 2", T::Email, 2, ""),
    ("Indirizzo posta elettronica 3", T::Email, 3, ""),
    ("Compleanno", T::Birthday, 1, ""),
    ("Categorie", T::Tags, 1, ""),
    ("Nome coniuge", T::Family, 1, ""),
    // Spreadsheets (Italiano).
    ("Nome completo", T::FullName, 1, ""),
    ("Nominativo", T::FullName, 1, ""),
    ("Soprannome", T::Nickname, 1, ""),
    ("Ragione sociale", T::Company, 1, ""),
    ("Azienda", T::Company, 1, ""),
    ("Ditta", T::Company, 1, ""),
    ("Ruolo", T::JobTitle, 1, ""),
    ("Qualifica", T::JobTitle, 1, ""),
    ("Posta elettronica", T::Email, 1, ""),
    ("Indirizzo email", T::Email, 1, ""),
    ("Telefono", T::Phone, 1, ""),
    ("Telefono fisso", T::Phone, 1, ""),
    ("Cell.", T::Phone, 2, "mobile"),
    ("Indirizzo", T::Street, 1, ""),
    ("Via", T::Street, 1, ""),
    ("Numero civico", T::HouseNumber, 1, ""),
    ("CAP", T::PostalCode, 1, ""),
    ("Città", T::City, 1, ""),
    ("Comune", T::City, 1, ""),
    ("Località", T::City, 1, ""),
    ("Regione", T::Region, 1, ""),
    ("Paese", T::Country, 1, ""),
    ("Nazione", T::Country, 1, ""),
    ("Data di nascita", T::Birthday, 1, ""),
    ("Cliente dal", T::CustomerSince, 1, ""),
    ("Etichette", T::Tags, 1, ""),
    ("Note", T::Notes, 1, ""),
    ("Commenti", T::Notes, 1, ""),
    ("Famiglia", T::Family, 1, ""),
    ("Interessi", T::Interests, 1, ""),
    // ── Dutch ─────────────────────────────────────────────────────────────────────────────
    // Outlook (Nederlands).
    ("Titel", T::Prefix, 1, ""),
    ("Voornaam", T::GivenName, 1, ""),
    ("Middelste naam", T::MiddleName, 1, ""),
    ("Achternaam", T::FamilyName, 1, ""),
    ("Bedrijf", T::Company, 1, ""),
    ("Functie", T::JobTitle, 1, ""),
    ("Werkadres, straat", T::Street, 1, "work"),
    ("Werkadres 2, straat", T::StreetMore, 1, "work"),
    ("Werkadres 3, straat", T::StreetMore, 1, "work"),
    ("Werkadres, postbusnummer", T::StreetMore, 1, "work"),
    ("Werkadres, plaats", T::City, 1, "work"),
    ("Werkadres, provincie", T::Region, 1, "work"),
    ("Werkadres, postcode", T::PostalCode, 1, "work"),
    ("Land/regio (werk)", T::Country, 1, "work"),
    ("Huisadres, straat", T::Street, 2, "home"),
    ("Huisadres, straat 2", T::StreetMore, 2, "home"),
    ("Huisadres, straat 3", T::StreetMore, 2, "home"),
    ("Huisadres, postbusnummer", T::StreetMore, 2, "home"),
    ("Huisadres, plaats", T::City, 2, "home"),
    ("Huisadres, provincie", T::Region, 2, "home"),
    ("Huisadres, postcode", T::PostalCode, 2, "home"),
    ("Land/regio (thuis)", T::Country, 2, "home"),
    ("Ander adres, straat", T::Street, 3, "other"),
    ("Ander adres, straat 2", T::StreetMore, 3, "other"),
    ("Ander adres, straat 3", T::StreetMore, 3, "other"),
    ("Ander adres, postbusnummer", T::StreetMore, 3, "other"),
    ("Ander adres, plaats", T::City, 3, "other"),
    ("Ander adres, provincie", T::Region, 3, "other"),
    ("Ander adres, postcode", T::PostalCode, 3, "other"),
    ("Land/regio (anders)", T::Country, 3, "other"),
    ("Telefoon op werk", T::Phone, 4, "work"),
    ("Telefoon op werk 2", T::Phone, 7, "work"),
    ("Hoofdtelefoon bedrijf", T::Phone, 4, "work"),
    ("Telefoon thuis", T::Phone, 5, "home"),
    ("Telefoon thuis 2", T::Phone, 8, "home"),
    ("Mobiele telefoon", T::Phone, 3, "mobile"),
    ("Andere telefoon", T::Phone, 6, "other"),
    ("Hoofdtelefoon", T::Phone, 1, ""),
    ("E-mailadres", T::Email, 1, ""),
    ("E-mailadres 2", T::Email, 2, ""),
    ("E-mailadres 3", T::Email, 3, ""),
    ("Verjaardag", T::Birthday, 1, ""),
    ("Categorieën", T::Tags, 1, ""),
    ("Notities", T::Notes, 1, ""),
    ("Hobby's", T::Interests, 1, ""),
    // Spreadsheets (Nederlands).
    ("Naam", T::FullName, 1, ""),
    ("Volledige naam", T::FullName, 1, ""),
    ("Tussenvoegsel", T::FamilyNamePrefix, 1, ""),
    ("Tussenvoegsels", T::FamilyNamePrefix, 1, ""),
    ("Aanhef", T::Prefix, 1, ""),
    ("Roepnaam", T::Nickname, 1, ""),
    ("Bijnaam", T::Nickname, 1, ""),
    ("Bedrijfsnaam", T::Company, 1, ""),
    ("Organisatie", T::Company, 1, ""),
    ("Telefoon", T::Phone, 1, ""),
    ("Telefoonnummer", T::Phone, 1, ""),
    ("Mobiel", T::Phone, 2, "mobile"),
    ("Mobiel nummer", T::Phone, 2, "mobile"),
    ("GSM", T::Phone, 2, "mobile"),
    ("Adres", T::Street, 1, ""),
    ("Straat", T::Street, 1, ""),
    ("Straatnaam", T::Street, 1, ""),
    ("Huisnummer", T::HouseNumber, 1, ""),
    ("Toevoeging", T::HouseNumber, 1, ""),
    ("Huisnummertoevoeging", T::HouseNumber, 1, ""),
    ("Postcode", T::PostalCode, 1, ""),
    ("Plaats", T::City, 1, ""),
    ("Woonplaats", T::City, 1, ""),
    ("Stad", T::City, 1, ""),
    ("Provincie", T::Region, 1, ""),
    ("Geboortedatum", T::Birthday, 1, ""),
    ("Klant sinds", T::CustomerSince, 1, ""),
    ("Categorie", T::Tags, 1, ""),
    ("Opmerkingen", T::Notes, 1, ""),
    ("Opmerking", T::Notes, 1, ""),
    ("Gezin", T::Family, 1, ""),
    ("Interesses", T::Interests, 1, ""),
    // ── Portuguese ────────────────────────────────────────────────────────────────────────
    // Outlook (Português do Brasil); some of its columns keep English names ("Business
    // Street", "E-mail Address", "Birthday"), above.
    ("Tratamento", T::Prefix, 1, ""),
    ("Primeiro nome", T::GivenName, 1, ""),
    ("Segundo nome", T::MiddleName, 1, ""),
    ("Sobrenome", T::FamilyName, 1, ""),
    ("Empresa", T::Company, 1, ""),
    ("Cargo", T::JobTitle, 1, ""),
    ("Rua do endereço comercial 2", T::StreetMore, 1, "work"),
    ("Rua do endereço comercial 3", T::StreetMore, 1, "work"),
    (
        "Caixa postal do endereço comercial",
        T::StreetMore,
        1,
        "work",
    ),
    ("País/Região da Empresa", T::Country, 1, "work"),
    ("Endereço residencial", T::Street, 2, "home"),
    ("Endereço residencial 2", T::StreetMore, 2, "home"),
    ("Endereço residencial 3", T::StreetMore, 2, "home"),
    (
        "Caixa postal do endereço residencial",
        T::StreetMore,
        2,
        "home",
    ),
    ("Cidade do endereço residencial", T::City, 2, "home"),
    ("CEP do endereço residencial", T::PostalCode, 2, "home"),
    ("País/Região de Residência", T::Country, 2, "home"),
    ("Outro endereço", T::Street, 3, "other"),
    ("Outro endereço 2", T::StreetMore, 3, "other"),
    ("Outro endereço 3", T::StreetMore, 3, "other"),
    ("Outro Estado", T::Region, 3, "other"),
    ("Outro País/Região", T::Country, 3, "other"),
    ("Telefone comercial", T::Phone, 4, "work"),
    ("Telefone comercial 2", T::Phone, 7, "work"),
    ("Telefone residencial", T::Phone, 5, "home"),
    ("Telefone residencial 2", T::Phone, 8, "home"),
    ("Telefone celular", T::Phone, 3, "mobile"),
    ("Outro telefone", T::Phone, 6, "other"),
    ("Telefone principal", T::Phone, 1, ""),
    ("Telefone principal da empresa", T::Phone, 4, "work"),
    ("Endereço de email", T::Email, 1, ""),
    ("Endereço de email 2", T::Email, 2, ""),
    ("Endereço de email 3", T::Email, 3, ""),
    ("Anotações", T::Notes, 1, ""),
    ("Categorias", T::Tags, 1, ""),
    // Outlook (Português europeu). "Apelido" is its last name (in Brazil a nickname: beside
    // "Sobrenome" it is one, csv_import's resolve); "Aniversário" its wedding anniversary,
    // beside "Data de nascimento".
    ("Título", T::Prefix, 1, ""),
    ("Nome próprio", T::GivenName, 1, ""),
    ("Outros nomes/apelidos", T::MiddleName, 1, ""),
    ("Apelido", T::FamilyName, 1, ""),
    ("Rua da empresa", T::Street, 1, "work"),
    ("Rua da empresa 2", T::StreetMore, 1, "work"),
    ("Rua da empresa 3", T::StreetMore, 1, "work"),
    ("Apartado da empresa", T::StreetMore, 1, "work"),
    ("Localidade da empresa", T::City, 1, "work"),
    ("Distrito da empresa", T::Region, 1, "work"),
    ("Código postal da empresa", T::PostalCode, 1, "work"),
    ("Rua da residência", T::Street, 2, "home"),
    ("Rua da residência (2)", T::StreetMore, 2, "home"),
    ("Rua da residência (3)", T::StreetMore, 2, "home"),
    ("Apartado da residência", T::StreetMore, 2, "home"),
    ("Localidade da residência", T::City, 2, "home"),
    ("Distrito da residência", T::Region, 2, "home"),
    ("Código postal da residência", T::PostalCode, 2, "home"),
    ("País da Residência/Região", T::Country, 2, "home"),
    ("Rua do outro endereço", T::Street, 3, "other"),
    ("Rua do outro endereço 2", T::StreetMore, 3, "other"),
    ("Rua do outro endereço 3", T::StreetMore, 3, "other"),
    ("Apartado do outro endereço", T::StreetMore, 3, "other"),
    ("Localidade do outro endereço", T::City, 3, "other"),
    ("Distrito do outro endereço", T::Region, 3, "other"),
    ("Código postal do outro endereço", T::PostalCode, 3, "other"),
    ("Telefone da empresa", T::Phone, 4, "work"),
    ("2º telefone da empresa", T::Phone, 7, "work"),
    ("Telefone da residência", T::Phone, 5, "home"),
    ("2º telefone da residência", T::Phone, 8, "home"),
    ("Telemóvel", T::Phone, 3, "mobile"),
    ("Endereço de correio electrónico", T::Email, 1, ""),
    ("Endereço do correio electrónico 2", T::Email, 2, ""),
    ("Endereço do correio electrónico 3", T::Email, 3, ""),
    ("Data de nascimento", T::Birthday, 1, ""),
    ("Aniversário", T::Birthday, 1, ""),
    ("Notas", T::Notes, 1, ""),
    ("Cônjuge", T::Family, 1, ""),
    ("Passatempo", T::Interests, 1, ""),
    // Spreadsheets (Português).
    ("Nome completo", T::FullName, 1, ""),
    ("Email", T::Email, 1, ""),
    ("Correio eletrónico", T::Email, 1, ""),
    ("Correio eletrônico", T::Email, 1, ""),
    ("Telefone", T::Phone, 1, ""),
    ("Celular", T::Phone, 2, "mobile"),
    ("Endereço", T::Street, 1, ""),
    ("Morada", T::Street, 1, ""),
    ("Rua", T::Street, 1, ""),
    ("Número", T::HouseNumber, 1, ""),
    ("Complemento", T::StreetMore, 1, ""),
    ("CEP", T::PostalCode, 1, ""),
    ("Código postal", T::PostalCode, 1, ""),
    ("Cidade", T::City, 1, ""),
    ("Localidade", T::City, 1, ""),
    ("Estado", T::Region, 1, ""),
    ("Distrito", T::Region, 1, ""),
    ("Cliente desde", T::CustomerSince, 1, ""),
    ("Observações", T::Notes, 1, ""),
    ("Família", T::Family, 1, ""),
    ("Interesses", T::Interests, 1, ""),
];

/// Names that are the last name beside a first-name column and a whole name alone (German
/// forms write "Name, Vorname"; French Outlook "Nom" beside "Prénom").
pub(super) const FAMILY_OR_FULL: &[&str] = &["name", "nom", "naam"];

/// Names that are the first name beside a last-name column and a whole name alone (a Spanish
/// sheet's one "Nombre" column holds "Ana García").
pub(super) const GIVEN_OR_FULL: &[&str] = &["nombre", "nome"];

/// Whole-name columns of Spanish files, whose names end in two surnames ("Ana García López").
pub(super) const SPANISH_NAME_COLUMNS: &[&str] = &["nombre", "nombrecompleto", "nombreyapellidos"];

/// Birthday columns that may be a wedding anniversary instead: left out beside an
/// unambiguous birthday column (Portuguese Outlook's "Aniversário" beside "Data de
/// nascimento").
pub(super) const MAYBE_ANNIVERSARY: &[&str] = &["aniversario"];

/// A nickname where a last-name column stands beside it (Brazilian "Apelido" beside
/// "Sobrenome").
pub(super) const NICKNAME_BESIDE_SURNAME: &[&str] = &["apelido"];

/// Parts of a birthday in columns of their own (Thunderbird: year, month, day). Rapport does
/// not put them together; beside them, the day column is no birthday.
pub(super) const BIRTHDAY_PARTS: &[&str] = &[
    "birthyear",
    "birthmonth",
    "geburtsjahr",
    "geburtsmonat",
    "anneedenaissance",
    "moisdenaissance",
];

/// Keys of columns only Outlook writes (its business street, in each language): a file that
/// has one is an Outlook export.
pub(super) const OUTLOOK_MARKERS: &[&str] = &[
    "strassegeschaftlich",
    "ruebureau",
    "calledeltrabajo",
    "viauff",
    "werkadresstraat",
    "ruadaempresa",
    "telefonecomercial",
];

/// The key a name is compared by: folded (case, accents, ß → ss), letters and digits only.
pub fn header_key(name: &str) -> String {
    crate::search_text::fold(name.trim().trim_start_matches('*'))
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn table() -> &'static HashMap<String, (T, u32, &'static str)> {
    static TABLE: OnceLock<HashMap<String, (T, u32, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::with_capacity(NAMES.len());
        for (name, target, slot, label) in NAMES {
            // The first entry of a name wins (a name shared by two languages means one thing;
            // a test checks that no two entries disagree).
            map.entry(header_key(name))
                .or_insert((*target, *slot, *label));
        }
        map
    })
}

/// Where a column named `key` goes, by the table, or by its words when the table does not
/// have it (a spelling of its own: "Telefon (Büro)", "Handy privat", "E-Mail geschäftlich").
pub(super) fn lookup(key: &str) -> Option<(T, u32, &'static str)> {
    let table = table();
    table
        .get(key)
        .or_else(|| {
            // Umlauts written out ("Geschaeftlich", "Buero") as keyboards without them do.
            let plain = key.replace("ae", "a").replace("oe", "o").replace("ue", "u");
            table.get(&plain)
        })
        .copied()
        .or_else(|| by_words(key))
}

/// Words that say a phone, an email or an address part is the work or the home one.
const WORK_WORDS: &[&str] = &[
    "business",
    "work",
    "office",
    "geschaftlich",
    "geschaeftlich",
    "dienstlich",
    "buro",
    "buero",
    "arbeit",
    "bureau",
    "travail",
    "trabajo",
    "oficina",
    "ufficio",
    "lavoro",
    "werk",
    "kantoor",
    "comercial",
    "trabalho",
    "escritorio",
];
const HOME_WORDS: &[&str] = &[
    "home",
    "private",
    "privat",
    "personal",
    "zuhause",
    "domicile",
    "maison",
    "perso",
    "casa",
    "particular",
    "domicilio",
    "abitazione",
    "thuis",
    "prive",
    "residencial",
    "residencia",
];
const MOBILE_WORDS: &[&str] = &[
    "mobile",
    "mobil",
    "handy",
    "cell",
    "portable",
    "movil",
    "cellulare",
    "celular",
    "mobiel",
    "gsm",
    "telemovel",
    "natel",
];
/// Columns about a phone or an email that hold no number or address.
const NOT_A_VALUE: &[&str] = &[
    "fax",
    "telecopie",
    "telex",
    "pager",
    "isdn",
    "tty",
    "tdd",
    "assist",
    "radio",
    "auto",
    "car",
    "callback",
    "ruckmeld",
    "typ",
    "type",
    "tipo",
    "label",
    "etiket",
    "display",
    "anzeig",
    "angezeig",
    "weergeg",
    "weergav",
    "affich",
    "visualiz",
    "pantalla",
    "exibicao",
    "apresentar",
    "yomi",
];

/// A column's target from the words in its key, for names not in the table. Only phones and
/// emails: their names vary most ("Tel. Büro", "Handy 2", "Mail privat"), and a wrong guess
/// is one the preview shows and the owner can change.
fn by_words(key: &str) -> Option<(T, u32, &'static str)> {
    let has = |words: &[&str]| words.iter().any(|w| key.contains(w));
    let label = if has(MOBILE_WORDS) {
        "mobile"
    } else if has(WORK_WORDS) {
        "work"
    } else if has(HOME_WORDS) {
        "home"
    } else {
        ""
    };
    let is_email = [
        "email",
        "mail",
        "courriel",
        "correo",
        "postaelettronica",
        "correioele",
    ]
    .iter()
    .any(|w| key.contains(w));
    let is_phone = [
        "telefon", "phone", "telefono", "telefone", "telefoon", "handy",
    ]
    .iter()
    .any(|w| key.contains(w))
        || key.starts_with("tel")
        || (has(MOBILE_WORDS) && !is_email);
    if has(NOT_A_VALUE) || key.contains("mailing") || key.contains("telex") {
        return None;
    }
    // A number at the end is the second or third of its kind ("Handy 2").
    let second = key.ends_with('2') || key.ends_with('3');
    if is_email {
        let slot = if key.ends_with('3') {
            3
        } else if key.ends_with('2') || label == "work" || label == "home" {
            2
        } else {
            1
        };
        return Some((T::Email, slot, if label == "mobile" { "" } else { label }));
    }
    if is_phone {
        let slot = match (label, second) {
            ("mobile", false) => 3,
            ("mobile", true) => 9,
            ("work", false) => 4,
            ("work", true) => 7,
            ("home", false) => 5,
            ("home", true) => 8,
            (_, true) => 2,
            _ => 1,
        };
        return Some((T::Phone, slot, label));
    }
    None
}

/// Honorifics written before a name in one name column ("Dr. Ann Lee", "Herr Hans Müller").
pub(super) const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "herr", "frau", "hr", "fr", "mme", "mlle", "sr",
    "sra", "srta", "dona", "sig", "sigra", "dott", "dhr", "mevr", "mw", "dra",
];

/// Particles that begin a last name ("Ludwig van Beethoven", "Maria de la Cruz").
pub(super) const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "des", "dos", "das", "do",
    "la", "le", "ten", "ter", "zu", "zum", "zur", "bin", "ibn", "al", "el", "st",
];

/// Legal forms that make a name in a name column a company's ("Müller GmbH", "Acme Ltd").
pub(super) const LEGAL_FORMS: &[&str] = &[
    "gmbh", "ag", "kg", "ohg", "gbr", "ug", "ek", "ev", "ltd", "limited", "llc", "llp", "plc",
    "inc", "corp", "co", "sa", "sarl", "sas", "sasu", "eurl", "sl", "slu", "spa", "srl", "snc",
    "bv", "nv", "vof", "lda", "ltda", "me", "eireli", "cia",
];

/// Words that make a name in a name column a business's ("Bäckerei Schmidt", "Café Luna").
pub(super) const BUSINESS_WORDS: &[&str] = &[
    "bakery",
    "backerei",
    "boulangerie",
    "patisserie",
    "panaderia",
    "panificio",
    "pasticceria",
    "bakkerij",
    "padaria",
    "restaurant",
    "ristorante",
    "restaurante",
    "cafe",
    "caffe",
    "hotel",
    "shop",
    "store",
    "laden",
    "salon",
    "studio",
    "agency",
    "agentur",
    "agence",
    "agencia",
    "agenzia",
    "apotheke",
    "pharmacy",
    "pharmacie",
    "farmacia",
    "apotheek",
    "garage",
    "werkstatt",
    "taller",
    "officina",
    "kanzlei",
    "praxis",
    "cabinet",
    "clinic",
    "klinik",
    "clinique",
    "clinica",
    "bistro",
    "bar",
    "pizzeria",
    "metzgerei",
    "boucherie",
    "carniceria",
    "macelleria",
    "slagerij",
    "acougue",
    "gmbh",
    "company",
    "firma",
    "societe",
    "sociedad",
    "societa",
    "bedrijf",
    "empresa",
    "group",
    "gruppe",
    "groupe",
    "grupo",
    "gruppo",
    "services",
    "service",
    "solutions",
    "consulting",
    "associates",
    "partners",
    "team",
];

/// Chinese family names of two characters; other Chinese names start with a one-character
/// family name.
pub(super) const COMPOUND_SURNAMES_ZH: &[&str] = &[
    "欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "东方", "東方", "皇甫", "尉迟", "尉遲",
    "公孙", "公孫", "慕容", "令狐", "夏侯", "长孙", "長孫", "司徒", "宇文", "轩辕", "軒轅", "端木",
    "独孤", "獨孤", "南宫", "南宮", "西门", "西門",
];

/// Korean family names of two syllables.
pub(super) const COMPOUND_SURNAMES_KO: &[&str] = &[
    "남궁", "황보", "제갈", "사공", "선우", "서문", "독고", "동방", "어금", "망절",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_entries_of_one_name_disagree() {
        let mut seen: HashMap<String, (&str, T, u32, &str)> = HashMap::new();
        for (name, target, slot, label) in NAMES {
            let key = header_key(name);
            assert!(!key.is_empty(), "{name} has no letters");
            if let Some((first, t, s, l)) = seen.get(&key) {
                assert_eq!(
                    (t, s, l),
                    (target, slot, label),
                    "\"{first}\" and \"{name}\" are one name with two meanings"
                );
            } else {
                seen.insert(key, (name, *target, *slot, label));
            }
        }
    }

    #[test]
    fn names_match_whatever_their_spelling() {
        for spelling in ["E-Mail", "Email", "EMAIL", "e mail", "E_Mail"] {
            assert_eq!(
                lookup(&header_key(spelling)),
                Some((T::Email, 1, "")),
                "{spelling}"
            );
        }
        assert_eq!(
            lookup(&header_key("e-mail adresse")),
            Some((T::Email, 1, ""))
        );
        assert_eq!(
            lookup(&header_key("Telefon (geschäftlich)")),
            Some((T::Phone, 4, "work"))
        );
        assert_eq!(
            lookup(&header_key("TELEFON GESCHAEFTLICH")),
            Some((T::Phone, 4, "work"))
        );
        assert_eq!(
            lookup(&header_key("Strasse")),
            Some((T::Street, 1, "")),
            "ss for ß"
        );
        assert_eq!(
            lookup(&header_key("Mobiltelefon")),
            Some((T::Phone, 3, "mobile"))
        );
        // Not in the table, found by its words.
        assert_eq!(
            lookup(&header_key("Handy privat")),
            Some((T::Phone, 3, "mobile"))
        );
        assert_eq!(
            lookup(&header_key("Tel. Büro")),
            Some((T::Phone, 4, "work"))
        );
        assert_eq!(
            lookup(&header_key("E-Mail privat")),
            Some((T::Email, 2, "home"))
        );
        // About an email or phone, but no address or number.
        assert_eq!(lookup(&header_key("E-Mail-Typ")), None);
        assert_eq!(lookup(&header_key("E-Mail: Angezeigter Name")), None);
        assert_eq!(lookup(&header_key("Fax geschäftlich")), None);
        assert_eq!(lookup(&header_key("Autotelefon")), None);
        assert_eq!(
            lookup(&header_key("Nom complet de l'adresse de messagerie")),
            None
        );
    }
}
