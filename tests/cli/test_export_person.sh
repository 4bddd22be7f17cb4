# export-person: everything held on one person (Law 25's right of access),
# as readable text in the user's language or as JSON: every revision of
# every form with the reasons given, enrolments and exits with labelled
# reasons, hours by month, and who read or changed the file. Only a
# supervisor or the person's counsellor may export it, and the export is
# itself recorded (action export-person). Other users are played with
# setpriv, which needs root.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
[ "$(id -u)" = 0 ] || { echo "FAIL: this test plays other uids with setpriv: run it as root" >&2; exit 1; }

SUP=54601 C1=54602 C2=54603 FD=54604 ADM=54605
expect 0 init
expect 0 staff add uid$SUP --name "Super Visor" --role supervisor
expect 0 staff add uid$C1 --name "Counsellor One" --role counsellor
expect 0 staff add uid$C2 --name "Counsellor Two" --role counsellor
expect 0 staff add uid$FD --name "Front Desk" --role frontdesk
expect 0 staff add uid$ADM --name "Admin Only" --role admin
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
# a correction of the intake: both revisions are exported, the first one too
expect 0 submit intake "$A" --set given_name=Élise
expect 0 submit profile "$A" --set barriers=transport,housing
expect 0 enrol "$A" paas_action --start 2026-01-15 --ramp 20,40,60 --counsellor uid$C1
expect 0 submit participation "$A" --period 2026-02 \
	--set entries.1.date=2026-02-03 --set entries.1.activity=work --set entries.1.hours=3:30
# entered before February is closed: once closed, these dates would need a
# reason (test_closed_month_enrol.sh)
expect 0 enrol "$B" ami --start 2026-01-05
expect 0 leave "$B" --date 2026-02-27 --reason moved
expect 0 month close 2026-02
expect 0 submit participation "$A" --period 2026-02 --reason "heures oubliées" \
	--set entries.2.date=2026-02-04 --set entries.2.activity=social --set entries.2.hours=4
expect 0 show "$A"

# ---- text, in the user's language ----
before=$(sql "SELECT count(*) FROM audit WHERE action = 'export-person'")
expect 0 export-person "$A"
cp "$T/out" "$T/a.txt"
has "$T/a.txt" "Everything held on Côté, Élise ($A)"
has "$T/a.txt" "Family name: Côté"
has "$T/a.txt" "Given name: Élisabeth" # revision 1, kept
has "$T/a.txt" "Given name: Élise"
has "$T/a.txt" "Barriers to employment: "
has "$T/a.txt" "PAAS Action: from 2026-01-15, counsellor uid$C1, ramp 20, 40, 60 h"
has "$T/a.txt" "Reason given: heures oubliées"
has "$T/a.txt" "2026-02: PAAS Action, month 2, 7:30 h of 40 h, below target"
has "$T/a.txt" "enrol programme=paas_action start=2026-01-15 counsellor=uid$C1"
has "$T/a.txt" " read "        # the show above
has "$T/a.txt" " export-person" # this export itself
same "$(sql "SELECT count(*) FROM audit WHERE action = 'export-person' AND file_no = '$A'")" $((before + 1))
[ "$(grep -c '^Intake (revision' "$T/a.txt")" = 2 ] && ok || bad "the two intake revisions are not both there"
LANGUAGE=fr expect 0 export-person "$A"
has "$T/out" "Tout ce qui est conservé sur Côté, Élise ($A)"
has "$T/out" "Nom de famille : Côté"
has "$T/out" "Inscriptions"
expect 0 export-person "$B"
has "$T/out" "exit on 2026-02-27: Moved away"
expect 0 export-person "$A"
hasnt "$T/out" "Gérald"

# ---- JSON: valid, every revision, the same facts ----
expect 0 export-person "$A" --json
cp "$T/out" "$T/a.json"
same "$(jq_ "$T/a.json" '$.file_no')" "$A"
same "$(sqlite3 -batch -noheader :memory: "SELECT json_valid(CAST(readfile('$T/a.json') AS TEXT))")" 1
same "$(jq_ "$T/a.json" '$.person.given_name')" "Élise"
n=$(sql "SELECT count(*) FROM revision r JOIN participant p ON p.id = r.participant_id WHERE p.file_no = '$A'")
same "$(sqlite3 -batch -noheader :memory: "SELECT json_array_length(CAST(readfile('$T/a.json') AS TEXT), '$.revisions')")" "$n"
same "$(jq_ "$T/a.json" '$.revisions[0].form')" intake
same "$(jq_ "$T/a.json" '$.revisions[0].answers.given_name')" "Élisabeth"
same "$(jq_ "$T/a.json" '$.revisions[1].answers.given_name')" "Élise"
same "$(sqlite3 -batch -noheader :memory: "SELECT json_extract(value, '$.reason') FROM json_each(CAST(readfile('$T/a.json') AS TEXT), '$.revisions') WHERE json_extract(value, '$.period') = '2026-02' AND json_extract(value, '$.revision') = 2")" "heures oubliées"
same "$(jq_ "$T/a.json" '$.enrolments[0].ramp')" "[20,40,60]"
same "$(jq_ "$T/a.json" '$.hours_by_month[0].period')" 2026-02
same "$(jq_ "$T/a.json" '$.hours_by_month[0].hours')" 7.5
same "$(jq_ "$T/a.json" '$.hours_by_month[0].target')" 40
same "$(jq_ "$T/a.json" '$.hours_by_month[0].status')" below
same "$(sqlite3 -batch -noheader :memory: "SELECT count(*) FROM json_each(CAST(readfile('$T/a.json') AS TEXT), '$.audit') WHERE json_extract(value, '$.action') = 'export-person'")" 4
expect 0 export-person "$B" --json
same "$(jq_ "$T/out" '$.enrolments[0].exit.reason')" moved
same "$(jq_ "$T/out" '$.enrolments[0].exit.reason_label')" "Moved away"

# ---- stored text is shown, never obeyed ----
sql "UPDATE enrolment SET end_reason = 'x' || char(27) || '[31mred' WHERE participant_id = (SELECT id FROM participant WHERE file_no = '$B')"
expect 0 export-person "$B"
if grep -q $'\033' "$T/out"; then bad "an escape sequence reached the terminal"; else ok; fi
expect 0 export-person "$B" --json
same "$(jq_ "$T/out" '$.enrolments[0].exit.reason')" $'x\033[31mred'

# ---- who may: a supervisor, the person's counsellor; nobody else ----
as_expect 0 $SUP export-person "$A"
has "$T/out" "Given name: Élise"
as_expect 0 $C1 export-person "$A" --json
same "$(jq_ "$T/out" '$.file_no')" "$A"
count=$(sql "SELECT count(*) FROM audit WHERE action = 'export-person'")
as_expect 1 $C2 export-person "$A"
has "$T/err" "uid$C2: only a supervisor or the person's counsellor may export everything held on a person"
[ -s "$T/out" ] && bad "a refused export wrote something" || ok
as_expect 1 $FD export-person "$A"
as_expect 1 $ADM export-person "$A"
as_expect 1 $C1 export-person "$B"
same "$(sql "SELECT count(*) FROM audit WHERE action = 'export-person'")" "$count" "(refused exports are not recorded)"
same "$(sql "SELECT login FROM audit WHERE action = 'export-person' ORDER BY seq DESC LIMIT 1")" "uid$C1"

# a form whose access: keeps it from the counsellor is left out, and named
cp -r "$SRC/forms" "$T/forms"
sed -i 's/^  \(read\|write\): \[caseload, supervisor\]/  \1: [supervisor]/' "$T/forms/profile.yaml"
as_expect 0 $C1 --forms "$T/forms" export-person "$A"
has "$T/out" "Not included, your roles do not allow them: Psychosocial profile"
hasnt "$T/out" "Barriers to employment"
has "$T/out" "Given name: Élise"
as_expect 0 $C1 --forms "$T/forms" export-person "$A" --json
same "$(jq_ "$T/out" '$.not_shown')" '["profile"]'
as_expect 0 $SUP --forms "$T/forms" export-person "$A" --json
same "$(jq_ "$T/out" '$.not_shown')" ""

# ---- usage ----
expect 1 export-person 1999-9999
has "$T/err" "1999-9999: "
expect 2 export-person
expect 2 export-person "$A" --csv
expect 0 export-person --help
has "$T/out" "export-person FILE_NO [--json]"

finish
