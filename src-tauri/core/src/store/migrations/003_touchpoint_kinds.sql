-- Two kinds the app records by itself: a welcome message sent, a card sent. SQLite cannot alter
-- a CHECK constraint, so the table is rebuilt with the same ids.
CREATE TABLE touchpoints_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'purchase', 'compliment', 'complaint', 'note',
                                              'welcome_sent', 'card_sent')),
    happened_on TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    handled_by  TEXT NOT NULL DEFAULT '',
    resolved    INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    created_at  TEXT NOT NULL
);
INSERT INTO touchpoints_new (id, contact_id, kind, happened_on, note, handled_by, resolved, created_at)
    SELECT id, contact_id, kind, happened_on, note, handled_by, resolved, created_at FROM touchpoints;
DROP TABLE touchpoints;
ALTER TABLE touchpoints_new RENAME TO touchpoints;
CREATE INDEX touchpoints_by_contact ON touchpoints (contact_id, happened_on DESC, id DESC);
CREATE INDEX touchpoints_open_complaints ON touchpoints (happened_on) WHERE kind = 'complaint' AND resolved = 0;
