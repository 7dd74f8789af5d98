-- Gestures beyond the welcome, and the complaint-to-forgiveness loop.
--
-- Two kinds the app records by itself join the timeline: a gesture sent (thank-you, apology,
-- check-in…; which one is kept in `gestures`) and a step of a complaint's loop. SQLite cannot
-- alter a CHECK constraint, so the table is rebuilt with the same ids and its AUTOINCREMENT
-- counter carried over (as 006 did).
CREATE TABLE touchpoints_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind = 'call' OR kind = 'email' OR kind = 'meeting'
                                     OR kind = 'purchase' OR kind = 'compliment'
                                     OR kind = 'complaint' OR kind = 'note'
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
CREATE INDEX touchpoints_open_complaints ON touchpoints (happened_on) WHERE kind = 'complaint' AND resolved = 0;

-- The owner's templates per kind of gesture (a built-in kind without a row uses its default
-- words); the owner's own kinds are rows with builtin = 0.
CREATE TABLE gesture_templates (
    kind    TEXT PRIMARY KEY,
    label   TEXT NOT NULL,
    subject TEXT NOT NULL,
    body    TEXT NOT NULL,
    builtin INTEGER NOT NULL DEFAULT 1 CHECK (builtin IN (0, 1))
);

-- Which gesture a "gesture sent" touchpoint was, and how it went. Deleting the touchpoint
-- (Undo) removes it.
CREATE TABLE gestures (
    touchpoint_id INTEGER PRIMARY KEY REFERENCES touchpoints(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    delivery      TEXT NOT NULL CHECK (delivery = 'eml' OR delivery = 'smtp' OR delivery = 'card'
                                       OR delivery = 'in_person'),
    subject       TEXT NOT NULL DEFAULT ''
);

-- The steps of a complaint's loop, each one a touchpoint on the timeline: where a loop stands is
-- its newest step, so deleting a step's touchpoint (Undo) takes the loop back one step.
CREATE TABLE complaint_steps (
    touchpoint_id INTEGER PRIMARY KEY REFERENCES touchpoints(id) ON DELETE CASCADE,
    complaint_id  INTEGER NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE,
    step          TEXT NOT NULL CHECK (step = 'apologised' OR step = 'put_right' OR step = 'checked_back'),
    happened_on   TEXT NOT NULL,
    what_we_did   TEXT NOT NULL DEFAULT '',
    done_by       TEXT NOT NULL DEFAULT '',
    outcome       TEXT NOT NULL DEFAULT '' CHECK (outcome = '' OR outcome = 'happy'
                                                  OR outcome = 'neutral' OR outcome = 'unhappy')
);
CREATE INDEX complaint_steps_by_complaint ON complaint_steps (complaint_id, touchpoint_id);
CREATE INDEX complaint_steps_checked_back ON complaint_steps (happened_on) WHERE step = 'checked_back';

-- A complaint counts as put right while its loop has a "put right" step: undoing the step
-- (deleting its touchpoint) opens it again.
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
