-- Gestures beyond the welcome, and the complaint-to-forgiveness loop (SQLite's 011).
--
-- Two kinds the app records by itself join the timeline: a gesture sent (which one is kept in
-- `gestures`) and a step of a complaint's loop.
ALTER TABLE touchpoints DROP CONSTRAINT touchpoints_kind_check;
ALTER TABLE touchpoints ADD CONSTRAINT touchpoints_kind_check
    CHECK (kind IN ('call', 'email', 'meeting', 'purchase', 'compliment', 'complaint', 'note',
                    'welcome_sent', 'card_sent', 'gesture_sent', 'complaint_step'));

-- The owner's templates per kind of gesture (a built-in kind without a row uses its default
-- words); the owner's own kinds are rows with builtin = false. Staff read them, owners edit.
CREATE TABLE gesture_templates (
    kind        text COLLATE "C" PRIMARY KEY,
    label       text COLLATE "C" NOT NULL,
    subject     text NOT NULL,
    body        text NOT NULL,
    builtin     boolean NOT NULL DEFAULT true,
    created_by  text,
    changed_by  text,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint NOT NULL DEFAULT 1
);
CREATE TRIGGER gesture_templates_stamp BEFORE INSERT OR UPDATE ON gesture_templates
    FOR EACH ROW EXECUTE FUNCTION stamp_change();

-- Which gesture a "gesture sent" touchpoint was. Deleting the touchpoint (Undo) removes it.
CREATE TABLE gestures (
    touchpoint_id bigint PRIMARY KEY REFERENCES touchpoints(id) ON DELETE CASCADE,
    kind          text NOT NULL,
    delivery      text NOT NULL CHECK (delivery IN ('eml', 'smtp', 'card', 'in_person')),
    subject       text NOT NULL DEFAULT ''
);

-- The steps of a complaint's loop, each one a touchpoint on the timeline: where a loop stands is
-- its newest step, so deleting a step's touchpoint (Undo) takes the loop back one step.
CREATE TABLE complaint_steps (
    touchpoint_id bigint PRIMARY KEY REFERENCES touchpoints(id) ON DELETE CASCADE,
    complaint_id  bigint NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE,
    step          text NOT NULL CHECK (step IN ('apologised', 'put_right', 'checked_back')),
    happened_on   date NOT NULL,
    what_we_did   text NOT NULL DEFAULT '',
    done_by       text NOT NULL DEFAULT '',
    outcome       text NOT NULL DEFAULT '' CHECK (outcome IN ('', 'happy', 'neutral', 'unhappy'))
);
CREATE INDEX complaint_steps_by_complaint ON complaint_steps (complaint_id, touchpoint_id);
CREATE INDEX complaint_steps_checked_back ON complaint_steps (happened_on) WHERE step = 'checked_back';

-- A complaint counts as put right while its loop has a "put right" step: undoing the step
-- (deleting its touchpoint) opens it again.
CREATE FUNCTION complaint_resolved_by_steps() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE touchpoints SET resolved = true WHERE id = NEW.complaint_id;
    ELSE
        UPDATE touchpoints SET resolved = EXISTS (
            SELECT 1 FROM complaint_steps WHERE complaint_id = OLD.complaint_id AND step = 'put_right')
         WHERE id = OLD.complaint_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER complaint_step_put_right AFTER INSERT ON complaint_steps
    FOR EACH ROW WHEN (NEW.step = 'put_right') EXECUTE FUNCTION complaint_resolved_by_steps();
CREATE TRIGGER complaint_step_undone AFTER DELETE ON complaint_steps
    FOR EACH ROW WHEN (OLD.step = 'put_right') EXECUTE FUNCTION complaint_resolved_by_steps();

-- A gesture or a step is written with its touchpoint (whose notice names the contact), and a
-- step's change of `resolved` is an update of the complaint: only the templates need a notice.
SELECT watch_table('gesture_templates', '', 'settings');
