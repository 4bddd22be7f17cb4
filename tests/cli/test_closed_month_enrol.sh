# Closed months changed by an enrolment (issue 13): a start or an exit dated
# back into a closed month changes that month's report, so it needs a
# reason like any other change to a closed month; the reason is kept per
# closed month with who and when, and shown by show and export-person.
# (A month not yet ended cannot be closed: test_programme_rules.sh.)
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en

expect 0 init
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
intake Diallo Moïse 2001-01-09; C=$(cat "$T/out")
intake Roy Zoé 1999-04-04; D=$(cat "$T/out")
# enrolled while January and February are open: no reason asked
expect 0 enrol "$C" paas_action --start 2026-01-05
expect 0 enrol "$D" paas_action --start 2026-01-05
expect 0 month close 2026-01
expect 0 month close 2026-02
expect 0 report month 2026-01 --csv
hasnt "$T/out" "$A"

# ---- a start dated back into closed months: refused without a reason,
# naming every closed month it changes, and nothing stored
expect 1 enrol "$A" paas_action --start 2026-01-20
has "$T/err" "reason: a start on 2026-01-20 changes the closed months 2026-01, 2026-02: give the reason (--reason)"
same "$(sql "SELECT count(*) FROM enrolment WHERE participant_id = (SELECT id FROM participant WHERE file_no = '$A')")" 0 "no enrolment stored"
expect 1 enrol "$A" paas_action --start 2026-02-03 --reason "   "
has "$T/err" "the closed months 2026-02: give the reason"
# with a reason: stored once per closed month, with who and when
expect 0 enrol "$A" paas_action --start 2026-01-20 --reason "entente signée le 20 janvier, saisie en retard"
same "$(sql "SELECT group_concat(period || '/' || change || '/' || change_date, ' ') FROM enrolment_change")" \
	"2026-01/enrol/2026-01-20 2026-02/enrol/2026-01-20" "one row per closed month"
same "$(sql "SELECT count(*) FROM enrolment_change WHERE changed_by = '$(id -un)' AND changed_at LIKE '____-__-__T__:__:__Z' AND reason = 'entente signée le 20 janvier, saisie en retard'")" 2 "who, when and the reason"
# the closed month's report now counts the person
expect 0 report month 2026-01 --csv
has "$T/out" "$A"
# a start in the open month changes no closed month: no reason asked
expect 0 enrol "$B" paas_action --start 2026-03-02
same "$(sql "SELECT count(*) FROM enrolment_change")" 2 "no row for an open month"

# ---- an exit dated back: the months after the exit day change
expect 1 leave "$C" --date 2026-01-31 --reason employment
has "$T/err" "change_reason: an exit on 2026-01-31 changes the closed months 2026-02: give the reason (--change-reason)"
same "$(sql "SELECT count(*) FROM enrolment WHERE end_date IS NOT NULL")" 0 "no exit stored"
expect 0 leave "$C" --date 2026-01-31 --reason employment --change-reason "a trouvé un emploi fin janvier"
same "$(sql "SELECT period || '/' || change || '/' || change_date FROM enrolment_change WHERE change = 'leave'")" \
	"2026-02/leave/2026-01-31"
# on the last day of February: the closed months keep the whole enrolment
expect 0 leave "$D" --date 2026-02-28 --reason moved
same "$(sql "SELECT count(*) FROM enrolment_change WHERE change = 'leave'")" 1 "no row for an exit after the closed months"
# the enrol reason of a start in March: a later exit in March needs none
expect 0 leave "$B" --date 2026-03-10 --reason other

# ---- shown where reasons are shown
expect 0 show "$A"
has "$T/out" "closed month 2026-01 changed by the start on 2026-01-20, by $(id -un) on 20"
has "$T/out" ": entente signée le 20 janvier, saisie en retard"
expect 0 show "$A" --json
same "$(jq_ "$T/out" '$.enrolments[0].closed_month_changes[1].period')" 2026-02
same "$(jq_ "$T/out" '$.enrolments[0].closed_month_changes[1].change')" enrol
same "$(jq_ "$T/out" '$.enrolments[0].closed_month_changes[1].reason')" "entente signée le 20 janvier, saisie en retard"
expect 0 show "$C" --json
same "$(jq_ "$T/out" '$.enrolments[0].closed_month_changes[0].change')" leave
same "$(jq_ "$T/out" '$.enrolments[0].closed_month_changes[0].reason')" "a trouvé un emploi fin janvier"
expect 0 export-person "$C"
has "$T/out" "closed month 2026-02 changed by the exit on 2026-01-31"
has "$T/out" "a trouvé un emploi fin janvier"
expect 0 export-person "$C" --json
same "$(jq_ "$T/out" '$.enrolments[0].closed_month_changes[0].period')" 2026-02

# the month report lists the reasons its closed month was changed with
expect 0 report month 2026-02
has "$T/out" "Changes with a reason"
has "$T/out" "  $C  leave 2026-01-31, by $(id -un) on 20"
has "$T/out" ": a trouvé un emploi fin janvier"
has "$T/out" "  $A  enrol 2026-01-20, by"
expect 0 report month 2026-02 --json
same "$(jq_ "$T/out" '$.changes[1].file_no')" "$C" "the exit's row, after the enrolment's"
same "$(jq_ "$T/out" '$.changes[1].what')" "leave 2026-01-31"
same "$(jq_ "$T/out" '$.changes[1].reason')" "a trouvé un emploi fin janvier"
expect 0 report month 2026-03 --json
same "$(jq_ "$T/out" '$.changes')" "[]" "none in an open month"

# ---- the console's question is asked only when a closed month changes
# (the same rule: pc_closed_change_needed), and in French
intake Wapistan Anne 1990-06-21; E=$(cat "$T/out")
LANGUAGE= LANG=fr_CA.UTF-8 LC_ALL=fr_CA.UTF-8 run --lang fr enrol "$E" paas_action --start 2026-02-01
same "$rc" 1 "refused in French too"
has "$T/err" "reason: un début le 2026-02-01 modifie les mois fermés 2026-02 : donnez-en le motif (--reason)"
LANGUAGE= LANG=fr_CA.UTF-8 LC_ALL=fr_CA.UTF-8 run --lang fr leave "$A" --date 2026-02-01 --reason employment
has "$T/err" "change_reason: une sortie le 2026-02-01 modifie les mois fermés 2026-02 : donnez-en le motif (--change-reason)"
# --help names the options
expect 0 enrol --help
has "$T/out" "--reason TEXT"
expect 0 leave --help
has "$T/out" "--change-reason"
finish
