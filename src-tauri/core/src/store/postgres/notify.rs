//! Live at every desk: each desk keeps one connection listening on channel `rapport`. Every
//! statement that changes what the window shows sends one notice after its commit (the ids,
//! never the rows); a desk that was away reads the change records it missed.

use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;
use postgres::GenericClient;
use serde::Deserialize;

use super::connect::{connect, ConnectSpec};
use super::error::ServerError;

/// The channel the change triggers notify.
pub const CHANNEL: &str = "rapport";

/// One statement's change, as a notice or a change record says it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Change {
    /// The change record's number.
    pub seq: i64,
    /// What to re-read: "contacts", "touchpoints" (ids are contacts), "settings", "occasions",
    /// "staff", "photos".
    pub subject: String,
    /// "insert", "update" or "delete".
    pub op: String,
    /// How many rows the statement changed.
    pub count: i64,
    /// The ids it changed; None in a notice for a big write (read them from the record, or
    /// re-read the screen).
    #[serde(default)]
    pub ids: Option<Vec<i64>>,
}

/// Where a desk's catch-up continues: the oldest transaction still open when it last read.
/// Records of transactions before it were all visible then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor(pub i64);

/// A connection that does nothing but listen.
pub struct Listener {
    client: postgres::Client,
    server: String,
    login: String,
    /// The server process whose notices are left out: the desk's own connection.
    ignored: Option<i32>,
}

impl Listener {
    pub fn open(spec: &ConnectSpec) -> Result<Listener, ServerError> {
        let server = spec.address.host_port();
        let login = spec.credentials.login.clone();
        let mut client = connect(spec)?.client;
        client
            .batch_execute(&format!("LISTEN {CHANNEL}"))
            .map_err(|e| ServerError::from_db(&server, &login, &e))?;
        Ok(Listener {
            client,
            server,
            login,
            ignored: None,
        })
    }

    /// Leaves out the notices sent by the server process `pid` (the desk's own connection: its
    /// window already shows what it changed).
    pub fn ignoring(mut self, pid: i32) -> Listener {
        self.ignored = Some(pid);
        self
    }

    /// Where catch-up starts from now (see [`cursor_now`]), read on the listening connection.
    pub fn cursor(&mut self) -> Result<Cursor, ServerError> {
        let result = cursor_now(&mut self.client);
        result.map_err(|e| ServerError::from_db(&self.server, &self.login, &e))
    }

    /// The changes committed since `cursor`, the desk's own among them (see [`changes_since`]).
    pub fn catch_up(&mut self, cursor: Cursor) -> Result<(Vec<Change>, Cursor), ServerError> {
        let result = changes_since(&mut self.client, cursor);
        result.map_err(|e| ServerError::from_db(&self.server, &self.login, &e))
    }

    /// Waits up to `timeout` for a notice, then takes every other one already here. Empty when
    /// nothing came; an error when the connection dropped (reconnect, then catch up with
    /// [`changes_since`]).
    pub fn wait(&mut self, timeout: Duration) -> Result<Vec<Change>, ServerError> {
        let mut changes = Vec::new();
        let mut notifications = self.client.notifications();
        let first = notifications
            .timeout_iter(timeout)
            .next()
            .map_err(|e| ServerError::from_db(&self.server, &self.login, &e))?;
        let Some(first) = first else {
            return Ok(changes);
        };
        let news = |notice: &postgres::Notification| Some(notice.process_id()) != self.ignored;
        if news(&first) {
            changes.extend(parse(first.payload()));
        }
        let mut rest = notifications.iter();
        while let Some(notice) = rest
            .next()
            .map_err(|e| ServerError::from_db(&self.server, &self.login, &e))?
        {
            if news(&notice) {
                changes.extend(parse(notice.payload()));
            }
        }
        Ok(changes)
    }

    /// Whether the listening connection is still open.
    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }
}

/// A notice's payload; one that cannot be read (from a newer version) is skipped.
fn parse(payload: &str) -> Option<Change> {
    serde_json::from_str(payload).ok()
}

/// Where catch-up starts from now: read it when a desk loads its screen.
pub fn cursor_now(client: &mut impl GenericClient) -> Result<Cursor, postgres::Error> {
    let row = client.query_one(
        "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint",
        &[],
    )?;
    Ok(Cursor(row.try_get(0)?))
}

/// The changes committed since `cursor` (some may have been seen already: re-reading is
/// harmless), and the cursor to continue from.
pub fn changes_since(
    client: &mut impl GenericClient,
    cursor: Cursor,
) -> Result<(Vec<Change>, Cursor), postgres::Error> {
    let mut tx = client.transaction()?;
    // One snapshot for both: the records read and the cursor agree.
    tx.batch_execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")?;
    let next = cursor_now(&mut tx)?;
    let changes = tx
        .query(
            "SELECT seq, subject, op, row_count, ids FROM rapport.change_log
             WHERE xid >= $1::text::xid8 ORDER BY seq",
            &[&cursor.0.to_string()],
        )?
        .into_iter()
        .map(|row| {
            Ok(Change {
                seq: row.try_get(0)?,
                subject: row.try_get(1)?,
                op: row.try_get(2)?,
                count: row.try_get(3)?,
                ids: Some(row.try_get(4)?),
            })
        })
        .collect::<Result<Vec<_>, postgres::Error>>()?;
    tx.commit()?;
    Ok((changes, next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_are_read_with_or_without_ids() {
        assert_eq!(
            parse(
                r#"{"seq": 4, "subject": "contacts", "op": "update", "count": 2, "ids": [7, 9]}"#
            ),
            Some(Change {
                seq: 4,
                subject: "contacts".into(),
                op: "update".into(),
                count: 2,
                ids: Some(vec![7, 9])
            })
        );
        let big = parse(r#"{"seq": 5, "subject": "contacts", "op": "insert", "count": 100000}"#);
        assert_eq!(big.map(|c| c.ids), Some(None));
        assert_eq!(parse("not json"), None);
    }
}
