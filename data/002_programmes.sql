-- parcours schema 2: enrolments in programmes, closed months and the
-- reasons given for changing a closed month. The programmes' rules live in
-- forms/programmes.yaml, not here.

-- A person's enrolment in a programme, from start_date to end_date (NULL
-- while it lasts). hours is a per-person monthly target (Premières Heures'
-- contract), ramp the targets of months 1, 2... as a JSON array of hours.
CREATE TABLE enrolment (
	id             TEXT PRIMARY KEY NOT NULL,
	participant_id TEXT NOT NULL REFERENCES participant (id),
	programme      TEXT NOT NULL,
	start_date     TEXT NOT NULL,
	end_date       TEXT,
	end_reason     TEXT,
	hours          REAL,
	ramp           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(ramp)),
	created_by     TEXT NOT NULL,
	created_at     TEXT NOT NULL,
	version        INTEGER NOT NULL DEFAULT 1,
	CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX enrolment_participant ON enrolment (participant_id, start_date);
CREATE INDEX enrolment_dates ON enrolment (start_date, end_date);
-- at most one open enrolment per person
CREATE UNIQUE INDEX enrolment_open ON enrolment (participant_id) WHERE end_date IS NULL;

-- A month reported and locked by a supervisor.
CREATE TABLE month_closing (
	period    TEXT PRIMARY KEY NOT NULL,
	closed_by TEXT NOT NULL,
	closed_at TEXT NOT NULL
);

-- Why a revision was saved in a closed month.
CREATE TABLE month_change (
	participant_id TEXT NOT NULL,
	form           TEXT NOT NULL,
	period         TEXT NOT NULL,
	revision       INTEGER NOT NULL,
	reason         TEXT NOT NULL CHECK (length(trim(reason)) > 0),
	changed_by     TEXT NOT NULL,
	changed_at     TEXT NOT NULL,
	PRIMARY KEY (participant_id, form, period, revision)
);
