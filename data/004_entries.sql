-- parcours schema 4: entries of the forms kept as a journal (`period: entry`:
-- follow-up meetings, referrals, evaluations). An entry has its own id, date
-- and author; its revisions are ordinary rows of `revision` whose period is
-- the entry's id in decimal ('17'), so history, base revisions and drafts
-- work per entry as they do per month. A draft of an entry not yet saved is
-- kept under period ''.

-- id is never reused (AUTOINCREMENT) and never deleted: revisions name it.
-- entry_date is the date the form's `entry_date:` field gives (the day it
-- was first saved when the form names none); it follows the entry's latest
-- revision. created_by is the entry's author.
CREATE TABLE entry (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	participant_id TEXT NOT NULL REFERENCES participant (id),
	form           TEXT NOT NULL,
	entry_date     TEXT NOT NULL
	               CHECK (entry_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	created_by     TEXT NOT NULL,
	created_at     TEXT NOT NULL
);
CREATE INDEX entry_of ON entry (participant_id, form, entry_date);
CREATE INDEX entry_form ON entry (form, entry_date);

CREATE TRIGGER entry_never_deleted BEFORE DELETE ON entry
BEGIN
	SELECT RAISE(ABORT, 'an entry is never deleted');
END;
CREATE TRIGGER entry_owner_fixed BEFORE UPDATE OF id, participant_id, form, created_by, created_at
ON entry
BEGIN
	SELECT RAISE(ABORT, 'an entry keeps its person, form and author');
END;

-- The shipped `followup` form was one record revised at every meeting
-- ("each meeting is a new revision"): a counsellor opened the last note,
-- typed the new meeting over it and saved. Its old revisions are therefore
-- meetings, each overwritten by the next, and become one entry each, dated
-- by their meeting_date and authored by whoever saved them. A revision
-- that kept the meeting_date of the one before it was a correction of the
-- same meeting, not a new one: it becomes revision 2, 3... of that entry.
-- Every revision keeps its answers, author, time and form version.
CREATE TEMP TABLE followup_move AS
WITH r AS (
	SELECT participant_id, revision, saved_by, saved_at,
	       CASE WHEN json_extract(answers, '$.meeting_date')
	                 GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
	            THEN json_extract(answers, '$.meeting_date')
	            ELSE substr(saved_at, 1, 10) END AS day
	FROM revision WHERE form = 'followup' AND period = ''
), d AS (
	SELECT *, lag(day) OVER (PARTITION BY participant_id ORDER BY revision) AS prev_day FROM r
), g AS (
	SELECT *, sum(CASE WHEN prev_day IS day THEN 0 ELSE 1 END)
	          OVER (PARTITION BY participant_id ORDER BY revision) AS meeting
	FROM d
)
SELECT participant_id, revision, saved_by, saved_at, day, meeting,
       row_number() OVER (PARTITION BY participant_id, meeting ORDER BY revision) AS new_revision,
       -- ids in the order of the files' ids and of their meetings
       dense_rank() OVER (ORDER BY participant_id, meeting) AS entry_id
FROM g;
CREATE INDEX temp.followup_move_key ON followup_move (participant_id, revision);

INSERT INTO entry (id, participant_id, form, entry_date, created_by, created_at)
SELECT entry_id, participant_id, 'followup', day, saved_by, saved_at
FROM followup_move WHERE new_revision = 1 ORDER BY entry_id;

-- A draft started from a saved note: a correction of that meeting when it
-- keeps the meeting's date (it goes with the entry), else a new meeting
-- typed over the old one (a draft of a new entry, started from nothing).
UPDATE draft SET period = (
	SELECT CAST(m.entry_id AS TEXT) FROM followup_move m
	WHERE m.participant_id = draft.participant_id AND m.revision = draft.base_revision
	  AND m.day IS json_extract(draft.answers, '$.meeting_date')),
	base_revision = (
	SELECT m.new_revision FROM followup_move m
	WHERE m.participant_id = draft.participant_id AND m.revision = draft.base_revision)
WHERE form = 'followup' AND period = '' AND base_revision > 0
  AND EXISTS (SELECT 1 FROM followup_move m
              WHERE m.participant_id = draft.participant_id AND m.revision = draft.base_revision
                AND m.day IS json_extract(draft.answers, '$.meeting_date'));
UPDATE draft SET base_revision = 0 WHERE form = 'followup' AND period = '';

-- Saved revisions are never changed, except here, once: they move under
-- their entry. The guard is dropped for this statement only.
DROP TRIGGER revision_never_updated;
UPDATE revision SET period = CAST(m.entry_id AS TEXT), revision = m.new_revision
FROM followup_move m
WHERE revision.form = 'followup' AND revision.period = ''
  AND revision.participant_id = m.participant_id AND revision.revision = m.revision;
CREATE TRIGGER revision_never_updated BEFORE UPDATE ON revision
BEGIN
	SELECT RAISE(ABORT, 'a saved revision is never changed');
END;
DROP TABLE followup_move;

-- A counsellor's caseload in name order ("my caseload" in the list, due):
-- the same covering shape as the list's own index, led by the counsellor.
CREATE INDEX participant_counsellor
	ON participant (counsellor, family_folded, given_folded, file_no, search_keys);
