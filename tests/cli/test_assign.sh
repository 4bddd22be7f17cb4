# Caseloads and exceptional access from the command line: a supervisor
# assigns a participant's counsellor (`assign`, recorded "OLD -> NEW"), a
# counsellor reads a file outside their caseload only with a typed reason
# (`show --exceptional`, recorded, reading only), and supervisors list those
# accesses (`audit --exceptional`). Other users are played with setpriv.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
[ "$(id -u)" = 0 ] || { echo "FAIL: this test plays other uids with setpriv: run it as root" >&2; exit 1; }
FD=54501 C1=54502 C2=54503 SUP=54504 OFF=54505
expect 0 init
expect 0 staff add uid$FD --name "Front Desk" --role frontdesk
expect 0 staff add uid$C1 --name "Counsellor One" --role counsellor
expect 0 staff add uid$C2 --name "Counsellor Two" --role counsellor
expect 0 staff add uid$SUP --name "Super Visor" --role supervisor
expect 0 staff add uid$OFF --name "Gone Counsellor" --role counsellor
expect 0 staff disable uid$OFF
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
expect 0 submit profile "$A" --set wellbeing=7 --set support_note=Secret-A
expect 0 enrol "$B" paas_action --start 2026-01-15 --counsellor uid$C2
assigns() { sql "SELECT count(*) FROM audit WHERE action = 'assign'"; }

# ---- assign: usage, who may, whom ----
expect 2 assign
has "$T/err" "usage: parcours assign FILE_NO LOGIN"
expect 2 assign "$A"
expect 2 assign "$A" uid$C1 extra
expect 2 assign "$A" uid$C1 --force
expect 0 assign --help
has "$T/out" "parcours assign FILE_NO LOGIN"
has "$T/out" "counsellor role"
for who in FD C1; do
	as_expect 1 "${!who}" assign "$A" uid$C1
	has "$T/err" "only a supervisor may assign a participant's counsellor"
done
same "$(sql "SELECT coalesce(counsellor, '-') FROM participant WHERE file_no = '$A'")" "-" "(refused assign wrote)"
same "$(assigns)" 0 "(a refused assign was recorded)"
as_expect 1 $SUP assign "$A" uid$FD
has "$T/err" "uid$FD: is not a counsellor"
as_expect 1 $SUP assign "$A" uid$OFF
has "$T/err" "uid$OFF: is disabled"
as_expect 1 $SUP assign "$A" nobody
has "$T/err" "nobody: is not on the staff"
as_expect 1 $SUP assign 2099-0001 uid$C1
has "$T/err" "2099-0001: unknown file number"
same "$(assigns)" 0 "(refused assigns were recorded)"

# a person not enrolled yet gets a counsellor too (kept on the participant)
as_expect 0 $SUP assign "$A" uid$C1
has "$T/out" "$A: counsellor uid$C1"
same "$(sql "SELECT counsellor FROM participant WHERE file_no = '$A'")" "uid$C1"
same "$(sql "SELECT login || '|' || action || '|' || file_no || '|' || detail FROM audit WHERE action = 'assign'")" \
	"uid$SUP|assign|$A|- -> uid$C1"
as_expect 0 $SUP assign "$A" uid$C1
has "$T/out" "$A is already followed by uid$C1"
same "$(assigns)" 1 "(an assign that changes nothing is not recorded)"
# the enrolled person moves from one caseload to another
as_expect 0 $SUP assign "$B" uid$C1
has "$T/out" "$B: counsellor uid$C1 (was uid$C2)"
same "$(sql "SELECT detail FROM audit WHERE action = 'assign' ORDER BY seq DESC LIMIT 1")" "uid$C2 -> uid$C1"
# ... and the caseload follows: C1 reads B's profile, C2 no longer does
expect 0 submit profile "$B" --set wellbeing=3 --set support_note=Secret-B
as_expect 0 $C1 show "$B"
has "$T/out" "Secret-B"
as_expect 0 $C2 show "$B"
hasnt "$T/out" "Secret-B"
as_expect 0 $SUP assign "$B" uid$C2
expect 0 audit verify

# ---- exceptional access ----
# without a reason: the intake-level view, and how to ask
as_expect 0 $C2 show "$A"
has "$T/out" "Côté, Élisabeth  $A"
hasnt "$T/out" "Secret-A"
has "$T/out" "This person is not in your caseload"
has "$T/out" "parcours show $A --exceptional \"REASON\""
# the person's counsellor and the front desk are not told to ask
as_expect 0 $C1 show "$A"
hasnt "$T/out" "not in your caseload"
as_expect 0 $FD show "$A"
hasnt "$T/out" "not in your caseload"
# the reason is required, not blank, one line
as_expect 2 $C2 show "$A" --exceptional
as_expect 1 $C2 show "$A" --exceptional "   "
has "$T/err" "reason: say why you open this file outside your caseload"
hasnt "$T/out" "Secret-A"
as_expect 1 $C2 show "$A" --exceptional "$(printf 'two\nlines')"
has "$T/err" "reason: must not contain control characters"
same "$(sql "SELECT count(*) FROM audit WHERE action = 'exceptional_access'")" 0 "(a refused reason was recorded)"
# only a counsellor may ask
as_expect 1 $FD show "$A" --exceptional "at the desk"
has "$T/err" "only a counsellor may open a file outside their caseload"
hasnt "$T/out" "Secret-A"
# with a reason: recorded first, then the forms as for the person's counsellor
as_expect 0 $C2 show "$A" --exceptional "  Covering for uid$C1 (sick leave)  "
has "$T/out" "Secret-A"
has "$T/out" "Psychosocial profile (revision 1"
hasnt "$T/out" "Not shown"
same "$(sql "SELECT login || '|' || face || '|' || file_no || '|' || detail FROM audit WHERE action = 'exceptional_access'")" \
	"uid$C2|cli|$A|Covering for uid$C1 (sick leave)"
same "$(sql "SELECT action FROM audit WHERE seq = (SELECT max(seq) FROM audit)")" "read" "(the read follows the reason)"
as_expect 0 $C2 show "$A" --json --exceptional "Covering again"
same "$(jq_ "$T/out" '$.forms.profile.current.wellbeing')" 7
same "$(jq_ "$T/out" '$.not_shown')" ""
# reading only, and only for that command
as_expect 1 $C2 submit profile "$A" --set wellbeing=1
as_expect 0 $C2 show "$A"
hasnt "$T/out" "Secret-A"
# not needed: nothing recorded for the person's counsellor or a supervisor
before=$(sql "SELECT count(*) FROM audit WHERE action = 'exceptional_access'")
as_expect 0 $C1 show "$A" --exceptional "mine anyway"
as_expect 0 $SUP show "$A" --exceptional "I read everything"
same "$(sql "SELECT count(*) FROM audit WHERE action = 'exceptional_access'")" "$before" "(an access that gains nothing was recorded)"
expect 0 show --help
has "$T/out" "--exceptional"

# ---- audit --exceptional: only those, for supervisors ----
as_expect 0 $SUP audit --exceptional
has "$T/out" "exceptional_access"
has "$T/out" "Covering for uid$C1 (sick leave)"
has "$T/out" "Covering again"
hasnt "$T/out" " read "
hasnt "$T/out" " assign "
same "$(grep -c . "$T/out")" 2 "(audit --exceptional lines)"
as_expect 0 $SUP audit "$A" --exceptional --csv
same "$(grep -c exceptional_access "$T/out")" 2
as_expect 0 $SUP audit --exceptional --by uid$C1
same "$(grep -c . "$T/out")" 0 "(C1 asked for nothing)"
as_expect 1 $C2 audit --exceptional
expect 0 audit --help
has "$T/out" "--exceptional"
expect 0 audit verify

# French messages
export LANGUAGE=fr
as_expect 1 $C1 assign "$A" uid$C2
has "$T/err" "seule une personne superviseure peut"
as_expect 0 $C2 show "$A"
has "$T/out" "pas dans votre charge de cas"
finish
