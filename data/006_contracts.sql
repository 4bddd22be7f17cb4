-- parcours schema 6: work contracts of an enrolment (Premières Heures,
-- chantier d'insertion: "6 mois renouvelable", "un an") and the reasons
-- given when an enrolment or an exit changes a month already closed.
-- Which programmes have contracts is data (forms/programmes.yaml).

-- The end dates of an enrolment's contract: renewal 0 is the end set at
-- enrolment, 1, 2... each renewal, with who set it and when. The contract
-- ends on the end_date of the highest renewal. Rows are never changed.
CREATE TABLE contract_term (
	enrolment_id TEXT NOT NULL REFERENCES enrolment (id),
	renewal      INTEGER NOT NULL CHECK (renewal >= 0),
	end_date     TEXT NOT NULL
	             CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	set_by       TEXT NOT NULL,
	set_at       TEXT NOT NULL,
	PRIMARY KEY (enrolment_id, renewal)
);
CREATE TRIGGER contract_term_kept BEFORE UPDATE ON contract_term
BEGIN
	SELECT RAISE(ABORT, 'a contract term is never changed: renew instead');
END;
CREATE TRIGGER contract_term_never_deleted BEFORE DELETE ON contract_term
BEGIN
	SELECT RAISE(ABORT, 'a contract term is never deleted');
END;

-- Why an enrolment ('enrol', its start) or an exit ('leave', its date)
-- changed the report of a closed month: one row per closed month altered.
CREATE TABLE enrolment_change (
	participant_id TEXT NOT NULL REFERENCES participant (id),
	enrolment_id   TEXT NOT NULL REFERENCES enrolment (id),
	period         TEXT NOT NULL,
	change         TEXT NOT NULL CHECK (change IN ('enrol', 'leave')),
	change_date    TEXT NOT NULL,
	reason         TEXT NOT NULL CHECK (length(trim(reason)) > 0),
	changed_by     TEXT NOT NULL,
	changed_at     TEXT NOT NULL,
	-- an enrolment starts once and ends once: one row per closed month each
	PRIMARY KEY (enrolment_id, period, change)
);
CREATE INDEX enrolment_change_of ON enrolment_change (participant_id, period);
CREATE INDEX enrolment_change_month ON enrolment_change (period);
CREATE TRIGGER enrolment_change_kept BEFORE UPDATE ON enrolment_change
BEGIN
	SELECT RAISE(ABORT, 'a reason given for a closed month is never changed');
END;
CREATE TRIGGER enrolment_change_never_deleted BEFORE DELETE ON enrolment_change
BEGIN
	SELECT RAISE(ABORT, 'a reason given for a closed month is never deleted');
END;
