-- Gifts and vouchers given: a timeline entry of their own ("gift"), with what it was, its value
-- and the occasion. SQLite cannot alter a CHECK constraint, so the timeline table is rebuilt as
-- in 014 (foreign keys off for the migration and checked before it commits; the triggers that
-- name the table are made again).
DROP TRIGGER complaint_step_put_right;
DROP TRIGGER complaint_step_undone;

CREATE TABLE touchpoints_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind = 'call' OR kind = 'email' OR kind = 'meeting'
                                     OR kind = 'purchase' OR kind = 'compliment'
                                     OR kind = 'complaint' OR kind = 'note' OR kind = 'question'
                                     OR kind = 'gift'
                                     OR kind = 'welcome_sent' OR kind = 'card_sent'
                                     OR kind = 'gesture_sent' OR kind = 'complaint_step'),
    happened_on TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    handled_by  TEXT NOT NULL DEFAULT '',
    resolved    INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    created_at  TEXT NOT NULL
);
INSERT INTO touchpoints_new (id, contact_id, kind, happened_on, note, handled_by, resolved, created_at)
    SELECT id, contact_id, kind, happened_on, note, handled_by, resolved, created_at FROM touchpoints;
DELETE FROM sqlite_sequence WHERE name = 'touchpoints_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'touchpoints_new', seq FROM sqlite_sequence WHERE name = 'touchpoints';
DROP TABLE touchpoints;
ALTER TABLE touchpoints_new RENAME TO touchpoints;
CREATE INDEX touchpoints_by_contact ON touchpoints (contact_id, happened_on DESC, id DESC);
CREATE INDEX touchpoints_open_complaints ON touchpoints (happened_on, contact_id)
    WHERE kind = 'complaint' AND resolved = 0;
CREATE INDEX touchpoints_welcomes ON touchpoints (contact_id) WHERE kind = 'welcome_sent';

CREATE TRIGGER complaint_step_put_right AFTER INSERT ON complaint_steps WHEN NEW.step = 'put_right'
BEGIN
    UPDATE touchpoints SET resolved = 1 WHERE id = NEW.complaint_id;
END;
CREATE TRIGGER complaint_step_undone AFTER DELETE ON complaint_steps WHEN OLD.step = 'put_right'
BEGIN
    UPDATE touchpoints SET resolved = EXISTS (
        SELECT 1 FROM complaint_steps WHERE complaint_id = OLD.complaint_id AND step = 'put_right')
     WHERE id = OLD.complaint_id;
END;

CREATE TABLE gifts (
    touchpoint_id INTEGER PRIMARY KEY REFERENCES touchpoints(id) ON DELETE CASCADE,
    what          TEXT NOT NULL,
    value_cents   INTEGER CHECK (value_cents IS NULL OR value_cents >= 0),
    occasion      TEXT NOT NULL DEFAULT ''
);
