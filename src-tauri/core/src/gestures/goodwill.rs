//! The goodwill ledger: what we have given a customer (welcome, cards, thank-yous and other
//! gestures) beside what went wrong (complaints, a returned card), with how long they have been a
//! customer. The contact page shows it; the apology composer shows it so the owner sets the tone
//! and the remedy.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts::TouchpointKind;
use crate::error::Result;
use crate::Book;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Goodwill {
    pub customer_since: Option<NaiveDate>,
    /// Whole years as a customer (None without a "customer since").
    pub years: Option<u32>,
    // Given.
    pub welcomes: u32,
    pub cards: u32,
    /// Thank-yous, apologies, check-ins, greetings… sent or given in person.
    pub gestures: u32,
    /// Gifts and vouchers, and what they were worth in all (in cents).
    pub gifts: u32,
    #[ts(type = "number")]
    pub gift_value_cents: i64,
    // Theirs.
    pub purchases: u32,
    pub compliments: u32,
    // Problems.
    pub complaints: u32,
    pub open_complaints: u32,
    /// A card came back undelivered (the day it was noted).
    pub card_returned_on: Option<NaiveDate>,
    /// "A customer for 6 years: 14 purchases, 3 compliments; we gave a welcome, 4 cards and 2
    /// gestures; 1 complaint before (put right)."
    pub summary: String,
}

impl Book {
    /// The goodwill ledger of one customer, as of `today`.
    pub fn goodwill(&self, contact_id: i64, today: NaiveDate) -> Result<Goodwill> {
        let detail = self.contact(contact_id)?;
        let count =
            |kind: TouchpointKind| detail.timeline.iter().filter(|t| t.kind == kind).count() as u32;
        let customer_since = detail.contact.fields.customer_since;
        let years = customer_since.map(|since| {
            let mut years = today.year() - since.year();
            if (today.month(), today.day()) < (since.month(), since.day()) {
                years -= 1;
            }
            years.max(0) as u32
        });
        let complaints = count(TouchpointKind::Complaint);
        let open_complaints = detail
            .timeline
            .iter()
            .filter(|t| t.kind == TouchpointKind::Complaint && !t.resolved)
            .count() as u32;
        let mut ledger = Goodwill {
            customer_since,
            years,
            welcomes: count(TouchpointKind::WelcomeSent),
            cards: count(TouchpointKind::CardSent),
            gestures: count(TouchpointKind::GestureSent),
            gifts: count(TouchpointKind::Gift),
            gift_value_cents: self
                .store()
                .gifts_of(contact_id)?
                .iter()
                .filter_map(|g| g.value_cents)
                .sum(),
            purchases: count(TouchpointKind::Purchase),
            compliments: count(TouchpointKind::Compliment),
            complaints,
            open_complaints,
            card_returned_on: self.store().address_undeliverable(contact_id)?,
            summary: String::new(),
        };
        ledger.summary = summary(&ledger);
        Ok(ledger)
    }
}

fn plural(n: u32, one: &str, many: &str) -> Option<String> {
    (n > 0).then(|| format!("{n} {}", if n == 1 { one } else { many }))
}

fn list(parts: Vec<String>) -> String {
    match parts.len() {
        0 => String::new(),
        1 => parts[0].clone(),
        _ => {
            let (last, rest) = parts.split_last().unwrap_or((&parts[0], &[]));
            format!("{} and {last}", rest.join(", "))
        }
    }
}

fn summary(g: &Goodwill) -> String {
    let since = match g.years {
        Some(0) => "A new customer".to_string(),
        Some(1) => "A customer for a year".to_string(),
        Some(n) => format!("A customer for {n} years"),
        None => "A customer".to_string(),
    };
    let theirs: Vec<String> = [
        plural(g.purchases, "purchase", "purchases"),
        plural(g.compliments, "compliment", "compliments"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let given: Vec<String> = [
        plural(g.welcomes, "welcome", "welcomes"),
        plural(g.cards, "card", "cards"),
        plural(g.gestures, "gesture", "gestures"),
        plural(g.gifts, "gift", "gifts").map(|gifts| {
            if g.gift_value_cents > 0 {
                format!(
                    "{gifts} (worth {})",
                    crate::contacts::money(g.gift_value_cents)
                )
            } else {
                gifts
            }
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut out = since;
    if !theirs.is_empty() {
        out.push_str(&format!(": {}", list(theirs)));
    }
    out.push_str(&if given.is_empty() {
        "; nothing given by us yet".to_string()
    } else {
        format!("; we gave {}", list(given))
    });
    if g.complaints > 0 {
        let earlier = g.complaints - g.open_complaints;
        let parts: Vec<String> = [
            plural(g.open_complaints, "complaint open", "complaints open"),
            plural(
                earlier,
                "earlier complaint put right",
                "earlier complaints put right",
            ),
        ]
        .into_iter()
        .flatten()
        .collect();
        out.push_str(&format!("; {}", list(parts)));
    }
    if let Some(on) = g.card_returned_on {
        out.push_str(&format!("; a card came back undelivered ({on})"));
    }
    out.push('.');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ledger() -> Goodwill {
        Goodwill {
            customer_since: None,
            years: None,
            welcomes: 0,
            cards: 0,
            gestures: 0,
            gifts: 0,
            gift_value_cents: 0,
            purchases: 0,
            compliments: 0,
            complaints: 0,
            open_complaints: 0,
            card_returned_on: None,
            summary: String::new(),
        }
    }

    #[test]
    fn the_summary_says_what_was_given_and_what_went_wrong() {
        assert_eq!(summary(&ledger()), "A customer; nothing given by us yet.");
        let loyal = Goodwill {
            years: Some(6),
            welcomes: 1,
            cards: 4,
            gestures: 2,
            purchases: 14,
            compliments: 1,
            complaints: 2,
            open_complaints: 1,
            ..ledger()
        };
        assert_eq!(
            summary(&loyal),
            "A customer for 6 years: 14 purchases and 1 compliment; we gave 1 welcome, 4 cards and 2 gestures; 1 complaint open and 1 earlier complaint put right."
        );
        let generous = Goodwill {
            years: Some(2),
            gifts: 2,
            gift_value_cents: 3550,
            ..ledger()
        };
        assert_eq!(
            summary(&generous),
            "A customer for 2 years; we gave 2 gifts (worth 35.50)."
        );
        let new = Goodwill {
            years: Some(0),
            card_returned_on: NaiveDate::from_ymd_opt(2026, 11, 2),
            ..ledger()
        };
        assert_eq!(
            summary(&new),
            "A new customer; nothing given by us yet; a card came back undelivered (2026-11-02)."
        );
    }
}
