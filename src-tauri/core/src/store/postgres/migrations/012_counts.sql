-- The twin of the book file's migration 12. The file keeps its contact counts in a table kept by
-- triggers; the server counts with its own plans instead (one counter row would make every
-- desk's insert wait for the others'). What both share: the open complaints' contacts in the
-- index, so Today counts them from the index alone.
DROP INDEX touchpoints_open_complaints;
CREATE INDEX touchpoints_open_complaints ON touchpoints (happened_on, contact_id)
    WHERE kind = 'complaint' AND NOT resolved;

DROP INDEX contacts_by_birthday;
CREATE INDEX contacts_by_birthday ON contacts (birthday_md, archived, birthday_year)
    WHERE birthday_md IS NOT NULL;

CREATE INDEX touchpoints_welcomes ON touchpoints (contact_id) WHERE kind = 'welcome_sent';
