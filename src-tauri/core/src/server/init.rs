//! `rapport server init`: makes a PostgreSQL server ready for the team's book and prints the
//! join code every desk types.
//!
//! With `--url postgres://admin:…@host/db` it works on any PostgreSQL 13 or newer the owner
//! already has: the database, the owners and staff groups, the schema, the login functions, and
//! a first owner login. The server's own certificate is pinned (it must offer TLS).
//!
//! Without a URL, on a Debian or Ubuntu machine, it first sets PostgreSQL up on this machine:
//! installs it through apt where missing, gives it a certificate of its own (made here), lets
//! the local network in over TLS with passwords only (pg_hba: `hostssl … samenet
//! scram-sha-256`), and then does the same as with a URL through a set-up role that is switched
//! off at the end.
//!
//! Then it moves the book of this data folder onto the server when the server's book is still
//! empty (`--empty` starts the team on an empty book instead): every customer, timeline, photo,
//! record, staff member and setting with its id, in one transaction, signed in as the new owner
//! so every row says the owner put it there (see move_in.rs). The book file stays where it was,
//! untouched: the way back to working alone.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::paths::{OutputGuard, OutputKind};
use crate::store::postgres::{
    colon_hex, hex, set_up_book, ConnectSpec, Credentials, PgStore, Pin, ServerAddress, ServerError,
};

use super::connection::ServerUrl;
use super::join_code::{JoinCode, DEFAULT_DATABASE};
use super::local::{debian_cluster, ensure_installed, local_addresses, run_as_root, run_capture};
pub use super::local::{LocalCluster, LISTEN_EVERYWHERE};
use super::move_in::MovedBook;
use super::NewLogin;
use crate::store::postgres::ServerBook;
use crate::store::Store;

/// What `rapport server init` is asked to do.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The book's database on the server; None: `rapport`, or with a URL the database it names
    /// (see [`book_database`]).
    pub database: Option<String>,
    /// The first owner's name (their staff entry) and login.
    pub owner_name: String,
    pub owner_login: Option<String>,
    /// The address desks use to reach the server, when not the one Rapport finds.
    pub public_host: Option<String>,
    /// The data folder whose book is moved onto the server (when the server's book is empty).
    pub move_book_from: Option<PathBuf>,
}

/// What `rapport server init` did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InitReport {
    pub join_code: String,
    pub server: String,
    /// The certificate's SHA-256 fingerprint (AB:CD:…), for comparing by eye.
    pub fingerprint: String,
    /// The first owner's new login, None when it existed already (its password unchanged).
    pub owner_login: Option<NewLogin>,
    /// Steps taken on this machine (local set-up only).
    pub steps: Vec<String>,
    /// The owner's book moved onto the server, if one was.
    pub moved: Option<MovedBook>,
    /// Something the owner should know (an address other desks cannot reach…).
    pub warnings: Vec<String>,
}

/// Sets up the book on the server `url` names (with an administrator's login and password).
pub fn init_with_url(url: &str, options: &InitOptions) -> crate::Result<InitReport> {
    let url = ServerUrl::parse(url)?;
    let login = url.login.clone().ok_or_else(|| {
        ServerError::Invalid(
            "The URL must name the administrator: postgres://NAME:PASSWORD@host/…".into(),
        )
    })?;
    let password = url
        .password
        .clone()
        .or_else(|| std::env::var(crate::store::postgres::PASSWORD_ENV).ok())
        .ok_or_else(|| {
            ServerError::Invalid(format!(
                "The URL gives no password for {login}: put it in the URL or in {}.",
                crate::store::postgres::PASSWORD_ENV
            ))
        })?;
    let mut address = url.address.clone();
    address.database = book_database(&url.address.database, options.database.as_deref())?;
    let spec = ConnectSpec {
        address,
        pin: url.pin.clone(),
        credentials: Credentials { login, password },
    };
    set_up(&spec, options, Vec::new())
}

/// The databases every PostgreSQL server has for itself; an administrator's URL usually names
/// one, so it says where to sign in, never where the book goes.
const SERVER_DATABASES: [&str; 3] = ["postgres", "template0", "template1"];

/// The book's database for `init --url`: the one the URL names, unless that is one of the
/// server's own (then `asked`, or `rapport`); a URL and `asked` naming two books is refused
/// rather than one of them silently ignored.
fn book_database(in_url: &str, asked: Option<&str>) -> Result<String, ServerError> {
    if in_url == DEFAULT_DATABASE || SERVER_DATABASES.contains(&in_url) {
        return Ok(asked.unwrap_or(DEFAULT_DATABASE).to_string());
    }
    match asked {
        Some(asked) if asked != in_url => Err(ServerError::Invalid(format!(
            "The URL names the database {in_url} and --database names {asked}: give the book's database once."
        ))),
        _ => Ok(in_url.to_string()),
    }
}

fn set_up(
    spec: &ConnectSpec,
    options: &InitOptions,
    steps: Vec<String>,
) -> crate::Result<InitReport> {
    set_up_book(spec, &spec.address.database)?;
    // The certificate seen while setting up is pinned for the administrator's next
    // connections too: the book's server cannot change in between.
    let mut admin = PgStore::open(spec)?;
    let fingerprint = admin.certificate_fingerprint();
    let mut warnings = Vec::new();
    let owner_login = options
        .owner_login
        .clone()
        .or_else(|| super::login_for(&options.owner_name))
        .ok_or_else(|| {
            ServerError::Invalid(format!(
                "No login can be made from {:?}: choose one with --owner-login.",
                options.owner_name
            ))
        })?;
    let exists = admin
        .logins()?
        .iter()
        .any(|(login, ..)| *login == owner_login);
    let owner_password = if exists {
        warnings.push(format!(
            "The owner login {owner_login} exists already; its password is unchanged."
        ));
        None
    } else {
        let password = super::generate_password()?;
        admin.create_login(&owner_login, &password, true)?;
        Some(password)
    };
    // The book is moved before the owner joins the staff list (the list moved may name them),
    // signed in as the owner so every row says the owner put it there.
    let moved = match &options.move_book_from {
        Some(data_dir) => match super::move_in::book_file_in(data_dir)? {
            Some(file_book) => {
                let mover = match &owner_password {
                    Some(password) => PgStore::open(&ConnectSpec {
                        address: spec.address.clone(),
                        pin: Pin::Sha256(fingerprint.to_vec()),
                        credentials: Credentials {
                            login: owner_login.clone(),
                            password: password.clone(),
                        },
                    })?,
                    None => PgStore::open(spec)?,
                };
                let server_book = Store::Postgres(Box::new(ServerBook::new(mover, data_dir)));
                if server_book.is_empty_book()? {
                    Some(super::move_in::copy_book(&file_book, &server_book)?)
                } else {
                    warnings.push(format!(
                        "The book on the server already holds customers or photos, so this computer's book ({}) was not copied into it; it stays as it was.",
                        data_dir.join(crate::store::DATABASE_FILE).display()
                    ));
                    None
                }
            }
            None => None,
        },
        None => None,
    };
    let new_owner = match owner_password {
        Some(password) => {
            let name = options.owner_name.trim().to_string();
            let staff_id = admin.link_staff_login(&name, &owner_login)?;
            Some(NewLogin {
                name,
                login: owner_login.clone(),
                password,
                owner: true,
                staff_id,
            })
        }
        None => None,
    };
    let mut public = spec.address.clone();
    if let Some(host) = &options.public_host {
        public.host = host.clone();
    } else if is_loopback(&public.host) {
        warnings.push(format!(
            "The join code names {}, which only this computer reaches; give the address other desks use with --public-host.",
            public.host
        ));
    }
    let code = JoinCode::new(public.clone(), &fingerprint);
    Ok(InitReport {
        join_code: code.encode()?,
        server: public.to_string(),
        fingerprint: colon_hex(&fingerprint),
        owner_login: new_owner,
        steps,
        moved,
        warnings,
    })
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

// ----- PostgreSQL on this machine -----

/// Sets up PostgreSQL on this Debian/Ubuntu machine (installed through apt when missing) and the
/// book on it. `cluster` None: the machine's cluster (`pg_lsclusters`); `listen` None: every
/// address.
pub fn init_local(
    options: &InitOptions,
    cluster: Option<LocalCluster>,
    listen: Option<&str>,
) -> crate::Result<InitReport> {
    let mut steps = Vec::new();
    let cluster = match cluster {
        Some(cluster) => cluster,
        None => {
            if ensure_installed()? {
                steps.push("installed PostgreSQL (apt-get install postgresql)".to_string());
            }
            debian_cluster()?
        }
    };
    let setup = |step: &str, detail: String| ServerError::Setup {
        step: step.to_string(),
        detail,
    };
    // A certificate of the server's own, for every name and address desks may use.
    let mut names = vec!["localhost".to_string(), "127.0.0.1".to_string()];
    names.extend(local_addresses());
    if let Some(host) = &options.public_host {
        names.push(host.clone());
    }
    if let Ok(name) = run_capture(&["hostname"]) {
        names.push(name.trim().to_string());
    }
    names.retain(|n| !n.is_empty());
    names.dedup();
    let key =
        rcgen::KeyPair::generate().map_err(|e| setup("making the server's key", e.to_string()))?;
    let mut params = rcgen::CertificateParams::new(names.clone())
        .map_err(|e| setup("making the server's certificate", e.to_string()))?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Rapport book server");
    let certificate = params
        .self_signed(&key)
        .map_err(|e| setup("making the server's certificate", e.to_string()))?;
    let fingerprint = crate::store::postgres::fingerprint(certificate.der());
    let cert_path = cluster.data_dir.join("rapport-server.crt");
    let key_path = cluster.data_dir.join("rapport-server.key");
    let guard = OutputGuard::without_book_file(&cluster.data_dir);
    guard.write_bytes(
        &cert_path,
        OutputKind::Document,
        certificate.pem().as_bytes(),
    )?;
    guard.write_bytes(
        &key_path,
        OutputKind::Document,
        key.serialize_pem().as_bytes(),
    )?;
    hand_over(&cluster, &cert_path, 0o644)?;
    hand_over(&cluster, &key_path, 0o600)?;
    steps.push(format!(
        "made the server's certificate {} (fingerprint {})",
        cert_path.display(),
        colon_hex(&fingerprint)
    ));

    let database = options.database.as_deref().unwrap_or(DEFAULT_DATABASE);
    if !crate::store::postgres::is_plain_name(database) {
        return Err(ServerError::Invalid(format!(
            "The database name {database:?} cannot be used: use lower-case letters, digits and _, starting with a letter."
        ))
        .into());
    }
    let roles = crate::store::postgres::BookRoles::for_database(database);
    let listen = listen.unwrap_or(LISTEN_EVERYWHERE);
    let old_listen = psql(&cluster, "SHOW listen_addresses")?;
    let hba_file = PathBuf::from(psql(&cluster, "SHOW hba_file")?.trim());
    let setup_password = super::generate_password()?;
    let setup_role = "rapport_setup";
    psql(
        &cluster,
        &format!(
            "ALTER SYSTEM SET ssl = on;
             ALTER SYSTEM SET ssl_cert_file = {cert};
             ALTER SYSTEM SET ssl_key_file = {key};
             ALTER SYSTEM SET password_encryption = 'scram-sha-256';
             ALTER SYSTEM SET listen_addresses = {listen};
             DO $$ BEGIN
                 IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{setup_role}') THEN
                     CREATE ROLE {setup_role} NOLOGIN;
                 END IF;
             END $$;
             ALTER ROLE {setup_role} LOGIN CREATEROLE CREATEDB PASSWORD {password};
             GRANT pg_signal_backend TO {setup_role};",
            cert = sql_literal(&cert_path.display().to_string()),
            key = sql_literal(&key_path.display().to_string()),
            listen = sql_literal(listen),
            password = sql_literal(&postgres_protocol::password::scram_sha_256(
                setup_password.as_bytes()
            )),
        ),
    )?;
    steps.push("turned on TLS with that certificate, and SCRAM passwords".to_string());
    write_hba(&cluster, &hba_file, database, &roles, setup_role)?;
    steps.push(format!(
        "let the local network into {database} over TLS with passwords only ({})",
        hba_file.display()
    ));
    if old_listen.trim() != listen {
        let restart = cluster.restart.clone().ok_or_else(|| {
            setup(
                "restarting PostgreSQL",
                format!("it listens on {:?} and must be restarted to listen on {listen:?}; restart it, then run this again", old_listen.trim()),
            )
        })?;
        run_as_root(&restart.iter().map(String::as_str).collect::<Vec<_>>())
            .map_err(|e| setup("restarting PostgreSQL", e))?;
        steps.push(format!("restarted PostgreSQL to listen on {listen}"));
    } else {
        psql(&cluster, "SELECT pg_reload_conf()")?;
    }
    let spec = ConnectSpec {
        address: ServerAddress {
            host: "127.0.0.1".into(),
            port: cluster.port,
            database: database.to_string(),
        },
        pin: Pin::Sha256(fingerprint.to_vec()),
        credentials: Credentials {
            login: setup_role.into(),
            password: setup_password,
        },
    };
    let mut options = options.clone();
    if options.public_host.is_none() {
        options.public_host = local_addresses().into_iter().next();
    }
    let result = wait_until_up(&spec).and_then(|()| set_up(&spec, &options, steps));
    // The set-up role keeps owning the login functions, but nobody signs in with it.
    let switched_off = psql(
        &cluster,
        &format!("ALTER ROLE {setup_role} NOLOGIN PASSWORD NULL"),
    );
    let report = result?;
    switched_off?;
    Ok(report)
}

/// After a restart the server takes a moment to accept connections, and after a reload to
/// show its new certificate.
fn wait_until_up(spec: &ConnectSpec) -> crate::Result<()> {
    // The server's own database: the book's may not exist yet.
    let mut spec = spec.clone();
    spec.address.database = "postgres".into();
    let mut last = None;
    for _ in 0..40 {
        match crate::store::postgres::connect(&spec) {
            Ok(_) => return Ok(()),
            Err(
                error @ (ServerError::Unreachable { .. } | ServerError::CertificateMismatch { .. }),
            ) => {
                last = Some(error);
                std::thread::sleep(std::time::Duration::from_millis(250));
            }
            Err(error) => return Err(error.into()),
        }
    }
    Err(last
        .unwrap_or_else(|| ServerError::Invalid("PostgreSQL did not come up.".into()))
        .into())
}

/// Lines Rapport adds to pg_hba.conf, first (the first matching line decides), between markers
/// so a second run replaces them.
fn hba_block(
    database: &str,
    roles: &crate::store::postgres::BookRoles,
    setup_role: &str,
) -> String {
    let members = format!("+{},+{}", roles.owners, roles.staff);
    format!(
        "# BEGIN Rapport book {database} (written by `rapport server init`)\n\
         hostssl   {database},postgres  {setup_role}  127.0.0.1/32  scram-sha-256\n\
         hostssl   {database}  {members}  samenet       scram-sha-256\n\
         hostssl   {database}  {members}  127.0.0.1/32  scram-sha-256\n\
         hostssl   {database}  {members}  ::1/128       scram-sha-256\n\
         hostnossl {database}  all  all  reject\n\
         # END Rapport book {database}\n"
    )
}

fn write_hba(
    cluster: &LocalCluster,
    hba_file: &Path,
    database: &str,
    roles: &crate::store::postgres::BookRoles,
    setup_role: &str,
) -> crate::Result<()> {
    let current = std::fs::read_to_string(hba_file).map_err(|e| ServerError::Setup {
        step: format!("reading {}", hba_file.display()),
        detail: e.to_string(),
    })?;
    let begin = format!("# BEGIN Rapport book {database} ");
    let end = format!("# END Rapport book {database}\n");
    let mut kept = String::new();
    let mut inside = false;
    for line in current.split_inclusive('\n') {
        if line.starts_with(&begin) {
            inside = true;
        } else if inside && line == end {
            inside = false;
        } else if !inside {
            kept.push_str(line);
        }
    }
    let text = format!("{}{kept}", hba_block(database, roles, setup_role));
    let folder = hba_file.parent().unwrap_or(Path::new("."));
    OutputGuard::without_book_file(folder).write_bytes(
        hba_file,
        OutputKind::Document,
        text.as_bytes(),
    )?;
    hand_over(cluster, hba_file, 0o640)
}

/// Gives a file Rapport wrote to the cluster's user, with `mode`.
fn hand_over(cluster: &LocalCluster, path: &Path, mode: u32) -> crate::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let fail = |e: std::io::Error| ServerError::Setup {
        step: format!("handing {} to PostgreSQL", path.display()),
        detail: e.to_string(),
    };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(fail)?;
    if let Some(user) = &cluster.run_as {
        let uid = run_capture(&["id", "-u", user]).map_err(|e| ServerError::Setup {
            step: format!("finding the user {user}"),
            detail: e,
        })?;
        let gid = run_capture(&["id", "-g", user]).map_err(|e| ServerError::Setup {
            step: format!("finding the group of {user}"),
            detail: e,
        })?;
        let (Ok(uid), Ok(gid)) = (uid.trim().parse(), gid.trim().parse()) else {
            return Err(ServerError::Setup {
                step: format!("finding the user {user}"),
                detail: "no such user".into(),
            }
            .into());
        };
        std::os::unix::fs::chown(path, Some(uid), Some(gid)).map_err(fail)?;
    }
    Ok(())
}

/// Runs SQL as the cluster's administrator over its Unix socket (psql), returning its output.
fn psql(cluster: &LocalCluster, sql: &str) -> crate::Result<String> {
    let psql = {
        let beside = cluster.bin_dir.join("psql");
        if beside.exists() {
            beside.display().to_string()
        } else {
            "psql".to_string()
        }
    };
    let port = cluster.port.to_string();
    let mut args: Vec<String> = Vec::new();
    if let Some(user) = &cluster.run_as {
        args.extend(["runuser".into(), "-u".into(), user.clone(), "--".into()]);
    }
    args.extend([psql, "-X".into(), "-q".into(), "-A".into(), "-t".into()]);
    args.extend(["-v".into(), "ON_ERROR_STOP=1".into(), "-p".into(), port]);
    if let Some(socket) = &cluster.socket_dir {
        args.extend(["-h".into(), socket.display().to_string()]);
    }
    args.extend([
        "-U".into(),
        "postgres".into(),
        "-d".into(),
        "postgres".into(),
    ]);
    let mut child = Command::new(&args[0])
        .args(&args[1..])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| ServerError::Setup {
            step: "running psql as PostgreSQL's administrator".into(),
            detail: e.to_string(),
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(sql.as_bytes());
    }
    let output = child.wait_with_output().map_err(|e| ServerError::Setup {
        step: "running psql".into(),
        detail: e.to_string(),
    })?;
    if !output.status.success() {
        return Err(ServerError::Setup {
            step: "changing PostgreSQL's settings".into(),
            detail: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        }
        .into());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn sql_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The fingerprint as hexadecimal, as `--url …?fingerprint=` takes it.
pub fn fingerprint_param(fingerprint: &[u8; 32]) -> String {
    hex(fingerprint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hba_block_lets_in_tls_with_passwords_only() {
        let roles = crate::store::postgres::BookRoles::for_database("rapport");
        let block = hba_block("rapport", &roles, "rapport_setup");
        assert!(block.contains(
            "hostssl   rapport  +rapport_owners,+rapport_staff  samenet       scram-sha-256"
        ));
        assert!(block.contains("hostnossl rapport  all  all  reject"));
        assert!(!block.contains("trust"));
        assert!(!block.lines().any(|l| l.starts_with("host ")));
    }

    #[test]
    fn the_book_never_goes_into_the_server_s_own_database() {
        let book = |in_url, asked| book_database(in_url, asked).map_err(|e| e.to_string());
        // An administrator's URL names the maintenance database: the book gets its own.
        assert_eq!(book("postgres", None), Ok("rapport".into()));
        assert_eq!(book("template1", Some("shop")), Ok("shop".into()));
        assert_eq!(book("rapport", Some("shop")), Ok("shop".into()));
        assert_eq!(book("shop", None), Ok("shop".into()));
        assert_eq!(book("shop", Some("shop")), Ok("shop".into()));
        let refused = book("shop", Some("team")).expect_err("two books named");
        assert!(
            refused.contains("shop") && refused.contains("team"),
            "{refused}"
        );
    }
}
