-- A contact's own photo (at most one), stored like staff photos: the checked, upright, resized
-- JPEG and its thumbnail, as BLOBs so a backup stays one file.
CREATE TABLE contact_photos (
    contact_id  INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
    jpeg        BLOB NOT NULL,
    thumb_jpeg  BLOB NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    updated_at  TEXT NOT NULL
);
