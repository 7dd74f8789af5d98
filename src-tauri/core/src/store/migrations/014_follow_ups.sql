-- Dated follow-ups ("call back Tuesday about the cake order") and the touchpoint kind "question".
--
-- SQLite cannot alter a CHECK constraint, so the touchpoints table is rebuilt with the same ids
-- and its AUTOINCREMENT counter carried over (as 011 did). Gestures and complaint steps refer to
-- touchpoints now: the runner turns foreign keys off for this migration (so dropping the old
-- table deletes nothing that refers to it) and checks them all before it commits. The two
-- triggers that name touchpoints in their bodies are dropped first and made again after.
DROP TRIGGER complaint_step_put_right;
DROP TRIGGER complaint_step_undone;

CREATE TABLE touchpoints_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind = 'call' OR kind = 'email' OR kind = 'meeting'
                                     OR kind = 'purchase' OR kind = 'compliment'
                                     OR kind = 'complaint' OR kind = 'note' OR kind = 'question'
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

-- A follow-up is open until it is done; doing it logs a touchpoint, and deleting that touchpoint
-- (the timeline's Undo) opens the follow-up again.
CREATE TABLE follow_ups (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id     INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    due_on         TEXT NOT NULL,
    note           TEXT NOT NULL,
    assigned_to    TEXT NOT NULL DEFAULT '',
    done_by_touchpoint INTEGER REFERENCES touchpoints(id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX follow_ups_by_contact ON follow_ups (contact_id, due_on);
-- Today's due and overdue follow-ups, soonest first, from the index alone.
CREATE INDEX follow_ups_open ON follow_ups (due_on, contact_id) WHERE done_by_touchpoint IS NULL;
CREATE INDEX follow_ups_by_touchpoint ON follow_ups (done_by_touchpoint) WHERE done_by_touchpoint IS NOT NULL;
