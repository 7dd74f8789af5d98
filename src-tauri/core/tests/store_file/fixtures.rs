//! A data table: rows as each earlier version's schema held them, written by the SQL of that
//! time, so every migration is run on real data.

/// One fixture per earlier schema version (index = version - 1).
pub const FIXTURE_ROWS: &[&str] = &[
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
    // Version 17: the same rows (house answers and promises came with 18).
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
