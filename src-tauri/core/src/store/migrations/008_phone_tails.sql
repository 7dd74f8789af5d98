-- A phone number is found by any stretch of it people type: its digits from the start of each
-- group as written, and its last four and seven digits ("tails"), looked up by prefix. The
-- tails were words of the full-text index, where they were most of its distinct words and
-- half the cost of writing it; here they are rows of a table with an index. The index keeps
-- only each number's full digits in its phone column (rows written before keep their tails
-- there too, which only ever adds matches for a number typed among words).
CREATE TABLE contact_phone_tails (
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    digits      TEXT NOT NULL,
    PRIMARY KEY (contact_id, digits)
) WITHOUT ROWID;
CREATE INDEX contact_phone_tails_by_digits ON contact_phone_tails (digits, contact_id);
