-- parcours schema 1: staff, participants and their search keys, every saved
-- revision of every form (answers as a JSON object), and drafts.
-- src/store/store.c runs this script inside one transaction and then sets
-- PRAGMA user_version = 1 and the application_id; the script does neither.
-- Forms change without migrations: a form's fields live in the JSON answers.

CREATE TABLE staff (
	login      TEXT PRIMARY KEY NOT NULL,
	role       TEXT NOT NULL
	           CHECK (role IN ('admin', 'supervisor', 'counsellor', 'frontdesk')),
	created_at TEXT NOT NULL
);

-- The last file number given in each year ("2026-0042" -> year 2026, last 42).
CREATE TABLE file_counter (
	year INTEGER PRIMARY KEY,
	last INTEGER NOT NULL CHECK (last >= 0)
);

-- id is 32 random hex digits so that two offline copies never give the same
-- key; file_no is the number people read and type. The *_folded columns are
-- the names folded by pc_text_fold (accent- and case-blind), for duplicate
-- detection and the name order of lists. search_keys holds the folded search
-- tokens as " tok1 tok2 ", so instr(search_keys, ' ' || prefix) tells whether
-- a token starts with prefix.
CREATE TABLE participant (
	id            TEXT PRIMARY KEY NOT NULL,
	file_no       TEXT NOT NULL UNIQUE,
	family_name   TEXT NOT NULL,
	given_name    TEXT NOT NULL,
	family_folded TEXT NOT NULL,
	given_folded  TEXT NOT NULL,
	birth_date    TEXT CHECK (birth_date IS NULL OR
	                          birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	programme     TEXT,
	counsellor    TEXT,
	status        TEXT NOT NULL DEFAULT 'active',
	version       INTEGER NOT NULL DEFAULT 1,
	search_keys   TEXT NOT NULL DEFAULT '',
	created_by    TEXT,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);
-- The list order, covering search_keys so a walk in name order reads no row;
-- it also finds duplicates (same folded names, then the birth date).
CREATE INDEX participant_name
	ON participant (family_folded, given_folded, file_no, search_keys);

-- One row per search token of a participant, in token then name order: a
-- prefix is a range of this key, and within one token the participants come
-- already sorted. Derived from participant (search_keys, names), rewritten by
-- the store on every insert and update.
CREATE TABLE participant_token (
	token         TEXT NOT NULL,
	family_folded TEXT NOT NULL,
	given_folded  TEXT NOT NULL,
	file_no       TEXT NOT NULL,
	PRIMARY KEY (token, family_folded, given_folded, file_no)
) WITHOUT ROWID;

-- Every save of a form is a new row; rows are never changed or removed.
-- period is '' for forms not kept by month, else 'YYYY-MM'.
CREATE TABLE revision (
	participant_id TEXT NOT NULL REFERENCES participant (id),
	form           TEXT NOT NULL,
	period         TEXT NOT NULL DEFAULT '',
	revision       INTEGER NOT NULL CHECK (revision >= 1),
	form_version   INTEGER NOT NULL,
	answers        TEXT NOT NULL
	               CHECK (json_valid(answers) AND json_type(answers) = 'object'),
	saved_by       TEXT NOT NULL,
	saved_at       TEXT NOT NULL,
	PRIMARY KEY (participant_id, form, period, revision)
);

CREATE TRIGGER revision_never_updated BEFORE UPDATE ON revision
BEGIN
	SELECT RAISE(ABORT, 'a saved revision is never changed');
END;
CREATE TRIGGER revision_never_deleted BEFORE DELETE ON revision
BEGIN
	SELECT RAISE(ABORT, 'a saved revision is never deleted');
END;

-- What one person typed in a form and has not saved yet. base_revision is
-- the revision the form showed when they started (0 for none). The intake
-- of a person not yet created is kept under participant_id '' (one per
-- login), so the key cannot be a foreign key; a trigger checks the others.
CREATE TABLE draft (
	participant_id TEXT NOT NULL,
	form           TEXT NOT NULL,
	period         TEXT NOT NULL DEFAULT '',
	login          TEXT NOT NULL,
	answers        TEXT NOT NULL CHECK (json_valid(answers)),
	base_revision  INTEGER NOT NULL,
	saved_at       TEXT NOT NULL,
	PRIMARY KEY (participant_id, form, period, login)
);
CREATE TRIGGER draft_participant_known BEFORE INSERT ON draft
WHEN NEW.participant_id <> ''
     AND NOT EXISTS (SELECT 1 FROM participant WHERE id = NEW.participant_id)
BEGIN
	SELECT RAISE(ABORT, 'unknown participant');
END;
