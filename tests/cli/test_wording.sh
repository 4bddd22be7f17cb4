# The French reads as Québec French (issue 14): epicene wording, never the
# point médian ("intervenant·e"); a message starts with a capital where its
# English does (po_capitals.awk); counted words agree with their number; and
# the n key of the list says "Nouvel accueil", not an enrolment.
. "$SRC/tests/cli/lib.sh"

cd "$SRC" || exit 1
# a point médian between letters, in any translation or form label
if grep -nE '^msgstr.*[[:alpha:]]·[[:alpha:]]' po/fr.po >"$T/pm"; then
	bad "po/fr.po uses the point médian:"; head -5 "$T/pm" >&2
else ok; fi
if grep -nE '[[:alpha:]]·[[:alpha:]]' forms/*.yaml >"$T/pm"; then
	bad "forms use the point médian:"; head -5 "$T/pm" >&2
else ok; fi
awk -f tests/cli/po_capitals.awk po/fr.po >"$T/caps"
if [ -s "$T/caps" ]; then bad "po/fr.po does not start as the English does:"; head -10 "$T/caps" >&2; else ok; fi
grep -A1 '^msgid "New intake"$' po/fr.po >"$T/n"
has "$T/n" 'msgstr "Nouvel accueil"'

# counted: 1 and 2 people in the month report's totals, in both languages
cd "$T" || exit 1
expect 0 init
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
expect 0 enrol "$A" paas_action --start 2026-01-15
expect 0 report month 2026-02
has "$T/out" "1 personne participante, "
expect 0 --lang en report month 2026-02
has "$T/out" "1 participant, "
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
expect 0 enrol "$B" paas_action --start 2026-01-15
expect 0 report month 2026-02
has "$T/out" "2 personnes participantes, "
expect 1 enrol "$A" paas_action --start 2026-01-15
has "$T/err" "inscription à PAAS Action déjà en cours depuis le 15 janvier 2026"
finish
