//! Sample customers for a first look at Rapport and for measuring it: people from many countries
//! and scripts, with companies, contact details, birthdays, personal details, tags and a
//! timeline. Deterministic: the same seed and date always give the same book. Mostly a data
//! table (names, companies, notes in many languages), long by nature.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::book::Book;
use crate::contacts::{
    Birthday, ContactInput, LabeledValue, NewTouchpoint, PostalAddress, TouchpointKind,
};
use crate::error::Result;
use crate::search_text::fold;
use crate::store::NewContact;

/// Contacts generated per hand-over from the generating thread to the writing one.
const CHUNK: usize = 1_000;

/// What `fill` added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoSummary {
    pub contacts: usize,
    pub touchpoints: usize,
}

/// `count` sample contacts, each valid for `today`. The same arguments give the same contacts.
pub fn sample_contacts(count: usize, seed: u64, today: NaiveDate) -> Vec<ContactInput> {
    let mut generator = Generator::new(count, seed, today);
    (0..count).map(|_| generator.contact()).collect()
}

/// Adds `count` sample contacts (the ones `sample_contacts` gives) with 0–5 touchpoints each over
/// the last two years, in one transaction. A second thread makes the contacts while this one
/// writes them.
impl Book {
    /// Fills the book with `count` realistic sample customers and their timelines ([`fill`]).
    pub fn add_sample_customers(
        &mut self,
        count: usize,
        seed: u64,
        today: NaiveDate,
    ) -> Result<DemoSummary> {
        fill(self, count, seed, today)
    }
}

pub fn fill(book: &mut Book, count: usize, seed: u64, today: NaiveDate) -> Result<DemoSummary> {
    type Person = (NewContact, Vec<(NewTouchpoint, bool)>);
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Result<Vec<Person>>>(4);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut generator = Generator::new(count, seed, today);
            let mut timeline = Timeline {
                rng: Rng::new(seed ^ 0xD1B5_4A32_D192_ED03),
                today,
            };
            let mut made = 0;
            while made < count {
                let size = CHUNK.min(count - made);
                let chunk = (0..size)
                    .map(|_| {
                        let input = generator.contact().validated(today)?;
                        let touchpoints = timeline.touchpoints(&input);
                        for (touchpoint, _) in &touchpoints {
                            touchpoint.validate(today)?;
                        }
                        // What the store derives from the contact is worked out here too, off
                        // the writing thread.
                        Ok((NewContact::new(Arc::new(input), None), touchpoints))
                    })
                    .collect::<Result<Vec<_>>>();
                let failed = chunk.is_err();
                // The writer stopped (it failed): nothing more to make.
                if sender.send(chunk).is_err() || failed {
                    return;
                }
                made += size;
            }
        });
        let mut touchpoints = 0;
        let people = receiver.into_iter().flat_map(|chunk| match chunk {
            Ok(people) => people.into_iter().map(Ok).collect::<Vec<_>>(),
            Err(e) => vec![Err(e)],
        });
        let people = people.inspect(|person| {
            if let Ok((_, timeline)) = person {
                touchpoints += timeline.len();
            }
        });
        let ids = book.add_contacts_with_history(count, people)?;
        Ok(DemoSummary {
            contacts: ids.len(),
            touchpoints,
        })
    })
}

/// splitmix64: tiny, fast and good enough for sample data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when n is 0).
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    fn index(&mut self, len: usize) -> usize {
        usize::try_from(self.below(len as u64)).unwrap_or(0)
    }

    /// True with probability `percent` / 100.
    fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high - low + 1)
    }

    fn digits(&mut self, pattern: &str) -> String {
        pattern
            .chars()
            .map(|c| {
                if c == '#' {
                    char::from(b'0' + (self.below(10) as u8))
                } else {
                    c
                }
            })
            .collect()
    }
}

/// A city with what an address and a phone number there look like. `#` in `phone` is any digit.
struct City {
    name: &'static str,
    region: &'static str,
    postal_code: &'static str,
    country: &'static str,
    phone: &'static str,
}

const fn city(
    name: &'static str,
    region: &'static str,
    postal_code: &'static str,
    country: &'static str,
    phone: &'static str,
) -> City {
    City {
        name,
        region,
        postal_code,
        country,
        phone,
    }
}

/// Names as people of one culture write them. A name entry is `native[/female form]` followed by
/// `|transliteration[/female form]` when the native script is not Latin; the transliteration makes
/// email handles. In `companies`, `{F}` is a family name and `{T}` its transliteration.
/// In `street`, `{s}` is the street and `{n}` a house number.
struct Culture {
    weight: u64,
    male: &'static [&'static str],
    female: &'static [&'static str],
    family: &'static [&'static str],
    /// Spanish speakers often carry both surnames.
    double_family: bool,
    cities: &'static [City],
    streets: &'static [&'static str],
    street: &'static str,
    companies: &'static [&'static str],
    language: &'static str,
}

const CULTURES: &[Culture] = &[
    Culture {
        weight: 20,
        male: &[
            "James",
            "John",
            "Robert",
            "Michael",
            "David",
            "William",
            "Thomas",
            "Daniel",
            "Matthew",
            "Andrew",
            "Christopher",
            "Ethan",
            "Oliver",
            "Harry",
            "Liam",
        ],
        female: &[
            "Mary",
            "Jennifer",
            "Linda",
            "Sarah",
            "Emily",
            "Jessica",
            "Ashley",
            "Emma",
            "Olivia",
            "Sophie",
            "Charlotte",
            "Grace",
            "Hannah",
            "Amelia",
            "Ann",
        ],
        family: &[
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
            "Taylor", "Anderson", "Thomas", "Moore", "Jackson", "White", "Harris", "Clark",
            "Lewis", "Walker", "Young", "Wright", "O'Brien", "Murphy",
        ],
        double_family: false,
        cities: &[
            city("Boston", "MA", "02108", "US", "+1 (555) 01#-####"),
            city("Hartford", "CT", "06103", "US", "+1 (555) 01#-####"),
            city("Newark", "NJ", "07102", "US", "+1 (555) 01#-####"),
            city("Springfield", "IL", "62701", "US", "+1 (555) 01#-####"),
            city("Portland", "OR", "97205", "US", "+1 (555) 01#-####"),
            city("Austin", "TX", "78701", "US", "+1 (555) 01#-####"),
            city("London", "England", "SW1A 1AA", "GB", "+44 20 7946 0###"),
            city("Manchester", "England", "M1 1AE", "GB", "+44 161 496 0###"),
            city("Edinburgh", "Scotland", "EH1 1YZ", "GB", "+44 131 496 0###"),
            city("Toronto", "ON", "M5V 2T6", "CA", "+1 (416) 555-01##"),
            city("Sydney", "NSW", "2000", "AU", "+61 2 5550 ####"),
            city("Dublin", "Co. Dublin", "D02 X285", "IE", "+353 1 ### ####"),
        ],
        streets: &[
            "Maple Street",
            "Oak Avenue",
            "High Street",
            "Church Lane",
            "Elm Road",
            "Park Road",
            "Station Road",
            "Cedar Drive",
            "Victoria Road",
            "Main Street",
        ],
        street: "{n} {s}",
        companies: &[
            "{F} & Sons",
            "{F} Plumbing",
            "{F} Accounting",
            "{F} Dental",
            "{F} Bakery",
            "{F} Hardware",
            "{F} Law Office",
            "Riverside Café",
            "Blue Door Bakery",
            "Harbor Florists",
        ],
        language: "English",
    },
    Culture {
        weight: 9,
        male: &[
            "José",
            "Juan",
            "Carlos",
            "Javier",
            "Miguel",
            "Alejandro",
            "Andrés",
            "Pablo",
            "Sergio",
            "Álvaro",
            "Raúl",
            "Jesús",
            "Diego",
            "Adrián",
            "Rubén",
        ],
        female: &[
            "María",
            "Carmen",
            "Lucía",
            "Ana",
            "Sofía",
            "Isabel",
            "Marta",
            "Elena",
            "Paula",
            "Laura",
            "Inés",
            "Begoña",
            "Mónica",
            "Verónica",
            "Raquel",
        ],
        family: &[
            "García",
            "Fernández",
            "González",
            "Rodríguez",
            "López",
            "Martínez",
            "Sánchez",
            "Pérez",
            "Gómez",
            "Martín",
            "Jiménez",
            "Ruiz",
            "Hernández",
            "Díaz",
            "Moreno",
            "Muñoz",
            "Álvarez",
            "Romero",
            "Navarro",
            "Gutiérrez",
            "Ibáñez",
            "Castillo",
        ],
        double_family: true,
        cities: &[
            city(
                "Madrid",
                "Comunidad de Madrid",
                "28013",
                "ES",
                "+34 91 ### ## ##",
            ),
            city("Barcelona", "Cataluña", "08002", "ES", "+34 93 ### ## ##"),
            city("Sevilla", "Andalucía", "41004", "ES", "+34 954 ## ## ##"),
            city(
                "Valencia",
                "Comunidad Valenciana",
                "46002",
                "ES",
                "+34 96 ### ## ##",
            ),
            city(
                "Ciudad de México",
                "CDMX",
                "06600",
                "MX",
                "+52 55 #### ####",
            ),
            city("Guadalajara", "Jalisco", "44100", "MX", "+52 33 #### ####"),
            city("Buenos Aires", "CABA", "C1043", "AR", "+54 11 ####-####"),
            city("Bogotá", "Bogotá D.C.", "110111", "CO", "+57 601 ### ####"),
        ],
        streets: &[
            "Calle Mayor",
            "Calle de Alcalá",
            "Avenida de la Constitución",
            "Calle del Sol",
            "Paseo de Gracia",
            "Calle Real",
            "Avenida Insurgentes Sur",
            "Calle San Martín",
        ],
        street: "{s}, {n}",
        companies: &[
            "Panadería {F}",
            "{F} y Asociados",
            "Taller {F}",
            "Farmacia {F}",
            "Ferretería {F}",
            "Café La Estrella",
        ],
        language: "Spanish",
    },
    Culture {
        weight: 6,
        male: &[
            "João",
            "José",
            "António",
            "Francisco",
            "Pedro",
            "Tiago",
            "Gonçalo",
            "Rui",
            "Luís",
            "Miguel",
            "Thiago",
            "Lucas",
            "Gabriel",
            "Rafael",
            "Mateus",
        ],
        female: &[
            "Inês",
            "Maria",
            "Ana",
            "Beatriz",
            "Mariana",
            "Joana",
            "Sofia",
            "Leonor",
            "Conceição",
            "Fernanda",
            "Juliana",
            "Camila",
            "Letícia",
            "Luísa",
            "Patrícia",
        ],
        family: &[
            "Silva",
            "Santos",
            "Ferreira",
            "Pereira",
            "Oliveira",
            "Costa",
            "Rodrigues",
            "Martins",
            "Jesus",
            "Sousa",
            "Fernandes",
            "Gonçalves",
            "Gomes",
            "Lopes",
            "Marques",
            "Alves",
            "Almeida",
            "Ribeiro",
            "Pinto",
            "Carvalho",
            "Araújo",
            "Magalhães",
        ],
        double_family: false,
        cities: &[
            city("Lisboa", "Lisboa", "1100-148", "PT", "+351 21 ### ####"),
            city("Porto", "Porto", "4050-291", "PT", "+351 22 ### ####"),
            city("Coimbra", "Coimbra", "3000-214", "PT", "+351 239 ### ###"),
            city("São Paulo", "SP", "01310-100", "BR", "+55 11 9####-####"),
            city(
                "Rio de Janeiro",
                "RJ",
                "20040-002",
                "BR",
                "+55 21 9####-####",
            ),
            city(
                "Belo Horizonte",
                "MG",
                "30130-010",
                "BR",
                "+55 31 9####-####",
            ),
        ],
        streets: &[
            "Rua Augusta",
            "Avenida da Liberdade",
            "Rua das Flores",
            "Avenida Paulista",
            "Rua Direita",
            "Rua de Santa Catarina",
            "Travessa do Carmo",
        ],
        street: "{s}, {n}",
        companies: &[
            "Padaria {F}",
            "{F} & Filhos",
            "Café {F}",
            "Oficina {F}",
            "Livraria Bertrand do Chiado",
        ],
        language: "Portuguese",
    },
    Culture {
        weight: 8,
        male: &[
            "Lukas",
            "Jonas",
            "Felix",
            "Maximilian",
            "Paul",
            "Leon",
            "Tobias",
            "Stefan",
            "Jürgen",
            "Klaus",
            "Wolfgang",
            "Matthias",
            "Andreas",
            "Uwe",
            "Jörg",
        ],
        female: &[
            "Anna",
            "Lena",
            "Leonie",
            "Sophie",
            "Katharina",
            "Julia",
            "Sabine",
            "Ursula",
            "Petra",
            "Monika",
            "Jana",
            "Brigitte",
            "Hannah",
            "Anke",
            "Gisela",
        ],
        family: &[
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Becker",
            "Schulz",
            "Hoffmann",
            "Schäfer",
            "Koch",
            "Bauer",
            "Richter",
            "Klein",
            "Wolf",
            "Schröder",
            "Neumann",
            "Schwarz",
            "Groß",
            "Krüger",
            "Weiß",
            "Köhler",
            "Zimmermann",
        ],
        double_family: false,
        cities: &[
            city("Berlin", "Berlin", "10115", "DE", "+49 30 ########"),
            city("Dresden", "Sachsen", "01067", "DE", "+49 351 #######"),
            city("Leipzig", "Sachsen", "04109", "DE", "+49 341 #######"),
            city("München", "Bayern", "80331", "DE", "+49 89 ########"),
            city("Hamburg", "Hamburg", "20095", "DE", "+49 40 ########"),
            city(
                "Köln",
                "Nordrhein-Westfalen",
                "50667",
                "DE",
                "+49 221 #######",
            ),
            city("Wien", "Wien", "1010", "AT", "+43 1 ### ####"),
            city("Zürich", "ZH", "8001", "CH", "+41 44 ### ## ##"),
        ],
        streets: &[
            "Hauptstraße",
            "Bahnhofstraße",
            "Schillerstraße",
            "Gartenweg",
            "Lindenallee",
            "Goethestraße",
            "Am Markt",
            "Königstraße",
            "Mühlenweg",
        ],
        street: "{s} {n}",
        companies: &[
            "Bäckerei {F}",
            "{F} GmbH",
            "Autohaus {F}",
            "Steuerbüro {F}",
            "Blumen {F}",
            "Gasthaus Zur Linde",
        ],
        language: "German",
    },
    Culture {
        weight: 5,
        male: &[
            "Łukasz",
            "Piotr",
            "Krzysztof",
            "Andrzej",
            "Tomasz",
            "Paweł",
            "Michał",
            "Marcin",
            "Jakub",
            "Grzegorz",
            "Wojciech",
            "Mateusz",
            "Kamil",
            "Rafał",
        ],
        female: &[
            "Anna",
            "Katarzyna",
            "Małgorzata",
            "Agnieszka",
            "Barbara",
            "Ewa",
            "Magdalena",
            "Joanna",
            "Aleksandra",
            "Zofia",
            "Dorota",
            "Beata",
            "Marta",
            "Żaneta",
        ],
        family: &[
            "Nowak",
            "Kowalski/Kowalska",
            "Wiśniewski/Wiśniewska",
            "Wójcik",
            "Kowalczyk",
            "Kamiński/Kamińska",
            "Lewandowski/Lewandowska",
            "Zieliński/Zielińska",
            "Szymański/Szymańska",
            "Woźniak",
            "Dąbrowski/Dąbrowska",
            "Kozłowski/Kozłowska",
            "Jankowski/Jankowska",
            "Mazur",
            "Wróbel",
            "Krawczyk",
            "Kaczmarek",
            "Piotrowski/Piotrowska",
            "Grabowski/Grabowska",
            "Zając",
            "Król",
        ],
        double_family: false,
        cities: &[
            city(
                "Warszawa",
                "mazowieckie",
                "00-950",
                "PL",
                "+48 22 ### ## ##",
            ),
            city("Kraków", "małopolskie", "31-005", "PL", "+48 12 ### ## ##"),
            city("Gdańsk", "pomorskie", "80-831", "PL", "+48 58 ### ## ##"),
            city(
                "Wrocław",
                "dolnośląskie",
                "50-077",
                "PL",
                "+48 71 ### ## ##",
            ),
            city(
                "Poznań",
                "wielkopolskie",
                "61-772",
                "PL",
                "+48 61 ### ## ##",
            ),
            city("Łódź", "łódzkie", "90-001", "PL", "+48 42 ### ## ##"),
        ],
        streets: &[
            "ul. Marszałkowska",
            "ul. Floriańska",
            "ul. Długa",
            "ul. Piotrkowska",
            "ul. Świętojańska",
            "ul. Kwiatowa",
            "ul. Ogrodowa",
        ],
        street: "{s} {n}",
        companies: &[
            "Piekarnia {F}",
            "{F} Sp. z o.o.",
            "Kwiaciarnia {F}",
            "Biuro Rachunkowe {F}",
        ],
        language: "Polish",
    },
    Culture {
        weight: 5,
        male: &[
            "Lars", "Ole", "Bjørn", "Sven", "Erik", "Magnus", "Anders", "Jens", "Søren", "Håkan",
            "Nils", "Gustav", "Mikkel", "Åke", "Henrik",
        ],
        female: &[
            "Åsa", "Ingrid", "Sigrid", "Astrid", "Karin", "Linnéa", "Maja", "Freja", "Solveig",
            "Kristin", "Birgitta", "Mette", "Liv", "Signe", "Ebba",
        ],
        family: &[
            "Ødegård",
            "Hansen",
            "Johansen",
            "Olsen",
            "Larsen",
            "Andersson",
            "Johansson",
            "Karlsson",
            "Nilsson",
            "Eriksson",
            "Lindqvist",
            "Bergström",
            "Sjöberg",
            "Åberg",
            "Jensen",
            "Nielsen",
            "Sørensen",
            "Christensen",
            "Dahl",
            "Haugen",
            "Bakke",
            "Strøm",
            "Lindgren",
        ],
        double_family: false,
        cities: &[
            city("Oslo", "Oslo", "0150", "NO", "+47 2# ## ## ##"),
            city("Bergen", "Vestland", "5003", "NO", "+47 5# ## ## ##"),
            city("Trondheim", "Trøndelag", "7011", "NO", "+47 7# ## ## ##"),
            city(
                "Stockholm",
                "Stockholms län",
                "111 52",
                "SE",
                "+46 8 ### ## ##",
            ),
            city(
                "Göteborg",
                "Västra Götalands län",
                "411 06",
                "SE",
                "+46 31 ### ## ##",
            ),
            city("København", "Hovedstaden", "1050", "DK", "+45 3# ## ## ##"),
            city("Aarhus", "Midtjylland", "8000", "DK", "+45 8# ## ## ##"),
        ],
        streets: &[
            "Storgata",
            "Kirkegata",
            "Drottninggatan",
            "Kungsgatan",
            "Strøget",
            "Vestergade",
            "Sveavägen",
        ],
        street: "{s} {n}",
        companies: &[
            "{F} AS",
            "{F} AB",
            "{F} Bageri",
            "{F} Blomster",
            "Kaffebaren Ved Torget",
        ],
        language: "Norwegian",
    },
    Culture {
        weight: 7,
        male: &[
            "Jean",
            "Pierre",
            "Michel",
            "Philippe",
            "Nicolas",
            "François",
            "Julien",
            "Antoine",
            "Sébastien",
            "Mathieu",
            "Hugo",
            "Théo",
            "Jérôme",
            "Loïc",
            "Benoît",
        ],
        female: &[
            "Marie",
            "Nathalie",
            "Isabelle",
            "Sylvie",
            "Catherine",
            "Camille",
            "Léa",
            "Chloé",
            "Manon",
            "Élodie",
            "Céline",
            "Hélène",
            "Amélie",
            "Margaux",
            "Clémence",
        ],
        family: &[
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
            "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "David", "Bertrand",
            "Roux", "Vincent", "Fournier", "Girard", "Mercier", "Dupont", "Lambert", "Bonnet",
        ],
        double_family: false,
        cities: &[
            city("Paris", "Île-de-France", "75004", "FR", "+33 1 ## ## ## ##"),
            city(
                "Lyon",
                "Auvergne-Rhône-Alpes",
                "69002",
                "FR",
                "+33 4 ## ## ## ##",
            ),
            city(
                "Marseille",
                "Provence-Alpes-Côte d'Azur",
                "13001",
                "FR",
                "+33 4 ## ## ## ##",
            ),
            city(
                "Nice",
                "Provence-Alpes-Côte d'Azur",
                "06000",
                "FR",
                "+33 4 ## ## ## ##",
            ),
            city(
                "Bordeaux",
                "Nouvelle-Aquitaine",
                "33000",
                "FR",
                "+33 5 ## ## ## ##",
            ),
            city("Montréal", "QC", "H2Y 1C6", "CA", "+1 (514) 555-01##"),
            city(
                "Bruxelles",
                "Bruxelles-Capitale",
                "1000",
                "BE",
                "+32 2 ### ## ##",
            ),
        ],
        streets: &[
            "rue de la Paix",
            "rue Victor Hugo",
            "avenue Jean Jaurès",
            "boulevard Saint-Michel",
            "rue du Moulin",
            "place de l'Église",
            "rue Sainte-Catherine",
        ],
        street: "{n} {s}",
        companies: &[
            "Boulangerie {F}",
            "Cabinet {F}",
            "{F} & Fils",
            "Pharmacie {F}",
            "Fleuriste {F}",
            "Café des Arts",
        ],
        language: "French",
    },
    Culture {
        weight: 6,
        male: &[
            "Giuseppe",
            "Giovanni",
            "Antonio",
            "Mario",
            "Luca",
            "Marco",
            "Francesco",
            "Alessandro",
            "Andrea",
            "Matteo",
            "Lorenzo",
            "Davide",
            "Niccolò",
            "Stefano",
            "Paolo",
        ],
        female: &[
            "Maria",
            "Anna",
            "Giulia",
            "Francesca",
            "Chiara",
            "Sara",
            "Martina",
            "Alessandra",
            "Elena",
            "Federica",
            "Valentina",
            "Giorgia",
            "Rosa",
            "Lucia",
            "Beatrice",
        ],
        family: &[
            "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
            "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
            "Giordano", "Rizzo", "Lombardi", "Moretti", "D'Angelo", "Fabbri", "Caruso", "Santoro",
        ],
        double_family: false,
        cities: &[
            city("Roma", "RM", "00186", "IT", "+39 06 #### ####"),
            city("Milano", "MI", "20121", "IT", "+39 02 #### ####"),
            city("Napoli", "NA", "80132", "IT", "+39 081 ### ####"),
            city("Torino", "TO", "10121", "IT", "+39 011 ### ####"),
            city("Firenze", "FI", "50122", "IT", "+39 055 ### ####"),
            city("Bologna", "BO", "40124", "IT", "+39 051 ### ####"),
        ],
        streets: &[
            "Via Roma",
            "Via Garibaldi",
            "Corso Vittorio Emanuele II",
            "Via Dante",
            "Piazza del Duomo",
            "Via Mazzini",
            "Via dei Mille",
        ],
        street: "{s}, {n}",
        companies: &[
            "Panificio {F}",
            "Studio {F}",
            "{F} S.r.l.",
            "Trattoria {F}",
            "Farmacia {F}",
            "Caffè Centrale",
        ],
        language: "Italian",
    },
    Culture {
        weight: 4,
        male: &[
            "Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "Murat", "Ömer",
            "Emre", "Burak", "Can", "Oğuz", "Serkan", "Yusuf",
        ],
        female: &[
            "Ayşe", "Fatma", "Emine", "Hatice", "Zeynep", "Elif", "Merve", "Özlem", "Gül", "Şule",
            "Esra", "Derya", "Büşra", "Çiğdem", "Selin",
        ],
        family: &[
            "Yılmaz",
            "Kaya",
            "Demir",
            "Çelik",
            "Şahin",
            "Yıldız",
            "Yıldırım",
            "Öztürk",
            "Aydın",
            "Özdemir",
            "Arslan",
            "Doğan",
            "Kılıç",
            "Aslan",
            "Çetin",
            "Kara",
            "Koç",
            "Kurt",
            "Özkan",
            "Şimşek",
            "Polat",
        ],
        double_family: false,
        cities: &[
            city("İstanbul", "İstanbul", "34367", "TR", "+90 212 ### ## ##"),
            city("Ankara", "Ankara", "06420", "TR", "+90 312 ### ## ##"),
            city("İzmir", "İzmir", "35210", "TR", "+90 232 ### ## ##"),
            city("Bursa", "Bursa", "16010", "TR", "+90 224 ### ## ##"),
            city("Antalya", "Antalya", "07100", "TR", "+90 242 ### ## ##"),
        ],
        streets: &[
            "İstiklal Caddesi",
            "Atatürk Bulvarı",
            "Bağdat Caddesi",
            "Cumhuriyet Caddesi",
            "Gül Sokak",
            "Çiçek Sokak",
        ],
        street: "{s} No: {n}",
        companies: &[
            "{F} Ticaret",
            "{F} Fırını",
            "{F} İnşaat",
            "{F} Eczanesi",
            "Kahve Durağı",
        ],
        language: "Turkish",
    },
    Culture {
        weight: 3,
        male: &[
            "Νίκος|Nikos",
            "Γιώργος|Giorgos",
            "Δημήτρης|Dimitris",
            "Κώστας|Kostas",
            "Γιάννης|Giannis",
            "Παναγιώτης|Panagiotis",
            "Βασίλης|Vasilis",
            "Χρήστος|Christos",
            "Αθανάσιος|Athanasios",
            "Μιχάλης|Michalis",
            "Σπύρος|Spyros",
            "Ευάγγελος|Evangelos",
        ],
        female: &[
            "Μαρία|Maria",
            "Ελένη|Eleni",
            "Αικατερίνη|Aikaterini",
            "Βασιλική|Vasiliki",
            "Σοφία|Sofia",
            "Αγγελική|Angeliki",
            "Γεωργία|Georgia",
            "Δήμητρα|Dimitra",
            "Κωνσταντίνα|Konstantina",
            "Παρασκευή|Paraskevi",
            "Ιωάννα|Ioanna",
            "Χριστίνα|Christina",
        ],
        family: &[
            "Παπαδόπουλος/Παπαδοπούλου|Papadopoulos/Papadopoulou",
            "Παπαδάκης/Παπαδάκη|Papadakis/Papadaki",
            "Γεωργίου|Georgiou",
            "Οικονόμου|Oikonomou",
            "Βασιλείου|Vasileiou",
            "Νικολάου|Nikolaou",
            "Καραγιάννης/Καραγιάννη|Karagiannis/Karagianni",
            "Παπαγεωργίου|Papageorgiou",
            "Αθανασίου|Athanasiou",
            "Δημητρίου|Dimitriou",
            "Ιωάννου|Ioannou",
            "Μακρής/Μακρή|Makris/Makri",
            "Αντωνίου|Antoniou",
            "Κωνσταντίνου|Konstantinou",
            "Παπανικολάου|Papanikolaou",
            "Αλεξίου|Alexiou",
            "Χατζηδάκης/Χατζηδάκη|Chatzidakis/Chatzidaki",
            "Λαμπράκης/Λαμπράκη|Lamprakis/Lampraki",
            "Πετρόπουλος/Πετροπούλου|Petropoulos/Petropoulou",
            "Αγγελόπουλος/Αγγελοπούλου|Angelopoulos/Angelopoulou",
        ],
        double_family: false,
        cities: &[
            city("Αθήνα", "Αττική", "105 57", "GR", "+30 210 ### ####"),
            city(
                "Θεσσαλονίκη",
                "Κεντρική Μακεδονία",
                "546 24",
                "GR",
                "+30 2310 ######",
            ),
            city("Πάτρα", "Δυτική Ελλάδα", "262 21", "GR", "+30 2610 ######"),
            city("Ηράκλειο", "Κρήτη", "712 02", "GR", "+30 2810 ######"),
        ],
        streets: &[
            "Ερμού",
            "Λεωφόρος Βασιλίσσης Σοφίας",
            "Τσιμισκή",
            "Αιόλου",
            "Πανεπιστημίου",
        ],
        street: "{s} {n}",
        companies: &[
            "{F} Α.Ε.",
            "Ζαχαροπλαστείο {F}",
            "Φαρμακείο {F}",
            "Ταβέρνα Το Λιμάνι",
        ],
        language: "Greek",
    },
    Culture {
        weight: 4,
        male: &[
            "Александр|Aleksandr",
            "Дмитрий|Dmitry",
            "Сергей|Sergey",
            "Андрей|Andrey",
            "Алексей|Alexey",
            "Иван|Ivan",
            "Михаил|Mikhail",
            "Николай|Nikolay",
            "Владимир|Vladimir",
            "Павел|Pavel",
            "Евгений|Evgeny",
            "Артём|Artyom",
        ],
        female: &[
            "Анна|Anna",
            "Елена|Elena",
            "Ольга|Olga",
            "Наталья|Natalya",
            "Татьяна|Tatyana",
            "Мария|Maria",
            "Ирина|Irina",
            "Екатерина|Ekaterina",
            "Светлана|Svetlana",
            "Юлия|Yulia",
            "Анастасия|Anastasia",
            "Дарья|Darya",
        ],
        family: &[
            "Иванов/Иванова|Ivanov/Ivanova",
            "Смирнов/Смирнова|Smirnov/Smirnova",
            "Кузнецов/Кузнецова|Kuznetsov/Kuznetsova",
            "Попов/Попова|Popov/Popova",
            "Васильев/Васильева|Vasilyev/Vasilyeva",
            "Петров/Петрова|Petrov/Petrova",
            "Соколов/Соколова|Sokolov/Sokolova",
            "Михайлов/Михайлова|Mikhailov/Mikhailova",
            "Новиков/Новикова|Novikov/Novikova",
            "Фёдоров/Фёдорова|Fyodorov/Fyodorova",
            "Морозов/Морозова|Morozov/Morozova",
            "Волков/Волкова|Volkov/Volkova",
            "Алексеев/Алексеева|Alekseev/Alekseeva",
            "Лебедев/Лебедева|Lebedev/Lebedeva",
            "Семёнов/Семёнова|Semyonov/Semyonova",
            "Егоров/Егорова|Egorov/Egorova",
            "Павлов/Павлова|Pavlov/Pavlova",
            "Козлов/Козлова|Kozlov/Kozlova",
            "Степанов/Степанова|Stepanov/Stepanova",
            "Орлов/Орлова|Orlov/Orlova",
            "Ковальчук|Kovalchuk",
        ],
        double_family: false,
        cities: &[
            city("Москва", "Москва", "101000", "RU", "+7 495 ###-##-##"),
            city(
                "Санкт-Петербург",
                "Санкт-Петербург",
                "190000",
                "RU",
                "+7 812 ###-##-##",
            ),
            city(
                "Казань",
                "Республика Татарстан",
                "420111",
                "RU",
                "+7 843 ###-##-##",
            ),
            city(
                "Новосибирск",
                "Новосибирская область",
                "630099",
                "RU",
                "+7 383 ###-##-##",
            ),
        ],
        streets: &[
            "ул. Тверская",
            "Невский проспект",
            "ул. Баумана",
            "ул. Ленина",
            "ул. Арбат",
        ],
        street: "{s}, д. {n}",
        companies: &[
            "ИП {F}",
            "ООО «{F} и партнёры»",
            "Кафе «Берёзка»",
            "Пекарня «Колосок»",
        ],
        language: "Russian",
    },
    Culture {
        weight: 4,
        male: &[
            "محمد|Mohammed",
            "أحمد|Ahmed",
            "علي|Ali",
            "عمر|Omar",
            "خالد|Khaled",
            "يوسف|Youssef",
            "حسن|Hassan",
            "إبراهيم|Ibrahim",
            "سامي|Sami",
            "طارق|Tarek",
            "كريم|Karim",
            "مصطفى|Mustafa",
        ],
        female: &[
            "فاطمة|Fatima",
            "عائشة|Aisha",
            "مريم|Maryam",
            "نور|Nour",
            "ليلى|Layla",
            "سارة|Sara",
            "هدى|Huda",
            "رنا|Rana",
            "ياسمين|Yasmin",
            "زينب|Zainab",
            "سلمى|Salma",
            "ريم|Reem",
        ],
        family: &[
            "الأحمد|Al-Ahmad",
            "الحسن|Al-Hassan",
            "الخطيب|Al-Khatib",
            "المصري|Al-Masri",
            "حداد|Haddad",
            "خوري|Khoury",
            "النجار|Al-Najjar",
            "العلي|Al-Ali",
            "الشامي|Al-Shami",
            "السيد|El-Sayed",
            "عبد الله|Abdullah",
            "منصور|Mansour",
            "صالح|Saleh",
            "حمدان|Hamdan",
            "القاسم|Al-Qasim",
            "الزين|Al-Zein",
            "عيسى|Issa",
            "البيطار|Al-Bitar",
            "الرفاعي|Al-Rifai",
            "العمري|Al-Omari",
        ],
        double_family: false,
        cities: &[
            city("دبي", "دبي", "", "AE", "+971 4 ### ####"),
            city("عمّان", "عمّان", "11181", "JO", "+962 6 ### ####"),
            city("القاهرة", "القاهرة", "11511", "EG", "+20 2 #### ####"),
            city("بيروت", "بيروت", "1107 2020", "LB", "+961 1 ### ###"),
        ],
        streets: &[
            "شارع الشيخ زايد",
            "شارع الرينبو",
            "شارع التحرير",
            "شارع الحمراء",
            "شارع الجامعة",
        ],
        street: "{n} {s}",
        companies: &["مؤسسة {F}", "مخبز {F}", "شركة {F} للتجارة", "مقهى الياسمين"],
        language: "Arabic",
    },
    Culture {
        weight: 3,
        male: &[
            "דוד|David",
            "יוסף|Yosef",
            "משה|Moshe",
            "אברהם|Avraham",
            "יעקב|Yaakov",
            "דניאל|Daniel",
            "איתי|Itai",
            "נועם|Noam",
            "אורי|Uri",
            "עומר|Omer",
            "יונתן|Yonatan",
            "אריאל|Ariel",
        ],
        female: &[
            "שרה|Sarah",
            "רחל|Rachel",
            "מיכל|Michal",
            "נועה|Noa",
            "תמר|Tamar",
            "יעל|Yael",
            "אסתר|Esther",
            "רבקה|Rivka",
            "שירה|Shira",
            "מאיה|Maya",
            "הדס|Hadas",
            "ליאת|Liat",
        ],
        family: &[
            "כהן|Cohen",
            "לוי|Levi",
            "מזרחי|Mizrahi",
            "פרץ|Peretz",
            "ביטון|Biton",
            "דהן|Dahan",
            "פרידמן|Friedman",
            "אזולאי|Azoulay",
            "מלכה|Malka",
            "שפירא|Shapira",
            "כץ|Katz",
            "גולדברג|Goldberg",
            "אוחיון|Ohayon",
            "חדד|Hadad",
            "רוזנברג|Rosenberg",
            "שטרן|Stern",
            "ברק|Barak",
            "אשכנזי|Ashkenazi",
            "גבאי|Gabay",
            "אברמוביץ|Abramovich",
        ],
        double_family: false,
        cities: &[
            city(
                "תל אביב-יפו",
                "מחוז תל אביב",
                "6688101",
                "IL",
                "+972 3-###-####",
            ),
            city(
                "ירושלים",
                "מחוז ירושלים",
                "9414201",
                "IL",
                "+972 2-###-####",
            ),
            city("חיפה", "מחוז חיפה", "3303101", "IL", "+972 4-###-####"),
        ],
        streets: &[
            "רחוב דיזנגוף",
            "רחוב הרצל",
            "רחוב יפו",
            "שדרות רוטשילד",
            "רחוב בן יהודה",
        ],
        street: "{s} {n}",
        companies: &["{F} בע״מ", "מאפיית {F}", "משרד {F}", "קפה השכונה"],
        language: "Hebrew",
    },
    Culture {
        weight: 4,
        male: &[
            "राहुल|Rahul",
            "अमित|Amit",
            "राजेश|Rajesh",
            "सुनील|Sunil",
            "विजय|Vijay",
            "अर्जुन|Arjun",
            "आदित्य|Aditya",
            "संजय|Sanjay",
            "रोहित|Rohit",
            "विकास|Vikas",
            "अनिल|Anil",
            "प्रकाश|Prakash",
        ],
        female: &[
            "प्रिया|Priya",
            "अनीता|Anita",
            "सुनीता|Sunita",
            "पूजा|Pooja",
            "नेहा|Neha",
            "कविता|Kavita",
            "दीपिका|Deepika",
            "अंजलि|Anjali",
            "ऋचा|Richa",
            "मीरा|Meera",
            "सीमा|Seema",
            "लक्ष्मी|Lakshmi",
        ],
        family: &[
            "शर्मा|Sharma",
            "वर्मा|Verma",
            "गुप्ता|Gupta",
            "सिंह|Singh",
            "कुमार|Kumar",
            "पटेल|Patel",
            "अग्रवाल|Agarwal",
            "जोशी|Joshi",
            "मेहता|Mehta",
            "मिश्रा|Mishra",
            "चौहान|Chauhan",
            "यादव|Yadav",
            "त्रिपाठी|Tripathi",
            "श्रीवास्तव|Srivastava",
            "पांडे|Pandey",
            "कपूर|Kapoor",
            "मल्होत्रा|Malhotra",
            "बंसल|Bansal",
            "दुबे|Dubey",
            "सक्सेना|Saxena",
        ],
        double_family: false,
        cities: &[
            city("Mumbai", "Maharashtra", "400001", "IN", "+91 22 #### ####"),
            city("New Delhi", "Delhi", "110001", "IN", "+91 11 #### ####"),
            city("Jaipur", "Rajasthan", "302001", "IN", "+91 141 ### ####"),
            city("Bengaluru", "Karnataka", "560001", "IN", "+91 80 #### ####"),
        ],
        streets: &[
            "MG Road",
            "Linking Road",
            "Park Street",
            "Brigade Road",
            "Station Road",
        ],
        street: "{n}, {s}",
        companies: &[
            "{T} Traders",
            "{T} & Co.",
            "{T} Sweets",
            "{T} Textiles",
            "Chai Point Corner",
        ],
        language: "Hindi",
    },
    Culture {
        weight: 5,
        male: &[
            "小明|Xiaoming",
            "伟|Wei",
            "强|Qiang",
            "磊|Lei",
            "军|Jun",
            "洋|Yang",
            "勇|Yong",
            "杰|Jie",
            "涛|Tao",
            "超|Chao",
            "建华|Jianhua",
            "志强|Zhiqiang",
            "浩然|Haoran",
        ],
        female: &[
            "芳|Fang",
            "娜|Na",
            "秀英|Xiuying",
            "敏|Min",
            "静|Jing",
            "丽|Li",
            "艳|Yan",
            "娟|Juan",
            "霞|Xia",
            "秀兰|Xiulan",
            "晓燕|Xiaoyan",
            "海燕|Haiyan",
            "雨涵|Yuhan",
        ],
        family: &[
            "王|Wang",
            "李|Li",
            "张|Zhang",
            "刘|Liu",
            "陈|Chen",
            "杨|Yang",
            "黄|Huang",
            "赵|Zhao",
            "吴|Wu",
            "周|Zhou",
            "徐|Xu",
            "孙|Sun",
            "马|Ma",
            "朱|Zhu",
            "胡|Hu",
            "郭|Guo",
            "何|He",
            "林|Lin",
            "罗|Luo",
            "高|Gao",
            "欧阳|Ouyang",
        ],
        double_family: false,
        cities: &[
            city("北京", "北京市", "100010", "CN", "+86 10 #### ####"),
            city("上海", "上海市", "200001", "CN", "+86 21 #### ####"),
            city("广州", "广东省", "510030", "CN", "+86 20 #### ####"),
            city("成都", "四川省", "610041", "CN", "+86 28 #### ####"),
        ],
        streets: &["长安街", "南京路", "中山路", "人民路", "解放路"],
        street: "{s}{n}号",
        companies: &["{F}氏贸易有限公司", "{F}记茶楼", "{F}记面包店", "新华书店"],
        language: "Chinese",
    },
    Culture {
        weight: 4,
        male: &[
            "翔太|Shota",
            "大輔|Daisuke",
            "健太|Kenta",
            "拓也|Takuya",
            "直樹|Naoki",
            "和也|Kazuya",
            "蓮|Ren",
            "悠真|Yuma",
            "浩|Hiroshi",
            "誠|Makoto",
            "隆|Takashi",
            "健一|Kenichi",
        ],
        female: &[
            "花子|Hanako",
            "陽子|Yoko",
            "美咲|Misaki",
            "由美|Yumi",
            "恵子|Keiko",
            "愛|Ai",
            "さくら|Sakura",
            "結衣|Yui",
            "真由美|Mayumi",
            "明美|Akemi",
            "裕子|Yuko",
            "葵|Aoi",
        ],
        family: &[
            "佐藤|Sato",
            "鈴木|Suzuki",
            "高橋|Takahashi",
            "田中|Tanaka",
            "伊藤|Ito",
            "渡辺|Watanabe",
            "山本|Yamamoto",
            "中村|Nakamura",
            "小林|Kobayashi",
            "加藤|Kato",
            "吉田|Yoshida",
            "山田|Yamada",
            "佐々木|Sasaki",
            "山口|Yamaguchi",
            "松本|Matsumoto",
            "井上|Inoue",
            "木村|Kimura",
            "林|Hayashi",
            "斎藤|Saito",
            "清水|Shimizu",
        ],
        double_family: false,
        cities: &[
            city("千代田区", "東京都", "100-0005", "JP", "+81 3-####-####"),
            city("大阪市北区", "大阪府", "530-0001", "JP", "+81 6-####-####"),
            city(
                "京都市中京区",
                "京都府",
                "604-8005",
                "JP",
                "+81 75-###-####",
            ),
            city(
                "札幌市中央区",
                "北海道",
                "060-0001",
                "JP",
                "+81 11-###-####",
            ),
        ],
        streets: &["丸の内", "梅田", "河原町通", "大通西", "銀座"],
        street: "{s}{n}-1",
        companies: &["{F}商店", "{F}工務店", "株式会社{F}", "喫茶さくら"],
        language: "Japanese",
    },
    Culture {
        weight: 3,
        male: &[
            "민준|Minjun",
            "서준|Seojun",
            "도윤|Doyun",
            "지훈|Jihoon",
            "현우|Hyunwoo",
            "성민|Sungmin",
            "준호|Junho",
            "영수|Youngsoo",
            "동현|Donghyun",
            "재원|Jaewon",
            "상우|Sangwoo",
            "정훈|Junghoon",
        ],
        female: &[
            "서연|Seoyeon",
            "지우|Jiwoo",
            "민지|Minji",
            "수빈|Subin",
            "지은|Jieun",
            "하은|Haeun",
            "예은|Yeeun",
            "유진|Yujin",
            "은지|Eunji",
            "미경|Mikyung",
            "영희|Younghee",
            "혜진|Hyejin",
        ],
        family: &[
            "김|Kim",
            "이|Lee",
            "박|Park",
            "최|Choi",
            "정|Jung",
            "강|Kang",
            "조|Cho",
            "윤|Yoon",
            "장|Jang",
            "임|Lim",
            "한|Han",
            "오|Oh",
            "서|Seo",
            "신|Shin",
            "권|Kwon",
            "황|Hwang",
            "안|Ahn",
            "송|Song",
            "류|Ryu",
            "홍|Hong",
        ],
        double_family: false,
        cities: &[
            city("종로구", "서울특별시", "03154", "KR", "+82 2-####-####"),
            city("해운대구", "부산광역시", "48094", "KR", "+82 51-###-####"),
            city("중구", "대구광역시", "41911", "KR", "+82 53-###-####"),
            city("연수구", "인천광역시", "21990", "KR", "+82 32-###-####"),
        ],
        streets: &["세종대로", "테헤란로", "해운대로", "중앙대로"],
        street: "{s} {n}",
        companies: &[
            "한빛상사",
            "푸른꽃집",
            "새벽베이커리",
            "정성치과",
            "{T} Trading",
        ],
        language: "Korean",
    },
    Culture {
        weight: 3,
        male: &[
            "Văn Hùng",
            "Minh Tuấn",
            "Đức Anh",
            "Quốc Bảo",
            "Thanh Hải",
            "Hoàng Long",
            "Văn Dũng",
            "Minh Quang",
            "Hữu Phúc",
            "Đình Thắng",
            "Gia Huy",
            "Công Khánh",
        ],
        female: &[
            "Thị Lan",
            "Thu Hà",
            "Ngọc Anh",
            "Thị Hương",
            "Phương Linh",
            "Thanh Hằng",
            "Thị Mai",
            "Bích Ngọc",
            "Thùy Dung",
            "Minh Thư",
            "Khánh Linh",
            "Thị Hồng",
        ],
        family: &[
            "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
            "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lương", "Mai",
        ],
        double_family: false,
        cities: &[
            city("Hà Nội", "Hà Nội", "100000", "VN", "+84 24 #### ####"),
            city(
                "Thành phố Hồ Chí Minh",
                "TP. Hồ Chí Minh",
                "700000",
                "VN",
                "+84 28 #### ####",
            ),
            city("Đà Nẵng", "Đà Nẵng", "550000", "VN", "+84 236 ### ####"),
            city("Huế", "Thừa Thiên Huế", "530000", "VN", "+84 234 ### ####"),
        ],
        streets: &[
            "Phố Hàng Bạc",
            "Đường Lê Lợi",
            "Đường Nguyễn Huệ",
            "Đường Trần Phú",
            "Phố Huế",
        ],
        street: "{n} {s}",
        companies: &[
            "Công ty {F}",
            "Tiệm bánh {F}",
            "Cà phê {F}",
            "Nhà sách Phương Nam",
        ],
        language: "Vietnamese",
    },
];

const JOB_TITLES: &[&str] = &[
    "Owner",
    "Manager",
    "Office Manager",
    "Accountant",
    "Head Chef",
    "Buyer",
    "Purchasing Manager",
    "Engineer",
    "Architect",
    "Designer",
    "Pharmacist",
    "Sales Director",
    "Project Manager",
    "Dentist",
    "Lawyer",
    "Florist",
    "Receptionist",
    "Marketing Lead",
];
const PERSONAL_TITLES: &[&str] = &[
    "Retired",
    "Student",
    "Teacher",
    "Nurse",
    "Freelance Photographer",
];
const PETS: &[&str] = &[
    "Biscuit", "Luna", "Max", "Bella", "Pepper", "Milo", "Coco", "Rufus",
];
const FAMILY: &[&str] = &[
    "Married to {S}",
    "Partner {S}; they run the flower shop next door together",
    "Daughter {C} started school this autumn",
    "Son {C} is studying abroad",
    "Two kids, {C} and {D}",
    "Grandmother of three; {C} is the youngest",
    "Dog called {P}",
    "Cat named {P}, very old and very loved",
    "New baby, {C}, born in the spring",
    "Looks after their mother; {S} helps on weekends",
];
const INTERESTS: &[&str] = &[
    "Loves sourdough",
    "Marathon runner",
    "Keen gardener, roses above all",
    "Collects vinyl records",
    "Plays chess on Sundays",
    "Birdwatching",
    "Cooks Sunday lunch for the whole family",
    "Cycling",
    "Jazz",
    "Football, supports the local club",
    "Reads crime novels",
    "Sails in summer",
    "Pottery classes on Thursdays",
    "Knits for the grandchildren",
    "Hiking in the mountains",
    "Photography",
    "Wine tasting",
    "Yoga",
];
const TALKING_POINTS: &[&str] = &[
    "Asked about gluten-free options",
    "Planning a trip to {city} in spring",
    "Renovating the kitchen",
    "Just moved house",
    "Recovering from knee surgery",
    "Opening a second shop",
    "Celebrated 25 years of marriage",
    "Looking for a birthday present for {C}",
    "Wants to hear when the new season's stock arrives",
    "Training for a half marathon",
];
const NOTES: &[&str] = &[
    "Prefers email over phone",
    "Pays by invoice, 30 days",
    "Allergic to nuts",
    "Parking is difficult: offer delivery",
    "Speaks {lang} and English",
    "Always orders for the office party in December",
    "Please call in the morning, never after 6 pm",
];
const TAGS: &[(&str, u64)] = &[
    ("VIP", 5),
    ("regular", 30),
    ("wholesale", 8),
    ("newsletter", 40),
    ("local", 35),
    ("holiday-cards", 25),
];
const CADENCES: &[u32] = &[30, 60, 90, 180];
const STAFF: &[&str] = &["Maria", "Tom", "Aiko", "Samir"];
const EMAIL_DOMAINS: &[&str] = &[
    "example.com",
    "example.org",
    "example.net",
    "mail.example.com",
];

/// One name in its script (male or female form) and its transliteration for email handles.
fn name_form(entry: &str, female: bool) -> (String, String) {
    let (native, latin) = match entry.split_once('|') {
        Some((native, latin)) => (native, Some(latin)),
        None => (entry, None),
    };
    let form = |text: &str| -> String {
        match text.split_once('/') {
            Some((_, female_form)) if female => female_form.to_string(),
            Some((male, _)) => male.to_string(),
            None => text.to_string(),
        }
    };
    let native = form(native);
    let latin = latin.map(form).unwrap_or_else(|| native.clone());
    (native, latin)
}

/// Lowercase ASCII letters and digits of a (Latin-script) name: "Müller" → "muller".
fn handle(latin: &str) -> String {
    fold(latin)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

struct Generator {
    rng: Rng,
    today: NaiveDate,
    /// Culture index by weight.
    by_weight: Vec<usize>,
    /// Per culture, the companies its people work for; sized so that several share one.
    companies: Vec<Vec<String>>,
}

impl Generator {
    fn new(count: usize, seed: u64, today: NaiveDate) -> Generator {
        let mut rng = Rng::new(seed);
        let by_weight: Vec<usize> = CULTURES
            .iter()
            .enumerate()
            .flat_map(|(i, culture)| {
                std::iter::repeat_n(i, usize::try_from(culture.weight).unwrap_or(1))
            })
            .collect();
        let total_weight: u64 = CULTURES.iter().map(|c| c.weight).sum();
        let companies = CULTURES
            .iter()
            .map(|culture| {
                // About one company per four contacts who have one.
                let size = (count as u64 * culture.weight / total_weight / 6).max(3);
                let mut names: Vec<String> = Vec::new();
                let mut seen = HashSet::new();
                let mut attempts = 0;
                while (names.len() as u64) < size && attempts < size * 4 {
                    attempts += 1;
                    let template = rng.pick(culture.companies);
                    let (family, latin) = name_form(rng.pick(culture.family), false);
                    let family = family.split(' ').next().unwrap_or(&family).to_string();
                    let mut name = template
                        .replace("{F}", &family)
                        .replace("{T}", &capitalized(&handle(&latin)));
                    if seen.contains(&name) && template.contains('{') {
                        // Another shop of the same name: a branch in another town.
                        let town = culture.cities[rng.index(culture.cities.len())].name;
                        name = format!("{name}, {town}");
                    }
                    if seen.insert(name.clone()) {
                        names.push(name);
                    }
                }
                names
            })
            .collect();
        Generator {
            rng,
            today,
            by_weight,
            companies,
        }
    }

    fn contact(&mut self) -> ContactInput {
        let rng = &mut self.rng;
        let culture_index = rng.pick(&self.by_weight);
        let culture = &CULTURES[culture_index];
        let female = rng.percent(50);
        let (given, given_latin) = name_form(
            rng.pick(if female { culture.female } else { culture.male }),
            female,
        );
        let (mut family, family_latin) = name_form(rng.pick(culture.family), female);
        if culture.double_family && rng.percent(35) {
            let (second, _) = name_form(rng.pick(culture.family), female);
            if second != family {
                family = format!("{family} {second}");
            }
        }
        let company = if rng.percent(60) {
            let pool = &self.companies[if rng.percent(85) {
                culture_index
            } else {
                rng.pick(&self.by_weight)
            }];
            pool[rng.index(pool.len())].clone()
        } else {
            String::new()
        };
        let job_title = if !company.is_empty() && rng.percent(75) {
            rng.pick(JOB_TITLES).to_string()
        } else if company.is_empty() && rng.percent(25) {
            rng.pick(PERSONAL_TITLES).to_string()
        } else {
            String::new()
        };

        let (g, f) = (handle(&given_latin), handle(&family_latin));
        let mut emails = Vec::new();
        if rng.percent(85) {
            let domain = rng.pick(EMAIL_DOMAINS);
            let value = match rng.below(4) {
                0 => format!("{g}.{f}@{domain}"),
                1 => format!("{g}{}@{domain}", f.chars().next().unwrap_or('x')),
                2 => format!("{}.{f}@{domain}", g.chars().next().unwrap_or('x')),
                _ => format!("{g}{}@{domain}", rng.range(1, 99)),
            };
            emails.push(LabeledValue {
                label: "home".into(),
                value,
            });
            if !company.is_empty() && rng.percent(35) {
                let company_handle: String = handle(&company).chars().take(20).collect();
                let company_handle = if company_handle.is_empty() {
                    "shop".to_string()
                } else {
                    company_handle
                };
                emails.push(LabeledValue {
                    label: "work".into(),
                    value: format!("{g}.{f}@{company_handle}.example"),
                });
            }
        }

        let home = &culture.cities[rng.index(culture.cities.len())];
        let mut phones = Vec::new();
        if rng.percent(90) {
            phones.push(LabeledValue {
                label: "mobile".into(),
                value: rng.digits(home.phone),
            });
            if rng.percent(20) {
                let label = if company.is_empty() { "home" } else { "work" };
                phones.push(LabeledValue {
                    label: label.into(),
                    value: rng.digits(home.phone),
                });
            }
        }
        let mut addresses = Vec::new();
        let address_count = match rng.below(100) {
            0..=24 => 0,
            25..=84 => 1,
            _ => 2,
        };
        for (i, label) in ["home", "work"].into_iter().enumerate().take(address_count) {
            let place = if i == 0 {
                home
            } else {
                &culture.cities[rng.index(culture.cities.len())]
            };
            let street = culture
                .street
                .replace("{s}", rng.pick(culture.streets))
                .replace("{n}", &rng.range(1, 180).to_string());
            addresses.push(PostalAddress {
                label: label.into(),
                street,
                city: place.name.into(),
                region: place.region.into(),
                postal_code: place.postal_code.into(),
                country: place.country.into(),
            });
        }

        let birthday = self.birthday();
        let customer_since = self.customer_since();
        let rng = &mut self.rng;
        let mut person = |rng: &mut Rng| {
            let female = rng.percent(50);
            name_form(
                rng.pick(if female { culture.female } else { culture.male }),
                female,
            )
            .0
        };
        let fill = |rng: &mut Rng, template: &str, person: &mut dyn FnMut(&mut Rng) -> String| {
            let mut text = template.to_string();
            for key in ["{S}", "{C}", "{D}"] {
                if text.contains(key) {
                    text = text.replace(key, &person(rng));
                }
            }
            text.replace("{P}", rng.pick(PETS))
                .replace(
                    "{city}",
                    rng.pick(&["Lisbon", "Kyoto", "Rome", "Vienna", "Marrakesh", "Oslo"]),
                )
                .replace("{lang}", culture.language)
        };
        let family_text = if rng.percent(55) {
            let template = rng.pick(FAMILY);
            fill(rng, template, &mut person)
        } else {
            String::new()
        };
        let interests = if rng.percent(65) {
            let first = rng.pick(INTERESTS);
            let second = rng.pick(INTERESTS);
            if second != first && rng.percent(35) {
                format!("{first}; {}", second.to_lowercase())
            } else {
                first.to_string()
            }
        } else {
            String::new()
        };
        let talking_points = if rng.percent(45) {
            let template = rng.pick(TALKING_POINTS);
            fill(rng, template, &mut person)
        } else {
            String::new()
        };
        let notes = if rng.percent(25) {
            let template = rng.pick(NOTES);
            fill(rng, template, &mut person)
        } else {
            String::new()
        };
        let tags = TAGS
            .iter()
            .filter(|(_, percent)| rng.percent(*percent))
            .map(|(tag, _)| tag.to_string())
            .collect();
        let keep_in_touch_days = rng.percent(40).then(|| rng.pick(CADENCES));

        ContactInput {
            given_name: given,
            family_name: family,
            company,
            job_title,
            emails,
            phones,
            addresses,
            birthday,
            customer_since,
            family: family_text,
            interests,
            talking_points,
            notes,
            tags,
            keep_in_touch_days,
            ..ContactInput::default()
        }
    }

    /// ~70% have one; a fifth of those without the year; a few born on 29 February.
    fn birthday(&mut self) -> Option<Birthday> {
        let rng = &mut self.rng;
        if !rng.percent(70) {
            return None;
        }
        let with_year = rng.percent(80);
        let mut year = self.today.year() - i32::try_from(rng.range(18, 85)).unwrap_or(40);
        let (month, day) = if rng.below(200) == 0 {
            // A leapling: born in a leap year.
            while !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) {
                year -= 1;
            }
            (2, 29)
        } else {
            let month = u32::try_from(rng.range(1, 12)).unwrap_or(1);
            let days_in_month = match month {
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            (
                month,
                u32::try_from(rng.range(1, days_in_month)).unwrap_or(1),
            )
        };
        Birthday::new(with_year.then_some(year), month, day).ok()
    }

    /// ~90% have one, within the last 12 years; ~3% became customers in the last 30 days.
    fn customer_since(&mut self) -> Option<NaiveDate> {
        let rng = &mut self.rng;
        if !rng.percent(90) {
            return None;
        }
        let days_ago = if rng.percent(3) {
            rng.below(30)
        } else {
            rng.range(30, 12 * 365)
        };
        self.today.checked_sub_days(Days::new(days_ago))
    }
}

/// Touchpoints for the sample contacts, from their own random stream.
struct Timeline {
    rng: Rng,
    today: NaiveDate,
}

const KINDS: &[(TouchpointKind, u64)] = &[
    (TouchpointKind::Purchase, 30),
    (TouchpointKind::Email, 20),
    (TouchpointKind::Call, 15),
    (TouchpointKind::Note, 14),
    (TouchpointKind::Meeting, 8),
    (TouchpointKind::Compliment, 7),
    (TouchpointKind::Complaint, 6),
];

impl Timeline {
    /// 0–5 touchpoints over the last two years (not before they became a customer), each with
    /// whether a complaint was put right: about 5% of complaints are still open.
    fn touchpoints(&mut self, contact: &ContactInput) -> Vec<(NewTouchpoint, bool)> {
        let rng = &mut self.rng;
        let count = rng.below(6);
        let two_years_ago = self
            .today
            .checked_sub_days(Days::new(730))
            .unwrap_or(self.today);
        let start = contact
            .customer_since
            .map_or(two_years_ago, |since| since.max(two_years_ago));
        let span = u64::try_from((self.today - start).num_days()).unwrap_or(0);
        (0..count)
            .map(|_| {
                let mut roll = rng.below(100);
                let kind = KINDS
                    .iter()
                    .find(|(_, weight)| {
                        if roll < *weight {
                            true
                        } else {
                            roll -= weight;
                            false
                        }
                    })
                    .map_or(TouchpointKind::Note, |(kind, _)| *kind);
                let happened_on = start
                    .checked_add_days(Days::new(rng.below(span + 1)))
                    .unwrap_or(start);
                let note = rng.pick(notes_for(kind)).to_string();
                let handled_by = rng.pick(STAFF).to_string();
                let resolved = kind == TouchpointKind::Complaint && !rng.percent(5);
                (
                    NewTouchpoint {
                        kind,
                        happened_on,
                        note,
                        handled_by,
                    },
                    resolved,
                )
            })
            .collect()
    }
}

fn notes_for(kind: TouchpointKind) -> &'static [&'static str] {
    match kind {
        TouchpointKind::Call => &[
            "Called to confirm the order",
            "Quick catch-up call",
            "Rang about the delivery date",
            "Returned their call about the invoice",
        ],
        TouchpointKind::Email => &[
            "Sent the new catalogue",
            "Answered a question about opening hours",
            "Sent the quote",
            "Thank-you email after the visit",
        ],
        TouchpointKind::Meeting => &[
            "Met at the shop to plan the order",
            "Coffee and a chat about next season",
            "Visited their office",
        ],
        TouchpointKind::Purchase => &[
            "Bought a birthday cake",
            "Weekly order",
            "Large order for the office",
            "Gift voucher",
            "Picked up the framed print",
        ],
        TouchpointKind::Compliment => &[
            "Loved the new window display",
            "Said the service was wonderful",
            "Praised Tom's advice",
        ],
        TouchpointKind::Complaint => &[
            "Delivery arrived late",
            "Wrong size in the order",
            "Invoice amount was wrong",
            "Product arrived damaged",
            "Waited too long at the counter",
        ],
        TouchpointKind::WelcomeSent => &["Welcome message with the team photo"],
        TouchpointKind::CardSent => &["Holiday card"],
        TouchpointKind::GestureSent => &["Thank-you sent"],
        TouchpointKind::ComplaintStep => &["Apologised"],
        TouchpointKind::Gift => &["A box of pralines for the anniversary"],
        TouchpointKind::Question => &[
            "Asked whether the cakes are nut-free",
            "Asked about opening hours over the holidays",
        ],
        TouchpointKind::Note => &[
            "Mentioned they are moving in spring",
            "Prefers afternoon deliveries",
            "Remember to ask about the new puppy",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn every_sample_contact_is_valid_and_unchanged_by_validation() {
        let today = day(2026, 3, 15);
        for contact in sample_contacts(5_000, 42, today) {
            let validated = contact
                .clone()
                .validated(today)
                .expect("sample contact is valid");
            assert_eq!(validated, contact);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_contacts() {
        let today = day(2026, 3, 15);
        assert_eq!(
            sample_contacts(200, 7, today),
            sample_contacts(200, 7, today)
        );
        assert_ne!(
            sample_contacts(200, 7, today),
            sample_contacts(200, 8, today)
        );
    }

    #[test]
    fn samples_cover_many_scripts_birthdays_and_shared_companies() {
        let today = day(2026, 3, 15);
        let contacts = sample_contacts(5_000, 1, today);
        let names: String = contacts
            .iter()
            .map(|c| format!("{} {} ", c.given_name, c.family_name))
            .collect();
        for sample in [
            "Ł", "ø", "ß", "Ç", "Ν", "И", "م", "ש", "श", "王", "佐藤", "김", "ễ", "é",
        ] {
            assert!(names.contains(sample), "no name with {sample}");
        }
        let birthdays = contacts.iter().filter(|c| c.birthday.is_some()).count();
        assert!(
            (3_200..=3_800).contains(&birthdays),
            "{birthdays} birthdays"
        );
        assert!(contacts
            .iter()
            .any(|c| c.birthday.is_some_and(|b| b.month == 2 && b.day == 29)));
        assert!(contacts
            .iter()
            .any(|c| c.birthday.is_some_and(|b| b.year.is_none())));
        let recent = contacts
            .iter()
            .filter(|c| {
                c.customer_since
                    .is_some_and(|d| (today - d).num_days() < 30)
            })
            .count();
        assert!((50..=250).contains(&recent), "{recent} new customers");
        let mut companies: Vec<&str> = contacts
            .iter()
            .map(|c| c.company.as_str())
            .filter(|c| !c.is_empty())
            .collect();
        let with_company = companies.len();
        companies.sort_unstable();
        let busiest = companies
            .chunk_by(|a, b| a == b)
            .map(<[&str]>::len)
            .max()
            .unwrap_or(0);
        assert!(busiest < 60, "one company has {busiest} of the contacts");
        companies.dedup();
        assert!(
            companies.len() * 2 < with_company,
            "{} companies for {with_company}",
            companies.len()
        );
        for contact in &contacts {
            for email in &contact.emails {
                let domain = email.value.split_once('@').map_or("", |(_, d)| d);
                assert!(
                    domain.ends_with("example") || domain.contains("example."),
                    "{}",
                    email.value
                );
                assert!(email.value.is_ascii(), "{}", email.value);
            }
        }
        let cadences = contacts
            .iter()
            .filter(|c| c.keep_in_touch_days.is_some())
            .count();
        assert!((1_800..=2_200).contains(&cadences), "{cadences} cadences");
    }

    #[test]
    fn timelines_stay_in_the_last_two_years_and_leave_a_few_complaints_open() {
        let today = day(2026, 3, 15);
        let mut timeline = Timeline {
            rng: Rng::new(3),
            today,
        };
        let (mut complaints, mut open, mut total) = (0, 0, 0);
        for contact in sample_contacts(5_000, 3, today) {
            let touchpoints = timeline.touchpoints(&contact);
            assert!(touchpoints.len() <= 5);
            for (touchpoint, resolved) in touchpoints {
                total += 1;
                assert!(touchpoint.happened_on <= today);
                assert!((today - touchpoint.happened_on).num_days() <= 730);
                assert!(contact
                    .customer_since
                    .is_none_or(|since| touchpoint.happened_on >= since));
                assert!(STAFF.contains(&touchpoint.handled_by.as_str()));
                if touchpoint.kind == TouchpointKind::Complaint {
                    complaints += 1;
                    open += usize::from(!resolved);
                } else {
                    assert!(!resolved);
                }
            }
        }
        assert!((10_000..15_000).contains(&total), "{total} touchpoints");
        assert!(
            open > 0 && open * 100 < complaints * 10,
            "{open} of {complaints} complaints open"
        );
    }

    #[test]
    fn gendered_family_names_follow_the_given_name() {
        let (female, latin) = name_form("Kowalski/Kowalska", true);
        assert_eq!((female.as_str(), latin.as_str()), ("Kowalska", "Kowalska"));
        let (male, latin) = name_form("Иванов/Иванова|Ivanov/Ivanova", false);
        assert_eq!((male.as_str(), latin.as_str()), ("Иванов", "Ivanov"));
        assert_eq!(handle("O'Brien"), "obrien");
        assert_eq!(handle("Łukasz"), "lukasz");
    }
}
