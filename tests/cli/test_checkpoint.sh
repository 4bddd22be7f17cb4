# A saved answer reaches the database file itself when the command ends,
# even while another process keeps the database open (so that closing is
# not the last close, which would checkpoint anyway): a copy of the main
# file alone, without its -wal, holds the save.
. "$SRC/tests/cli/lib.sh"

expect 0 init
intake Côté Élisabeth 1985-03-02
same "$(cat "$T/out")" 2026-0001

# another session: opens the database, reads, then stays open without a
# transaction until told to go (as the console does between keys); it says
# when it has read, so a slow machine cannot run the saves before it is in
{
	echo "SELECT count(*) FROM participant;"
	echo ".system touch '$T/opened'"
	while [ -d "$T" ] && [ ! -e "$T/go" ]; do sleep 0.1; done
} | sqlite3 "$PARCOURS_DB" >/dev/null &
reader=$!
for _ in $(seq 600); do [ -e "$T/opened" ] && break; sleep 0.1; done
[ -e "$T/opened" ] && ok || bad "the other session never opened the database"
expect 0 submit profile 2026-0001 --set wellbeing=6
expect 0 participant add --set family_name=Tremblay --set given_name=Jean \
	--set birth_date=1990-05-01 --set consent_date=2026-03-15 --set consent_sharing=oui
[ -s "$PARCOURS_DB-wal" ] && ok || bad "the reader should keep the -wal in place"
# the main file read on its own (immutable: no -wal, no locks)
main() { sqlite3 -batch -noheader "file:$PARCOURS_DB?immutable=1" "$1"; }
same "$(main "SELECT count(*) FROM revision WHERE form = 'profile'")" 1 "(profile save in the main file)"
same "$(main "SELECT count(*) FROM participant")" 2 "(intake in the main file)"
# and nothing is left in the log that the file lacks
same "$(sqlite3 "$PARCOURS_DB" 'PRAGMA wal_checkpoint(PASSIVE)' | cut -d'|' -f1)" 0
touch "$T/go"
wait "$reader" 2>/dev/null
finish
