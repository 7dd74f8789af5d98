-- Search as you type: one row per contact, text folded by the application (case, accents and
-- special letters), so the tokenizer itself must not fold again. Contentless: the text lives in
-- the contacts tables; contentless_delete lets the store replace and delete rows.
CREATE VIRTUAL TABLE contact_search USING fts5 (
    name, company, email, phone, tags, notes,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3'
);
-- Names weigh most, notes least.
INSERT INTO contact_search (contact_search, rank) VALUES ('rank', 'bm25(12.0, 6.0, 3.0, 3.0, 3.0, 1.0)');
