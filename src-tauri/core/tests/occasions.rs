//! The card calendar, the owner's own occasions, Today's next occasion, and recording a batch.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use chrono::{Datelike, NaiveDate, Weekday as ChronoWeekday};
use common::*;
use rapport_core::cards::Recipients;
use rapport_core::contacts::{Birthday, PostalAddress, TouchpointKind};
use rapport_core::occasions::{
    built_in, easter_sunday, CardCountBasis, NewOccasion, OccasionKind, OccasionRule, Weekday,
};
use rapport_core::Book;

fn rule(id: &str) -> OccasionRule {
    built_in()
        .into_iter()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("no built-in occasion {id}"))
        .rule
}

fn date_of(id: &str, year: i32) -> NaiveDate {
    rule(id).date_in(year).unwrap()
}

#[test]
fn thanksgiving_us_is_the_fourth_thursday_of_november() {
    assert_eq!(date_of("thanksgiving-us", 2026), day(2026, 11, 26));
    assert_eq!(date_of("thanksgiving-us", 2027), day(2027, 11, 25));
    assert_eq!(date_of("thanksgiving-us", 2030), day(2030, 11, 28));
    assert_eq!(date_of("thanksgiving-us", 2000), day(2000, 11, 23));
    for year in 2000..=2040 {
        let date = date_of("thanksgiving-us", year);
        assert_eq!(date.weekday(), ChronoWeekday::Thu, "{year}");
        assert_eq!(date.month(), 11);
        assert!((22..=28).contains(&date.day()), "{year}: {date}");
    }
}

#[test]
fn thanksgiving_canada_is_the_second_monday_of_october() {
    assert_eq!(date_of("thanksgiving-ca", 2026), day(2026, 10, 12));
    assert_eq!(date_of("thanksgiving-ca", 2027), day(2027, 10, 11));
    for year in 2000..=2040 {
        let date = date_of("thanksgiving-ca", year);
        assert_eq!(date.weekday(), ChronoWeekday::Mon, "{year}");
        assert!((8..=14).contains(&date.day()), "{year}: {date}");
    }
}

#[test]
fn mothering_sunday_is_three_weeks_before_easter() {
    assert_eq!(date_of("mothering-sunday-uk", 2026), day(2026, 3, 15));
    assert_eq!(date_of("mothering-sunday-uk", 2027), day(2027, 3, 7));
    assert_eq!(date_of("mothering-sunday-uk", 2024), day(2024, 3, 10));
    for year in 2000..=2040 {
        let date = date_of("mothering-sunday-uk", year);
        assert_eq!(date.weekday(), ChronoWeekday::Sun, "{year}");
        assert_eq!(
            easter_sunday(year).unwrap() - date,
            chrono::Duration::days(21)
        );
    }
}

#[test]
fn easter_is_right_in_spot_checked_years_including_leap_years() {
    let known = [
        (2000, 4, 23),
        (2004, 4, 11),
        (2008, 3, 23),
        (2011, 4, 24),
        (2016, 3, 27),
        (2019, 4, 21),
        (2024, 3, 31),
        (2025, 4, 20),
        (2026, 4, 5),
        (2027, 3, 28),
        (2038, 4, 25),
        (2040, 4, 1),
    ];
    for (y, m, d) in known {
        assert_eq!(easter_sunday(y), Some(day(y, m, d)), "{y}");
    }
}

#[test]
fn mothers_and_fathers_day_fall_on_their_sundays() {
    assert_eq!(date_of("mothers-day-us", 2026), day(2026, 5, 10));
    assert_eq!(date_of("mothers-day-us", 2027), day(2027, 5, 9));
    assert_eq!(date_of("fathers-day", 2026), day(2026, 6, 21));
    assert_eq!(date_of("fathers-day", 2028), day(2028, 6, 18));
}

#[test]
fn fixed_holidays_and_their_next_dates() {
    assert_eq!(date_of("canada-day", 2031), day(2031, 7, 1));
    assert_eq!(date_of("independence-day-us", 2031), day(2031, 7, 4));
    assert_eq!(date_of("halloween", 2040), day(2040, 10, 31));
    let new_year = rule("new-year");
    assert_eq!(
        new_year.next_on_or_after(day(2026, 12, 31)),
        Some(day(2027, 1, 1))
    );
    assert_eq!(
        new_year.next_on_or_after(day(2027, 1, 1)),
        Some(day(2027, 1, 1))
    );
    let thanksgiving = rule("thanksgiving-us");
    assert_eq!(
        thanksgiving.next_on_or_after(day(2026, 11, 27)),
        Some(day(2027, 11, 25))
    );
}

#[test]
fn a_fixed_29_february_falls_on_28_february_in_common_years() {
    let leap_day = OccasionRule::Fixed { month: 2, day: 29 };
    assert_eq!(leap_day.date_in(2028), Some(day(2028, 2, 29)));
    assert_eq!(leap_day.date_in(2027), Some(day(2027, 2, 28)));
    assert_eq!(
        leap_day.date_in(2100),
        Some(day(2100, 2, 28)),
        "2100 is not leap"
    );
    assert_eq!(
        leap_day.date_in(2000),
        Some(day(2000, 2, 29)),
        "2000 is leap"
    );
}

#[test]
fn a_birthday_on_29_february_is_listed_on_28_february_in_a_common_year() {
    let (_dir, mut book) = new_book();
    let mut leap = person("Leo", "Leap");
    leap.birthday = Some(Birthday::new(Some(1996), 2, 29).unwrap());
    let id = add(&mut book, leap);
    let from = day(2027, 2, 1);
    let birthday = book
        .occasions(from)
        .unwrap()
        .into_iter()
        .find(|o| o.occasion.id == "birthday")
        .unwrap();
    assert_eq!(birthday.next, Some(day(2027, 2, 28)));
    let ids = book
        .recipient_ids(&Recipients::BirthdaysWithin { days: 30 }, from)
        .unwrap();
    assert_eq!(ids, [id]);
    let in_leap_year = book
        .recipient_ids(&Recipients::BirthdaysWithin { days: 28 }, day(2028, 2, 1))
        .unwrap();
    assert!(
        in_leap_year.is_empty(),
        "29 Feb 2028 is 28 days after 1 Feb"
    );
}

#[test]
fn own_occasions_are_stored_listed_and_removed() {
    let (dir, mut book) = new_book();
    let shop = book
        .add_occasion(NewOccasion {
            name: "  Shop birthday ".into(),
            rule: OccasionRule::Fixed { month: 3, day: 14 },
            kind: None,
        })
        .unwrap();
    let sale = book
        .add_occasion(NewOccasion {
            name: "Spring sale".into(),
            rule: OccasionRule::NthWeekday {
                nth: -1,
                weekday: Weekday::Fri,
                month: 5,
            },
            kind: Some(OccasionKind::General),
        })
        .unwrap();
    let reopening = book
        .add_occasion(NewOccasion {
            name: "Reopening".into(),
            rule: OccasionRule::OneOff {
                date: day(2027, 1, 9),
            },
            kind: None,
        })
        .unwrap();
    assert_eq!(shop.name, "Shop birthday");
    assert!(shop.id.starts_with("custom-"));
    assert!(shop.custom);
    drop(book);
    let mut book = Book::open(dir.path()).unwrap();
    let listed = book.occasions(day(2026, 11, 23)).unwrap();
    let find = |id: &str| listed.iter().find(|o| o.occasion.id == id).cloned();
    assert_eq!(find(&shop.id).unwrap().next, Some(day(2027, 3, 14)));
    assert_eq!(find(&sale.id).unwrap().next, Some(day(2027, 5, 28)));
    assert_eq!(
        find(&sale.id).unwrap().occasion.description,
        "last Friday of May"
    );
    assert_eq!(find(&reopening.id).unwrap().next, Some(day(2027, 1, 9)));
    // Soonest first: Thanksgiving (26 Nov) leads on 23 November.
    assert_eq!(listed[0].occasion.id, "thanksgiving-us");

    book.remove_occasion(&sale.id).unwrap();
    let after = book.occasions(day(2026, 11, 23)).unwrap();
    assert!(after.iter().all(|o| o.occasion.id != sale.id));
    assert_eq!(after.len(), listed.len() - 1);
    assert!(book.remove_occasion(&sale.id).is_err(), "already gone");
    assert!(book.remove_occasion("thanksgiving-us").is_err(), "built in");
    assert!(book.remove_occasion("nonsense").is_err());
}

#[test]
fn impossible_own_occasions_are_refused_and_nothing_is_stored() {
    let (_dir, mut book) = new_book();
    let before = book.occasions(today()).unwrap().len();
    let bad = [
        ("Feb 31", OccasionRule::Fixed { month: 2, day: 31 }),
        ("Month 13", OccasionRule::Fixed { month: 13, day: 1 }),
        (
            "Fifth Monday",
            OccasionRule::NthWeekday {
                nth: 5,
                weekday: Weekday::Mon,
                month: 1,
            },
        ),
        ("", OccasionRule::Fixed { month: 1, day: 2 }),
        ("Every birthday", OccasionRule::ContactBirthday),
    ];
    for (name, rule) in bad {
        let result = book.add_occasion(NewOccasion {
            name: name.into(),
            rule,
            kind: None,
        });
        assert!(result.is_err(), "{name}: {rule:?} accepted");
    }
    assert_eq!(book.occasions(today()).unwrap().len(), before);
}

fn with_address(
    mut input: rapport_core::contacts::ContactInput,
) -> rapport_core::contacts::ContactInput {
    input.addresses.push(PostalAddress {
        label: "home".into(),
        street: "1 Main St".into(),
        city: "Springfield".into(),
        ..PostalAddress::default()
    });
    input
}

#[test]
fn today_shows_the_next_holiday_with_the_contacts_that_have_an_address() {
    let (_dir, mut book) = new_book();
    add(&mut book, with_address(person("Ann", "Able")));
    let bea = add(&mut book, with_address(person("Bea", "Baker")));
    let cy = add(&mut book, person("Cy", "NoAddress"));
    let gone = add(&mut book, with_address(person("Dee", "Archived")));
    book.set_archived(&[gone], true).unwrap();

    let view = book.today(day(2026, 11, 23)).unwrap();
    let next = view.next_occasion.unwrap();
    assert_eq!(next.occasion.id, "thanksgiving-us");
    assert_eq!(next.date, day(2026, 11, 26));
    assert_eq!(next.in_days, 3);
    assert_eq!(next.count_basis, CardCountBasis::ActiveWithAddress);
    assert_eq!(next.card_count, 2);

    // A card came back: that address no longer counts until the mark is cleared.
    book.set_address_undeliverable(bea, true, today()).unwrap();
    assert_eq!(book.address_undeliverable(bea).unwrap(), Some(today()));
    assert_eq!(
        book.today(day(2026, 11, 23))
            .unwrap()
            .next_occasion
            .unwrap()
            .card_count,
        1
    );
    book.set_address_undeliverable(bea, false, today()).unwrap();
    assert_eq!(book.address_undeliverable(bea).unwrap(), None);

    // The count follows the addresses as they are edited: an address of blanks is none.
    let cards = |book: &rapport_core::Book| {
        book.today(day(2026, 11, 23))
            .unwrap()
            .next_occasion
            .unwrap()
            .card_count
    };
    assert_eq!(cards(&book), 2);
    let mut blank = person("Bea", "Baker");
    blank.addresses.push(PostalAddress {
        label: "home".into(),
        street: "   ".into(),
        postal_code: "12345".into(),
        ..PostalAddress::default()
    });
    book.update_contact(bea, blank, today()).unwrap();
    assert_eq!(cards(&book), 1);
    book.update_contact(cy, with_address(person("Cy", "NoAddress")), today())
        .unwrap();
    assert_eq!(cards(&book), 2);
    book.set_archived(&[gone], false).unwrap();
    assert_eq!(cards(&book), 3);
}

#[test]
fn without_a_holiday_within_30_days_today_counts_the_coming_birthdays() {
    let (_dir, mut book) = new_book();
    // 2 August to 1 September has no built-in holiday.
    for (name, month, dd) in [("Ann", 8, 20), ("Bob", 8, 3), ("Cid", 10, 1)] {
        let mut input = person(name, "Z");
        input.birthday = Some(Birthday::new(None, month, dd).unwrap());
        add(&mut book, input);
    }
    let next = book.today(day(2026, 8, 2)).unwrap().next_occasion.unwrap();
    assert_eq!(next.occasion.id, "birthday");
    assert_eq!(next.count_basis, CardCountBasis::BirthdaysInWindow);
    assert_eq!(next.card_count, 2);
    assert_eq!(next.date, day(2026, 8, 3));
    // An empty book has nothing to prepare then.
    let (_dir2, empty) = new_book();
    assert_eq!(empty.today(day(2026, 8, 2)).unwrap().next_occasion, None);
}

#[test]
fn recipients_by_tag_by_pick_and_birthdays_next_month() {
    let (_dir, mut book) = new_book();
    let ann = add(&mut book, person("Ann", "Able"));
    let bob = add(&mut book, person("Bob", "Brown"));
    let mut cid_input = person("Cid", "Cole");
    cid_input.birthday = Some(Birthday::new(None, 12, 5).unwrap());
    let cid = add(&mut book, cid_input);
    book.tag(&[ann, cid], "Regulars").unwrap();
    let today = day(2026, 11, 23);
    assert_eq!(
        book.recipient_ids(
            &Recipients::Tag {
                tag: "regulars".into()
            },
            today
        )
        .unwrap(),
        [ann, cid]
    );
    assert_eq!(
        book.recipient_ids(&Recipients::Everyone, today).unwrap(),
        [ann, bob, cid]
    );
    assert_eq!(
        book.recipient_ids(&Recipients::BirthdaysNextMonth, today)
            .unwrap(),
        [cid]
    );
    assert_eq!(
        book.recipient_ids(
            &Recipients::Picked {
                ids: vec![bob, ann, bob]
            },
            today
        )
        .unwrap(),
        [bob, ann]
    );
    assert!(book
        .recipient_ids(
            &Recipients::Tag {
                tag: "nobody".into()
            },
            today
        )
        .is_err());
    assert!(book
        .recipient_ids(
            &Recipients::Picked {
                ids: vec![ann, 999]
            },
            today
        )
        .is_err());
}

#[test]
fn recording_a_batch_writes_one_card_sent_per_recipient() {
    let (_dir, mut book) = new_book();
    let ids: Vec<i64> = ["Ann", "Bob", "Cid"]
        .iter()
        .map(|n| add(&mut book, person(n, "Sent")))
        .collect();
    let recorded = book
        .record_cards_sent(&ids, "Thanksgiving", today(), today())
        .unwrap();
    assert_eq!(recorded.recorded, 3);
    for id in &ids {
        let detail = book.contact(*id).unwrap();
        let cards: Vec<_> = detail
            .timeline
            .iter()
            .filter(|t| t.kind == TouchpointKind::CardSent)
            .collect();
        assert_eq!(cards.len(), 1);
        assert_eq!(cards[0].note, "Thanksgiving");
        assert_eq!(cards[0].happened_on, today());
        assert_eq!(detail.contact.last_contacted, Some(today()));
    }
}

#[test]
fn recording_a_batch_with_an_unknown_contact_records_nobody() {
    let (_dir, mut book) = new_book();
    let ann = add(&mut book, person("Ann", "Able"));
    let bob = add(&mut book, person("Bob", "Brown"));
    let result = book.record_cards_sent(&[ann, 424_242, bob], "Halloween", today(), today());
    assert!(result.is_err());
    for id in [ann, bob] {
        assert!(
            book.contact(id).unwrap().timeline.is_empty(),
            "contact {id} got a card though the batch failed"
        );
    }
    assert!(book
        .record_cards_sent(&[], "Halloween", today(), today())
        .is_err());
}

#[test]
fn personal_lines_are_suggested_from_notes_and_the_owners_own_win() {
    use rapport_core::cards::{PersonalLine, PersonalLines};
    let (_dir, mut book) = new_book();
    let mut talker = person("Ann", "Lee");
    talker.talking_points = "Renovating the kitchen; new baby".into();
    talker.interests = "Cycling".into();
    let talker = add(&mut book, talker);
    let mut keen = person("Bo", "Chen");
    keen.interests = "BBQ every Sunday.".into();
    let keen = add(&mut book, keen);
    let mut family = person("Cy", "Ode");
    family.family = "Married to Sam".into();
    let family = add(&mut book, family);
    let blank = add(&mut book, person("Di", "Fox"));
    let ids = [talker, keen, family, blank];

    let picked = Recipients::Picked { ids: ids.to_vec() };
    let suggested = book.personal_line_suggestions(&picked, today()).unwrap();
    assert_eq!(
        suggested[0].suggested,
        "P.S. We often think of our last chat (renovating the kitchen) and hope all is well."
    );
    assert_eq!(
        suggested[0].source,
        "What we talked about: Renovating the kitchen"
    );
    assert!(suggested[1].suggested.contains("(BBQ every Sunday)"));
    assert_eq!(suggested[2].source, "Family: Married to Sam");
    assert!(suggested[2].suggested.contains("family"));
    assert_eq!(suggested[3].suggested, "");
    assert_eq!(suggested[3].source, "");

    // The owner rewrites one line and empties another; the rest keep their suggestions.
    let lines = PersonalLines::new(&[
        PersonalLine {
            contact_id: talker,
            line: "  Congratulations on the baby!  ".into(),
        },
        PersonalLine {
            contact_id: keen,
            line: " ".into(),
        },
    ]);
    let recipients = book.card_recipients(&ids, today(), &lines).unwrap();
    let printed: Vec<Option<&str>> = recipients
        .iter()
        .map(|r| r.personal_line.as_deref())
        .collect();
    assert_eq!(printed[0], Some("Congratulations on the baby!"));
    assert_eq!(printed[1], None, "an emptied line prints nothing");
    assert_eq!(printed[2], Some(suggested[2].suggested.as_str()));
    assert_eq!(printed[3], None);
}

#[test]
fn every_built_in_occasion_has_designs_of_its_own_that_name_it() {
    use rapport_core::cards::designs_for;
    let generic = rapport_core::cards::built_in_designs("generic");
    for occasion in built_in() {
        let designs = designs_for(&occasion);
        assert!(designs.len() >= 2, "{}: a choice of designs", occasion.id);
        for design in &designs {
            assert!(
                !design.greeting.contains('{'),
                "{}: {}",
                occasion.id,
                design.greeting
            );
        }
        if occasion.kind != OccasionKind::General {
            assert_ne!(
                designs, generic,
                "{} has only the generic designs",
                occasion.id
            );
        }
    }
    let canada = built_in()
        .into_iter()
        .find(|o| o.id == "canada-day")
        .unwrap();
    assert_eq!(designs_for(&canada)[0].greeting, "Happy Canada Day");
    let halloween = built_in()
        .into_iter()
        .find(|o| o.id == "halloween")
        .unwrap();
    assert_eq!(designs_for(&halloween)[0].greeting, "Happy Halloween");
}
