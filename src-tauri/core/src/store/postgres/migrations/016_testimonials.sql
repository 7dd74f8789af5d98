-- Replies to what we sent, and testimonials (the book file's 016).
CREATE TABLE replies (
    touchpoint_id bigint PRIMARY KEY REFERENCES touchpoints(id) ON DELETE CASCADE,
    reply_to      bigint REFERENCES touchpoints(id) ON DELETE SET NULL
);
CREATE TABLE testimonials (
    touchpoint_id bigint PRIMARY KEY REFERENCES touchpoints(id) ON DELETE CASCADE,
    may_quote     text NOT NULL CHECK (may_quote IN ('yes', 'no', 'not_asked')),
    takes_calls   boolean NOT NULL DEFAULT false,
    marked_on     date NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text,
    changed_by    text,
    changed_at    timestamptz NOT NULL DEFAULT now(),
    version       bigint NOT NULL DEFAULT 1
);
CREATE TRIGGER testimonials_stamp BEFORE INSERT OR UPDATE ON testimonials
    FOR EACH ROW EXECUTE FUNCTION stamp_change();
