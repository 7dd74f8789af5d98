//! Opening the database file: settings, migrations, and files that must be refused untouched.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use std::path::Path;

use common::*;
use rapport_core::store::{Store, StoreError, DATABASE_FILE, SCHEMA_VERSION};
use rapport_core::{Book, Error};

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

#[test]
fn a_new_database_uses_wal_full_sync_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let settings = store.connection_settings().unwrap();
    assert_eq!(settings.journal_mode, "wal");
    assert_eq!(settings.synchronous, 2, "synchronous = FULL");
    assert!(settings.foreign_keys);
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn a_database_of_every_earlier_version_migrates_with_its_data() {
    for version in 1..SCHEMA_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DATABASE_FILE);
        {
            let old = Store::open_at(&path, version).unwrap();
            assert_eq!(old.schema_version().unwrap(), version);
        }
        // Rows written as that version's schema had them, by SQL of that time.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(FIXTURE_ROWS[version as usize - 1])
            .unwrap();
        drop(conn);
        let book = Book::open(dir.path()).unwrap();
        assert_eq!(
            book.schema_version().unwrap(),
            SCHEMA_VERSION,
            "from version {version}"
        );
        assert_eq!(book.contact_count().unwrap(), 1, "from version {version}");
        assert_eq!(
            search(&book, "odegard"),
            ["Sigrid Ødegård"],
            "index built from version {version}"
        );
        assert_eq!(search(&book, "sigrid@"), ["Sigrid Ødegård"]);
        assert_eq!(search(&book, "vip"), ["Sigrid Ødegård"]);
        let detail = book.contact(1).unwrap();
        assert_eq!(
            detail.version, 1,
            "a contact from before versions starts at 1"
        );
        assert_eq!(detail.timeline.len(), 1, "from version {version}");
        assert_eq!(detail.timeline[0].note, "Asked about tulips");
        assert_eq!(
            detail
                .contact
                .last_contacted
                .map(|d| d.to_string())
                .as_deref(),
            Some("2025-03-01")
        );
        if version >= 7 {
            // The migration gives the stored number its tails: any stretch of it finds it.
            for typed in ["33 44", "4455", "+47 22"] {
                assert_eq!(search(&book, typed), ["Sigrid Ødegård"], "{typed:?}");
            }
            assert!(search(&book, "3344 99").is_empty());
        }
        if version >= 3 {
            // Fixtures from version 3 on hold an address: Sigrid can be sent a card, unless a
            // card came back (versions 4 to 6 mark the address undeliverable).
            let returned = book.address_undeliverable(1).unwrap().is_some();
            assert_eq!(
                returned,
                (4..=6).contains(&version),
                "from version {version}"
            );
            let expected = if returned { 0 } else { 1 };
            assert_eq!(book.mailable_contact_count().unwrap(), expected);
        }
        assert_eq!(book.integrity_check().unwrap(), "ok");
    }
}

/// One fixture per earlier schema version (index = version - 1).
const FIXTURE_ROWS: &[&str] = &[
    // version 1: contacts and touchpoints, no search index yet
    "
    INSERT INTO contacts (id, given_name, family_name, display_name, sort_key, last_contacted, created_at, updated_at)
        VALUES (1, 'Sigrid', 'Ødegård', 'Sigrid Ødegård', 'sigrid odegard', '2025-03-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
    INSERT INTO contact_emails (contact_id, position, label, value) VALUES (1, 0, 'work', 'sigrid@example.no');
    INSERT INTO tags (id, name, name_key) VALUES (1, 'VIP', 'vip');
    INSERT INTO contact_tags (contact_id, tag_id) VALUES (1, 1);
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (7, 1, 'call', '2025-03-01', 'Asked about tulips', '2025-03-01T10:00:00Z');
    ",
    // version 2: the search index holds folded text
    "
    INSERT INTO contacts (id, given_name, family_name, display_name, sort_key, last_contacted, created_at, updated_at)
        VALUES (1, 'Sigrid', 'Ødegård', 'Sigrid Ødegård', 'sigrid odegard', '2025-03-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
    INSERT INTO contact_emails (contact_id, position, label, value) VALUES (1, 0, 'work', 'sigrid@example.no');
    INSERT INTO tags (id, name, name_key) VALUES (1, 'VIP', 'vip');
    INSERT INTO contact_tags (contact_id, tag_id) VALUES (1, 1);
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (7, 1, 'call', '2025-03-01', 'Asked about tulips', '2025-03-01T10:00:00Z');
    INSERT INTO contact_search (rowid, name, company, email, phone, tags, notes)
        VALUES (1, 'sigrid odegard sigrid odegard', '', 'sigrid@example.no', '', 'vip', '');
    ",
    // version 3: touchpoint kinds include welcome_sent and card_sent
    "
    INSERT INTO contacts (id, given_name, family_name, display_name, sort_key, last_contacted, created_at, updated_at)
        VALUES (1, 'Sigrid', 'Ødegård', 'Sigrid Ødegård', 'sigrid odegard', '2025-03-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
    INSERT INTO contact_emails (contact_id, position, label, value) VALUES (1, 0, 'work', 'sigrid@example.no');
    INSERT INTO contact_addresses (contact_id, position, label, street, city, region, postal_code, country)
        VALUES (1, 0, 'home', 'Storgata 1', 'Oslo', '', '0155', 'NO');
    INSERT INTO tags (id, name, name_key) VALUES (1, 'VIP', 'vip');
    INSERT INTO contact_tags (contact_id, tag_id) VALUES (1, 1);
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (7, 1, 'call', '2025-03-01', 'Asked about tulips', '2025-03-01T10:00:00Z');
    INSERT INTO contact_search (rowid, name, company, email, phone, tags, notes)
        VALUES (1, 'sigrid odegard sigrid odegard', '', 'sigrid@example.no', '', 'vip', '');
    INSERT INTO settings (key, value) VALUES ('business_name', 'Tulip & Co');
    ",
    // version 4: the owner's own occasions; a returned card flags the address
    "
    INSERT INTO contacts (id, given_name, family_name, display_name, sort_key, last_contacted, created_at, updated_at)
        VALUES (1, 'Sigrid', 'Ødegård', 'Sigrid Ødegård', 'sigrid odegard', '2025-03-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
    INSERT INTO contact_emails (contact_id, position, label, value) VALUES (1, 0, 'work', 'sigrid@example.no');
    INSERT INTO contact_addresses (contact_id, position, label, street, city, region, postal_code, country)
        VALUES (1, 0, 'home', 'Storgata 1', 'Oslo', '', '0155', 'NO');
    INSERT INTO tags (id, name, name_key) VALUES (1, 'VIP', 'vip');
    INSERT INTO contact_tags (contact_id, tag_id) VALUES (1, 1);
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (7, 1, 'call', '2025-03-01', 'Asked about tulips', '2025-03-01T10:00:00Z');
    INSERT INTO contact_search (rowid, name, company, email, phone, tags, notes)
        VALUES (1, 'sigrid odegard sigrid odegard', '', 'sigrid@example.no', '', 'vip', '');
    INSERT INTO settings (key, value) VALUES ('business_name', 'Tulip & Co');
    INSERT INTO occasions (id, name, kind, rule, month, day, created_at)
        VALUES (1, 'Shop birthday', 'general', 'fixed', 3, 14, '2025-01-01T00:00:00Z');
    UPDATE contacts SET address_undeliverable_on = '2025-06-01' WHERE id = 1;
    ",
    // version 5: staff, photos and welcome messages; touchpoint 9 was logged and deleted
    "
    INSERT INTO contacts (id, given_name, family_name, display_name, sort_key, last_contacted, created_at, updated_at)
        VALUES (1, 'Sigrid', 'Ødegård', 'Sigrid Ødegård', 'sigrid odegard', '2025-03-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
    INSERT INTO contact_emails (contact_id, position, label, value) VALUES (1, 0, 'work', 'sigrid@example.no');
    INSERT INTO contact_addresses (contact_id, position, label, street, city, region, postal_code, country)
        VALUES (1, 0, 'home', 'Storgata 1', 'Oslo', '', '0155', 'NO');
    INSERT INTO tags (id, name, name_key) VALUES (1, 'VIP', 'vip');
    INSERT INTO contact_tags (contact_id, tag_id) VALUES (1, 1);
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (7, 1, 'call', '2025-03-01', 'Asked about tulips', '2025-03-01T10:00:00Z');
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (9, 1, 'welcome_sent', '2025-02-01', 'Welcome', '2025-02-01T10:00:00Z');
    DELETE FROM touchpoints WHERE id = 9;
    INSERT INTO contact_search (rowid, name, company, email, phone, tags, notes)
        VALUES (1, 'sigrid odegard sigrid odegard', '', 'sigrid@example.no', '', 'vip', '');
    INSERT INTO settings (key, value) VALUES ('business_name', 'Tulip & Co');
    INSERT INTO occasions (id, name, kind, rule, month, day, created_at)
        VALUES (1, 'Shop birthday', 'general', 'fixed', 3, 14, '2025-01-01T00:00:00Z');
    UPDATE contacts SET address_undeliverable_on = '2025-06-01' WHERE id = 1;
    INSERT INTO staff (id, name, role, created_at) VALUES (1, 'Maria', 'Baker', '2025-01-01T00:00:00Z');
    INSERT INTO welcome_sends (batch, contact_id, status, updated_at)
        VALUES (1, 1, 'sent', '2025-02-01T10:00:00Z');
    ",
    // version 6: the same rows after the faster-writes rebuild of the timeline
    "
    INSERT INTO contacts (id, given_name, family_name, display_name, sort_key, last_contacted, created_at, updated_at)
        VALUES (1, 'Sigrid', 'Ødegård', 'Sigrid Ødegård', 'sigrid odegard', '2025-03-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
    INSERT INTO contact_emails (contact_id, position, label, value) VALUES (1, 0, 'work', 'sigrid@example.no');
    INSERT INTO contact_addresses (contact_id, position, label, street, city, region, postal_code, country)
        VALUES (1, 0, 'home', 'Storgata 1', 'Oslo', '', '0155', 'NO');
    INSERT INTO tags (id, name, name_key) VALUES (1, 'VIP', 'vip');
    INSERT INTO contact_tags (contact_id, tag_id) VALUES (1, 1);
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (7, 1, 'call', '2025-03-01', 'Asked about tulips', '2025-03-01T10:00:00Z');
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (9, 1, 'welcome_sent', '2025-02-01', 'Welcome', '2025-02-01T10:00:00Z');
    DELETE FROM touchpoints WHERE id = 9;
    INSERT INTO contact_search (rowid, name, company, email, phone, tags, notes)
        VALUES (1, 'sigrid odegard sigrid odegard', '', 'sigrid@example.no', '', 'vip', '');
    INSERT INTO settings (key, value) VALUES ('business_name', 'Tulip & Co');
    INSERT INTO occasions (id, name, kind, rule, month, day, created_at)
        VALUES (1, 'Shop birthday', 'general', 'fixed', 3, 14, '2025-01-01T00:00:00Z');
    UPDATE contacts SET address_undeliverable_on = '2025-06-01' WHERE id = 1;
    INSERT INTO staff (id, name, role, created_at) VALUES (1, 'Maria', 'Baker', '2025-01-01T00:00:00Z');
    INSERT INTO welcome_sends (batch, contact_id, status, updated_at)
        VALUES (1, 1, 'sent', '2025-02-01T10:00:00Z');
    ",
    // version 7: contact photos; a phone number's tails are words of the search index
    "
    INSERT INTO contacts (id, given_name, family_name, display_name, sort_key, last_contacted, created_at, updated_at)
        VALUES (1, 'Sigrid', 'Ødegård', 'Sigrid Ødegård', 'sigrid odegard', '2025-03-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
    INSERT INTO contact_emails (contact_id, position, label, value) VALUES (1, 0, 'work', 'sigrid@example.no');
    INSERT INTO contact_phones (contact_id, position, label, value) VALUES (1, 0, 'mobile', '+47 22 33 44 55');
    INSERT INTO contact_addresses (contact_id, position, label, street, city, region, postal_code, country)
        VALUES (1, 0, 'home', 'Storgata 1', 'Oslo', '', '0155', 'NO');
    INSERT INTO tags (id, name, name_key) VALUES (1, 'VIP', 'vip');
    INSERT INTO contact_tags (contact_id, tag_id) VALUES (1, 1);
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (7, 1, 'call', '2025-03-01', 'Asked about tulips', '2025-03-01T10:00:00Z');
    INSERT INTO contact_search (rowid, name, company, email, phone, tags, notes)
        VALUES (1, 'sigrid odegard sigrid odegard', '', 'sigrid@example.no',
                '4722334455 22334455 334455 4455 2334455', 'vip', '');
    INSERT INTO settings (key, value) VALUES ('business_name', 'Tulip & Co');
    INSERT INTO staff (id, name, role, created_at) VALUES (1, 'Maria', 'Baker', '2025-01-01T00:00:00Z');
    INSERT INTO contact_photos (contact_id, jpeg, thumb_jpeg, width, height, updated_at)
        VALUES (1, x'FFD8FFD9', x'FFD8FFD9', 1, 1, '2025-01-01T00:00:00Z');
    ",
    // version 8: a phone number's tails in a table of their own
    "
    INSERT INTO contacts (id, given_name, family_name, display_name, sort_key, last_contacted, created_at, updated_at)
        VALUES (1, 'Sigrid', 'Ødegård', 'Sigrid Ødegård', 'sigrid odegard', '2025-03-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
    INSERT INTO contact_emails (contact_id, position, label, value) VALUES (1, 0, 'work', 'sigrid@example.no');
    INSERT INTO contact_phones (contact_id, position, label, value) VALUES (1, 0, 'mobile', '+47 22 33 44 55');
    INSERT INTO contact_phone_tails (contact_id, digits)
        VALUES (1, '4722334455'), (1, '22334455'), (1, '334455'), (1, '4455'), (1, '2334455');
    INSERT INTO contact_addresses (contact_id, position, label, street, city, region, postal_code, country)
        VALUES (1, 0, 'home', 'Storgata 1', 'Oslo', '', '0155', 'NO');
    INSERT INTO tags (id, name, name_key) VALUES (1, 'VIP', 'vip');
    INSERT INTO contact_tags (contact_id, tag_id) VALUES (1, 1);
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (7, 1, 'call', '2025-03-01', 'Asked about tulips', '2025-03-01T10:00:00Z');
    INSERT INTO contact_search (rowid, name, company, email, phone, tags, notes)
        VALUES (1, 'sigrid odegard sigrid odegard', '', 'sigrid@example.no', '4722334455', 'vip', '');
    INSERT INTO settings (key, value) VALUES ('business_name', 'Tulip & Co');
    ",
    // version 9: whether a contact has a postal address is kept on the contact
    "
    INSERT INTO contacts (id, given_name, family_name, display_name, sort_key, last_contacted, created_at, updated_at, has_postal_address)
        VALUES (1, 'Sigrid', 'Ødegård', 'Sigrid Ødegård', 'sigrid odegard', '2025-03-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 1);
    INSERT INTO contact_emails (contact_id, position, label, value) VALUES (1, 0, 'work', 'sigrid@example.no');
    INSERT INTO contact_phones (contact_id, position, label, value) VALUES (1, 0, 'mobile', '+47 22 33 44 55');
    INSERT INTO contact_phone_tails (contact_id, digits)
        VALUES (1, '4722334455'), (1, '22334455'), (1, '334455'), (1, '4455'), (1, '2334455');
    INSERT INTO contact_addresses (contact_id, position, label, street, city, region, postal_code, country)
        VALUES (1, 0, 'home', 'Storgata 1', 'Oslo', '', '0155', 'NO');
    INSERT INTO tags (id, name, name_key) VALUES (1, 'VIP', 'vip');
    INSERT INTO contact_tags (contact_id, tag_id) VALUES (1, 1);
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (7, 1, 'call', '2025-03-01', 'Asked about tulips', '2025-03-01T10:00:00Z');
    INSERT INTO contact_search (rowid, name, company, email, phone, tags, notes)
        VALUES (1, 'sigrid odegard sigrid odegard', '', 'sigrid@example.no', '4722334455', 'vip', '');
    ",
    // Version 10: the same rows (the phone tails by digits came in with it).
    "
    INSERT INTO contacts (id, given_name, family_name, display_name, sort_key, last_contacted, created_at, updated_at, has_postal_address)
        VALUES (1, 'Sigrid', 'Ødegård', 'Sigrid Ødegård', 'sigrid odegard', '2025-03-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 1);
    INSERT INTO contact_emails (contact_id, position, label, value) VALUES (1, 0, 'work', 'sigrid@example.no');
    INSERT INTO contact_phones (contact_id, position, label, value) VALUES (1, 0, 'mobile', '+47 22 33 44 55');
    INSERT INTO contact_phone_tails (contact_id, digits)
        VALUES (1, '4722334455'), (1, '22334455'), (1, '334455'), (1, '4455'), (1, '2334455');
    INSERT INTO contact_addresses (contact_id, position, label, street, city, region, postal_code, country)
        VALUES (1, 0, 'home', 'Storgata 1', 'Oslo', '', '0155', 'NO');
    INSERT INTO tags (id, name, name_key) VALUES (1, 'VIP', 'vip');
    INSERT INTO contact_tags (contact_id, tag_id) VALUES (1, 1);
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (7, 1, 'call', '2025-03-01', 'Asked about tulips', '2025-03-01T10:00:00Z');
    INSERT INTO contact_search (rowid, name, company, email, phone, tags, notes)
        VALUES (1, 'sigrid odegard sigrid odegard', '', 'sigrid@example.no', '4722334455', 'vip', '');
    ",
    // Version 11: the same rows (gestures and the complaint loop came in with it; the contact
    // counts of version 12 are made from these rows).
    "
    INSERT INTO contacts (id, given_name, family_name, display_name, sort_key, last_contacted, created_at, updated_at, has_postal_address)
        VALUES (1, 'Sigrid', 'Ødegård', 'Sigrid Ødegård', 'sigrid odegard', '2025-03-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 1);
    INSERT INTO contact_emails (contact_id, position, label, value) VALUES (1, 0, 'work', 'sigrid@example.no');
    INSERT INTO contact_phones (contact_id, position, label, value) VALUES (1, 0, 'mobile', '+47 22 33 44 55');
    INSERT INTO contact_phone_tails (contact_id, digits)
        VALUES (1, '4722334455'), (1, '22334455'), (1, '334455'), (1, '4455'), (1, '2334455');
    INSERT INTO contact_addresses (contact_id, position, label, street, city, region, postal_code, country)
        VALUES (1, 0, 'home', 'Storgata 1', 'Oslo', '', '0155', 'NO');
    INSERT INTO tags (id, name, name_key) VALUES (1, 'VIP', 'vip');
    INSERT INTO contact_tags (contact_id, tag_id) VALUES (1, 1);
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (7, 1, 'call', '2025-03-01', 'Asked about tulips', '2025-03-01T10:00:00Z');
    INSERT INTO contact_search (rowid, name, company, email, phone, tags, notes)
        VALUES (1, 'sigrid odegard sigrid odegard', '', 'sigrid@example.no', '4722334455', 'vip', '');
    ",
    // Version 12: the same rows, counted by its triggers (each contact's version comes with 13).
    "
    INSERT INTO contacts (id, given_name, family_name, display_name, sort_key, last_contacted, created_at, updated_at, has_postal_address)
        VALUES (1, 'Sigrid', 'Ødegård', 'Sigrid Ødegård', 'sigrid odegard', '2025-03-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 1);
    INSERT INTO contact_emails (contact_id, position, label, value) VALUES (1, 0, 'work', 'sigrid@example.no');
    INSERT INTO contact_phones (contact_id, position, label, value) VALUES (1, 0, 'mobile', '+47 22 33 44 55');
    INSERT INTO contact_phone_tails (contact_id, digits)
        VALUES (1, '4722334455'), (1, '22334455'), (1, '334455'), (1, '4455'), (1, '2334455');
    INSERT INTO contact_addresses (contact_id, position, label, street, city, region, postal_code, country)
        VALUES (1, 0, 'home', 'Storgata 1', 'Oslo', '', '0155', 'NO');
    INSERT INTO tags (id, name, name_key) VALUES (1, 'VIP', 'vip');
    INSERT INTO contact_tags (contact_id, tag_id) VALUES (1, 1);
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (7, 1, 'call', '2025-03-01', 'Asked about tulips', '2025-03-01T10:00:00Z');
    INSERT INTO contact_search (rowid, name, company, email, phone, tags, notes)
        VALUES (1, 'sigrid odegard sigrid odegard', '', 'sigrid@example.no', '4722334455', 'vip', '');
    ",
    // Version 13: the same rows (follow-ups and the kind "question" came with 14, which rebuilds
    // the timeline table; see the test below for gestures and loops across it).
    "
    INSERT INTO contacts (id, given_name, family_name, display_name, sort_key, last_contacted, created_at, updated_at, has_postal_address)
        VALUES (1, 'Sigrid', 'Ødegård', 'Sigrid Ødegård', 'sigrid odegard', '2025-03-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 1);
    INSERT INTO contact_emails (contact_id, position, label, value) VALUES (1, 0, 'work', 'sigrid@example.no');
    INSERT INTO contact_phones (contact_id, position, label, value) VALUES (1, 0, 'mobile', '+47 22 33 44 55');
    INSERT INTO contact_phone_tails (contact_id, digits)
        VALUES (1, '4722334455'), (1, '22334455'), (1, '334455'), (1, '4455'), (1, '2334455');
    INSERT INTO contact_addresses (contact_id, position, label, street, city, region, postal_code, country)
        VALUES (1, 0, 'home', 'Storgata 1', 'Oslo', '', '0155', 'NO');
    INSERT INTO tags (id, name, name_key) VALUES (1, 'VIP', 'vip');
    INSERT INTO contact_tags (contact_id, tag_id) VALUES (1, 1);
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (7, 1, 'call', '2025-03-01', 'Asked about tulips', '2025-03-01T10:00:00Z');
    INSERT INTO contact_search (rowid, name, company, email, phone, tags, notes)
        VALUES (1, 'sigrid odegard sigrid odegard', '', 'sigrid@example.no', '4722334455', 'vip', '');
    ",
    // Version 14: the same rows (referrals came with 15).
    "
    INSERT INTO contacts (id, given_name, family_name, display_name, sort_key, last_contacted, created_at, updated_at, has_postal_address)
        VALUES (1, 'Sigrid', 'Ødegård', 'Sigrid Ødegård', 'sigrid odegard', '2025-03-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 1);
    INSERT INTO contact_emails (contact_id, position, label, value) VALUES (1, 0, 'work', 'sigrid@example.no');
    INSERT INTO contact_phones (contact_id, position, label, value) VALUES (1, 0, 'mobile', '+47 22 33 44 55');
    INSERT INTO contact_phone_tails (contact_id, digits)
        VALUES (1, '4722334455'), (1, '22334455'), (1, '334455'), (1, '4455'), (1, '2334455');
    INSERT INTO contact_addresses (contact_id, position, label, street, city, region, postal_code, country)
        VALUES (1, 0, 'home', 'Storgata 1', 'Oslo', '', '0155', 'NO');
    INSERT INTO tags (id, name, name_key) VALUES (1, 'VIP', 'vip');
    INSERT INTO contact_tags (contact_id, tag_id) VALUES (1, 1);
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (7, 1, 'call', '2025-03-01', 'Asked about tulips', '2025-03-01T10:00:00Z');
    INSERT INTO contact_search (rowid, name, company, email, phone, tags, notes)
        VALUES (1, 'sigrid odegard sigrid odegard', '', 'sigrid@example.no', '4722334455', 'vip', '');
    ",
    // Version 15: the same rows (replies and testimonials came with 16).
    "
    INSERT INTO contacts (id, given_name, family_name, display_name, sort_key, last_contacted, created_at, updated_at, has_postal_address)
        VALUES (1, 'Sigrid', 'Ødegård', 'Sigrid Ødegård', 'sigrid odegard', '2025-03-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 1);
    INSERT INTO contact_emails (contact_id, position, label, value) VALUES (1, 0, 'work', 'sigrid@example.no');
    INSERT INTO contact_phones (contact_id, position, label, value) VALUES (1, 0, 'mobile', '+47 22 33 44 55');
    INSERT INTO contact_phone_tails (contact_id, digits)
        VALUES (1, '4722334455'), (1, '22334455'), (1, '334455'), (1, '4455'), (1, '2334455');
    INSERT INTO contact_addresses (contact_id, position, label, street, city, region, postal_code, country)
        VALUES (1, 0, 'home', 'Storgata 1', 'Oslo', '', '0155', 'NO');
    INSERT INTO tags (id, name, name_key) VALUES (1, 'VIP', 'vip');
    INSERT INTO contact_tags (contact_id, tag_id) VALUES (1, 1);
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (7, 1, 'call', '2025-03-01', 'Asked about tulips', '2025-03-01T10:00:00Z');
    INSERT INTO contact_search (rowid, name, company, email, phone, tags, notes)
        VALUES (1, 'sigrid odegard sigrid odegard', '', 'sigrid@example.no', '4722334455', 'vip', '');
    ",
    // Version 16: the same rows (gifts came with 17, which rebuilds the timeline table again).
    "
    INSERT INTO contacts (id, given_name, family_name, display_name, sort_key, last_contacted, created_at, updated_at, has_postal_address)
        VALUES (1, 'Sigrid', 'Ødegård', 'Sigrid Ødegård', 'sigrid odegard', '2025-03-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 1);
    INSERT INTO contact_emails (contact_id, position, label, value) VALUES (1, 0, 'work', 'sigrid@example.no');
    INSERT INTO contact_phones (contact_id, position, label, value) VALUES (1, 0, 'mobile', '+47 22 33 44 55');
    INSERT INTO contact_phone_tails (contact_id, digits)
        VALUES (1, '4722334455'), (1, '22334455'), (1, '334455'), (1, '4455'), (1, '2334455');
    INSERT INTO contact_addresses (contact_id, position, label, street, city, region, postal_code, country)
        VALUES (1, 0, 'home', 'Storgata 1', 'Oslo', '', '0155', 'NO');
    INSERT INTO tags (id, name, name_key) VALUES (1, 'VIP', 'vip');
    INSERT INTO contact_tags (contact_id, tag_id) VALUES (1, 1);
    INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
        VALUES (7, 1, 'call', '2025-03-01', 'Asked about tulips', '2025-03-01T10:00:00Z');
    INSERT INTO contact_search (rowid, name, company, email, phone, tags, notes)
        VALUES (1, 'sigrid odegard sigrid odegard', '', 'sigrid@example.no', '4722334455', 'vip', '');
    ",
];

#[test]
fn rebuilding_the_timeline_table_never_reuses_a_deleted_touchpoints_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    drop(Store::open_at(&path, 5).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(FIXTURE_ROWS[4]).unwrap();
    drop(conn);
    let mut book = Book::open(dir.path()).unwrap();
    let logged = book
        .log_touchpoint(
            1,
            rapport_core::contacts::NewTouchpoint {
                kind: rapport_core::contacts::TouchpointKind::Note,
                happened_on: chrono::NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(),
                note: "Came back for bulbs".into(),
                handled_by: String::new(),
            },
            chrono::NaiveDate::from_ymd_opt(2025, 4, 2).unwrap(),
        )
        .unwrap();
    assert_eq!(logged.id, 10, "id 9 was used before the upgrade");
    let bad_kind = rusqlite::Connection::open(&path).unwrap().execute(
        "INSERT INTO touchpoints (contact_id, kind, happened_on, created_at)
         VALUES (1, 'telegram', '2025-04-01', '2025-04-01T00:00:00Z')",
        [],
    );
    assert!(bad_kind.is_err(), "an unknown kind is still refused");
}

#[test]
fn the_timeline_rebuild_of_version_14_keeps_gestures_and_complaint_loops() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    drop(Store::open_at(&path, 13).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(FIXTURE_ROWS[12]).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, resolved, created_at)
             VALUES (20, 1, 'complaint', '2025-03-02', 'Tulips wilted', 0, '2025-03-02T10:00:00Z'),
                    (21, 1, 'complaint_step', '2025-03-03', 'Put right', 0, '2025-03-03T10:00:00Z'),
                    (22, 1, 'gesture_sent', '2025-03-03', 'Apology sent', 0, '2025-03-03T10:00:00Z');
         INSERT INTO complaint_steps (touchpoint_id, complaint_id, step, happened_on, what_we_did)
             VALUES (21, 20, 'put_right', '2025-03-03', 'New tulips');
         INSERT INTO gestures (touchpoint_id, kind, delivery, subject)
             VALUES (22, 'apology', 'eml', 'Sorry about the tulips');",
    )
    .unwrap();
    drop(conn);
    let mut book = Book::open(dir.path()).unwrap();
    assert_eq!(book.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(book.contact(1).unwrap().timeline.len(), 4);
    let state = book.complaint_loop(20).unwrap();
    assert_eq!(
        state.what_we_did, "New tulips",
        "the step survived the rebuild"
    );
    let complaint = |book: &Book| {
        book.contact(1)
            .unwrap()
            .timeline
            .into_iter()
            .find(|t| t.id == 20)
            .unwrap()
    };
    assert!(complaint(&book).resolved);
    // The triggers made again after the rebuild still keep "resolved" with the steps.
    book.delete_touchpoint(21).unwrap();
    assert!(
        !complaint(&book).resolved,
        "undoing the step opens it again"
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    let gestures: i64 = conn
        .query_row(
            "SELECT count(*) FROM gestures WHERE touchpoint_id = 22",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(gestures, 1, "the gesture's row survived the rebuild");
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    let question = conn.execute(
        "INSERT INTO touchpoints (contact_id, kind, happened_on, created_at)
         VALUES (1, 'question', '2025-04-01', '2025-04-01T00:00:00Z')",
        [],
    );
    assert!(question.is_ok(), "the new kind is allowed: {question:?}");
}

#[test]
fn the_second_timeline_rebuild_keeps_everything_that_refers_to_an_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    drop(Store::open_at(&path, 16).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(FIXTURE_ROWS[15]).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         INSERT INTO touchpoints (id, contact_id, kind, happened_on, note, created_at)
             VALUES (30, 1, 'gesture_sent', '2025-03-02', 'Thank-you sent', '2025-03-02T10:00:00Z'),
                    (31, 1, 'compliment', '2025-03-03', 'Lovely tulips', '2025-03-03T10:00:00Z'),
                    (32, 1, 'call', '2025-03-04', 'Called back', '2025-03-04T10:00:00Z');
         INSERT INTO replies (touchpoint_id, reply_to) VALUES (31, 30);
         INSERT INTO testimonials (touchpoint_id, may_quote, takes_calls, marked_on)
             VALUES (31, 'yes', 1, '2025-03-03');
         INSERT INTO follow_ups (contact_id, due_on, note, done_by_touchpoint, created_at)
             VALUES (1, '2025-03-04', 'Call back', 32, '2025-03-01T10:00:00Z');",
    )
    .unwrap();
    drop(conn);
    let book = Book::open(dir.path()).unwrap();
    assert_eq!(book.schema_version().unwrap(), SCHEMA_VERSION);
    let page = book.contact(1).unwrap();
    assert_eq!(page.replies.len(), 1);
    assert_eq!(page.replies[0].reply_to, Some(30));
    assert_eq!(page.testimonials.len(), 1);
    assert_eq!(page.follow_ups[0].done_by_touchpoint, Some(32));
    let conn = rusqlite::Connection::open(&path).unwrap();
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    let gift = conn.execute(
        "INSERT INTO touchpoints (contact_id, kind, happened_on, created_at)
         VALUES (1, 'gift', '2025-04-01', '2025-04-01T00:00:00Z')",
        [],
    );
    assert!(gift.is_ok(), "the new kind is allowed: {gift:?}");
}

#[test]
fn every_earlier_version_has_a_fixture() {
    assert_eq!(FIXTURE_ROWS.len(), SCHEMA_VERSION as usize - 1);
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(DATABASE_FILE), b"").unwrap();
    let book = Book::open(dir.path()).unwrap();
    assert_eq!(book.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    {
        let mut store = Store::open(&path).unwrap();
        store.set_setting("probe", "1").unwrap();
    }
    // Simulate a newer Rapport having bumped the schema.
    bump_user_version(&path, SCHEMA_VERSION + 5);
    let before = bytes(&path);
    let error = Book::open(dir.path()).err().expect("refused");
    assert!(
        matches!(error, Error::Store(StoreError::TooNew { found, .. }) if found == SCHEMA_VERSION + 5)
    );
    assert!(
        error.to_string().contains("newer version of Rapport"),
        "{error}"
    );
    assert_eq!(bytes(&path), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    std::fs::write(
        &path,
        "<html>this is a web page, not a database</html>".repeat(100),
    )
    .unwrap();
    let before = bytes(&path);
    let error = Book::open(dir.path()).err().expect("refused");
    assert_eq!(error.code(), "corrupt", "{error}");
    assert!(error.to_string().contains("has not changed it"), "{error}");
    assert_eq!(bytes(&path), before);
    assert!(!dir.path().join(format!("{DATABASE_FILE}-wal")).exists());
}

#[test]
fn a_damaged_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    {
        let mut book = Book::open(dir.path()).unwrap();
        let people: Vec<_> = (0..2000)
            .map(|i| person(&format!("Person {i}"), "Damaged"))
            .collect();
        book.add_contacts(people.clone(), rapport_core::clock::today())
            .unwrap();
    }
    // Scribble over pages in the middle of the file, as a failing disk would.
    let mut data = bytes(&path);
    assert!(data.len() > 40_000);
    for byte in &mut data[8192..40_000] {
        *byte = 0xA5;
    }
    std::fs::write(&path, &data).unwrap();
    let error = Book::open(dir.path()).err().expect("refused");
    assert_eq!(error.code(), "corrupt", "{error}");
    assert_eq!(bytes(&path), data);
}

#[test]
fn a_database_locked_by_another_program_gives_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    drop(Store::open(&path).unwrap());
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute_batch(
            "PRAGMA journal_mode = DELETE; PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;",
        )
        .unwrap_or(());
    other
        .execute_batch("BEGIN EXCLUSIVE; CREATE TABLE other_program (x);")
        .unwrap_or(());
    let error = Book::open(dir.path()).err().expect("refused while locked");
    assert_eq!(error.code(), "locked", "{error}");
    assert!(error.to_string().contains("Close that program"), "{error}");
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    assert!(
        Book::open(dir.path()).is_ok(),
        "opens once the other program lets go"
    );
}

#[test]
fn a_data_folder_that_cannot_be_created_gives_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let error = Book::open(&file.join("rapport")).err().expect("refused");
    assert_eq!(error.code(), "readOnly");
    assert!(error.to_string().contains("--data-dir"), "{error}");
}

fn bump_user_version(path: &Path, version: u32) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "user_version", version).unwrap();
}
