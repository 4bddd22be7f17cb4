-- parcours schema 16: month totals kept in month order. The month report
-- reads one month of everyone; keyed by person first, each person's twelve
-- months filled a page, so a month of 10,000 people was 10,000 pages read
-- one by one in random order (the cache holds 512). Keyed by month first,
-- one month of 10,000 people lies in some 700 pages; the year report and
-- `parcours check`, which read in person order, walk each month's pages in
-- order too. The index by person serves the rebuild of one person's months
-- (after a sync). Same rows, same triggers (data/012_month_totals.sql);
-- written to run again on a file that already has this shape.
DROP TRIGGER IF EXISTS month_total_new_revision;
DROP TRIGGER IF EXISTS month_total_changed_revision;
DROP TRIGGER IF EXISTS month_total_removed_revision;
DROP TABLE IF EXISTS month_total_by_period;
CREATE TABLE month_total_by_period (
	participant_id TEXT NOT NULL,
	period         TEXT NOT NULL,
	revision       INTEGER NOT NULL,
	first_day      TEXT,
	last_day       TEXT,
	minutes        TEXT NOT NULL,
	amounts        TEXT NOT NULL,
	PRIMARY KEY (period, participant_id)
) WITHOUT ROWID;
INSERT INTO month_total_by_period
	(participant_id, period, revision, first_day, last_day, minutes, amounts)
SELECT participant_id, period, revision, first_day, last_day, minutes, amounts
FROM month_total ORDER BY period, participant_id;
DROP TABLE month_total;
ALTER TABLE month_total_by_period RENAME TO month_total;
CREATE INDEX month_total_participant ON month_total (participant_id);

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
