# Readable numbers on the console (short_id.h): in a database with a site
# code, where entries and AMI sessions have random 63-bit ids, the session
# screen says the session recorded as DATE/N, an entry's form says
# "entry DATE/N", and an entry's history shows MM-DD/N, never the id.
. "$SRC/tests/e2e/lib.sh"
pc init --site RN
same "$rc" 0 "(init --site)"
intake Côté Élisabeth 1985-03-02
pc enrol RN-2026-0001 ami --start 2026-03-02
pc submit followup RN-2026-0001 --set meeting_date=2026-03-02 --set kind=phone --set summary=Appel
same "$rc" 0 "(followup)"
pc submit followup RN-2026-0001 --entry 2026-03-02/1 --set summary="Appel, revu"
same "$rc" 0 "(followup revised by its readable number)"
start --lang en
wait_for "RN-2026-0001 Côté, Élisabeth"
keys F7
wait_for "AMI workshop session"
type_ "Cuisine collective"
keys Tab Space
wait_for "[x] RN-2026-0001  Côté, Élisabeth"
keys F2
wait_for "Session 2026-03-15/1 recorded: 1 person present."
same "$(sqlite3 -batch -noheader "$PARCOURS_DB" "SELECT id >= 4294967296 FROM ami_session")" 1
# the entry: its form's title and its history
wait_for "RN-2026-0001 Côté, Élisabeth"
keys Enter
wait_for "RN-2026-0001"
keys 6
keys Enter
wait_for "Appel, revu"
keys Enter
wait_for "entry 2026-03-02/1"
keys Escape
wait_for "Appel, revu"
keys h
wait_for "03-02/1"
if screen | grep -qE '[0-9]{10,}'; then bad "a long id is on the screen"; screen >&2; else ok; fi
keys Escape
keys Escape
keys Escape
keys F10
clean_exit
finish
