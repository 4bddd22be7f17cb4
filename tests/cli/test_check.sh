# parcours check: exit 0 and "All is well" on a sound database; exit 3 with
# the file number, form, period and revision of damaged answers, with the
# file of inconsistent search keys or tokens, with a counter behind the file
# numbers, and with SQLite's integrity_check lines; --json valid for a
# monitoring script. Read-only: the file is not changed by a check.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en

json_ok() {
	if python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$1" 2>"$T/py"; then
		ok
	else
		bad "$2: invalid JSON: $(tail -1 "$T/py")"
	fi
}
# unbroken SQL: past the triggers and CHECKs, as a disk fault would be
raw() {
	local trig
	trig=$(sql "SELECT sql FROM sqlite_master WHERE name = 'revision_never_updated'")
	sql "PRAGMA ignore_check_constraints = ON; DROP TRIGGER revision_never_updated; $1; $trig;"
}
snapshot() { cp "$PARCOURS_DB" "$T/good.db"; }
restore() { cp "$T/good.db" "$PARCOURS_DB"; rm -f "$PARCOURS_DB-wal" "$PARCOURS_DB-shm"; }

expect 2 check --frobnicate
expect 2 check extra
expect 0 check --help
has "$T/out" "usage: parcours check [--json]"

expect 0 init
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
intake Wapistan Anne-Marie 1990-06-21; C=$(cat "$T/out")
expect 0 enrol "$A" paas_action --start 2026-01-15
expect 0 submit participation "$A" --period 2026-02 \
	--set entries.1.date=2026-02-03 --set entries.1.activity=work --set entries.1.hours=13
expect 0 submit profile "$B" --set wellbeing=6
expect 0 submit profile "$B" --set wellbeing=7
# a rename: the search keys and tokens are rewritten
expect 0 submit intake "$C" --set family_name=Wapistan-Bellefleur --set given_name=Anne \
	--set birth_date=1990-06-21 --set consent_date=2026-03-15 --set consent_sharing=oui

expect 0 check
has "$T/out" "All is well."
has "$T/out" "$(sql 'SELECT count(*) FROM revision') revisions read): ok"
has "$T/out" "3 participants, $(sql 'SELECT count(*) FROM participant_token') search tokens): ok"
expect 0 check --json
json_ok "$T/out" "check --json"
same "$(jq_ "$T/out" '$.ok')" 1
same "$(jq_ "$T/out" '$.revisions')" "$(sql 'SELECT count(*) FROM revision')"
same "$(jq_ "$T/out" '$.answers.count')" 0
LANGUAGE=fr expect 0 check
has "$T/out" "Tout va bien."
# French spacing and plurals: "3 personnes participantes", never "1 personnes"
has "$T/out" "(PRAGMA integrity_check) : ok"
has "$T/out" "3 personnes participantes, "
snapshot
before=$(md5sum <"$PARCOURS_DB")

# ---- answers: a flipped byte, a wrong type, not an object ----
raw "UPDATE revision SET answers = replace(answers, '\"hours\":13', '\"hours\";13') WHERE form = 'participation'"
raw "UPDATE revision SET answers = '{\"wellbeing\":\"six\"}' WHERE form = 'profile' AND revision = 1"
raw "UPDATE revision SET answers = '[]' WHERE form = 'intake' AND revision = 2"
expect 3 check
has "$T/out" "answers (7 revisions read): 3 problems"
# SQLite sees the CHECK constraints broken too
has "$T/out" "CHECK constraint failed in revision"
has "$T/out" "$A: participation 2026-02 revision 1: invalid JSON"
has "$T/out" "$B: profile revision 1: wellbeing: expected a whole number"
has "$T/out" "$C: intake revision 2: answers: expected an object of answers"
has "$T/out" "The database is damaged"
hasnt "$T/out" "All is well."
# the summary says it all: no stray message (it once said "out of memory")
same "$(cat "$T/err")" "" "(check's stderr when damage is found)"
expect 3 check --json
json_ok "$T/out" "check --json (damaged answers)"
same "$(jq_ "$T/out" '$.ok')" 0
same "$(jq_ "$T/out" '$.answers.count')" 3
same "$(jq_ "$T/out" '$.answers.problems[0].file_no')" "$A"
same "$(jq_ "$T/out" '$.answers.problems[0].form')" participation
same "$(jq_ "$T/out" '$.answers.problems[0].period')" 2026-02
same "$(jq_ "$T/out" '$.answers.problems[0].revision')" 1
same "$(jq_ "$T/out" '$.integrity.ok')" 0
# a NUL byte inside the stored text
restore
raw "UPDATE revision SET answers = CAST(X'7B7D00' AS TEXT) WHERE form = 'profile' AND revision = 2"
expect 3 check
has "$T/out" "$B: profile revision 2: the answers hold a NUL byte"

# ---- search keys and tokens ----
restore
sql "DELETE FROM participant_token WHERE file_no = '$A' AND token = 'cote'"
expect 3 check
has "$T/out" "$A: 1 of 5 search tokens are missing from the index"
restore
sql "INSERT INTO participant_token VALUES ('intrus', 'gagnon', 'gerald', '$B')"
expect 3 check
has "$T/out" "$B: the search token \"intrus\" does not belong to this file"
restore
sql "UPDATE participant SET family_name = 'Tremblay' WHERE file_no = '$B'"
expect 3 check
has "$T/out" "$B: the folded names do not match the names"
restore
sql "UPDATE participant SET search_keys = replace(search_keys, ' gerald ', ' ') WHERE file_no = '$B'"
expect 3 check
has "$T/out" "$B: the search keys do not match the names"
expect 3 check --json
json_ok "$T/out" "check --json (search)"
same "$(jq_ "$T/out" '$.search.problems[0].file_no')" "$B"

# ---- the file-number counter ----
restore
sql "UPDATE file_counter SET last = 1"
expect 3 check
has "$T/out" "2026: the file-number counter is at 1, behind file number 3"
sql "DELETE FROM file_counter"
expect 3 check --json
json_ok "$T/out" "check --json (counter)"
same "$(jq_ "$T/out" '$.file_counter.problems[0].year')" 2026
has "$T/out" "no file-number counter, but file numbers up to 3 exist"

# ---- SQLite's integrity check: an index that no longer matches its table ----
restore
sql "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = 'CREATE INDEX enrolment_participant ON enrolment (start_date, participant_id)' WHERE name = 'enrolment_participant'"
expect 3 check
has "$T/out" "row 1 missing from index enrolment_participant"
expect 3 check --json
json_ok "$T/out" "check --json (integrity)"
same "$(jq_ "$T/out" '$.integrity.ok')" 0

# many problems: the text lists 20 and counts the rest; --json keeps 100
restore
raw "UPDATE revision SET answers = '{\"wellbeing\":\"x\"}' WHERE form = 'profile'"
for i in $(seq 1 30); do
	intake "Nom$i" Test 1980-01-01
done
sql "UPDATE participant SET search_keys = search_keys || 'x ' WHERE family_name LIKE 'Nom%'"
expect 3 check
has "$T/out" "search (33 participants"
has "$T/out" ": 30 problems"
has "$T/out" "... and 10 more"
same "$(grep -c 'the search keys do not match' "$T/out")" 20

# a check changes nothing
restore
expect 0 check
same "$(md5sum <"$PARCOURS_DB")" "$before" "(the file is unchanged by check)"
finish
