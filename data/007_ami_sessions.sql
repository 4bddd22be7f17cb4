-- parcours schema 7: AMI workshop sessions (departement-insertion-
-- preprofessionnelle.txt: "2 à 4 demi-journées par semaine"). A workshop is
-- collective: one session (a date, a half-day, a title) holds the people
-- present, so attendance is counted in half-days, not hours. A presence is
-- never deleted: a correction removes it by stamping who, when and why.

CREATE TABLE ami_session (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	session_date TEXT NOT NULL
	             CHECK (session_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	half         TEXT NOT NULL CHECK (half IN ('am', 'pm')),
	title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
	created_by   TEXT NOT NULL,
	created_at   TEXT NOT NULL
);
CREATE INDEX ami_session_date ON ami_session (session_date, half);

-- One person at one session: current while removed_at is NULL. Added again
-- after a removal, the person gets a new row; the old one stays.
CREATE TABLE ami_presence (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	session_id     INTEGER NOT NULL REFERENCES ami_session (id),
	participant_id TEXT NOT NULL REFERENCES participant (id),
	added_by       TEXT NOT NULL,
	added_at       TEXT NOT NULL,
	added_reason   TEXT,
	removed_by     TEXT,
	removed_at     TEXT,
	removed_reason TEXT,
	CHECK ((removed_at IS NULL) = (removed_by IS NULL))
);
CREATE UNIQUE INDEX ami_presence_current ON ami_presence (session_id, participant_id)
	WHERE removed_at IS NULL;
CREATE INDEX ami_presence_person ON ami_presence (participant_id, session_id);

CREATE TRIGGER ami_session_never_deleted BEFORE DELETE ON ami_session
BEGIN
	SELECT RAISE(ABORT, 'an AMI session is never deleted');
END;
CREATE TRIGGER ami_session_fixed BEFORE UPDATE ON ami_session
BEGIN
	SELECT RAISE(ABORT, 'an AMI session keeps its date, half-day and title');
END;
CREATE TRIGGER ami_presence_never_deleted BEFORE DELETE ON ami_presence
BEGIN
	SELECT RAISE(ABORT, 'a presence is never deleted: remove it');
END;
-- the only change: stamping the removal of a current presence, once
CREATE TRIGGER ami_presence_fixed BEFORE UPDATE ON ami_presence
WHEN OLD.removed_at IS NOT NULL OR NEW.id IS NOT OLD.id
  OR NEW.session_id IS NOT OLD.session_id OR NEW.participant_id IS NOT OLD.participant_id
  OR NEW.added_by IS NOT OLD.added_by OR NEW.added_at IS NOT OLD.added_at
  OR NEW.added_reason IS NOT OLD.added_reason
BEGIN
	SELECT RAISE(ABORT, 'a presence is only ever removed, once');
END;
