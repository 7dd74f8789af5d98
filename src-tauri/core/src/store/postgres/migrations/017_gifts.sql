-- Gifts and vouchers given (the book file's 017).
ALTER TABLE touchpoints DROP CONSTRAINT touchpoints_kind_check;
ALTER TABLE touchpoints ADD CONSTRAINT touchpoints_kind_check
    CHECK (kind IN ('call', 'email', 'meeting', 'purchase', 'compliment', 'complaint', 'note',
                    'question', 'gift', 'welcome_sent', 'card_sent', 'gesture_sent',
                    'complaint_step'));
CREATE TABLE gifts (
    touchpoint_id bigint PRIMARY KEY REFERENCES touchpoints(id) ON DELETE CASCADE,
    what          text NOT NULL,
    value_cents   bigint CHECK (value_cents IS NULL OR value_cents >= 0),
    occasion      text NOT NULL DEFAULT ''
);
