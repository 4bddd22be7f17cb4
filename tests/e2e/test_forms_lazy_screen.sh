# The console starts without reading every form: a broken definition of a
# form the list does not need leaves the list usable, and is said (file
# name, line, column, message) when a participant's file, which has a tab
# per form, is opened. In English.
. "$SRC/tests/e2e/lib.sh"
export LANGUAGE=en PARCOURS_LANG=en
F=$T/forms
cp -r "$SRC/forms" "$F"
export PARCOURS_FORMS=$F
intake Côté Élisabeth 1985-03-02
printf 'sections:\n  - [oops\n' >>"$F/skills.yaml"
line=$(($(wc -l <"$F/skills.yaml") + 1))

start --lang en
wait_for "2026-0001 Côté, Élisabeth"
keys Enter
wait_for "skills.yaml:$line:1: YAML syntax error"
# still the list, and it still searches
type_ "zz"
wait_for "No participant matches this search."
keys C-q
clean_exit

# a broken intake, which the list does need, stops the start as before
cp "$SRC/forms/skills.yaml" "$F/skills.yaml"
printf 'bogus_key: 1\n' >>"$F/intake.yaml"
start --lang en
wait_exit
same "$exit_status" 3 "(exit status)"
grep -qF "$F/intake.yaml:" "$T/stderr" && ok || bad "no message for the broken intake"
finish
