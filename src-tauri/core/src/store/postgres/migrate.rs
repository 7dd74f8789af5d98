//! The server book's numbered migrations. One schema version serves both backends: the first
//! PostgreSQL migration makes the schema SQLite has at version 10, and every later SQLite
//! migration gets a PostgreSQL twin with the same number (a test checks the two lists end at
//! the same version). A shipped migration is never edited.
//!
//! Two desks opening a new version at once must not both migrate: the migration runs in one
//! transaction holding an advisory lock, and reads the version again once it has the lock.

use std::path::PathBuf;

use postgres::Client;

use super::error::ServerError;
use super::roles::{grant_staff, BookRoles};
use crate::store::{StoreError, SCHEMA_VERSION};

pub(super) struct Migration {
    pub(super) version: u32,
    pub(super) sql: &'static str,
}

/// The migrations, in order; the first brings an empty `rapport` schema to version 10.
pub(super) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 10,
        sql: include_str!("migrations/010_initial.sql"),
    },
    Migration {
        version: 11,
        sql: include_str!("migrations/011_gestures.sql"),
    },
    Migration {
        version: 12,
        sql: include_str!("migrations/012_counts.sql"),
    },
    Migration {
        version: 13,
        sql: include_str!("migrations/013_row_versions.sql"),
    },
    Migration {
        version: 14,
        sql: include_str!("migrations/014_follow_ups.sql"),
    },
    Migration {
        version: 15,
        sql: include_str!("migrations/015_referrals.sql"),
    },
    Migration {
        version: 16,
        sql: include_str!("migrations/016_testimonials.sql"),
    },
    Migration {
        version: 17,
        sql: include_str!("migrations/017_gifts.sql"),
    },
    Migration {
        version: 18,
        sql: include_str!("migrations/018_house_answers.sql"),
    },
];

/// The advisory lock every migration holds ("RAPPORT" and 1): taken per database, released at
/// commit or rollback, so a desk that dies mid-way frees it.
const MIGRATION_LOCK: i64 = 0x5241_5050_4F52_5401;

/// The schema version of the book on `client`'s database: 0 when nothing is there yet.
pub(super) fn current_version(
    client: &mut impl postgres::GenericClient,
) -> Result<u32, postgres::Error> {
    // Two statements: a statement naming a missing table fails when it is planned.
    let exists: bool = client
        .query_one(
            "SELECT to_regclass('rapport.schema_migrations') IS NOT NULL",
            &[],
        )?
        .try_get(0)?;
    if !exists {
        return Ok(0);
    }
    let version: i32 = client
        .query_one(
            "SELECT coalesce(max(version), 0) FROM rapport.schema_migrations",
            &[],
        )?
        .try_get(0)?;
    Ok(u32::try_from(version).unwrap_or(0))
}

/// The role that owns the book's schema (its owners group), None when there is no schema.
pub(super) fn schema_owner(
    client: &mut impl postgres::GenericClient,
) -> Result<Option<String>, postgres::Error> {
    client
        .query_opt(
            "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'rapport'",
            &[],
        )?
        .map(|row| row.try_get(0))
        .transpose()
}

/// Brings the book up to `target` (at most [`SCHEMA_VERSION`]) and gives the staff group its
/// rights on the new tables; refuses a newer book. Only a member of the owners group may
/// migrate: the new objects belong to the group, not to the person, so any owner can migrate
/// next time.
pub(super) fn migrate(
    client: &mut Client,
    server: &str,
    login: &str,
    roles: &BookRoles,
    target: u32,
) -> Result<(), ServerError> {
    let db = |e: postgres::Error| ServerError::from_db(server, login, &e);
    let found = current_version(client).map_err(db)?;
    check_not_newer(server, found)?;
    if found >= target {
        return Ok(());
    }
    let mut tx = client.transaction().map_err(db)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .map_err(db)?;
    // Another desk may have migrated while this one waited for the lock.
    let found = current_version(&mut tx).map_err(db)?;
    check_not_newer(server, found)?;
    if found >= target {
        return Ok(());
    }
    let owners =
        schema_owner(&mut tx)
            .map_err(db)?
            .ok_or_else(|| ServerError::NotARapportBook {
                server: server.to_string(),
            })?;
    let may: bool = tx
        .query_one(
            "SELECT pg_has_role(current_user, $1::text, 'MEMBER')",
            &[&owners],
        )
        .and_then(|row| row.try_get(0))
        .map_err(db)?;
    if !may {
        return Err(ServerError::NeedsOwnerToUpgrade {
            server: server.to_string(),
            from: found,
            to: target,
        });
    }
    tx.batch_execute(&format!(
        "SET LOCAL ROLE {}; SET LOCAL search_path = rapport",
        quote_ident(&owners)
    ))
    .map_err(db)?;
    for migration in MIGRATIONS
        .iter()
        .filter(|m| m.version > found && m.version <= target)
    {
        tx.batch_execute(migration.sql).map_err(db)?;
        let version = i32::try_from(migration.version).unwrap_or(i32::MAX);
        tx.execute(
            "INSERT INTO rapport.schema_migrations (version, applied_by) VALUES ($1, session_user)",
            &[&version],
        )
        .map_err(db)?;
    }
    // New tables get the staff group's rights in the same transaction, under the same lock.
    grant_staff(&mut tx, roles).map_err(db)?;
    tx.commit().map_err(db)?;
    Ok(())
}

fn check_not_newer(server: &str, found: u32) -> Result<(), ServerError> {
    if found > SCHEMA_VERSION {
        return Err(ServerError::Store(StoreError::TooNew {
            path: PathBuf::from(server),
            found,
            supported: SCHEMA_VERSION,
        }));
    }
    Ok(())
}

/// An SQL identifier, quoted.
pub(crate) fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// An SQL string literal, quoted (for the few statements that take no parameters, like
/// `CREATE ROLE … PASSWORD`).
pub(crate) fn quote_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_schema_reaches_the_same_version_as_the_file_schema() {
        let last = MIGRATIONS.last().map(|m| m.version);
        assert_eq!(
            last,
            Some(SCHEMA_VERSION),
            "every SQLite migration needs its PostgreSQL twin with the same number"
        );
        assert!(MIGRATIONS.windows(2).all(|w| w[0].version < w[1].version));
    }

    #[test]
    fn identifiers_and_literals_are_quoted() {
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(quote_literal("it's"), "'it''s'");
    }
}
