//! Countries as owners write them on addresses ("SE", "Sweden", "Deutschland", "U.K."), known
//! by their ISO 3166 code: so mail within the owner's own country leaves the country line off,
//! as post offices ask, and mail abroad names the country in full, in capitals.

use isocountry::CountryCode;

use crate::search_text::fold;

/// Names owners write that are neither an ISO code nor ISO's English name: the country's own
/// name, a short or older English one. Folded (lower case, no accents), with the country's
/// two-letter code.
const OTHER_NAMES: &[(&str, &str)] = &[
    ("united states", "US"),
    ("america", "US"),
    ("uk", "GB"),
    ("united kingdom", "GB"),
    ("great britain", "GB"),
    ("britain", "GB"),
    ("england", "GB"),
    ("scotland", "GB"),
    ("wales", "GB"),
    ("northern ireland", "GB"),
    ("deutschland", "DE"),
    ("osterreich", "AT"),
    ("schweiz", "CH"),
    ("suisse", "CH"),
    ("svizzera", "CH"),
    ("espana", "ES"),
    ("italia", "IT"),
    ("nederland", "NL"),
    ("the netherlands", "NL"),
    ("holland", "NL"),
    ("belgique", "BE"),
    ("belgie", "BE"),
    ("belgien", "BE"),
    ("danmark", "DK"),
    ("sverige", "SE"),
    ("norge", "NO"),
    ("suomi", "FI"),
    ("island", "IS"),
    ("eire", "IE"),
    ("polska", "PL"),
    ("cesko", "CZ"),
    ("czech republic", "CZ"),
    ("slovensko", "SK"),
    ("magyarorszag", "HU"),
    ("hrvatska", "HR"),
    ("slovenija", "SI"),
    ("eesti", "EE"),
    ("latvija", "LV"),
    ("lietuva", "LT"),
    ("ellada", "GR"),
    ("hellas", "GR"),
    ("turkiye", "TR"),
    ("turkey", "TR"),
    ("russia", "RU"),
    ("россия", "RU"),
    ("ukraina", "UA"),
    ("україна", "UA"),
    ("brasil", "BR"),
    ("mexico", "MX"),
    ("uae", "AE"),
    ("south korea", "KR"),
    ("korea", "KR"),
    ("대한민국", "KR"),
    ("한국", "KR"),
    ("north korea", "KP"),
    ("日本", "JP"),
    ("日本国", "JP"),
    ("nippon", "JP"),
    ("中国", "CN"),
    ("taiwan", "TW"),
    ("台灣", "TW"),
    ("台湾", "TW"),
    ("vietnam", "VN"),
    ("viet nam", "VN"),
    ("laos", "LA"),
    ("bharat", "IN"),
    ("भारत", "IN"),
    ("tanzania", "TZ"),
    ("syria", "SY"),
    ("moldova", "MD"),
    ("palestine", "PS"),
    ("ivory coast", "CI"),
    ("cote d'ivoire", "CI"),
];

/// The name mail abroad carries where ISO's English name is not the one a post office uses.
const POSTAL_NAMES: &[(&str, &str)] = &[
    ("US", "UNITED STATES"),
    ("GB", "UNITED KINGDOM"),
    ("KR", "REPUBLIC OF KOREA"),
    ("KP", "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA"),
    ("CD", "DEMOCRATIC REPUBLIC OF THE CONGO"),
    ("TW", "TAIWAN"),
    ("TZ", "TANZANIA"),
    ("RU", "RUSSIA"),
    ("PS", "PALESTINE"),
    ("VG", "BRITISH VIRGIN ISLANDS"),
    ("VI", "UNITED STATES VIRGIN ISLANDS"),
    ("LA", "LAOS"),
    ("SY", "SYRIA"),
];

/// The country `text` names: a two- or three-letter ISO code, ISO's English name (with or
/// without what it adds in brackets: "Bolivia"), or a name in [`OTHER_NAMES`]. None when it
/// names none of these (a region, a typo): such an address keeps its country line as written.
pub fn country_code(text: &str) -> Option<CountryCode> {
    let folded = fold(text.trim());
    // "U.S.A." is "usa"; "Côte d'Ivoire" keeps its apostrophe.
    let key: String = folded
        .chars()
        .filter(|c| *c != '.')
        .collect::<String>()
        .trim()
        .to_string();
    if key.is_empty() {
        return None;
    }
    if key.chars().all(|c| c.is_ascii_alphabetic()) {
        let by_code = match key.len() {
            2 => CountryCode::for_alpha2_caseless(&key).ok(),
            3 => CountryCode::for_alpha3_caseless(&key).ok(),
            _ => None,
        };
        if by_code.is_some() {
            return by_code;
        }
    }
    if let Some((_, alpha2)) = OTHER_NAMES.iter().find(|(name, _)| *name == key) {
        return CountryCode::for_alpha2(alpha2).ok();
    }
    // ISO's whole name first: "Congo" is the Republic of the Congo, not the Democratic
    // Republic ("Congo (the Democratic Republic of the)").
    let names = iso_names();
    names
        .iter()
        .find(|(_, iso)| *iso == key)
        .or_else(|| names.iter().find(|(_, iso)| short_name(iso) == key))
        .map(|(code, _)| *code)
}

/// Every country with ISO's English name folded, made once (an envelope run asks for each
/// address's country).
fn iso_names() -> &'static [(CountryCode, String)] {
    static NAMES: std::sync::OnceLock<Vec<(CountryCode, String)>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        CountryCode::iter()
            .map(|code| (*code, fold(code.name())))
            .collect()
    })
}

/// ISO's English name without what it adds after a bracket or a comma: "bolivia" for
/// "bolivia (plurinational state of)", "bahamas" for "bahamas (the)".
fn short_name(iso: &str) -> &str {
    iso.split([',', '(']).next().unwrap_or(iso).trim()
}

/// The last line of mail sent to `code` from abroad: the country's English name in capitals.
pub fn postal_name(code: CountryCode) -> String {
    if let Some((_, name)) = POSTAL_NAMES.iter().find(|(a2, _)| *a2 == code.alpha2()) {
        return (*name).to_string();
    }
    short_name(code.name()).to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Option<&'static str> {
        country_code(text).map(|c| c.alpha2())
    }

    #[test]
    fn codes_english_names_and_the_countrys_own_name_are_known() {
        assert_eq!(code("SE"), Some("SE"));
        assert_eq!(code(" se "), Some("SE"));
        assert_eq!(code("SWE"), Some("SE"));
        assert_eq!(code("Sweden"), Some("SE"));
        assert_eq!(code("Sverige"), Some("SE"));
        assert_eq!(code("U.S.A."), Some("US"));
        assert_eq!(code("United States of America"), Some("US"));
        assert_eq!(code("U.K."), Some("GB"));
        assert_eq!(code("Scotland"), Some("GB"));
        assert_eq!(code("Österreich"), Some("AT"));
        assert_eq!(code("España"), Some("ES"));
        assert_eq!(code("Bolivia"), Some("BO"));
        assert_eq!(code("Bahamas"), Some("BS"));
        assert_eq!(code("日本"), Some("JP"));
        assert_eq!(code("Côte d'Ivoire"), Some("CI"));
        assert_eq!(code("Czechia"), Some("CZ"));
        assert_eq!(code("Congo"), Some("CG"));
    }

    #[test]
    fn what_names_no_country_is_not_guessed() {
        assert_eq!(code(""), None);
        assert_eq!(code("  . "), None);
        assert_eq!(code("XX"), None);
        assert_eq!(code("Bavaria"), None);
        assert_eq!(code("Swedenn"), None);
        assert_eq!(code("1234"), None);
    }

    #[test]
    fn mail_abroad_names_the_country_as_post_offices_write_it() {
        let name = |text: &str| country_code(text).map(postal_name);
        assert_eq!(name("SE").as_deref(), Some("SWEDEN"));
        assert_eq!(name("Deutschland").as_deref(), Some("GERMANY"));
        assert_eq!(name("usa").as_deref(), Some("UNITED STATES"));
        assert_eq!(name("GB").as_deref(), Some("UNITED KINGDOM"));
        assert_eq!(name("KR").as_deref(), Some("REPUBLIC OF KOREA"));
        assert_eq!(name("BO").as_deref(), Some("BOLIVIA"));
        assert_eq!(name("BS").as_deref(), Some("BAHAMAS"));
        // Every country has a name to print, none of them empty or bracketed.
        for code in CountryCode::iter() {
            let printed = postal_name(*code);
            assert!(
                !printed.is_empty() && !printed.contains('('),
                "{code:?}: {printed}"
            );
        }
    }
}
