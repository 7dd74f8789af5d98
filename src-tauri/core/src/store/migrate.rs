//! The book file's numbered migrations and how they run: each in one transaction with the new
//! version number, so a migration lands whole or not at all.

use rusqlite::{Connection, Transaction};

use super::{phone_tails, search};

pub(super) struct Migration {
    version: u32,
    sql: &'static str,
    /// Work SQL cannot do alone (text folded in Rust), run in the migration's transaction.
    after: Option<fn(&Transaction) -> rusqlite::Result<()>>,
}

/// Numbered migrations; a shipped one is never edited, a change is a new file.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("migrations/001_contacts.sql"),
        after: None,
    },
    Migration {
        version: 2,
        sql: include_str!("migrations/002_search.sql"),
        after: Some(search::rebuild_index),
    },
    Migration {
        version: 3,
        sql: include_str!("migrations/003_touchpoint_kinds.sql"),
        after: None,
    },
    Migration {
        version: 4,
        sql: include_str!("migrations/004_occasions.sql"),
        after: None,
    },
    Migration {
        version: 5,
        sql: include_str!("migrations/005_staff_photos.sql"),
        after: None,
    },
    Migration {
        version: 6,
        sql: include_str!("migrations/006_faster_writes.sql"),
        after: None,
    },
    Migration {
        version: 7,
        sql: include_str!("migrations/007_contact_photos.sql"),
        after: None,
    },
    Migration {
        version: 8,
        sql: include_str!("migrations/008_phone_tails.sql"),
        after: Some(phone_tails::fill_phone_tails),
    },
    Migration {
        version: 9,
        sql: include_str!("migrations/009_today_indexes.sql"),
        after: None,
    },
    Migration {
        version: 10,
        sql: include_str!("migrations/010_phone_tails_by_digits.sql"),
        after: Some(phone_tails::fill_phone_tails),
    },
    Migration {
        version: 11,
        sql: include_str!("migrations/011_gestures.sql"),
        after: None,
    },
    Migration {
        version: 12,
        sql: include_str!("migrations/012_counts.sql"),
        after: None,
    },
    Migration {
        version: 13,
        sql: include_str!("migrations/013_row_versions.sql"),
        after: None,
    },
    Migration {
        version: 14,
        sql: include_str!("migrations/014_follow_ups.sql"),
        after: None,
    },
    Migration {
        version: 15,
        sql: include_str!("migrations/015_referrals.sql"),
        after: None,
    },
    Migration {
        version: 16,
        sql: include_str!("migrations/016_testimonials.sql"),
        after: None,
    },
    Migration {
        version: 17,
        sql: include_str!("migrations/017_gifts.sql"),
        after: None,
    },
    Migration {
        version: 18,
        sql: include_str!("migrations/018_house_answers.sql"),
        after: None,
    },
];

/// Migrations that rebuild a table other tables refer to: they run with foreign keys off (so
/// dropping the old table deletes nothing that refers to it), checked before they commit.
const REBUILDS_REFERENCED_TABLE: &[u32] = &[14, 17];

pub(super) fn migrate(conn: &mut Connection, target: u32) -> rusqlite::Result<()> {
    let current: u32 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    for migration in MIGRATIONS
        .iter()
        .filter(|m| m.version > current && m.version <= target)
    {
        // Foreign keys can only be switched outside a transaction.
        let rebuilds = REBUILDS_REFERENCED_TABLE.contains(&migration.version);
        if rebuilds {
            conn.execute_batch("PRAGMA foreign_keys = OFF")?;
        }
        let applied = apply(conn, migration, rebuilds);
        if rebuilds {
            conn.execute_batch("PRAGMA foreign_keys = ON")?;
        }
        applied?;
    }
    Ok(())
}

fn apply(conn: &mut Connection, migration: &Migration, check_keys: bool) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute_batch(migration.sql)?;
    if let Some(after) = migration.after {
        after(&tx)?;
    }
    if check_keys {
        let broken: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
                row.get(0)
            })?;
        if broken > 0 {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT),
                Some(format!(
                    "migration {} would leave {broken} rows referring to rows that are gone",
                    migration.version
                )),
            ));
        }
    }
    // user_version is part of the transaction: a migration lands whole or not at all.
    tx.pragma_update(None, "user_version", migration.version)?;
    tx.commit()
}
