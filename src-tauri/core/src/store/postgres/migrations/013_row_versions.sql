-- Version 13 gives the book file what the server book has had since 10: a version on each
-- contact, raised by every edit (the stamp_change trigger). Nothing to change here; the number
-- keeps one schema version for both kinds of book.
SELECT 1;
