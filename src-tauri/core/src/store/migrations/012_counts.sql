-- A million contacts: counting them on every first screen and every Today read the whole name
-- index (25 ms), and counting open complaints of active contacts read each complaint's row.
-- How many contacts are active (archived = 0) and archived (1), kept by triggers in the same
-- transaction as the change.
CREATE TABLE contact_counts (
    archived INTEGER PRIMARY KEY CHECK (archived IN (0, 1)),
    n        INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO contact_counts (archived, n)
    SELECT 0, count(*) FROM contacts WHERE archived = 0
    UNION ALL
    SELECT 1, count(*) FROM contacts WHERE archived = 1;

CREATE TRIGGER contact_counts_after_insert AFTER INSERT ON contacts BEGIN
    UPDATE contact_counts SET n = n + 1 WHERE archived = NEW.archived;
END;
CREATE TRIGGER contact_counts_after_delete AFTER DELETE ON contacts BEGIN
    UPDATE contact_counts SET n = n - 1 WHERE archived = OLD.archived;
END;
CREATE TRIGGER contact_counts_after_archive AFTER UPDATE OF archived ON contacts
    WHEN OLD.archived <> NEW.archived BEGIN
    UPDATE contact_counts SET n = n - 1 WHERE archived = OLD.archived;
    UPDATE contact_counts SET n = n + 1 WHERE archived = NEW.archived;
END;

-- The open complaints' contacts in the index, so Today counts them without reading the rows.
DROP INDEX touchpoints_open_complaints;
CREATE INDEX touchpoints_open_complaints ON touchpoints (happened_on, contact_id)
    WHERE kind = 'complaint' AND resolved = 0;

-- Today's birthdays read from the index alone (the day, whether archived, the year born).
DROP INDEX contacts_by_birthday;
CREATE INDEX contacts_by_birthday ON contacts (birthday_md, archived, birthday_year)
    WHERE birthday_md IS NOT NULL;

-- Whether a new customer was welcomed, without reading their whole timeline.
CREATE INDEX touchpoints_welcomes ON touchpoints (contact_id) WHERE kind = 'welcome_sent';
