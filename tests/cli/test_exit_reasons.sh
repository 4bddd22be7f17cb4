# Exits with a reason from the list in programmes.yaml (exit_reasons:), and
# enrolments in show: leave takes a code and refuses an unknown or retired
# one listing those it takes (in the user's language), a date after today or
# before the start; people see labels, never codes (leave, show, report
# year); an exit recorded as free text before the list keeps its text (and
# check notes it without failing); who
# sees which part of an enrolment follows the forms' access.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en

expect 0 init
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
intake Wapistan Anne-Marie 1990-06-21; C=$(cat "$T/out")
expect 0 enrol "$A" paas_action --start 2026-01-15 --ramp 20,40,60 --counsellor marie
expect 0 enrol "$B" premieres_heures --start 2025-07-31 --hours 12,5 --counsellor luc

# ---- leave: the reason is a code of the list ----
expect 1 leave "$A" --date 2026-03-01 --reason "emploi trouvé"
has "$T/err" 'reason: "emploi trouvé" is not an exit reason; give one of:'
has "$T/err" "reason: employment (Employment)"
has "$T/err" "reason: deceased (Deceased)"
same "$(grep -c '^reason: ' "$T/err")" 11
LANGUAGE=fr expect 1 leave "$A" --date 2026-03-01 --reason job
has "$T/err" "reason: employment (Emploi)"
has "$T/err" "reason: studies (Retour aux études ou formation)"
# the date: not after today (PARCOURS_TODAY=2026-03-15), not before the start
expect 1 leave "$A" --date 2026-03-16 --reason employment
has "$T/err" "date: the exit date 2026-03-16 is after today (2026-03-15)"
expect 1 leave "$A" --date 2026-01-14 --reason employment
has "$T/err" "date: the exit date is before the start of the enrolment"
expect 1 leave "$A" --date 2026-02-30 --reason employment
has "$T/err" "date: "
same "$(sql "SELECT count(*) FROM enrolment WHERE end_date IS NOT NULL")" 0 "(nothing stored when refused)"
same "$(sql "SELECT count(*) FROM audit WHERE detail LIKE 'leave%'")" 0 "(no audit entry when refused)"
# today is fine; the label is printed, the code is stored and audited
expect 0 leave "$A" --date 2026-03-15 --reason employment
has "$T/out" "$A left on 2026-03-15 (Employment)"
same "$(sql "SELECT end_date || ' ' || end_reason FROM enrolment WHERE end_date IS NOT NULL")" "2026-03-15 employment"
same "$(sql "SELECT login <> '' AND file_no = '$A' FROM audit WHERE detail = 'leave date=2026-03-15 reason=employment'")" 1 "(audit entry)"
expect 0 leave --help
has "$T/out" "employment (Employment)"

# ---- an older database: an exit whose reason is free text ----
expect 0 enrol "$C" ami --start 2026-01-05
sql "UPDATE enrolment SET end_date = '2026-02-10', end_reason = 'a trouvé un emploi' WHERE participant_id = (SELECT id FROM participant WHERE file_no = '$C')"

# ---- show: enrolments and exits, labels for people, codes for machines ----
expect 0 show "$A"
has "$T/out" "Enrolments"
has "$T/out" "PAAS Action: from 2026-01-15 to 2026-03-15, ramp 20, 40, 60 h"
has "$T/out" "  exit on 2026-03-15: Employment"
hasnt "$T/out" "employment"
expect 0 show "$B"
has "$T/out" "Premières Heures: from 2025-07-31, counsellor luc, 12:30 h a month"
expect 0 show "$C"
has "$T/out" "exit on 2026-02-10: a trouvé un emploi"
expect 0 show "$A" --json
cp "$T/out" "$T/a.json"
same "$(jq_ "$T/a.json" '$.enrolments[0].programme')" paas_action
same "$(jq_ "$T/a.json" '$.enrolments[0].programme_title')" "PAAS Action"
same "$(jq_ "$T/a.json" '$.enrolments[0].start')" 2026-01-15
same "$(jq_ "$T/a.json" '$.enrolments[0].end')" 2026-03-15
same "$(jq_ "$T/a.json" '$.enrolments[0].ramp')" "[20,40,60]"
same "$(jq_ "$T/a.json" '$.enrolments[0].exit.reason')" employment
same "$(jq_ "$T/a.json" '$.enrolments[0].exit.reason_label')" Employment
same "$(jq_ "$T/a.json" '$.enrolments[0].exit.listed')" 1
LANGUAGE=fr expect 0 show "$A" --json
same "$(jq_ "$T/out" '$.enrolments[0].exit.reason_label')" Emploi
expect 0 show "$B" --json
same "$(jq_ "$T/out" '$.enrolments[0].counsellor')" luc
same "$(jq_ "$T/out" '$.enrolments[0].hours')" 12.5
same "$(jq_ "$T/out" '$.enrolments[0].exit')" ""
expect 0 show "$C" --json
same "$(jq_ "$T/out" '$.enrolments[0].exit.reason')" "a trouvé un emploi"
same "$(jq_ "$T/out" '$.enrolments[0].exit.reason_label')" "a trouvé un emploi"
same "$(jq_ "$T/out" '$.enrolments[0].exit.listed')" 0

# ---- report year: labels, and the free text as written ----
expect 0 report year 2026
has "$T/out" "    Employment: 1"
has "$T/out" "    a trouvé un emploi: 1"
hasnt "$T/out" "employment: "

# ---- check: such an exit is a notice, not damage ----
expect 0 check
has "$T/out" "  exit reasons: 1 exit with a reason not in the list (kept, shown as written)"
has "$T/out" "    $C: the exit of 2026-02-10 gives a reason that is not in the list, shown as written: \"a trouvé un emploi\""
has "$T/out" "All is well."
expect 0 check --json
same "$(jq_ "$T/out" '$.ok')" 1
same "$(jq_ "$T/out" '$.exit_reasons.count')" 1
same "$(jq_ "$T/out" '$.exit_reasons.notices[0].file_no')" "$C"

# ---- a programmes file of one's own ----
cp -r "$SRC/forms" "$T/forms"
cat >>"$T/forms/programmes.yaml" <<'YAML'
  - code: old_reason
    label: {fr: Ancienne raison, en: Old reason}
    retired: true
YAML
expect 0 forms check "$T/forms"
expect 0 enrol "$A" ami --start 2026-03-15
expect 1 --forms "$T/forms" leave "$A" --date 2026-03-15 --reason old_reason
has "$T/err" 'reason: "old_reason" is no longer given as an exit reason; give one of:'
has "$T/err" "reason: employment (Employment)"
hasnt "$T/err" "old_reason (Old reason)"
# the same code twice, a label without English: forms check says where
cat >>"$T/forms/programmes.yaml" <<'YAML'
  - code: moved
    label: {fr: Parti}
YAML
expect 3 forms check "$T/forms/programmes.yaml"
n=$(grep -c '^  - code: moved' "$T/forms/programmes.yaml")
has "$T/err" "programmes.yaml:$(grep -n 'label: {fr: Parti}' "$T/forms/programmes.yaml" | cut -d: -f1):12: an exit reason needs a \"label\" in French and English"
sed -i '$d' "$T/forms/programmes.yaml"
echo '    label: {fr: Parti, en: Gone}' >>"$T/forms/programmes.yaml"
expect 3 forms check "$T/forms/programmes.yaml"
has "$T/err" "the exit reason \"moved\" is defined twice"
same "$n" 2
# no list at all (a programmes file from before): any reason word, as before
sed -i '/^exit_reasons:/,$d' "$T/forms/programmes.yaml"
expect 0 forms check "$T/forms"
expect 0 --forms "$T/forms" leave "$A" --date 2026-03-15 --reason parti
has "$T/out" "(parti)"

# ---- who sees what of an enrolment ----
[ "$(id -u)" = 0 ] || { echo "FAIL: this test plays other uids with setpriv: run it as root" >&2; exit 1; }
FD=54501 C1=54502
expect 0 staff add uid$FD --name "Front Desk" --role frontdesk
expect 0 staff add uid$C1 --name "Counsellor One" --role counsellor
expect 0 enrol "$C" paas_action --start 2026-03-01 --counsellor uid$C1
# the front desk sees that the person is enrolled, since when and with whom
# (appointments), not their hours nor why a participation ended
as_expect 0 $FD show "$A"
has "$T/out" "Mobilisation and insertion workshops (AMI): from 2026-03-15 to 2026-03-15"
has "$T/out" "PAAS Action: from 2026-01-15 to 2026-03-15"
has "$T/out" "  exit on 2026-03-15"
hasnt "$T/out" "Employment"
hasnt "$T/out" "ramp"
as_expect 0 $FD show "$A" --json
same "$(jq_ "$T/out" '$.enrolments[0].programme')" paas_action
same "$(jq_ "$T/out" '$.enrolments[0].exit.date')" 2026-03-15
same "$(jq_ "$T/out" '$.enrolments[0].exit.reason')" ""
same "$(jq_ "$T/out" '$.enrolments[0].ramp')" ""
same "$(jq_ "$T/out" '$.enrolments[0].not_shown')" '["hours","ramp","exit_reason"]'
# the person's counsellor sees everything of their enrolments
as_expect 0 $C1 show "$C" --json
same "$(jq_ "$T/out" '$.enrolments[0].exit.reason_label')" "a trouvé un emploi"
same "$(jq_ "$T/out" '$.enrolments[1].counsellor')" uid$C1
same "$(jq_ "$T/out" '$.enrolments[1].not_shown')" ""

finish
