-- House answers and promises.
--
-- The shop's agreed answers (opening hours, allergens, returns, delivery), kept by the owner and
-- shown beside the timeline and the composer, so everyone answers the same way. A promise made
-- to a customer rides on the timeline entry it was made in ("Promised: a new cake by Friday");
-- deleting the entry (Undo) removes it.
CREATE TABLE house_answers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    topic       TEXT NOT NULL,
    answer      TEXT NOT NULL,
    is_promise  INTEGER NOT NULL DEFAULT 0 CHECK (is_promise IN (0, 1)),
    updated_at  TEXT NOT NULL
);
CREATE TABLE promises (
    touchpoint_id INTEGER PRIMARY KEY REFERENCES touchpoints(id) ON DELETE CASCADE,
    promise       TEXT NOT NULL
);
