//! Replies and testimonials: a customer's answer to something we sent, logged on the timeline;
//! a compliment marked as a testimonial, with their permission to quote it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ContactSummary, Touchpoint, TouchpointKind};
use crate::error::Invalid;

/// Whether the customer said we may quote them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MayQuote {
    Yes,
    No,
    NotAsked,
}

impl MayQuote {
    pub fn as_str(self) -> &'static str {
        match self {
            MayQuote::Yes => "yes",
            MayQuote::No => "no",
            MayQuote::NotAsked => "not_asked",
        }
    }

    /// As stored, or as typed (`not-asked` too).
    pub fn parse(text: &str) -> Result<MayQuote, Invalid> {
        match text.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "yes" => Ok(MayQuote::Yes),
            "no" => Ok(MayQuote::No),
            "not_asked" | "" => Ok(MayQuote::NotAsked),
            _ => Err(Invalid(format!(
                "\"{text}\" is not an answer to \"may we quote you?\"; use yes, no or not-asked"
            ))),
        }
    }

    /// As the owner reads it.
    pub fn label(self) -> &'static str {
        match self {
            MayQuote::Yes => "may be quoted",
            MayQuote::No => "not to be quoted",
            MayQuote::NotAsked => "not asked yet",
        }
    }
}

/// The customer's permission with a testimonial.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TestimonialTerms {
    pub may_quote: MayQuote,
    /// Happy to take a call from a prospect who wants to hear it from a customer.
    pub takes_calls: bool,
}

/// A compliment on a contact's timeline that is a testimonial, and on what terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TestimonialMark {
    #[ts(type = "number")]
    pub touchpoint_id: i64,
    pub terms: TestimonialTerms,
}

/// A timeline entry that is a reply, and to which entry (None when that entry was deleted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReplyLink {
    #[ts(type = "number")]
    pub touchpoint_id: i64,
    #[ts(type = "number | null")]
    pub reply_to: Option<i64>,
}

/// A testimonial with its customer, for the Testimonials screen and its exports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Testimonial {
    pub contact: ContactSummary,
    /// The compliment: its words are the quote.
    pub compliment: Touchpoint,
    pub terms: TestimonialTerms,
}

/// "They replied": what the customer said back to something we sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewReply {
    /// The welcome, card or gesture sent that they answered (its timeline entry).
    #[ts(type = "number")]
    pub reply_to: i64,
    pub text: String,
    /// Compliment, complaint or note: the owner picks.
    pub kind: TouchpointKind,
    /// When they replied; today when not given.
    #[serde(default)]
    pub happened_on: Option<NaiveDate>,
    /// For a compliment: keep it as a testimonial on these terms.
    #[serde(default)]
    pub testimonial: Option<TestimonialTerms>,
}
