-- parcours schema 3: staff with a name, a set of roles and a disabled flag,
-- and the audit log (who read or changed what, when, from which face),
-- append-only and chained by SHA-256 (src/core/audit.c computes the hashes;
-- SQLite's own sha3 is not in Debian's build).
-- A schema-2 staff row (one role) keeps its login, its role and its date;
-- a schema-2 admin also becomes supervisor.

ALTER TABLE staff RENAME TO staff_v2;

-- One row per person who may use the database, by Unix login (the real uid
-- of the process). A person leaving is disabled, never deleted: the audit
-- log and the revisions keep naming them.
CREATE TABLE staff (
	login    TEXT PRIMARY KEY NOT NULL CHECK (length(login) BETWEEN 1 AND 64),
	name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
	disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	added_by TEXT,          -- NULL for the first administrator and migrated rows
	added_at TEXT NOT NULL,
	version  INTEGER NOT NULL DEFAULT 1
);

-- Roles are a set: an administrator may also be a supervisor (the issue's
-- "participant content only if also supervisor"), a counsellor may also
-- keep the front desk.
CREATE TABLE staff_role (
	login TEXT NOT NULL REFERENCES staff (login),
	role  TEXT NOT NULL
	      CHECK (role IN ('admin', 'supervisor', 'counsellor', 'frontdesk')),
	PRIMARY KEY (login, role)
) WITHOUT ROWID;

INSERT INTO staff (login, name, added_at) SELECT login, login, created_at FROM staff_v2;
INSERT INTO staff_role (login, role) SELECT login, role FROM staff_v2;
-- a schema-2 admin could do everything (nothing was restricted): they keep
-- participant content by being supervisor too, as a new file's creator is
INSERT INTO staff_role (login, role) SELECT login, 'supervisor' FROM staff_v2
	WHERE role = 'admin';
DROP TABLE staff_v2;

-- The audit log. seq counts from 1 without gaps; hash is the SHA-256 (64
-- lower-case hex digits) of the entry's fields and prev_hash, the hash of
-- entry seq - 1 (64 zeros for the first), so that an edited, deleted or
-- inserted row breaks the chain (parcours audit verify). Written only by
-- pc_audit_record inside a BEGIN IMMEDIATE transaction.
CREATE TABLE audit (
	seq            INTEGER PRIMARY KEY CHECK (seq >= 1),
	at             TEXT NOT NULL,
	login          TEXT NOT NULL,
	face           TEXT NOT NULL,
	action         TEXT NOT NULL,
	participant_id TEXT,
	file_no        TEXT,
	form           TEXT,
	detail         TEXT NOT NULL DEFAULT '',
	prev_hash      TEXT NOT NULL CHECK (length(prev_hash) = 64),
	hash           TEXT NOT NULL CHECK (length(hash) = 64)
);
CREATE INDEX audit_file_no ON audit (file_no, seq) WHERE file_no IS NOT NULL;
CREATE INDEX audit_login ON audit (login, seq);

CREATE TRIGGER audit_never_updated BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit log is never changed');
END;
CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit log is never deleted from');
END;
