-- The phone tails in one tree keyed by their digits, where a phone search looks them up,
-- instead of a table keyed by contact with a second tree (an index) by digits: half the
-- space, half the check of a backup, and a big import sorts them into place once. Without a
-- tree by contact, a contact's tails are deleted by key, computed from its stored numbers, so
-- the store removes them itself rather than through a foreign key.
DROP TABLE contact_phone_tails;
CREATE TABLE contact_phone_tails (
    digits      TEXT NOT NULL,
    contact_id  INTEGER NOT NULL,
    PRIMARY KEY (digits, contact_id)
) WITHOUT ROWID;
