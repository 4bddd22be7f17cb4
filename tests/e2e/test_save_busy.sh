# A save that waits past its bound on the console: the message says how
# long the database stayed busy and that nothing was saved; the form stays
# open with what was typed, the draft kept before is still there, and
# saving again once the database is free stores it. The bound is shortened
# to one second (PARCOURS_WRITE_WAIT); the sqlite3 shell holds the lock.
. "$SRC/tests/e2e/lib.sh"

intake Tremblay Gérald 1971-11-30
ENV="PARCOURS_WRITE_WAIT=1" start
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"
keys Enter
wait_for "> Nom de famille *                : Tremblay"
keys Tab Tab Tab Tab Tab Tab
wait_for "> Téléphone"
type_ "819 555-0100"
keys Tab
wait_for "  Téléphone                       : 819 555-0100"
drafts() { sqlite3 -batch -noheader "$PARCOURS_DB" "SELECT count(*) FROM draft WHERE answers LIKE '%819 555-0100%'"; }
for _ in $(seq 100); do [ "$(drafts)" = 1 ] && break; sleep 0.05; done
same "$(drafts)" 1 "(the draft kept as typed)"

# another program holds the write lock
mkfifo "$T/hold"
sqlite3 "$PARCOURS_DB" <"$T/hold" >"$T/shell" 2>&1 &
shell=$!
exec 7>"$T/hold"
printf 'BEGIN IMMEDIATE;\n.system touch %s/held\n' "$T" >&7
for _ in $(seq 200); do [ -e "$T/held" ] && break; sleep 0.05; done
[ -e "$T/held" ] && ok || bad "the shell did not take the lock: $(cat "$T/shell")"

keys F2
wait_for "database: base de données occupée 1.0 s : rien n'a été enregistré ; réessayez"
# nothing typed is lost: the answer on screen, the draft in the file
wait_for "  Téléphone                       : 819 555-0100"
same "$(drafts)" 1 "(the draft still there)"
same "$(sqlite3 -batch -noheader "$PARCOURS_DB" "SELECT max(revision) FROM revision WHERE form = 'intake'")" 1 \
	"(nothing saved)"

# the database is free again: the same form saves
echo "ROLLBACK;" >&7
exec 7>&-
wait "$shell"
keys F2
wait_for "Enregistré (révision 2)."
pc show 2026-0001 --json
has_out '"phone":"819 555-0100"'
same "$(drafts)" 0 "(the draft dropped with the save)"
keys Escape F10
clean_exit
finish
