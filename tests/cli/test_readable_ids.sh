# Readable entry and AMI session numbers (short_id.h): in a database with a
# site code (a laptop copy, an office of several) entries and sessions get
# random 63-bit ids, so the commands show DATE/N instead (the Nth entry of
# that form of that person dated DATE, the Nth session of DATE) and accept
# it where they take an id, as well as the id itself. An office without a
# site code shows its small ids as before (test_entries.sh, test_ami.sh).
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
long() { if grep -qE '[0-9]{10,}' "$T/out"; then bad "a long id is shown: $(cat "$T/out")"; else ok; fi; }

expect 0 init --site RN
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
followup() {
	expect 0 submit followup "$A" --set meeting_date="$1" --set kind=phone --set summary="$2" "${@:3}"
}
followup 2026-03-02 Premier
sleep 1 # N follows the time of creation, to the second
has "$T/out" "$A followup: entry 2026-03-02/1 added (revision 1 saved)"
long
followup 2026-03-02 Deuxième
has "$T/out" "entry 2026-03-02/2 added"
followup 2026-03-09 Troisième
has "$T/out" "entry 2026-03-09/1 added"
# the ids behind them are the random ones of a site
same "$(sql "SELECT count(*) FROM entry WHERE id >= 4294967296")" 3
# revised by its readable number...
expect 0 submit followup "$A" --entry 2026-03-02/2 --set summary="Deuxième, revu"
has "$T/out" "entry 2026-03-02/2, revision 2 saved"
long
same "$(sql "SELECT json_extract(r.answers, '$.summary') FROM revision r JOIN entry e ON
	r.period = CAST(e.id AS TEXT) WHERE e.entry_date = '2026-03-02' AND r.revision = 2")" \
	"Deuxième, revu"
same "$(sql "SELECT count(*) FROM revision WHERE form = 'followup'")" 4
# ...or by its id, as before
E1=$(sql "SELECT id FROM entry ORDER BY created_at, id LIMIT 1")
expect 0 submit followup "$A" --entry "$E1" --set summary="Premier, revu"
has "$T/out" "entry 2026-03-02/1, revision 2 saved"
# a number that names no entry of that person's form, and one that is no number
expect 1 submit followup "$A" --entry 2026-03-02/3 --set summary=X
has "$T/err" "has no entry 2026-03-02/3 of form followup"
expect 1 submit followup "$B" --entry 2026-03-02/1 --set summary=X
expect 2 submit followup "$A" --entry 2026-03-02/0 --set summary=X
expect 2 submit followup "$A" --entry 2026-3-2/1 --set summary=X
same "$(sql "SELECT count(*) FROM revision WHERE form = 'followup'")" 5

# AMI sessions
expect 0 enrol "$A" ami --start 2026-03-02
expect 0 enrol "$B" ami --start 2026-03-02
expect 0 session add --date 2026-03-03 --half pm --title Cuisine "$A"
has "$T/out" "session 2026-03-03/1: 2026-03-03 pm, Cuisine, 1 person present"
long
sleep 1
expect 0 session add --date 2026-03-03 --half am --title Budget "$A" "$B"
has "$T/out" "session 2026-03-03/2:"
same "$(sql "SELECT count(*) FROM ami_session WHERE id >= 4294967296")" 2
expect 0 session change 2026-03-03/1 --add "$B"
has "$T/out" "session 2026-03-03/1: 1 added, 0 removed"
expect 0 session show 2026-03-03/1
has "$T/out" "Session 2026-03-03/1: 2026-03-03 pm, Cuisine"
has "$T/out" "2 people present"
long
S2=$(sql "SELECT id FROM ami_session WHERE title = 'Budget'")
expect 0 session show "$S2"
has "$T/out" "Session 2026-03-03/2: 2026-03-03 am, Budget"
expect 1 session show 2026-03-03/3
has "$T/err" "there is no AMI session 2026-03-03/3"
expect 1 session change 2026-03-03/1 --add "$B"
has "$T/err" "already present at session 2026-03-03/1"
# what is held about a person says them too
expect 0 export-person "$A"
has "$T/out" "(session 2026-03-03/1)"
has "$T/out" "entry 2026-03-02/2 of 2026-03-02"
# (the audit log's lines name the exact row they record: entry=ID, session=ID)
grep -Ev ' (entry|session)=[0-9]' "$T/out" >"$T/out2" && mv "$T/out2" "$T/out"
long
expect 2 session show 2026-03-03
finish
