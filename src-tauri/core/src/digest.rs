//! The morning nudge without the window: Today as plain text (for `rapport today` and scripts),
//! and mailed to the owner over the SMTP server set up for welcomes (`rapport digest --send`).
//! The setting `daily_digest` turns the timer's daily mail on; it goes at most once a day.

use chrono::NaiveDate;
use lettre::message::header::ContentType;
use lettre::{Message, Transport};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::gestures::{OpenLoop, QuarterCount};
use crate::today::{TodayView, TODAY_LIST_LIMIT};
use crate::Book;

/// Today for scripts and the digest: the window's rows, each complaint's loop with its next step
/// and when it is due (oldest first), and how many complaints ended happy this quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TodayReport {
    #[serde(flatten)]
    pub view: TodayView,
    /// The first [`TODAY_LIST_LIMIT`] open loops; `open_loop_count` says how many in all.
    pub open_loops: Vec<OpenLoop>,
    pub open_loop_count: i64,
    pub complaints_this_quarter: QuarterCount,
}

impl Book {
    /// Today with the complaint loops, as `rapport today` prints it and the digest mails it.
    pub fn today_report(&self, today: NaiveDate) -> Result<TodayReport> {
        let loops = self.open_loops_first(today, TODAY_LIST_LIMIT as usize)?;
        Ok(TodayReport {
            view: self.today(today)?,
            open_loops: loops.loops,
            open_loop_count: loops.total,
            complaints_this_quarter: self.complaints_ended_this_quarter(today)?,
        })
    }
}

/// The setting that turns the daily digest on (yes/no).
pub const DAILY_DIGEST_SETTING: &str = "daily_digest";
/// Where the day of the last daily digest is kept, so a timer that fires twice sends once.
const LAST_SENT_KEY: &str = "digest.last_sent";
/// Where the day of the last morning nudge is kept: the window nudges on its first opening of a
/// day only, however often it is opened after.
const LAST_NUDGED_KEY: &str = "nudge.last_day";

/// The desktop notification given when Rapport opens for the first time in a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MorningNudge {
    pub title: String,
    /// "3 birthdays, 2 customers to welcome, 1 complaint to check back on".
    pub body: String,
}

/// What `send_digest` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DigestReport {
    /// True when a message went out.
    pub sent: bool,
    /// Who it went to (the owner's `from_email`), or why nothing was sent.
    pub detail: String,
    pub subject: String,
}

/// "3 birthdays, 2 customers to welcome, 1 complaint to check back on": the counts that have
/// something in them, or "nothing needs you today".
pub fn summary(view: &TodayView) -> String {
    let plural = |n: i64, one: &str, many: &str| {
        (n > 0).then(|| format!("{n} {}", if n == 1 { one } else { many }))
    };
    let parts: Vec<String> = [
        plural(view.birthday_count, "birthday", "birthdays"),
        plural(
            view.new_customer_count,
            "customer to welcome",
            "customers to welcome",
        ),
        plural(
            view.open_complaint_count,
            "complaint to check back on",
            "complaints to check back on",
        ),
        plural(view.follow_up_count, "follow-up due", "follow-ups due"),
        plural(
            view.referral_thanks_count,
            "referral to thank",
            "referrals to thank",
        ),
        plural(
            view.overdue_count,
            "customer to get in touch with",
            "customers to get in touch with",
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        "nothing needs you today".into()
    } else {
        parts.join(", ")
    }
}

/// Today as the window lists it, in plain text: the summary, then each list.
pub fn today_text(report: &TodayReport) -> String {
    let view = &report.view;
    let mut out = vec![format!(
        "Today, {}: {}.",
        view.date.format("%A %-d %B %Y"),
        summary(view)
    )];
    let heading = |out: &mut Vec<String>, title: &str, shown: usize, count: i64| {
        out.push(String::new());
        if count > shown as i64 {
            out.push(format!("{title} ({count}, the first {shown}):"));
        } else {
            out.push(format!("{title} ({count}):"));
        }
    };
    if view.birthday_count > 0 {
        heading(
            &mut out,
            "Birthdays",
            view.birthdays.len(),
            view.birthday_count,
        );
        for b in &view.birthdays {
            let when = match b.in_days {
                0 => "today".to_string(),
                1 => "tomorrow".to_string(),
                n => format!("in {n} days"),
            };
            let turning = b
                .turning
                .map(|t| format!(", turns {t}"))
                .unwrap_or_default();
            out.push(format!(
                "  {} ({}){turning}: {}, {when}",
                b.contact.display_name,
                b.contact.id,
                b.date.format("%a %-d %b")
            ));
        }
    }
    if view.new_customer_count > 0 {
        heading(
            &mut out,
            "New customers to welcome",
            view.new_customers.len(),
            view.new_customer_count,
        );
        for c in &view.new_customers {
            out.push(format!(
                "  {} ({}), customer since {}",
                c.contact.display_name, c.contact.id, c.since
            ));
        }
    }
    if !report.open_loops.is_empty() {
        heading(
            &mut out,
            "Complaints to see through",
            report.open_loops.len(),
            report.open_loop_count,
        );
        for l in &report.open_loops {
            let note = first_line(&l.complaint);
            let note = if note.is_empty() {
                String::new()
            } else {
                format!(": {note}")
            };
            let when = if l.due {
                "due now".to_string()
            } else {
                format!("due {}", l.due_on.format("%a %-d %b"))
            };
            out.push(format!(
                "  {} ({}), complained {} — next: {}, {when} (complaint {}){note}",
                l.contact.display_name,
                l.contact.id,
                l.complained_on.format("%-d %b"),
                l.next_step,
                l.complaint_id
            ));
        }
    }
    if view.follow_up_count > 0 {
        heading(
            &mut out,
            "Follow-ups due",
            view.follow_ups.len(),
            view.follow_up_count,
        );
        for f in &view.follow_ups {
            let when = match f.days_overdue {
                0 => "due today".to_string(),
                1 => "1 day overdue".to_string(),
                n => format!("{n} days overdue"),
            };
            let who = if f.follow_up.assigned_to.is_empty() {
                String::new()
            } else {
                format!(", for {}", f.follow_up.assigned_to)
            };
            out.push(format!(
                "  {} ({}), {when}{who}: {} (follow-up {})",
                f.contact.display_name,
                f.contact.id,
                first_line(&f.follow_up.note),
                f.follow_up.id
            ));
        }
    }
    if view.referral_thanks_count > 0 {
        heading(
            &mut out,
            "Referrals to thank",
            view.referral_thanks.len(),
            view.referral_thanks_count,
        );
        for r in &view.referral_thanks {
            out.push(format!(
                "  {} ({}) sent us {} ({}) on {} — rapport send referral-thanks {}",
                r.referrer.display_name,
                r.referrer.id,
                r.referred.display_name,
                r.referred.id,
                r.referred_on,
                r.referrer.id
            ));
        }
    }
    let quarter = &report.complaints_this_quarter;
    if quarter.closed > 0 {
        out.push(String::new());
        out.push(format!(
            "{} of {} complaints ended happy this quarter.",
            quarter.happy, quarter.closed
        ));
    }
    if view.overdue_count > 0 {
        heading(
            &mut out,
            "Time to get in touch",
            view.overdue.len(),
            view.overdue_count,
        );
        for o in &view.overdue {
            let last = o
                .last_contacted
                .map_or("never in touch".to_string(), |d| format!("last {d}"));
            out.push(format!(
                "  {} ({}), {} days overdue (every {} days; {last})",
                o.contact.display_name, o.contact.id, o.days_overdue, o.keep_in_touch_days
            ));
        }
    }
    if let Some(next) = &view.next_occasion {
        out.push(String::new());
        out.push(format!(
            "Next occasion: {} on {} (in {} days), {} cards.",
            next.occasion.name, next.date, next.in_days, next.card_count
        ));
    }
    out.join("\n")
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() > 120 {
        format!("{}…", line.chars().take(119).collect::<String>())
    } else {
        line.to_string()
    }
}

impl Book {
    /// The morning nudge: on the first call of a day, what Today has waiting, summarised
    /// ([`summary`]), and the day remembered; `None` on every later call that day, and on a day
    /// when nothing is due (a notification saying "nothing" is noise).
    pub fn morning_nudge(&mut self, today: NaiveDate) -> Result<Option<MorningNudge>> {
        let day = today.to_string();
        if self.store().setting(LAST_NUDGED_KEY)?.as_deref() == Some(day.as_str()) {
            return Ok(None);
        }
        let view = self.today(today)?;
        self.store_mut().set_setting(LAST_NUDGED_KEY, &day)?;
        let due = view.birthday_count
            + view.new_customer_count
            + view.open_complaint_count
            + view.follow_up_count
            + view.referral_thanks_count
            + view.overdue_count;
        Ok((due > 0).then(|| MorningNudge {
            title: "Rapport: today".into(),
            body: summary(&view),
        }))
    }

    /// Mails Today to the owner (the `from_email` setting) over the SMTP server in Settings.
    pub fn send_digest(&self, today: NaiveDate) -> Result<DigestReport> {
        let transport = crate::welcome::smtp::transport(self)?;
        let owner = self.sender()?;
        let report = self.today_report(today)?;
        let subject = format!(
            "Rapport, {}: {}",
            today.format("%-d %B"),
            summary(&report.view)
        );
        let message = Message::builder()
            .from(owner.clone())
            .to(owner.clone())
            .subject(subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(today_text(&report))
            .map_err(|e| Error::Conflict(format!("The digest could not be built ({e}).")))?;
        transport.send(&message).map_err(|e| {
            Error::Conflict(format!(
                "The mail server did not take the digest: {e}. Check the SMTP settings and your connection, then send it again."
            ))
        })?;
        Ok(DigestReport {
            sent: true,
            detail: owner.email.to_string(),
            subject,
        })
    }

    /// The timer's daily digest: sent when the setting `daily_digest` is on and today's has not
    /// gone out yet; otherwise nothing is sent and the report says why.
    pub fn send_daily_digest(&mut self, today: NaiveDate) -> Result<DigestReport> {
        let skipped = |detail: &str| DigestReport {
            sent: false,
            detail: detail.into(),
            subject: String::new(),
        };
        if self.setting(DAILY_DIGEST_SETTING)? != "yes" {
            return Ok(skipped(
                "the daily digest is off; turn it on with `rapport settings set daily_digest yes`",
            ));
        }
        let today_text = today.to_string();
        if self.store().setting(LAST_SENT_KEY)?.as_deref() == Some(today_text.as_str()) {
            return Ok(skipped("today's digest was sent already"));
        }
        let report = self.send_digest(today)?;
        self.store_mut().set_setting(LAST_SENT_KEY, &today_text)?;
        Ok(report)
    }
}
