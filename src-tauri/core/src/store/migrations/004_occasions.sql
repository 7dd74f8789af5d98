-- The owner's own card occasions, and the mark left when a card came back undeliverable.
CREATE TABLE occasions (
    -- AUTOINCREMENT: a removed occasion's id ("custom-3") is never given to another one
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    -- the card design family (OccasionKind), 'general' unless chosen
    kind        TEXT NOT NULL DEFAULT 'general',
    rule        TEXT NOT NULL CHECK (rule IN ('fixed', 'nthWeekday', 'oneOff')),
    month       INTEGER CHECK (month BETWEEN 1 AND 12),
    day         INTEGER CHECK (day BETWEEN 1 AND 31),
    -- 1 to 4, or -1 for the last weekday of the month
    nth         INTEGER CHECK (nth IN (-1, 1, 2, 3, 4)),
    -- 0 = Monday … 6 = Sunday
    weekday     INTEGER CHECK (weekday BETWEEN 0 AND 6),
    on_date     TEXT,
    created_at  TEXT NOT NULL,
    CHECK (
        (rule = 'fixed' AND month IS NOT NULL AND day IS NOT NULL) OR
        (rule = 'nthWeekday' AND month IS NOT NULL AND nth IS NOT NULL AND weekday IS NOT NULL) OR
        (rule = 'oneOff' AND on_date IS NOT NULL)
    )
);

-- The day a card to this contact came back undeliverable; NULL when the address is fine.
ALTER TABLE contacts ADD COLUMN address_undeliverable_on TEXT;
