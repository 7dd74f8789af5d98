-- Contacts, their companies, labelled emails/phones/addresses, tags and the timeline.
CREATE TABLE companies (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    -- folded name: "ACME" and "Acme" are one company
    name_key    TEXT NOT NULL UNIQUE
);

CREATE TABLE contacts (
    -- AUTOINCREMENT: a deleted id is never reused, so "undo delete" can put it back
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    given_name          TEXT NOT NULL DEFAULT '',
    family_name         TEXT NOT NULL DEFAULT '',
    prefix              TEXT NOT NULL DEFAULT '',
    nickname            TEXT NOT NULL DEFAULT '',
    display_name        TEXT NOT NULL,
    sort_key            TEXT NOT NULL,
    company_id          INTEGER REFERENCES companies(id) ON DELETE SET NULL,
    job_title           TEXT NOT NULL DEFAULT '',
    birthday_month      INTEGER CHECK (birthday_month BETWEEN 1 AND 12),
    birthday_day        INTEGER CHECK (birthday_day BETWEEN 1 AND 31),
    birthday_year       INTEGER,
    -- month * 100 + day, for finding birthdays in a window of days
    birthday_md         INTEGER GENERATED ALWAYS AS (birthday_month * 100 + birthday_day) VIRTUAL,
    customer_since      TEXT,
    family              TEXT NOT NULL DEFAULT '',
    interests           TEXT NOT NULL DEFAULT '',
    talking_points      TEXT NOT NULL DEFAULT '',
    notes               TEXT NOT NULL DEFAULT '',
    keep_in_touch_days  INTEGER CHECK (keep_in_touch_days > 0),
    last_contacted      TEXT,
    -- the day the keep-in-touch cadence runs out, kept by the store on every write
    touch_due_on        TEXT,
    archived            INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX contacts_by_name ON contacts (archived, sort_key, id);
CREATE INDEX contacts_by_last_contacted ON contacts (archived, last_contacted, id);
CREATE INDEX contacts_by_customer_since ON contacts (archived, customer_since, id);
CREATE INDEX contacts_by_birthday ON contacts (birthday_md) WHERE birthday_md IS NOT NULL;
CREATE INDEX contacts_by_touch_due ON contacts (touch_due_on) WHERE touch_due_on IS NOT NULL AND archived = 0;
CREATE INDEX contacts_by_company ON contacts (company_id);

CREATE TABLE contact_emails (
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    label       TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (contact_id, position)
) WITHOUT ROWID;

CREATE TABLE contact_phones (
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    label       TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (contact_id, position)
) WITHOUT ROWID;

CREATE TABLE contact_addresses (
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    label       TEXT NOT NULL,
    street      TEXT NOT NULL,
    city        TEXT NOT NULL,
    region      TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    country     TEXT NOT NULL,
    PRIMARY KEY (contact_id, position)
) WITHOUT ROWID;

CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE
);

CREATE TABLE contact_tags (
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (contact_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX contact_tags_by_tag ON contact_tags (tag_id, contact_id);

CREATE TABLE touchpoints (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'purchase', 'compliment', 'complaint', 'note')),
    happened_on TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    handled_by  TEXT NOT NULL DEFAULT '',
    resolved    INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    created_at  TEXT NOT NULL
);
CREATE INDEX touchpoints_by_contact ON touchpoints (contact_id, happened_on DESC, id DESC);
CREATE INDEX touchpoints_open_complaints ON touchpoints (happened_on) WHERE kind = 'complaint' AND resolved = 0;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
