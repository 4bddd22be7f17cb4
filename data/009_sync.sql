-- Offline copies and offices that merge both ways (doc/sync.md, parcours(1)
-- SYNC). This database's identity in sync, the peers it exchanges with, the
-- log of its changes (SQLite session changesets, recorded by the store in
-- the transaction of each write), which changes of other sites it has
-- applied, and the revisions set aside by a conflict until someone decides.

-- One row once the database takes part in sync (keygen at the office, init
-- on a laptop); recording starts then. The secret key is not here: it is in
-- a file beside the database (DB.sync-key), never in a copy.
CREATE TABLE sync_self (
	one        INTEGER PRIMARY KEY CHECK (one = 1),
	site       TEXT NOT NULL CHECK (length(site) BETWEEN 1 AND 32),
	public_key BLOB NOT NULL CHECK (length(public_key) = 32),
	upstream   TEXT -- the peer `parcours sync` talks to; NULL at the office
);

-- sent: the last seq of our log the peer has confirmed applying;
-- received: the last seq of the peer's log we have applied.
CREATE TABLE sync_peer (
	site       TEXT PRIMARY KEY NOT NULL,
	public_key BLOB NOT NULL CHECK (length(public_key) = 32),
	url        TEXT,
	login      TEXT,
	sent       INTEGER NOT NULL DEFAULT 0,
	received   INTEGER NOT NULL DEFAULT 0
);

-- origin and origin_seq: the site that made the change and its number
-- there (NULL: made here, origin_seq = seq); via: the peer it came from.
CREATE TABLE sync_log (
	seq        INTEGER PRIMARY KEY,
	origin     TEXT,
	origin_seq INTEGER,
	via        TEXT,
	at         TEXT NOT NULL,
	changeset  BLOB NOT NULL
);

-- The last change of each site applied here: a change is never applied twice.
CREATE TABLE sync_seen (
	origin TEXT PRIMARY KEY NOT NULL,
	seq    INTEGER NOT NULL
);

-- A revision of another site that came with the same number as one saved
-- here: kept beside it until a person keeps one or the other.
CREATE TABLE sync_conflict (
	participant_id TEXT NOT NULL,
	form           TEXT NOT NULL,
	period         TEXT NOT NULL DEFAULT '',
	revision       INTEGER NOT NULL,
	origin         TEXT NOT NULL,
	form_version   INTEGER NOT NULL,
	answers        TEXT NOT NULL,
	saved_by       TEXT NOT NULL,
	saved_at       TEXT NOT NULL,
	found_at       TEXT NOT NULL,
	resolved_by    TEXT,
	resolved_at    TEXT,
	resolution     TEXT,
	PRIMARY KEY (participant_id, form, period, revision, origin)
);
