# PAAS Action eligibility (paas-action-2011.txt, slide 10: last-resort
# financial assistance, far from the labour market, difficulties that keep
# the person from labour-market measures): the intake asks the three
# conditions, programmes.yaml names the answers that make a person eligible,
# and an enrolment of a person who does not meet them is refused unless a
# supervisor confirms the exception with a reason, which is kept, audited
# and shown (show, show --json, export-person).
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
[ "$(id -u)" = 0 ] || { echo "FAIL: this test plays other uids with setpriv: run it as root" >&2; exit 1; }
C1=54701 SUP=54702
expect 0 init
expect 0 staff add uid$C1 --name "Counsellor One" --role counsellor
expect 0 staff add uid$SUP --name "Super Visor" --role supervisor
# an intake with only the answers given (lib.sh's intake answers the conditions)
bare() {
	run participant add --set family_name="$1" --set given_name="$2" --set birth_date="$3" \
		--set consent_date=2026-03-15 --set consent_sharing=oui "${@:4}"
}
enrols() { sql "SELECT count(*) FROM enrolment"; }
exceptions() { sql "SELECT count(*) FROM eligibility_exception"; }

# an eligible person enrols silently: nothing on stderr, nothing kept
bare Eligible Ève 1980-01-01 --set income_source=last_resort \
	--set far_from_labour_market=oui --set employment_barriers=oui
E=$(cat "$T/out")
as_expect 0 $C1 enrol "$E" paas_action --start 2026-02-01
same "$(cat "$T/err")" "" "(an eligible enrolment printed something)"
same "$(exceptions)" 0 "(an eligible enrolment kept an exception)"

# no income source: refused for a counsellor, each condition named in words
bare Sansrevenu Samuel 1975-05-05 --set far_from_labour_market=oui
N=$(cat "$T/out")
as_expect 1 $C1 enrol "$N" paas_action --start 2026-02-01
has "$T/err" "eligibility: not answered in the intake: receives last-resort financial assistance"
has "$T/err" "eligibility: not answered in the intake: has difficulties that keep them from labour-market measures"
hasnt "$T/err" "far from the labour market"
has "$T/err" "a supervisor confirms the exception"
same "$(enrols)" 1 "(a refused enrolment was stored)"
# an income source that is not last-resort assistance is not met
bare Emploi Émile 1990-09-09 --set income_source=employment \
	--set far_from_labour_market=non --set employment_barriers=oui
W=$(cat "$T/out")
as_expect 1 $C1 enrol "$W" paas_action --start 2026-02-01
has "$T/err" "eligibility: not met: receives last-resort financial assistance"
has "$T/err" "eligibility: not met: is far from the labour market"
# a counsellor cannot confirm an exception, and a pending one enrols no one
as_expect 1 $C1 enrol "$N" paas_action --start 2026-02-01 --exception "asked by the CLE"
has "$T/err" "only a supervisor may confirm an exception to a programme's eligibility"
same "$(enrols)" 1 "(a counsellor's exception enrolled)"
same "$(exceptions)" 0
# nor may a supervisor enrol without saying why
as_expect 1 $SUP enrol "$N" paas_action --start 2026-02-01
has "$T/err" "--exception"
as_expect 1 $SUP enrol "$N" paas_action --start 2026-02-01 --exception "   "
has "$T/err" "exception: give the reason"
# an eligible person has no exception to confirm
as_expect 1 $SUP enrol "$E" paas_action --start 2026-02-01 --exception "why not"
has "$T/err" "meets every condition"

# a supervisor confirms it: enrolled, warned, the exception kept and audited
as_expect 0 $SUP enrol "$N" paas_action --start 2026-02-01 --exception "Referred by the CLE; income being reviewed"
has "$T/out" "enrolled in"
has "$T/err" "not answered in the intake: receives last-resort financial assistance"
same "$(enrols)" 2
same "$(exceptions)" 1
same "$(sql "SELECT confirmed_by || '|' || reason FROM eligibility_exception")" \
	"uid$SUP|Referred by the CLE; income being reviewed"
same "$(sql "SELECT json_array_length(conditions, '\$.conditions') FROM eligibility_exception")" 2
same "$(sql "SELECT count(*) FROM audit WHERE detail LIKE 'eligibility exception %' AND login = 'uid$SUP'")" 1
same "$(sql "SELECT count(*) FROM audit WHERE detail LIKE '%income_source%' AND detail LIKE '%income being reviewed%'")" 1
# ... shown by show, show --json and export-person
expect 0 show "$N"
has "$T/out" "eligibility exception confirmed by uid$SUP"
has "$T/out" "Referred by the CLE; income being reviewed"
has "$T/out" "not answered in the intake: receives last-resort financial assistance"
expect 0 show "$N" --json
cp "$T/out" "$T/n.json"
same "$(jq_ "$T/n.json" '$.enrolments[0].eligibility_exception.reason')" \
	"Referred by the CLE; income being reviewed"
same "$(jq_ "$T/n.json" '$.enrolments[0].eligibility_exception.by')" "uid$SUP"
same "$(jq_ "$T/n.json" '$.enrolments[0].eligibility_exception.conditions[0].field')" "income_source"
same "$(jq_ "$T/n.json" '$.enrolments[0].eligibility_exception.conditions[0].state')" "unknown"
same "$(jq_ "$T/n.json" '$.enrolments[0].eligibility_exception.no_intake')" 0
expect 0 show "$E" --json
same "$(jq_ "$T/out" '$.enrolments[0].eligibility_exception')" "" "(an eligible enrolment shows an exception)"
expect 0 export-person "$N"
has "$T/out" "Referred by the CLE; income being reviewed"
expect 0 export-person "$N" --json
cp "$T/out" "$T/x.json"
same "$(jq_ "$T/x.json" '$.enrolments[0].eligibility_exception.reason')" \
	"Referred by the CLE; income being reviewed"
# in French too
LANGUAGE=fr LANG=fr_CA.UTF-8 run show "$N"
has "$T/out" "exception à l'admissibilité confirmée par uid$SUP"
has "$T/out" "pas de réponse à l'accueil : reçoit l'aide financière de dernier recours"

# programmes without an eligibility block check nothing
bare Chantier Chloé 1988-08-08
as_expect 0 $C1 enrol "$(cat "$T/out")" chantier --start 2026-02-01 --hours 40
same "$(cat "$T/err")" ""

# intakes saved under version 1 of the form (without the new questions) read
# and count as unknown, never as eligible
mkdir -p "$T/old"
cp "$SRC"/forms/*.yaml "$T/old/"
awk '/^      - name: (far_from_labour_market|employment_barriers)$/ { skip = 1; next }
	/^      - name: / || /^  - title:/ { skip = 0 }
	!skip' "$SRC/forms/intake.yaml" | sed 's/^version: 2$/version: 1/' >"$T/old/intake.yaml"
rm "$T/old/programmes.yaml" # the programmes asked nothing of the intake then
PARCOURS_FORMS=$T/old bare Ancien André 1970-07-07 --set income_source=last_resort
O=$(cat "$T/out")
same "$(sql "SELECT form_version FROM revision r JOIN participant p ON p.id = r.participant_id WHERE p.file_no = '$O'")" 1
expect 0 show "$O"
has "$T/out" "Social assistance"
as_expect 1 $C1 enrol "$O" paas_action --start 2026-02-01
hasnt "$T/err" "last-resort"
has "$T/err" "not answered in the intake: is far from the labour market"

# forms check refuses a bad eligibility block, with its place and a clear message
mkdir -p "$T/forms"
cp "$SRC"/forms/*.yaml "$T/forms/"
sed -i 's/- field: income_source/- field: income_sorce/' "$T/forms/programmes.yaml"
expect 3 forms check "$T/forms"
has "$T/err" "programmes.yaml:"
has "$T/err" "the intake has no field \"income_sorce\"; did you mean \"income_source\"?"
# ... and so does every command, rather than refuse everyone's enrolment
PARCOURS_FORMS=$T/forms run show "$E"
same "$rc" 3 "(a command ran with a bad eligibility block)"
has "$T/err" "the intake has no field \"income_sorce\""
cp "$SRC/forms/programmes.yaml" "$T/forms/"
sed -i 's/in: \[last_resort, social_solidarity\]/in: [last_resort, lottery]/' "$T/forms/programmes.yaml"
expect 3 forms check "$T/forms"
has "$T/err" "\"lottery\" is not a choice of the intake's \"income_source\""
cp "$SRC/forms/programmes.yaml" "$T/forms/"
sed -i 's/in: \[last_resort, social_solidarity\]/of: [last_resort]/' "$T/forms/programmes.yaml"
expect 3 forms check "$T/forms"
has "$T/err" "unknown key \"of\" in an eligibility condition"
cp "$SRC/forms/programmes.yaml" "$T/forms/"
sed -i '0,/in: \[true\]/s//in: [maybe]/' "$T/forms/programmes.yaml"
expect 3 forms check "$T/forms/programmes.yaml"
has "$T/err" "\"maybe\" is not a choice of the intake's \"far_from_labour_market\""
expect 0 forms check "$SRC/forms"
finish
