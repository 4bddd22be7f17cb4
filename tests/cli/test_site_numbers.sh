# Site codes (schema 8): a database given one numbers its new files
# SITE-YYYY-NNNN with a counter of its own, every command takes both
# forms, `check` verifies the site's counter; its new entries and AMI
# sessions get random ids from 2^32, the office's stay a small sequence;
# a schema-7 database keeps its numbers and counter through the upgrade.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en

expect 1 init --site "R N"
has "$T/err" "site: \"R N\" is not a site code"
[ -e "$PARCOURS_DB" ] && bad "a refused site code created the database" || ok
expect 0 init --help
has "$T/out" "--site CODE"

# an office without a site code numbers as before
expect 0 init
hasnt "$T/out" "Site code"
intake Tremblay Jean 1980-01-01
same "$(cat "$T/out")" 2026-0001
A=2026-0001

# given a site code, new files carry it; the year's counter is the site's
expect 0 init --site RN
has "$T/out" "Site code: RN (new files are numbered RN-YYYY-NNNN)"
same "$(sql "SELECT code FROM local_site")" RN
intake Côté Élisabeth 1985-03-02
same "$(cat "$T/out")" RN-2026-0001 "(the site's first number of the year)"
B=RN-2026-0001
intake Roy Luc 1990-05-05
same "$(cat "$T/out")" RN-2026-0002
same "$(sql "SELECT group_concat(site || ':' || year || ':' || last, ' ') FROM (SELECT * FROM file_counter ORDER BY site)")" \
	":2026:1 RN:2026:2"
# the code is set once; the same one again is fine
expect 1 init --site MTL
has "$T/err" "site: this database already numbers its files with site code RN"
expect 0 init --site RN
same "$(sql "SELECT count(*) FROM audit WHERE detail = 'site=RN'")" 1 "(recorded once)"

# every command takes the new form; search finds it whole, by its site or its plain tail
expect 0 participant find "$B"
same "$(cut -f1 "$T/out")" "$B"
expect 0 participant find rn-2026
same "$(cut -f1 "$T/out" | sort | tr '\n' ' ')" "RN-2026-0001 RN-2026-0002 "
expect 0 participant find 2026-0001
same "$(cut -f1 "$T/out" | sort | tr '\n' ' ')" "2026-0001 RN-2026-0001 " "(the plain number finds both)"
expect 0 submit profile "$B" --set wellbeing=6
expect 0 show "$B" --json
same "$(jq_ "$T/out" '$.file_no')" "$B"
same "$(jq_ "$T/out" '$.forms.profile.current.wellbeing')" 6
expect 1 show XY-2026-0001
expect 0 check
# check follows the site's counter
sql "UPDATE file_counter SET last = 1 WHERE site = 'RN'"
expect 3 check --json
same "$(jq_ "$T/out" '$.file_counter.problems[0].year')" 2026
sql "UPDATE file_counter SET last = 2 WHERE site = 'RN'"
expect 0 check

# entries and AMI sessions: random ids from 2^32 with a site code
expect 0 submit followup "$B" --set meeting_date=2026-03-12 --set kind=phone --set summary="Appel"
# shown as the person reads it (test_readable_ids.sh), the id is in the file
has "$T/out" "entry 2026-03-12/1 added"
E=$(sql "SELECT id FROM entry")
[ "${E:-0}" -ge 4294967296 ] && ok || bad "entry id $E is not a random one from 2^32"
expect 0 submit followup "$B" --entry "$E" --set summary="Appel, rappel demandé"
has "$T/out" "revision 2"
expect 0 show "$B" --json
same "$(jq_ "$T/out" '$.forms.followup.entries[0].id')" "$E"
expect 0 submit followup "$B" --set meeting_date=2026-03-12 --set kind=phone --set summary="Second"
E2=$(sql "SELECT id FROM entry WHERE id <> $E")
[ "${E2:-0}" -ge 4294967296 ] && [ "$E2" != "$E" ] && ok || bad "second entry id $E2"
# the same day's entries read in the order they were written, not by id
expect 0 show "$B" --json
same "$(jq_ "$T/out" '$.forms.followup.entries[0].current.summary')" "Second" "(newest first)"
expect 0 enrol "$B" ami --start 2026-03-02
expect 0 session add --date 2026-03-10 --half am --title Cuisine "$B"
has "$T/out" "session 2026-03-10/1:"
S=$(sql "SELECT id FROM ami_session")
[ "${S:-0}" -ge 4294967296 ] && ok || bad "session id $S is not a random one from 2^32"
expect 0 session show "$S"
has "$T/out" "$B"
same "$(sql "SELECT count(*) FROM ami_presence WHERE id >= 4294967296")" 1

# an office without a site code keeps small sequential ids
O=$T/office.db
expect 0 --db "$O" init
intake_o() { run --db "$O" participant add --set family_name=Gagnon --set given_name=Marc \
	--set birth_date=1970-01-01 --set consent_date=2026-03-15 --set consent_sharing=oui \
	--set income_source=last_resort --set far_from_labour_market=oui --set employment_barriers=oui; }
intake_o
same "$(cat "$T/out")" 2026-0001
expect 0 --db "$O" submit followup 2026-0001 --set meeting_date=2026-03-12 --set kind=phone --set summary="Un"
has "$T/out" "entry 1 added"
# ids taken by a copy (large) do not move the office's sequence
sqlite3 "$O" "INSERT INTO entry (id, participant_id, form, entry_date, created_by, created_at)
	SELECT 5000000000, id, 'followup', '2026-03-12', 'x', '2026-03-12T00:00:00Z' FROM participant"
expect 0 --db "$O" submit followup 2026-0001 --set meeting_date=2026-03-13 --set kind=phone --set summary="Deux"
has "$T/out" "entry 2 added"

# a schema-7 database: its numbers and counter carry over
rm -f "$T"/old.db*
OLD=$T/old.db
me=$(id -un)
files=()
for f in "$SRC"/data/00[1-7]_*.sql; do files+=(".read $f"); done
sqlite3 "$OLD" "${files[@]}" "PRAGMA user_version = 7" "PRAGMA application_id = 1346589267" \
	"INSERT INTO staff VALUES ('$me', '$me', 0, NULL, '2025-01-01T00:00:00Z', 1)" \
	"INSERT INTO staff_role VALUES ('$me', 'admin'), ('$me', 'supervisor')" \
	"INSERT INTO file_counter VALUES (2026, 41)"
expect 0 --db "$OLD" init
same "$(sqlite3 -batch -noheader "$OLD" "SELECT site || ':' || year || ':' || last FROM file_counter")" ":2026:41"
run --db "$OLD" participant add --set family_name=Ouellet --set given_name=Anne \
	--set birth_date=1975-02-02 --set consent_date=2026-03-15 --set consent_sharing=oui \
	--set income_source=last_resort --set far_from_labour_market=oui --set employment_barriers=oui
same "$(cat "$T/out")" 2026-0042 "(the counter continues)"
finish
