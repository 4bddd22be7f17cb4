# Per-form access (forms' `access:`): `forms check` validates the block, and
# the core enforces it behind every face, so each role sees and does exactly
# what the shipped forms allow. Other users are played with setpriv (as in
# test_staff.sh), which needs root.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en

# ---- the language: forms check ----
mkdir -p "$T/f"
form() { # form FILE ACCESS-LINES...: a small form with that access block
	local f=$T/f/$1
	shift
	{
		printf 'form: t\nversion: 1\ntitle: T\n'
		printf '%s\n' "$@"
		printf 'sections:\n  - fields:\n      - {name: a, type: text, label: A}\n'
	} >"$f"
}
form ok.yaml 'access:' '  read: [frontdesk, caseload, supervisor]' '  write: [caseload]'
expect 0 forms check "$T/f/ok.yaml"
form none.yaml
expect 0 forms check "$T/f/none.yaml"
form typo.yaml 'access:' '  read: [counselor, supervisor]'
expect 3 forms check "$T/f/typo.yaml"
has "$T/err" "typo.yaml:5:10: unknown role \"counselor\"; did you mean \"counsellor\"?"
form boss.yaml 'access:' '  read: [boss]'
expect 3 forms check "$T/f/boss.yaml"
has "$T/err" "boss.yaml:5:10: unknown role \"boss\": use admin, supervisor, counsellor, frontdesk or caseload"
form shape.yaml 'access: everyone'
expect 3 forms check "$T/f/shape.yaml"
has "$T/err" "shape.yaml:4:9: \"access\" must be a mapping"
form list.yaml 'access:' '  read: supervisor'
expect 3 forms check "$T/f/list.yaml"
has "$T/err" "list.yaml:5:9: \"read\" must be a non-empty list of roles"
form key.yaml 'access:' '  raed: [supervisor]'
expect 3 forms check "$T/f/key.yaml"
has "$T/err" "key.yaml:5:3: unknown key \"raed\" in access; did you mean \"read\"?"
form twice.yaml 'access:' '  read: [supervisor, supervisor]'
expect 3 forms check "$T/f/twice.yaml"
has "$T/err" "twice.yaml:5:22: \"supervisor\" appears twice"
form blind.yaml 'access:' '  read: [supervisor]' '  write: [frontdesk, supervisor]'
expect 3 forms check "$T/f/blind.yaml"
has "$T/err" "blind.yaml:6:10: \"frontdesk\" may write this form but not read it"
# the shipped forms say who may read them
for f in intake profile skills plan evaluation followup referral participation; do
	if grep -q '^access:' "$SRC/forms/$f.yaml"; then ok; else bad "forms/$f.yaml has no access:"; fi
done

# ---- enforcement: one office, four kinds of staff ----
[ "$(id -u)" = 0 ] || { echo "FAIL: this test plays other uids with setpriv: run it as root" >&2; exit 1; }
FD=54401 C1=54402 C2=54403 SUP=54404 ADM=54405
expect 0 init
expect 0 staff add uid$FD --name "Front Desk" --role frontdesk
expect 0 staff add uid$C1 --name "Counsellor One" --role counsellor
expect 0 staff add uid$C2 --name "Counsellor Two" --role counsellor
expect 0 staff add uid$SUP --name "Super Visor" --role supervisor
expect 0 staff add uid$ADM --name "Admin Only" --role admin
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
expect 0 enrol "$A" paas_action --start 2026-01-15 --counsellor uid$C1
expect 0 enrol "$B" paas_action --start 2026-01-15 --counsellor uid$C2
expect 0 submit profile "$A" --set wellbeing=7
expect 0 submit profile "$B" --set wellbeing=3
expect 0 submit participation "$A" --period 2026-02 \
	--set entries.1.date=2026-02-03 --set entries.1.activity=work --set entries.1.hours=4
reads() { sql "SELECT count(*) FROM audit WHERE action = 'read'"; }

# show (text and JSON): who sees which forms of A
all_forms='Intake Psychosocial profile Skills assessment Action plan Participation Follow-up'
hidden_all_but_intake='Not shown, your roles do not allow them: Psychosocial profile, Skills assessment, Action plan, Participation, Follow-up, Referral, Evaluation'
for who in FD C2; do
	as_expect 0 "${!who}" show "$A"
	has "$T/out" "Côté, Élisabeth  $A"
	has "$T/out" "$hidden_all_but_intake"
	has "$T/out" "Intake (revision 1"
	hasnt "$T/out" "Psychosocial profile (revision"
	hasnt "$T/out" "Participation 2026-02"
	as_expect 0 "${!who}" show "$A" --json
	same "$(jq_ "$T/out" '$.not_shown')" '["profile","skills","plan","participation","followup","referral","evaluation"]' "($who)"
	same "$(jq_ "$T/out" '$.forms.profile')" "" "($who)"
	same "$(jq_ "$T/out" '$.forms.participation')" "" "($who)"
	same "$(jq_ "$T/out" '$.forms.intake.current.family_name')" "Côté" "($who)"
done
for who in C1 SUP; do
	as_expect 0 "${!who}" show "$A"
	hasnt "$T/out" "Not shown"
	has "$T/out" "Psychosocial profile (revision 1"
	has "$T/out" "Participation 2026-02"
	as_expect 0 "${!who}" show "$A" --json
	same "$(jq_ "$T/out" '$.not_shown')" "" "($who)"
	same "$(jq_ "$T/out" '$.forms.profile.current.wellbeing')" "7" "($who)"
done
# C1 is not B's counsellor: B's intake only
as_expect 0 $C1 show "$B"
has "$T/out" "$hidden_all_but_intake"
hasnt "$T/out" "Psychosocial profile (revision"
# an administrator who is not a supervisor sees no participant content, and
# a refused read is not recorded as a read
before=$(reads)
as_expect 1 $ADM show "$A"
has "$T/err" "$A: your roles (admin) do not allow reading any form of a participant's file"
same "$(wc -c <"$T/out")" 0
as_expect 1 $ADM show "$A" --json
same "$(reads)" "$before"
# the profile is not even fetched for a frontdesk read: a damaged profile
# row does not stop their show, while it stops the supervisor's
saved=$(sql "SELECT answers FROM revision WHERE form = 'profile' AND participant_id = (SELECT id FROM participant WHERE file_no = '$A')")
sql "PRAGMA ignore_check_constraints = 1; DROP TRIGGER revision_never_updated;
     UPDATE revision SET answers = '{broken' WHERE form = 'profile'"
same "$(sql "SELECT count(*) FROM revision WHERE answers = '{broken'")" 2
as_expect 0 $FD show "$A"
as_expect 0 $C2 show "$A" --json
as_expect 3 $SUP show "$A"
as_expect 3 $C1 show "$A" --json
sql "UPDATE revision SET answers = '$saved' WHERE form = 'profile'"

# export: every row for a role that reads the form, a counsellor's caseload
# only for caseload forms, refused otherwise (exit 1, why)
rows() { tail -n +2 "$T/out" | cut -d, -f1 | tr '\n' ' '; }
as_expect 0 $FD export intake
same "$(rows)" "$A $B "
as_expect 1 $FD export profile
has "$T/err" "profile: your roles (frontdesk) do not allow exporting this form; it is read by: supervisor, the person's counsellor"
same "$(wc -c <"$T/out")" 0
for f in skills plan participation followup; do
	as_expect 1 $FD export $f
	has "$T/err" "$f: your roles (frontdesk) do not allow exporting this form"
	as_expect 1 $ADM export $f
done
as_expect 1 $ADM export intake
as_expect 0 $C1 export profile
same "$(rows)" "$A "
as_expect 0 $C2 export profile
same "$(rows)" "$B "
as_expect 0 $C2 export participation
same "$(rows)" ""
as_expect 0 $C1 export intake
same "$(rows)" "$A $B "
as_expect 0 $SUP export profile
same "$(rows)" "$A $B "
same "$(sql "SELECT detail FROM audit WHERE action = 'export' AND login = 'uid$C2' ORDER BY seq DESC LIMIT 1")" "format=csv caseload"
same "$(sql "SELECT count(*) FROM audit WHERE action = 'export' AND login IN ('uid$FD', 'uid$ADM') AND form <> 'intake'")" 0

# submit: the profile by its counsellor and supervisors only; the intake by
# the front desk, the person's counsellor and supervisors
as_expect 1 $FD submit profile "$A" --set wellbeing=5
has "$T/err" "profile: your roles (frontdesk) do not allow changing this form; it is written by: supervisor, the person's counsellor"
as_expect 1 $C2 submit profile "$A" --set wellbeing=5
has "$T/err" "profile: your roles (counsellor) do not allow changing this form"
as_expect 1 $ADM submit profile "$A" --set wellbeing=5
as_expect 0 $C1 submit profile "$A" --set wellbeing=5
as_expect 0 $SUP submit profile "$A" --set wellbeing=6
same "$(sql "SELECT group_concat(saved_by, ' ') FROM (SELECT saved_by FROM revision WHERE form = 'profile' AND participant_id = (SELECT id FROM participant WHERE file_no = '$A') ORDER BY revision)")" \
	"$(id -un) uid$C1 uid$SUP"
as_expect 0 $FD submit intake "$A" --set phone=819-555-0101
as_expect 0 $C1 submit intake "$A" --set phone=819-555-0102
as_expect 1 $C2 submit intake "$A" --set phone=819-555-0103
has "$T/err" "intake: your roles (counsellor) do not allow changing this form"
as_expect 1 $ADM submit intake "$A" --set phone=819-555-0104
# participant add: the intake's writers, without caseload (a new person has no counsellor)
as_expect 0 $FD participant add --set family_name=Roy --set given_name=Paul --set birth_date=1990-01-01 \
	--set consent_date=2026-03-15 --set consent_sharing=oui
as_expect 1 $C1 participant add --set family_name=Roy --set given_name=Lise --set birth_date=1990-01-01 \
	--set consent_date=2026-03-15 --set consent_sharing=oui
has "$T/err" "intake: your roles (counsellor) do not allow changing this form"
as_expect 1 $ADM participant add --set family_name=Roy --set given_name=Lise --set birth_date=1990-01-01 \
	--set consent_date=2026-03-15 --set consent_sharing=oui
same "$(sql "SELECT count(*) FROM participant")" 3

# find stays open to every staff member (intake-level data only)
for who in FD C1 C2 SUP ADM; do
	as_expect 0 "${!who}" participant find Côté
	has "$T/out" "$A"
done

# reports count every participant's hours: supervisors only
for who in FD C1 ADM; do
	as_expect 1 "${!who}" report month 2026-02
	has "$T/err" "only a supervisor may run reports"
	as_expect 1 "${!who}" report below 2026-02
	as_expect 1 "${!who}" report year 2026
done
as_expect 0 $SUP report month 2026-02
has "$T/out" "$A"

finish
