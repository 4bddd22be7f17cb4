# The console starts without reading any form but the programmes file: a
# broken definition leaves the list usable, and is said (file name, line,
# column, message) when a screen that needs it opens (a participant's file
# has a tab per form). In English.
. "$SRC/tests/e2e/lib.sh"
export LANGUAGE=en PARCOURS_LANG=en
F=$T/forms
cp -r "$SRC/forms" "$F"
export PARCOURS_FORMS=$F
intake Côté Élisabeth 1985-03-02
# a programme no programmes.yaml entry has: the list labels it as the intake does
pc participant add --set family_name=Dubé --set given_name=Anne --set birth_date=1980-01-01 \
	--set consent_date=2026-03-15 --set consent_sharing=oui --set programme=other \
	--set programme_other="Projet local" --set start_date=2026-03-16
same "$rc" 0 "(intake with another programme)"
printf 'sections:\n  - [oops\n' >>"$F/skills.yaml"
line=$(($(wc -l <"$F/skills.yaml") + 1))

start --lang en
wait_for "2026-0001 Côté, Élisabeth"
wait_for "2026-0002 Dubé, Anne          1980-01-01 Other"
keys Enter
wait_for "skills.yaml:$line:1: YAML syntax error"
# still the list, and it still searches
type_ "zz"
wait_for "No participant matches this search."
keys C-q
clean_exit

# a broken intake, which the list does not need (its programme labels are
# the programmes file's, its hours the month totals'), leaves the list
# usable; it is said where it is needed: a new intake, a file (whose
# enrolment line checks the programmes' conditions against the intake)
cp "$SRC/forms/skills.yaml" "$F/skills.yaml"
printf 'bogus_key: 1\n' >>"$F/intake.yaml"
line=$(wc -l <"$F/intake.yaml")
start --lang en
wait_for "2026-0001 Côté, Élisabeth"
keys IC
wait_for "intake.yaml:$line:1:"
wait_for "Participants: everyone"
keys Enter
wait_for "intake.yaml:$line:1:"
wait_for "Participants: everyone"
keys C-q
clean_exit

# a condition of programmes.yaml on a field the intake does not have: the
# list shows, and the file, which reads the conditions, says where it is
cp "$SRC/forms/intake.yaml" "$F/intake.yaml"
sed 's/far_from_labour_market$/far_from_labour_markets/' "$SRC/forms/programmes.yaml" \
	>"$F/programmes.yaml"
grep -q "far_from_labour_markets" "$F/programmes.yaml" && ok || bad "programmes.yaml not edited"
start --lang en
wait_for "2026-0001 Côté, Élisabeth"
keys Enter
wait_for "programmes.yaml:"
wait_for "far_from_labour_markets"
keys C-q
clean_exit
finish
