-- "Referred by": which customer sent us this one, and when it was noted. Today suggests a
-- referral thank-you to the one who sent them until one is given.
CREATE TABLE referrals (
    contact_id  INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
    referred_by INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    referred_on TEXT NOT NULL,
    CHECK (contact_id <> referred_by)
);
CREATE INDEX referrals_by_referrer ON referrals (referred_by);
CREATE INDEX referrals_by_day ON referrals (referred_on);
