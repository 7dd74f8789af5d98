//! Built-in designs per occasion and the colour themes (accents) they use.

use super::{CardDesign, CardFormat, Motif};
use crate::calendar::{Occasion, OccasionKind};

/// A colour theme: `ink` for the greeting and ornaments, `paper` for the drawn front's ground,
/// `soft` for secondary ornaments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accent {
    pub id: &'static str,
    pub ink: [u8; 3],
    pub paper: [u8; 3],
    pub soft: [u8; 3],
}

/// The themes a design may name.
pub const ACCENTS: &[Accent] = &[
    Accent {
        id: "rose",
        ink: [164, 62, 84],
        paper: [250, 238, 240],
        soft: [232, 184, 194],
    },
    Accent {
        id: "forest",
        ink: [47, 93, 80],
        paper: [236, 243, 239],
        soft: [176, 206, 190],
    },
    Accent {
        id: "navy",
        ink: [31, 58, 95],
        paper: [234, 239, 246],
        soft: [172, 190, 216],
    },
    Accent {
        id: "gold",
        ink: [138, 96, 22],
        paper: [249, 243, 228],
        soft: [226, 200, 140],
    },
    Accent {
        id: "plum",
        ink: [91, 58, 110],
        paper: [242, 236, 246],
        soft: [204, 184, 218],
    },
    Accent {
        id: "slate",
        ink: [60, 70, 80],
        paper: [239, 241, 243],
        soft: [190, 198, 206],
    },
];

/// The theme `id`, or the first one when nobody knows `id`.
pub fn accent(id: &str) -> Accent {
    ACCENTS
        .iter()
        .find(|a| a.id == id)
        .copied()
        .unwrap_or(ACCENTS[0])
}

fn design(
    name: &str,
    accent: &str,
    motif: Motif,
    greeting: &str,
    message: &str,
    signature: &str,
) -> CardDesign {
    CardDesign {
        motif,
        front_photo: None,
        name: name.to_string(),
        format: CardFormat::A6,
        front_image: None,
        greeting: greeting.to_string(),
        message: message.to_string(),
        signature: signature.to_string(),
        accent: accent.to_string(),
    }
}

const SIGNED: &str = "With warm wishes,\nthe team at {business_name}";

/// A few designs for an occasion kind ("birthday", "thanksgiving", "valentines", "new-year",
/// "april-fools", "halloween", "winter"…); an unknown kind gets the generic ones. A greeting
/// may hold `{occasion}`, replaced by the occasion's name (Canada Day, Independence Day).
pub fn built_in_designs(occasion_kind: &str) -> Vec<CardDesign> {
    use Motif::*;
    match occasion_kind.trim().to_ascii_lowercase().as_str() {
        "birthday" => vec![
            design("Confetti", "rose", Confetti, "Happy Birthday",
                "Dear {first_name},\nwishing you a wonderful birthday and a year full of good things. Thank you for being with us.",
                SIGNED),
            design("Candlelight", "gold", Stars, "Many Happy Returns",
                "Dear {first_name},\nmay your day be bright and your year even brighter.",
                SIGNED),
        ],
        "anniversary" | "customer-anniversary" => vec![
            design("Milestone", "navy", Confetti, "Happy Anniversary",
                "Dear {first_name},\n{years_as_customer} years together! Thank you for your trust and for every visit.",
                SIGNED),
            design("Thank You Kindly", "forest", Flowers, "Thank You",
                "Dear {first_name},\nit has been {years_as_customer} years, and we are grateful for each one.",
                SIGNED),
        ],
        "thanksgiving" | "thanksgiving-us" | "thanksgiving-ca" => vec![
            design("Harvest", "gold", Leaves, "Happy Thanksgiving",
                "Dear {first_name},\nthis season we are thankful for customers like you. Wishing you a table full of good food and good company.",
                SIGNED),
            design("Gratitude", "forest", Leaves, "With Gratitude",
                "Dear {first_name},\nthank you for choosing {business_name}. Have a warm and happy Thanksgiving.",
                SIGNED),
        ],
        "valentines" | "valentine" => vec![
            design("Hearts", "rose", Hearts, "Happy Valentine's Day",
                "Dear {first_name},\nwe love having you as a customer. Wishing you a day full of kindness.",
                SIGNED),
            design("Simply Sweet", "plum", Hearts, "Sending Love",
                "Dear {first_name},\na little note to say how much we appreciate you.",
                SIGNED),
        ],
        "new-year" | "newyear" => vec![
            design("Midnight", "navy", Stars, "Happy New Year",
                "Dear {first_name},\nthank you for a wonderful year. Here is to health, joy and good things ahead.",
                SIGNED),
            design("Fresh Start", "slate", Confetti, "Cheers to the New Year",
                "Dear {first_name},\nmay the new year bring you everything you hope for.",
                SIGNED),
        ],
        "april-fools" => vec![
            design("Just Kidding", "plum", Confetti, "Happy April Fools'",
                "Dear {first_name},\nno joke: we are lucky to have you as a customer.", SIGNED),
            design("No Fooling", "gold", Stars, "No Fooling",
                "Dear {first_name},\nthis is the one message today you can believe: thank you for being with us.",
                SIGNED),
        ],
        "mothers-day" => vec![
            design("Bouquet", "rose", Flowers, "Happy Mother's Day",
                "Dear {first_name},\nwishing you a day as kind and generous as you are.", SIGNED),
            design("Garden", "forest", Flowers, "With Love on Mother's Day",
                "Dear {first_name},\nmay today bring you rest, flowers and the people you love.",
                SIGNED),
        ],
        "fathers-day" => vec![
            design("Evening Star", "navy", Stars, "Happy Father's Day",
                "Dear {first_name},\nwishing you a relaxed day and a year of good things.", SIGNED),
            design("Oak", "forest", Leaves, "Happy Father's Day",
                "Dear {first_name},\nhere is to you: enjoy a day that is all yours.", SIGNED),
        ],
        "national-day" => vec![
            design("Fireworks", "navy", Stars, "Happy {occasion}",
                "Dear {first_name},\nenjoy the celebrations, the fireworks and the long summer evening.",
                SIGNED),
            design("Summer", "rose", Confetti, "Happy {occasion}",
                "Dear {first_name},\nwishing you a sunny holiday with friends and family.", SIGNED),
        ],
        "halloween" => vec![
            design("Pumpkin Patch", "gold", Pumpkins, "Happy Halloween",
                "Dear {first_name},\nno tricks, only treats: thank you for being a customer we are always glad to see.",
                SIGNED),
            design("Moonlight", "plum", Stars, "Spooky Greetings",
                "Dear {first_name},\nhave a frightfully fun Halloween!", SIGNED),
        ],
        "winter" => vec![
            design("Snowfall", "navy", Snowflakes, "Season's Greetings",
                "Dear {first_name},\nwarm wishes for the holidays and a peaceful end of the year. Thank you for being with us.",
                SIGNED),
            design("Starlight", "gold", Stars, "Happy Holidays",
                "Dear {first_name},\nmay the season bring you rest, warmth and good company.",
                SIGNED),
        ],
        _ => vec![
            design("Thank You", "forest", Flowers, "Thank You",
                "Dear {first_name},\nthank you for being a customer of {business_name}. It means a lot to us.",
                SIGNED),
            design("Warm Wishes", "slate", Confetti, "Warm Wishes",
                "Dear {first_name},\nthinking of you and wishing you all the best.",
                SIGNED),
        ],
    }
}

/// The built-in card designs for `occasion`, their greetings naming it where they say
/// `{occasion}` ("Happy Canada Day").
pub fn designs_for(occasion: &Occasion) -> Vec<CardDesign> {
    let mut designs = built_in_designs(design_family(occasion.kind));
    for design in &mut designs {
        design.greeting = design.greeting.replace("{occasion}", &occasion.name);
    }
    designs
}

/// The name the card designs know an occasion kind by.
pub fn design_family(kind: OccasionKind) -> &'static str {
    match kind {
        OccasionKind::NewYear => "new-year",
        OccasionKind::Valentine => "valentines",
        OccasionKind::AprilFools => "april-fools",
        OccasionKind::MothersDay => "mothers-day",
        OccasionKind::FathersDay => "fathers-day",
        OccasionKind::NationalDay => "national-day",
        OccasionKind::Thanksgiving => "thanksgiving",
        OccasionKind::Halloween => "halloween",
        OccasionKind::Winter => "winter",
        OccasionKind::Birthday => "birthday",
        OccasionKind::Anniversary => "anniversary",
        OccasionKind::General => "generic",
    }
}
