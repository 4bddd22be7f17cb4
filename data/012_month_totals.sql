-- parcours schema 12: the totals of each participation month, kept beside
-- the revision they were read from (src/store/month_totals.c), so the
-- month, below and year reports add them up without parsing answers.
-- Minutes by activity as typed and the top-level amounts: no programme
-- rule and no enrolment date is baked in (the report applies them), so an
-- edit of programmes.yaml or an exit recorded later never makes a row
-- stale. Derived data: written in the transaction of every save, filled
-- for existing months by the store right after this migration (in its
-- transaction), rebuilt by `parcours check`; never synced nor copied.
CREATE TABLE month_total (
	participant_id TEXT NOT NULL,
	period         TEXT NOT NULL,
	revision       INTEGER NOT NULL,
	first_day      TEXT,
	last_day       TEXT,
	minutes        TEXT NOT NULL,
	amounts        TEXT NOT NULL,
	PRIMARY KEY (participant_id, period)
) WITHOUT ROWID;

-- Whatever writes a participation revision (the store, a sync's changeset,
-- an administrator's sqlite3) first drops that month's totals: a row that
-- is there was written from the latest answers, and a month without one is
-- read from its answers. The store writes the new row just after.
CREATE TRIGGER month_total_new_revision AFTER INSERT ON revision
WHEN NEW.form = 'participation'
BEGIN
	DELETE FROM month_total WHERE participant_id = NEW.participant_id AND period = NEW.period;
END;
CREATE TRIGGER month_total_changed_revision AFTER UPDATE ON revision
WHEN OLD.form = 'participation' OR NEW.form = 'participation'
BEGIN
	DELETE FROM month_total WHERE participant_id = OLD.participant_id AND period = OLD.period;
	DELETE FROM month_total WHERE participant_id = NEW.participant_id AND period = NEW.period;
END;
CREATE TRIGGER month_total_removed_revision AFTER DELETE ON revision
WHEN OLD.form = 'participation'
BEGIN
	DELETE FROM month_total WHERE participant_id = OLD.participant_id AND period = OLD.period;
END;
