# A calculated value is checked like a typed one in the console too: a date
# calculation giving text, and a calculation stopped by the time limit, are
# shown at their field and nothing is saved.
. "$SRC/tests/e2e/lib.sh"

mkdir "$T/forms"
cp "$SRC"/forms/*.yaml "$T/forms/"
# the form of tests/cli/test_form_limits.sh
sed -n '/^cat >"\$T\/forms\/checks.yaml"/,/^EOF/p' "$SRC/tests/cli/test_form_limits.sh" |
	sed '1d;$d' >"$T/forms/checks.yaml"
export PARCOURS_FORMS=$T/forms
pc init
intake Côté Élisabeth 1985-03-02
ENV="PARCOURS_FORMS=$T/forms" start
wait_for "2026-0001 Côté, Élisabeth"
keys Enter
wait_for "Dossier 2026-0001"
keys 9  # after the 8 shipped forms
wait_for "Checks"
keys Enter
wait_for "> Mode"
type_ "1"
keys F2
wait_for "le calcul donne une valeur refusée ici : date attendue"
wait_for "Non enregistré : une réponse à corriger."
# a good date, then an answer that makes a calculation run away
keys BSpace
type_ "3"
keys Tab
wait_for "When        : 2026-02-28"
keys Tab Tab
wait_for "> Weeks"
type_ "5"
keys F2
wait_for "ce calcul n’a pas pu aboutir : l’expression a pris trop de"
wait_for "Non enregistré : une réponse à corriger."
pc show 2026-0001 --json
if grep -qF '"checks"' "$T/out"; then bad "a refused calculation was saved"; else ok; fi
finish
