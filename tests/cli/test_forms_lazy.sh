# Forms are read when first needed: a command that needs one form is not
# stopped by a broken definition of another, yet every guarantee holds: the
# broken form still gets its FILE:LINE:COL message and exit 3 as soon as it
# is needed, commands that need every form still check them all, two files
# with one id, the programmes against the intake, and each form's access.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
F=$T/forms
cp -r "$SRC/forms" "$F"
export PARCOURS_FORMS=$F
expect 0 init
intake Côté Élisabeth 1985-03-02
A=$(cat "$T/out")

# skills.yaml broken half-way down (after its `form:` line)
printf 'sections:\n  - [oops\n' >>"$F/skills.yaml"
expect 0 submit profile "$A" --set wellbeing=7
has "$T/out" "revision 1 saved"
expect 0 submit profile "$A" --dry-run --set wellbeing=6
expect 0 participant find Côté
# the broken form itself: its message, exit 3, nothing stored
expect 3 submit skills "$A" --set strengths=x
has "$T/err" "$F/skills.yaml:"
has "$T/err" "YAML syntax error"
same "$(sql "SELECT count(*) FROM revision WHERE form = 'skills'")" 0
# what needs every form checks them all
expect 3 show "$A"
has "$T/err" "$F/skills.yaml:"
expect 3 check
has "$T/err" "$F/skills.yaml:"
expect 3 forms check "$F"
has "$T/err" "$F/skills.yaml:"
cp "$SRC/forms/skills.yaml" "$F/skills.yaml"
expect 0 show "$A"

# a form whose file does not start with `form:` is still found
{ echo "version: 1"; grep -v '^version:' "$SRC/forms/profile.yaml"; } >"$F/profile.yaml"
expect 0 submit profile "$A" --set wellbeing=5
has "$T/out" "revision 2 saved"
cp "$SRC/forms/profile.yaml" "$F/profile.yaml"
# an unknown form is refused as before, and the message names the folder
expect 1 submit nosuchform "$A" --set x=1
has "$T/err" "there is no form \"nosuchform\" in $F"

# two files with the same id: refused before anything is saved
sed 's/^form: skills$/form: profile/' "$SRC/forms/skills.yaml" >"$F/skills.yaml"
expect 3 submit profile "$A" --set wellbeing=4
has "$T/err" "the form id \"profile\" is already used by"
same "$(sql "SELECT count(*) FROM revision WHERE form = 'profile'")" 2
cp "$SRC/forms/skills.yaml" "$F/skills.yaml"

# the programmes are still checked against the intake by what can enrol
# (every command that loads all forms; the console when a file or an
# enrolment opens, tests/e2e/test_forms_lazy_screen.sh); a save of another
# form reads no eligibility condition, so it neither loads the intake for
# them nor is stopped by them
sed 's/far_from_labour_market/far_from_labour_markets/' "$SRC/forms/programmes.yaml" \
	>"$F/programmes.yaml"
expect 3 enrol "$A" paas_action --start 2026-02-01
has "$T/err" "$F/programmes.yaml:"
has "$T/err" "far_from_labour_markets"
expect 3 show "$A"
has "$T/err" "far_from_labour_markets"
expect 0 submit profile "$A" --set wellbeing=3
has "$T/out" "revision 3 saved"
cp "$SRC/forms/programmes.yaml" "$F/programmes.yaml"
# ... and a broken intake stops a command that needs it, not a profile save
printf 'bogus_key: 1\n' >>"$F/intake.yaml"
expect 3 enrol "$A" paas_action --start 2026-02-01
has "$T/err" "$F/intake.yaml:"
expect 3 submit intake "$A" --set given_name=Élise
has "$T/err" "$F/intake.yaml:"
expect 0 submit profile "$A" --set wellbeing=2
has "$T/out" "revision 4 saved"
cp "$SRC/forms/intake.yaml" "$F/intake.yaml"

# programmes.yaml is read by what its rules serve: a save of the monthly
# participation (its hours are checked against the programme), an
# enrolment, a report; a save of another form reads none of it, so it is
# not stopped by it either, and the programmes' own problem is still told
# to whatever needs them
printf 'programmes:\n  - [oops\n' >"$F/programmes.yaml"
expect 0 submit profile "$A" --set wellbeing=1
has "$T/out" "revision 5 saved"
expect 3 submit participation "$A" --period 2026-02 --set hours_work=2
has "$T/err" "$F/programmes.yaml:"
has "$T/err" "YAML syntax error"
same "$(sql "SELECT count(*) FROM revision WHERE form = 'participation'")" 0
expect 3 enrol "$A" paas_action --start 2026-02-01
has "$T/err" "$F/programmes.yaml:"
expect 3 report month 2026-02
has "$T/err" "$F/programmes.yaml:"
cp "$SRC/forms/programmes.yaml" "$F/programmes.yaml"

# the access rules of a form read on demand still apply
sed 's/^  write: \[caseload, supervisor\]$/  write: [caseload]/' "$SRC/forms/profile.yaml" \
	>"$F/profile.yaml"
grep -q '^  write: \[caseload\]$' "$F/profile.yaml" && ok || bad "profile.yaml not edited"
expect 1 submit profile "$A" --set wellbeing=4
has "$T/err" "do not allow changing this form"
cp "$SRC/forms/profile.yaml" "$F/profile.yaml"
expect 0 submit profile "$A" --set wellbeing=4
finish
