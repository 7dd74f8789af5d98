-- Staff, their photos and team photos (stored as BLOBs so a backup stays one file), and the
-- welcome messages sent to new customers (one row per message, so a batch cut short can resume).
CREATE TABLE staff (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL
);

CREATE TABLE photos (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    -- 'staff': one person's portrait; 'team': several of them
    kind        TEXT NOT NULL CHECK (kind IN ('staff', 'team')),
    staff_id    INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    caption     TEXT NOT NULL DEFAULT '',
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    jpeg        BLOB NOT NULL,
    thumb_jpeg  BLOB NOT NULL,
    -- the whiteboard area (pixels of the stored image) the owner picked, all four or none
    board_x     INTEGER,
    board_y     INTEGER,
    board_w     INTEGER,
    board_h     INTEGER,
    created_at  TEXT NOT NULL,
    CHECK ((board_x IS NULL) = (board_w IS NULL))
);
CREATE INDEX photos_by_staff ON photos (staff_id) WHERE staff_id IS NOT NULL;

-- Which staff members a team photo shows.
CREATE TABLE photo_staff (
    photo_id    INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    staff_id    INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    PRIMARY KEY (photo_id, staff_id)
) WITHOUT ROWID;

CREATE TABLE welcome_sends (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    -- all messages queued together share a batch number
    batch       INTEGER NOT NULL,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    message_id  TEXT NOT NULL DEFAULT '',
    error       TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL
);
CREATE INDEX welcome_sends_by_batch ON welcome_sends (batch, status);
CREATE INDEX welcome_sends_by_contact ON welcome_sends (contact_id);
