-- Two people editing one customer: each contact carries a version, raised by every edit, so a
-- save that names the version it read finds out when someone else saved in between (the window
-- and the command line on one book file, as on the team's server, which has had it since 10).
ALTER TABLE contacts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
