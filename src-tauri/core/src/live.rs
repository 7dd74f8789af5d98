//! Live screens: what changed in the book somewhere else — at another desk of the team's book,
//! or, on a book file, by another program (the command line, a script) — so the window re-reads
//! what it shows. Never the rows themselves: which contacts changed, or "everything" when that
//! is not known. What the window changed itself is not news to it and is left out.

use std::time::{Duration, Instant};

use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::store::postgres::notify::{Change, Cursor, Listener};
use crate::store::postgres::ConnectSpec;
use crate::Book;

/// What changed elsewhere since the window last heard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookChanged {
    /// The contacts whose details or timeline changed.
    #[ts(type = "number[]")]
    pub contact_ids: Vec<i64>,
    /// Something besides those contacts changed, or what changed is not known (a big write, a
    /// catch-up after a long gap, another program on the book file): re-read the whole screen.
    pub everything: bool,
    /// The book was opened anew (the server is back after the desk worked offline): start
    /// every screen over.
    pub reopened: bool,
}

/// Beyond this many contacts a change is "everything": re-reading the screen is cheaper than
/// comparing a long list.
const MAX_NAMED_CONTACTS: usize = 500;

impl BookChanged {
    /// The book was opened anew: every screen starts over.
    pub fn reopened() -> BookChanged {
        BookChanged {
            reopened: true,
            ..BookChanged::everything()
        }
    }

    fn everything() -> BookChanged {
        BookChanged {
            contact_ids: Vec::new(),
            everything: true,
            reopened: false,
        }
    }

    /// The notices or change records read at once, as one change; None when there were none.
    fn from_changes(changes: &[Change]) -> Option<BookChanged> {
        if changes.is_empty() {
            return None;
        }
        let mut contact_ids = Vec::new();
        let mut everything = false;
        for change in changes {
            match (change.subject.as_str(), &change.ids) {
                ("contacts" | "touchpoints", Some(ids)) => contact_ids.extend_from_slice(ids),
                _ => everything = true,
            }
        }
        contact_ids.sort_unstable();
        contact_ids.dedup();
        if everything || contact_ids.len() > MAX_NAMED_CONTACTS {
            return Some(BookChanged::everything());
        }
        Some(BookChanged {
            contact_ids,
            everything: false,
            reopened: false,
        })
    }
}

impl Book {
    /// Whether another program committed to this book file since the last look (the first
    /// look only notes where the book stands). One pragma on the book's own connection, whose
    /// own commits never count: cheap enough to ask twice a second. Always None on the team's
    /// book, whose desks are told by the server ([`Book::watch_other_desks`]).
    pub fn changed_elsewhere(&mut self) -> Result<Option<BookChanged>> {
        let Some(version) = self.store().data_version()? else {
            return Ok(None);
        };
        let before = self.seen_version.replace(version);
        Ok(match before {
            Some(before) if before != version => Some(BookChanged::everything()),
            _ => None,
        })
    }

    /// A watch on what the other desks of the team's book change, over a connection of its
    /// own (so waiting for news never holds the book). None for a book file.
    pub fn watch_other_desks(&self) -> Result<Option<DeskWatch>> {
        let Some((spec, own_session)) = self.store().listening_spec()? else {
            return Ok(None);
        };
        Ok(Some(DeskWatch {
            spec,
            own_session,
            listener: None,
            cursor: None,
            cursor_read: Instant::now(),
        }))
    }
}

/// How often the catch-up point moves on while all is quiet, so a catch-up after a dropped
/// connection reads only what came since.
const MOVE_CURSOR_EVERY: Duration = Duration::from_secs(30);

/// A desk's listening connection to the team's book, and where it would catch up from.
pub struct DeskWatch {
    spec: ConnectSpec,
    /// This desk's own connection: its notices are left out.
    own_session: i32,
    /// None until the first call, and again after the connection dropped.
    listener: Option<Listener>,
    /// Where a catch-up starts; None before the first connection.
    cursor: Option<Cursor>,
    cursor_read: Instant,
}

impl DeskWatch {
    /// Waits up to `timeout` for the next change made at another desk. After the connection
    /// dropped (the computer slept, the network went), the next call connects again and returns
    /// what was missed meanwhile, read from the server's change records. An error says the
    /// server cannot be reached now: call again later; nothing is missed, the records keep it.
    pub fn next(&mut self, timeout: Duration) -> Result<Option<BookChanged>> {
        let listener = match self.listener.take() {
            Some(listener) => listener,
            None => {
                let mut listener = Listener::open(&self.spec)?.ignoring(self.own_session);
                let missed = match self.cursor {
                    Some(cursor) => {
                        let (changes, next) = listener.catch_up(cursor)?;
                        self.cursor = Some(next);
                        BookChanged::from_changes(&changes)
                    }
                    None => {
                        self.cursor = Some(listener.cursor()?);
                        None
                    }
                };
                self.cursor_read = Instant::now();
                if missed.is_some() {
                    self.listener = Some(listener);
                    return Ok(missed);
                }
                listener
            }
        };
        let listener = self.listener.insert(listener);
        // On an error the listener stays taken: the next call connects again and catches up.
        let changes = match listener.wait(timeout) {
            Ok(changes) => changes,
            Err(error) => {
                self.listener = None;
                return Err(error.into());
            }
        };
        if changes.is_empty() && self.cursor_read.elapsed() >= MOVE_CURSOR_EVERY {
            match listener.cursor() {
                Ok(cursor) => {
                    self.cursor = Some(cursor);
                    self.cursor_read = Instant::now();
                }
                Err(error) => {
                    self.listener = None;
                    return Err(error.into());
                }
            }
        }
        Ok(BookChanged::from_changes(&changes))
    }

    /// Whether the listening connection is up (false before the first call and after a drop).
    pub fn is_connected(&self) -> bool {
        self.listener.as_ref().is_some_and(|l| !l.is_closed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(subject: &str, ids: Option<Vec<i64>>) -> Change {
        Change {
            seq: 1,
            subject: subject.into(),
            op: "update".into(),
            count: ids.as_ref().map_or(1000, |ids| ids.len() as i64),
            ids,
        }
    }

    #[test]
    fn contacts_and_timelines_are_named_and_anything_else_is_everything() {
        assert_eq!(BookChanged::from_changes(&[]), None);
        assert_eq!(
            BookChanged::from_changes(&[
                change("touchpoints", Some(vec![7, 3])),
                change("contacts", Some(vec![3, 9])),
            ]),
            Some(BookChanged {
                contact_ids: vec![3, 7, 9],
                everything: false,
                reopened: false,
            })
        );
        for other in [
            change("settings", Some(vec![])),
            change("staff", Some(vec![1])),
            change("contacts", None),
        ] {
            assert_eq!(
                BookChanged::from_changes(&[change("contacts", Some(vec![1])), other.clone()]),
                Some(BookChanged::everything()),
                "{other:?}"
            );
        }
        let many: Vec<i64> = (0..=MAX_NAMED_CONTACTS as i64).collect();
        assert_eq!(
            BookChanged::from_changes(&[change("contacts", Some(many))]),
            Some(BookChanged::everything())
        );
    }
}
