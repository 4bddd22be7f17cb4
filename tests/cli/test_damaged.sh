# A damaged database is never read as empty: stored answers that do not
# parse, or do not have their form's shape, stop show, export and the
# reports with exit 3 naming the file number, form and period. Every JSON
# document stays valid whatever strings the file holds. `report below` and
# `report year` on an empty period (UBSan: qsort of NULL in the asan build).
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en

# damage FILE_NO FORM PERIOD SQL_EXPR: rewrites the answers of every revision
# of that form as a disk fault would (past the triggers and CHECKs, which are
# put back as they were).
damage() {
	local trig
	trig=$(sql "SELECT sql FROM sqlite_master WHERE name = 'revision_never_updated'")
	sql "PRAGMA ignore_check_constraints = ON;
	     DROP TRIGGER revision_never_updated;
	     UPDATE revision SET answers = $4
	      WHERE form = '$2' AND period = '$3'
	        AND participant_id = (SELECT id FROM participant WHERE file_no = '$1');
	     $trig;"
}
# one bit flipped: the first ':' (0x3a) becomes ';' (0x3b)
FLIP="substr(answers, 1, instr(answers, ':') - 1) || ';' || substr(answers, instr(answers, ':') + 1)"
# json_ok FILE: a real JSON parser accepts the whole file (UTF-8 included)
json_ok() {
	if python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8", errors="strict"))' "$1" 2>"$T/py"; then
		ok
	else
		bad "$2: invalid JSON: $(tail -1 "$T/py")"
		head -c 600 "$1" | sed 's/^/  | /' >&2
	fi
}

expect 0 init
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
expect 0 enrol "$A" paas_action --start 2026-01-15 --ramp 20,40,60 --counsellor marie
expect 0 enrol "$B" paas_action --start 2025-07-31 --counsellor luc
expect 0 submit participation "$A" --period 2026-02 \
	--set entries.1.date=2026-02-03 --set entries.1.activity=work --set entries.1.hours=13 \
	--set transport_costs=12,50
expect 0 submit participation "$B" --period 2026-02 \
	--set entries.1.date=2026-02-03 --set entries.1.activity=work --set entries.1.hours=8
expect 0 submit profile "$A" --set wellbeing=6 --set health_followup=non
expect 0 submit profile "$B" --set wellbeing=8

# empty periods: nobody enrolled in 2024 (UBSan stops the asan build on qsort(NULL))
expect 0 report below 2024-06
expect 0 report below 2024-06 --json
json_ok "$T/out" "report below (empty) --json"
expect 0 report year 2024 --json
json_ok "$T/out" "report year (empty) --json"

# before the damage: the figures are there
expect 0 report month 2026-02
has "$T/out" "$A"
expect 0 show "$A" --json
json_ok "$T/out" "show --json"

# ---- a flipped byte in A's February answers ----
damage "$A" participation 2026-02 "$FLIP"
same "$(sql "SELECT json_valid(answers) FROM revision WHERE form = 'participation' AND participant_id = (SELECT id FROM participant WHERE file_no = '$A')")" 0 "(the damage is in place)"
for args in "report month 2026-02" "report month 2026-02 --json" "report month 2026-02 --csv" \
	"report below 2026-02" "report year 2026" "report year 2026 --json" \
	"show $A" "show $A --json" "export participation --json" "export participation --csv"; do
	# shellcheck disable=SC2086
	expect 3 $args
	has "$T/err" "$A: the database is damaged"
	has "$T/err" "\"participation\""
	hasnt "$T/out" "0 h"
done
expect 3 report month 2026-02
has "$T/err" "for 2026-02"
has "$T/err" "run parcours check"
# what is not damaged still reads
expect 0 show "$B" --json
json_ok "$T/out" "show B --json"
expect 0 export profile --json
json_ok "$T/out" "export profile --json"

# repaired (as from a backup): A reads again
GOOD_A="'{\"entries\":[{\"date\":\"2026-02-03\",\"activity\":\"work\",\"hours\":13}],\"transport_costs\":12.5}'"
damage "$A" participation 2026-02 "$GOOD_A"
expect 0 report month 2026-02
has "$T/out" "13"

# ---- valid JSON of the wrong shape ----
damage "$A" profile "" "'{\"wellbeing\":\"abc\"}'"
expect 3 show "$A"
has "$T/err" "\"profile\""
has "$T/err" "wellbeing: expected a whole number"
expect 3 export profile --csv
has "$T/err" "$A: the database is damaged"
damage "$A" profile "" "'[1,2]'"
expect 3 export profile --json
has "$T/err" "expected an object of answers"
damage "$A" profile "" "'{\"wellbeing\":7,\"health_followup\":\"maybe\"}'"
expect 3 show "$A" --json
has "$T/err" "health_followup: expected true or false"
# a repeat row of the wrong shape, a date that is no date
damage "$B" participation 2026-02 "'{\"entries\":[{\"date\":\"2026-02-30\",\"activity\":\"work\",\"hours\":8}]}'"
expect 3 report month 2026-02 --json
has "$T/err" "$B: "
has "$T/err" "entries.1.date: expected a date"
damage "$B" participation 2026-02 "'{\"entries\":[{\"date\":\"2026-02-03\",\"activity\":\"work\",\"hours\":1e308}]}'"
expect 3 report month 2026-02 --json
has "$T/err" "entries.1.hours: the number is out of range"
damage "$B" participation 2026-02 "'{\"entries\":[\"x\"]}'"
expect 3 export participation --csv
has "$T/err" "entries.1: expected a row of answers"

# an answer of a field the form no longer has is kept, whatever its shape
damage "$A" profile "" "'{\"wellbeing\":7,\"old_question\":[1,{\"x\":null}]}'"
damage "$B" participation 2026-02 "'{\"entries\":[{\"date\":\"2026-02-03\",\"activity\":\"work\",\"hours\":8}]}'"
expect 0 show "$A" --json
same "$(jq_ "$T/out" '$.forms.profile.not_asked[0]')" old_question
expect 0 report month 2026-02 --json
json_ok "$T/out" "report month --json (repaired)"

# a damaged ramp-up is damage too, never an enrolment without targets
sql "UPDATE enrolment SET ramp = '[20,\"x\"]' WHERE participant_id = (SELECT id FROM participant WHERE file_no = '$A')"
for r in "month 2026-02" "below 2026-02" "year 2026"; do
	# shellcheck disable=SC2086
	expect 3 report $r
	has "$T/err" "$A: the database is damaged: the ramp-up of the enrolment in paas_action"
done
sql "UPDATE enrolment SET ramp = '[20,40,60]' WHERE participant_id = (SELECT id FROM participant WHERE file_no = '$A')"
expect 0 report month 2026-02

# ---- hostile but stored strings: every JSON document stays valid ----
HOSTILE="'{\"wellbeing\":7,\"support_note\":\"q\\\"uote \\\\ back\\u0001\\u001b[31m \\u2028 \\ud83d\\ude00 </script>\",\"old\":\"\\t\"}'"
damage "$A" profile "" "$HOSTILE"
# names with bytes that are not UTF-8, control characters, quotes
sql "UPDATE participant SET family_name = CAST(X'43C3742022783A0A5C' AS TEXT) || char(7),
	given_name = 'é' || CAST(X'E282' AS TEXT) WHERE file_no = '$A'"
sql "UPDATE enrolment SET counsellor = CAST(X'FF22' AS TEXT) WHERE participant_id = (SELECT id FROM participant WHERE file_no = '$A')"
expect 0 show "$A" --json
json_ok "$T/out" "show --json (hostile)"
same "$(jq_ "$T/out" '$.forms.profile.current.support_note')" "$(printf 'q"uote \\ back\001\033[31m \342\200\250 \360\237\230\200 </script>')"
expect 0 export profile --json
json_ok "$T/out" "export profile --json (hostile)"
expect 0 export participation --json
json_ok "$T/out" "export participation --json (hostile)"
sql "UPDATE enrolment SET end_date = '2026-02-27', end_reason = CAST(X'22FF0A5C' AS TEXT) WHERE participant_id = (SELECT id FROM participant WHERE file_no = '$B')"
for r in "month 2026-02" "below 2026-02" "year 2026"; do
	# shellcheck disable=SC2086
	expect 0 report $r --json
	json_ok "$T/out" "report $r --json (hostile)"
done

finish
