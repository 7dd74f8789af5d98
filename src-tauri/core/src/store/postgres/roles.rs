//! People and permissions on the server. Each book has two group roles: its owners
//! (`<database>_owners`, which owns the schema: owners migrate, manage staff and settings, import,
//! delete in bulk) and its staff (`<database>_staff`: read and write the customer book, nothing
//! of its structure). Each person signs in with a login role of their own, a member of one group.
//!
//! Logins are made and disabled by two functions that the administrator who set the book up
//! owns (SECURITY DEFINER, callable by owners only): an owner needs no right to create roles on
//! the server, and can only touch the logins of their own book.

use postgres::{Client, GenericClient};

use super::error::ServerError;
use super::migrate::{quote_ident, quote_literal};

/// The tables staff may read but not write: the structure's version, who changed what, the
/// owner's settings and the staff list itself.
const READ_ONLY_FOR_STAFF: [&str; 6] = [
    "schema_migrations",
    "change_log",
    "settings",
    "staff",
    "gesture_templates",
    "house_answers",
];

/// The two group roles of the book in `database`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookRoles {
    pub owners: String,
    pub staff: String,
}

impl BookRoles {
    pub fn for_database(database: &str) -> BookRoles {
        BookRoles {
            owners: format!("{database}_owners"),
            staff: format!("{database}_staff"),
        }
    }
}

/// Whether `name` can be a database or login name Rapport makes: lower-case letters, digits and
/// underscores, starting with a letter, at most 40 (the group names add a suffix to it).
pub fn is_plain_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && name.len() <= 40
}

/// Makes the groups if missing (run as the administrator, connected to any database of the
/// server). Idempotent.
pub fn create_groups(admin: &mut Client, roles: &BookRoles) -> Result<(), postgres::Error> {
    for role in [&roles.owners, &roles.staff] {
        let exists = admin
            .query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[role])?
            .is_some();
        if !exists {
            admin.batch_execute(&format!("CREATE ROLE {} NOLOGIN", quote_ident(role)))?;
        }
    }
    // An administrator who is not a superuser (a managed server) acts for the owners through
    // membership; a superuser is a member of everything already.
    let superuser: bool = admin
        .query_one(
            "SELECT rolsuper FROM pg_roles WHERE rolname = current_user",
            &[],
        )?
        .try_get(0)?;
    if !superuser {
        admin.batch_execute(&format!(
            "GRANT {}, {} TO CURRENT_USER",
            quote_ident(&roles.owners),
            quote_ident(&roles.staff)
        ))?;
    }
    Ok(())
}

/// Makes the book's schema (owned by the owners group) and the login functions, connected as
/// the administrator to the book's own database. Idempotent.
pub fn prepare_database(
    admin: &mut Client,
    database: &str,
    roles: &BookRoles,
) -> Result<(), postgres::Error> {
    let owners = quote_ident(&roles.owners);
    let staff = quote_ident(&roles.staff);
    let db = quote_ident(database);
    admin.batch_execute(&format!(
        "REVOKE ALL ON DATABASE {db} FROM PUBLIC;
         GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {owners}, {staff};
         CREATE SCHEMA IF NOT EXISTS rapport AUTHORIZATION {owners};
         ALTER SCHEMA rapport OWNER TO {owners};
         GRANT USAGE ON SCHEMA rapport TO {staff};"
    ))?;
    admin.batch_execute(&login_functions(roles))?;
    Ok(())
}

/// The two SECURITY DEFINER functions that make and disable logins of this book.
fn login_functions(roles: &BookRoles) -> String {
    let owners_lit = quote_literal(&roles.owners);
    let staff_lit = quote_literal(&roles.staff);
    let owners = quote_ident(&roles.owners);
    format!(
        r#"
CREATE OR REPLACE FUNCTION rapport.create_login(login text, verifier text, as_owner boolean)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    IF NOT pg_has_role(session_user, {owners_lit}, 'MEMBER') THEN
        RAISE EXCEPTION 'add a login' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF login !~ '^[a-z][a-z0-9_]{{0,39}}$' THEN
        RAISE EXCEPTION 'a login is lower-case letters, digits and _ (at most 40), starting with a letter'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF verifier !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION 'the password must arrive as a SCRAM verifier' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        RAISE EXCEPTION 'a login named % already exists on this server', login
            USING ERRCODE = 'duplicate_object';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', login, verifier,
                   CASE WHEN as_owner THEN {owners_lit} ELSE {staff_lit} END);
END
$fn$;

-- Stops a person's sign-in for good: the role stays (what they did still names them), without
-- the right to log in or any membership, and their open sessions are ended.
CREATE OR REPLACE FUNCTION rapport.disable_login(login text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    IF NOT pg_has_role(session_user, {owners_lit}, 'MEMBER') THEN
        RAISE EXCEPTION 'remove a login' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF login = session_user THEN
        RAISE EXCEPTION 'an owner cannot remove their own login' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member
                    JOIN pg_roles g ON g.oid = m.roleid
                   WHERE r.rolname = login AND g.rolname IN ({owners_lit}, {staff_lit})) THEN
        RAISE EXCEPTION 'no login % in this book', login USING ERRCODE = 'undefined_object';
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN PASSWORD NULL', login);
    EXECUTE format('REVOKE %I, %I FROM %I', {owners_lit}, {staff_lit}, login);
    BEGIN
        PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = login;
    EXCEPTION WHEN insufficient_privilege THEN
        -- An administrator without the right to end sessions: they end at their next sign-in.
        NULL;
    END;
END
$fn$;

REVOKE ALL ON FUNCTION rapport.create_login(text, text, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION rapport.disable_login(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rapport.create_login(text, text, boolean) TO {owners};
GRANT EXECUTE ON FUNCTION rapport.disable_login(text) TO {owners};
"#
    )
}

/// Gives the staff group its rights on every table of the book: read and write the customer
/// book, read only [`READ_ONLY_FOR_STAFF`]. Run after every migration by an owner (tables a
/// migration adds get the same rights; a new read-only table joins that list). Idempotent.
pub fn grant_staff(
    client: &mut impl GenericClient,
    roles: &BookRoles,
) -> Result<(), postgres::Error> {
    if client
        .query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&roles.staff])?
        .is_none()
    {
        // A database that is no team's book yet (a template): nobody to give rights to.
        return Ok(());
    }
    let staff = quote_ident(&roles.staff);
    let read_only = READ_ONLY_FOR_STAFF
        .iter()
        .map(|t| format!("rapport.{}", quote_ident(t)))
        .collect::<Vec<_>>()
        .join(", ");
    client.batch_execute(&format!(
        "GRANT USAGE ON SCHEMA rapport TO {staff};
         GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA rapport TO {staff};
         GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA rapport TO {staff};
         REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {read_only} FROM {staff};"
    ))
}

/// A new login of this book with `password` (sent only as a SCRAM verifier, so the password
/// itself never reaches the server or its logs). Run by an owner.
pub fn create_login(
    client: &mut Client,
    login: &str,
    password: &str,
    as_owner: bool,
) -> Result<(), postgres::Error> {
    let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
    client.execute(
        "SELECT rapport.create_login($1, $2, $3)",
        &[&login, &verifier, &as_owner],
    )?;
    Ok(())
}

/// Stops `login` signing in (and ends their open sessions); what they did keeps their name.
pub fn disable_login(client: &mut Client, login: &str) -> Result<(), postgres::Error> {
    client.execute("SELECT rapport.disable_login($1)", &[&login])?;
    Ok(())
}

/// Whether the signed-in person is one of the book's owners.
pub fn is_owner(client: &mut impl GenericClient) -> Result<bool, postgres::Error> {
    client
        .query_one("SELECT rapport.is_owner()", &[])?
        .try_get(0)
}

/// Maps a failed login function call to what the owner can do about it.
pub(crate) fn login_error(server: &str, login: &str, error: &postgres::Error) -> ServerError {
    use postgres::error::SqlState;
    match error.as_db_error() {
        Some(db) if *db.code() == SqlState::DUPLICATE_OBJECT => ServerError::Invalid(format!(
            "A login named {login} already exists on the server {server}. Choose another with --login."
        )),
        Some(db) if *db.code() == SqlState::UNDEFINED_OBJECT => ServerError::Invalid(format!(
            "The book on {server} has no login named {login}. `rapport staff login list` shows them."
        )),
        Some(db) if *db.code() == SqlState::INVALID_PARAMETER_VALUE => {
            ServerError::Invalid(format!("{}.", capitalise(db.message())))
        }
        _ => ServerError::from_db(server, login, error),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_are_lower_case_words() {
        assert!(is_plain_name("rapport"));
        assert!(is_plain_name("shop_2"));
        assert!(!is_plain_name("2shop"));
        assert!(!is_plain_name("Shop"));
        assert!(!is_plain_name("a-b"));
        assert!(!is_plain_name(""));
        assert!(!is_plain_name(&"a".repeat(41)));
        assert_eq!(
            BookRoles::for_database("rapport"),
            BookRoles {
                owners: "rapport_owners".into(),
                staff: "rapport_staff".into()
            }
        );
    }
}
