-- parcours schema 5: the supervisor's exception to a programme's
-- eligibility (programmes.yaml `eligibility:`): an enrolment of a person
-- who did not meet every condition keeps which ones, why, who and when.
-- The conditions' wording lives in programmes.yaml; only field names and
-- states are kept here.
CREATE TABLE eligibility_exception (
	enrolment_id   TEXT PRIMARY KEY NOT NULL REFERENCES enrolment (id),
	participant_id TEXT NOT NULL REFERENCES participant (id),
	programme      TEXT NOT NULL,
	-- {"no_intake": false, "conditions": [{"field": "income_source", "state": "unmet"}]}
	conditions     TEXT NOT NULL CHECK (json_valid(conditions)),
	reason         TEXT NOT NULL CHECK (length(trim(reason)) > 0),
	confirmed_by   TEXT NOT NULL,
	confirmed_at   TEXT NOT NULL
);
CREATE INDEX eligibility_exception_of ON eligibility_exception (participant_id);

-- what was confirmed stays as it was confirmed
CREATE TRIGGER eligibility_exception_fixed BEFORE UPDATE ON eligibility_exception
BEGIN
	SELECT RAISE(ABORT, 'an eligibility exception is never changed');
END;
