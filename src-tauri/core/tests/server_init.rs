//! `rapport server init` and `rapport staff login …` against real servers: by URL on the shared
//! test server, and the local set-up (certificate, TLS, pg_hba, set-up role) on a cluster of
//! this test's own. Installing PostgreSQL through apt is the one step not run here.

mod common;

use common::pg::{server, OwnCluster};
use common::{add, person};
use rapport_core::server::init::{init_local, init_with_url, InitOptions, LocalCluster};
use rapport_core::server::{self, JoinCode, JoinTarget};
use rapport_core::store::postgres::{hex, PgStore};
use rapport_core::Book;

fn admin_url(
    url_base: &rapport_core::store::postgres::ConnectSpec,
    database: &str,
    fingerprint: &[u8],
) -> String {
    format!(
        "postgres://{}:{}@{}:{}/{database}?fingerprint={}",
        url_base.credentials.login,
        url_base.credentials.password,
        url_base.address.host,
        url_base.address.port,
        hex(fingerprint)
    )
}

fn unique(prefix: &str) -> String {
    format!("{prefix}{}", std::process::id())
}

#[test]
fn init_by_url_sets_up_the_book_and_its_join_code_lets_a_desk_in() {
    let test_server = server();
    let database = unique("initurl");
    // The owner's book so far: two customers, and the owner on the staff list.
    let owners_folder = tempfile::tempdir().expect("dir");
    let (ann, bob, olivia) = {
        let mut file = Book::open(owners_folder.path()).expect("the owner's book");
        let ann = add(&mut file, person("Ann", "Lee"));
        let bob = add(&mut file, person("Bob", "Stone"));
        let olivia = file
            .add_staff("Olivia Owner", "Owner", None)
            .expect("staff")
            .id;
        file.note_clean_close();
        (ann, bob, olivia)
    };
    let options = InitOptions {
        database: Some(database.clone()),
        owner_name: "Olivia Owner".into(),
        owner_login: Some(format!("{database}_olivia")),
        public_host: None,
        move_book_from: Some(owners_folder.path().to_path_buf()),
    };
    let url = admin_url(&test_server.admin, &database, &test_server.fingerprint);
    let report = init_with_url(&url, &options).expect("init");
    let owner = report.owner_login.clone().expect("a new owner login");
    let moved = report.moved.clone().expect("the owner's book was moved");
    assert_eq!(moved.contacts, 2);
    assert_eq!(moved.staff, 1);
    assert_eq!(
        owner.staff_id, olivia,
        "the owner's login is their moved staff entry"
    );
    assert!(
        report.warnings.iter().any(|w| w.contains("--public-host")),
        "127.0.0.1 is only this computer: {:?}",
        report.warnings
    );
    let code = JoinCode::decode(&report.join_code).expect("the printed code reads back");
    assert_eq!(code.address.database, database);
    assert_eq!(code.address.port, test_server.admin.address.port);
    assert_eq!(code.pin.to_vec(), test_server.fingerprint[..16].to_vec());

    // A desk joins with the code and the owner's one-time password.
    let desk = tempfile::tempdir().expect("dir");
    let joined = server::join(
        desk.path(),
        &JoinTarget::Code(report.join_code.clone()),
        Some(&owner.login),
        Some(&owner.password),
        false,
    )
    .expect("join");
    assert!(joined.owner);
    let team = Book::open_shared(desk.path(), &owner.password).expect("open the team book");
    assert_eq!(
        team.contact(ann).expect("Ann").contact.display_name,
        "Ann Lee"
    );
    assert_eq!(
        team.contact(bob).expect("Bob").contact.display_name,
        "Bob Stone"
    );
    let stamp = team
        .contact_stamp(ann)
        .expect("stamp")
        .expect("a server row");
    assert_eq!(
        stamp.created_by.as_deref(),
        Some(owner.login.as_str()),
        "the owner moved the book"
    );

    // The owner adds a colleague; the colleague signs in with the printed password.
    let saved = server::connection::load(desk.path())
        .expect("load")
        .expect("saved");
    let mut spec = saved.spec_with_password(&owner.password).expect("spec");
    let mut store = PgStore::open(&spec).expect("owner opens");
    let sam = server::add_login(
        &mut store,
        "Sam Staff",
        Some(&format!("{database}_sam")),
        false,
    )
    .expect("add Sam");
    assert_eq!(sam.password.len(), 19);
    spec.credentials.login = sam.login.clone();
    spec.credentials.password = sam.password.clone();
    let mut sam_store = PgStore::open(&spec).expect("Sam opens");
    assert!(!sam_store.is_owner().expect("owner?"));
    let staff_row: String = store
        .client()
        .query_one("SELECT name FROM staff WHERE login = $1", &[&sam.login])
        .map(|r| r.get(0))
        .expect("Sam is on the staff list");
    assert_eq!(staff_row, "Sam Staff");

    // Running init again changes nothing and makes no second owner.
    let again = init_with_url(&url, &options).expect("init again");
    assert!(again.owner_login.is_none());
    assert_eq!(again.join_code, report.join_code);
    assert!(again.moved.is_none(), "the book is not moved twice");
    assert!(
        again.warnings.iter().any(|w| w.contains("already holds")),
        "{:?}",
        again.warnings
    );
    assert_eq!(team.contact_count().expect("count"), 2);
}

#[test]
fn init_on_this_machine_turns_on_tls_and_lets_in_passwords_over_tls_only() {
    // A cluster of this test's own: init rewrites its certificate and pg_hba.
    let cluster = OwnCluster::start();
    let url = rapport_core::server::ServerUrl::parse(&cluster.url).expect("url");
    let admin_spec = rapport_core::store::postgres::ConnectSpec {
        address: url.address.clone(),
        pin: url.pin.clone(),
        credentials: rapport_core::store::postgres::Credentials {
            login: url.login.clone().expect("login"),
            password: url.password.clone().expect("password"),
        },
    };
    let mut admin = rapport_core::store::postgres::connect(&admin_spec)
        .expect("admin")
        .client;
    let setting = |client: &mut postgres::Client, sql: &str| -> String {
        client.query_one(sql, &[]).map(|r| r.get(0)).expect(sql)
    };
    let data_dir = setting(&mut admin, "SHOW data_directory");
    let bin_dir = setting(
        &mut admin,
        "SELECT setting FROM pg_config WHERE name = 'BINDIR'",
    );
    drop(admin);
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let local = LocalCluster {
        bin_dir: bin_dir.into(),
        data_dir: data_dir.clone().into(),
        port: url.address.port,
        socket_dir: Some(data_dir.clone().into()),
        run_as: is_root.then(|| "postgres".to_string()),
        restart: None,
    };
    let owners_folder = tempfile::tempdir().expect("dir");
    let ann = {
        let mut file = Book::open(owners_folder.path()).expect("the owner's book");
        add(&mut file, person("Ann", "Lee"))
    };
    let options = InitOptions {
        database: Some("rapport".into()),
        owner_name: "Olivia Owner".into(),
        owner_login: None,
        public_host: Some("127.0.0.1".into()),
        move_book_from: Some(owners_folder.path().to_path_buf()),
    };
    let report = init_local(&options, Some(local), Some("127.0.0.1")).expect("init");
    let owner = report.owner_login.clone().expect("owner");
    assert_eq!(owner.login, "olivia_owner");

    // The server shows the certificate init made (not the one it started with).
    let code = JoinCode::decode(&report.join_code).expect("code");
    let rapport_core::store::postgres::Pin::Sha256(started_with) = &url.pin else {
        panic!("the test server's address carries its fingerprint")
    };
    assert_ne!(code.pin.to_vec(), started_with[..16].to_vec());
    let desk = tempfile::tempdir().expect("dir");
    server::join(
        desk.path(),
        &JoinTarget::Code(report.join_code.clone()),
        Some(&owner.login),
        Some(&owner.password),
        false,
    )
    .expect("the owner joins over TLS with the new certificate");
    assert_eq!(report.moved.as_ref().map(|m| m.contacts), Some(1));
    let team = Book::open_shared(desk.path(), &owner.password).expect("open the team book");
    assert_eq!(
        team.contact(ann).expect("Ann").contact.display_name,
        "Ann Lee"
    );
    drop(team);
    let hba = std::fs::read_to_string(format!("{data_dir}/pg_hba.conf")).expect("hba");
    assert!(hba.starts_with("# BEGIN Rapport book rapport"), "{hba}");
    assert!(hba.contains("samenet       scram-sha-256"));

    // Without TLS the server lets no one in, not even with the right password.
    let plain = postgres::Client::connect(
        &format!(
            "host=127.0.0.1 port={} dbname=rapport user={} password={} sslmode=disable",
            url.address.port, owner.login, owner.password
        ),
        postgres::NoTls,
    );
    let refused = plain
        .err()
        .and_then(|e| {
            e.as_db_error()
                .map(|db| format!("{} {}", db.code().code(), db.message()))
        })
        .unwrap_or_default();
    assert!(refused.starts_with("28000"), "{refused}");
    assert!(refused.contains("no encryption"), "{refused}");

    // The set-up role cannot sign in any more.
    let mut admin_spec = admin_spec;
    admin_spec.pin = code.pin();
    let mut admin = rapport_core::store::postgres::connect(&admin_spec)
        .expect("admin")
        .client;
    let can_login: bool = admin
        .query_one(
            "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'rapport_setup'",
            &[],
        )
        .map(|r| r.get(0))
        .expect("setup role");
    assert!(!can_login);
    drop(admin);
    cluster.stop();
}
