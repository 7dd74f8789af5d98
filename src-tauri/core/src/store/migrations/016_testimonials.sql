-- Replies to what we sent, and testimonials.
--
-- A reply is a timeline entry (a compliment, a complaint or a note, the owner picks) answering a
-- welcome, card or gesture sent; `reply_to` names that entry. A compliment can be marked a
-- testimonial with the customer's permission to quote it and whether they are happy to take a
-- call from a prospect. Deleting the entry (Undo) removes both.
CREATE TABLE replies (
    touchpoint_id INTEGER PRIMARY KEY REFERENCES touchpoints(id) ON DELETE CASCADE,
    reply_to      INTEGER REFERENCES touchpoints(id) ON DELETE SET NULL
);
CREATE TABLE testimonials (
    touchpoint_id INTEGER PRIMARY KEY REFERENCES touchpoints(id) ON DELETE CASCADE,
    may_quote     TEXT NOT NULL CHECK (may_quote = 'yes' OR may_quote = 'no' OR may_quote = 'not_asked'),
    takes_calls   INTEGER NOT NULL DEFAULT 0 CHECK (takes_calls IN (0, 1)),
    marked_on     TEXT NOT NULL
);
