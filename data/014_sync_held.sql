-- Which people each laptop copy holds (doc/sync.md, parcours(1) SYNC), so
-- that a person assigned to its login at the office after `sync init`
-- reaches it at the next sync, once, and a person taken out of its
-- caseload is withdrawn from it.
-- At the office, a row per peer and person sent: upto is our last log seq
-- when it was sent (confirmed once the peer's `sent` reaches it); gone = 1
-- once the person left the login's caseload and the laptop was told.
-- On a laptop, rows with site = the upstream and gone = 1 are the people
-- withdrawn at the office that it keeps until nothing about them is
-- unsent (drafts, unsent changes, open conflicts).
CREATE TABLE IF NOT EXISTS sync_held (
	site           TEXT NOT NULL,
	participant_id TEXT NOT NULL,
	upto           INTEGER NOT NULL DEFAULT 0,
	gone           INTEGER NOT NULL DEFAULT 0 CHECK (gone IN (0, 1)),
	PRIMARY KEY (site, participant_id)
) WITHOUT ROWID;

-- The copies made before this table: they hold their login's caseload as
-- it is now (what `sync init` copied, short of later assignments).
INSERT OR IGNORE INTO sync_held (site, participant_id, upto)
SELECT p.site, x.id, p.sent FROM sync_peer p JOIN participant x ON x.counsellor = p.login
WHERE p.login IS NOT NULL;
