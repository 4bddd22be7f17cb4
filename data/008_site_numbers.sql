-- parcours schema 8: file numbers that never collide between copies of a
-- database (issue 15). A database may have a site code: it then numbers new
-- files "RN-2026-0041" (site, year, number in the year and site); without
-- one it numbers "2026-0041" as before. Existing numbers keep their form.

-- This database's own site code for numbering: at most one row. Set by
-- `parcours init --site CODE` at an office, or by the caseload copy for a
-- laptop; never exchanged with another copy (each copy keeps its own).
CREATE TABLE local_site (
	one  INTEGER PRIMARY KEY CHECK (one = 1),
	code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 16
	                          AND code NOT GLOB '*[^A-Za-z0-9_-]*'),
	set_at TEXT NOT NULL
);

-- The last file number given in each year by each site ('' for numbers
-- without a site code): a laptop numbering RN and its office never share a
-- counter row, so merged copies keep every counter right.
ALTER TABLE file_counter RENAME TO file_counter_v7;
CREATE TABLE file_counter (
	site TEXT NOT NULL DEFAULT '',
	year INTEGER NOT NULL,
	last INTEGER NOT NULL CHECK (last >= 0),
	PRIMARY KEY (site, year)
);
INSERT INTO file_counter (site, year, last) SELECT '', year, last FROM file_counter_v7;
DROP TABLE file_counter_v7;

-- Row keys of entries, AMI sessions and presences: the store gives them
-- explicitly (src/store/row_id.c): the next of the sequence below 2^32 in a
-- database without a site code (an office's ids stay small and readable),
-- a random 63-bit id from 2^32 up in one with a site code (a laptop copy),
-- so copies never give the same id. AUTOINCREMENT stays in the old tables'
-- definitions (SQLite cannot drop it in place); with every id given by the
-- store it only keeps sqlite_sequence at the highest id, which nothing reads.
-- The lists order entries and presences by their dates and times, never by
-- id.
