//! A real PostgreSQL server for the tests: the one `tests/run` started (RAPPORT_TEST_PG), or,
//! for a lone `cargo test`, a throwaway cluster this process starts with the same script
//! (src-tauri/scripts/test-postgres.sh) and that stops when the process ends. No test is ever
//! skipped for want of a server.
//!
//! Each test gets a database of its own, copied from a template that holds the migrated schema
//! (CREATE DATABASE … TEMPLATE): isolated and quick.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};

use rapport_core::server::ServerUrl;
use rapport_core::store::postgres::{
    prepare_book, ConnectSpec, Credentials, PgStore, Pin, ServerAddress,
};
use rapport_core::store::SCHEMA_VERSION;

/// The variable `tests/run` sets: the admin's address with the certificate's fingerprint.
pub const SERVER_ENV: &str = "RAPPORT_TEST_PG";

/// A running test server, as its administrator reaches it.
pub struct TestServer {
    pub admin: ConnectSpec,
    /// The certificate's SHA-256 fingerprint.
    pub fingerprint: Vec<u8>,
}

/// A cluster this process started: it runs while the script's standard input is open.
pub struct OwnCluster {
    pub url: String,
    _script: Child,
    input: Option<ChildStdin>,
}

impl OwnCluster {
    /// Starts a throwaway cluster through the script; the URL is its first line of output.
    pub fn start() -> OwnCluster {
        // The core's tests run from src-tauri/core, the command line's from the top.
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let script = [
            "../scripts/test-postgres.sh",
            "src-tauri/scripts/test-postgres.sh",
        ]
        .iter()
        .map(|p| manifest.join(p))
        .find(|p| p.exists())
        .expect("src-tauri/scripts/test-postgres.sh");
        let mut child = Command::new("bash")
            .arg(&script)
            .arg("serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("run src-tauri/scripts/test-postgres.sh (bash)");
        let stdout = child.stdout.take().expect("script output");
        let mut url = String::new();
        BufReader::new(stdout)
            .read_line(&mut url)
            .expect("read the test server's address");
        assert!(
            url.starts_with("postgres://"),
            "the test server did not start (is PostgreSQL installed? bash src-tauri/scripts/setup.sh installs it)"
        );
        let input = child.stdin.take();
        OwnCluster {
            url: url.trim().to_string(),
            _script: child,
            input,
        }
    }

    /// Stops the cluster now and waits until it is gone.
    pub fn stop(mut self) {
        drop(self.input.take());
        let _ = self._script.wait();
    }
}

fn spec_from_url(url: &str) -> (ConnectSpec, Vec<u8>) {
    let url = ServerUrl::parse(url).expect("the test server's address");
    let Pin::Sha256(fingerprint) = url.pin.clone() else {
        panic!("the test server's address carries its fingerprint")
    };
    (
        ConnectSpec {
            address: url.address,
            pin: url.pin,
            credentials: Credentials {
                login: url.login.expect("admin login"),
                password: url.password.expect("admin password"),
            },
        },
        fingerprint,
    )
}

/// The server every test of this process uses.
pub fn server() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    // The cluster this process started lives as long as the process: its script's input is
    // never closed before, and the operating system closes it when the process ends.
    static OWN: OnceLock<Mutex<OwnCluster>> = OnceLock::new();
    SERVER.get_or_init(|| {
        let url = match std::env::var(SERVER_ENV) {
            Ok(url) if !url.is_empty() => url,
            _ => OWN
                .get_or_init(|| Mutex::new(OwnCluster::start()))
                .lock()
                .expect("cluster")
                .url
                .clone(),
        };
        let (admin, fingerprint) = spec_from_url(&url);
        TestServer { admin, fingerprint }
    })
}

/// A book of its own for one test, with an owner who signed in.
pub struct TestBook {
    pub database: String,
    pub admin: ConnectSpec,
    pub owner: ConnectSpec,
}

impl TestBook {
    /// Opens the book as `spec` (the owner, a staff member, …).
    pub fn open(&self, spec: &ConnectSpec) -> PgStore {
        PgStore::open(spec).expect("open the server book")
    }

    /// A desk on this book signed in with `spec`: a connection of its own, its files in
    /// `data_dir`.
    pub fn desk(&self, spec: &ConnectSpec, data_dir: &std::path::Path) -> rapport_core::Book {
        rapport_core::Book::from_store(rapport_core::store::Store::Postgres(Box::new(
            rapport_core::store::postgres::ServerBook::new(self.open(spec), data_dir),
        )))
    }

    pub fn owner_store(&self) -> PgStore {
        self.open(&self.owner)
    }

    /// Signs `login` in with `password` to this book.
    pub fn spec_for(&self, login: &str, password: &str) -> ConnectSpec {
        let mut spec = self.owner.clone();
        spec.credentials = Credentials {
            login: login.into(),
            password: password.into(),
        };
        spec
    }

    /// A new staff login (made by the owner, as `rapport staff login add` does).
    pub fn staff(&self, name: &str) -> ConnectSpec {
        let mut owner = self.owner_store();
        let login = format!("{}_{}", self.database, name.to_lowercase());
        let made = rapport_core::server::add_login(&mut owner, name, Some(&login), false)
            .expect("add a staff login");
        self.spec_for(&made.login, &made.password)
    }
}

fn unique_name(prefix: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!(
        "{prefix}{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

fn admin_client(database: &str) -> postgres::Client {
    let mut spec = server().admin.clone();
    spec.address.database = database.into();
    rapport_core::store::postgres::connect(&spec)
        .expect("connect as the test server's admin")
        .client
}

/// The template with the migrated schema, made once per server (test processes sharing one
/// server take turns through an advisory lock). Its objects belong to a builder role; each
/// copy hands them to its own book's owners group.
fn template() -> &'static str {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let name = format!("rapport_template_v{SCHEMA_VERSION}");
        let mut admin = admin_client("postgres");
        admin
            .execute("SELECT pg_advisory_lock(7411)", &[])
            .expect("template lock");
        let exists = admin
            .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&name])
            .expect("look for the template")
            .is_some();
        if !exists {
            let building = format!("{name}_building");
            admin
                .batch_execute(
                    "DO $$ BEGIN
                         IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rapport_template_builder') THEN
                             CREATE ROLE rapport_template_builder NOLOGIN;
                         END IF;
                     END $$",
                )
                .expect("template builder role");
            // One statement each: CREATE and DROP DATABASE refuse to run in a transaction.
            admin
                .batch_execute(&format!("DROP DATABASE IF EXISTS {building}"))
                .expect("drop a half-built template");
            admin
                .batch_execute(&format!(
                    "CREATE DATABASE {building} TEMPLATE template0 ENCODING 'UTF8'"
                ))
                .expect("create the template database");
            admin_client(&building)
                .batch_execute("CREATE SCHEMA rapport AUTHORIZATION rapport_template_builder")
                .expect("template schema");
            let mut spec = server().admin.clone();
            spec.address.database = building.clone();
            drop(PgStore::open(&spec).expect("migrate the template"));
            admin
                .batch_execute(&format!("ALTER DATABASE {building} RENAME TO {name}"))
                .expect("name the template");
        }
        admin
            .execute("SELECT pg_advisory_unlock(7411)", &[])
            .expect("template unlock");
        name
    })
}

/// A fresh book from the template, with its groups, and an owner login.
pub fn fresh_book() -> TestBook {
    let template = template();
    let database = unique_name("t");
    let mut admin = admin_client("postgres");
    admin
        .batch_execute(&format!(
            "CREATE ROLE {database}_owners NOLOGIN; CREATE ROLE {database}_staff NOLOGIN"
        ))
        .expect("the book's groups");
    admin
        .batch_execute(&format!("CREATE DATABASE {database} TEMPLATE {template}"))
        .expect("copy the template");
    admin_client(&database)
        .batch_execute(&format!(
            "REASSIGN OWNED BY rapport_template_builder TO {database}_owners"
        ))
        .expect("hand the schema to the book's owners");
    book_in(&database)
}

/// A fresh database prepared for a book (groups, schema, login functions) but not migrated,
/// with an owner login: for the tests of migrations.
pub fn unmigrated_book() -> TestBook {
    let database = unique_name("m");
    prepare_book(&server().admin, &database).expect("prepare the book");
    let mut admin_spec = server().admin.clone();
    admin_spec.address.database = database.clone();
    let owner_login = format!("{database}_owner");
    let password = "owner-password-1";
    let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
    let mut admin = admin_client(&database);
    admin
        .execute(
            "SELECT rapport.create_login($1, $2, true)",
            &[&owner_login, &verifier],
        )
        .expect("owner login");
    let mut owner = admin_spec.clone();
    owner.credentials = Credentials {
        login: owner_login,
        password: password.into(),
    };
    TestBook {
        database,
        admin: admin_spec,
        owner,
    }
}

fn book_in(database: &str) -> TestBook {
    let mut admin_spec = server().admin.clone();
    admin_spec.address.database = database.to_string();
    rapport_core::store::postgres::set_up_book(&server().admin, database).expect("set up the book");
    let mut admin_store = PgStore::open(&admin_spec).expect("open as admin");
    let owner = rapport_core::server::add_login(
        &mut admin_store,
        "Olivia Owner",
        Some(&format!("{database}_owner")),
        true,
    )
    .expect("owner login");
    let mut owner_spec = admin_spec.clone();
    owner_spec.credentials = Credentials {
        login: owner.login,
        password: owner.password,
    };
    TestBook {
        database: database.to_string(),
        admin: admin_spec,
        owner: owner_spec,
    }
}

/// An address where nothing listens: a port the system just handed out and took back.
pub fn closed_address() -> ServerAddress {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    ServerAddress {
        host: "127.0.0.1".into(),
        port,
        database: "rapport".into(),
    }
}
