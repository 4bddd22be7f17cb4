-- parcours schema 17: a decision on a sync conflict travels. Every
-- decision (keep mine, keep theirs, merged) saves a new revision, and
-- `settles` names the revision number of the conflict it settles (NULL for
-- any other save). The revision reaches the other side like any save; there
-- it closes that side's open conflicts on the same form and period up to
-- that number (src/store/sync_apply.c), so a conflict decided once is
-- decided everywhere. Adding a column with no default rewrites nothing.
ALTER TABLE revision ADD COLUMN settles INTEGER CHECK (settles IS NULL OR settles >= 1);
