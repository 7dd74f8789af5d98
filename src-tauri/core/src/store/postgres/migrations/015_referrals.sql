-- "Referred by": which customer sent us this one, and when it was noted (the book file's 015).
CREATE TABLE referrals (
    contact_id  bigint PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
    referred_by bigint NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    referred_on date NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text,
    changed_by  text,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint NOT NULL DEFAULT 1,
    CHECK (contact_id <> referred_by)
);
CREATE INDEX referrals_by_referrer ON referrals (referred_by);
CREATE INDEX referrals_by_day ON referrals (referred_on);
CREATE TRIGGER referrals_stamp BEFORE INSERT OR UPDATE ON referrals
    FOR EACH ROW EXECUTE FUNCTION stamp_change();
SELECT watch_table('referrals', 'contact_id', 'contacts');
